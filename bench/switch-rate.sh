#!/usr/bin/env bash
# switch-rate.sh: what one simulated GIL switch costs, by thread count.
# Runs bench/switch_countdown.gil (N threads of pure Python, all started
# before they compete; --no-sequential) with this build's gilsim and with
# a baseline gilsim, in turn (A B A B ...), and prints for each N the GIL
# switches simulated, the median wall seconds of each program (start-up
# included; min-max in brackets), the switches per wall second of each,
# and the ratio of the rates (this build / baseline).  Times are this
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
GILSIM=${1:-build/sim/gilsim}
BASE=${2:-}
COUNTS=${3:-2,16,256,4096}
INTERVAL=${4:-1ms}
REPEAT=${5:-3}
SC=bench/switch_countdown.gil

# one RUN: prints "SECONDS SWITCHES"
one () {
  local g="$1" n="$2" w="$3" t0 t1 sw
  t0=$EPOCHREALTIME
  sw=$("$g" run "$SC" -q --no-sequential -j 1 -L "N=$n" -L "W=$w" \
         -L "switch_interval=$INTERVAL" --export-json - 2>/dev/null |
       sed -n 's/^ *"gil_switches": *\([0-9]*\).*/\1/p')
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" -v s="$sw" 'BEGIN { printf "%.3f %s\n", b - a, s }'
}

# stats: "MEDIAN MIN MAX" of the numbers on stdin
stats () { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f %.3f %.3f", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

printf '%7s %9s %24s %11s' threads switches "wall [s] med (min-max)" "switches/s"
[ -n "$BASE" ] && printf ' %24s %11s %7s' "base wall med (min-max)" "base sw/s" ratio
printf '\n'
for n in ${COUNTS//,/ }; do
  # at least 40 s of Python, and 20 intervals a thread
  w=$(awk -v n="$n" -v i="$INTERVAL" 'BEGIN { s = i + 0; if (i ~ /us$/) s /= 1e6;
        else if (i ~ /ms$/) s /= 1e3; w = n * 20 * s; print (w > 40 ? w : 40) }')
  : > /tmp/switch-rate.$$.a; : > /tmp/switch-rate.$$.b
  for ((k = 0; k < REPEAT; k++)); do
    one "$GILSIM" "$n" "$w" >> /tmp/switch-rate.$$.a
    [ -n "$BASE" ] && one "$BASE" "$n" "$w" >> /tmp/switch-rate.$$.b
  done
  sw=$(head -n 1 /tmp/switch-rate.$$.a | cut -d' ' -f2)
  read -r med lo hi <<< "$(cut -d' ' -f1 /tmp/switch-rate.$$.a | stats)"
  rate=$(awk -v s="$sw" -v t="$med" 'BEGIN { printf "%.0f", s / t }')
  printf '%7s %9s %24s %11s' "$n" "$sw" "$med ($lo-$hi)" "$rate"
  if [ -n "$BASE" ]; then
    read -r bmed blo bhi <<< "$(cut -d' ' -f1 /tmp/switch-rate.$$.b | stats)"
    bsw=$(head -n 1 /tmp/switch-rate.$$.b | cut -d' ' -f2)
    brate=$(awk -v s="$bsw" -v t="$bmed" 'BEGIN { printf "%.0f", s / t }')
    printf ' %24s %11s %7s' "$bmed ($blo-$bhi)" "$brate" \
      "$(awk -v a="$rate" -v b="$brate" 'BEGIN { printf "%.2f", a / b }')"
  fi
  printf '\n'
done
rm -f /tmp/switch-rate.$$.a /tmp/switch-rate.$$.b
