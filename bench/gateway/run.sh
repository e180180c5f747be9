#!/usr/bin/env bash
# Gateway overhead, measured in one run on one machine (numbers are only comparable within a run):
#   ceiling  GET /ping on the gateway            (plain-text Quarkus endpoint, no auth, no backend)
#   direct   GET <read endpoint> on registry-service    (bearer token checked by registry)
#   gateway  GET <read endpoint> through the gateway    (token checked by gateway and registry, proxied)
# registry-service runs its built jar against an embedded PostgreSQL (zonky, as its tests do); both
# services verify RS256 tokens against a throw-away issuer: a key made here, its JWKS served as static files.
# Usage: bench/gateway/run.sh            (env: DURATION=15s CONNECTIONS=32 THREADS=2 ROUNDS=3 SKIP_BUILD=1
#                                          READ_PATH=/api/v1/vins/<vin>  OUT=<markdown file>)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DURATION=${DURATION:-15s}; CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-2}; ROUNDS=${ROUNDS:-3}
WORK=$(mktemp -d /tmp/zmx-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl registry-service,gateway -am package -DskipTests -DskipITs
fi
./mvnw -B -q -pl registry-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 180); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done; echo "not up: $1" >&2; return 1; }

PG_PORT=$(free_port); REG_PORT=$(free_port); GW_PORT=$(free_port); ISS_PORT=$(free_port)
REG_MGMT=$(free_port); GW_MGMT=$(free_port) # health and metrics: the management interface
ISSUER="http://127.0.0.1:$ISS_PORT/realms/bench"

# ---- a token and the key that verifies it ---------------------------------------------------------
python3 - "$WORK" "$ISSUER" <<'PY'
import base64, json, sys, time
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa, padding
import os
work, issuer = sys.argv[1], sys.argv[2]
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
num = key.public_key().public_numbers()
big = lambda i: b64(i.to_bytes((i.bit_length() + 7) // 8, "big"))
site = f"{work}/issuer/realms/bench"
os.makedirs(f"{site}/.well-known")
json.dump({"keys": [{"kty": "RSA", "kid": "bench", "use": "sig", "alg": "RS256", "n": big(num.n), "e": big(num.e)}]},
          open(f"{site}/jwks", "w"))
json.dump({"issuer": issuer, "jwks_uri": f"{issuer}/jwks", "token_endpoint": f"{issuer}/token",
           "id_token_signing_alg_values_supported": ["RS256"]}, open(f"{site}/.well-known/openid-configuration", "w"))
now = int(time.time())
claims = {"iss": issuer, "sub": "bench", "azp": "bench", "realm_access": {"roles": ["admin"]},
          "aud": "zmx-api", "iat": now, "exp": now + 7200}
signing = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "bench"}).encode()) + "." + b64(json.dumps(claims).encode())
sig = key.sign(signing.encode(), padding.PKCS1v15(), hashes.SHA256())
open(f"{work}/token", "w").write(signing + "." + b64(sig))
PY
TOKEN=$(cat "$WORK/token")
export ZMX_OIDC_ISSUER=$ISSUER ZMX_JSON_LOGS=false QUARKUS_HTTP_HOST=127.0.0.1
(cd "$WORK/issuer" && exec python3 -m http.server "$ISS_PORT" --bind 127.0.0.1 > "$WORK/issuer.log" 2>&1) &
PIDS+=($!)
wait_http "$ISSUER/.well-known/openid-configuration"

# ---- PostgreSQL, registry-service, gateway -------------------------------------------------------
java -cp "$(cat "$WORK/cp.txt")" bench/gateway/RunPostgres.java "$PG_PORT" > "$WORK/postgres.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -qs "POSTGRES READY" "$WORK/postgres.log" && break; sleep 1; done
grep -q "POSTGRES READY" "$WORK/postgres.log" || { cat "$WORK/postgres.log"; exit 1; }

ZMX_REGISTRY_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/registry" QUARKUS_HTTP_PORT=$REG_PORT QUARKUS_MANAGEMENT_PORT=$REG_MGMT \
  java -Xmx512m -jar registry-service/target/quarkus-app/quarkus-run.jar > "$WORK/registry.log" 2>&1 &
