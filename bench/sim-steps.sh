#!/usr/bin/env bash
# sim-steps.sh: SimGrid steps and instructions of each simulation of a run.
# Runs GILSIM run SCENARIO ARGS... -q under valgrind's callgrind, counting
# only the simulations (gs_engine_run, in every process: a sweep's
# children too), with LD_BIND_NOW=1 and GILSIM_REBIND=0 so that no lazy
# symbol binding lands in a simulation, and prints one line a simulation:
# "steps S instr I", S the calls of SimGrid's
# EngineImpl::handle_ended_actions (one a step of its main loop) and I the
# instructions.  Counts are exact (load does not move them).  Add
# --no-sequential to leave a point's sequential twin out.  Nothing here is
# asserted.
#
# usage: bench/sim-steps.sh GILSIM SCENARIO [ARGS...]
#   e.g. bench/sim-steps.sh build/sim/gilsim scenarios/seed/cpu_threads.gil \
#          -L N=1 -L switch_interval=1ms --no-sequential
set -euo pipefail
cd "$(dirname "$0")/.."
G=$1
shift
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
valgrind --tool=callgrind --trace-children=yes --collect-atstart=no \
  --toggle-collect=gs_engine_run --callgrind-out-file="$out/cg.%p" \
  env GILSIM_REBIND=0 LD_BIND_NOW=1 "$G" run "$@" -q > /dev/null 2>&1
for f in "$out"/cg.*; do
  python3 - "$f" <<'PY'
import re, sys
names, cur, steps, total = {}, None, 0, 0
for line in open(sys.argv[1]):
    m = re.match(r'(c?fn)=\((\d+)\)(?: (.*))?', line)
    if m:
        if m.group(3):
            names[m.group(2)] = m.group(3)
        if m.group(1) == 'cfn':
            cur = names.get(m.group(2), '')
        continue
    m = re.match(r'calls=(\d+)', line)
    if m and 'handle_ended_actions' in cur:
        steps += int(m.group(1))
    m = re.match(r'(?:summary|totals): (\d+)', line)
    if m:
        total = int(m.group(1))
if total:
    print("steps %d instr %d" % (steps, total))
PY
done
