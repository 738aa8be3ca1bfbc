#!/usr/bin/env python3
"""start-jitter.py: a platform's cpu.start_slow_factor from measure.py sessions.

measure.py's spawn-empty records start N children at once and time, in
every run, when the first and the last of them began to run its target
(runs_extra: child_first_start_s, child_last_start_s).  A spawned child's
start-up (a fresh interpreter and its imports, about 0.1 s of CPU) runs on
a vCPU of its own, slow with probability p (cpu.slow_fraction) and then r
times longer than on a fast one (cpu.start_slow_factor): its vCPU's
state lasts about a second, so one start-up is all fast or all slow.  The
first and last children of a run then differ by the factor r when the
run's N children drew both states, which happens with probability
1 - p^N - (1 - p)^N, and by nothing otherwise; the parent starts them one
after the other, which the run's start_loop_s measures and which is taken
off the last child's time.  So the mean over runs of log(last / first) is
log(r) times the mean of that probability: r is read from it.

The spread's shape tells the two states from one continuous jitter: a
log-normal's range grows with N as the expected range of N normals does
(1.13 sigma at N = 2, 3.53 at 16), while these sessions' range is about
the same from N = 2 to 16 once the chance of both states is taken out
(printed per N).

usage: bench/start-jitter.py [--slow-fraction P] SESSION.jsonl...
"""
import json
import math
import sys


def runs(path):
    """(N, log(last / first)) of every run of the file's spawn-empty records
    with two children or more."""
    out = []
    with open(path) as f:
        for line in f:
            rec = json.loads(line)
            n = rec.get("n_workers") or 0
            if rec.get("variant") != "spawn-empty" or n < 2:
                continue
            for run in rec.get("runs_extra") or []:
                first = run.get("child_first_start_s")
                last = run.get("child_last_start_s")
                loop = run.get("start_loop_s") or 0
                if not first or not last:
                    continue
                # the parent started the last child (N-1)/N of its loop later
                last -= loop * (n - 1) / n
                if last > 0:
                    out.append((n, math.log(max(last, first) / first)))
    return out


def main(args):
    p = 0.42
    if len(args) >= 2 and args[0] == "--slow-fraction":
        p = float(args[1])
        args = args[2:]
    if not args:
        sys.exit(__doc__.strip().splitlines()[-1])
    every = []
    for path in args:
        r = runs(path)
        print(f"{path}: {len(r)} runs")
        every += r
    if not every:
        sys.exit("no spawn-empty runs with two children or more")
    mixed = lambda n: 1 - p ** n - (1 - p) ** n
    for n in sorted({n for n, _ in every}):
        logs = [x for m, x in every if m == n]
        lr = sum(logs) / len(logs) / mixed(n)
        print(f"  N={n:2d}: {len(logs):2d} runs, mean log(last/first) {sum(logs) / len(logs):.3f}"
              f", both states {mixed(n):.2f} of the time: r {math.exp(lr):.2f}")
    lr = sum(x for _, x in every) / sum(mixed(n) for n, _ in every)
    print(f"pooled: {len(every)} runs, cpu.start_slow_factor {math.exp(lr):.2f} "
          f"(cpu.slow_fraction {p})")


if __name__ == "__main__":
    main(sys.argv[1:])
