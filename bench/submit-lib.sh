# Shared by the submit benchmarks (bench/gateway/submit.sh, bench/export/screening.sh); source it.

# token CLIENT_ID: a client-credentials token from the local issuer (it accepts any secret)
token() { curl -s -d grant_type=client_credentials -d client_id="$1" -d client_secret=local \
  http://127.0.0.1:8180/zmx/token | tr -d ' \n' | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }

# write_submit_request WORK TOKEN CREDIT VIN: WORK/body.json (a valid filing in today's shape, planned export in
# 5 days) and WORK/submit.lua (wrk: every request a new filing with its own Idempotency-Key)
write_submit_request() {
  local work=$1 tok=$2 credit=$3 vin=$4
  cat > "$work/body.json" <<JSON
{"exporterCreditCode":"$credit","vin":"$vin","destination":"KZ","consignee":"Auto trade house","consigneeType":"COMPANY",
 "declaredStatus":"USED","declaredOdometerKm":8,"declaredValue":{"amount":16500,"currency":"USD"},"hsCode":"8703601090",
 "portOfExit":"Horgos","plannedExportDate":"$(date -u -d '+5 days' +%F)","exportLicence":"EL-2026-1"}
JSON
  cat > "$work/submit.lua" <<LUA
local f = io.open("$work/body.json"); local body = f:read("*a"); f:close()
local counter, threads = 0, 0
setup = function(thread) threads = threads + 1; thread:set("tid", threads) end
request = function()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/filings?submit=true", {["Authorization"] = "Bearer $tok",
    ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. tid .. "-" .. counter .. "-$$"}, body)
end
LUA
}

# start_stack ROOT WORK: the whole local stack from ROOT's built jars with production JVM flags, rate limiting off
# (it would answer 429s, not measure the path); sets STACK and stops it (and removes WORK) on exit
start_stack() {
  local root=$1 work=$2
  export ZMX_RATE_LIMIT_ENABLED=false
  java -Xmx512m -Dzmx.no-demo=true -Dzmx.production-jvm=true -Dzmx.root="$root" \
    -cp "$root/local-stack/target/local-stack.jar:$root/local-stack/target/lib/*" io.zmx.local.LocalStackMain > "$work/stack.log" 2>&1 &
  STACK=$!
  trap 'kill "$STACK" 2>/dev/null; wait "$STACK" 2>/dev/null; rm -rf "'"$work"'"' EXIT INT TERM
  for _ in $(seq 1 300); do grep -q "zmx is running" "$work/stack.log" && break; sleep 1; done
  grep -q "zmx is running" "$work/stack.log" || { tail -30 "$work/stack.log"; exit 1; }
}

# wrk_non2xx FILE: from the output of a wrk run with bench/wrk-status.lua, the answers outside 2xx and the socket
# errors as "KEY:COUNT,..." (e.g. "503:139,socket-timeout:12"), or "-" when there were none. wrk's own "Non-2xx or 3xx"
# line counts only statuses above 399 and never says which; this names them.
wrk_non2xx() {
  awk '/^STATUS/ { for (i = 2; i <= NF; i++) { split($i, a, "="); if (a[1] < 200 || a[1] >= 300) out = out (out == "" ? "" : ",") a[1] ":" a[2] } }
       /Socket errors:/ { line = $0; sub(/.*Socket errors: /, "", line); n = split(line, e, ", ");
         for (i = 1; i <= n; i++) { split(e[i], kv, " "); if (kv[2] > 0) out = out (out == "" ? "" : ",") "socket-" kv[1] ":" kv[2] } }
       END { print (out == "" ? "-" : out) }' "$1"
}

# non2xx_text FIELD...: sums wrk_non2xx fields (one per round) into "139 (503×139)" or "0"; socket errors named too
non2xx_text() {
  printf '%s\n' "$@" | tr ',' '\n' | awk -F: '$1 != "-" && $1 != "" { c[$1] += $2; if (!($1 in seen)) { seen[$1] = 1; k[++n] = $1 } }
    END { for (i = 1; i <= n; i++) { if (k[i] ~ /^[0-9]+$/) t += c[k[i]]; d = d (d == "" ? "" : ", ") k[i] "×" c[k[i]] }
          printf "%d", t; if (d != "") printf " (%s)", d; print "" }'
}
