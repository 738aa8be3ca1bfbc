#!/usr/bin/env bash
# bench/record-whatif.sh: what-if predictions of recorded programs against
# real runs on this machine (issue 13).  Each program of bench/record/ is
# recorded RECORDINGS times (default 3) with PYTHON (default: pyenv's
# 3.12.1) on PLATFORM (with RECORD_RUNS=K, `gilsim record --runs K`: the
# median of K recorded runs), and each recording predicts every case:
#   plain       predicted as recorded, measured as recorded: the replay's
#               own error, which every case below shares;
#   cores=1     predicted with -L cores=1, measured pinned with taskset -c 0;
#   si=1ms/50ms predicted with -L switch_interval=..., measured with
#               sys.setswitchinterval set before the program runs;
#   py3.11/3.13 predicted with -L runtime=cpython-3.11/3.13, measured with
#               those interpreters (PY311, PY313).
# This machine's speed moves from minute to minute (its vCPUs run 1.5 to
# 1.7 times slower in spells, one vCPU sometimes slower than the other), and
# a recording carries its moment's speed into every case it predicts.  So
# the measurement is spread over time: RUNS rounds (default 3), each one
# real run of every program in every case (round-robin, the order turned
# a step each round), with the RECORDINGS sets of recordings placed among
# the rounds (before rounds (2k+1)*RUNS/(2*RECORDINGS), k = 0...), and a
# probe of each vCPU's speed (a short pinned loop, python.loop's
# `total += i`, on each vCPU in turn) before every round and at the end,
# printed as the machine's state at those moments.
# One row per program and case: the median prediction of the recordings
# and their [min, max], the median of the RUNS real runs and their
# [min, max], the error of the median prediction, the error with the plain
# replay's taken out (each recording's case prediction over its plain one,
# against the real runs' ratio, the median over the recordings: what the
# what-if question itself missed), and where the prediction lies against
# the real runs' spread (`in`: the median prediction inside the real
# [min, max]; `overlap`: only the predictions' range meets it; `out`).
# Then the medians and largest absolute errors, each case beyond 30 %
# with where it lies (the done-when's "within the real runs' spread"),
# and how fast the machine ran each recording (its header's loop probe);
# the real runs of ROUNDS_OF (programs, default cpu_threads) round by
# round, to set beside the machine's state at each round.
# The switch interval is set before the program runs without runpy, whose
# import costs 3.12 about 20 ms of CPU that the program does not pay.
# Wall times of a loaded machine are noise: run it on a quiet one.
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
#   [RUNS=N] [RECORDINGS=R] [RECORD_RUNS=K] [MEASURE=1] [ROUNDS_OF=NAME,...] \
#     bench/record-whatif.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PV=${PYENV_VERSIONS:-/root/.pyenv/versions}
PY=${PYTHON:-$PV/3.12.1/bin/python3}
PY311=${PY311:-$PV/3.11.7/bin/python3}
PY313=${PY313:-$PV/3.13.0/bin/python3}
GILSIM=${GILSIM:-build/sim/gilsim}
PLATFORM=${PLATFORM:-platforms/laptop-2core.xml}
RUNS=${RUNS:-3}
RECORDINGS=${RECORDINGS:-3}
RECORD_RUNS=${RECORD_RUNS:-1}
BASE=${BASE:-}
ROUNDS_OF=${ROUNDS_OF:-cpu_threads}
[ "$RUNS" -ge 1 ] && [ "$RECORDINGS" -ge 1 ] ||
  { echo "record-whatif.sh: RUNS and RECORDINGS must be 1 or more" >&2; exit 2; }
mapfile -t names < <(bench_record_names "$PY" "$@")
for name in "${names[@]}"; do
  [ -f "bench/record/$name.py" ] ||
    { echo "record-whatif.sh: no bench/record/$name.py: name a program of bench/record/" >&2; exit 2; }
done
cases=(plain cores=1 si=1ms si=50ms py3.11 py3.13)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
started=$(date -u +%H:%M:%S)
SECONDS=0
if [ "${MEASURE:-0}" = 1 ]; then
  "$GILSIM" calibrate --measure --style none --python "$PY" --also-python "$PY311" \
    --also-python "$PY313" --platform "$PLATFORM" -o "$tmp/here.xml" 2> "$tmp/measure.log" ||
    { cat "$tmp/measure.log" >&2; exit 1; }
  grep -E ': python\.(startup|version|loop)' "$tmp/measure.log" | sed 's/^[^:]*: /measured: /' >&2
  PLATFORM=$tmp/here.xml
