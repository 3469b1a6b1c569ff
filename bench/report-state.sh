#!/usr/bin/env bash
# Bounded state of the report service (bench/state.sh report).
# Usage: bench/report-state.sh [systems=100000] [revisions=20]
exec "$(dirname "$0")/state.sh" report "$@"
