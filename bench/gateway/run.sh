#!/usr/bin/env bash
# Gateway overhead, measured in one run on one machine (numbers are only comparable within a run):
#   ceiling   GET /ping on the gateway (plain-text Quarkus endpoint, no auth, no backend)
#   vehicles  GET /api/v1/vehicles/{vin}, a database read on registry-service: direct and through the gateway
#   vins      GET /api/v1/vins/{vin}, the VIN decode (no database): direct and through the gateway
# then, at half of the direct saturation rate of the database read (wrk + a Lua delay per connection,
# since Debian's wrk has no fixed-rate mode), the p99 latency direct and through the gateway; and the
# gateway JVM's CPU time (utime+stime from /proc) per proxied request against per ping.
# Every JVM runs with production flags: plain `java -Xmx512m -jar` (C2 on; not the local stack's
# -XX:TieredStopAtLevel=1). registry-service runs its built jar against an embedded PostgreSQL (zonky, as
# its tests do); both verify RS256 tokens against a throw-away issuer (a key made here, JWKS as static files).
# Every wrk run counts its answers by HTTP status (bench/wrk-status.lua): the table's non-2xx column names them,
# e.g. "139 (503×139)", and socket errors as "socket-timeout×N". When any occur (warm-up included), the gateway's
# and registry-service's logs of the run are kept in $OUT.logs.txt (without OUT: /tmp/zmx-gateway-bench-*.logs.txt).
# PIN=1 lays the processes out as the pods run (the gateway is a pod of its own, with its own CPU): PostgreSQL and
# registry-service on core 1, the gateway on core 0, with wrk (the callers) beside it on core 0, via taskset. Direct
# and through-the-gateway runs then meet the same registry core, and the gateway's CPU no longer comes out of the
# service's budget; on an unpinned 2-core machine every gateway millisecond is taken from registry and PostgreSQL.
# Usage: bench/gateway/run.sh   (env: DURATION=15s CONNECTIONS=32 THREADS=2 ROUNDS=3 SKIP_BUILD=1 OUT=<markdown file>
#        GW_JAVA_OPTS="-XX:StartFlightRecording=..." to profile the gateway; HOLD=<seconds> keeps the stack up)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DURATION=${DURATION:-15s}; CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-2}; ROUNDS=${ROUNDS:-3}
WORK=$(mktemp -d /tmp/zmx-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl registry-service,gateway -am package -DskipTests -DskipITs
fi
# -am test-compile: token-cache and edge's test jar resolve from the reactor (never installed); registry-service, last, writes the file last
./mvnw -B -q -pl registry-service -am test-compile -Dquarkus.analytics.disabled=true dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 180); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done; echo "not up: $1" >&2; return 1; }

PG_PORT=$(free_port); REG_PORT=$(free_port); GW_PORT=$(free_port); ISS_PORT=$(free_port)
REG_MGMT=$(free_port); GW_MGMT=$(free_port) # health and metrics: the management interface
ISSUER="http://127.0.0.1:$ISS_PORT/realms/bench"

# ---- a token and the key that verifies it (JDK only: bench/gateway/Issuer.java) --------------------
java bench/gateway/Issuer.java "$WORK" "$ISSUER"
TOKEN=$(cat "$WORK/token")
export ZMX_OIDC_ISSUER=$ISSUER ZMX_JSON_LOGS=false QUARKUS_HTTP_HOST=127.0.0.1
(cd "$WORK/issuer" && exec python3 -m http.server "$ISS_PORT" --bind 127.0.0.1 > "$WORK/issuer.log" 2>&1) &
PIDS+=($!)
wait_http "$ISSUER/.well-known/openid-configuration"

# ---- PostgreSQL, registry-service, gateway -------------------------------------------------------
if [ -n "${PIN:-}" ]; then SERVICE_CPU=(taskset -c 1); GATEWAY_CPU=(taskset -c 0); CALLER_CPU=(taskset -c 0); else SERVICE_CPU=(); GATEWAY_CPU=(); CALLER_CPU=(); fi
"${SERVICE_CPU[@]}" java -cp "$(cat "$WORK/cp.txt")" bench/gateway/RunPostgres.java "$PG_PORT" > "$WORK/postgres.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -qs "POSTGRES READY" "$WORK/postgres.log" && break; sleep 1; done
grep -q "POSTGRES READY" "$WORK/postgres.log" || { cat "$WORK/postgres.log"; exit 1; }

