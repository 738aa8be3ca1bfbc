"""Mechanism probes on the 16-core machine (gilsim session 2026-11-27).
Each section prints one JSON line."""
import json, os, sys, threading, time
import numpy as np
OUT = sys.argv[1]
f = open(OUT, "w")
def emit(**kw):
    f.write(json.dumps(kw) + "\n"); f.flush(); print(json.dumps(kw)[:300], flush=True)
pc = time.perf_counter
def cpu_loop(L):
    total = 0
    for i in range(L):
        total += i
    return total
L = 2_000_000
# 1. per-CPU speed of the loop in the main thread (pinned), twice around
allcpu = os.sched_getaffinity(0)
for rnd in range(2):
    sp = {}
    for c in sorted(allcpu):
        os.sched_setaffinity(0, {c})
        t = pc(); cpu_loop(500_000); sp[c] = (pc() - t) / 500_000 * 1e9
    emit(sec="percpu_main_ns", round=rnd, ns=sp)
os.sched_setaffinity(0, allcpu)
# 2. main vs thread alternating
res = []
for r in range(8):
    t = pc(); cpu_loop(L); a = pc() - t
    t = pc(); th = threading.Thread(target=cpu_loop, args=(L,)); th.start(); th.join(); b = pc() - t
    res.append((a / L * 1e9, b / L * 1e9))
emit(sec="main_vs_thread_ns", pairs=res)
# 2b. thread pinned to the main thread's cpu vs other cpu
def pinned(c, out):
    os.sched_setaffinity(0, {c}); t = pc(); cpu_loop(L); out.append((pc() - t) / L * 1e9)
res = {}
for c in [c for c in (0, 1, 7, 15) if c in allcpu]:
    out = []
    th = threading.Thread(target=pinned, args=(c, out)); th.start(); th.join(); res[c] = out[0]
emit(sec="thread_pinned_ns", ns=res)
# 3. cpu_threads N with per-thread progress stamps
def stamped(L, chunk, st):
    for _ in range(L // chunk):
        cpu_loop(chunk); st.append(pc())
for n in [1, 2, 4, 16]:
    sts = [[] for _ in range(n)]
    ths = [threading.Thread(target=stamped, args=(L, 100_000, sts[i])) for i in range(n)]
    t0 = pc()
    for t in ths: t.start()
    for t in ths: t.join()
    w = pc() - t0
    emit(sec="cpu_threads_stamped", n=n, wall=w, ns_per_iter=w / (n * L) * 1e9)
# 4. mixed convoy (sleep 1ms x200, si 5ms): cpu thread progress during/after io
for si in [0.005, 0.001]:
    sys.setswitchinterval(si)
    for rep in range(2):
        cst, io_t = [], []
        def cpu_w():
            for _ in range(40): cpu_loop(1_000_000); cst.append(pc())
        def io_w():
            for _ in range(200): time.sleep(0.001)
            io_t.append(pc())
        t0 = pc()
        a = threading.Thread(target=cpu_w); b = threading.Thread(target=io_w)
        a.start(); b.start(); a.join(); b.join()
        emit(sec="convoy_sleep", si=si, rep=rep, io_done=io_t[0] - t0, cpu_done=cst[-1] - t0,
             chunks_before_io_done=sum(1 for x in cst if x < io_t[0]), stamps=[round(x - t0, 4) for x in cst])
    sys.setswitchinterval(0.005)
# 4b. same, both threads pinned to one cpu
sys.setswitchinterval(0.005)
cst, io_t = [], []
def cpu_w2():
    os.sched_setaffinity(0, {max(allcpu)})
    for _ in range(40): cpu_loop(1_000_000); cst.append(pc())
def io_w2():
    os.sched_setaffinity(0, {max(allcpu)})
    for _ in range(200): time.sleep(0.001)
    io_t.append(pc())
t0 = pc(); a = threading.Thread(target=cpu_w2); b = threading.Thread(target=io_w2)
a.start(); b.start(); a.join(); b.join()
emit(sec="convoy_sleep_onecpu", io_done=io_t[0] - t0, cpu_done=cst[-1] - t0, chunks_before_io_done=sum(1 for x in cst if x < io_t[0]))
os.sched_setaffinity(0, allcpu)
# 5. numpy rng per thread: alloc vs out=, and sum, per-thread phase times
M = 10_000_000
for n in [1, 2, 4, 16]:
    for mode in ["alloc", "out"]:
        ph = [None] * n
        bufs = [np.empty(M) for _ in range(n)] if mode == "out" else None
        if bufs:
            for b_ in bufs: b_.fill(0)
        def w(i):
            rng = np.random.default_rng(i)
            t = pc()
            a = rng.random(M, out=bufs[i]) if bufs else rng.random(M)
            t1 = pc(); s = a.sum(); t2 = pc()
            ph[i] = (t1 - t, t2 - t1)
        ths = [threading.Thread(target=w, args=(i,)) for i in range(n)]
        t0 = pc()
        for t in ths: t.start()
        for t in ths: t.join()
        wall = pc() - t0
        emit(sec="rng_per_thread", n=n, mode=mode, wall=wall,
             rng_ms=sorted(round(p[0] * 1e3, 1) for p in ph), sum_ms=sorted(round(p[1] * 1e3, 1) for p in ph))
# 6. rand+sum (global RandomState lock): per-thread rand time
for n in [1, 4, 16]:
    ph = [None] * n
    def w(i):
        t = pc(); a = np.random.rand(M); t1 = pc(); a.sum(); t2 = pc(); ph[i] = (t, t1, t2)
    ths = [threading.Thread(target=w, args=(i,)) for i in range(n)]
    t0 = pc()
    for t in ths: t.start()
    for t in ths: t.join()
    wall = pc() - t0
    ends = sorted(p[1] for p in ph)
    gaps = [round((ends[k] - ends[k - 1]) * 1e3, 1) for k in range(1, n)]
    emit(sec="rand_sum", n=n, wall=wall, rand_end_gaps_ms=gaps, first_rand_ms=round((ends[0] - t0) * 1e3, 1),
         sum_ms=sorted(round((p[2] - p[1]) * 1e3, 1) for p in ph))
# 6b. rand in a single thread 16 times in a row (memory reuse) vs fresh
t = pc()
for _ in range(16): a = np.random.rand(M); a.sum()
emit(sec="rand_sum_serial16", wall=pc() - t)
# 7. many processes loop: per-process loop time (fork)
import multiprocessing as mp
def child(q, i):
    t = pc(); cpu_loop(L); q.put((i, (pc() - t) / L * 1e9))
ctx = mp.get_context("fork")
for n in [1, 4, 16]:
    q = ctx.Queue(); ps = [ctx.Process(target=child, args=(q, i)) for i in range(n)]
    t0 = pc()
    for p in ps: p.start()
    r = sorted(round(q.get()[1], 1) for _ in range(n))
    for p in ps: p.join()
    emit(sec="fork_loop_ns", n=n, wall=pc() - t0, ns=r)
f.close()
