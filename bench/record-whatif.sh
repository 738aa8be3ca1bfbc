#!/usr/bin/env bash
# bench/record-whatif.sh: what-if predictions of recorded programs against
# real runs on this machine (issue 13).  Each program of bench/record/ is
# recorded once with PYTHON (default: pyenv's 3.12.1) on PLATFORM (with
# RECORD_RUNS=K, `gilsim record --runs K`: the median of K recordings),
# then:
#   plain       predicted as recorded, measured as recorded: the replay's
#               own error, which every case below shares;
#   cores=1     predicted with -L cores=1, measured pinned with taskset -c 0;
#   si=1ms/50ms predicted with -L switch_interval=..., measured with
#               sys.setswitchinterval set before the program runs;
#   py3.11/3.13 predicted with -L runtime=cpython-3.11/3.13, measured with
#               those interpreters (PY311, PY313).
# One row per program and case: the prediction, the median of RUNS real
# runs (interleaved: one run of each case a round) and their range, the
# error, and the error with the plain replay's taken out (the case's
# prediction over the plain one, against the real runs' ratio: what the
# what-if question itself missed); then the medians and largest absolute
# errors, and how fast the machine ran each recording (its header's loop
# probe: a recording made in a slow spell of the virtual CPUs predicts
# every case long).  The switch interval is set before the program runs
# without runpy, whose import costs 3.12 about 20 ms of CPU that the
# program does not pay.  Wall times of a loaded machine are noise: run it
# on a quiet one.
# MEASURE=1 first measures this machine (`gilsim calibrate --measure` with
# PYTHON, --also-python PY311 and PY313, from PLATFORM; about two minutes)
# and records and predicts on that platform instead: its start-ups are
# those of this machine's three interpreters (python.startup.3.11...),
# which the py3.11 and py3.13 cases pay.  PLATFORM's are another
# machine's.
# BASE=OTHER_GILSIM adds a second binary (with its own recorder), recorded
# and predicted beside GILSIM against the same real runs: before and after
# a change, measured in the same minutes.
#
#   bench/record-whatif.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
PV=${PYENV_VERSIONS:-/root/.pyenv/versions}
PY=${PYTHON:-$PV/3.12.1/bin/python3}
PY311=${PY311:-$PV/3.11.7/bin/python3}
PY313=${PY313:-$PV/3.13.0/bin/python3}
GILSIM=${GILSIM:-build/sim/gilsim}
PLATFORM=${PLATFORM:-platforms/laptop-2core.xml}
RUNS=${RUNS:-3}
RECORD_RUNS=${RECORD_RUNS:-1}
BASE=${BASE:-}
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for p in bench/record/*.py; do
    n=$(basename "$p" .py)
    [ "$n" = numpy_threads ] && ! "$PY" -c "import numpy" 2>/dev/null && continue
    names+=("$n")
  done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "${MEASURE:-0}" = 1 ]; then
  "$GILSIM" calibrate --measure --style none --python "$PY" --also-python "$PY311" \
    --also-python "$PY313" --platform "$PLATFORM" -o "$tmp/here.xml" 2> "$tmp/measure.log" ||
    { cat "$tmp/measure.log" >&2; exit 1; }
  grep -E ': python\.(startup|version|loop)' "$tmp/measure.log" | sed 's/^[^:]*: /measured: /' >&2
  PLATFORM=$tmp/here.xml
fi

predict () {  # predict SCENARIO -L ...: the predicted wall time (s), and BASE's
  local gil=$1; shift
  "$GILSIM" run "$gil" -q --no-sequential "$@" --export-json - |
    "$PY" -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["wall_s"])'
  if [ -n "$BASE" ]; then
    "$BASE" run "$gil.base" -q --no-sequential "$@" --export-json - |
      "$PY" -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["wall_s"])'
  fi
}

once () {  # once CMD...: the wall time of one run of CMD
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > /dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

with_interval () {  # with_interval SECONDS PYTHON PROG: PROG run after sys.setswitchinterval
  # (as __main__, as `PYTHON PROG` runs it, and without importing runpy)
  "$2" -c "import sys, __main__; sys.setswitchinterval($1); sys.argv = ['$3']
sys.path[0] = '$(dirname "$3")'; __main__.__file__ = '$3'
exec(compile(open('$3', 'rb').read(), '$3', 'exec'), __main__.__dict__)"
}

rows=$tmp/rows
for name in "${names[@]}"; do
  prog=bench/record/$name.py
  gil=$tmp/$name.gil
  "$GILSIM" record --runs "$RECORD_RUNS" -o "$gil" --platform "$PLATFORM" -- "$PY" "$prog" \
    > /dev/null 2>&1
  if [ -n "$BASE" ]; then
    "$BASE" record --runs "$RECORD_RUNS" -o "$gil.base" --platform "$PLATFORM" -- "$PY" "$prog" \
      > /dev/null 2>&1
  fi
  # the machine's speed just after the recording (its header's loop probe)
  echo "$name $(sed -n 's/.*this Python.s loop took .* an iteration, \([0-9.]*\) times.*/\1/p' \
    "$gil" | head -1)" >> "$tmp/probes"
  cases=(plain cores=1 si=1ms si=50ms py3.11 py3.13)
  declare -A pred=() reals=()
  for case in "${cases[@]}"; do
    case $case in
      plain) p=$(predict "$gil") ;;
      cores=1) p=$(predict "$gil" -L cores=1) ;;
      si=1ms) p=$(predict "$gil" -L switch_interval=1ms) ;;
      si=50ms) p=$(predict "$gil" -L switch_interval=50ms) ;;
      py3.11) p=$(predict "$gil" -L runtime=cpython-3.11) ;;
      py3.13) p=$(predict "$gil" -L runtime=cpython-3.13) ;;
    esac
    [ -n "$BASE" ] || p="$p -"
    pred[$case]=$(echo $p)
  done
  # the real runs interleaved, one of each case a round: the machine's
  # slow and fast spells then fall on every case alike
  for _ in $(seq "$RUNS"); do
    for case in "${cases[@]}"; do
      case $case in
        plain) r=$(once "$PY" "$prog") ;;
        cores=1) r=$(once taskset -c 0 "$PY" "$prog") ;;
        si=1ms) r=$(once with_interval 0.001 "$PY" "$prog") ;;
        si=50ms) r=$(once with_interval 0.05 "$PY" "$prog") ;;
        py3.11) r=$(once "$PY311" "$prog") ;;
        py3.13) r=$(once "$PY313" "$prog") ;;
      esac
      reals[$case]="${reals[$case]:-} $r"
    done
  done
  for case in "${cases[@]}"; do
    echo "$name $case ${pred[$case]}${reals[$case]}" >> "$rows"
  done
