-- wrk script: counts the answers by HTTP status in each thread and prints the totals at the end, one line:
--   STATUS 200=51234 503=139
-- wrk keeps one Lua state per thread, so each thread counts in its own global `statuses` and done() (which runs
-- in the main state) adds them up through thread:get, as wrk's examples/scripts/setup.lua does.
-- To pace or shape requests, append a delay()/request() of your own (cat bench/wrk-status.lua mine.lua > run.lua);
-- do not define setup/response/done again. A thread's number is in the global `tid`.
-- Used by bench/gateway/run.sh and bench/export/lists.sh; parse the line with bench/submit-lib.sh's wrk_statuses.
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

statuses = {}

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local total, keys = {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      if total[status] == nil then table.insert(keys, status) end
      total[status] = (total[status] or 0) + n
    end
  end
  table.sort(keys)
  local line = "STATUS"
  for _, status in ipairs(keys) do line = line .. " " .. status .. "=" .. total[status] end
  print(line)
end
