# bench/probe-onecore.py: what happens to a GIL hand-off on one core (issue 13).
# One I/O thread releases the GIL for a short call (os.write of SIZE bytes to
# a temporary file) and then sleeps SLEEP seconds, ITER times, while CPU
# threads count in a Python loop.  For each call it notes whether a CPU
# thread ran during the call (its counter moved: the woken waiter took the
# released GIL before the writer came back) and how long the writer waited
# for the GIL after its call and after its sleep.  Run it as it is and
# pinned (taskset -c 0) and compare: the shares are robust to a loaded
# machine, the waits less so.
#   python3 bench/probe-onecore.py [ITER] [SIZE] [SLEEP] [NCPU] [write|hash]
import hashlib, os, sys, tempfile, threading, time, statistics

ITER = int(sys.argv[1]) if len(sys.argv) > 1 else 40
SIZE = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 20
SLEEP = float(sys.argv[3]) if len(sys.argv) > 3 else 0.005
NCPU = int(sys.argv[4]) if len(sys.argv) > 4 else 2
MODE = sys.argv[5] if len(sys.argv) > 5 else "write"   # or "hash": hashlib.sha256
count = [0]
stop = False


def spin():
    while not stop:
        count[0] += 1


chunk = b"x" * SIZE
stolen = 0
after_call, after_sleep = [], []
with tempfile.TemporaryDirectory() as tmp:
    fd = os.open(os.path.join(tmp, "f"), os.O_WRONLY | os.O_CREAT, 0o600)
    cpus = [threading.Thread(target=spin) for _ in range(NCPU)]
    for t in cpus:
        t.start()
    time.sleep(0.02)
    t_start = time.perf_counter()
    for k in range(ITER):
        c0 = count[0]
        os.lseek(fd, 0, 0)
        t0 = time.perf_counter()
        if MODE == "hash":
            hashlib.sha256(chunk)
        else:
            os.write(fd, chunk)  # releases the GIL; the return takes it back
        t1 = time.perf_counter()
        if count[0] != c0:
            stolen += 1
        after_call.append(t1 - t0)
        t0 = time.perf_counter()
        time.sleep(SLEEP)
        after_sleep.append(time.perf_counter() - t0 - SLEEP)
    total = time.perf_counter() - t_start
    stop = True
    for t in cpus:
        t.join()
    os.close(fd)
print("%s affinity %s: %d of %d calls lost the GIL to a CPU thread; "
      "call+GIL median %.2f ms; sleep overshoot median %.2f ms; %.2f ms/iteration"
      % (MODE, sorted(os.sched_getaffinity(0)), stolen, ITER,
         statistics.median(after_call) * 1e3, statistics.median(after_sleep) * 1e3,
         total / ITER * 1e3))
