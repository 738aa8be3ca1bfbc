#!/usr/bin/env bash
# keep.sh: adds what the fuzzing runs found to the corpora kept in the
# repository (tests/fuzz/corpus/TARGET), so that the next run, here or in
# another checkout, starts where this one ended.
#
#   tests/fuzz/keep.sh [TARGET...]     # from anywhere; default: every target
#
# Runs after tests/fuzz.sh or bench/fuzz-long.sh, which leave their finds
# in build-fuzz/corpus/TARGET and the seeds in build-fuzz/seeds/TARGET.
# For each target, libFuzzer's merge (-merge=1) starts from the seeds
# (collected from the tree by corpus.sh, so never kept twice) and adds,
# from the kept corpus and then the finds, each input that reaches code
# or counts of code the others do not; the inputs it added replace
# tests/fuzz/corpus/TARGET (file names: libFuzzer's SHA-1 of the input).
# The merge reads each input cut to 8 KiB (KEEP_MAX_LEN=BYTES changes it),
# and keeps it so: the runs take inputs to 16 KiB and grow them again.
# Prints each target's inputs and bytes, and fails when the kept corpora
# hold more than 3 MB in all (a budget for the repository).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/fuzz/env.sh
build=build-fuzz
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${FUZZ_TARGETS[@]}")
if [ ! -d "$build/seeds" ]; then
  echo "keep.sh: no $build/seeds: run tests/fuzz.sh first" >&2
  exit 1
fi
for t in "${targets[@]}"; do
  fuzzer=$build/tests/fuzz/fuzz-$t
  kept=tests/fuzz/corpus/$t
  work=$(mktemp -d "${TMPDIR:-/tmp}/gilsim-keep-$t.XXXXXX")
  mkdir -p "$kept" "$build/corpus/$t" "$work/merged" "$work/old" "$work/new"
  cp -r "$build/seeds/$t/." "$work/merged/"
  ls "$work/merged" > "$work/seeds.list"
  # copies: a fuzzer still running replaces its finds while the merge reads
  cp -r "$kept/." "$work/old/"
  cp -r "$build/corpus/$t/." "$work/new/" 2>/dev/null || true
  if ! "$fuzzer" -merge=1 -max_len="${KEEP_MAX_LEN:-8192}" -timeout=60 -rss_limit_mb=2048 \
      "$work/merged" "$work/old" "$work/new" > "$work/merge.log" 2>&1; then
    echo "keep.sh: the merge of $t failed; see $work/merge.log" >&2
    exit 1
  fi
  rm -rf "$work/kept"
  mkdir "$work/kept"
  (cd "$work/merged" && ls) | grep -vxF -f "$work/seeds.list" |
    while IFS= read -r f; do cp "$work/merged/$f" "$work/kept/"; done
  rm -rf "$kept"
  mv "$work/kept" "$kept"
  rm -rf "$work"
  echo "$t: $(ls "$kept" | wc -l) inputs, $(cat "$kept"/* /dev/null | wc -c) bytes kept"
done
total=$(cat tests/fuzz/corpus/*/* /dev/null | wc -c)
echo "kept corpora: $total bytes"
[ "$total" -le 3000000 ] || { echo "keep.sh: more than 3 MB kept" >&2; exit 1; }
