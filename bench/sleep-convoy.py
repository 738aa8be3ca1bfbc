#!/usr/bin/env python3
"""sleep-convoy.py: mixed_convoy's sleep convoy on this machine: a cpu thread
alone, and beside an io thread that sleeps 1 ms 200 times, at switch intervals
of 5, 1 and 50 ms; medians of the cpu thread's wall and CPU time and the io
thread's wall and per-iteration time (docs/biased-families.md).
Nothing is asserted.

usage: bench/sleep-convoy.py [LOOP_ITERATIONS [REPEATS]]
"""
import sys, threading, time, statistics
L = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
K = 200
def cpu(out):
    t0 = time.perf_counter(); c0 = time.thread_time()
    total = 0
    for i in range(L):
        total += i
    out["cpu_wall"] = time.perf_counter() - t0; out["cpu_cpu"] = time.thread_time() - c0
def io(out):
    t0 = time.perf_counter(); its = []
    for _ in range(K):
        a = time.perf_counter(); time.sleep(0.001); its.append(time.perf_counter() - a)
    out["io_wall"] = time.perf_counter() - t0; out["io_med"] = statistics.median(its)
def run(si, with_io):
    sys.setswitchinterval(si); out = {}
    ts = [threading.Thread(target=cpu, args=(out,))]
    if with_io: ts.append(threading.Thread(target=io, args=(out,)))
    for t in ts: t.start()
    for t in ts: t.join()
    return out
res = {}
for rep in range(int(sys.argv[2]) if len(sys.argv) > 2 else 5):
    for name, si, w in (("alone", 0.005, False), ("sleep-si0.005", 0.005, True),
                        ("sleep-si0.001", 0.001, True), ("sleep-si0.05", 0.05, True)):
        o = run(si, w); res.setdefault(name, []).append(o)
for name, rs in res.items():
    f = lambda k: statistics.median(r[k] for r in rs) if k in rs[0] else float("nan")
    print(f"{name:15s} cpu wall {f('cpu_wall'):.3f} cpu cpu {f('cpu_cpu'):.3f} io wall {f('io_wall'):.3f} io iter {f('io_med')*1e3:.2f} ms  walls {[round(r['cpu_wall'],3) for r in rs]}")
