#!/usr/bin/env python3
"""thread-start.py: a lone thread start against a row, and a join's tail
(thread.first; docs/biased-families.md, "io-alone-pipe").

Each trial first lets the machine idle IDLE seconds (its vCPUs halt on a
KVM guest), then
  lone-pipe:  starts one thread that reads a filled pipe 200 times, one
              byte each (measure.py's io-alone-pipe), and joins it;
  lone-sleep: the same thread sleeps 50 ms instead (the joiner's vCPU
              halts meanwhile);
  row N:      starts N threads that sleep 10 ms, back to back.
It prints, in microseconds, medians over REPS trials: how long start()
took, when the thread ran its first bytecode (both from before start()),
and the join's tail (from the thread's last bytecode to join()'s return);
for rows, the start loop and its cost per start.  Where a lone start
costs more than a start in a row, the difference is the new thread's
wait for a halted vCPU.

usage: python3 bench/thread-start.py [REPS [IDLE]]   (defaults 40, 0.02)
"""
import os
import statistics
import sys
import threading
import time

pc = time.perf_counter


def lone(mode):
    """(start() returned, the thread's first bytecode, the join's tail)"""
    res = {}
    rfd, wfd = os.pipe()
    os.write(wfd, b"x" * 200)

    def worker():
        res["c0"] = pc()
        if mode == "pipe":
            for _ in range(200):
                os.read(rfd, 1)
        else:
            time.sleep(0.05)
        res["c1"] = pc()

    t = threading.Thread(target=worker)
    t0 = pc()
    t.start()
    t1 = pc()
    t.join()
    t2 = pc()
    os.close(rfd)
    os.close(wfd)
    return t1 - t0, res["c0"] - t0, t2 - res["c1"]


def row(n):
    ths = [threading.Thread(target=time.sleep, args=(0.01,)) for _ in range(n)]
    t0 = pc()
    for t in ths:
        t.start()
    t1 = pc()
    for t in ths:
        t.join()
    return t1 - t0


def us(xs):
    return statistics.median(xs) * 1e6


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    idle = float(sys.argv[2]) if len(sys.argv) > 2 else 0.02
    print("CPython %s, %d trials each, %.3f s idle before each"
          % (sys.version.split()[0], reps, idle))
    for mode in ("pipe", "sleep"):
        runs = []
        for _ in range(reps):
            time.sleep(idle)
            runs.append(lone(mode))
        s, c, j = zip(*runs)
        print("lone-%-5s start() %7.1f  first bytecode %7.1f  join tail %7.1f"
              % (mode, us(s), us(c), us(j)))
    for n in (1, 2, 8):
        runs = []
        for _ in range(reps):
            time.sleep(idle)
            runs.append(row(n))
        print("row N=%-2d   start loop %8.1f  per start %7.1f"
              % (n, us(runs), us(runs) / n))


if __name__ == "__main__":
    main()