ZMX_REGISTRY_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/registry" QUARKUS_HTTP_PORT=$REG_PORT QUARKUS_MANAGEMENT_PORT=$REG_MGMT \
  "${SERVICE_CPU[@]}" java -Xmx512m -jar registry-service/target/quarkus-app/quarkus-run.jar > "$WORK/registry.log" 2>&1 &
PIDS+=($!)
ZMX_REGISTRY_URL="http://127.0.0.1:$REG_PORT" QUARKUS_HTTP_PORT=$GW_PORT QUARKUS_MANAGEMENT_PORT=$GW_MGMT ZMX_RATE_LIMIT_ENABLED=false \
  "${GATEWAY_CPU[@]}" java -Xmx512m ${GW_JAVA_OPTS:-} -jar gateway/target/quarkus-app/quarkus-run.jar > "$WORK/gateway.log" 2>&1 &
PIDS+=($!); GW_PID=$!
wait_http "http://127.0.0.1:$REG_MGMT/q/health/live"
wait_http "http://127.0.0.1:$GW_PORT/ping"

VIN=$(python3 -c '
v="LGXCE4CB0R0123456"
t={**{str(d):d for d in range(10)},**dict(zip("ABCDEFGH",range(1,9))),**dict(zip("JKLMN",range(1,6))),"P":7,"R":9,**dict(zip("STUVWXYZ",range(2,10)))}
w=[8,7,6,5,4,3,2,10,0,9,8,7,6,5,4,3,2]
r=sum(t[c]*w[i] for i,c in enumerate(v))%11
print(v[:8]+("X" if r==10 else str(r))+v[9:])')
VEHICLES="/api/v1/vehicles/$VIN"; VINS="/api/v1/vins/$VIN"
# the vehicle the database read returns (201 new, 200 when it exists already)
code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"vin\":\"$VIN\",\"make\":\"BYD\",\"model\":\"Song Plus\",\"fuelType\":\"PHEV\",\"driveSide\":\"LHD\"}" \
  "http://127.0.0.1:$REG_PORT/api/v1/vehicles")
case "$code" in 200|201) ;; *) echo "creating the vehicle answered $code: $(cat "$WORK/probe.json")" >&2; exit 1;; esac
for url in "http://127.0.0.1:$REG_PORT$VEHICLES" "http://127.0.0.1:$GW_PORT$VEHICLES" "http://127.0.0.1:$REG_PORT$VINS" "http://127.0.0.1:$GW_PORT$VINS"; do
  code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
  [ "$code" = 200 ] || { echo "probe $url answered $code: $(cat "$WORK/probe.json")" >&2; exit 1; }
done

if [ -n "${HOLD:-}" ]; then # keep everything up for manual probing
  echo "registry http://127.0.0.1:$REG_PORT gateway http://127.0.0.1:$GW_PORT paths $VEHICLES $VINS token $WORK/token"; sleep "$HOLD" & PIDS+=($!); wait $!; exit 0
fi

source bench/submit-lib.sh # wrk_non2xx, non2xx_text: answers by status (bench/wrk-status.lua)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$GW_PID/stat"; }
TICK_MS=$(python3 -c "import os; print(1000 / os.sysconf('SC_CLK_TCK'))")

