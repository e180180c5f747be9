#!/bin/bash
# Runs once, when the dev PostgreSQL initialises its empty data directory: one database per service, each
# owned by its own login role whose name and password come from that service's Secret (zmx-<svc>-db).
set -euo pipefail
create() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v db="$1" -v owner="$2" -v pass="$3" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'pass';
CREATE DATABASE :"db" OWNER :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}
create registry   "$REGISTRY_DB_USER"   "$REGISTRY_DB_PASSWORD"
create compliance "$COMPLIANCE_DB_USER" "$COMPLIANCE_DB_PASSWORD"
create exports    "$EXPORT_DB_USER"     "$EXPORT_DB_PASSWORD"
create keycloak   "$KEYCLOAK_DB_USER"   "$KEYCLOAK_DB_PASSWORD"
