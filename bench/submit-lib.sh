# Shared by the benchmarks that run the local stack (bench/gateway/submit.sh, bench/export/*.sh); source it.

# Where the local stack listens. PORT_BASE=8000 (the default) is ./zmx-local's own ports; any other base moves the
# whole stack (bench/StackOnPorts.java: gateway BASE+80, registry +81, compliance +82, export +83, issuer +180,
# PostgreSQL +432, management interfaces port+1000), so a run does not collide with another stack on this machine.
# Scripts that honour it use these variables (screening.sh, submit.sh and backtest.sh still assume the defaults).
PORT_BASE=${PORT_BASE:-8000}
GATEWAY_URL=http://127.0.0.1:$((PORT_BASE + 80)); REGISTRY_URL=http://127.0.0.1:$((PORT_BASE + 81))
COMPLIANCE_URL=http://127.0.0.1:$((PORT_BASE + 82)); EXPORT_URL=http://127.0.0.1:$((PORT_BASE + 83))
REGISTRY_MGMT=http://127.0.0.1:$((PORT_BASE + 1081)); COMPLIANCE_MGMT=http://127.0.0.1:$((PORT_BASE + 1082))
EXPORT_MGMT=http://127.0.0.1:$((PORT_BASE + 1083)); ISSUER_URL=http://127.0.0.1:$((PORT_BASE + 180))
STACK_PG_PORT=$([ "$PORT_BASE" = 8000 ] && echo 15432 || echo $((PORT_BASE + 432)))
STACK_DIR=$([ "$PORT_BASE" = 8000 ] && echo .zmx-local || echo ".zmx-local/ports-$PORT_BASE") # under ROOT; logs in logs/

