#!/usr/bin/env python3
"""fork-first.py: a lone fork against a row of forks (process.fork.first).

The parent's CPU time (time.thread_time: user and system) for each fork of
a row of N, as the median over REPS rows, in microseconds: with
multiprocessing's Process.start() (the fork start method), with a bare
os.fork() whose child leaves at once, and with Process.start() 5 ms apart.
Each row comes after the parent wrote one byte in every page of a buffer
of D MiB (0, 8 and 64): a fork write-protects every page the parent wrote
since its last fork (copy-on-write), so the first fork of a row pays for
them and the next find them protected already; every fork copies the page
tables of all the parent's memory.

usage: python3 bench/fork-first.py [REPS [N]]   (Linux; defaults 30, 8)
"""
import multiprocessing as mp
import os
import statistics as st
import sys
import time


def empty():
    pass


def dirty(buf):
    if buf is not None:
        for i in range(0, len(buf), 4096):
            buf[i] = 1


def row(ctx, n, buf, gap=0.0):
    ps = [ctx.Process(target=empty) for _ in range(n)]
    dirty(buf)
    out = []
    for p in ps:
        a = time.thread_time()
        p.start()
        out.append(time.thread_time() - a)
        if gap:
            time.sleep(gap)
    for p in ps:
        p.join()
    return out


def raw_row(n, buf):
    dirty(buf)
    out, pids = [], []
    for _ in range(n):
        a = time.thread_time()
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        out.append(time.thread_time() - a)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    return out


def medians(rows):
    return [round(st.median(r[k] for r in rows) * 1e6) for k in range(len(rows[0]))]


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    ctx = mp.get_context("fork")
    print("%s, %d rows of %d; the parent's CPU per fork, us" % (sys.version.split()[0], reps, n))
    for d in (0, 8, 64):
        buf = bytearray(d << 20) if d else None
        a, b, c = [], [], []
        for _ in range(reps):
            a.append(row(ctx, n, buf))
            time.sleep(0.01)
            b.append(raw_row(n, buf))
            time.sleep(0.01)
            c.append(row(ctx, 4, buf, gap=0.005))
            time.sleep(0.01)
        print("D = %2d MiB  Process.start():  %s" % (d, medians(a)))
        print("            os.fork():        %s" % medians(b))
        print("            starts 5 ms apart: %s" % medians(c))


if __name__ == "__main__":
    main()
