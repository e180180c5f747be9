#!/usr/bin/env bash
# Backtest of a rule-set version over N stored evaluations (issue 12: N = 1,000,000, goal <= 30 s on 2 cores).
#   1. the local stack from ROOT's built jars with production JVM flags (bench/submit-lib.sh start_stack)
#   2. one evaluation through compliance-service's API (a clean CN -> KZ filing); its stored row is the template
#   3. N copies of it (bench/compliance/Seed.java: one INSERT ... SELECT generate_series), spread over 2026 and over
#      DESTINATIONS, one in ten right-hand drive
#   4. a draft of KZ = the version in force plus one rule (BLOCK right-hand drive), backtested over 2026, direct on
#      compliance-service (not through the gateway: its 10 s upstream timeout is for interactive calls)
# Prints wall time, evaluations replayed, the replay rate, and compliance-service's and PostgreSQL's CPU per replayed
# evaluation.
# Usage: bench/compliance/backtest.sh   (env: N=1000000 DESTINATIONS=KZ,KG,RU (KZ: every row judged by the candidate)
#        ROOT=<tree with built jars> SKIP_BUILD=1 OUT=<markdown file>)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(cd "${ROOT:-$PWD}" && pwd -P); N=${N:-1000000}; DESTINATIONS=${DESTINATIONS:-KZ,KG,RU}
WORK=$(mktemp -d /tmp/zmx-backtest.XXXXXX)
for tool in jq curl; do command -v $tool >/dev/null || apt-get install -y -q $tool >/dev/null; done
source bench/submit-lib.sh
if [ -z "${SKIP_BUILD:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -q package -pl edge,token-cache,registry-service,compliance-service,export-service,gateway,sdk,local-stack \
    -DskipTests -Dquarkus.analytics.disabled=true)
fi
start_stack "$ROOT" "$WORK"
PG_PORT=$(sed -n 's/.*PostgreSQL *127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/stack.log" | head -1)
COMPLIANCE=$(grep -o 'compliance-service *http://127\.0\.0\.1:[0-9]*' "$WORK/stack.log" | awk '{print $2}' | head -1)
CPID=$(pgrep -f "$ROOT/compliance-service/target/quarkus-app/quarkus-run.jar" | head -1) # this stack's, not another tree's
AUTHOR=$(token rule-author); ADMIN=$(token zmx-admin); EXPORT=$(token export-service)

# ---- 2. the template evaluation --------------------------------------------------------------------
cat > "$WORK/evaluation.json" <<'JSON'
{"reference":"BENCH-TEMPLATE","origin":"CN","destination":"KZ","asOf":"2026-03-01",
 "vehicle":{"vin":"LGXCE4CB0R0123456","manufacturer":"BYD Auto","make":"BYD","model":"Song Plus DM-i","modelYear":2024,
  "fuelType":"PHEV","engineCc":1498,"powerKw":81.0,"driveSide":"LHD","emissionStandard":"CN6b","productionDate":"2024-05-10",
  "plantCountry":"CN","firstRegistrationDate":"2025-03-01","deregistered":true,"status":"DEREGISTERED",
  "registrations":[{"id":"r-1","date":"2025-03-01","region":"CN-SC","city":"Chengdu","plate":"A12345","ownerType":"DEALER","ownerId":"D-1"}],
  "odometerReadings":[{"id":"o-1","date":"2025-03-01","km":12,"source":"REGISTRATION","correction":false,"rollback":false}],
  "titleBrands":[]},
 "filing":{"destination":"KZ","declaredStatus":"USED","declaredOdometerKm":15,"declaredValue":{"amount":18500.00,"currency":"USD"},
  "hsCode":"8703601090","consignee":"Astana Motors","consigneeOfficialRepresentative":true,"consigneeType":"COMPANY",
  "afterSalesConfirmation":null,"exportLicence":{"number":"EL-2026-0001","issuedOn":"2026-02-20"},
  "exporterCreditCode":"91510100MA61234567","plannedExportDate":"2026-03-01","portOfExit":"Khorgos"},
 "assessment":{"zeroMileage":false,"odometerKm":15,"daysRegisteredBeforeExport":365,"verdict":"USED"}}
JSON
code=$(curl -s -o "$WORK/evaluated.json" -w '%{http_code}' -H "Authorization: Bearer $EXPORT" -H 'Content-Type: application/json' \
  -d @"$WORK/evaluation.json" "$COMPLIANCE/api/v1/evaluations")
[ "$code" = 201 ] || { echo "template evaluation answered $code: $(cat "$WORK/evaluated.json")" >&2; exit 1; }

# ---- 3. N stored evaluations ---------------------------------------------------------------------------
java -cp "$ROOT/local-stack/target/lib/*" bench/compliance/Seed.java "jdbc:postgresql://127.0.0.1:$PG_PORT/compliance" \
  compliance compliance "$N" "$DESTINATIONS" | tee "$WORK/seed.txt"

# ---- 4. the candidate: KZ in force + one rule, as a draft ---------------------------------------------
CURRENT=$(curl -sf -H "Authorization: Bearer $AUTHOR" "$COMPLIANCE/api/v1/rule-sets/KZ" | jq '[.versions[] | select(.status == "PUBLISHED") | .version] | max')
curl -sf -H "Authorization: Bearer $AUTHOR" "$COMPLIANCE/api/v1/rule-sets/KZ/versions/$CURRENT" \
  | jq '{effectiveFrom: .effectiveFrom, rules: (.rules
        + [{code: "KZ-BENCH-RHD", title: "Right-hand drive", severity: "BLOCK", expression: "vehicle.driveSide == '"'RHD'"'",
            message: "Right-hand drive", legalReferences: [{title: "Bench", url: "https://example.org/bench"}]}])}' > "$WORK/draft.json"
