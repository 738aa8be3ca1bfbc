#!/usr/bin/env bash
# switch-cost.sh: what one more simulated GIL switch costs, by thread count,
# start-up left out.  bench/switch-rate.sh divides a whole run's CPU by its
# switches, so a thread's start (SimGrid's actor, its stack) weighs on its
# figure at 4,096 threads; here each program runs bench/switch_countdown.gil
# with W and with 2 W seconds of Python (the same threads, twice the
# switches) and the difference of their CPU times (perf stat's task-clock)
# over the difference of their switches is the cost of a switch.  Programs
# alternate (A B A B ...); medians of REPEAT, min-max in brackets.  Times are
# this machine's, taken while other work may run.  Nothing here is asserted.
#
# usage: bench/switch-cost.sh [GILSIM [BASELINE [COUNTS [INTERVAL [REPEAT]]]]]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
GILSIM=${1:-build/sim/gilsim}
BASE=${2:-}
COUNTS=${3:-2,16,256,4096}
INTERVAL=${4:-1ms}
REPEAT=${5:-3}
perf stat -e task-clock true > /dev/null 2>&1 || { echo "perf stat is needed" >&2; exit 1; }

# one PROGRAM N W: "CPU_SECONDS SWITCHES"
one () {
  local out sw
  out=$(mktemp)
  sw=$(bench_countdown_switches "$1" "$2" "$3" "$INTERVAL" perf stat -x, -e task-clock -o "$out")
  printf '%s %s\n' "$(bench_task_clock "$out" 4)" "$sw"
  rm -f "$out"
}
# cost PROGRAM N W: microseconds a switch, from a run of W and one of 2 W
cost () {
  read -r c1 s1 <<< "$(one "$1" "$2" "$3")"
  read -r c2 s2 <<< "$(one "$1" "$2" "$(awk -v w="$3" 'BEGIN { print 2 * w }')")"
  awk -v a="$c1" -v b="$c2" -v x="$s1" -v y="$s2" 'BEGIN { printf "%.3f\n", (b - a) / (y - x) * 1e6 }'
}
stats () { bench_stats '%.2f (%.2f-%.2f)'; }

printf '%7s %9s %22s' threads switches "us/switch med (range)"
[ -n "$BASE" ] && printf ' %22s %6s' "base us/switch" "ratio"
printf '\n'
for n in ${COUNTS//,/ }; do
  # 20 s of Python, and 10 intervals a thread, in the shorter run
  w=$(bench_countdown_w "$n" "$INTERVAL" 10 20)
  a=$(mktemp); b=$(mktemp)
  bench_in_turn "$REPEAT" "$GILSIM" "$BASE" "$a" "$b" cost "$n" "$w"
  sw=$(one "$GILSIM" "$n" "$w" | cut -d' ' -f2)
  printf '%7s %9s %22s' "$n" "$sw" "$(stats < "$a")"
  if [ -n "$BASE" ]; then
    printf ' %22s %6s' "$(stats < "$b")" \
      "$(bench_ratio "$(bench_stats '%s' < "$b")" "$(bench_stats '%s' < "$a")" 2)"
  fi
  printf '\n'
  rm -f "$a" "$b"
done
