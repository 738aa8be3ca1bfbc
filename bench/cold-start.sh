#!/usr/bin/env bash
# cold-start.sh: one cold prediction against SimGrid's floor.  Times
# `gilsim run scenarios/seed/io_threads.gil -q` (with its sequential run,
# as a user runs it), `gilsim --version` (loading the program and its
# libraries, nothing else) and bench/empty-simgrid (libsimgrid loaded,
# SimGrid started on the same platform, one actor that does nothing),
# in turn, and prints the medians, ranges and ratios of wall and CPU
# seconds (farm-bench when it is on PATH; else the wall time of each, in
# turn).  With perf on PATH, also the CPU time of all the processes of
# each (perf stat's task-clock: exact, where the operating system's
# user and system seconds count in ticks of 4 ms, a tenth of a run), in
# rounds of 5 runs of each in turn, and the median ratio of the rounds.
# Times are this machine's; nothing here is asserted.
#
# usage: bench/cold-start.sh [GILSIM [EMPTY [RUNS]]]
#   GILSIM  the program (default: build/sim/gilsim), run from the source root
#   EMPTY   the empty SimGrid run (default: build/bench/empty-simgrid)
#   RUNS    runs of each (default 21)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
GILSIM=${1:-build/sim/gilsim}
EMPTY=${2:-build/bench/empty-simgrid}
RUNS=${3:-21}
SC=scenarios/seed/io_threads.gil
PLAT=platforms/xeon-16core.xml
BASE="$EMPTY $PLAT --log=root.thres:critical"
# med: the median (and range) of the numbers on stdin, one a line
med () { bench_stats '%.4f (%.4f-%.4f)'; }
if command -v perf >/dev/null; then
  # tc COMMAND...: task-clock in ms of 5 runs of COMMAND (their mean), every process
  tc () { perf stat -x, -e task-clock -r 5 -- "$@" 2>&1 >/dev/null |
            awk -F, '/task-clock/ { print $1 }'; }
  rounds=/tmp/cold-start.$$.tc
  for ((k = 0; k < (RUNS + 4) / 5; k++)); do
    # shellcheck disable=SC2086
    echo "$(tc "$GILSIM" run "$SC" -q) $(tc $BASE)" >> "$rounds"
  done
  echo "== task-clock (ms, all processes), rounds of 5 runs each in turn: median (range)"
  echo "gilsim run:         $(awk '{ print $1 }' "$rounds" | med)"
  echo "empty SimGrid run:  $(awk '{ print $2 }' "$rounds" | med)"
  echo "ratio per round:    $(awk '{ print $1 / $2 }' "$rounds" | med)"
  rm -f "$rounds"
fi
if command -v farm-bench >/dev/null; then
  echo "== gilsim run $SC -q  vs  empty SimGrid run"
  farm-bench -n "$RUNS" --timeout 600 --vs "$BASE" -- "$GILSIM" run "$SC" -q |
    grep -E 'wall|cpu|^#|c/'
  echo "== gilsim --version  vs  empty SimGrid run"
  farm-bench -n "$RUNS" --timeout 600 --vs "$BASE" -- "$GILSIM" --version |
    grep -E 'wall|cpu'
  exit 0
fi
# seconds COMMAND...: COMMAND's wall seconds, a line (its stderr dropped too)
seconds () { bench_seconds 4 "$@" 2>/dev/null; echo; }
for ((k = 0; k < RUNS; k++)); do
  seconds "$GILSIM" run "$SC" -q >> /tmp/cold-start.$$.a
  # shellcheck disable=SC2086
  seconds $BASE >> /tmp/cold-start.$$.b
done
echo "gilsim run:  $(med < /tmp/cold-start.$$.a) s"
echo "empty run:   $(med < /tmp/cold-start.$$.b) s"
rm -f /tmp/cold-start.$$.a /tmp/cold-start.$$.b