done
"$PY" - "$rows" "$tmp/probes" <<'PYEOF'
import statistics, sys
rows = []
for line in open(sys.argv[1]):
    f = line.split()
    reals = sorted(map(float, f[4:]))
    rows.append((f[0], f[1], float(f[2]), None if f[3] == "-" else float(f[3]), reals,
                 statistics.median(reals)))
plain = {r[0]: r for r in rows if r[1] == "plain"}


def err(p, med):
    return (p - med) / med * 100


errs, rel_errs, plain_errs, base_errs = [], [], [], []
print("%-18s %-8s %9s %9s %17s %8s %9s" % ("example", "case", "predicted", "real_med",
                                          "real_range", "error", "vs_plain"))
for name, case, p, b, reals, med in rows:
    e = err(p, med)
    row = "%-18s %-8s %8.3fs %8.3fs %7.3f-%-7.3fs %+7.1f%%" % (name, case, p, med, reals[0],
                                                             reals[-1], e)
    if case == "plain":
        plain_errs.append(abs(e))
        row += " %9s" % ""
    else:
        errs.append(abs(e))
        q = plain.get(name)
        if q and q[2] > 0:
            # the case's prediction against the plain one, over the real runs' ratio
            rel = ((p / q[2]) / (med / q[5]) - 1) * 100
            rel_errs.append(abs(rel))
            row += " %+8.1f%%" % rel
        else:
            row += " %9s" % "-"
    if b is not None:
        base_errs.append(abs(err(b, med)))
        row += "   base %7.3fs %+7.1f%%" % (b, err(b, med))
    print(row)
if plain_errs:
    print("plain replays: median absolute error %.1f %%, largest %.1f %%, over %d programs" % (
        statistics.median(plain_errs), max(plain_errs), len(plain_errs)))
if errs:
    print("what-if: median absolute error %.1f %%, largest %.1f %%, over %d predictions" % (
        statistics.median(errs), max(errs), len(errs)))
if rel_errs:
    print("what-if with the plain replay's error taken out: median %.1f %%, largest %.1f %%" % (
        statistics.median(rel_errs), max(rel_errs)))
probes = [line.split() for line in open(sys.argv[2])]
if any(len(f) > 1 for f in probes):
    print("the recordings' loop just after the program, times the platform's python.loop: " +
          ", ".join("%s %s" % (f[0], f[1] if len(f) > 1 else "-") for f in probes))
if base_errs:
    print("base: median absolute error %.1f %%, largest %.1f %%" % (
        statistics.median(base_errs), max(base_errs)))
PYEOF
