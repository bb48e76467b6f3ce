-- wrk script for scripts/load: GET one page with the session cookie (COOKIE), counting answers
-- other than 200 (a redirect to /connexion would mean the session was lost).
--   COOKIE='boutique_session=…' wrk -s scripts/load.lua http://127.0.0.1:PORT/panier
local cookie = os.getenv("COOKIE") or ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, failed = 0, 0
  wrk.headers["Cookie"] = cookie
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local good, bad = 0, 0
  for _, thread in ipairs(threads) do
    good = good + thread:get("ok")
    bad = bad + thread:get("failed")
  end
  -- Socket errors and timeouts count as failures too: a dead server answers nothing at all.
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT ok=%d failed=%d p50_ms=%.2f p99_ms=%.2f seconds=%.2f errors=%d\n", good, bad,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6, errors))
end
