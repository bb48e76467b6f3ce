# Shared by the proof scripts (e2e-browser, e2e-instances, e2e-crash, fuzz-pos, load, pg-restore-drill): a work
# folder, PostgreSQL, `boutique` processes, nginx and pgbouncer, each started by the script and stopped on
# exit. Source it; never run it. Every process it starts is remembered by PID and only those are
# stopped. Ports: 127.0.0.1, 18400–18499.
#
#   BOUTIQUE_BIN          the executable (default .build/debug/boutique; CI builds it first)
#   BOUTIQUE_E2E_PG_URL   a PostgreSQL server to create scratch databases on (CI passes its own);
#                         unset: a throwaway cluster is started with scripts/pg-test-cluster
#   BOUTIQUE_E2E_PG_PORT  that cluster's port (default 55451)
#   BOUTIQUE_E2E_KEEP=1   keep the work folder (logs) after the run

e2e_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BOUTIQUE_BIN=${BOUTIQUE_BIN:-$e2e_root/.build/debug/boutique}
e2e_pids=()
e2e_pg_dir=""
e2e_nginx_pid=""
# Commands run at exit after the processes above are stopped (e2e-failover: the HA cluster).
e2e_exit_hooks=()
e2e_started=$(date +%s)

e2e_log() { printf '[%s %4ss] %s\n' "${e2e_name:-e2e}" "$(( $(date +%s) - e2e_started ))" "$*"; }
e2e_fail() { printf '[%s] FAILED: %s\n' "${e2e_name:-e2e}" "$*" >&2; exit 1; }

e2e_init() {
  e2e_name=$1
  [ -x "$BOUTIQUE_BIN" ] || e2e_fail "no executable at $BOUTIQUE_BIN (swift build)"
  e2e_work=$(mktemp -d "/tmp/boutique-$e2e_name.XXXXXX")
  chmod 755 "$e2e_work"
  trap e2e_cleanup EXIT
  trap 'exit 130' INT TERM
}

