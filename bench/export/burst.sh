#!/usr/bin/env bash
# Issue 12, "a burst of 10,000 submitted filings is fully screened": the whole local stack (built jars, embedded
# PostgreSQL, local OIDC issuer; start_stack: production JVM flags, rate limiting off, no demo data, screener on as
# in production), measured directly on export-service:
#   warm-up   $WARMUP filings submitted the same way and screened to the last one (JIT, pools), not counted
#   burst     exactly $N filings accepted (201) by POST /api/v1/filings?submit=true as exporter-chengdu, each with
#             its own Idempotency-Key, at most $CONCURRENCY in flight, as fast as the service answers
#             (bench/export/Burst.java, java.net.http; a non-201 answer is counted by status and retried with the
#             same key, so a lost answer never makes a second filing); body as write_submit_request makes it (one
#             registered vehicle, so every screening calls registry and compliance for real)
#   backlog   SUBMITTED filings every second from the first submit (printed every 2 s) until none is left after the
#             last acceptance (or $DRAIN_MAX s after it)
#   figures   time of the last acceptance, submit rate, time the backlog was gone, screening throughput (N / time
#             from the first submit to the empty backlog), the filings by status before/after (every one of the N
#             has a verdict: CLEARED/HELD/REJECTED, none left SUBMITTED), the screener's own counters of stored
#             verdicts and failed attempts (export-service's /q/metrics), CPU seconds of each service's JVM over the
#             burst, load average before/mid/after, RSS after
# Prints a ready-to-paste markdown block (date, commit, command, load) and writes it to $OUT when set; when a
# submit was answered other than 201 or a screening attempt failed, the services' logs of the run are kept in
# $OUT.logs.txt (without OUT: /tmp/zmx-burst-*.logs.txt).
# Usage: bench/export/burst.sh   (env: ROOT=. N=10000 CONCURRENCY=16 WARMUP=1000 DRAIN_MAX=600 SKIP_BUILD=1 OUT=file.md
#        PORT_BASE=20000 to run the stack on ports of its own beside another stack; see bench/submit-lib.sh)
# Smoke test: SKIP_BUILD=1 N=500 WARMUP=100 bench/export/burst.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(cd "${ROOT:-$PWD}" && pwd)
N=${N:-10000}; CONCURRENCY=${CONCURRENCY:-16}; WARMUP=${WARMUP:-1000}; DRAIN_MAX=${DRAIN_MAX:-600}
COMMAND="SKIP_BUILD=${SKIP_BUILD:-} N=$N CONCURRENCY=$CONCURRENCY WARMUP=$WARMUP DRAIN_MAX=$DRAIN_MAX bench/export/burst.sh"
WORK=$(mktemp -d /tmp/zmx-burst-bench.XXXXXX)
if [ -z "${SKIP_BUILD:-}" ]; then (cd "$ROOT" && ./mvnw -B -q package -DskipTests -DskipITs -Dquarkus.analytics.disabled=true); fi

