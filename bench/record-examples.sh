#!/usr/bin/env bash
# bench/record-examples.sh: records each program of bench/record/ with
# gilsim record into scenarios/recorded/NAME.gil (the checked-in
# recordings), then compares gilsim run's prediction on the recording
# platform with RUNS real runs of the same program without the recorder.
#
#   bench/record-examples.sh [NAME...]      (default: every program)
#
# PYTHON (default python3: prefer a real interpreter to a pyenv shim, whose
# own start-up is counted), PLATFORM (default platforms/laptop-2core.xml, a
# machine like the one that made the checked-in recordings), RUNS (3) and
# GILSIM (build/sim/gilsim) may be set, and RECORD_RUNS (default 1: each
# recording is gilsim record --runs RECORD_RUNS, the median of that many
# runs).  Prints one row per program: the
# recorder's overhead, the prediction, the real runs' median and range,
# and the prediction's error against the median; then the median of the
# absolute errors.  NumPy's example is skipped where NumPy does not import.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PY=${PYTHON:-python3}
GILSIM=${GILSIM:-build/sim/gilsim}
PLATFORM=${PLATFORM:-platforms/laptop-2core.xml}
RUNS=${RUNS:-3}
RECORD_RUNS=${RECORD_RUNS:-1}
OUT=scenarios/recorded
mkdir -p "$OUT"
mapfile -t names < <(bench_record_names "$PY" "$@")
log=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$log" "$errors"' EXIT
printf '%-18s %9s %10s %10s %19s %8s\n' example overhead predicted real_med "real_range" error
for name in "${names[@]}"; do
  prog=bench/record/$name.py
  "$GILSIM" record --runs "$RECORD_RUNS" -o "$OUT/$name.gil" --platform "$PLATFORM" -- "$PY" "$prog" \
    > /dev/null 2> "$log"
  overhead=$(sed -n 's/^recorder overhead: \([0-9.]*\) %.*/\1/p' "$log" | tail -1)
  predicted=$("$GILSIM" run "$OUT/$name.gil" -q --no-sequential --export-json - |
              bench_wall_s "$PY")
  reals=()
  for _ in $(seq "$RUNS"); do
    reals+=("$(bench_seconds 6 "$PY" "$prog")")
  done
  "$PY" - "$name" "$overhead" "$predicted" "${reals[@]}" >> "$errors" <<'PYEOF'
import statistics, sys
name, overhead, predicted = sys.argv[1], sys.argv[2], float(sys.argv[3])
reals = sorted(float(x) for x in sys.argv[4:])
med = statistics.median(reals)
err = (predicted - med) / med * 100
print("%-18s %7s %% %9.3fs %9.3fs %8.3f-%-8.3fs %+7.1f%%" % (
    name, overhead, predicted, med, reals[0], reals[-1], err), file=sys.stderr)
print(abs(err))
PYEOF
done 2>&1
"$PY" -c '
import statistics, sys
e = [float(l) for l in open(sys.argv[1]) if l.strip()]
print("median absolute error: %.1f %% over %d examples" % (statistics.median(e), len(e)) if e else "no example ran")
' "$errors"
