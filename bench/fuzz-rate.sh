#!/usr/bin/env bash
# The speed of the fuzz targets: each TARGET (default: all) fuzzed for RUNS
# executions (default 5000) from its seeds alone, into an empty corpus, with
# tests/fuzz.sh's options and a fixed seed; prints the executions, the CPU
# seconds they took and executions per CPU second.  CPU seconds, not wall:
# on a shared machine the wall clock measures the load.  Early executions
# are of small inputs, so the figure is above a long run's; compare trees
# with the same RUNS.  Needs build-fuzz/ (tests/fuzz.sh sets it up).
#
#   bench/fuzz-rate.sh [RUNS [TARGET...]]
set -uo pipefail
cd "$(dirname "$0")/.."
. tests/fuzz/env.sh
runs=${1:-5000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${FUZZ_TARGETS[@]}")
build=build-fuzz
[ -d "$build/seeds" ] || { echo "fuzz-rate: run tests/fuzz.sh first" >&2; exit 1; }
TIMEFORMAT='%R %U %S'
for t in "${targets[@]}"; do
  work=$(mktemp -d "${TMPDIR:-/tmp}/gilsim-rate-$t.XXXXXX")
  { time "$build/tests/fuzz/fuzz-$t" -runs="$runs" -seed=1 -max_len=16384 \
      -rss_limit_mb=2048 -print_final_stats=1 -dict="$(fuzz_dict "$t")" \
      "$work" "$build/seeds/$t" >"$work.log" 2>&1 ; } 2>"$work.time"
  status=$?
  read -r wall user sys <"$work.time"
  n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work.log" | tail -n 1)
  awk -v t="$t" -v n="${n:-0}" -v u="$user" -v s="$sys" -v w="$wall" -v st="$status" \
    'BEGIN { c = u + s; r = c > 0 ? n / c : 0; f = st ? " (FAILED)" : ""
             printf "fuzz-%s: %d executions, %.2f s of CPU (%.2f s wall): %.0f per CPU second%s\n", t, n, c, w, r, f }'
  rm -rf "$work" "$work.log" "$work.time"
done