source bench/submit-lib.sh
start_stack "$ROOT" "$WORK"
exporter_with_vehicle
write_submit_request "$WORK" "$TOKEN" "$CREDIT" "$VIN"
probe=$(curl -s -o "$WORK/probe.json" -w "%{http_code}" -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: probe-$$" -d @"$WORK/body.json" "$EXPORT_URL/api/v1/filings?submit=true")
echo "probe submit: HTTP $probe"; [ "$probe" = 201 ] || { cat "$WORK/probe.json"; exit 1; }
burst() { # COUNT KEY_PREFIX: bench/export/Burst.java against export-service; its markdown on stdout
  java bench/export/Burst.java "$EXPORT_URL" "$EXPORT_MGMT" "$TOKEN" "$ADMIN" "$WORK/body.json" \
    "$1" "$CONCURRENCY" "$2-$$" "$DRAIN_MAX"
}

echo "== warm-up: $WARMUP filings, screened to the last"
if [ "$WARMUP" -gt 0 ]; then burst "$WARMUP" warm > "$WORK/warmup.md" || { cat "$WORK/warmup.md"; echo "warm-up failed" >&2; exit 1; }; fi
grep -E "accepted|gone after|screening throughput" "$WORK/warmup.md" || true

declare -A PID T0
for m in export-service registry-service compliance-service gateway; do PID[$m]=$(jvm_pid "$m"); T0[$m]=$(cpu_ticks "${PID[$m]}"); done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
( while :; do sleep 5; cut -d' ' -f1 /proc/loadavg; done ) > "$WORK/load.txt" &
LOADS=$!
echo "== burst: $N filings, $CONCURRENCY in flight (load average $LOAD_BEFORE)"
status=0; burst "$N" burst > "$WORK/burst.md" || status=$?
kill "$LOADS" 2>/dev/null || true
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
LOAD_MID=$(awk '{a[NR] = $1} END {print (NR ? a[int((NR + 1) / 2)] : "-")}' "$WORK/load.txt")
LOAD_MAX=$(sort -n "$WORK/load.txt" | tail -1)
HZ=$(getconf CLK_TCK)

{
  markdown_header "A burst of $N submitted filings, screened (issue 12)" "$COMMAND"
  echo "Load average (1, 5, 15 min) before: $LOAD_BEFORE; mid-run (1 min): ${LOAD_MID}, highest ${LOAD_MAX:--}; after: $LOAD_AFTER."
  echo "Warm-up first: $WARMUP filings submitted and screened the same way (not counted). Direct on export-service,"
  echo "$CONCURRENCY submits in flight (java.net.http, bench/export/Burst.java), exporter-chengdu, one registered vehicle,"
  echo "screener as configured (\`zmx.screener.concurrency\` 16, batch 32 unless overridden by ZMX_SCREENER_*)."
  echo
  cat "$WORK/burst.md"
  echo
  printf 'CPU over the burst (utime+stime, s):'
  for m in export-service registry-service compliance-service gateway; do
    printf ' %s %.1f;' "$m" "$(awk -v a="${T0[$m]}" -v b="$(cpu_ticks "${PID[$m]}")" -v hz="$HZ" 'BEGIN {print (b - a) / hz}')"
  done
  echo " export-service CPU per filing (submit + screening): $(awk -v a="${T0[export-service]}" -v b="$(cpu_ticks "${PID[export-service]}")" -v hz="$HZ" -v n="$N" 'BEGIN {printf "%.2f ms", (b - a) / hz * 1000 / n}')."
  printf 'RSS after:'
  for m in export-service registry-service compliance-service gateway; do printf ' %s %d MB;' "$m" $(( $(awk '/VmRSS/{print $2}' "/proc/${PID[$m]}/status") / 1024 )); done
  echo
  for m in export-service registry-service compliance-service; do
    l="$ROOT/$STACK_DIR/logs/$m.log"
    echo "- $m log of the whole run (warm-up included): $(grep -c ' WARN ' "$l" || true) WARN, $(grep -c ' ERROR ' "$l" || true) ERROR lines$(grep -h -E ' (WARN|ERROR) ' "$l" | sed 's/^.*\(WARN\|ERROR\) *\[\([^]]*\)\].*/\2/' | sort | uniq -c | sort -rn | head -3 | awk '{printf "%s%s×%s", (NR == 1 ? " (top: " : ", "), $2, $1} END {if (NR) printf ")"}')"
  done
} | tee "${OUT:-/dev/null}"

if [ "$status" != 0 ] || grep -qE "answers other than 201 .* \| [1-9]|failed attempts .* \| [0-9,]+; [1-9]" "$WORK/burst.md"; then
  LOGS=${OUT:+$OUT.logs.txt}; LOGS=${LOGS:-/tmp/zmx-burst-$(date -u +%Y%m%dT%H%M%S).logs.txt}
  for m in export-service registry-service compliance-service gateway; do echo "===== $m"; cat "$ROOT/$STACK_DIR/logs/$m.log"; done > "$LOGS"
  echo "non-201 answers, failed screenings or an unfinished drain: the services' logs of the run are in $LOGS"
fi
exit "$status"
