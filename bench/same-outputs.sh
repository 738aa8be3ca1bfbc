#!/usr/bin/env bash
# Check that gilsim's outputs are byte-identical to those of another commit:
# the guard of a change that must not change behaviour (a refactoring).
#
#   bench/same-outputs.sh [BASE_REV|BASE_GILSIM] [NEW_GILSIM]
#
# BASE_REV (default: 43d077c, main before the layout of docs/architecture.md)
# is built in a temporary worktree; a program given instead (a path to an
# executable, such as main's build/sim/gilsim) is used as it is, and the
# inputs are then this checkout's; NEW_GILSIM (default: build/sim/gilsim)
# is this checkout's program.  Both run the same inputs from this checkout's
# root, and every output is compared byte for byte:
#
# - every scenario in scenarios/ and tests/data/: the text output, and the
#   --export-json, --export-csv and --export-markdown of the run;
# - a sweep (threads x runtime, host cores) with its exports, the report
#   tables made from it, --list-points and a merge of two shards;
# - gilsim validate --export-json and its text, with and without
#   --no-recalibrate, of every records file in tests/data/ and
#   ../shared/groundtruth/ (each with the platform of its machine), and
#   --compare-with of two 16-core sessions;
# - gilsim calibrate of the records files that time single workers;
# - every case of the error corpus (tests/errors/MANIFEST): stdout, stderr
#   and exit status.
#
# The inputs are those of BASE_REV (its scenarios, records and error
# corpus), taken from this checkout: inputs added since, such as new error
# cases for fixed bugs, are not compared.
#
# Exit status 0 when every output is the same, 1 (with a diff) otherwise.
# Takes a few minutes on two CPUs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
base_rev="${1:-43d077c}"
new_gilsim="$(realpath "${2:-build/sim/gilsim}")"

work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

if [ -f "$base_rev" ] && [ -x "$base_rev" ]; then
  base_gilsim="$(realpath "$base_rev")"
  git worktree add --detach "$work/base" HEAD >/dev/null 2>&1
else
  echo "building $base_rev in a temporary worktree ..." >&2
  git worktree add --detach "$work/base" "$base_rev" >/dev/null 2>&1
  meson setup "$work/base-build" "$work/base" >/dev/null
  meson compile -C "$work/base-build" sim/gilsim >/dev/null
  base_gilsim="$work/base-build/sim/gilsim"
fi

# record GILSIM OUTDIR: every output of GILSIM into OUTDIR, one file each.
record() {
  local g="$1" out="$2" f name plat rc
  mkdir -p "$out"
  # run CMD... > out/NAME.{out,err,rc}
  run() {
    local n="$1"; shift
    set +e
    "$@" >"$out/$n.out" 2>"$out/$n.err"
    echo $? >"$out/$n.rc"
    set -e
  }
  for f in $(cd "$work/base" && ls scenarios/*/*.gil tests/data/*.gil); do
    name="run-$(echo "$f" | tr / _)"
    run "$name" "$g" run "$f" -j 1 --style none
    run "$name-exports" "$g" run "$f" -j 1 --style none -q \
      --export-json "$out/$name.json" --export-csv "$out/$name.csv" \
      --export-markdown "$out/$name.md"
  done
  local sweep=(scenarios/seed/cpu_threads.gil -L N=1,2,4,8
               -L runtime=cpython-3.12,cpython-3.13t,cpython-2.7
               -L switch_interval=1ms,5ms -j 2 --style none -q)
  run sweep "$g" run "${sweep[@]}" --export-json "$out/sweep.json" \
    --export-csv "$out/sweep.csv" --export-markdown "$out/sweep.md"
  run sweep-dir "$g" run "${sweep[@]}" -o "$out/sweep-dir"
  run sweep-list "$g" run "${sweep[@]}" --list-points
  run sweep-shard1 "$g" run "${sweep[@]}" --shard 1/2 --export-json "$out/shard1.json"
  run sweep-shard2 "$g" run "${sweep[@]}" --shard 2/2 --export-json "$out/shard2.json"
  run merge "$g" merge "$out/shard1.json" "$out/shard2.json"
  run cores "$g" run scenarios/seed/cpu_processes.gil -L cores=2,4,16 \
    -L speed=1Gf,2Gf -j 2 --style none -q --export-json -
  run report-speedup "$g" report "$out/sweep.json" --rows N --cols runtime \
    --where switch_interval=5ms
  run report-wall "$g" report "$out/sweep.json" --rows N --cols runtime \
    --value wall --where switch_interval=1ms --format csv
  run report-json "$g" report "$out/sweep.json" --format json
  for f in $(cd "$work/base" && ls tests/data/*.jsonl tests/data/*/*.jsonl) ../shared/groundtruth/*.jsonl; do
    case "$f" in
      *xeon*) plat=platforms/xeon-16core.xml ;;
      *) plat=platforms/laptop-2core.xml ;;
    esac
    name="validate-$(echo "$f" | tr / _)"
    run "$name" "$g" validate "$f" --platform "$plat" \
      --export-json "$out/$name.json"
    run "$name-norecal" "$g" validate "$f" --platform "$plat" \
      --no-recalibrate --export-json -
    run "calibrate-$(echo "$f" | tr / _)" "$g" calibrate "$f" \
      --platform "$plat" -o "$out/calibrate-$(echo "$f" | tr / _).xml"
  done
  run compare-with "$g" validate tests/data/xeon-device/measure-run1.jsonl \
    --platform platforms/xeon-16core.xml \
    --compare-with tests/data/xeon-device/measure-run3.jsonl
  local i=0 file prefix extra
  while IFS=$'\t' read -r file prefix extra; do
    case "$file" in ''|'#'*) continue ;; esac
    i=$((i + 1))
    # shellcheck disable=SC2086
    run "error-$i" "$g" run "$file" -j 1 --style none $extra
  done < "$work/base/tests/errors/MANIFEST"
}

echo "recording the outputs of $base_rev ..." >&2
record "$base_gilsim" "$work/base-out"
echo "recording the outputs of $new_gilsim ..." >&2
record "$new_gilsim" "$work/new-out"
# The exports and outputs name the files they were given, never the
# program's path or the output folder, so the folders compare as they are;
# only the paths of the two output folders themselves differ.
sed -i "s#$work/base-out#OUT#g" "$work"/base-out/*.out "$work"/base-out/*.err
sed -i "s#$work/new-out#OUT#g" "$work"/new-out/*.out "$work"/new-out/*.err
n=$(find "$work/base-out" -type f | wc -l)
if diff -r "$work/base-out" "$work/new-out"; then
  echo "same outputs: $n files byte-identical to $base_rev's"
else
  echo "outputs differ from $base_rev's (above)" >&2
  exit 1
fi