# ---- measure: every round runs everything, so drift of the machine hits all alike -----------------
run() { # name url auth|- [wrk script; default bench/wrk-status.lua, which counts the answers by status]
  local name=$1 url=$2 auth=$3 script=${4:-bench/wrk-status.lua}
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script")
  [ "$auth" = auth ] && args+=(-H "Authorization: Bearer $TOKEN")
  local before after
  before=$(cpu_ticks)
  "${CALLER_CPU[@]}" wrk "${args[@]}" "$url" > "$WORK/$name.txt"
  after=$(cpu_ticks)
  local rps p99 errors requests
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  requests=$(awk '/requests in/ {print $1}' "$WORK/$name.txt")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$WORK/$name.txt"); errors=${errors:-0}
  echo "$name $rps $p99 $errors $requests $(( after - before )) $(wrk_non2xx "$WORK/$name.txt")" >> "$WORK/results.txt"
}
echo "load before: $(uptime)" | tee "$WORK/load.txt"
echo "warming up"; for u in "http://127.0.0.1:$GW_PORT/ping" "http://127.0.0.1:$REG_PORT$VEHICLES" "http://127.0.0.1:$GW_PORT$VEHICLES" \
    "http://127.0.0.1:$REG_PORT$VINS" "http://127.0.0.1:$GW_PORT$VINS"; do
  "${CALLER_CPU[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s bench/wrk-status.lua -H "Authorization: Bearer $TOKEN" "$u" > "$WORK/warmup.txt"
  echo "warm-up $u $(wrk_non2xx "$WORK/warmup.txt")" >> "$WORK/warmup-statuses.txt"; done
WARMUP_NON2XX=$(non2xx_text $(awk '{print $3}' "$WORK/warmup-statuses.txt"))
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS"
  run ceiling "http://127.0.0.1:$GW_PORT/ping" -
  run vehicles-direct "http://127.0.0.1:$REG_PORT$VEHICLES" auth
  run vehicles-gateway "http://127.0.0.1:$GW_PORT$VEHICLES" auth
  run vins-direct "http://127.0.0.1:$REG_PORT$VINS" auth
  run vins-gateway "http://127.0.0.1:$GW_PORT$VINS" auth
done
echo "load mid-run: $(uptime)" | tee -a "$WORK/load.txt"