DRAFT=$(curl -sf -H "Authorization: Bearer $AUTHOR" -H 'Content-Type: application/json' -d @"$WORK/draft.json" \
  "$COMPLIANCE/api/v1/rule-sets/KZ/versions" | jq .version)

# ---- measure ----------------------------------------------------------------------------------------------
cpu_ticks() { awk '{print $14 + $15}' "/proc/$CPID/stat"; }
# PostgreSQL's CPU: the postmaster (with its reaped children) and every live backend
PGPM=$(ss -Hltnp "sport = :$PG_PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
pg_ticks() { local t=0 p; for p in $PGPM $(pgrep -P "$PGPM"); do
  [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
TICK_MS=$(awk 'BEGIN { print 1000 / '"$(getconf CLK_TCK)"' }')
LOAD_BEFORE=$(uptime)
before=$(cpu_ticks); pg_before=$(pg_ticks); t0=$(date +%s.%N)
code=$(curl -s -m 600 -o "$WORK/report.json" -w '%{http_code}' -H "Authorization: Bearer $AUTHOR" -H 'Content-Type: application/json' \
  -d '{"from":"2026-01-01","to":"2026-12-31","sampleSize":3}' "$COMPLIANCE/api/v1/rule-sets/KZ/versions/$DRAFT/backtest")
t1=$(date +%s.%N); after=$(cpu_ticks); pg_after=$(pg_ticks)
[ "$code" = 200 ] || { echo "backtest answered $code: $(cat "$WORK/report.json")" >&2; exit 1; }
RSS=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$CPID/status")
{
  echo "Backtest of KZ v$DRAFT (v$CURRENT + one BLOCK rule) over 2026, direct on compliance-service, production JVM flags"
  echo "- load before: $LOAD_BEFORE; after: $(uptime)"
  echo "- $(cat "$WORK/seed.txt")"
  jq -r '"- considered \(.considered), replayed \(.replayed), changed \(.changed) (stricter \(.stricter)), truncated \(.truncated)"' "$WORK/report.json"
  awk -v t0="$t0" -v t1="$t1" -v r="$(jq .replayed "$WORK/report.json")" -v c=$((after - before)) -v tick="$TICK_MS" -v rss="$RSS" \
      -v pg=$((pg_after - pg_before)) 'BEGIN {
    wall = t1 - t0
    printf "- wall time **%.1f s**; %.0f evaluations replayed/s; compliance-service CPU %.1f s = **%.1f us per replayed evaluation**; RSS after %d MB\n",
      wall, r / wall, c * tick / 1000, c * tick * 1000 / r, rss
    printf "- PostgreSQL CPU %.1f s = %.1f us per replayed evaluation\n", pg * tick / 1000, pg * tick * 1000 / r }'
} | tee "${OUT:-/dev/null}"
