"""Measures a host's memory bus for gilsim's memory.bandwidth and
memory.alloc_bandwidth: how fast N threads together can read memory, and
fill fresh memory, for N = 1, 2, 4, ... up to the CPU count.

    python3 bench/probe-memory.py OUT.jsonl [--mib 80] [--repeat 5]

Needs NumPy (its calls release the GIL, so the threads run at once).  A
few seconds on 16 CPUs.  One JSON line per (what, N):

  read    each thread sums its own array of MIB MiB of float64 (np.sum,
          already in memory), REPEAT times: bytes read by all threads per
          second of the whole run.  memory.bandwidth is the rate of the
          most threads: what they share.
  fill    each thread allocates MIB MiB (np.empty), writes every byte
          (ndarray.fill) and frees it, REPEAT times: fresh pages faulted in
          and written, per second.  memory.alloc_bandwidth likewise.

Each line also has one thread's own rate (the first thread's time), so
that a reader sees where one thread stops being the limit.  These are
synthetic loads, not the workloads that gilsim validate compares with.
"""
import json
import os
import sys
import threading
import time

import numpy as np


def run(n, fn):
    barrier = threading.Barrier(n + 1)
    times = [0.0] * n

    def body(k):
        barrier.wait()
        t = time.perf_counter()
        fn(k)
        times[k] = time.perf_counter() - t

    ths = [threading.Thread(target=body, args=(k,)) for k in range(n)]
    for th in ths:
        th.start()
    barrier.wait()
    t = time.perf_counter()
    for th in ths:
        th.join()
    return time.perf_counter() - t, times


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    mib = int(args[args.index("--mib") + 1]) if "--mib" in args else 80
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 5
    out = open(args[0], "w")
    cpus = os.cpu_count() or 1
    ns = [n for n in (1, 2, 4, 8, 16, 32, 64) if n <= cpus]
    elems = mib * (1 << 20) // 8
    nbytes = elems * 8
    arrays = [np.ones(elems) for _ in range(max(ns))]

    def read(k):
        for _ in range(repeat):
            arrays[k].sum()

    def fill(k):
        for _ in range(repeat):
            a = np.empty(elems)
            a.fill(1.0)
            del a

    out.write(json.dumps({"section": "machine", "cpus": cpus, "numpy": np.__version__,
                          "python": sys.version, "bytes_per_thread": nbytes,
                          "repeat": repeat}) + "\n")
    for what, fn in (("read", read), ("fill", fill)):
        fn(0)  # warm up
        for n in ns:
            walls = []
            for _ in range(3):
                wall, times = run(n, fn)
                walls.append((wall, times))
            wall, times = sorted(walls)[1]  # the median of three
            rec = {"section": what, "threads": n, "wall_s": wall,
                   "bytes": n * nbytes * repeat,
                   "rate_Bps": n * nbytes * repeat / wall,
                   "one_thread_Bps": nbytes * repeat / times[0],
                   "thread_s": times}
            out.write(json.dumps(rec) + "\n")
            out.flush()
            print("%-5s N=%-3d %6.2f GB/s together, %5.2f GB/s the first thread"
                  % (what, n, rec["rate_Bps"] / 1e9, rec["one_thread_Bps"] / 1e9))


if __name__ == "__main__":
    main()