# ---- half of the direct saturation rate of the database read: each connection waits between requests --
HALF=$(awk '$1=="vehicles-direct" {print $2}' "$WORK/results.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] / 2}')
DELAY_MS=$(python3 -c "print(max(1, round($CONNECTIONS * 1000 / $HALF)))")
{ cat bench/wrk-status.lua; printf 'function delay() return %s end\n' "$DELAY_MS"; } > "$WORK/paced.lua"
echo "paced: target $HALF requests/s = $CONNECTIONS connections, each waiting $DELAY_MS ms between requests"
for r in $(seq 1 "$ROUNDS"); do
  run paced-direct "http://127.0.0.1:$REG_PORT$VEHICLES" auth "$WORK/paced.lua"
  run paced-gateway "http://127.0.0.1:$GW_PORT$VEHICLES" auth "$WORK/paced.lua"
  # the ping at the same pace: CPU per request falls as the rate rises (more answers per event-loop wake-up), so a
  # proxied read is compared with a ping at its own rate, not with a ping at 20,000/s
  run paced-ping "http://127.0.0.1:$GW_PORT/ping" - "$WORK/paced.lua"
done
echo "load after: $(uptime)" | tee -a "$WORK/load.txt"

# non-2xx answers by status (and socket errors) per path, over all rounds: "139 (503×139)"
for n in $(awk '{print $1}' "$WORK/results.txt" | sort -u); do
  printf '%s\t%s\n' "$n" "$(non2xx_text $(awk -v n="$n" '$1 == n {print $7}' "$WORK/results.txt"))"
done > "$WORK/non2xx.txt"

# ---- report: medians of the rounds -------------------------------------------------------------------
python3 - "$WORK/results.txt" "$VIN" "$DURATION" "$CONNECTIONS" "$THREADS" "$ROUNDS" "$HALF" "$DELAY_MS" "$TICK_MS" "$WORK/load.txt" "$WORK/non2xx.txt" <<'PY' > "$WORK/report.md"
import os, statistics, sys
path, vin, duration, conns, threads, rounds, half, delay, tick_ms, load, non2xx = sys.argv[1:]
statuses = dict(l.rstrip("\n").split("\t", 1) for l in open(non2xx))
rows = {}
for line in open(path):
    name, rps, p99, errors, requests, ticks, _ = line.split()
    rows.setdefault(name, []).append((float(rps), p99, int(errors), int(requests), int(ticks)))
def ms(v):
    return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
def med(name, i):
    return statistics.median(ms(r[1]) if i == 1 else r[i] for r in rows[name])
def cpu(name):  # gateway CPU ms per request, median over rounds
    return statistics.median(r[4] * float(tick_ms) / max(1, r[3]) for r in rows[name])
print(f"wrk -t{threads} -c{conns} -d{duration}, {rounds} interleaved rounds, medians; VIN {vin}"
      + ("; pinned: PostgreSQL + registry-service on core 1, gateway + wrk on core 0" if os.environ.get("PIN") else "; not pinned"))
print("".join(open(load).readlines()).strip().replace("\n", "; "))
print()
print("| path | requests/s | p99 ms | non-2xx | gateway CPU ms/request |")
print("|---|---:|---:|---:|---:|")
labels = [("ceiling", "GET /ping on the gateway"),
          ("vehicles-direct", "GET /api/v1/vehicles/{vin} direct (database read)"),
          ("vehicles-gateway", "GET /api/v1/vehicles/{vin} through the gateway"),
          ("vins-direct", "GET /api/v1/vins/{vin} direct (VIN decode)"),
          ("vins-gateway", "GET /api/v1/vins/{vin} through the gateway"),
          ("paced-direct", f"database read direct, paced to {float(half):,.0f}/s"),
          ("paced-gateway", f"database read through the gateway, paced to {float(half):,.0f}/s"),
          ("paced-ping", f"GET /ping on the gateway, paced to {float(half):,.0f}/s")]
for n, label in labels:
    c = f"{cpu(n):.3f}" if n in ("ceiling", "paced-ping") or n.endswith("gateway") else "-"
    print(f"| {label} | {med(n, 0):,.0f} | {med(n, 1):.2f} | {statuses[n]} | {c} |")
print()
print(f"- gateway / direct throughput, database read: **{med('vehicles-gateway', 0) / med('vehicles-direct', 0):.2f}** (goal >= 0.8)")
print(f"- gateway / direct throughput, VIN decode: **{med('vins-gateway', 0) / med('vins-direct', 0):.2f}**")
print(f"- p99 added by the gateway at half the direct saturation rate (each of {conns} connections waiting {delay} ms"
      f" between requests): **{med('paced-gateway', 1) - med('paced-direct', 1):.2f} ms** (goal <= 1 ms)")
print(f"- gateway CPU per proxied database read / per ping: **{cpu('vehicles-gateway') / cpu('ceiling'):.1f}x** (goal <= 2),"
      f" each at its saturation rate; at the same paced rate: **{cpu('paced-gateway') / cpu('paced-ping'):.1f}x**")
print("- per round requests/s: " + "; ".join(f"{n} " + "/".join(f"{r[0]:.0f}" for r in v) for n, v in rows.items()))
PY
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (+ uncommitted changes)'):"
  echo "\`SKIP_BUILD=${SKIP_BUILD:-} DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS ROUNDS=$ROUNDS bench/gateway/run.sh\`"
  echo
  cat "$WORK/report.md"
  echo "- non-2xx in the warm-up (not in the table): $WARMUP_NON2XX"
} | tee "${OUT:-/dev/null}"

# ---- non-2xx answers or socket errors: keep the gateway's and registry-service's logs of the run next to OUT ----
if [ "$(awk '$7 != "-"' "$WORK/results.txt" | wc -l)" -gt 0 ] || [ "$WARMUP_NON2XX" != 0 ]; then
  LOGS=${OUT:+$OUT.logs.txt}; LOGS=${LOGS:-/tmp/zmx-gateway-bench-$(date -u +%Y%m%dT%H%M%S).logs.txt}
  for l in gateway registry; do echo "===== $l-service log of the run ($WORK/$l.log)"; cat "$WORK/$l.log"; done > "$LOGS"
  echo "non-2xx answers: the gateway's and registry-service's logs of the run are in $LOGS"
fi
