#!/usr/bin/env bash
# Long fuzzing runs: each target of tests/fuzz/ for SECONDS (default 3600),
# one after the other, at low priority, keeping what each finds in
# build-fuzz/corpus/ for the next run.  Prints the executions per target
# and "fuzz: N passed, N failed" (tests/fuzz.sh does the work).
#
#   bench/fuzz-long.sh [SECONDS [TARGET...]]
set -uo pipefail
cd "$(dirname "$0")/.."
# at low priority an input waits for a CPU: time inputs out at 60 s, not 10
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-60} exec nice -n 10 tests/fuzz.sh "${1:-3600}" "${@:2}"
