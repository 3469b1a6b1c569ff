#!/usr/bin/env bash
# Bounded state of the intake service (bench/state.sh intake).
# Usage: bench/intake-state.sh [systems=100000] [revisions=20]
exec "$(dirname "$0")/state.sh" intake "$@"
