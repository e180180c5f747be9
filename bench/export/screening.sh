#!/usr/bin/env bash
# Issue 12: does screening keep pace with submission? One run of the whole local stack (built jars, embedded
# PostgreSQL, local OIDC issuer) with production JVM flags, measured directly on export-service:
#   ceiling   GET /q/health/live on export-service's management port (no token, no database): what the JVM and
#             the HTTP stack serve when a request does nothing
#   submit    POST /api/v1/filings?submit=true on export-service as an exporter for $DURATION: token checked,
#             idempotency record, filing row, audit event, all committed; the screener screens meanwhile
#             (registry + compliance over HTTP), as in production
#   backlog   SUBMITTED filings every 2 s, during the load and after it until none is left (or $DRAIN_MAX s)
#   cpu       export-service's utime+stime (/proc/<pid>/stat) over the submit phase / submits served
# ROOT picks the tree whose built jars run (before/after comparisons on one machine: ROOT=/path/to/old/checkout).
# Usage: bench/export/screening.sh   (env: ROOT=. DURATION=20s CONNECTIONS=16 THREADS=2 DRAIN_MAX=240 SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(cd "${ROOT:-$PWD}" && pwd)
DURATION=${DURATION:-20s}; CONNECTIONS=${CONNECTIONS:-16}; THREADS=${THREADS:-2}; DRAIN_MAX=${DRAIN_MAX:-240}
WORK=$(mktemp -d /tmp/zmx-screening-bench.XXXXXX)
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
if [ -z "${SKIP_BUILD:-}" ]; then (cd "$ROOT" && ./mvnw -B -q package -DskipTests -DskipITs -Dquarkus.analytics.disabled=true); fi

source bench/submit-lib.sh
start_stack "$ROOT" "$WORK"
EXPORT_PID=$(jvm_pid export-service) # the JVM listening on export-service's port, never another stack's

# one registered vehicle (model year agreeing with its production date, which the registry checks) so screening
# calls the registry for real history; stops the run when the registry refuses it
exporter_with_vehicle
write_submit_request "$WORK" "$TOKEN" "$CREDIT" "$VIN"
probe=$(curl -s -o "$WORK/probe.json" -w "%{http_code}" -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: probe-$$" -d @"$WORK/body.json" "http://127.0.0.1:8083/api/v1/filings?submit=true")
echo "probe submit: HTTP $probe"; [ "$probe" = 201 ] || { cat "$WORK/probe.json"; exit 1; }

submitted() { curl -s -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:8083/api/v1/filings?status=SUBMITTED&size=1" \
  | sed 's/.*"total":\([0-9]*\).*/\1/'; }
cpu() { awk '{print $14 + $15}' "/proc/$EXPORT_PID/stat"; }
run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency "${@:2}" 2>&1; }

echo "== warm-up 10s (submit)"; run 10s -s "$WORK/submit.lua" http://127.0.0.1:8083 > /dev/null
for _ in $(seq 1 120); do [ "$(submitted)" = 0 ] && break; sleep 1; done
echo "== ceiling: GET /q/health/live on export-service's management port"
run 10s http://127.0.0.1:9083/q/health/live | tee "$WORK/ceiling.txt" | grep -E "Requests/sec|99%|Non-2xx"

echo "== submit: POST /api/v1/filings?submit=true on export-service for $DURATION, backlog every 2 s"
( start=$(date +%s); while :; do echo "$(( $(date +%s) - start )) $(submitted)"; sleep 2; done ) > "$WORK/backlog.txt" &
SAMPLER=$!
c0=$(cpu); t0=$(date +%s.%N)
run "$DURATION" -s "$WORK/submit.lua" http://127.0.0.1:8083 | tee "$WORK/submit.txt" | grep -E "Requests/sec|99%|Non-2xx|requests in"
c1=$(cpu); t1=$(date +%s.%N)
left=$(submitted); drain_start=$(date +%s.%N)
for _ in $(seq 1 "$DRAIN_MAX"); do left=$(submitted); [ "$left" = 0 ] && break; sleep 1; done
drain_end=$(date +%s.%N); kill "$SAMPLER" 2>/dev/null || true

served=$(grep "requests in" "$WORK/submit.txt" | awk '{print $1}')
non2xx=$(grep "Non-2xx" "$WORK/submit.txt" | awk '{print $NF}' || true)
ceiling=$(grep Requests/sec "$WORK/ceiling.txt" | awk '{print $2}'); rate=$(grep Requests/sec "$WORK/submit.txt" | awk '{print $2}')
hz=$(getconf CLK_TCK)
echo "== backlog (seconds since the load began, SUBMITTED filings):"; tr '\n' ';' < "$WORK/backlog.txt"; echo
awk -v s="$served" -v n="${non2xx:-0}" -v r="$rate" -v c="$ceiling" -v c0="$c0" -v c1="$c1" -v hz="$hz" \
    -v t0="$t0" -v t1="$t1" -v ds="$drain_start" -v de="$drain_end" -v left="$left" -v peak="$(sort -k2 -n "$WORK/backlog.txt" | tail -1 | cut -d' ' -f2)" 'BEGIN{
  ok = s - n; load = t1 - t0; drain = de - ds;
  printf "submits accepted: %d in %.1f s = %.0f/s (answered %.0f/s, %d refused or failed: admission answers 429 past the backlog bound); ceiling %.0f req/s; accepted submit/ceiling = %.3f\n", ok, load, ok / load, r, n, c, (ok / load) / c;
  printf "export-service CPU per submit (screening included, as it runs meanwhile): %.2f ms\n", (c1 - c0) / hz * 1000 / ok;
  printf "backlog peak %d; %s left after %.1f s of draining\n", peak, left, drain;
  printf "screening throughput over load + drain: %.0f filings/s (submit rate %.0f/s)\n", (left == 0 ? ok / (load + drain) : (ok - left) / (load + drain)), ok / load }'
echo "== start and memory (the local stack's heap settings; RSS after the run)"
grep -h "started in" "$ROOT"/.zmx-local/logs/*.log "$WORK/stack.log" 2>/dev/null | sed 's/.*INFO  \[io.quarkus\] ([^)]*) //' | sort -u || true
for p in $(pgrep -f "quarkus-run.jar"); do
  printf "%-7s %6d MB RSS  %s\n" "$p" $(( $(awk '/VmRSS/{print $2}' /proc/$p/status) / 1024 )) "$(tr '\0' ' ' < /proc/$p/cmdline | grep -o '[a-z-]*/target/quarkus-app' | head -1)"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
