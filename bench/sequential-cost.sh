#!/usr/bin/env bash
# sequential-cost.sh: what the sequential comparison run costs beside the
# run itself, with many threads.  For each thread count, runs
# bench/many_threads.gil with and without --no-sequential, side by side,
# and prints both wall times, their ratio and each one's peak memory.
# Times are this machine's; nothing here is asserted.
#
# usage: bench/sequential-cost.sh [GILSIM [COUNTS]]
#   GILSIM  the program (default: build/sim/gilsim), run from the source root
#   COUNTS  thread counts, comma-separated (default 200,1000,5000)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
GILSIM=${1:-build/sim/gilsim}
COUNTS=${2:-200,1000,5000}
SC=bench/many_threads.gil

# measure ARGS...: "SECONDS PEAK_KB" of one gilsim run (peak of the largest
# process, from GNU time when it is installed, else "-")
measure () {
  local t0=$EPOCHREALTIME peak
  peak=$(bench_peak_kb "$GILSIM" run "$SC" -q "$@")
  local t1=$EPOCHREALTIME
  printf '%s %s' "$(bench_elapsed "$t0" "$t1" 2)" "$peak"
}

printf '%8s %14s %14s %8s %12s %12s\n' threads "with seq [s]" "without [s]" ratio \
  "peak [KB]" "without [KB]"
for n in ${COUNTS//,/ }; do
  read -r s1 m1 <<< "$(measure -L "N=$n")"
  read -r s2 m2 <<< "$(measure -L "N=$n" --no-sequential)"
  printf '%8s %14s %14s %8s %12s %12s\n' "$n" "$s1" "$s2" \
    "$(bench_ratio "$s1" "$s2" 2)" "$m1" "$m2"
done
