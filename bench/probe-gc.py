"""probe-gc.py: measures gc.per_object, a full collection's time per tracked object.

Run it with each interpreter you model (python3.13, python3.13t, ...):

    python3 bench/probe-gc.py [OBJECTS]

It keeps OBJECTS (default 1e6) small container objects alive (lists in a
list, like a loaded data set), times gc.collect() several times, and prints
the median time per tracked object, the value of the host property
gc.per_object (docs/language.md, Garbage collections).  Run it on a quiet
machine: other load inflates the figure.
"""
import gc
import statistics
import sys
import time


def main():
    n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 10**6
    gc.collect()
    data = [[i] for i in range(n)]   # lists stay tracked (dicts of
    #                                    atomic values are untracked)
    tracked = len(gc.get_objects())
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        gc.collect()
        times.append(time.perf_counter() - t0)
    per = statistics.median(times) / tracked
    free = not getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"{sys.version.split()[0]}{'t' if free else ''}: {tracked} tracked "
          f"objects, gc.collect() median {statistics.median(times) * 1e3:.1f} ms")
    print(f'<prop id="gc.per_object" value="{per * 1e9:.1f}ns"/>')
    del data


if __name__ == "__main__":
    main()
