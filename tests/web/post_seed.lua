-- wrk script: POST the report named by $XXGK_SEED to /api/check as a raw body; count non-200 answers.
local f = assert(io.open(os.getenv("XXGK_SEED"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
wrk.path = "/api/check?name=seed.txt"
-- With accounts (load_test.sh … sessions): every request carries the session cookie and its CSRF token.
if os.getenv("XXGK_SESSION") then
  wrk.headers["Cookie"] = "xxgk_session=" .. os.getenv("XXGK_SESSION")
  wrk.headers["X-CSRF-Token"] = os.getenv("XXGK_CSRF")
end

local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("XXGK requests=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d p50_ms=%.2f p99_ms=%.2f rps=%.0f\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
