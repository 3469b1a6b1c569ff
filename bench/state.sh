#!/usr/bin/env bash
# Bounded state of the report or the intake service: SYSTEMS x REVISIONS worth of its state in
# its compacted topics, served with the heap ./dbarch up gives a service (-Xmx256m). Prints a
# table (docs/operations.md, "Bounded state").
# Usage: bench/state.sh report|intake [systems=100000] [revisions=20]
#        (bench/report-state.sh and bench/intake-state.sh name the service for you)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SERVICE="${1:?report or intake}"
SYSTEMS="${2:-100000}"
REVISIONS="${3:-20}"
case "$SERVICE" in
  report) JAR="${REPORT_JAR:-$ROOT/report-service/target/quarkus-app/quarkus-run.jar}"; EXTRA=() ;;
  intake) JAR="${INTAKE_JAR:-$ROOT/intake-service/target/quarkus-app/quarkus-run.jar}"
          EXTRA=("$ROOT/examples/ecommerce.yaml") ;;
  *) echo "usage: bench/state.sh report|intake [systems] [revisions]" >&2; exit 2 ;;
esac
if [[ ! -f "$JAR" ]]; then
  ./mvnw -B -q -pl "$SERVICE-service" -am install -DskipTests
fi
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -B -q -pl test-support dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=runtime >/dev/null
CP="$ROOT/test-support/target/classes:$(cat "$CP_FILE")"
exec java -Xmx1g -cp "$CP" bench/src/state/StateBench.java "$SERVICE" "$SYSTEMS" "$REVISIONS" \
  "$JAR" "$ROOT/test-support/src/main/resources/dbarch-test-auth/test-only-public-key.pem" \
  "${EXTRA[@]}"