# token CLIENT_ID: a client-credentials token from the local issuer (it accepts any secret)
token() { curl -s -d grant_type=client_credentials -d client_id="$1" -d client_secret=local \
  "$ISSUER_URL/zmx/token" | tr -d ' \n' | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }

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
# (it would answer 429s, not measure the path); sets STACK and stops it (and removes WORK) on exit. Without demo
# data unless STACK_DEMO=1 (then the local stack loads it through the gateway before "zmx is running": 240 vehicles,
# 180 filings, screened). Listens where PORT_BASE says (above); refuses to start when one of those ports is taken.
start_stack() {
  local root=$1 work=$2 port main
  export ZMX_RATE_LIMIT_ENABLED=false
  for port in $((PORT_BASE + 80)) $((PORT_BASE + 81)) $((PORT_BASE + 82)) $((PORT_BASE + 83)) $((PORT_BASE + 180)) "$STACK_PG_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is taken (another local stack running?); PORT_BASE=20000 moves this run's stack" >&2; rm -rf "$work"; exit 1
    fi
  done
  main=io.zmx.local.LocalStackMain; [ "$PORT_BASE" = 8000 ] || main="$PWD/bench/StackOnPorts.java $PORT_BASE"
  java -Xmx512m $([ "${STACK_DEMO:-}" = 1 ] || echo -Dzmx.no-demo=true) -Dzmx.production-jvm=true -Dzmx.root="$root" \
    -cp "$root/local-stack/target/local-stack.jar:$root/local-stack/target/lib/*" $main > "$work/stack.log" 2>&1 &
  STACK=$!
  # || true: under set -e a failing kill (the stack died) or wait (it ends by SIGTERM: 143) would end the trap before rm
  trap '{ kill "$STACK"; wait "$STACK"; } 2>/dev/null || true; rm -rf "'"$work"'"' EXIT
  trap 'exit 130' INT; trap 'exit 143' TERM # through the EXIT trap: the stack stops with the script
  for _ in $(seq 1 400); do grep -q "zmx is running" "$work/stack.log" && break; kill -0 "$STACK" 2>/dev/null || break; sleep 1; done
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

# exporter_with_vehicle: sets TOKEN (exporter-chengdu), ADMIN (zmx-admin), CREDIT (the exporter's credit code) and
# VIN (one BYD registered in the registry: produced 60 days ago, the VIN's model-year code that production year's,
# valid ISO 3779 check digit, registered 20 days ago to the exporter), so screening finds real history, a
# registration and a maker; stops the script when the registry refuses either (a VIN whose model year disagrees with
# the production date is refused since the registry checks it, and screening then took the unknown-vehicle path).
exporter_with_vehicle() {
  TOKEN=$(token exporter-chengdu); ADMIN=$(token zmx-admin)
  CREDIT=$(echo "$TOKEN" | cut -d. -f2 | tr '_-' '/+' | { base64 -d 2>/dev/null || true; } | sed 's/.*"zmx_credit_code":"\([^"]*\)".*/\1/')
  local produced year maker registrar code
  produced=$(date -u -d '-60 days' +%F); year=${produced%%-*}
  VIN=$(awk -v y="$year" -v serial="${1:-123456}" 'BEGIN{c = substr("ABCDEFGHJKLMNPRSTVWXY123456789", (y - 1980) % 30 + 1, 1);
    v = "LGXCE4CB0" c "0" serial; w="8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2"; split(w,W," ");
    t="0123456789"; for(i=0;i<10;i++) T[substr(t,i+1,1)]=i; a="ABCDEFGHJKLMNPRSTUVWXYZ"; split("1 2 3 4 5 6 7 8 1 2 3 4 5 7 9 2 3 4 5 6 7 8 9",V," ");
    for(i=1;i<=23;i++) T[substr(a,i,1)]=V[i]; s=0; for(i=1;i<=17;i++) s+=T[substr(v,i,1)]*W[i]; r=s%11;
    print substr(v,1,8) (r==10?"X":r) substr(v,10)}')
  maker=$(token manufacturer-byd); registrar=$(token registrar-cn-sc)
  code=$(curl -s -o /tmp/zmx-vehicle-$$.json -w '%{http_code}' -X POST -H "Authorization: Bearer $maker" -H 'Content-Type: application/json' -H "Idempotency-Key: v-$VIN-$$" \
    -d "{\"vin\":\"$VIN\",\"make\":\"BYD\",\"model\":\"Song Plus DM-i\",\"fuelType\":\"PHEV\",\"engineCc\":1498,\"powerKw\":81,\"driveSide\":\"LHD\",\"emissionStandard\":\"CN6b\",\"productionDate\":\"$produced\",\"plantCountry\":\"CN\"}" \
    "$REGISTRY_URL/api/v1/vehicles")
  case "$code" in 200|201) ;; *) echo "registering vehicle $VIN answered $code: $(cat /tmp/zmx-vehicle-$$.json)" >&2; rm -f /tmp/zmx-vehicle-$$.json; exit 1;; esac
  code=$(curl -s -o /tmp/zmx-vehicle-$$.json -w '%{http_code}' -X POST -H "Authorization: Bearer $registrar" -H 'Content-Type: application/json' -H "Idempotency-Key: r-$VIN-$$" \
    -d "{\"date\":\"$(date -u -d '-20 days' +%F)\",\"region\":\"CN-SC\",\"city\":\"Chengdu\",\"plate\":\"川A12345\",\"ownerType\":\"COMPANY\",\"ownerId\":\"$CREDIT\"}" \
    "$REGISTRY_URL/api/v1/vehicles/$VIN/registrations")
  case "$code" in 200|201) ;; *) echo "registering $VIN in CN-SC answered $code: $(cat /tmp/zmx-vehicle-$$.json)" >&2; rm -f /tmp/zmx-vehicle-$$.json; exit 1;; esac
  rm -f /tmp/zmx-vehicle-$$.json
  echo "vehicle $VIN (produced $produced) registered in CN-SC to the exporter"
}

# jvm_pid MODULE: the pid of a service of this run's stack (registry-service, compliance-service, export-service,
# gateway): the process listening on its port, so another stack on the machine is never measured by mistake
jvm_pid() {
  local port
  case "$1" in gateway) port=$((PORT_BASE + 80));; registry-service) port=$((PORT_BASE + 81));;
    compliance-service) port=$((PORT_BASE + 82));; export-service) port=$((PORT_BASE + 83));; esac
  ss -ltnpH "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1
}
# cpu_ticks PID: utime+stime of a process in clock ticks (getconf CLK_TCK per second)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# markdown_header TITLE COMMAND: the first lines of a ready-to-paste result block: date, commit, machine, command
markdown_header() {
  echo "### $1"
  echo
  echo "Run of $(date -u '+%Y-%m-%d %H:%M') UTC on commit \`$(git -C "$ROOT" rev-parse --short HEAD)\`$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)'), $(nproc) cores, $(java -version 2>&1 | head -1 | tr -d '"'); production JVM flags (local stack, \`-Dzmx.production-jvm=true\`: C2 on)."
  echo "Command: \`$2\`"
  echo
}
