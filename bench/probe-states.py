#!/usr/bin/env python3
"""probe-states.py: the slow vCPU state of a measure.py session, from its
loop probes.

measure.py times a short loop in the main thread before and after every
run (`probe_ns_per_iter_before`, `probe_ns_per_iter_after` in each run's
`runs_extra`): a moment's speed of the vCPU it ran on.  On these virtual
machines the probes fall in two groups, fast and slow.  Split in two where
the sum of squared deviations of their logarithms is least (two-means in
one dimension), the share of probes in the slow group is the fraction of
the time a vCPU is slow (cpu.slow_fraction) and the ratio of the groups'
geometric means how much slower it then runs (cpu.slow_factor).
The probes of all the files given are pooled, and each file is printed too.
Nothing is asserted; platforms/laptop-2core.xml reads the output.

usage: bench/probe-states.py FILE.jsonl...
"""
import math
import sys

from sessions import probes, records


def two_states(values):
    """(fast ns, slow ns, slow share) of VALUES split in two as above."""
    logs = sorted(math.log(v) for v in values)
    best = None
    for i in range(1, len(logs)):
        a, b = logs[:i], logs[i:]
        ma, mb = sum(a) / len(a), sum(b) / len(b)
        ss = sum((x - ma) ** 2 for x in a) + sum((x - mb) ** 2 for x in b)
        if best is None or ss < best[0]:
            best = (ss, i, ma, mb)
    _, i, ma, mb = best
    return math.exp(ma), math.exp(mb), (len(logs) - i) / len(logs)


def show(name, values):
    fast, slow, p = two_states(values)
    print("%-48s %4d probes: fast %5.1f ns, slow %5.1f ns: "
          "cpu.slow_factor %.2f, cpu.slow_fraction %.2f" % (name, len(values), fast, slow,
                                                            slow / fast, p))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    pooled = []
    for path in sys.argv[1:]:
        values = [x for rec in records(path) for x in probes(rec)]
        if len(values) >= 2:
            show(path, values)
            pooled += values
    if len(sys.argv) > 2 and len(pooled) >= 2:
        show("all", pooled)


if __name__ == "__main__":
    main()
