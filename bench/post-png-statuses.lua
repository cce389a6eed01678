-- wrk script: as post-png.lua, and counts the answers by status (for the overload run: only 200
-- and 503 are expected). Each wrk thread counts its own; done() adds them up.
local file = assert(io.open(os.getenv("DIGIT_PNG"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "image/png"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    table.insert(parts, string.format("%d: %d", status, count))
  end
  table.sort(parts)
  io.write(string.format("statuses %s; socket errors %d\n", table.concat(parts, ", "),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
