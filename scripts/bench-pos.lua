-- wrk script for scripts/bench-pos: POS redemptions (1 cent, unique Idempotency-Key) or card
-- lookups on random cards from the CSV that `boutique cards issue` wrote.
--   MODE=redeem|lookup CARDS=file.csv POS_KEY=... STORE=... wrk -s scripts/bench-pos.lua URL
local mode = os.getenv("MODE") or "redeem"
local key = os.getenv("POS_KEY")
local store = os.getenv("STORE") or "BENCH-1"
-- A till sends the PIN with the number (the card's PIN is checked on every redemption).
local cards, pins = {}, {}
for line in io.lines(os.getenv("CARDS")) do
  local number, pin = line:match("^(%d+),(%d+),")
  if number then cards[#cards + 1] = number; pins[#pins + 1] = pin end
end

local threads = {}
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  table.insert(threads, thread)
end

function init(args)
  ok, failed = 0, 0
  math.randomseed(os.time() * 1000 + tid)
end

function request()
  counter = counter + 1
  local index = math.random(#cards)
  local number = cards[index]
  local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
  if mode == "lookup" then
    return wrk.format("POST", "/api/pos/v1/card-lookups", headers, '{"cardNumber":"' .. number .. '"}')
  end
  headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", os.time(), tid, counter)
  local body = '{"cardNumber":"' .. number .. '","pin":"' .. pins[index] .. '","amount":1,"currency":"EUR","storeCode":"' .. store .. '"}'
  return wrk.format("POST", "/api/pos/v1/redemptions", headers, body)
end

function response(status, headers, body)
  if status == 200 or status == 201 then ok = ok + 1 else failed = failed + 1 end
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
