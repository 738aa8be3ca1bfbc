#!/usr/bin/env bash
# corpus.sh: the seed corpora of the fuzz targets, collected from the
# project's own inputs (nothing is checked in twice).
#
#   tests/fuzz/corpus.sh OUT [GILSIM]
#
# Fills OUT/scenario, OUT/platform, OUT/record, OUT/results and OUT/cli:
# every scenario of scenarios/, tests/data/ and tests/errors/; every
# platform file; every measurement file; the -L/-P/--point/--shard values
# the README and docs/ show, and one line per kind of option; and, when
# GILSIM (a gilsim program) is given, the JSON exports of two small sweeps
# of scenarios/seed/cpu_threads.gil on platforms/laptop-2core.xml (the
# sweep fuzz-results resumes).  Each seed is named after its path.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: tests/fuzz/corpus.sh OUT [GILSIM]}
gilsim=${2:-}
mkdir -p "$out"/scenario "$out"/platform "$out"/record "$out"/results "$out"/cli

seed () {  # seed TARGET FILE...: copies each FILE into TARGET's corpus
  local target=$1 f
  shift
  for f in "$@"; do
    cp "$f" "$out/$target/$(printf '%s' "$f" | tr '/' '_')"
  done
}

find scenarios tests/data tests/errors -name '*.gil' -print0 | sort -z |
  while IFS= read -r -d '' f; do seed scenario "$f"; done
find platforms scenarios tests/data tests/errors -name '*.xml' -print0 | sort -z |
  while IFS= read -r -d '' f; do seed platform "$f"; done
find tests/data -name '*.jsonl' -print0 | sort -z |
  while IFS= read -r -d '' f; do seed record "$f"; done

# the command lines: what the documentation shows, one option a file
n=0
grep -ohE -- "(-L|-P) [A-Za-z_]+=[^ \`'\"]+" README.md docs/*.md tests/errors/MANIFEST |
  sort -u | while IFS= read -r line; do
    n=$((n + 1))
    printf '%s\n' "$line" > "$out/cli/doc-$n"
  done
printf -- '-L N=1,2,4\n-L runtime=cpython-3.12,cpython-3.13t\n' > "$out/cli/two-axes"
printf -- '-P N=1:16\n-P switch_interval=1ms:10ms:500us\n--shard 2/3\n' > "$out/cli/scans"
printf -- '-L cores=1,2\n-L speed=1Gf,2Gf\n--point 3\n' > "$out/cli/host-axes"
printf -- '-L size=1MiB,64KiB\n-L pause=1ms,2s\n-L label="a",b\n' > "$out/cli/units"
printf -- '--runtime cpython-2.7\n--switch-interval 100us\n-L work=10**3,2*10**4\n' \
  > "$out/cli/python"

# the results files: exports of real sweeps
if [ -n "$gilsim" ]; then
  sc=scenarios/seed/cpu_threads.gil
  pl=platforms/laptop-2core.xml
  "$gilsim" run "$sc" --platform "$pl" -L N=1,2 -L runtime=cpython-3.12,cpython-3.13t \
    --export-json "$out/results/two-axes.json" >/dev/null
  "$gilsim" run "$sc" --platform "$pl" -P N=1:3 --point 1 --reference N=2 \
    --export-json "$out/results/one-point.json" >/dev/null
fi
