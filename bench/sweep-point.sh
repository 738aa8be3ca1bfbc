#!/usr/bin/env bash
# sweep-point.sh: what one point of a sweep costs, in CPU, page faults and
# context switches, and where that CPU goes (issue #16: "a sweep point at
# most 1 ms amortised").  Runs the same sweep of scenarios/seed/cpu_threads.gil
# with GILSIM (and BASE, alternated run by run, when given) under
# `perf stat`, and prints medians and ranges per point; -j 2 against -j 1
# in wall time.  With PROFILE=1 it also records GILSIM's sweep with
# `perf record -g` (every process) and splits the CPU by process (the
# parent, the fork servers, the forked children) and by kind (user code,
# page faults, fork, exit).  Nothing is asserted: the figures are this
# machine's.  Needs perf (and python3 for PROFILE=1).
#
# usage: bench/sweep-point.sh [GILSIM [BASE [ROUNDS [STEPS]]]]
#   GILSIM  the program (default: build/sim/gilsim), run from the source root
#   BASE    another build to compare with ("" for none)
#   ROUNDS  runs of each program (default 7)
#   STEPS   switch intervals (default 25: -P N=1:8 -P
#           switch_interval=1ms:25ms:1ms, 200 points; 250 with N=1:4 is the
#           issue's 1,000 points: AXES="-P N=1:4 -P switch_interval=1ms:250ms:1ms")
set -euo pipefail
cd "$(dirname "$0")/.."
GILSIM=${1:-build/sim/gilsim}
BASE=${2:-}
ROUNDS=${3:-7}
STEPS=${4:-25}
SC=scenarios/seed/cpu_threads.gil
read -r -a AXES <<< "${AXES:--P N=1:8 -P switch_interval=1ms:${STEPS}ms:1ms}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=$("$GILSIM" run "$SC" "${AXES[@]}" --list-points | wc -l)
progs=("$GILSIM")
[ -n "$BASE" ] && progs+=("$BASE")

# measure PROG TAG: a -j 1 run under perf stat, then a -j 1 and a -j 2 run timed
measure () {
  local prog=$1 tag=$2 t0 t1
  perf stat -x, -e task-clock,page-faults,context-switches -o "$tmp/stat" \
    "$prog" run "$SC" "${AXES[@]}" -j 1 -q > /dev/null
  t0=$EPOCHREALTIME
  "$prog" run "$SC" "${AXES[@]}" -j 1 -q > /dev/null
  t1=$EPOCHREALTIME
  "$prog" run "$SC" "${AXES[@]}" -j 2 -q > /dev/null
  local t2=$EPOCHREALTIME
  awk -F, -v tag="$tag" -v j1="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
      -v j2="$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')" '
    $3 == "task-clock" { cpu = $1 } $3 == "page-faults" { pf = $1 }
    $3 == "context-switches" { cs = $1 }
    END { print tag, cpu, pf, cs, j1 * 1000, j2 * 1000 }' "$tmp/stat" >> "$tmp/rows"
}

echo "sweep-point: $n points of $SC (${AXES[*]}), $ROUNDS rounds, $(getconf _NPROCESSORS_ONLN) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
for k in "${!progs[@]}"; do
  "${progs[$k]}" run "$SC" "${AXES[@]}" -j 2 -q --export-json "$tmp/out$k.json" > /dev/null
done
if [ -n "$BASE" ] && ! cmp -s "$tmp/out0.json" "$tmp/out1.json"; then
  echo "exports differ" >&2
  exit 1
fi
for _ in $(seq "$ROUNDS"); do
  for k in "${!progs[@]}"; do
    measure "${progs[$k]}" "$k"
  done
done
awk -v n="$n" -v names="${progs[*]}" '
  function median(a, m,   i, j, t) {
    for (i = 2; i <= m; i++)
      for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  { k = $1; c = ++cnt[k]; for (f = 2; f <= 6; f++) v[k, f, c] = $f }
  END {
    split(names, prog, " ")
    split("CPU ms a point (-j 1, every process)|page faults a point|context switches a point|wall ms a point, -j 1|wall ms a point, -j 2", label, "|")
    for (k = 0; (k, 2, 1) in v; k++) {
      printf "%s\n", prog[k + 1]
      for (f = 2; f <= 6; f++) {
        lo = hi = v[k, f, 1]
        for (c = 1; c <= cnt[k]; c++) {
          a[c] = v[k, f, c] / n
          if (v[k, f, c] < lo) lo = v[k, f, c]
          if (v[k, f, c] > hi) hi = v[k, f, c]
        }
        med[k, f] = median(a, cnt[k])
        printf "  %-40s %9.3f  [%.3f - %.3f]\n", label[f - 1], med[k, f], lo / n, hi / n
      }
      printf "  %-40s %9.3f\n", "-j 2 / -j 1 (wall, medians)", med[k, 6] / med[k, 5]
    }
    if ((1, 2, 1) in v)
      printf "GILSIM / BASE, CPU a point (medians): %.3f\n", med[0, 2] / med[1, 2]
  }' "$tmp/rows"

[ "${PROFILE:-0}" = 1 ] || exit 0
perf record -q -g -F 4000 -o "$tmp/perf.data" -- \
  "$GILSIM" run "$SC" "${AXES[@]}" -j 1 -q > /dev/null 2>&1
perf script -i "$tmp/perf.data" -F comm,pid,ip,sym,dso 2> /dev/null > "$tmp/script"
python3 - "$tmp/script" <<'EOF'
# Splits the samples by process (the parent before and after it re-executes
# itself with LD_BIND_NOW, the fork servers, the children) and by kind.
import collections, sys
blocks = open(sys.argv[1]).read().split('\n\n')
samples = []
for b in blocks:
    lines = [l for l in b.strip().split('\n') if l.strip()]
    if lines:
        head = lines[0].split()
        samples.append((head[0], head[1], lines))
per_pid = collections.Counter(pid for comm, pid, _ in samples if comm != 'gilsim')
parent = next((pid for comm, pid, _ in samples if comm == 'gilsim'), None)
# the fork servers: the few long-lived processes beside the parent
servers = {pid for pid, c in per_pid.items() if pid != parent and c > len(samples) / 50}
split = collections.Counter()
for comm, pid, lines in samples:
    role = ('parent (before re-exec)' if comm == 'gilsim' else 'parent' if pid == parent
            else 'fork server' if pid in servers else 'children')
    frames = ' '.join(lines)
    if '[kernel.kallsyms]' not in lines[0] and not (len(lines) > 1 and '[kernel.kallsyms]' in lines[1]):
        kind = 'user'
    elif 'exc_page_fault' in frames:
        kind = 'page faults'
    elif 'copy_process' in frames:
        kind = 'fork'
    elif 'do_exit' in frames or 'exit_mmap' in frames:
        kind = 'exit'
    else:
        kind = 'other kernel'
    split[role, kind] += 1
total = sum(split.values())
children = len({pid for comm, pid, _ in samples if comm != 'gilsim' and pid != parent
                and pid not in servers})
print(f'perf record: {total} samples, {len(servers)} fork server(s), {children} children sampled')
for role in ('parent (before re-exec)', 'parent', 'fork server', 'children'):
    row = {k: c for (r, k), c in split.items() if r == role}
    s = sum(row.values())
    parts = ', '.join(f'{k} {100 * c / total:.1f} %' for k, c in
                      sorted(row.items(), key=lambda x: -x[1]))
    print(f'  {role:24s} {100 * s / total:5.1f} %  ({parts})')
EOF
