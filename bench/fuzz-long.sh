#!/usr/bin/env bash
# Long fuzzing runs: each target of tests/fuzz/ for SECONDS (default 3600),
# one after the other, at low priority, from the seeds, the corpus kept in
# the repository (tests/fuzz/corpus/) and the finds of earlier runs here
# (build-fuzz/corpus/).  Prints each target's executions, wall and CPU
# seconds, and "fuzz: N passed, N failed" (tests/fuzz.sh does the work).
# Afterwards tests/fuzz/keep.sh adds the finds to the kept corpus, so that
# the next run, in any checkout, starts from them (docs/hardening.md).
#
#   bench/fuzz-long.sh [SECONDS [TARGET...]]
set -uo pipefail
cd "$(dirname "$0")/.."
# at low priority an input waits for a CPU: time inputs out at 60 s, not 10
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-60} exec nice -n 10 tests/fuzz.sh "${1:-3600}" "${@:2}"
