#!/usr/bin/env bash
# switch-rate.sh: what one simulated GIL switch costs, by thread count.
# Runs bench/switch_countdown.gil (N threads of pure Python, all started
# before they compete; --no-sequential) with this build's gilsim and with
# a baseline gilsim, in turn (A B A B ...), and prints for each N the GIL
# switches simulated, the median wall seconds of each program (start-up
# included; min-max in brackets), the switches per wall second and per
# CPU second of each (CPU: perf stat's task-clock over the process tree,
# when perf runs here; a loaded machine stretches wall time far more than
# CPU time), and the ratios of the rates (this build / baseline).  Times are this
# machine's, taken while other work may run: read the medians and ranges.
# Nothing here is asserted.
#
# usage: bench/switch-rate.sh [GILSIM [BASELINE [COUNTS [INTERVAL [REPEAT]]]]]
#   GILSIM    the program (default: build/sim/gilsim), run from the source root
#   BASELINE  the program to compare with (default: none; e.g. main's build)
#   COUNTS    thread counts, comma-separated (default 2,16,256,4096)
#   INTERVAL  the switch interval (default 1ms)
#   REPEAT    runs of each program per count (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
GILSIM=${1:-build/sim/gilsim}
BASE=${2:-}
COUNTS=${3:-2,16,256,4096}
INTERVAL=${4:-1ms}
REPEAT=${5:-3}

# one RUN: prints "WALL_SECONDS SWITCHES CPU_SECONDS" (CPU seconds of the
# whole process tree from perf stat's task-clock when perf is installed and
# allowed, else "-")
one () {
  local t0 t1 sw cpu=- out perf=()
  out=$(mktemp)
  [ "$PERF" = 1 ] && perf=(perf stat "-x," -e task-clock -o "$out")
  t0=$EPOCHREALTIME
  sw=$(bench_countdown_switches "$1" "$2" "$3" "$INTERVAL" "${perf[@]}")
  t1=$EPOCHREALTIME
  [ "$PERF" = 1 ] && cpu=$(bench_task_clock "$out" 3)
  rm -f "$out"
  printf '%s %s %s\n' "$(bench_elapsed "$t0" "$t1" 3)" "$sw" "$cpu"
}
PERF=0
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
  PERF=1
fi

# stats: "MEDIAN MIN MAX" of the numbers on stdin
stats () { bench_stats '%.3f %.3f %.3f'; }

printf '%7s %9s %22s %10s %10s' threads switches "wall s med (min-max)" "sw/wall-s" "sw/cpu-s"
[ -n "$BASE" ] && printf ' %22s %10s %10s %6s %6s' "base wall med (range)" "sw/wall-s" "sw/cpu-s" "ratio" "(cpu)"
printf '\n'
# rate FILE: "SWITCHES MEDIAN MIN MAX SW/WALL-S SW/CPU-S" of one program's runs
rate () {
  local sw med lo hi cmed
  sw=$(head -n 1 "$1" | cut -d' ' -f2)
  read -r med lo hi <<< "$(cut -d' ' -f1 "$1" | stats)"
  cmed=$(cut -d' ' -f3 "$1" | grep -v -- - | stats | cut -d' ' -f1 || true)
  awk -v s="$sw" -v t="$med" -v lo="$lo" -v hi="$hi" -v c="${cmed:-0}" \
    'BEGIN { printf "%s %s %s %s %.0f %s\n", s, t, lo, hi, s / t, (c > 0 ? sprintf("%.0f", s / c) : "-") }'
}
for n in ${COUNTS//,/ }; do
  # at least 40 s of Python, and 20 intervals a thread
  w=$(bench_countdown_w "$n" "$INTERVAL" 20 40)
  a=$(mktemp); b=$(mktemp)
  bench_in_turn "$REPEAT" "$GILSIM" "$BASE" "$a" "$b" one "$n" "$w"
  read -r sw med lo hi wr cr <<< "$(rate "$a")"
  printf '%7s %9s %22s %10s %10s' "$n" "$sw" "$med ($lo-$hi)" "$wr" "$cr"
  if [ -n "$BASE" ]; then
    read -r bsw bmed blo bhi bwr bcr <<< "$(rate "$b")"
    printf ' %22s %10s %10s %6s %6s' "$bmed ($blo-$bhi)" "$bwr" "$bcr" \
      "$(bench_ratio "$wr" "$bwr" 2)" \
      "$(awk -v a="$cr" -v b="$bcr" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }')"
  fi
  printf '\n'
  rm -f "$a" "$b"
done
