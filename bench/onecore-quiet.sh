#!/usr/bin/env bash
# bench/onecore-quiet.sh: why GIL-bound threads ran 5 to 25 % faster pinned
# to one vCPU than free on the 2-vCPU development machine (issue 15, #13's
# one-core what-if; docs/record.md, One core faster than two).  The
# measurements that tell the candidate mechanisms apart, in about three
# minutes, with bench/probe-handoff-cpu.py and PYTHON (default pyenv's
# 3.12.1).  Run it on a QUIET machine: on a loaded one every vCPU is busy
# all the time, no vCPU halts, and the effect to measure does not occur
# (docs/record.md has the loaded figures).  It prints the load before and
# after; a load above about 0.5 makes the run worthless.
#   1. the seed's cpu_threads as a program, free and pinned: CPU time or
#      wall time?  (10 runs of each, interleaved);
#   2. the same shape with 1, 2, 3 and 8 threads at 5 ms and 3 threads at
#      1 and 50 ms: does it scale with the hand-offs (a cost per hand-off)
#      or with the time (a speed)?  With 1 thread there is no hand-off;
#   3. one thread pinned, 5 ms of loop then 5 ms asleep against a
#      continuous loop, no GIL at all: does a vCPU that idles run slower?
#   4. the in-process probe: all threads moved between vCPU 0 and both
#      vCPUs every 0.2 s, and placed one per vCPU (spread).
#
#   bench/onecore-quiet.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/root/.pyenv/versions/3.12.1/bin/python3}
R=${1:-10}
P=bench/probe-handoff-cpu.py
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  $(date -u +%H:%M:%S) UTC"
"$PY" $P --program bench/record/cpu_threads.py --rounds "$R"
for cfg in "1 0.005" "2 0.005" "3 0.005" "8 0.005" "3 0.001" "3 0.05"; do
  set -- $cfg
  "$PY" $P --separate --threads "$1" --si "$2" --loops $((30000000 / $1)) --rounds $((R / 2))
done
"$PY" $P --duty 0.005 --rounds "$R" --phase 0.3
"$PY" $P --duty 0.05 --rounds $((R / 2)) --phase 0.5
"$PY" $P --threads 3 --si 0.005 --rounds "$R" --modes pinned,free,spread
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)  $(date -u +%H:%M:%S) UTC"
