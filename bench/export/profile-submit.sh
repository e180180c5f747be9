#!/usr/bin/env bash
# Issue 12: where a submit's CPU goes. The whole local stack from a tree's built jars (production JVM flags, as
# bench/export/screening.sh), a submit load directly on export-service (POST /api/v1/filings?submit=true, a new
# Idempotency-Key per request), a JFR recording of export-service during the load (jcmd, profile settings: CPU
# samples every 10-20 ms per thread), and the recording's top methods (bench/export/JfrTop.java).
#   cpu   export-service's utime+stime (/proc/<pid>/stat) over the measured load / submits accepted
# The screener runs unless SCREENER=off (ZMX_SCREENER_ENABLED=false). JFR stays off with PROFILE=0 (then the CPU
# figure carries no recording overhead). Repeat ROUNDS times for a median.
# Usage: bench/export/profile-submit.sh   (env: ROOT=. DURATION=20s CONNECTIONS=16 THREADS=2 SCREENER=on PROFILE=1
#        ROUNDS=1 WARMUP=30s OUT=/tmp/zmx-profile SKIP_BUILD=1; other env reaches the services, e.g.
#        QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS=true for an experiment without a rebuild)
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=$PWD
ROOT=$(cd "${ROOT:-$PWD}" && pwd)
DURATION=${DURATION:-20s}; CONNECTIONS=${CONNECTIONS:-16}; THREADS=${THREADS:-2}; ROUNDS=${ROUNDS:-1}
SCREENER=${SCREENER:-on}; PROFILE=${PROFILE:-1}; WARMUP=${WARMUP:-30s}; OUT=${OUT:-/tmp/zmx-profile}
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/zmx-profile-bench.XXXXXX)
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
if [ -z "${SKIP_BUILD:-}" ]; then (cd "$ROOT" && ./mvnw -B -q package -DskipTests -DskipITs -Dquarkus.analytics.disabled=true); fi
[ "$SCREENER" = off ] && export ZMX_SCREENER_ENABLED=false

source bench/submit-lib.sh
for p in 8081 8082 8083 8180 15432; do ! ss -ltn | grep -q ":$p " || { echo "port $p is taken (another stack runs)"; exit 1; }; done
start_stack "$ROOT" "$WORK"
EXPORT_PID=$(pgrep -n -f -- "export-service/target/quarkus-app")
TOKEN=$(token exporter-chengdu); ADMIN=$(token zmx-admin)
CREDIT=$(echo "$TOKEN" | cut -d. -f2 | tr '_-' '/+' | { base64 -d 2>/dev/null || true; } | sed 's/.*"zmx_credit_code":"\([^"]*\)".*/\1/')
write_submit_request "$WORK" "$TOKEN" "$CREDIT" LGXCE4CB5R0123456
probe=$(curl -s -o "$WORK/probe.json" -w "%{http_code}" -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: probe-$$" -d @"$WORK/body.json" "http://127.0.0.1:8083/api/v1/filings?submit=true")
echo "probe submit: HTTP $probe"; [ "$probe" = 201 ] || { cat "$WORK/probe.json"; exit 1; }
submitted() { curl -s -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:8083/api/v1/filings?status=SUBMITTED&size=1" \
  | sed 's/.*"total":\([0-9]*\).*/\1/'; }
cpu() { awk '{print $14 + $15}' "/proc/$EXPORT_PID/stat"; }
# the same without the JIT compiler threads: on a loaded machine compilation goes on long after the warm-up and
# would count against the requests
cpu_nojit() { for t in /proc/$EXPORT_PID/task/*; do
  grep -q Compiler "$t/comm" 2>/dev/null || awk '{print $14 + $15}' "$t/stat" 2>/dev/null; done | awk '{s += $1} END {print s}'; }
run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency "${@:2}" 2>&1; }
hz=$(getconf CLK_TCK)

echo "== warm-up $WARMUP (submit), screener $SCREENER"; run "$WARMUP" -s "$WORK/submit.lua" http://127.0.0.1:8083 > /dev/null
echo "== ceiling: GET /q/health/live on export-service's management port"
run 10s http://127.0.0.1:9083/q/health/live | tee "$WORK/ceiling.txt" | grep -E "Requests/sec"
for round in $(seq 1 "$ROUNDS"); do
  [ "$SCREENER" = on ] && for _ in $(seq 1 120); do [ "$(submitted)" = 0 ] && break; sleep 1; done
  [ "$PROFILE" = 1 ] && jcmd "$EXPORT_PID" JFR.start name=submit settings=profile > /dev/null
  l0=$(cut -d' ' -f1 /proc/loadavg); c0=$(cpu); j0=$(cpu_nojit)
  run "$DURATION" -s "$WORK/submit.lua" http://127.0.0.1:8083 > "$WORK/submit.txt"
  c1=$(cpu); j1=$(cpu_nojit); l1=$(cut -d' ' -f1 /proc/loadavg)
  [ "$PROFILE" = 1 ] && jcmd "$EXPORT_PID" JFR.stop name=submit filename="$OUT/submit-$round.jfr" > /dev/null
  served=$(grep "requests in" "$WORK/submit.txt" | awk '{print $1}')
  non2xx=$(grep "Non-2xx" "$WORK/submit.txt" | awk '{print $NF}' || true)
  rate=$(grep Requests/sec "$WORK/submit.txt" | awk '{print $2}'); p99=$(grep " 99%" "$WORK/submit.txt" | awk '{print $2}')
  awk -v r="$round" -v s="$served" -v n="${non2xx:-0}" -v rate="$rate" -v p99="$p99" -v c0="$c0" -v c1="$c1" -v j0="$j0" -v j1="$j1" -v hz="$hz" \
      -v l0="$l0" -v l1="$l1" -v left="$( [ "$SCREENER" = on ] && submitted || echo -)" 'BEGIN{
    printf "round %d: %d submits (%d non-2xx), %.0f/s, p99 %s, export CPU per submit %.2f ms (%.2f ms without JIT threads), SUBMITTED at the end %s, load %s→%s\n",
      r, s, n, rate, p99, (c1 - c0) / hz * 1000 / (s - n), (j1 - j0) / hz * 1000 / (s - n), left, l0, l1 }' | tee -a "$OUT/rounds.txt"
done
grep Requests/sec "$WORK/ceiling.txt" | awk '{printf "ceiling %.0f req/s\n", $2}' | tee -a "$OUT/rounds.txt"
if [ "$PROFILE" = 1 ]; then
  java "$HERE/bench/export/JfrTop.java" "$OUT/submit-1.jfr" 45 > "$OUT/top.txt"
  java "$HERE/bench/export/JfrTop.java" "$OUT/submit-1.jfr" 60 '^(io\.zmx|org\.hibernate\.reactive|io\.vertx\.pgclient|io\.quarkus\.(oidc|hibernate|security|resteasy|vertx)|io\.smallrye\.jwt|com\.fasterxml|org\.jose4j).*' > "$OUT/top-app.txt"
  echo "profile: $OUT/top.txt, $OUT/top-app.txt"
fi
