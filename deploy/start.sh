#!/usr/bin/env bash
# Starts one Boutique process; what the Dockerfile's ENTRYPOINT, the systemd unit and CI run.
#   start.sh serve [ARGS…]    web instance (applies migrations first unless BOUTIQUE_MIGRATE=0)
#   start.sh worker           background jobs only (pair with `serve --no-workers`)
#   start.sh migrate          applies pending migrations and exits
#   start.sh ANY-COMMAND …    any other `boutique` command
# The executable is BOUTIQUE_BIN, else `boutique` beside this script (deploy/build.sh installs both).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${BOUTIQUE_BIN:-$here/boutique}
[ -x "$bin" ] || { echo "start.sh: no executable at $bin (run deploy/build.sh)" >&2; exit 1; }
command=${1:-serve}
[ $# -gt 0 ] && shift
if [ "${BOUTIQUE_DEMO:-1}" = 0 ] && [ "$command" != migrate ] && [ -z "${BOUTIQUE_CARD_KEY:-}" ]; then
  echo "start.sh: BOUTIQUE_CARD_KEY is required outside the demo (openssl rand -base64 32)" >&2
  exit 1
fi
case "$command" in
serve)
  if [ "${BOUTIQUE_MIGRATE:-1}" = 1 ]; then
    "$bin" migrate
  fi
  exec "$bin" serve --no-migrate "$@" ;;
*)
  exec "$bin" "$command" "$@" ;;
esac
