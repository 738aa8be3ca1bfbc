"""What an iteration of `total += i` costs while total fits one 30-bit
digit (a "compact" int, which CPython adds on a fast path), against one on
a big total: why measure.py's instrumented cpu_threads_switch rows run
faster than their plain twins (docs/validate.md).

    python3 bench/probe-compact.py [--iters 2000000] [--chunk 1000] [--repeat 21]

Times, in the thread's CPU time (not wall: robust to a loaded machine),
the loop of measure.py's cpu_threads (`total = 0; for i in range(L):
total += i`, whose total passes 2**30 after 46341 iterations) and its
instrumented twin cut into chunks that each start again from total = 0
(cpu_threads_switch instrumented, without the time stamps), one after
the other, REPEAT times.  Prints the median ns an iteration of both and
the median and range of their ratio per pair: chunked over plain.  The
plain loop's first 46342 iterations are compact too; the ratio is
corrected for them, so it is an iteration on compact ints against one on
big ints.  Standard library only.
"""
import argparse
import sys
import time

COMPACT = 46342


def median(xs):
    """The median (no statistics module before 3.4)."""
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--iters", type=int, default=2000000)
    ap.add_argument("--chunk", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=21)
    opts = ap.parse_args()
    L, chunk, repeat = opts.iters, opts.chunk, opts.repeat

    def plain():
        total = 0
        for i in range(L):
            total += i

    def chunked():
        for _ in range(L // chunk):
            total = 0
            for i in range(chunk):
                total += i

    # CPU time: the thread's (3.7+), else the process's (3.3+), else
    # time.clock (2.7, CPU time on Linux)
    clock = getattr(time, "thread_time", None) or \
        getattr(time, "process_time", None) or time.clock

    def cpu(fn):
        c = clock()
        fn()
        return clock() - c

    p, c, ratios = [], [], []
    for _ in range(repeat):
        tp, tc = cpu(plain), cpu(chunked)
        # plain = (L - COMPACT) big + COMPACT compact iterations; chunked all compact
        per_compact = tc / L
        per_big = (tp - COMPACT * per_compact) / (L - COMPACT)
        p.append(tp)
        c.append(tc)
        ratios.append(per_compact / per_big)
    print("%s: plain %.1f ns/iter, chunked %.1f ns/iter; compact / big %.3f "
          "(range %.3f to %.3f, %d pairs)"
          % (sys.version.split()[0], median(p) / L * 1e9,
             median(c) / L * 1e9, median(ratios),
             min(ratios), max(ratios), repeat))


if __name__ == "__main__":
    main()
