#!/usr/bin/env bash
# fastpath-identity.sh: the fast path (sim/engine/fastpath.h) against the
# step-by-step path it stands for.  Every scenario under scenarios/ and
# tests/data/*.gil, and bench/switch_countdown.gil at several thread counts
# and intervals on two platforms, runs twice: as is (the fast path is on by
# default), and with GILSIM_STEP=1 (step by step); their exports (--export-json), printed reports and exit
# statuses must be byte for byte the same.  GILSIM_FPDEBUG=1 makes the fast
# path say each batch it plays, and each replay of a lone holder's looks
# ("fastpath: lone"): the bench runs must have some (else this test would
# compare the step path with itself), and a run with --trace or --samples
# must have none (the fast path stays out of those).  TAP output.
set -u
. "$(dirname "$0")/identity-lib.sh"

# both FILE ARGS...: runs FILE both ways; "ok" if identical.  Leaves the
# fast run's batch count in $batches, its lone holders' replays in $lones
# (of daemon threads in $daemons).
both () {
  local f="$1"; shift
  for m in 0 1; do
    GILSIM_STEP=$m GILSIM_FPDEBUG=1 "$GILSIM" run "$f" "$@" --export-json "$tmp/$m.json" \
      > "$tmp/$m.out" 2> "$tmp/$m.err"
    echo "exit $?" >> "$tmp/$m.out"
    touch "$tmp/$m.json"
    grep -v '^fastpath: ' "$tmp/$m.err" >> "$tmp/$m.out"
  done
  batches=$(grep -c '^fastpath: batch ' "$tmp/0.err")
  lones=$(grep -c '^fastpath: lone ' "$tmp/0.err")
  daemons=$(grep -c '^fastpath: lone .* daemon$' "$tmp/0.err")
  cmp -s "$tmp/0.json" "$tmp/1.json" && cmp -s "$tmp/0.out" "$tmp/1.out"
}

for f in $(find scenarios tests/data -name '*.gil' | sort); do
  args=(-q -j 1)
  grep -q '^platform ' "$f" || args+=(-p platforms/xeon-16core.xml)
  if both "$f" "${args[@]}"; then ok "$f ($batches batches)"
  else notok "$f"; fi
done

# tests/data/fastpath_end.gil deadlocked with the fast path (a thread's
# resume, queued when the new holder began a batch, was lost): it must
# engage there, and chunking.gil's statement counts and thread counts too
if both tests/data/fastpath_end.gil -q -j 1 && [ "$batches" -gt 0 ]; then
  ok "fastpath_end.gil: the batch engages ($batches batches)"; else notok "fastpath_end.gil"; fi
for plat in xeon-16core laptop-2core; do
  for v in "2 1" "4 1" "4 100" "16 1" "16 2000"; do
    set -- $v
    if both tests/data/chunking.gil -q --no-sequential -j 1 -p "platforms/$plat.xml" \
         -L "N=$1" -L "K=$2"; then ok "chunking.gil N=$1 K=$2 on $plat ($batches batches)"
    else notok "chunking.gil N=$1 K=$2 on $plat differs"; fi
  done
done

SC=bench/switch_countdown.gil

