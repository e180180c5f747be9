#!/usr/bin/env bash
# The web console's first load on loopback (issue 13; goals: <= 250 KB transferred, <= 1 s to the first useful screen).
#   1. curl: the compressed bytes of every file the signed-out first screen fetches (gzip, as browsers ask), against a
#      running gateway (GATEWAY=http://127.0.0.1:8080), and the time curl needs for them in sequence. Bytes do not depend
#      on the JVM; for the time, start the gateway with production flags (java -Dzmx.production-jvm=true ... LocalStackMain,
#      as bench/submit-lib.sh's start_stack does), not ./zmx-local's quick-start -XX:TieredStopAtLevel=1.
#   2. Chromium: e2e-tests' ConsoleFirstLoadIT on the built suite, cache disabled: bytes on the wire from the browser's
#      Resource Timing and the console's own performance mark 'zmx-first-screen' (median of 5 loads after one warm-up),
#      then the officer's queue after sign-in. Written to e2e-tests/target/failsafe-reports/console/first-load.json.
# Usage: bench/console/run.sh [curl|browser|both]   (env: GATEWAY, SKIP_BUILD=1 to reuse built jars)
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=${1:-both}
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
FILES="console/ console/app.css console/js/main.js console/js/auth.js console/js/i18n.js console/js/dom.js
console/config.json console/permissions.json console/i18n/en.json"

if [ "$MODE" = curl ] || [ "$MODE" = both ]; then
  if curl -fs -o /dev/null "$GATEWAY/console/config.json"; then
    total=0; raw=0
    start=$(date +%s%N)
    for f in $FILES; do
      read -r size plain < <(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download} ' "$GATEWAY/$f";
                             curl -s -o /dev/null -w '%{size_download}\n' "$GATEWAY/$f")
      printf '  %-28s %7s B gzip  %7s B plain\n' "$f" "$size" "$plain"
      total=$((total + size)); raw=$((raw + plain))
    done
    end=$(date +%s%N)
    echo "curl: signed-out first screen $total B compressed ($raw B plain), fetched in sequence (twice) in $(( (end - start) / 1000000 )) ms"
  else
    echo "curl: no gateway at $GATEWAY (start ./zmx-local or set GATEWAY); skipped"
  fi
fi

if [ "$MODE" = browser ] || [ "$MODE" = both ]; then
  if [ -z "${SKIP_BUILD:-}" ]; then
    ./mvnw -B -q -o package -pl edge,token-cache,registry-service,compliance-service,export-service,gateway \
      -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dquarkus.analytics.disabled=true
  fi
  # zmx.production-jvm: the suite's services run with production JVM flags (C2 on), not the local stack's quick-start
  # -XX:TieredStopAtLevel=1, so the time to the first screen is the steady state a deployment would show
  ./mvnw -B -q -o verify -pl edge,sdk,local-stack,e2e-tests -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ConsoleFirstLoadIT -Dzmx.production-jvm=true -Dquarkus.analytics.disabled=true
  echo "browser: $(cat e2e-tests/target/failsafe-reports/console/first-load.json)"
fi
