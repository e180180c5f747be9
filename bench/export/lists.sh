#!/usr/bin/env bash
# Issue 12, "reads are cheap too": list throughput of each service against its own plain ceiling. The whole local
# stack (built jars, embedded PostgreSQL, local OIDC issuer; start_stack: production JVM flags, rate limiting off)
# WITH the demo data (STACK_DEMO=1: 240 vehicles imported, 180 filings submitted and screened, through the gateway
# as partners do), plus $SEED_FILINGS more filings submitted and screened through export-service's API
# (bench/export/Burst.java) so the filings table is not tiny. Then, directly on each service with a valid token
# ($CLIENT's, client credentials from the local issuer), in $ROUNDS interleaved rounds of $DURATION each:
#   compliance  GET /api/v1/rule-sets                  (port 8082)   ceiling GET /q/health/live on 9082
#   export      GET /api/v1/filings?size=5             (port 8083)   ceiling GET /q/health/live on 9083
#   registry    GET /api/v1/vehicles?size=20 (VEHICLES_PATH; the contract's listVehicles, sorted by VIN)
#                                                      (port 8081)   ceiling GET /q/health/live on 9081
# The ceiling is the same JVM's management interface answering a request that does nothing (no token, no database),
# as bench/export/screening.sh measures it, so each list gets a share of its own service's ceiling. Every wrk run
# counts its answers by status (bench/wrk-status.lua): the non-2xx column names them, e.g. "139 (503×139)"; when any
# occur the services' logs of the run are kept in $OUT.logs.txt (without OUT: /tmp/zmx-lists-*.logs.txt).
# CPU per request = the service JVM's utime+stime (/proc) over the run / requests served (wrk shares the 2 cores).
# Prints a ready-to-paste markdown block (date, commit, command, load before/mid/after), also to $OUT when set.
# Usage: bench/export/lists.sh   (env: ROOT=. DURATION=10s CONNECTIONS=16 THREADS=2 ROUNDS=3 SEED_FILINGS=2000
#        CLIENT=exporter-chengdu VEHICLES_PATH=/api/v1/vehicles?size=20 SKIP_BUILD=1 OUT=file.md; PORT_BASE=20000 runs the
#        stack on ports of its own beside another stack, see bench/submit-lib.sh)
# Smoke test: SKIP_BUILD=1 DURATION=3s ROUNDS=1 SEED_FILINGS=200 bench/export/lists.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(cd "${ROOT:-$PWD}" && pwd)
DURATION=${DURATION:-10s}; CONNECTIONS=${CONNECTIONS:-16}; THREADS=${THREADS:-2}; ROUNDS=${ROUNDS:-3}
SEED_FILINGS=${SEED_FILINGS:-2000}; CLIENT=${CLIENT:-exporter-chengdu}; VEHICLES_PATH=${VEHICLES_PATH:-/api/v1/vehicles?size=20}
COMMAND="SKIP_BUILD=${SKIP_BUILD:-} DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS ROUNDS=$ROUNDS SEED_FILINGS=$SEED_FILINGS CLIENT=$CLIENT bench/export/lists.sh"
WORK=$(mktemp -d /tmp/zmx-lists-bench.XXXXXX)
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
if [ -z "${SKIP_BUILD:-}" ]; then (cd "$ROOT" && ./mvnw -B -q package -DskipTests -DskipITs -Dquarkus.analytics.disabled=true); fi

source bench/submit-lib.sh
echo "== starting the local stack with its demo data"
# the demo data goes through the gateway; on a loaded machine a cold service can take more than the gateway's 10 s
# upstream timeout (the loader then fails on a 504). Nothing below is measured through the gateway.
export ZMX_UPSTREAM_TIMEOUT=${ZMX_UPSTREAM_TIMEOUT:-60s}
STACK_DEMO=1 start_stack "$ROOT" "$WORK"
grep -h "demo data:" "$WORK/stack.log" || true