# tests/fastpath/: each kind of event that must end a batch at its time
# (tests/fastpath/README.md), on both platforms, at several intervals, on
# one core (the woken waiter's context switch, engine/cores.c), and with
# drawn samples; a scenario marked "fastpath-identity: engages" must have
# batches in some of its runs
# (a scenario marked "fastpath-identity: lone" must have a lone holder's
# replay in some, "lone daemon" a daemon thread's)
for f in tests/fastpath/*.gil; do
  total=0
  lone=0
  daemon=0
  bad=
  for v in "" "-p platforms/laptop-2core.xml" "-L switch_interval=1ms" \
           "-L switch_interval=100us" "-L switch_interval=20us" \
           "-L switch_interval=1ms -L cores=1" \
           "-L switch_interval=1ms -L cores=1 -p platforms/laptop-2core.xml" \
           "--samples 3 -L switch_interval=1ms"; do
    # a server runs on its platform's host: no other platform
    case "$v" in *-p\ *) grep -q '^server ' "$f" && continue ;; esac
    # shellcheck disable=SC2086
    if both "$f" -q -j 1 $v; then
      total=$((total + batches)); lone=$((lone + lones)); daemon=$((daemon + daemons))
    else bad="$bad [$v]"; fi
  done
  if [ -n "$bad" ]; then notok "$f differs:$bad"
  elif grep -q '^# fastpath-identity: engages' "$f" && [ "$total" -eq 0 ]; then
    notok "$f: the fast path never engaged"
  elif grep -q '^# fastpath-identity: lone' "$f" && [ "$lone" -eq 0 ]; then
    notok "$f: no lone holder's replay"
  elif grep -q '^# fastpath-identity: lone daemon' "$f" && [ "$daemon" -eq 0 ]; then
    notok "$f: no daemon thread's replay"
  else ok "$f, 8 ways ($total batches, $lone lone replays)"; fi
done

# a lone holder (fastpath.h, gs_fastpath_lone): one thread beside the main
# thread's join, and the sequential twin of two (the threads one after
# another: a replay each), at several intervals on both platforms, and the
# countdown of one thread
for plat in xeon-16core laptop-2core; do
  for v in 1ms 5ms 100us 20us; do
    if both scenarios/seed/cpu_threads.gil -q --no-sequential -j 1 -p "platforms/$plat.xml" \
         -L N=1 -L "switch_interval=$v" && [ "$lones" -ge 1 ]; then
      ok "cpu_threads.gil N=1 $v on $plat: replayed ($lones)"
    else notok "cpu_threads.gil N=1 $v on $plat: differs, or no replay"; fi
    if both scenarios/seed/cpu_threads.gil -q -j 1 -p "platforms/$plat.xml" -L N=2 \
         -L "switch_interval=$v" && [ "$lones" -ge 2 ]; then
      ok "cpu_threads.gil N=2 $v on $plat: its sequential twin replayed ($lones)"
    else notok "cpu_threads.gil N=2 $v on $plat: differs, or fewer than 2 replays ($lones)"; fi
  done
  if both "$SC" -q --no-sequential -j 1 -p "platforms/$plat.xml" -L N=1 -L W=4 &&
     [ "$lones" -gt 0 ]; then ok "$SC N=1 W=4 on $plat ($lones lone replays)"
  else notok "$SC N=1 W=4 on $plat: differs, or no lone replay"; fi
done

for plat in xeon-16core laptop-2core; do
  for v in "2 4 1ms" "3 4 1ms" "16 4 1ms" "64 4 5ms" "256 8 1ms" "2 1 1us" "5 1 20us" \
           "3 2 1ms 1" "16 2 1ms 1" "4 2 100us 2"; do
    set -- $v
    if both "$SC" -q --no-sequential -j 1 -p "platforms/$plat.xml" -L "N=$1" -L "W=$2" \
         -L "switch_interval=$3" ${4:+-L "cores=$4"}; then
      if [ "$batches" -gt 0 ]; then ok "$SC N=$1 W=$2 $3 ${4:+cores=$4 }on $plat ($batches batches)"
      else notok "$SC N=$1 W=$2 $3 ${4:+cores=$4 }on $plat: the fast path never engaged"; fi
    else
      notok "$SC N=$1 W=$2 $3 ${4:+cores=$4 }on $plat differs"
    fi
  done
done

# a batch may begin while some waiters have yet to begin their Python
# statement (they wait for the GIL before it, "entry" in the batch's line):
# it stops at a grant to one of them.  Without that, with N threads the
# fast path waited until every one had held the GIL once (about N log N
# holds picked at random); here it must engage while some are at entry,
# and both runs must be the same
for v in "64 4 1ms" "256 8 1ms" "32 2 100us"; do
  set -- $v
  if both "$SC" -q --no-sequential -j 1 -L "N=$1" -L "W=$2" -L "switch_interval=$3" &&
     grep '^fastpath: batch ' "$tmp/0.err" | grep -q ' entry [1-9]'; then
    ok "$SC N=$1 W=$2 $3: batches with waiters before their statement"
  else notok "$SC N=$1 W=$2 $3: no batch with waiters before their statement, or differs"; fi
done

# where it stays out: a trace (of three threads, and of one: no lone
# holder's replay either), drawn samples
for threads in 3 1; do
  for m in 0 1; do
    GILSIM_STEP=$m GILSIM_FPDEBUG=1 "$GILSIM" run "$SC" -q --no-sequential -j 1 -L "N=$threads" -L W=2 \
      --trace "$tmp/trace.$m.json" 2> "$tmp/trace.$m.err" > /dev/null
  done
  if cmp -s "$tmp/trace.0.json" "$tmp/trace.1.json" && [ -s "$tmp/trace.0.json" ] &&
     ! grep -q '^fastpath: ' "$tmp/trace.0.err"; then
    ok "--trace, N=$threads: step by step, the same trace"; else notok "--trace, N=$threads"; fi
done
if both "$SC" -q --no-sequential -j 1 -L N=3 -L W=2 --samples 3 &&
   [ "$batches" -eq 0 ] && [ "$lones" -eq 0 ]; then
  ok "--samples: step by step"; else notok "--samples"; fi

# GILSIM_FASTPATH=0 forces the step-by-step path too: no batch, the same
# export as the default run with batches
GILSIM_FPDEBUG=1 "$GILSIM" run "$SC" -q --no-sequential -j 1 -L N=3 -L W=2 \
  --export-json "$tmp/on.json" > /dev/null 2> "$tmp/on.err"
GILSIM_FASTPATH=0 GILSIM_FPDEBUG=1 "$GILSIM" run "$SC" -q --no-sequential -j 1 -L N=3 -L W=2 \
  --export-json "$tmp/off.json" > /dev/null 2> "$tmp/off.err"
if grep -q '^fastpath: batch ' "$tmp/on.err" && ! grep -q '^fastpath: batch ' "$tmp/off.err" &&
   cmp -s "$tmp/on.json" "$tmp/off.json"; then
  ok "on by default; GILSIM_FASTPATH=0: step by step, the same export"
else notok "GILSIM_FASTPATH=0"; fi

tap_end
