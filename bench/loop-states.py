#!/usr/bin/env python3
"""loop-states.py: how often each single-worker loop record of the 16-core
sessions ran in the slow vCPU state, by where the loop ran and how long.

Each measure.py session (tests/data/xeon-device/measure-run*.jsonl by
default) has single-worker records of the same loop (`total += i`): the main
thread's calib_cpu (1e6 and 1e7 iterations), a new thread's cpu_threads N=1
(2e6), a forked or spawned child's cpu_processes N=1 (2e6, the child's own
loop time) and a new thread's mixed_convoy cpu-alone (4e7, about 1.5 s).
Every run's ns per iteration is printed, and counted slow when it is more
than SLOW (1.3) times the session's fastest run: the vCPUs have a fast and
a slow speed about 1.67 times apart (platforms/xeon-16core.xml,
cpu.slow_fraction).  The summary pools the sessions that ran the long loop,
by where the loop ran and its length.
Nothing is asserted; docs/validate.md reads the output.

usage: bench/loop-states.py [FILE...]
"""
import glob
import json
import statistics
import sys

SLOW = 1.3


def runs_of(rec):
    """(where, ns per iteration of each run) of a single-worker loop record,
    or None."""
    work = rec.get("work") or {}
    L = work.get("loop_iters")
    if not L or rec.get("n_workers") != 1 or "wall_seconds_all" not in rec:
        return None
    case, kind = rec.get("case"), rec.get("kind")
    extra = rec.get("runs_extra") or []
    ns = []
    for k, wall in enumerate(rec["wall_seconds_all"]):
        e = extra[k] if k < len(extra) else {}
        t = e.get("cpu_thread_seconds") or e.get("child_work_median_s") or wall
        ns.append(t / L * 1e9)
    if kind == "main":
        where = "main thread"
    elif case == "cpu_processes":
        where = "child process"
    else:
        where = "new thread"
    length = "long" if L >= 2e7 else "short"
    return "%s, %s (%s)" % (where, length, "%.0e" % L), ns


def main(argv):
    files = argv[1:] or sorted(glob.glob("tests/data/xeon-device/measure-run*.jsonl"))
    pooled = {}
    for f in files:
        rows = []
        with open(f) as fh:
            for line in fh:
                rec = json.loads(line)
                got = runs_of(rec)
                if got:
                    rows.append((rec.get("case") + " " + str(rec.get("variant")),) + got)
        if not rows:
            continue
        fastest = min(min(ns) for _, _, ns in rows)
        # pooled: the sessions that ran the long loop too, to compare with
        both = any("long" in where for _, where, _ in rows)
        print("%s: fastest run %.1f ns/iter" % (f, fastest))
        for name, where, ns in rows:
            slow = sum(1 for x in ns if x > SLOW * fastest)
            print("  %-32s %-30s %s  slow %d of %d" % (
                name, where, " ".join("%5.1f" % x for x in ns), slow, len(ns)))
            if both:
                p = pooled.setdefault(where.split(" (")[0], [0, 0, []])
                p[0] += slow
                p[1] += len(ns)
                p[2].extend(x / fastest for x in ns)
    print("\npooled over the sessions with a long loop record (mean: times the session's fastest run):")
    for where, (slow, n, rel) in sorted(pooled.items()):
        print("  %-26s %2d of %2d runs slow (%3.0f %%), mean %.2f" % (
            where, slow, n, 100.0 * slow / n, statistics.mean(rel)))


if __name__ == "__main__":
    main(sys.argv)
