#!/usr/bin/env python
"""N countdown threads against the same work done by one thread, at short
switch intervals, with Linux's default timer slack and with it lowered to
1 ns (prctl(PR_SET_TIMERSLACK, 1) through ctypes).  Standard library only;
runs under CPython 3 and 2.7 (where the old GIL has no switch interval: the
interval column reads "check", the interpreter's default check interval).

    python3 bench/short-interval.py [--iters L] [--repeat R] [--ns 1,2,4,8]
        [--intervals 1e-6,1e-5,1e-4,1e-3,5e-3] [--slack default,1]
        [--jsonl OUT]

Each of N threads counts down from L (`while n > 0: n -= 1`); the
sequential run is one thread counting down from L, N times.  The ratio is
threaded over sequential.  Each repeat starts one child process per slack
regime, in turn (the regimes interleave), and in each child every
(interval, N) runs threaded and sequential back to back, the order swapped
every other configuration.  Prints the median ratio and its range over the
repeats, per regime, interval and N; --jsonl also writes every run.

The timer slack is per thread and inherited by threads a thread creates:
the child sets it in its main thread before it starts any worker.
"""
from __future__ import division, print_function

import json
import os
import subprocess
import sys
import threading
import time

try:
    perf = time.perf_counter
except AttributeError:
    perf = time.time

PR_SET_TIMERSLACK, PR_GET_TIMERSLACK = 29, 30


def countdown(n):
    while n > 0:
        n -= 1


def sequential(n, l):
    for _ in range(n):
        countdown(l)


def timed(n, l, threaded):
    if threaded:
        ths = [threading.Thread(target=countdown, args=(l,)) for _ in range(n)]
    else:
        ths = [threading.Thread(target=sequential, args=(n, l))]
    t0 = perf()
    for t in ths:
        t.start()
    for t in ths:
        t.join()
    return perf() - t0


def set_slack(ns):
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    if ns is not None and libc.prctl(PR_SET_TIMERSLACK, ctypes.c_ulong(ns), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_TIMERSLACK)")
    return libc.prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0)


def child(regime, iters, ns, intervals):
    slack = set_slack(None if regime == "default" else int(regime))
    k = 0
    for iv in intervals:
        if iv != "check":
            sys.setswitchinterval(float(iv))
        for n in ns:
            order = (True, False) if k % 2 == 0 else (False, True)
            k += 1
            t = {}
            for threaded in order:
                t[threaded] = timed(n, iters, threaded)
            print(json.dumps({"slack_regime": regime, "slack_ns": slack,
                              "interval": iv, "n": n, "iters": iters,
                              "threaded_s": t[True], "sequential_s": t[False],
                              "ratio": t[True] / t[False]}))
            sys.stdout.flush()


def median(xs):
    xs = sorted(xs)
    m = len(xs) // 2
    return xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2


def main(argv):
    opts = {"--iters": "300000", "--repeat": "5", "--ns": "1,2,4,8",
            "--intervals": "1e-6,1e-5,1e-4,1e-3,5e-3", "--slack": "default,1",
            "--jsonl": None, "--child": None}
    i = 1
    while i < len(argv):
        if argv[i] not in opts:
            sys.exit("unknown option %s; see the docstring" % argv[i])
        opts[argv[i]] = argv[i + 1]
        i += 2
    iters = int(opts["--iters"])
    ns = [int(x) for x in opts["--ns"].split(",")]
    intervals = opts["--intervals"].split(",")
    if not hasattr(sys, "setswitchinterval"):
        intervals = ["check"]
    if opts["--child"]:
        child(opts["--child"], iters, ns, intervals)
        return
    regimes = opts["--slack"].split(",")
    rows = []
    out = open(opts["--jsonl"], "w") if opts["--jsonl"] else None
    for rep in range(int(opts["--repeat"])):
        for regime in regimes:
            cmd = [sys.executable, os.path.abspath(__file__), "--child", regime,
                   "--iters", str(iters), "--ns", opts["--ns"],
                   "--intervals", ",".join(intervals)]
            text = subprocess.check_output(cmd).decode()
            for line in text.splitlines():
                r = json.loads(line)
                r["repeat"] = rep
                rows.append(r)
                if out:
                    out.write(json.dumps(r) + "\n")
    if out:
        out.close()
    print("python %s, %d iterations per thread, %s repeats; load average %s"
          % (sys.version.split()[0], iters, opts["--repeat"],
             " ".join("%.1f" % x for x in os.getloadavg())))
    print("%-8s %-9s %3s  %-22s %s" % ("slack", "interval", "N",
                                       "threaded/sequential", "median threaded s"))
    for regime in regimes:
        for iv in intervals:
            for n in ns:
                sel = [r for r in rows if r["slack_regime"] == regime
                       and r["interval"] == iv and r["n"] == n]
                rs = [r["ratio"] for r in sel]
                print("%-8s %-9s %3d  %5.2f [%5.2f, %5.2f]   %.4f"
                      % (regime, iv, n, median(rs), min(rs), max(rs),
                         median([r["threaded_s"] for r in sel])))


if __name__ == "__main__":
    main(sys.argv)