# ---- more filings, through the API, screened before anything is measured --------------------------------------
exporter_with_vehicle
write_submit_request "$WORK" "$TOKEN" "$CREDIT" "$VIN"
if [ "$SEED_FILINGS" -gt 0 ]; then
  echo "== seeding $SEED_FILINGS filings through POST /api/v1/filings?submit=true, screened to the last"
  java bench/export/Burst.java "$EXPORT_URL" "$EXPORT_MGMT" "$TOKEN" "$ADMIN" "$WORK/body.json" \
    "$SEED_FILINGS" 16 "seed-$$" 600 > "$WORK/seed.md" || { cat "$WORK/seed.md"; echo "seeding failed" >&2; exit 1; }
  grep -E "accepted|gone after" "$WORK/seed.md" || true
fi
READER=$(token "$CLIENT")

# ---- what is measured: name, service, url, ceiling url ------------------------------------------------------
TARGETS=(
  "rule-sets compliance-service $COMPLIANCE_URL/api/v1/rule-sets $COMPLIANCE_MGMT/q/health/live"
  "filings export-service $EXPORT_URL/api/v1/filings?size=5 $EXPORT_MGMT/q/health/live"
  "vehicles registry-service $REGISTRY_URL$VEHICLES_PATH $REGISTRY_MGMT/q/health/live"
)
total_of() { curl -s -H "Authorization: Bearer $2" "$1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'; }
DATA="rule sets: $(total_of "$COMPLIANCE_URL/api/v1/rule-sets?size=1" "$READER")"
DATA="$DATA; filings $CLIENT sees: $(total_of "$EXPORT_URL/api/v1/filings?size=1" "$READER") (all: $(total_of "$EXPORT_URL/api/v1/filings?size=1" "$ADMIN"))"
DATA="$DATA; vehicles $CLIENT sees: $(total_of "$REGISTRY_URL/api/v1/vehicles?size=1" "$READER") (all: $(total_of "$REGISTRY_URL/api/v1/vehicles?size=1" "$ADMIN"))"
echo "data: $DATA"
for t in "${TARGETS[@]}"; do
  read -r name module url ceiling <<< "$t"
  for u in "$url" "$ceiling"; do
    code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "Authorization: Bearer $READER" "$u")
    [ "$code" = 200 ] || { echo "probe $u answered $code: $(head -c 500 "$WORK/probe.json")" >&2; exit 1; }
  done
done

# ---- measure: interleaved rounds, so drift of the machine hits every row alike -------------------------------
declare -A PID
for m in export-service registry-service compliance-service; do PID[$m]=$(jvm_pid "$m"); done
run() { # name module url [auth]
  local name=$1 module=$2 url=$3 auth=${4:-} before after
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk-status.lua)
  [ -n "$auth" ] && args+=(-H "Authorization: Bearer $READER")
  before=$(cpu_ticks "${PID[$module]}")
  wrk "${args[@]}" "$url" > "$WORK/$name.txt"
  after=$(cpu_ticks "${PID[$module]}")
  local rps p99 requests
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else v = v * 1000; print v}' "$WORK/$name.txt")
  requests=$(awk '/requests in/ {print $1}' "$WORK/$name.txt")
  echo "$name $rps $p99 $requests $(( after - before )) $(wrk_non2xx "$WORK/$name.txt")" >> "$WORK/results.txt"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== warm-up: 10 s on each list and ceiling (load average $LOAD_BEFORE)"
: > "$WORK/warmup-statuses.txt"
for t in "${TARGETS[@]}"; do
  read -r name module url ceiling <<< "$t"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s bench/wrk-status.lua -H "Authorization: Bearer $READER" "$url" > "$WORK/warmup.txt"
  wrk_non2xx "$WORK/warmup.txt" >> "$WORK/warmup-statuses.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/wrk-status.lua "$ceiling" > "$WORK/warmup.txt"
  wrk_non2xx "$WORK/warmup.txt" >> "$WORK/warmup-statuses.txt"
