#!/usr/bin/env bash
# Intake on its own against a standalone broker, to measure what its own changes buy without the
# rest of the suite (docs/benchmarks.md, "Changes and what they bought"):
#
#   bench/intake-alone.sh first-post [RUNS]        first submission after ready, warm-up off and on
#                                                  (SETTLE=20: first submission 20 s after ready)
#   bench/intake-alone.sh token-cpu [POSTS]        intake CPU per sequential POST, token cache off and on
#   bench/intake-alone.sh load [RATE] [SECONDS]    open-loop POSTs, admission limit off and on
#
# Needs intake-service/target/quarkus-app, tools/kafka-broker and tools/dev-auth built
# (./mvnw -DskipTests install -pl intake-service,tools/kafka-broker,tools/dev-auth -am). Uses its own
# ports (broker 19392, intake 18480) and target/intake-alone, so it runs beside ./dbarch up.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/target/intake-alone"
JAVA="${JAVA:-java}"
KAFKA_PORT="${KAFKA_PORT:-19392}"
HTTP_PORT="${HTTP_PORT:-18480}"
URL="http://127.0.0.1:$HTTP_PORT"
DOCUMENT="$ROOT/examples/ecommerce.yaml"
INTAKE_PID=""

say() { printf '%s\n' "$*" >&2; }

broker_up() {
  mkdir -p "$OUT"
  local cp_file="$OUT/broker.classpath"
  if [[ ! -s "$cp_file" ]]; then
    (cd "$ROOT" && ./mvnw -o -q -B -pl tools/kafka-broker dependency:build-classpath \
      "-Dmdep.outputFile=$cp_file" -Dmdep.includeScope=runtime >/dev/null)
  fi
  local jar
  jar="$(ls "$ROOT"/tools/kafka-broker/target/kafka-broker-*.jar | head -1)"
  rm -rf "$OUT/kafka"
  CLASSPATH="$jar:$(cat "$cp_file")" "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 \
    dev.dbarch.tools.kafka.StandaloneKafka start --data-dir "$OUT/kafka" --port "$KAFKA_PORT" \
    --pid-file "$OUT/kafka.pid" --heap 256m >&2
  "$JAVA" -cp "$ROOT/tools/dev-auth/target/classes" dev.dbarch.tools.auth.DevAuth keys "$OUT/auth" >/dev/null
  TOKEN="$("$JAVA" -cp "$ROOT/tools/dev-auth/target/classes" dev.dbarch.tools.auth.DevAuth \
    token "$OUT/auth" submitter --tenant bench)"
}

broker_down() {
  intake_down
  local pid i
  [[ -s "$OUT/kafka.pid" ]] || return 0
  pid="$(cat "$OUT/kafka.pid")"
  kill "$pid" 2>/dev/null || true
  # Gone before the next run removes its data directory.
  for i in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  rm -f "$OUT/kafka.pid"
}

now_ms() { date +%s%3N; }

# intake_up LABEL [JVM options...]: starts intake with fresh state, waits until ready.
intake_up() {
  local label="$1" launched ready
  shift
  rm -rf "$OUT/state" "$OUT/secrets"
  mkdir -p "$OUT/state" "$OUT/secrets"
  chmod 700 "$OUT/secrets"
  launched="$(now_ms)"
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" DBARCH_STATE_DIR="$OUT/state" \
    DBARCH_SECRETS_DIR="$OUT/secrets" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$OUT/auth/public-key.pem" \
    DBARCH_LOG_JSON=false \
    "$JAVA" -Xmx256m -XX:+UseSerialGC \
    -Ddbarch.intake.rate-limit.tenants.bench.per-second=100000 \
    -Ddbarch.intake.rate-limit.tenants.bench.burst=100000 "$@" \
    "-Dquarkus.http.port=$HTTP_PORT" -jar "$ROOT/intake-service/target/quarkus-app/quarkus-run.jar" \
    >"$OUT/intake-$label.log" 2>&1 &
  INTAKE_PID=$!
  until curl -fs -o /dev/null "$URL/q/health/ready"; do
    kill -0 "$INTAKE_PID" 2>/dev/null || { say "intake died: $OUT/intake-$label.log"; exit 1; }
    sleep 0.1
  done
  ready="$(now_ms)"
  say "  [$label] intake ready $((ready - launched)) ms after launch (pid $INTAKE_PID)"
}

intake_down() {
  if [[ -n "$INTAKE_PID" ]]; then
    kill "$INTAKE_PID" 2>/dev/null || true
    wait "$INTAKE_PID" 2>/dev/null || true
    INTAKE_PID=""
  fi
}

# post ID: one submission; prints "status seconds".
post() {
  sed "s/^systemId: .*/systemId: $1/" "$DOCUMENT" |
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$URL/api/v1/assessments" \
      -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/yaml' --data-binary @-
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

first_post() {
  local runs="${1:-3}" variant run
  for run in $(seq 1 "$runs"); do
    for variant in off on; do
      intake_up "warm-up-$variant" "-Ddbarch.intake.warm-up.enabled=$([[ $variant == on ]] && echo true || echo false)"
      sleep "${SETTLE:-0}"
      printf 'warm-up %s run %d: first %s | second %s | third %s\n' "$variant" "$run" \
        "$(post first-$run)" "$(post second-$run)" "$(post third-$run)"
      grep -ho 'Warmed the mappers[^"]*' "$OUT/intake-warm-up-$variant.log" | sed 's/^/  /' || true
      intake_down
    done
  done
}

token_cpu() {
  local posts="${1:-300}" variant before after i
  for variant in off on; do
    intake_up "token-cache-$variant" \
      "-Ddbarch.intake.token-cache.max-entries=$([[ $variant == on ]] && echo 10000 || echo 0)"
    for i in $(seq 1 30); do post "warm-$i" >/dev/null; done
    before="$(cpu_ticks "$INTAKE_PID")"
    local started ended
    started="$(now_ms)"
    for i in $(seq 1 "$posts"); do post "cpu-$i" >/dev/null; done
    ended="$(now_ms)"
    after="$(cpu_ticks "$INTAKE_PID")"
    # Clock ticks are 10 ms.
    printf 'token cache %s: %d POSTs, intake CPU %d ms (%.2f ms per POST), %.1f ms wall per POST\n' \
      "$variant" "$posts" "$(((after - before) * 10))" \
      "$(echo "($after - $before) * 10 / $posts" | bc -l)" \
      "$(echo "($ended - $started) / $posts" | bc -l)"
    intake_down
  done
}

load() {
  local rate="${1:-500}" seconds="${2:-10}" variant
  for variant in off on; do
    if [[ $variant == off ]]; then
      intake_up "admission-off" -Ddbarch.intake.admission.max-in-flight=1000000
    else
      intake_up "admission-on"
    fi
    for i in $(seq 1 30); do post "warm-$i" >/dev/null; done
    printf 'admission limit %s: ' "$variant"
    "$JAVA" -Xmx256m "$ROOT/bench/IntakeLoad.java" "$URL/api/v1/assessments" "$TOKEN" "$DOCUMENT" \
      "$rate" "$seconds"
    intake_down
  done
}

trap broker_down EXIT
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
broker_up
case "${1:-}" in
  first-post) first_post "${2:-3}" ;;
  token-cpu) token_cpu "${2:-300}" ;;
  load) load "${2:-500}" "${3:-10}" ;;
  *) say "usage: $0 first-post [RUNS] | token-cpu [POSTS] | load [RATE] [SECONDS]"; exit 2 ;;
esac
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
