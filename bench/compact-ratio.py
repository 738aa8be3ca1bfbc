"""python.loop_compact from measure.py sessions: what an iteration of
`total += i` costs while total fits one 30-bit digit (a compact int)
over one on a big total, read from records that were not made for it.

    python3 bench/compact-ratio.py SESSION.jsonl...

Every measure.py run has a speed probe just before and just after it:
cpu_loop(50000), whose total passes 2**30 after 46341 iterations, so
92.7 % of its iterations add compact ints.  The main thread's
calibration runs (calib_cpu, 10**6 and 10**7 iterations of the same
loop) are 4.6 % and 0.5 % compact.  Both run in the main thread within
milliseconds of each other, on the same vCPU as a rule, so per run, with
q = probe / calibration (the mean of the two probes over the run's ns an
iteration), f_p and f_c their compact shares and r the ratio sought:

    q (f_c r + 1 - f_c) = f_p r + 1 - f_p
    r = (q (1 - f_c) - (1 - f_p)) / (f_p - q f_c)

Prints each session's median r and the median of all runs, with its
quartiles.  Standard library only.
"""
import json
import statistics
import sys

COMPACT = 46341          # iterations before the sum passes 2**30
PROBE = 50000            # measure.py's PROBE_L


def ratio(q, iters):
    fp = COMPACT / PROBE
    fc = min(COMPACT, iters) / iters
    return (q * (1 - fc) - (1 - fp)) / (fp - q * fc)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.split("\n\n")[1].strip())
    pooled = []
    for path in sys.argv[1:]:
        rs = []
        with open(path) as f:
            for line in f:
                rec = json.loads(line)
                if rec.get("case") != "calib_cpu":
                    continue
                iters = rec["work"]["loop_iters"]
                for run in rec.get("runs_extra", []):
                    if "probe_ns_per_iter_before" not in run:
                        continue
                    probe = (run["probe_ns_per_iter_before"]
                             + run["probe_ns_per_iter_after"]) / 2
                    rs.append(ratio(probe / (run["seconds_per_iter"] * 1e9), iters))
        if rs:
            print("%s: %d runs, median %.3f" % (path, len(rs), statistics.median(rs)))
        else:
            print("%s: no calib_cpu run with probes" % path)
        pooled += rs
    if len(pooled) >= 4:
        q = statistics.quantiles(pooled, n=4)
        print("all: %d runs, median %.3f (quartiles %.3f, %.3f)"
              % (len(pooled), statistics.median(pooled), q[0], q[2]))
    elif pooled:
        print("all: %d runs, median %.3f" % (len(pooled), statistics.median(pooled)))


if __name__ == "__main__":
    main()
