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
GILSIM=${1:-build/sim/gilsim}
BASE=${2:-}
COUNTS=${3:-2,16,256,4096}
INTERVAL=${4:-1ms}
REPEAT=${5:-3}
SC=bench/switch_countdown.gil
perf stat -e task-clock true > /dev/null 2>&1 || { echo "perf stat is needed" >&2; exit 1; }

# one PROGRAM N W: "CPU_SECONDS SWITCHES"
one () {
  local out sw
  out=$(mktemp)
  sw=$(perf stat -x, -e task-clock -o "$out" "$1" run "$SC" -q --no-sequential -j 1 \
         -L "N=$2" -L "W=$3" -L "switch_interval=$INTERVAL" --export-json - 2>/dev/null |
       sed -n 's/^ *"gil_switches": *\([0-9]*\).*/\1/p')
  awk -F, -v s="$sw" '$3 == "task-clock" { printf "%.4f %s\n", $1 / 1000, s }' "$out"
  rm -f "$out"
}
# cost PROGRAM N W: microseconds a switch, from a run of W and one of 2 W
cost () {
  read -r c1 s1 <<< "$(one "$1" "$2" "$3")"
  read -r c2 s2 <<< "$(one "$1" "$2" "$(awk -v w="$3" 'BEGIN { print 2 * w }')")"
  awk -v a="$c1" -v b="$c2" -v x="$s1" -v y="$s2" 'BEGIN { printf "%.3f\n", (b - a) / (y - x) * 1e6 }'
}
stats () { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f (%.2f-%.2f)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

printf '%7s %9s %22s' threads switches "us/switch med (range)"
[ -n "$BASE" ] && printf ' %22s %6s' "base us/switch" "ratio"
printf '\n'
for n in ${COUNTS//,/ }; do
  # 20 s of Python, and 10 intervals a thread, in the shorter run
  w=$(awk -v n="$n" -v i="$INTERVAL" 'BEGIN { s = i + 0; if (i ~ /us$/) s /= 1e6;
        else if (i ~ /ms$/) s /= 1e3; w = n * 10 * s; print (w > 20 ? w : 20) }')
  a=$(mktemp); b=$(mktemp)
  for ((k = 0; k < REPEAT; k++)); do
    cost "$GILSIM" "$n" "$w" >> "$a"
    [ -n "$BASE" ] && cost "$BASE" "$n" "$w" >> "$b"
  done
  sw=$(one "$GILSIM" "$n" "$w" | cut -d' ' -f2)
  printf '%7s %9s %22s' "$n" "$sw" "$(stats < "$a")"
  if [ -n "$BASE" ]; then
    printf ' %22s %6s' "$(stats < "$b")" \
      "$(awk -v x="$(sort -g "$a" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" \
             -v y="$(sort -g "$b" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" \
             'BEGIN { printf "%.2f", y / x }')"
  fi
  printf '\n'
  rm -f "$a" "$b"
done