done
WARMUP_NON2XX=$(non2xx_text $(cat "$WORK/warmup-statuses.txt"))
: > "$WORK/results.txt"
LOAD_MID=-
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS"
  for t in "${TARGETS[@]}"; do
    read -r name module url ceiling <<< "$t"
    run "$name-ceiling" "$module" "$ceiling"
    run "$name" "$module" "$url" auth
  done
  if [ "$r" = $(( (ROUNDS + 1) / 2 )) ]; then LOAD_MID=$(cut -d" " -f1-3 /proc/loadavg); fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report: medians of the rounds ---------------------------------------------------------------------------
HZ=$(getconf CLK_TCK)
med() { # name column(2 rps, 3 p99 ms): the median over the rounds
  awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$WORK/results.txt" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
cpu_ms() { # name: the service's CPU ms per request, median over the rounds
  awk -v n="$1" -v hz="$HZ" '$1 == n {printf "%.4f\n", $5 / hz * 1000 / ($4 > 0 ? $4 : 1)}' "$WORK/results.txt" | sort -g \
    | awk '{a[NR] = $1} END {printf "%.3f", a[int((NR + 1) / 2)]}'
}
non2xx_of() { non2xx_text $(awk -v n="$1" '$1 == n {print $6}' "$WORK/results.txt"); }
{
  markdown_header "List throughput against each service's ceiling (issue 12)" "$COMMAND"
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS interleaved rounds, medians; directly on each service, token of \`$CLIENT\`."
  echo "Data: demo data ($(grep -ho 'demo data: .*' "$WORK/stack.log" | sed 's/^demo data: //' || echo '?')) + $SEED_FILINGS filings through the API; $DATA."
  echo "Load average (1, 5, 15 min) before: $LOAD_BEFORE; mid-run: $LOAD_MID; after: $LOAD_AFTER."
  echo
  echo "| service | request | requests/s | p99 ms | non-2xx | share of the ceiling | service CPU ms/request |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for t in "${TARGETS[@]}"; do
    read -r name module url ceiling <<< "$t"
    c=$(med "$name-ceiling" 2); l=$(med "$name" 2)
    printf '| %s | ceiling: `GET /q/health/live` (management port) | %s | %s | %s | 1 | %s |\n' "$module" \
      "$(printf "%'.0f" "$c")" "$(printf '%.2f' "$(med "$name-ceiling" 3)")" "$(non2xx_of "$name-ceiling")" "$(cpu_ms "$name-ceiling")"
    printf '| %s | `GET %s` | %s | %s | %s | **%s** | %s |\n' "$module" "$(echo "$url" | sed "s|^http://[^/]*||")" \
      "$(printf "%'.0f" "$l")" "$(printf '%.2f' "$(med "$name" 3)")" "$(non2xx_of "$name")" \
      "$(awk -v l="$l" -v c="$c" 'BEGIN {printf "%.3f", l / c}')" "$(cpu_ms "$name")"
  done
  echo
  echo "- per round requests/s: $(awk '{r[$1] = r[$1] (r[$1] == "" ? "" : "/") int($2 + 0.5)} END {for (n in r) printf "%s %s; ", n, r[n]}' "$WORK/results.txt" | sed 's/; $//')"
  echo "- non-2xx in the warm-up (not in the table): $WARMUP_NON2XX"
} | tee "${OUT:-/dev/null}"

if [ "$(awk '$6 != "-"' "$WORK/results.txt" | wc -l)" -gt 0 ] || [ "$WARMUP_NON2XX" != 0 ]; then
  LOGS=${OUT:+$OUT.logs.txt}; LOGS=${LOGS:-/tmp/zmx-lists-$(date -u +%Y%m%dT%H%M%S).logs.txt}
  for m in registry-service compliance-service export-service; do echo "===== $m"; cat "$ROOT/$STACK_DIR/logs/$m.log"; done > "$LOGS"
  echo "non-2xx answers or socket errors: the services' logs of the run are in $LOGS"
fi
