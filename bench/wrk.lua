-- One GraphQL POST, sent over and over by wrk (bench/wrk.py).
-- The body is read from the file named by $BENCH_BODY. Each thread counts
-- the answers whose body holds "errors" and those whose status is not 2xx;
-- done() prints one line, `BENCH {json}`, for bench/wrk.py to parse.

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.body = file:read("*a")
file:close()

graphql_errors = 0
non_2xx = 0
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non_2xx = non_2xx + 1
   end
   if body and string.find(body, '"errors"', 1, true) then
      graphql_errors = graphql_errors + 1
   end
end

function done(summary, latency, requests)
   local errors, bad = 0, 0
   for _, thread in ipairs(threads) do
      errors = errors + thread:get("graphql_errors")
      bad = bad + thread:get("non_2xx")
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "graphql_errors": %d, "non_2xx": %d, "socket_errors": %d}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(99), latency.max,
      errors, bad, e.connect + e.read + e.write + e.timeout))
end
