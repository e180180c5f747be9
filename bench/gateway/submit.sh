#!/usr/bin/env bash
# Submit path against the HTTP ceiling, in one run on one machine:
#   ceiling  GET /ping on the gateway (plain-text Quarkus endpoint: no auth, no backend, no database)
#   submit   POST /api/v1/filings?submit=true through the gateway as an exporter: token checked by the
#            gateway and export-service, idempotency record, filing row, audit event, all committed; the
#            screener screens the filings meanwhile (registry + compliance calls), as in production.
# The whole suite runs from the local stack's launcher (built jars, embedded PostgreSQL, local OIDC issuer) with
# production JVM flags (bench/submit-lib.sh start_stack: -Dzmx.production-jvm=true, C2 on), not ./zmx-local's
# quick-start -XX:TieredStopAtLevel=1.
# Usage: bench/gateway/submit.sh   (env: DURATION=15s CONNECTIONS=16 THREADS=2 SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15s}; CONNECTIONS=${CONNECTIONS:-16}; THREADS=${THREADS:-2}
WORK=$(mktemp -d /tmp/zmx-submit-bench.XXXXXX)
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
if [ -z "${SKIP_BUILD:-}" ]; then ./mvnw -B -q package -DskipTests -DskipITs; fi

source bench/submit-lib.sh
start_stack "$PWD" "$WORK"

TOKEN=$(token exporter-chengdu)
CREDIT=$(echo "$TOKEN" | cut -d. -f2 | tr '_-' '/+' | { base64 -d 2>/dev/null || true; } | sed 's/.*"zmx_credit_code":"\([^"]*\)".*/\1/')
# one VIN with a valid ISO 3779 check digit; filings for the same car are allowed (re-filings happen)
VIN=$(python3 -c '
v="LGXCE4CB0R0123456"; w=[8,7,6,5,4,3,2,10,0,9,8,7,6,5,4,3,2]
t={**{str(d):d for d in range(10)},**dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ",[1,2,3,4,5,6,7,8,1,2,3,4,5,7,9,2,3,4,5,6,7,8,9]))}
r=sum(t[c]*w[i] for i,c in enumerate(v))%11; print(v[:8]+("X" if r==10 else str(r))+v[9:])')
write_submit_request "$WORK" "$TOKEN" "$CREDIT" "$VIN"
curl -s -o /dev/null -w "probe submit: HTTP %{http_code}\n" -X POST -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: probe-$$" -d @"$WORK/body.json" \
  "http://127.0.0.1:8080/api/v1/filings?submit=true"

run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" 2>&1; }
echo "== ceiling: GET /ping"; run http://127.0.0.1:8080/ping | tee "$WORK/ceiling.txt" | grep -E "Requests/sec|99%|Non-2xx"
echo "== submit: POST /api/v1/filings?submit=true through the gateway"
run -s "$WORK/submit.lua" http://127.0.0.1:8080 | tee "$WORK/submit.txt" | grep -E "Requests/sec|99%|Non-2xx"
echo "== submit direct: POST /api/v1/filings?submit=true on export-service (no gateway)"
run -s "$WORK/submit.lua" http://127.0.0.1:8083 | tee "$WORK/direct.txt" | grep -E "Requests/sec|99%|Non-2xx"
c=$(grep Requests/sec "$WORK/ceiling.txt" | awk '{print $2}'); s=$(grep Requests/sec "$WORK/submit.txt" | awk '{print $2}')
d=$(grep Requests/sec "$WORK/direct.txt" | awk '{print $2}')
python3 -c "print('submit via gateway / ceiling = %.3f (goal >= 0.15); via gateway / direct = %.2f' % ($s / $c, $s / $d))"