PIDS+=($!)
ZMX_REGISTRY_URL="http://127.0.0.1:$REG_PORT" QUARKUS_HTTP_PORT=$GW_PORT QUARKUS_MANAGEMENT_PORT=$GW_MGMT ZMX_RATE_LIMIT_ENABLED=false \
  java -Xmx512m -jar gateway/target/quarkus-app/quarkus-run.jar > "$WORK/gateway.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$REG_MGMT/q/health/live"
wait_http "http://127.0.0.1:$GW_PORT/ping"

if [ -z "${READ_PATH:-}" ]; then
  VIN=$(python3 -c '
v="LGXCE4CB0R0123456"
t={**{str(d):d for d in range(10)},**dict(zip("ABCDEFGH",range(1,9))),**dict(zip("JKLMN",range(1,6))),"P":7,"R":9,**dict(zip("STUVWXYZ",range(2,10)))}
w=[8,7,6,5,4,3,2,10,0,9,8,7,6,5,4,3,2]
r=sum(t[c]*w[i] for i,c in enumerate(v))%11
print(v[:8]+("X" if r==10 else str(r))+v[9:])')
  READ_PATH="/api/v1/vins/$VIN"
fi
for url in "http://127.0.0.1:$REG_PORT$READ_PATH" "http://127.0.0.1:$GW_PORT$READ_PATH"; do
  code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
  [ "$code" = 200 ] || { echo "probe $url answered $code: $(cat "$WORK/probe.json")" >&2; exit 1; }
done

if [ -n "${HOLD:-}" ]; then # keep everything up for manual probing
  echo "registry http://127.0.0.1:$REG_PORT gateway http://127.0.0.1:$GW_PORT path $READ_PATH token $WORK/token"; sleep "$HOLD" & PIDS+=($!); wait $!; exit 0
fi

# ---- measure: every round runs all three, so drift of the machine hits them alike -------------------
run() { # name url [auth]
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ "${3:-}" = auth ] && args+=(-H "Authorization: Bearer $TOKEN")
  wrk "${args[@]}" "$2" > "$WORK/$1.txt"
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$1.txt")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$WORK/$1.txt"); errors=${errors:-0}
  echo "$1 $rps $p99 $errors" >> "$WORK/results.txt"
}
echo "warming up"; for u in "http://127.0.0.1:$GW_PORT/ping" "http://127.0.0.1:$REG_PORT$READ_PATH" "http://127.0.0.1:$GW_PORT$READ_PATH"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $TOKEN" "$u" > /dev/null; done
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS"
  run ceiling "http://127.0.0.1:$GW_PORT/ping"
  run direct "http://127.0.0.1:$REG_PORT$READ_PATH" auth
  run gateway "http://127.0.0.1:$GW_PORT$READ_PATH" auth
done

# ---- report: median of the rounds ------------------------------------------------------------------
python3 - "$WORK/results.txt" "$READ_PATH" "$DURATION" "$CONNECTIONS" "$THREADS" "$ROUNDS" <<'PY' | tee "${OUT:-/dev/null}"
import statistics, sys
path, read, duration, conns, threads, rounds = sys.argv[1:]
rows = {}
for line in open(path):
    name, rps, p99, errors = line.split()
    rows.setdefault(name, []).append((float(rps), p99, int(errors)))
def ms(v):
    return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
med = {n: (statistics.median(r[0] for r in v), statistics.median(ms(r[1]) for r in v), sum(r[2] for r in v)) for n, v in rows.items()}
print(f"wrk -t{threads} -c{conns} -d{duration}, {rounds} interleaved rounds, medians; read endpoint GET {read}\n")
print("| path | requests/s | p99 ms | non-2xx |")
print("|---|---:|---:|---:|")
for n, label in (("ceiling", "ceiling: GET /ping on the gateway (plain text)"), ("direct", "direct: registry-service"),
                 ("gateway", "through the gateway")):
    rps, p99, err = med[n]
    print(f"| {label} | {rps:,.0f} | {p99:.2f} | {err} |")
print()
print(f"- gateway / direct throughput: **{med['gateway'][0] / med['direct'][0]:.2f}** (goal >= 0.8)")
print(f"- gateway read path / ceiling: **{med['gateway'][0] / med['ceiling'][0]:.2f}**")
print(f"- added p99 latency: {med['gateway'][1] - med['direct'][1]:.2f} ms")
print("- per round: " + "; ".join(f"{n} " + "/".join(f"{r[0]:.0f}" for r in v) for n, v in rows.items()))
PY
