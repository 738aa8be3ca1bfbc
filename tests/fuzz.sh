#!/usr/bin/env bash
# The fuzz targets of tests/fuzz/ (docs/hardening.md): builds them with
# clang, libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer in
# build-fuzz/, collects their seed corpora (tests/fuzz/corpus.sh), and runs
# each, one after the other, for SECONDS (default 45) on its corpus with
# its dictionary, from a fixed seed (-seed=1) so that a run on the same
# tree mutates the same inputs in the same order.
#
#   tests/fuzz.sh [SECONDS [TARGET...]]   # from the source root; TARGET: scenario,
#                                         # platform, record, results, cli
#
# A target passes when it ends its time without a crash, a leak, undefined
# behaviour, a message of more than one line, or an input that runs longer
# than 10 s (FUZZ_TIMEOUT=S changes it: libFuzzer times inputs by the
# wall clock, and at nice 19 on a busy machine an input of 1 s can wait
# more than 10 s for a CPU); the input that failed is kept in
# build-fuzz/fuzz-artifacts/.
# Each target starts from its seeds, the corpus kept in the repository
# (tests/fuzz/corpus/TARGET) and the finds of earlier runs here
# (build-fuzz/corpus/TARGET), where the inputs that reach new code go;
# tests/fuzz/keep.sh adds those to the kept corpus.  Prints each target's
# executions, its wall and CPU seconds, then "fuzz: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. tests/fuzz/env.sh
budget=${1:-45}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${FUZZ_TARGETS[@]}")
build=build-fuzz
if [ ! -d "$build" ]; then
  CC=clang CXX=clang++ meson setup "$build" -Dfuzz=true \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 1
fi
meson compile -C "$build" fuzz >/dev/null || exit 1
# seeds afresh from the tree; the exports of a real run if there is a gilsim
gilsim=
[ -x build/sim/gilsim ] && gilsim=build/sim/gilsim
rm -rf "$build/seeds"
tests/fuzz/corpus.sh "$build/seeds" $gilsim || exit 1
mkdir -p "$build/fuzz-artifacts"
passed=0 failed=0
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t" "tests/fuzz/corpus/$t"
  log=$build/fuzz-$t.log
  # bash's time: the wall and CPU seconds of the fuzzer alone
  TIMEFORMAT='%R %U %S'
  { time "$build/tests/fuzz/fuzz-$t" -max_total_time="$budget" -seed=1 \
      -timeout="${FUZZ_TIMEOUT:-10}" -max_len=16384 \
      -rss_limit_mb=2048 -print_final_stats=1 -dict="$(fuzz_dict "$t")" \
      -artifact_prefix="$build/fuzz-artifacts/$t-" \
      "$build/corpus/$t" "tests/fuzz/corpus/$t" "$build/seeds/$t" >"$log" 2>&1 ; } \
    2>"$log.time"
  status=$?
  read -r wall user sys <"$log.time" || true
  cpu=$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN { printf "%.1f", u + s }')
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  took="${wall%.*} s, $cpu s of CPU"
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    echo "fuzz-$t: ok, ${runs:-?} executions in $took"
  else
    failed=$((failed + 1))
    echo "fuzz-$t: FAILED (status $status) after ${runs:-?} executions in $took; see $log:"
    grep -E '^(fuzz:|==[0-9]+==ERROR|SUMMARY|.*runtime error)|Test unit written' "$log" |
      head -n 8
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