fi

predict () {  # predict SCENARIO -L ...: the predicted wall time (s), and BASE's
  local gil=$1; shift
  "$GILSIM" run "$gil" -q --no-sequential "$@" --export-json - | bench_wall_s "$PY"
  if [ -n "$BASE" ]; then
    "$BASE" run "$gil.base" -q --no-sequential "$@" --export-json - | bench_wall_s "$PY"
  fi
}

once () {  # once CMD...: the wall time of one run of CMD
  bench_seconds 6 "$@"
}

with_interval () {  # with_interval SECONDS PYTHON PROG: PROG run after sys.setswitchinterval
  # (as __main__, as `PYTHON PROG` runs it, and without importing runpy)
  "$2" -c "import sys, __main__; sys.setswitchinterval($1); sys.argv = ['$3']
sys.path[0] = '$(dirname "$3")'; __main__.__file__ = '$3'
exec(compile(open('$3', 'rb').read(), '$3', 'exec'), __main__.__dict__)"
}

# the loop of python.loop, as the recorder's probe runs it (a function's
# locals, the thread's CPU clock, the median of 5 rounds), 200,000
# iterations a round: about 0.1 s a vCPU
PROBE='import time
def probe():
    rounds = []
    for _ in range(5):
        total = 1 << 40
        t = time.thread_time()
        for i in range(200000):
            total += i
        rounds.append(time.thread_time() - t)
    return sorted(rounds)[2] / 200000
print("%.2f" % (probe() * 1e9))'
vcpus=$(nproc)
state () {  # state WHEN: each vCPU's loop (ns an iteration), one line in $tmp/state
  local line c
  # the time, the load, and each vCPU's loop and the host's steal time on
  # it so far (/proc/stat)
  line="$(date -u +%H:%M:%S) $(date +%s.%N) $1 $(cut -d' ' -f1 /proc/loadavg)"
  for ((c = 0; c < vcpus; c++)); do
    line+=" $(taskset -c "$c" "$PY" -c "$PROBE"):$(awk -v c="cpu$c" '$1 == c {print $9}' /proc/stat)"
  done
  echo "$line" >> "$tmp/state"
  echo "state: $line" >&2
}

record_all () {  # record_all K: recording K of every program, now
  local name prog gil
  for name in "${names[@]}"; do
    prog=bench/record/$name.py
    gil=$tmp/$name.$1.gil
    "$GILSIM" record --runs "$RECORD_RUNS" -o "$gil" --platform "$PLATFORM" -- "$PY" "$prog" \
      > /dev/null 2>&1
    if [ -n "$BASE" ]; then
      "$BASE" record --runs "$RECORD_RUNS" -o "$gil.base" --platform "$PLATFORM" -- "$PY" \
        "$prog" > /dev/null 2>&1
    fi
    # the machine's speed just after the recording (its header's loop probe)
    echo "$name $1 $(date -u +%H:%M:%S) $(sed -n \
      's/.*this Python.s loop took .* an iteration, \([0-9.]*\) times.*/\1/p' "$gil" | head -1)" \
      >> "$tmp/probes"
  done
}

real_one () {  # real_one NAME CASE: one real run's wall time, appended to its file
  local prog=bench/record/$1.py r
  case $2 in
    plain) r=$(once "$PY" "$prog") ;;
    cores=1) r=$(once taskset -c 0 "$PY" "$prog") ;;
    si=1ms) r=$(once with_interval 0.001 "$PY" "$prog") ;;
    si=50ms) r=$(once with_interval 0.05 "$PY" "$prog") ;;
    py3.11) r=$(once "$PY311" "$prog") ;;
    py3.13) r=$(once "$PY313" "$prog") ;;
  esac
  echo "$r" >> "$tmp/real.$1.$2"
}

# every (program, case) once a round, the start turned a step each round
pairs=()
for name in "${names[@]}"; do
  for case in "${cases[@]}"; do pairs+=("$name $case"); done
