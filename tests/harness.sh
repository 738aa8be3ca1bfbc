#!/usr/bin/env bash
# harness.sh: the shipped measurement harness (sim/validate/harness/measure.py)
# runs, and bench/measure27.py, which runs it under CPython 2.7, writes what
# it writes: with python3 (and $PY27, python2.7, where it runs), a --quick
# run of three cases through each, whose records must be the same
# configurations in the same order (times aside), every one measured
# without error, between a "_meta" and a "_summary" line, and readable by
# gilsim validate.  No time is asserted.  TAP output; skipped without python3.
set -u
GILSIM=${GILSIM:-build/sim/gilsim}
cd "${GILSIM_SOURCE_ROOT:-$(dirname "$0")/..}" || exit 1
if ! command -v python3 > /dev/null; then
  echo "1..0 # SKIP no python3"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CASES=calib_cpu,io_threads,cpu_threads
n=0 fail=0
check () {  # check STATUS WHAT
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else fail=1; echo "not ok $n - $2"; fi
}
# shape FILE: one line a record, its case, variant, workers and whether it
# failed; "bad" where the file is not records of the harness
shape () {
  python3 - "$1" <<'EOF'
import json, sys
rs = [json.loads(line) for line in open(sys.argv[1])]
if not rs or rs[0].get("case") != "_meta" or rs[-1].get("case") != "_summary":
    sys.exit("bad: no _meta first or no _summary last")
for r in rs[1:-1]:
    print(r["case"], r["variant"], r["n_workers"], r["config_id"],
          "error" if r.get("error") and not r.get("skipped") else "ok")
EOF
}

# PY27: a CPython 2.7 (default python2.7, where one runs)
pythons=(python3)
PY27=${PY27:-python2.7}
"$PY27" -c pass > /dev/null 2>&1 && pythons+=("$PY27")
for k in "${!pythons[@]}"; do
  py=${pythons[$k]}
  "$py" -B sim/validate/harness/measure.py --list-cases > "$tmp/list.h" 2>&1
  "$py" -B bench/measure27.py --list-cases > "$tmp/list.27" 2>&1
  check "$([ -s "$tmp/list.h" ] && cmp -s "$tmp/list.h" "$tmp/list.27"; echo $?)" \
    "$py: measure27.py lists measure.py's cases"
  for h in sim/validate/harness/measure.py bench/measure27.py; do
    out=$tmp/$(basename "$h" .py).$k.jsonl
    "$py" -B "$h" "$out" --quick --no-retry --cases "$CASES" --budget-seconds 120 \
      > "$tmp/log" 2>&1
    check $? "$py $h --quick exits 0"
    shape "$out" > "$out.shape" 2>&1
    check "$([ -s "$out.shape" ] && ! grep -q -v ' ok$' "$out.shape"; echo $?)" \
      "$py $h: records between _meta and _summary, none failed"
  done
  check "$(cmp -s "$tmp/measure.$k.jsonl.shape" "$tmp/measure27.$k.jsonl.shape"; echo $?)" \
    "$py: measure27.py writes measure.py's configurations, in its order"
  "$GILSIM" validate "$tmp/measure.$k.jsonl" -p platforms/laptop-2core.xml > "$tmp/validate" 2>&1
  rc=$?
  check "$([ $rc = 0 ] && grep -q ' predicted, ' "$tmp/validate"; echo $?)" \
    "$py: gilsim validate reads the records"
done
echo "1..$n"
exit $fail