e2e_cleanup() {
  local status=$?
  set +e
  for pid in "${e2e_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${e2e_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  if [ -n "$e2e_nginx_pid" ]; then kill "$e2e_nginx_pid" 2>/dev/null; wait "$e2e_nginx_pid" 2>/dev/null; fi
  if [ -n "$e2e_pg_dir" ]; then "$e2e_root/scripts/pg-test-cluster" stop "$e2e_pg_dir"; rm -rf "$e2e_pg_dir"; fi
  for hook in "${e2e_exit_hooks[@]}"; do eval "$hook"; done
  if [ "$status" != 0 ]; then
    for log in "$e2e_work"/*.log; do
      [ -f "$log" ] || continue
      echo "---- last lines of $log" >&2; tail -n 25 "$log" >&2
    done
  fi
  if [ "${BOUTIQUE_E2E_KEEP:-0}" = 1 ] || [ "$status" != 0 ]; then
    echo "[${e2e_name:-e2e}] work folder kept: $e2e_work" >&2
  else
    rm -rf "$e2e_work"
  fi
  exit "$status"
}

# Forgets a PID (after kill -9 and wait).
e2e_forget() { local gone=$1 kept=() pid; for pid in "${e2e_pids[@]}"; do [ "$pid" = "$gone" ] || kept+=("$pid"); done; e2e_pids=("${kept[@]}"); }

# A fresh PostgreSQL database; sets e2e_db_url.
e2e_postgres() {
  local server=${BOUTIQUE_E2E_PG_URL:-}
  if [ -z "$server" ]; then
    e2e_pg_dir="$e2e_work-pg"
    server=$("$e2e_root/scripts/pg-test-cluster" start "$e2e_pg_dir" "${BOUTIQUE_E2E_PG_PORT:-55451}")
  fi
  local db="e2e_${e2e_name//-/_}_$$"
  PGOPTIONS="--client-min-messages=warning" psql -q -v ON_ERROR_STOP=1 "$server" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  e2e_db_url="${server%/*}/$db"
}

# Environment every process of a test shares: one database, one card key, demo data, fast hashing.
e2e_environment() {
  export BOUTIQUE_DATABASE_URL=${1:-sqlite://$e2e_work/shop.sqlite}
  export BOUTIQUE_DEMO=1 BOUTIQUE_BCRYPT_COST=4 BOUTIQUE_LOG_LEVEL=${BOUTIQUE_LOG_LEVEL:-notice}
  export BOUTIQUE_CARD_KEY=${BOUTIQUE_CARD_KEY:-$(python3 -c 'import os,base64;print(base64.b64encode(os.urandom(32)).decode())')}
  export BOUTIQUE_PSP_NOTIFY_DELAY=${BOUTIQUE_PSP_NOTIFY_DELAY:-1} BOUTIQUE_ISSUE_DELAY=${BOUTIQUE_ISSUE_DELAY:-2}
  export BOUTIQUE_POS_RATE=1000000 BOUTIQUE_POS_BURST=1000000
  export BOUTIQUE_DATA_DIR=$e2e_work/data
  mkdir -p "$BOUTIQUE_DATA_DIR"
}

# e2e_wait_url URL [SECONDS]
e2e_wait_url() {
  local deadline=$(( $(date +%s) + ${2:-90} ))
  while [ "$(date +%s)" -lt "$deadline" ]; do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  return 1
}

# e2e_start NAME PORT COMMAND [ARGS…]: starts `COMMAND ARGS` (a boutique command line) with
# BOUTIQUE_PORT=PORT (0: no port, a worker), logs to $e2e_work/NAME.log, waits for /health when it
# serves; sets e2e_pid and pid_NAME.
e2e_start() {
  local name=$1 port=$2; shift 2
  if [ "$port" = 0 ]; then "$@" >>"$e2e_work/$name.log" 2>&1 &
  else BOUTIQUE_PORT=$port "$@" >>"$e2e_work/$name.log" 2>&1 &
  fi
  e2e_pid=$!
  e2e_pids+=("$e2e_pid")
  eval "pid_$name=$e2e_pid"
  if [ "$port" != 0 ]; then
    e2e_wait_url "http://127.0.0.1:$port/health" 120 || e2e_fail "$name did not answer on port $port"
  fi
  if [ "$port" = 0 ]; then
    sleep 1; kill -0 "$e2e_pid" 2>/dev/null || e2e_fail "$name stopped at once"
    e2e_log "$name started (pid $e2e_pid)"
  else
    e2e_log "$name started (pid $e2e_pid, port $port)"
  fi
}

# e2e_kill9 NAME: SIGKILL of a process this script started.
e2e_kill9() {
  local pid
  eval "pid=\${pid_$1}"
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  e2e_forget "$pid"
  e2e_log "kill -9 $1 (pid $pid)"
}

# e2e_nginx LISTEN_PORT UPSTREAM_1 UPSTREAM_2: nginx with deploy/nginx/boutique.conf.template.
e2e_nginx() {
  local listen=$1 dir=$e2e_work/nginx
  mkdir -p "$dir/conf" "$dir/temp" "$dir/logs"
  chmod 777 "$dir/temp"
  BOUTIQUE_UPSTREAM_1=$2 BOUTIQUE_UPSTREAM_2=$3 NGINX_LISTEN=127.0.0.1:$listen \
    envsubst '${BOUTIQUE_UPSTREAM_1} ${BOUTIQUE_UPSTREAM_2} ${NGINX_LISTEN}' \
    <"$e2e_root/deploy/nginx/boutique.conf.template" >"$dir/conf/boutique.conf"
  {
    [ "$(id -u)" = 0 ] && echo "user root;"
    cat <<EOF
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
    log_format upstream '\$status \$upstream_addr "\$request"';
    access_log $dir/logs/access.log upstream;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    include $dir/conf/boutique.conf;
}
EOF
  } >"$dir/nginx.conf"
  nginx -t -p "$dir" -c "$dir/nginx.conf" >"$e2e_work/nginx-test.log" 2>&1 || { cat "$e2e_work/nginx-test.log" >&2; e2e_fail "nginx -t"; }
  nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' >>"$e2e_work/nginx.log" 2>&1 &
  e2e_nginx_pid=$!
  e2e_wait_url "http://127.0.0.1:$listen/health" 30 || e2e_fail "nginx did not answer on $listen"
  e2e_log "nginx on 127.0.0.1:$listen → $2, $3 (pid $e2e_nginx_pid)"
}

# The POS API key of a new till client (stores E2E-1, E2E-2).
e2e_pos_key() { "$BOUTIQUE_BIN" pos-client create --name "${1:-E2E}" --stores E2E-1,E2E-2 2>/dev/null | tail -n 1; }

# e2e_pgbouncer PORT SERVER_DATABASE_URL: pgbouncer on 127.0.0.1:PORT in transaction mode in front
# of that database (the trust-auth test cluster: auth_type=trust, the user listed in an auth_file);
# its log is $e2e_work/pgbouncer.log. Sets e2e_bouncer_url (same database name, through pgbouncer)
# and e2e_bouncer_admin (its admin console, for SHOW POOLS / SERVERS / CLIENTS / STATS).
#   E2E_PGBOUNCER_POOL   default_pool_size (default 20): server connections per database/user pair
e2e_pgbouncer() {
  local listen=$1 server=$2 dir=$e2e_work/pgbouncer host port user db
  read -r host port user db < <(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p.hostname, p.port or 5432, p.username or "postgres", p.path.lstrip("/"))' "$server")
  mkdir -p "$dir"
  echo "\"$user\" \"\"" >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
$db = host=$host port=$port dbname=$db user=$user

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $listen
; no Unix socket: nothing but the loopback port, and no file left in /tmp
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = $user
; transaction mode: a server connection is lent for one transaction (or one statement outside
; any), then goes back to the pool; the shop's pools (16 connections a process on 2 cores) share
; default_pool_size server connections.
pool_mode = transaction
default_pool_size = ${E2E_PGBOUNCER_POOL:-20}
max_client_conn = 500
; a client waiting longer than this for a server gets an error instead of hanging the test
query_wait_timeout = 30
log_connections = 1
log_disconnections = 1
INI
  # pgbouncer refuses to run as root: as root it switches to the cluster's user.
  if [ "$(id -u)" = 0 ]; then echo "user = postgres" >>"$dir/pgbouncer.ini"; chown -R postgres "$dir"; fi
  pgbouncer "$dir/pgbouncer.ini" >>"$e2e_work/pgbouncer.log" 2>&1 &
  e2e_bouncer_pid=$!
  e2e_pids+=("$e2e_bouncer_pid")
  e2e_bouncer_url="postgres://$user@127.0.0.1:$listen/$db"
  e2e_bouncer_admin="postgres://$user@127.0.0.1:$listen/pgbouncer"
  local deadline=$(( $(date +%s) + 30 ))
  until psql -X -At "$e2e_bouncer_url" -c "SELECT 1" >/dev/null 2>&1; do
    kill -0 "$e2e_bouncer_pid" 2>/dev/null || e2e_fail "pgbouncer stopped at once"
    [ "$(date +%s)" -lt "$deadline" ] || e2e_fail "pgbouncer did not answer on $listen"
    sleep 0.2
  done
  e2e_log "pgbouncer (transaction mode, pool ${E2E_PGBOUNCER_POOL:-20}) on 127.0.0.1:$listen → $host:$port/$db (pid $e2e_bouncer_pid)"
}
