#!/usr/bin/env bash
# Prepares the machine's PostgreSQL 15 for the workload tests: installs Debian's HypoPG package
# (hypothetical indexes) and loads pg_stat_statements at server start (shared_preload_libraries
# needs a restart). Idempotent: does nothing that is already done. The workload tests skip, naming
# what is missing, when this could not be done.
set -euo pipefail
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -Atq)

command -v pg_ctlcluster >/dev/null 2>&1 || {
  echo "No Debian PostgreSQL cluster tools; the workload tests on PostgreSQL 15 will skip"
  exit 0
}
if ! "${PSQL[@]}" -c "SELECT 1" >/dev/null 2>&1; then
  echo "PostgreSQL 15 is not reachable on 127.0.0.1:5432; the workload tests will skip"
  exit 0
fi

if ! dpkg -s postgresql-15-hypopg >/dev/null 2>&1; then
  echo "Installing postgresql-15-hypopg for the index advice tests"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq postgresql-15-hypopg >/dev/null; } ||
    echo "Could not install postgresql-15-hypopg; index advice tests will skip" >&2
fi

preload="$("${PSQL[@]}" -c "SHOW shared_preload_libraries")"
if [[ ",${preload// /}," == *",pg_stat_statements,"* ]]; then
  echo "pg_stat_statements already preloaded"
  exit 0
fi
wanted="pg_stat_statements"
if [[ -n "${preload// /}" ]]; then
  wanted="${preload// /},pg_stat_statements"
fi
"${PSQL[@]}" -c "ALTER SYSTEM SET shared_preload_libraries = '${wanted}'"
echo "Restarting PostgreSQL 15 to load pg_stat_statements"
pg_ctlcluster --skip-systemctl-redirect 15 main restart
for _ in $(seq 1 60); do
  if [[ ",$("${PSQL[@]}" -c "SHOW shared_preload_libraries" 2>/dev/null | tr -d ' ')," == *",pg_stat_statements,"* ]]; then
    echo "PostgreSQL 15 restarted with pg_stat_statements"
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL 15 did not come back with pg_stat_statements; the workload tests will skip" >&2
exit 1
