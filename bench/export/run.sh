#!/usr/bin/env bash
# export-service report benchmark: 1,000,000 generated filings (about 90% zero-mileage) loaded with COPY
# into embedded PostgreSQL, then the report endpoint and the same SQL over JDBC, interleaved, side by side.
# Usage: bench/export/run.sh [filings] [rounds]      Results: stdout and export-service/target/bench-report.md
set -euo pipefail
cd "$(dirname "$0")/../.."
FILINGS="${1:-1000000}"
ROUNDS="${2:-40}"
./mvnw -B -q -N install
./mvnw -B -pl export-service test -Dtest=ReportBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dzmx.bench=true -Dzmx.bench.filings="$FILINGS" -Dzmx.bench.rounds="$ROUNDS"
cat export-service/target/bench-report.md
