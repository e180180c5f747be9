#!/usr/bin/env bash
# Start time and memory of each service as the pods of k8s/base run them (issue 12): a 768Mi memory limit and one CPU
# (-XX:MaxRAM=768m -XX:ActiveProcessorCount=1, no -Xmx: the JVM's ergonomics give a 192 MB heap, as in the container),
# production JVM otherwise (C2). The whole local stack starts from the built jars (embedded PostgreSQL, local issuer);
# per service it reports Quarkus' own "started in" time, the resident set size once ready, and the RSS after a short
# load of reads through the gateway (2,000 requests per service, 8 connections).
# Usage: bench/startup/run.sh   (env: SKIP_BUILD=1 OUT=<markdown file>)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=$(mktemp -d /tmp/zmx-startup.XXXXXX)
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
if [ -z "${SKIP_BUILD:-}" ]; then ./mvnw -B -q package -DskipTests -DskipITs -Dquarkus.analytics.disabled=true; fi
source bench/submit-lib.sh
rm -rf "$ROOT/.zmx-local/logs"
export ZMX_RATE_LIMIT_ENABLED=false
load_before=$(uptime)
java -Xmx256m -Dzmx.no-demo=true -Dzmx.k8s-jvm=true -Dzmx.root="$ROOT" \
  -cp "$ROOT/local-stack/target/local-stack.jar:$ROOT/local-stack/target/lib/*" io.zmx.local.LocalStackMain > "$WORK/stack.log" 2>&1 &
STACK=$!
trap 'kill "$STACK" 2>/dev/null; wait "$STACK" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
for _ in $(seq 1 300); do grep -q "zmx is running" "$WORK/stack.log" && break; sleep 1; done
grep -q "zmx is running" "$WORK/stack.log" || { tail -30 "$WORK/stack.log"; exit 1; }
rss() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$(pgrep -f "$1/target/quarkus-app/quarkus-run.jar" | head -1)/status"; }
heap() { jcmd "$(pgrep -f "$1/target/quarkus-app/quarkus-run.jar" | head -1)" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/-XX:MaxHeapSize=//p' | awk '{printf "%d", $1/1048576}'; }
declare -A READY STARTED
for s in registry-service compliance-service export-service gateway; do
  STARTED[$s]=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$ROOT/.zmx-local/logs/$s.log" | head -1)
  READY[$s]=$(rss $s)
done
TOKEN=$(token customs-cn)
VIN=LGXCE4CB5R0123456 # a valid check digit (the 0 there answered 400 to every read before)
for path in /api/v1/vins/$VIN /api/v1/rules?jurisdiction=KZ "/api/v1/filings?size=20" /api/v1/vehicles/$VIN/dossier; do
  wrk -t2 -c8 -d5s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8080$path" > /dev/null
done
{
  echo "Load before: $load_before; after: $(uptime)"
  echo
  echo "| service | max heap (ergonomics) | started in | RSS when ready | RSS after reads |"
  echo "|---|---:|---:|---:|---:|"
  for s in registry-service compliance-service export-service gateway; do
    echo "| $s | $(heap $s) MB | ${STARTED[$s]} s | ${READY[$s]} MB | $(rss $s) MB |"
  done
} | tee "${OUT:-/dev/null}"
