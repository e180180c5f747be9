#!/usr/bin/env bash
# Bulk-import benchmark of registry-service against raw PostgreSQL COPY, in one run on one machine.
#
#   bench/registry/run.sh [ROWS]        (default 1000000)
#
# Needs: JDK 17, python3, curl, jq, openssl, PostgreSQL server binaries (Debian's postgresql package; installed
# with apt-get when missing and running as root), and the built service:
#   ./mvnw -B -pl registry-service -am package -DskipTests
# Starts its own PostgreSQL on 127.0.0.1:${PGPORT:-55432} and the service jar on 127.0.0.1:${PORT:-18081},
# stops both at the end. Not part of the test run.
set -euo pipefail

ROWS=${1:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR="$ROOT/registry-service/target/quarkus-app/quarkus-run.jar"
MIGRATION="$ROOT/registry-service/src/main/resources/db/migration/V1__registry.sql"
WORK=${WORK:-$(mktemp -d /tmp/zmx-registry-bench.XXXXXX)}
PGPORT=${PGPORT:-55432}
PORT=${PORT:-18081}
MGMT_PORT=${MGMT_PORT:-19081} # health and metrics: the management interface
PG_PID=""; APP_PID=""; ISSUER_PID=""

[ -f "$JAR" ] || { echo "build first: ./mvnw -B -pl registry-service -am package -DskipTests" >&2; exit 1; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ]; then
  [ "$(id -u)" = 0 ] || { echo "install PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 1; }
  apt-get install -y -q postgresql >/dev/null
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"; }
now() { date +%s.%N; }

cleanup() {
  [ -n "$ISSUER_PID" ] && kill "$ISSUER_PID" 2>/dev/null || true
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$PG_PID" ] && as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== work dir $WORK; $ROWS rows"
chmod 755 "$WORK"
echo "== generating rows"
t0=$(now); python3 "$HERE/generate.py" "$ROWS" "$WORK"; t1=$(now)
printf "   generated in %.1f s (%s MB import CSV)\n" "$(echo "$t1 - $t0" | bc)" "$(du -m "$WORK/import_full.csv" | cut -f1)"
chmod 644 "$WORK"/*.csv

echo "== starting PostgreSQL ($("$PGBIN/postgres" --version))"
mkdir -p "$WORK/pgdata"; [ "$(id -u)" = 0 ] && chown postgres "$WORK/pgdata"
as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pgdata/server.log" -w \
  -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB -c synchronous_commit=on" start >/dev/null
PG_PID=started

# a tiny OIDC issuer: discovery document + JWKS served by python's http.server; tokens signed with openssl
OIDC_PORT=${OIDC_PORT:-18180}
ISSUER="http://127.0.0.1:$OIDC_PORT"
mkdir -p "$WORK/issuer/.well-known"
openssl genrsa -out "$WORK/key.pem" 2048 2>/dev/null
MODULUS=$(openssl rsa -in "$WORK/key.pem" -noout -modulus 2>/dev/null | cut -d= -f2)
python3 - "$MODULUS" "$ISSUER" "$WORK/issuer" <<'PY'
import base64, json, sys
n = bytes.fromhex(sys.argv[1]); issuer = sys.argv[2]; out = sys.argv[3]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
json.dump({"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "bench", "n": b64(n), "e": b64(b"\x01\x00\x01")}]},
          open(out + "/jwks.json", "w"))
json.dump({"issuer": issuer, "jwks_uri": issuer + "/jwks.json", "token_endpoint": issuer + "/token",
           "id_token_signing_alg_values_supported": ["RS256"]}, open(out + "/.well-known/openid-configuration", "w"))
PY
(cd "$WORK/issuer" && exec python3 -m http.server "$OIDC_PORT" --bind 127.0.0.1 >"$WORK/issuer.log" 2>&1) &
ISSUER_PID=$!
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
H=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
P=$(printf '{"iss":"%s","sub":"bench","preferred_username":"bench","realm_access":{"roles":["admin"]},"aud":"zmx-api","iat":%d,"exp":%d}' "$ISSUER" "$(date +%s)" "$(( $(date +%s) + 14400 ))" | b64url)
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sign "$WORK/key.pem" -binary | b64url)
TOKEN="$H.$P.$S"

start_app() {  # $1 = database
  ZMX_REGISTRY_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT/$1" ZMX_REGISTRY_DB_USER=postgres ZMX_REGISTRY_DB_PASSWORD=x \
  ZMX_OIDC_ISSUER="$ISSUER" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT \
  ZMX_JSON_LOGS=false ZMX_IMPORT_SPOOL_DIR="$WORK/spool" \
    java -Xmx512m -jar "$JAR" > "$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "service did not start; see $WORK/app-$1.log" >&2; exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

import_through_api() {  # $1 = file; prints seconds
  local t0 loc state job
  t0=$(now)
  loc=$(curl -sf -D - -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" \
        --data-binary @"$1" "http://127.0.0.1:$PORT/api/v1/imports" | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
  [ -n "$loc" ] || { echo "upload refused; see $WORK/app-*.log" >&2; exit 1; }
  while :; do
    job=$(curl -sf -H "Authorization: Bearer $TOKEN" "$loc") || { echo "cannot read $loc" >&2; exit 1; }
    state=$(echo "$job" | jq -r .state)
    case "$state" in COMPLETED|FAILED|INTERRUPTED) break ;; esac
    sleep 0.2
  done
  local t1; t1=$(now)
  echo "$job" > "$WORK/job-$(basename "$1").json"
  [ "$state" = COMPLETED ] || { echo "import $state: $job" >&2; exit 1; }
  echo "$t1 - $t0" | bc
}

copy_raw() {  # $1 = database, then pairs of "table(columns)" file; prints seconds
  local db=$1; shift
  local script=""
  while [ $# -gt 0 ]; do script+="\\copy $1 FROM '$2' WITH (FORMAT csv)"$'\n'; shift 2; done
  local t0 t1; t0=$(now)
  echo "$script" | psql_ -d "$db" -f - >/dev/null
  t1=$(now)
  echo "$t1 - $t0" | bc
}

VCOLS="vehicle(vin, manufacturer, make, model, model_year, fuel_type, engine_cc, power_kw, drive_side, emission_standard, production_date, plant_country, status, first_registration_date)"
RCOLS="registration(vin, reg_date, region, city, plate, owner_type, owner_id)"
OCOLS="odometer_reading(vin, reading_date, km, source, correction, reason, rollback)"

declare -A RESULT
for scenario in ${SCENARIOS:-vehicles full}; do
  echo "== scenario '$scenario'"
  psql_ -d postgres -c "DROP DATABASE IF EXISTS registry_$scenario" -c "CREATE DATABASE registry_$scenario" \
        -c "DROP DATABASE IF EXISTS baseline_$scenario" -c "CREATE DATABASE baseline_$scenario"
  psql_ -d "baseline_$scenario" -f "$MIGRATION" >/dev/null   # the very same schema, empty
  start_app "registry_$scenario"
  api=$(import_through_api "$WORK/import_$scenario.csv")
  stop_app
  if [ "$scenario" = vehicles ]; then
    raw=$(copy_raw "baseline_$scenario" "$VCOLS" "$WORK/base_vehicles_only.csv")
  else
    raw=$(copy_raw "baseline_$scenario" "$VCOLS" "$WORK/base_vehicles.csv" "$RCOLS" "$WORK/base_registrations.csv" \
                   "$OCOLS" "$WORK/base_readings.csv")
  fi
  n_api=$(psql_ -d "registry_$scenario" -At -c "SELECT count(*) FROM vehicle")
  n_raw=$(psql_ -d "baseline_$scenario" -At -c "SELECT count(*) FROM vehicle")
  failed=$(jq -r .failed "$WORK/job-import_$scenario.csv.json")
  [ "$n_api" = "$ROWS" ] && [ "$n_raw" = "$ROWS" ] && [ "$failed" = 0 ] \
    || { echo "row counts differ: api=$n_api raw=$n_raw failed=$failed" >&2; exit 1; }
  api_rate=$(echo "$ROWS / $api" | bc -l); raw_rate=$(echo "$ROWS / $raw" | bc -l)
  printf "   bulk endpoint: %8.1f s  %9.0f rows/s   (job's own rate %s rows/s)\n" "$api" "$api_rate" \
    "$(jq -r .rowsPerSecond "$WORK/job-import_$scenario.csv.json")"
  printf "   raw COPY:      %8.1f s  %9.0f rows/s\n" "$raw" "$raw_rate"
  printf "   ratio endpoint/COPY: %.2f\n" "$(echo "$api_rate / $raw_rate" | bc -l)"
  RESULT[$scenario]=$(printf "%s|%.1f|%.0f|%.1f|%.0f|%.2f" "$scenario" "$api" "$api_rate" "$raw" "$raw_rate" "$(echo "$api_rate / $raw_rate" | bc -l)")
done

echo
echo "| scenario | rows | bulk endpoint s | bulk rows/s | raw COPY s | raw COPY rows/s | ratio |"
echo "|---|---|---|---|---|---|---|"
for s in ${SCENARIOS:-vehicles full}; do IFS='|' read -r n a ar r rr q <<<"${RESULT[$s]}"; echo "| $n | $ROWS | $a | $ar | $r | $rr | $q |"; done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB RAM, $(uname -sr), $(java -version 2>&1 | head -1), $("$PGBIN/postgres" --version)"
