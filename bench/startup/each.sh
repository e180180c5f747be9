#!/usr/bin/env bash
# Start-to-ready and memory of each service started on its own, as one pod starts during a rolling update (issue 12):
# the rest of the suite is already up, so the service does not share its start with three other JVMs (run.sh starts
# all four at once, on 2 cores). The whole local stack starts first from the built jars (embedded PostgreSQL with the
# services' migrations applied, local issuer); then, one service at a time, its process is stopped and started again
# with the same command line and environment (read from /proc) plus the pods' limits of k8s/base: -XX:MaxRAM=768m
# -XX:ActiveProcessorCount=1, no -Xmx (ergonomics: a 192 MB heap), C2 on.
#   start-to-ready   wall time from the exec to the first 200 of /q/health/ready (database checks included), polled
#                    every 20 ms from outside, and Quarkus' own "started in"
#   RSS              when ready, and after exactly 10,000 authenticated requests to that service (wrk, 8 connections,
#                    a Lua counter stops at 10,000 answers), the issue's "after 10,000 requests"
# With CDS=1 each service is started a second time with a dynamic AppCDS archive made by a training start
# (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile): what an image that ships the archive would gain.
# Usage: bench/startup/each.sh   (env: SKIP_BUILD=1 CDS=1 ROUNDS=1 OUT=<markdown file>)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ROUNDS=${ROUNDS:-1}
WORK=$(mktemp -d /tmp/zmx-startup-each.XXXXXX)
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
if [ -z "${SKIP_BUILD:-}" ]; then ./mvnw -B -q package -DskipTests -DskipITs -Dquarkus.analytics.disabled=true; fi
source bench/submit-lib.sh
start_stack "$ROOT" "$WORK"
RESTARTED=()
trap 'for p in "${RESTARTED[@]}"; do kill "$p" 2>/dev/null || true; done; kill "$STACK" 2>/dev/null; wait "$STACK" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM

declare -A PORT=([registry-service]=8081 [compliance-service]=8082 [export-service]=8083 [gateway]=8080)
TOKEN=$(token zmx-admin)
VIN=LGXCE4CB5R0123456 # valid check digit
declare -A PATH_OF=([registry-service]="/api/v1/vins/$VIN" [compliance-service]="/api/v1/rule-sets"
  [export-service]="/api/v1/filings?size=20" [gateway]="/api/v1/vins/$VIN")
# one wrk thread, so one Lua state counts every answer; at 10,000 it writes the statuses and ends wrk (which would
# otherwise wait out its duration)
cat > "$WORK/count.lua" <<LUA
local n, codes = 0, {}
response = function(status)
  n = n + 1; codes[status] = (codes[status] or 0) + 1
  if n == 10000 then
    local f = io.open("$WORK/codes.txt", "w")
    for c, k in pairs(codes) do f:write(c .. "x" .. k .. " ") end
    f:close(); os.exit(0)
  end
end
LUA

# load10k SERVICE: exactly 10,000 answers from the service (8 connections); statuses in WORK/codes.txt
load10k() {
  rm -f "$WORK/codes.txt"
  wrk -t1 -c8 -d300s -s "$WORK/count.lua" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${PORT[$1]}${PATH_OF[$1]}" > /dev/null || true
  [ -s "$WORK/codes.txt" ] || echo "fewer than 10,000 answers in 300 s" > "$WORK/codes.txt"
}
rss_of() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }
# restart SERVICE [extra JVM options...]: stops the running process, starts it again alone; prints "pid ready_ms"
restart() {
  local s=$1; shift
  local pid; pid=$(pgrep -f -- "$ROOT/$s/target/quarkus-app/quarkus-run.jar" | head -1)
  local cmd=() env=()
  while IFS= read -r -d '' a; do cmd+=("$a"); done < "/proc/$pid/cmdline"
  while IFS= read -r -d '' a; do env+=("$a"); done < "/proc/$pid/environ"
  kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  # drop the local stack's heap and start-up flags; keep everything else (ports, database, issuer)
  local java=${cmd[0]} rest=() a
  for a in "${cmd[@]:1}"; do case "$a" in -Xmx*|-XX:TieredStopAtLevel=*|-XX:+UseSerialGC|-XX:MaxRAM=*|-XX:ActiveProcessorCount=*|-XX:ArchiveClassesAtExit=*|-XX:SharedArchiveFile=*) ;; *) rest+=("$a") ;; esac; done
  local mgmt=$(( ${PORT[$s]} + 1000 ))
  local t0; t0=$(now_ms)
  env -i "${env[@]}" "$java" -XX:MaxRAM=768m -XX:ActiveProcessorCount=1 "$@" "${rest[@]}" > "$WORK/$s.log" 2>&1 &
  local np=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$mgmt/q/health/ready"; do
    kill -0 "$np" 2>/dev/null || { tail -20 "$WORK/$s.log" >&2; exit 1; }
    sleep 0.02
  done
  echo "$np $(( $(now_ms) - t0 ))"
}
started_in() { sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$WORK/$1.log" | head -1; }

rows=()
for s in registry-service compliance-service export-service gateway; do
  for round in $(seq 1 "$ROUNDS"); do
    read -r pid ready < <(restart "$s"); RESTARTED+=("$pid")
    r0=$(rss_of "$pid")
    heap=$(jcmd "$pid" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/-XX:MaxHeapSize=//p' | awk '{printf "%d", $1/1048576}')
    load10k "$s"
    rows+=("| $s | plain | ${heap} MB | $(awk -v m="$ready" 'BEGIN{printf "%.2f", m/1000}') s | $(started_in "$s") s | $r0 MB | $(rss_of "$pid") MB | $(cat "$WORK/codes.txt") |")
  done
  if [ -n "${CDS:-}" ]; then
    # training start: run until ready, serve a few requests, stop; the JVM writes the archive at exit
    read -r pid ready < <(restart "$s" "-XX:ArchiveClassesAtExit=$WORK/$s.jsa"); RESTARTED+=("$pid")
    curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${PORT[$s]}${PATH_OF[$s]}"
    for round in $(seq 1 "$ROUNDS"); do
      read -r pid ready < <(restart "$s" "-XX:SharedArchiveFile=$WORK/$s.jsa"); RESTARTED+=("$pid")
      r0=$(rss_of "$pid")
      load10k "$s"
      rows+=("| $s | AppCDS | 192 MB | $(awk -v m="$ready" 'BEGIN{printf "%.2f", m/1000}') s | $(started_in "$s") s | $r0 MB | $(rss_of "$pid") MB | $(cat "$WORK/codes.txt") |")
    done
  fi
done
{
  echo "bench/startup/each.sh, $(date -u '+%F %H:%M') UTC, commit $(git rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
  echo
  echo "| service | JVM | max heap | exec to ready | Quarkus \"started in\" | RSS when ready | RSS after 10,000 requests | statuses of the 10,000 |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "${OUT:-/dev/null}"
