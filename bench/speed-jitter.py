#!/usr/bin/env python3
"""speed-jitter.py: a platform's cpu.speed_jitter from measure.py sessions.

measure.py times a short Python loop before and after every run of every
record (runs_extra: probe_ns_per_iter_before, probe_ns_per_iter_after), in
the main thread.  On a VM whose vCPUs are now fast, now slow
(cpu.slow_fraction, cpu.slow_factor), a probe reads one of two speeds; the
fast one is taken here: the probes below 1.25 times the session's 10th
percentile.  Each record's fast speed is the median of its fast probes,
and how far those move from record to record around the session's mean
(the standard deviation of their logarithms, pooled over the sessions) is
how much the machine's speed moves between two records of one session,
which the session's own calibration cannot see: cpu.speed_jitter
(docs/validate.md).

usage: bench/speed-jitter.py SESSION.jsonl...
"""
import math
import statistics
import sys

from sessions import probes, records


def session(path):
    """The logarithms of each record's fast speed, about their mean."""
    per_record = [p for p in map(probes, records(path)) if p]
    every = sorted(x for p in per_record for x in p)
    if not every:
        return []
    fast_below = 1.25 * every[len(every) // 10]
    logs = [math.log(statistics.median([x for x in p if x < fast_below]))
            for p in per_record if any(x < fast_below for x in p)]
    mean = statistics.fmean(logs)
    return [x - mean for x in logs]


def main(paths):
    if not paths:
        sys.exit(__doc__.strip().splitlines()[-1])
    pooled = []
    for path in paths:
        d = session(path)
        sd = math.sqrt(sum(x * x for x in d) / len(d)) if d else float("nan")
        print(f"{path}: {len(d)} records, sd {100 * sd:.2f} %")
        pooled += d
    sd = math.sqrt(sum(x * x for x in pooled) / len(pooled))
    print(f"pooled: {len(pooled)} records, cpu.speed_jitter {sd:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
