#!/usr/bin/env bash
# Issue 14's webhook benchmark: EVENTS events (10,000) written to export-service's outbox and delivered by its
# dispatcher to a receiver on loopback; deliveries/s and the p99 lag from commit to delivery, with a baseline of the
# same receiver hit directly in the same run (see WebhookBench.java). export-service runs its built jar with
# production JVM flags (java -Xmx512m -jar: C2 on) on an embedded PostgreSQL.
# Usage: bench/webhooks/run.sh   (env: EVENTS=10000 CONCURRENCY=32 RATE=500 SKIP_BUILD=1 KEEP=1)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-10000}; CONCURRENCY=${CONCURRENCY:-32}; RATE=${RATE:-500}
WORK=$(mktemp -d /tmp/zmx-bench-webhooks.XXXXXX)
trap '[ -n "${KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"' EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl export-service -am package -DskipTests -DskipITs -Dquarkus.analytics.disabled=true
fi
# -am test-compile: edge (and its test jar) and token-cache resolve from the reactor (never installed); export-service, last, writes the file last
./mvnw -B -q -pl export-service -am test-compile -Dquarkus.analytics.disabled=true dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null

echo "load before: $(uptime)"
java -Xmx512m -cp "$(cat "$WORK/cp.txt")" bench/webhooks/WebhookBench.java \
  "$PWD/export-service/target/quarkus-app/quarkus-run.jar" "$WORK" "$EVENTS" "$CONCURRENCY" "$RATE"
echo "load after: $(uptime)"