done
np=${#pairs[@]}
for ((round = 0; round < RUNS; round++)); do
  state "round$((round + 1))"
  for ((k = 0; k < RECORDINGS; k++)); do
    if [ $(((2 * k + 1) * RUNS / (2 * RECORDINGS))) -eq "$round" ]; then
      echo "recording set $((k + 1)) of $RECORDINGS ($(date -u +%H:%M:%S))" >&2
      record_all "$k"
    fi
  done
  echo "real runs, round $((round + 1)) of $RUNS ($(date -u +%H:%M:%S))" >&2
  for ((j = 0; j < np; j++)); do
    real_one ${pairs[$(((j + round * np / RUNS) % np))]}
  done
done
state end

# the predictions, which do not depend on the machine's moment
rows=$tmp/rows
for name in "${names[@]}"; do
  for case in "${cases[@]}"; do
    preds=() bases=()
    for ((k = 0; k < RECORDINGS; k++)); do
      gil=$tmp/$name.$k.gil
      case $case in
        plain) p=$(predict "$gil") ;;
        cores=1) p=$(predict "$gil" -L cores=1) ;;
        si=1ms) p=$(predict "$gil" -L switch_interval=1ms) ;;
        si=50ms) p=$(predict "$gil" -L switch_interval=50ms) ;;
        py3.11) p=$(predict "$gil" -L runtime=cpython-3.11) ;;
        py3.13) p=$(predict "$gil" -L runtime=cpython-3.13) ;;
      esac
      set -- $p
      preds+=("$1")
      bases+=("${2:--}")
    done
    echo "$name $case ${preds[*]} | ${bases[*]} | $(tr '\n' ' ' < "$tmp/real.$name.$case")" >> "$rows"
  done
done
echo "from $started to $(date -u +%H:%M:%S) UTC ($SECONDS s): $RUNS rounds of real runs," \
  "$RECORDINGS recordings of each program (--runs $RECORD_RUNS), ${#names[@]} programs"
"$PY" - "$rows" "$tmp/probes" "$tmp/state" "$PLATFORM" "$ROUNDS_OF" <<'PYEOF'
import statistics, sys

sys.path.insert(0, "sim/record/python")
from gilsim_recorder.recording import read_platform  # noqa: E402
from gilsim_recorder.scenario import loop_factor  # noqa: E402

# the platform's python.loop for this Python, as a recording's header gives it
# (the converter's rule: an unmodelled version is the nearest modelled one)
host = read_platform(sys.argv[4])
ver = "%d.%d" % sys.version_info[:2]
platform_loop = host["loop"] * 1e9 * loop_factor(ver, host["version"])

rows, by_round = [], {}
for line in open(sys.argv[1]):
    preds, bases, reals = (part.split() for part in line.split("|"))
    name, case = preds[:2]
    preds = [float(x) for x in preds[2:]]
    bases = [float(x) for x in bases if x != "-"]
    by_round.setdefault(name, []).append((case, [float(x) for x in reals]))
    reals = sorted(map(float, reals))
    rows.append((name, case, preds, bases, reals, statistics.median(reals)))
plain = {r[0]: r for r in rows if r[1] == "plain"}


def err(p, med):
    return (p - med) / med * 100


def where(preds, reals):
    """Where the predictions lie against the real runs' [min, max]."""
    if reals[0] <= statistics.median(preds) <= reals[-1]:
        return "in"
    return "overlap" if min(preds) <= reals[-1] and max(preds) >= reals[0] else "out"


errs, rel_errs, plain_errs, base_errs, beyond = [], [], [], [], []
print("%-18s %-8s %9s %15s %9s %15s %8s %9s %s" % (
    "example", "case", "predicted", "pred_range", "real_med", "real_range", "error",
    "vs_plain", "spread"))
