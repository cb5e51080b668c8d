-- wrk script for tools/loadtest: POSTs one profile to /render and counts answers by status.
-- The profile's path comes in the VITAE_PROFILE environment variable.
local path = os.getenv("VITAE_PROFILE") or "samples/indradhanush-gupta.yaml"
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/yaml"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local line = "STATUS"
  for status, n in pairs(total) do
    line = line .. " " .. status .. "=" .. n
  end
  print(line)
  print(string.format("LATENCY p50_ms=%.1f p99_ms=%.1f", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
