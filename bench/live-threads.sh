#!/usr/bin/env bash
# live-threads.sh: what thousands of simulated threads alive at once cost.
# Runs bench/live_threads.gil (--no-sequential) for each thread count and
# prints the wall time and the peak memory of the largest process (GNU
# time's, when installed).  Times are this machine's; nothing is asserted.
#
# usage: bench/live-threads.sh [GILSIM [COUNTS]]
#   GILSIM  the program (default: build/sim/gilsim), run from the source root
#   COUNTS  thread counts, comma-separated (default 1000,5000,19000,100000)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
GILSIM=${1:-build/sim/gilsim}
COUNTS=${2:-1000,5000,19000,100000}
printf '%8s %10s %12s\n' threads "wall [s]" "peak [KB]"
for n in ${COUNTS//,/ }; do
  t0=$EPOCHREALTIME
  peak=$(bench_peak_kb "$GILSIM" run bench/live_threads.gil -q --no-sequential -L "N=$n")
  t1=$EPOCHREALTIME
  printf '%8s %10s %12s\n' "$n" "$(bench_elapsed "$t0" "$t1" 2)" "$peak"
done