for name, case, preds, bases, reals, med in rows:
    p = statistics.median(preds)
    e = err(p, med)
    row = "%-18s %-8s %8.3fs %15s %8.3fs %15s %+7.1f%%" % (
        name, case, p, "%.3f-%.3f s" % (min(preds), max(preds)), med,
        "%.3f-%.3f s" % (reals[0], reals[-1]), e)
    if case == "plain":
        plain_errs.append(abs(e))
        row += " %9s" % ""
    else:
        errs.append(abs(e))
        q = plain.get(name)
        if q and all(x > 0 for x in q[2]):
            # each recording's case prediction over its plain one, against the
            # real runs' ratio; the median over the recordings
            rel = statistics.median(((a / b) / (med / q[5]) - 1) * 100 for a, b in zip(preds, q[2]))
            rel_errs.append(abs(rel))
            row += " %+8.1f%%" % rel
        else:
            row += " %9s" % "-"
        if abs(e) > 30:
            beyond.append((name, case, e, preds, reals, where(preds, reals)))
    row += " %-7s" % where(preds, reals)
    if bases:
        b = statistics.median(bases)
        base_errs.append(abs(err(b, med)))
        row += "   base %7.3fs %+7.1f%%" % (b, err(b, med))
    print(row.rstrip())
if plain_errs:
    print("plain replays: median absolute error %.1f %%, largest %.1f %%, over %d programs" % (
        statistics.median(plain_errs), max(plain_errs), len(plain_errs)))
if errs:
    print("what-if: median absolute error %.1f %%, largest %.1f %%, over %d predictions" % (
        statistics.median(errs), max(errs), len(errs)))
if rel_errs:
    print("what-if with the plain replay's error taken out: median %.1f %%, largest %.1f %%" % (
        statistics.median(rel_errs), max(rel_errs)))
if errs:
    print("beyond 30 %%: %d of %d what-if predictions%s" % (
        len(beyond), len(errs), ":" if beyond else ""))
SAY = {"in": "the median prediction lies within the real runs' [min, max]",
       "overlap": "the median prediction lies outside the real runs' [min, max], "
                  "the predictions' range meets it",
       "out": "the predictions' whole range lies outside the real runs' [min, max]"}
for name, case, e, preds, reals, w in beyond:
    print("  %s %s %+.1f %% (predicted %.3f to %.3f s, real %.3f to %.3f s): %s" % (
        name, case, e, min(preds), max(preds), reals[0], reals[-1], SAY[w]))
if errs:
    # issue 13's done-when: median within 15 %, none beyond 30 %, or within
    # the real runs' spread where that is wider
    outside = [b for b in beyond if b[5] != "in"]
    print("done-when: median %.1f %% %s 15 %%; beyond 30 %% and the median prediction outside "
          "the real runs' [min, max]: %d%s" % (
              statistics.median(errs), "within" if statistics.median(errs) <= 15 else "beyond",
              len(outside), " (%d with every prediction outside it)" % sum(
                  b[5] == "out" for b in outside) if outside else ""))
if base_errs:
    print("base: median absolute error %.1f %%, largest %.1f %%" % (
        statistics.median(base_errs), max(base_errs)))
probes = {}
for line in open(sys.argv[2]):
    f = line.split()
    probes.setdefault(f[0], []).append("%s %s" % (f[2], f[3] if len(f) > 3 else "-"))
print("the recordings' loop just after the program (UTC, times the platform's python.loop):")
for name, got in probes.items():
    print("  %-18s %s" % (name, ", ".join(got)))
for name in sys.argv[5].split(","):
    if name in by_round:
        print("%s's real runs round by round (s):" % name)
        for i in range(max(len(r) for _, r in by_round[name])):
            print("  round%-2d %s" % (i + 1, "  ".join(
                "%s %.3f" % (case, r[i]) for case, r in by_round[name] if i < len(r))))
print("the machine's state, each vCPU's loop (ns an iteration, and times the platform's "
      "python.loop for this Python, %.2f ns):" % platform_loop)
print("  (steal: the share of the vCPU's time the host took since the line before)")
HZ, last = 100.0, None  # /proc/stat counts in USER_HZ, 100 on Linux
for line in open(sys.argv[3]):
    f = line.split()
    at, cpus = float(f[1]), [tuple(map(float, x.split(":"))) for x in f[4:]]
    out = []
    for i, (ns, steal) in enumerate(cpus):
        took = "%4.1f %%" % (100 * (steal - last[1][i][1]) / HZ / (at - last[0])) if last else "   -  "
        out.append("vCPU%d %6.2f (%.2f) steal %s" % (i, ns, ns / platform_loop, took))
    last = (at, cpus)
    print(("  %s %-7s load %5s  %s" % (f[0], f[2], f[3], "   ".join(out))).rstrip())
PYEOF
