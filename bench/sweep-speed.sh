#!/usr/bin/env bash
# sweep-speed.sh: what a sweep saves over separate gilsim runs, and what
# parallel workers and the fork server (SimGrid started once per worker)
# bring.  Prints the wall time of each way of running the same points and
# the ratios.  Times are this machine's; nothing here is asserted.
#
# usage: bench/sweep-speed.sh [GILSIM [STEPS]]
#   GILSIM  the program (default: build/sim/gilsim), run from the source root
#   STEPS   switch intervals per thread count (default 250: 4 x 250 = 1000
#           points of scenarios/seed/cpu_threads.gil, each simulated as
#           written and sequentially)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
GILSIM=${1:-build/sim/gilsim}
STEPS=${2:-250}
SC=scenarios/seed/cpu_threads.gil
AXES=(-P N=1:4 -P "switch_interval=1ms:${STEPS}ms:1ms")
CPUS=$(getconf _NPROCESSORS_ONLN)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

seconds () { bench_seconds 2 "$@"; }
ratio () { bench_ratio "$1" "$2" 3; }

"$GILSIM" run "$SC" "${AXES[@]}" --list-points > "$tmp/points"
n=$(wc -l < "$tmp/points")
# one gilsim run per point: "K N=1,switch_interval=1ms" -> -L N=1 -L ...
sed -E 's/^[0-9]+ //; s/(^|,)/ -L /g' "$tmp/points" > "$tmp/args"

separate () {
  while read -r -a args; do
    "$GILSIM" run "$SC" "${args[@]}" --export-csv - -q
  done < "$tmp/args"
}

separate_parallel () {
  xargs -P "$CPUS" -L 1 "$GILSIM" run "$SC" --export-csv - -q < "$tmp/args"
}

echo "sweep-speed: $n points of $SC (-P N=1:4 -P switch_interval=1ms:${STEPS}ms:1ms), $CPUS CPUs"
sweep_j1=$(seconds "$GILSIM" run "$SC" "${AXES[@]}" -j 1 --export-json "$tmp/j1.json")
sweep_j2=$(seconds "$GILSIM" run "$SC" "${AXES[@]}" -j 2 --export-json "$tmp/j2.json")
sweep_all=$(seconds "$GILSIM" run "$SC" "${AXES[@]}" --export-json "$tmp/jn.json")
plain_j1=$(GILSIM_FORK_SERVER=0 seconds "$GILSIM" run "$SC" "${AXES[@]}" -j 1 \
             --export-json "$tmp/p1.json")
sep=$(seconds separate)
sep_par=$(seconds separate_parallel)
cmp -s "$tmp/j1.json" "$tmp/j2.json" && cmp -s "$tmp/j1.json" "$tmp/jn.json" &&
  cmp -s "$tmp/j1.json" "$tmp/p1.json" || { echo "exports differ" >&2; exit 1; }

printf '%-52s %8s s\n' \
  "$n separate gilsim run calls, one after another" "$sep" \
  "$n separate gilsim run calls, $CPUS at a time (xargs -P)" "$sep_par" \
  "one sweep, -j 1, without the fork server" "$plain_j1" \
  "one sweep, -j 1" "$sweep_j1" \
  "one sweep, -j 2" "$sweep_j2" \
  "one sweep, -j $CPUS (the default)" "$sweep_all"
echo "ratios:"
echo "  sweep (default -j) / separate calls:            $(ratio "$sweep_all" "$sep")  (goal: <= 0.25)"
echo "  sweep (default -j) / separate calls, parallel:  $(ratio "$sweep_all" "$sep_par")"
echo "  sweep -j 1 / separate calls:                    $(ratio "$sweep_j1" "$sep")"
echo "  sweep -j 2 / sweep -j 1:                        $(ratio "$sweep_j2" "$sweep_j1")  (goal: < 1)"
echo "  sweep -j 1 / same without fork server:          $(ratio "$sweep_j1" "$plain_j1")"
