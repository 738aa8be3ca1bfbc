#!/usr/bin/env bash
# bench/record-queue-whatif.sh: a what-if on queue waits (issue 13).
# Records bench/record/producer_consumer.py with its two consumers, then
# predicts it with -L N=1,2,3,4 consumers and compares with real runs of
# the program with that many consumers (its first argument).  The
# producer's waits on the full queue, and the consumers' on the empty one,
# come from the simulation: had they been recorded as fixed sleeps, every
# N would predict about the recorded run.  Real runs are interleaved (one
# of each N per round) so that the machine's load falls on all alike; one
# row per N: the prediction, the median of RUNS real runs and their range,
# the error.
#
#   bench/record-queue-whatif.sh
#
# PYTHON (default pyenv's 3.11.7 interpreter, else python3), PLATFORM
# (platforms/laptop-2core.xml), RUNS (5), GILSIM (build/sim/gilsim).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PY=${PYTHON:-/root/.pyenv/versions/3.11.7/bin/python3}
[ -x "$PY" ] || PY=python3
GILSIM=${GILSIM:-build/sim/gilsim}
PLATFORM=${PLATFORM:-platforms/laptop-2core.xml}
RUNS=${RUNS:-5}
prog=bench/record/producer_consumer.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$GILSIM" record -o "$tmp/pc.gil" --platform "$PLATFORM" -- "$PY" "$prog" > /dev/null 2> "$tmp/log"
for n in 1 2 3 4; do
  "$GILSIM" run "$tmp/pc.gil" -q --no-sequential -L "N=$n" --export-json - |
    bench_wall_s "$PY" > "$tmp/pred-$n"
done
for _ in $(seq "$RUNS"); do
  for n in 1 2 3 4; do
    { bench_seconds 6 "$PY" "$prog" "$n"; echo; } >> "$tmp/real-$n"
  done
done
"$PY" - "$tmp" <<'PYEOF'
import os, statistics, sys
d = sys.argv[1]
print("%-10s %10s %10s %19s %8s" % ("consumers", "predicted", "real_med", "real_range", "error"))
errs = []
for n in (1, 2, 3, 4):
    pred = float(open(os.path.join(d, "pred-%d" % n)).read())
    reals = sorted(float(x) for x in open(os.path.join(d, "real-%d" % n)))
    med = statistics.median(reals)
    err = (pred - med) / med * 100
    errs.append(abs(err))
    print("N=%-8d %9.3fs %9.3fs %8.3f-%-8.3fs %+7.1f%%" % (n, pred, med, reals[0], reals[-1], err))
print("median absolute error: %.1f %%, largest %.1f %%" % (statistics.median(errs), max(errs)))
PYEOF
