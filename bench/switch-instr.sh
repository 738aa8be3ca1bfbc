#!/usr/bin/env bash
# switch-instr.sh: instructions one more simulated GIL switch costs, by
# thread count, counted by callgrind (load-independent, unlike CPU time).
# Each program runs bench/switch_countdown.gil at W and at 2 W seconds of
# Python (--no-sequential -j 1, every process counted); the difference of
# their instructions over the difference of their switches is the cost of
# a switch, start-up left out.  Slow: callgrind runs some 50 times slower
# than the program (4,096 threads at W=5: a few minutes).  Nothing here is
# asserted.
#
# usage: bench/switch-instr.sh [GILSIM [BASELINE [COUNTS [INTERVAL [W]]]]]
#   GILSIM    the program (default: build/sim/gilsim), run from the source root
#   BASELINE  the program to compare with (default: none)
#   COUNTS    thread counts, comma-separated (default 2,16,256,1024,4096)
#   INTERVAL  the switch interval (default 1ms)
#   W         seconds of Python in the shorter run (default 10)
# SIM_ONLY=1 counts only the simulations themselves (callgrind's
# --toggle-collect=gs_engine_run in every process): the run's start-up and
# its --export-json at the end, whose printing of doubles grows with W,
# are left out (at 1,024 threads the export is some 400 instructions of
# the whole-run figure).  W2=SECONDS sets the longer run's W (default
# 2 W): a window of the run, such as W = 11 and W2 = 14 (flat19 in
# docs/performance.md: the benchmark's threads end from about half the
# run on, so late windows cost more a switch at many threads).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
GILSIM=${1:-build/sim/gilsim}
BASE=${2:-}
COUNTS=${3:-2,16,256,1024,4096}
INTERVAL=${4:-1ms}
W=${5:-10}
command -v valgrind > /dev/null || { echo "valgrind is needed" >&2; exit 1; }
COLLECT=()
[ "${SIM_ONLY:-0}" = 1 ] && COLLECT=(--collect-atstart=no --toggle-collect=gs_engine_run)

# one PROGRAM N W: "INSTRUCTIONS SWITCHES" (instructions of every process)
one () {
  local dir sw
  dir=$(mktemp -d)
  sw=$(bench_countdown_switches "$1" "$2" "$3" "$INTERVAL" valgrind --tool=callgrind \
         --trace-children=yes "${COLLECT[@]}" --callgrind-out-file="$dir/cg.%p")
  cat "$dir"/cg.* | awk -v s="$sw" '/^summary:/ { t += $2 } END { printf "%.0f %s\n", t, s }'
  rm -rf "$dir"
}
# cost PROGRAM N: "INSTRUCTIONS_PER_SWITCH SWITCHES_OF_THE_LONGER_RUN"
cost () {
  read -r i1 s1 <<< "$(one "$1" "$2" "$W")"
  read -r i2 s2 <<< "$(one "$1" "$2" "${W2:-$(awk -v w="$W" 'BEGIN { print 2 * w }')}")"
  awk -v a="$i1" -v b="$i2" -v x="$s1" -v y="$s2" 'BEGIN { printf "%.0f %d\n", (b - a) / (y - x), y - x }'
}

printf '%7s %14s %14s' threads "extra switches" "instr/switch"
[ -n "$BASE" ] && printf ' %14s %6s' "base" "ratio"
printf '\n'
for n in ${COUNTS//,/ }; do
  read -r c d <<< "$(cost "$GILSIM" "$n")"
  printf '%7s %14s %14s' "$n" "$d" "$c"
  if [ -n "$BASE" ]; then
    read -r cb db <<< "$(cost "$BASE" "$n")"
    printf ' %14s %6s' "$cb" "$(bench_ratio "$c" "$cb" 2)"
  fi
  printf '\n'
done
