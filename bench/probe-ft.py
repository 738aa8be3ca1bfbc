"""probe-ft.py: one thread's costs in a free-threaded build against its GIL build.

Run it with both builds of one version, on the same machine, in turn:

    python3.13  bench/probe-ft.py [ROUNDS]
    python3.13t bench/probe-ft.py [ROUNDS]

and divide the free-threaded build's figures by the GIL build's: the loop's
ratio is the runtime's single_thread_factor (models/runtime.c: 1.40 for
3.13t), the collection's the ratio of their gc.per_object.  Each figure is
the median over ROUNDS (default 9) of the thread's CPU time
(time.thread_time), so that other programs on a loaded machine inflate it
less than the wall clock would; a quiet machine is still better.

Prints one JSON object: the build, the seed's loop `for i in range(L):
total += i` in ns an iteration, a call of a module-level function and of a
bound method in ns a call (one thread: no other thread writes their
reference counts), and a full gc.collect() in ns per tracked object with
1e6 small lists alive.  It needs only the interpreter's built-in modules.
"""
import gc
import json
import sys
import time


def loop_ns(n):
    total = 0
    t0 = time.thread_time()
    for i in range(n):
        total += i
    return (time.thread_time() - t0) / n * 1e9


def get(i):
    return i


class Cache:
    def get(self, i):
        return i


def calls_ns(runner, n):
    t0 = time.thread_time()
    for i in range(n):
        runner(i)
    return (time.thread_time() - t0) / n * 1e9


def gc_ns(objects):
    gc.collect()
    data = [[i] for i in range(objects)]
    tracked = len(gc.get_objects())
    t0 = time.thread_time()
    gc.collect()
    per = (time.thread_time() - t0) / tracked * 1e9
    del data
    return per


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    free = not getattr(sys, "_is_gil_enabled", lambda: True)()
    method = Cache().get
    figures = {"loop": [], "function_call": [], "method_call": [], "gc_per_object": []}
    for _ in range(rounds):
        figures["loop"].append(loop_ns(3 * 10**6))
        figures["function_call"].append(calls_ns(get, 10**6))
        figures["method_call"].append(calls_ns(method, 10**6))
        figures["gc_per_object"].append(gc_ns(10**6))
    out = {"python": sys.version.split()[0] + ("t" if free else ""),
           "rounds": rounds}
    for k, v in figures.items():
        out[k + "_ns"] = round(median(v), 2)
        out[k + "_range_ns"] = [round(min(v), 2), round(max(v), 2)]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
