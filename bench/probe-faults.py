"""Whether a fresh array's page faults run before its writes or beside
them (gilsim's memory.alloc_cost): one thread fills MIB MiB three ways,
REPEAT times, and prints the medians (ms, the thread's wall and CPU time):

  faults   a fresh anonymous mapping, every page faulted in without a
           write of ours (madvise MADV_POPULATE_WRITE, Linux 5.14+)
  writes   memset of the same mapping again: its pages are there
  fresh    memset of a fresh mapping: faults and writes

If the faults overlapped the writes, fresh would take about the longer of
the two; run one after the other, it takes their sum (or more: a fault
taken at a first touch traps once per page, the populate call does not).
The ratios are on the thread's CPU time, which a loaded machine does not
stretch.  --huge asks for
transparent huge pages (MADV_HUGEPAGE), as NumPy does for big arrays.
--threads N runs N such threads at once (ctypes' memset and madvise
release the GIL), to see the faults' cost grow when threads share them.

    python3 bench/probe-faults.py [--mib 80] [--repeat 15] [--huge] [--threads N]

Standard library only (ctypes, mmap).
"""
import ctypes
import mmap
import statistics
import sys
import threading
import time

MADV_HUGEPAGE = 14
MADV_POPULATE_WRITE = 23


def arg(name, default):
    a = sys.argv
    return type(default)(a[a.index(name) + 1]) if name in a else default


def main():
    mib = arg("--mib", 80)
    repeat = arg("--repeat", 15)
    nthreads = arg("--threads", 1)
    huge = "--huge" in sys.argv
    n = mib << 20
    libc = ctypes.CDLL(None, use_errno=True)
    libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
    libc.memset.restype = ctypes.c_void_p

    def fresh_map():
        m = mmap.mmap(-1, n)
        addr = ctypes.addressof(ctypes.c_char.from_buffer(m))
        if huge:
            libc.madvise(addr, n, MADV_HUGEPAGE)
        return m, addr

    def timed(fn):
        w, c = time.perf_counter(), time.thread_time()
        fn()
        return (time.perf_counter() - w) * 1e3, (time.thread_time() - c) * 1e3

    results = [dict(faults=[], writes=[], fresh=[]) for _ in range(nthreads)]
    barrier = threading.Barrier(nthreads)

    def body(k):
        r = results[k]
        for _ in range(repeat):
            barrier.wait()
            m, addr = fresh_map()
            t = timed(lambda: libc.madvise(addr, n, MADV_POPULATE_WRITE))
            if t[0] < 0.05:
                sys.exit("MADV_POPULATE_WRITE failed (Linux 5.14 or later needed)")
            r["faults"].append(t)
            r["writes"].append(timed(lambda: libc.memset(addr, 1, n)))
            del addr
            m.close()
            barrier.wait()
            m, addr = fresh_map()
            r["fresh"].append(timed(lambda: libc.memset(addr, 1, n)))
            del addr
            m.close()

    ths = [threading.Thread(target=body, args=(k,)) for k in range(nthreads)]
    for t in ths:
        t.start()
    for t in ths:
        t.join()
    print("%d MiB, %d thread(s), %s pages, %d runs: median ms (wall / cpu)"
          % (mib, nthreads, "huge" if huge else "4 KiB", repeat))
    for what in ("faults", "writes", "fresh"):
        ws = [w for r in results for w, _ in r[what]]
        cs = [c for r in results for _, c in r[what]]
        print("  %-7s %7.2f / %7.2f" % (what, statistics.median(ws), statistics.median(cs)))
    # on the thread's CPU time: a loaded machine stretches the wall time
    f = statistics.median(c for r in results for _, c in r["faults"])
    w = statistics.median(c for r in results for _, c in r["writes"])
    fr = statistics.median(c for r in results for _, c in r["fresh"])
    print("  cpu: fresh / (faults + writes) = %.2f, fresh / max = %.2f"
          % (fr / (f + w), fr / max(f, w)))


if __name__ == "__main__":
    main()
