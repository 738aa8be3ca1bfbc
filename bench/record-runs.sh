#!/usr/bin/env bash
# bench/record-runs.sh: gilsim record once against gilsim record --runs K,
# side by side: for each program of bench/record/, interleaved in one
# loop, RUNS real runs without the recorder, one recording (A) and one
# --runs K recording (B), then each one's replay on the recording platform
# against the real runs' median and range.
#
#   bench/record-runs.sh [NAME...]      (default: every program)
#
# PYTHON (default python3; prefer a real interpreter to a pyenv shim),
# PLATFORM (platforms/laptop-2core.xml), RUNS (5), K (5) and GILSIM
# (build/sim/gilsim) may be set.  The scenarios go to a temporary folder
# (scenarios/recorded/ is bench/record-examples.sh's).  Prints one row per
# program, then for A and B the median absolute error and how many
# predictions fall inside the real runs' [min, max].
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PY=${PYTHON:-python3}
GILSIM=${GILSIM:-build/sim/gilsim}
PLATFORM=${PLATFORM:-platforms/laptop-2core.xml}
RUNS=${RUNS:-5}
K=${K:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t names < <(bench_record_names "$PY" "$@")
predict () {
  "$GILSIM" run "$1" -q --no-sequential --export-json - | bench_wall_s "$PY"
}
printf '%-18s %9s %9s %10s %19s %8s %8s\n' example "once" "runs=$K" real_med real_range \
  err_once "err_$K"
for name in "${names[@]}"; do
  prog=bench/record/$name.py
  reals=()
  for round in $(seq "$RUNS"); do
    reals+=("$(bench_seconds 6 "$PY" "$prog")")
    if [ "$round" = 1 ]; then
      "$GILSIM" record -o "$tmp/$name-once.gil" --platform "$PLATFORM" -- "$PY" "$prog" \
        > /dev/null 2>&1
    elif [ "$round" = 2 ]; then
      "$GILSIM" record --runs "$K" -o "$tmp/$name-runs.gil" --platform "$PLATFORM" -- \
        "$PY" "$prog" > /dev/null 2> "$tmp/$name-runs.log"
    fi
  done
  "$PY" - "$name" "$(predict "$tmp/$name-once.gil")" "$(predict "$tmp/$name-runs.gil")" \
    "${reals[@]}" >> "$tmp/rows" <<'PYEOF'
import statistics, sys
name, a, b = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
reals = sorted(float(x) for x in sys.argv[4:])
med = statistics.median(reals)
ea, eb = ((p - med) / med * 100 for p in (a, b))
inside = lambda p: reals[0] <= p <= reals[-1]
print("%-18s %8.3fs %8.3fs %9.3fs %8.3f-%-8.3fs %+7.1f%%%s %+7.1f%%%s" % (
    name, a, b, med, reals[0], reals[-1], ea, " " if inside(a) else "*", eb,
    " " if inside(b) else "*"), file=sys.stderr)
print(abs(ea), abs(eb), int(inside(a)), int(inside(b)))
PYEOF
done 2>&1
"$PY" -c '
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
if not rows:
    sys.exit("no example ran")
for col, what in ((0, "once"), (1, "--runs " + sys.argv[2])):
    print("%-10s median |error| %.1f %%, max %.1f %%, inside the real range: %d of %d" % (
        what, statistics.median(r[col] for r in rows), max(r[col] for r in rows),
        sum(int(r[col + 2]) for r in rows), len(rows)))
print("(* marks a prediction outside the real runs [min, max])")
' "$tmp/rows" "$K"
