#!/usr/bin/env bash
# Bounded state of the intake service: SYSTEMS x REVISIONS submissions (idempotency records and
# requirements) in its compacted topics, served with the heap ./dbarch up gives a service
# (-Xmx256m). Prints a table (docs/operations.md).
# Usage: bench/intake-state.sh [systems=100000] [revisions=20]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SYSTEMS="${1:-100000}"
REVISIONS="${2:-20}"
JAR="${INTAKE_JAR:-$ROOT/intake-service/target/quarkus-app/quarkus-run.jar}"
if [[ ! -f "$JAR" ]]; then
  ./mvnw -B -q -pl intake-service -am install -DskipTests
fi
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
./mvnw -B -q -pl test-support dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=runtime >/dev/null
CP="$ROOT/test-support/target/classes:$(cat "$CP_FILE")"
exec java -Xmx1g -cp "$CP" bench/IntakeStateBench.java "$SYSTEMS" "$REVISIONS" "$JAR" \
  "$ROOT/test-support/src/main/resources/dbarch-test-auth/test-only-public-key.pem" "$ROOT/examples/ecommerce.yaml"
