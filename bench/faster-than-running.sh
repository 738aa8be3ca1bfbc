#!/usr/bin/env bash
# faster-than-running.sh: how many times faster gilsim predicts a program
# than the program runs.  For each seed scenario and thread count, the
# predicted wall time (what running the program would take on the
# platform) over gilsim's own wall time for that prediction, both measured
# in this one run.  A single prediction pays SimGrid's start-up (about
# 20 ms); a sweep pays it once per worker.  Nothing here is asserted.
#
# usage: bench/faster-than-running.sh [GILSIM]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
GILSIM=${1:-build/sim/gilsim}

# predicted SCENARIO N: the predicted wall time, from the CSV export
predicted () {
  "$GILSIM" run "$1" -L "N=$2" --no-sequential -q -j 1 --export-csv - |
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "wall_s") c = i }
             NR == 2 { print $c }'
}

printf '%-28s %6s %12s %12s %10s\n' scenario N predicted_s gilsim_s faster
for sc in io_threads cpu_threads cpu_processes numpy_threads; do
  for n in 1 16 256; do
    f=scenarios/seed/$sc.gil
    p=$(predicted "$f" "$n")
    g=$(bench_seconds 4 "$GILSIM" run "$f" -L "N=$n" --no-sequential -q -j 1)
    printf '%-28s %6s %12s %12s %10s\n' "$sc" "$n" "$p" "$g" "$(bench_ratio "$p" "$g" 0)x"
  done
done
