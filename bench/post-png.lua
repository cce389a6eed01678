-- wrk script: POST the PNG named by the DIGIT_PNG environment variable to /predictions.
local file = assert(io.open(os.getenv("DIGIT_PNG"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "image/png"

function done(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
