"""Lone worker loop speed: a forked child, a spawned child, a thread and the
main thread, interleaved, 12 rounds; each reports its own loop ns/iter."""
import json, multiprocessing as mp, os, sys, threading, time
L = 2000000
def loop(q=None):
    t = time.perf_counter(); total = 0
    for i in range(L):
        total += i
    ns = (time.perf_counter() - t) / L * 1e9
    if q is not None:
        q.put(ns)
    return ns
def in_thread():
    box = []
    th = threading.Thread(target=lambda: box.append(loop())); th.start(); th.join()
    return box[0]
def in_proc(ctx):
    q = ctx.Queue(); p = ctx.Process(target=loop, args=(q,)); p.start(); ns = q.get(); p.join()
    return ns
if __name__ == "__main__":
    out = open(sys.argv[1], "w")
    fork, spawn = mp.get_context("fork"), mp.get_context("spawn")
    for r in range(12):
        rec = {"round": r, "main": loop(), "thread": in_thread(),
               "fork": in_proc(fork), "spawn": in_proc(spawn), "cpu_of_main": os.sched_getaffinity(0).__len__()}
        out.write(json.dumps(rec) + "\n"); out.flush()
