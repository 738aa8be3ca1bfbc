#!/usr/bin/env python3
"""disk-jitter.py: a platform's disk.speed_jitter from measure.py sessions.

measure.py's file_io_threads records time, in every run, how long the
threads took to write and fsync their file and to read it back cold
(runs_extra: write_fsync_median_s, read_median_s).  With one thread
(N = 1) nothing else shares the disk, so how far one run's phase moves
from the record's other runs is the disk's own speed moving: the standard
deviation of the logarithm of each phase's time about its record's mean,
pooled over the records' runs and both phases (with n - 1 degrees of
freedom; a run that took more than 1.5 times the record's median is left
out: the laptop's first cold read took 1.9 times), is disk.speed_jitter, the sd of the factor that a drawn sample
(`--samples`) gives the bytes its disks read and the one for those they
write.  A session's calibration takes its disks' bandwidths from that
record, whose speed is one such draw too (docs/validate.md).

usage: bench/disk-jitter.py [--workers N] SESSION.jsonl...
"""
import json
import math
import sys

PHASES = ("write_fsync_median_s", "read_median_s")


def deviations(path, workers):
    """The squared deviations of each run's log phase time from its
    record's mean, each scaled by n / (n - 1), and how many records."""
    out, records = [], 0
    with open(path) as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("case") != "file_io_threads" or rec.get("n_workers") != workers:
                continue
            runs = rec.get("runs_extra") or []
            records += 1
            for key in PHASES:
                times = sorted(r[key] for r in runs if r.get(key))
                if not times:
                    continue
                mid = times[len(times) // 2]
                # a run half again as long as the median is not the disk's
                # speed (a first read that found nothing cached, another
                # program): left out
                logs = [math.log(t) for t in times if t <= 1.5 * mid]
                if len(logs) < 2:
                    continue
                mean = sum(logs) / len(logs)
                out += [(x - mean) ** 2 * len(logs) / (len(logs) - 1) for x in logs]
    return out, records


def main(args):
    workers = 1
    if len(args) >= 2 and args[0] == "--workers":
        workers = int(args[1])
        args = args[2:]
    if not args:
        sys.exit(__doc__.strip().splitlines()[-1])
    pooled = []
    for path in args:
        d, records = deviations(path, workers)
        sd = math.sqrt(sum(d) / len(d)) if d else float("nan")
        print(f"{path}: {records} records, {len(d)} phases of runs, sd {100 * sd:.2f} %")
        pooled += d
    if not pooled:
        sys.exit(f"no file_io_threads runs with {workers} worker(s)")
    print(f"pooled: {len(pooled)} phases of runs, disk.speed_jitter "
          f"{math.sqrt(sum(pooled) / len(pooled)):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
