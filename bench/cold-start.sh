#!/usr/bin/env bash
# cold-start.sh: one cold prediction against SimGrid's floor.  Times
# `gilsim run scenarios/seed/io_threads.gil -q` (with its sequential run,
# as a user runs it), `gilsim --version` (loading the program and its
# libraries, nothing else) and bench/empty-simgrid (libsimgrid loaded,
# SimGrid started on the same platform, one actor that does nothing),
# in turn, and prints the medians, ranges and ratios of wall and CPU
# seconds (farm-bench when it is on PATH; else the wall time of each, in
# turn).  Times are this machine's; nothing here is asserted.
#
# usage: bench/cold-start.sh [GILSIM [EMPTY [RUNS]]]
#   GILSIM  the program (default: build/sim/gilsim), run from the source root
#   EMPTY   the empty SimGrid run (default: build/bench/empty-simgrid)
#   RUNS    runs of each (default 21)
set -euo pipefail
cd "$(dirname "$0")/.."
GILSIM=${1:-build/sim/gilsim}
EMPTY=${2:-build/bench/empty-simgrid}
RUNS=${3:-21}
SC=scenarios/seed/io_threads.gil
PLAT=platforms/xeon-16core.xml
BASE="$EMPTY $PLAT --log=root.thres:critical"
if command -v farm-bench >/dev/null; then
  echo "== gilsim run $SC -q  vs  empty SimGrid run"
  farm-bench -n "$RUNS" --timeout 600 --vs "$BASE" -- "$GILSIM" run "$SC" -q |
    grep -E 'wall|cpu|^#|c/'
  echo "== gilsim --version  vs  empty SimGrid run"
  farm-bench -n "$RUNS" --timeout 600 --vs "$BASE" -- "$GILSIM" --version |
    grep -E 'wall|cpu'
  exit 0
fi
seconds () {
  local t0=$EPOCHREALTIME
  "$@" >/dev/null 2>&1
  local t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}
med () { sort -g | awk '{ v[NR] = $1 } END { printf "%.4f (%.4f-%.4f)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
for ((k = 0; k < RUNS; k++)); do
  seconds "$GILSIM" run "$SC" -q >> /tmp/cold-start.$$.a
  # shellcheck disable=SC2086
  seconds $BASE >> /tmp/cold-start.$$.b
done
echo "gilsim run:  $(med < /tmp/cold-start.$$.a) s"
echo "empty run:   $(med < /tmp/cold-start.$$.b) s"
rm -f /tmp/cold-start.$$.a /tmp/cold-start.$$.b
