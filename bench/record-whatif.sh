#!/usr/bin/env bash
# bench/record-whatif.sh: what-if predictions of recorded programs against
# real runs on this machine (issue 13).  Each program of bench/record/ is
# recorded once with PYTHON (default: pyenv's 3.12.1) on PLATFORM, then:
#   cores=1     predicted with -L cores=1, measured pinned with taskset -c 0;
#   si=1ms/50ms predicted with -L switch_interval=..., measured with
#               sys.setswitchinterval set before the program runs;
#   py3.11/3.13 predicted with -L runtime=cpython-3.11/3.13, measured with
#               those interpreters (PY311, PY313).
# One row per program and case: the prediction, the median of RUNS real
# runs and their range, the error; then the median and largest absolute
# error.  Wall times of a loaded machine are noise: run it on a quiet one.
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

predict () {  # predict SCENARIO -L ...: the predicted wall time (s), and BASE's
  local gil=$1; shift
  "$GILSIM" run "$gil" -q --no-sequential "$@" --export-json - |
    "$PY" -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["wall_s"])'
  if [ -n "$BASE" ]; then
    "$BASE" run "$gil.base" -q --no-sequential "$@" --export-json - |
      "$PY" -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["wall_s"])'
  fi
}

real () {  # real CMD...: RUNS wall times of CMD, space-separated
  local out=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null
    t1=$(date +%s.%N)
    out+=("$(echo "$t1 - $t0" | bc -l)")
  done
  echo "${out[@]}"
}

with_interval () {  # with_interval SECONDS PYTHON PROG: PROG run after sys.setswitchinterval
  "$2" -c "import runpy, sys; sys.setswitchinterval($1); sys.argv = ['$3']; runpy.run_path('$3', run_name='__main__')"
}

rows=$tmp/rows
for name in "${names[@]}"; do
  prog=bench/record/$name.py
  gil=$tmp/$name.gil
  "$GILSIM" record -o "$gil" --platform "$PLATFORM" -- "$PY" "$prog" > /dev/null 2>&1
  if [ -n "$BASE" ]; then
    "$BASE" record -o "$gil.base" --platform "$PLATFORM" -- "$PY" "$prog" > /dev/null 2>&1
  fi
  for case in cores=1 si=1ms si=50ms py3.11 py3.13; do
    case $case in
      cores=1) p=$(predict "$gil" -L cores=1); r=$(real taskset -c 0 "$PY" "$prog") ;;
      si=1ms) p=$(predict "$gil" -L switch_interval=1ms); r=$(real with_interval 0.001 "$PY" "$prog") ;;
      si=50ms) p=$(predict "$gil" -L switch_interval=50ms); r=$(real with_interval 0.05 "$PY" "$prog") ;;
      py3.11) p=$(predict "$gil" -L runtime=cpython-3.11); r=$(real "$PY311" "$prog") ;;
      py3.13) p=$(predict "$gil" -L runtime=cpython-3.13); r=$(real "$PY313" "$prog") ;;
    esac
    [ -n "$BASE" ] || p="$p -"
    echo "$name $case $(echo $p) $r" >> "$rows"
  done
done
"$PY" - "$rows" <<'PYEOF'
import statistics, sys
errs, base_errs = [], []
print("%-18s %-8s %9s %9s %17s %8s" % ("example", "case", "predicted", "real_med", "real_range", "error"))
for line in open(sys.argv[1]):
    f = line.split()
    name, case, p, reals = f[0], f[1], float(f[2]), sorted(map(float, f[4:]))
    med = statistics.median(reals)
    err = (p - med) / med * 100
    errs.append(abs(err))
    row = "%-18s %-8s %8.3fs %8.3fs %7.3f-%-7.3fs %+7.1f%%" % (name, case, p, med, reals[0], reals[-1], err)
    if f[3] != "-":
        b = float(f[3])
        base_errs.append(abs((b - med) / med * 100))
        row += "   base %7.3fs %+7.1f%%" % (b, (b - med) / med * 100)
    print(row)
if errs:
    print("median absolute error %.1f %%, largest %.1f %%, over %d predictions" % (
        statistics.median(errs), max(errs), len(errs)))
if base_errs:
    print("base: median absolute error %.1f %%, largest %.1f %%" % (
        statistics.median(base_errs), max(base_errs)))
PYEOF
