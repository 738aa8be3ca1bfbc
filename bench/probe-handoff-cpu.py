"""What running GIL-bound threads on two vCPUs costs against one (issue 15,
#13's one-core what-if): CPU time or wall time, per hand-off or per second?
Four measurements, each free against pinned to vCPU 0 (as `taskset -c 0`):

--program FILE   a Python program, ROUNDS runs free and ROUNDS pinned,
                 interleaved: wall time, CPU time (user and system, from
                 the children's rusage), context switches.
--separate       the same with the seed's cpu_threads shape: THREADS
                 threads of LOOPS iterations of `total += i` at switch
                 interval SI (1 thread: no hand-off, the control).
--duty D         no GIL: one thread on vCPU 0 runs D seconds of the loop
                 then sleeps D seconds (its vCPU idle, free to halt),
                 against the loop run continuously, in alternating phases:
                 the CPU an iteration takes in each.
(default)        in-process: THREADS threads count for the whole probe; a
                 controller process (on the last vCPU) moves them every
                 PHASE seconds between the MODES (pinned: vCPU 0; free:
                 every vCPU; spread: thread k on vCPU k mod the vCPUs), and
                 reads over each phase the loop's progress (a shared
                 counter every 10,000 iterations), the threads' CPU clocks,
                 run-queue delay, switches and migrations
                 (/proc/PID/task/TID/sched, schedstat).  Adjacent phases
                 meet the same machine (the vCPUs' slow spells last tenths
                 of a second), so each free phase is divided by the pinned
                 phases beside it: wall/it, cpu/it (above 1: the hand-offs
                 between vCPUs cost CPU), and the extra CPU and wall per
                 hand-off (the phase's CPU over SI).

    python3 bench/probe-handoff-cpu.py [--threads N] [--si SECONDS]
        [--loops L] [--phase SECONDS] [--rounds R] [--modes M,M]
        [--busy] [--verbose] [--program FILE | --separate | --duty D]

--busy adds a process that spins on the last vCPU (a busy neighbour: the
second vCPU never halts).  A loaded machine keeps every vCPU busy, which
is the --busy case whatever the flag: run it quiet (bench/onecore-quiet.sh
runs the set).  Linux only.
"""
import argparse
import mmap
import os
import statistics
import struct
import sys
import threading
import time

CHUNK = 10_000
SLOTS = 64


def read_task(pid, tid):
    st = {}
    try:
        with open("/proc/%d/task/%d/schedstat" % (pid, tid)) as f:
            run, delay, _ = f.read().split()
        st["run"] = int(run) / 1e9
        st["delay"] = int(delay) / 1e9
        with open("/proc/%d/task/%d/sched" % (pid, tid)) as f:
            for line in f:
                k, _, v = line.partition(":")
                k = k.strip()
                if k in ("se.nr_migrations", "nr_voluntary_switches",
                         "nr_involuntary_switches"):
                    st[k] = int(v)
    except (OSError, ValueError):
        pass
    return st


def snapshot(pid, tids, mm, n):
    progress = sum(struct.unpack_from("q", mm, 8 * k)[0] for k in range(n))
    tasks = [read_task(pid, t) for t in tids]
    out = {"wall": time.perf_counter(), "it": progress * CHUNK}
    for key in ("run", "delay", "se.nr_migrations", "nr_voluntary_switches",
                "nr_involuntary_switches"):
        out[key] = sum(t.get(key, 0) for t in tasks)
    return out


def controller(args, pid, mm, ncpu):
    last = ncpu - 1
    os.sched_setaffinity(0, {last})
    while struct.unpack_from("q", mm, 8 * (SLOTS - 1))[0] != args.threads:
        time.sleep(0.01)
    tids = [struct.unpack_from("q", mm, 8 * (SLOTS // 2 + k))[0]
            for k in range(args.threads)]
    every = set(range(ncpu))
    modes = args.modes.split(",")
    phases = []
    for r in range(args.rounds):
        order = modes if r % 2 == 0 else modes[::-1]
        for mode in order:
            for k, t in enumerate(tids):
                cpus = {"pinned": {0}, "free": every,
                        "spread": {k % ncpu}}[mode]
                try:
                    os.sched_setaffinity(t, cpus)
                except OSError:
                    pass
            time.sleep(args.settle)
            a = snapshot(pid, tids, mm, args.threads)
            time.sleep(args.phase)
            b = snapshot(pid, tids, mm, args.threads)
            d = {k: b[k] - a[k] for k in a}
            d["mode"] = mode
            phases.append(d)
            if args.verbose:
                print("%-6s %5.3f s  %6.1f ns/it wall  %6.1f ns/it cpu  "
                      "delay %5.3f  vol %4d  inv %4d  mig %3d" % (
                          mode, d["wall"], d["wall"] / d["it"] * 1e9,
                          d["run"] / d["it"] * 1e9, d["delay"],
                          d["nr_voluntary_switches"],
                          d["nr_involuntary_switches"],
                          d["se.nr_migrations"]), file=sys.stderr)
    struct.pack_into("q", mm, 8 * (SLOTS - 2), 1)
    return phases


def report(args, phases):
    def med(xs):
        return statistics.median(xs) if xs else float("nan")

    modes = []
    for p in phases:
        if p["mode"] not in modes:
            modes.append(p["mode"])
    for mode in modes:
        ps = [p for p in phases if p["mode"] == mode]
        print("%-6s wall %.1f ns/it, cpu %.1f ns/it (median of %d phases), "
              "cpu/wall %.2f, run-queue delay %.0f %%, migrations %.0f/s, "
              "voluntary switches %.0f/s" % (
                  mode, med([p["wall"] / p["it"] * 1e9 for p in ps]),
                  med([p["run"] / p["it"] * 1e9 for p in ps]), len(ps),
                  med([p["run"] / p["wall"] for p in ps]),
                  med([p["delay"] / p["wall"] * 100 for p in ps]),
                  med([p["se.nr_migrations"] / p["wall"] for p in ps]),
                  med([p["nr_voluntary_switches"] / p["wall"] for p in ps])))
    for mode in modes:
        if mode == "pinned":
            continue
        rw, rc, xc, xw = [], [], [], []
        for k, p in enumerate(phases):
            if p["mode"] != mode:
                continue
            near = [q for q in phases[max(0, k - 2):k + 3]
                    if q["mode"] == "pinned"]
            if not near:
                continue
            pw = statistics.mean(q["wall"] / q["it"] for q in near)
            pc = statistics.mean(q["run"] / q["it"] for q in near)
            fw, fc = p["wall"] / p["it"], p["run"] / p["it"]
            rw.append(fw / pw)
            rc.append(fc / pc)
            handoffs = p["run"] / args.si
            xc.append((fc - pc) * p["it"] / handoffs)
            xw.append((fw - pw) * p["it"] / handoffs)
        q = statistics.quantiles(rc, n=4) if len(rc) > 1 else [0] * 3
        print("%s/pinned (%d threads, si %g ms): wall/it %.3f, cpu/it %.3f "
              "(quartiles %.3f-%.3f); per hand-off: cpu %+.1f us, wall "
              "%+.1f us" % (mode, args.threads, args.si * 1e3, med(rw),
                            med(rc), q[0], q[2], med(xc) * 1e6,
                            med(xw) * 1e6))


def duty(args):
    """One thread on vCPU 0, no GIL contention: phases of continuous loop
    against phases of DUTY seconds of loop then DUTY seconds of sleep (its
    vCPU idle, free to halt).  The CPU an iteration takes in each."""
    os.sched_setaffinity(0, {0})
    rows = {"continuous": [], "duty": []}

    def chunk():
        total = 1 << 40
        for i in range(CHUNK):
            total += i

    for r in range(args.rounds):
        order = ("continuous", "duty") if r % 2 == 0 else ("duty", "continuous")
        for mode in order:
            it, cpu = 0, 0.0
            end = time.perf_counter() + args.phase
            while time.perf_counter() < end:
                c0 = time.thread_time()
                stop = c0 + (args.duty if mode == "duty" else args.phase)
                while time.thread_time() < stop:
                    chunk()
                    it += CHUNK
                    if mode == "continuous" and time.perf_counter() >= end:
                        break
                cpu += time.thread_time() - c0
                if mode == "duty":
                    time.sleep(args.duty)
            rows[mode].append(cpu / it * 1e9)
            if args.verbose:
                print("%-10s %.1f ns/it" % (mode, cpu / it * 1e9), file=sys.stderr)
    c, d = rows["continuous"], rows["duty"]
    ratios = [d[k] / c[k] for k in range(len(c))]
    print("one thread on vCPU 0: continuous %.1f ns/it, %g ms on / %g ms "
          "asleep %.1f ns/it (medians of %d phases); duty/continuous %.3f "
          "(range %.3f-%.3f)" % (
              statistics.median(c), args.duty * 1e3, args.duty * 1e3,
              statistics.median(d), len(c), statistics.median(ratios),
              min(ratios), max(ratios)))


SEED_SHAPE = """
import sys, threading
sys.setswitchinterval(%(si)r)
def worker():
    total = 0
    for i in range(%(loops)d):
        total += i
threads = [threading.Thread(target=worker) for _ in range(%(threads)d)]
for t in threads:
    t.start()
for t in threads:
    t.join()
"""


def program(args):
    """Run a program free and pinned to vCPU 0, interleaved: PROGRAM (a
    Python file), or with --separate the seed's cpu_threads with THREADS
    threads of LOOPS iterations at switch interval SI.  Its wall time, its
    CPU time (user and system, children's usage) and its context
    switches."""
    import resource
    import subprocess
    rows = {"free": [], "pinned": []}
    for r in range(args.rounds):
        order = ("free", "pinned") if r % 2 == 0 else ("pinned", "free")
        for mode in order:
            pin = (lambda: os.sched_setaffinity(0, {0})) if mode == "pinned" else None
            u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            w0 = time.perf_counter()
            cmd = [sys.executable, args.program] if args.program else [
                sys.executable, "-c", SEED_SHAPE % vars(args)]
            subprocess.run(cmd, preexec_fn=pin,
                           stdout=subprocess.DEVNULL, check=True)
            wall = time.perf_counter() - w0
            u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            row = (wall, u1.ru_utime - u0.ru_utime + u1.ru_stime - u0.ru_stime,
                   u1.ru_nvcsw - u0.ru_nvcsw, u1.ru_nivcsw - u0.ru_nivcsw)
            rows[mode].append(row)
            if args.verbose:
                print("%-6s wall %.3f s  cpu %.3f s  vol %d  inv %d" % ((mode,) + row),
                      file=sys.stderr)
    med = {m: [statistics.median(x[k] for x in rows[m]) for k in range(4)]
           for m in rows}
    name = os.path.basename(args.program) if args.program else (
        "%d threads x %d, si %g ms" % (args.threads, args.loops, args.si * 1e3))
    for m in ("pinned", "free"):
        v = med[m]
        print("%s %-6s wall %.3f s (%.3f-%.3f), cpu %.3f s (%.3f-%.3f), "
              "voluntary switches %d, involuntary %d" % (
                  name, m, v[0],
                  min(x[0] for x in rows[m]), max(x[0] for x in rows[m]), v[1],
                  min(x[1] for x in rows[m]), max(x[1] for x in rows[m]),
                  v[2], v[3]))
    print("%s free/pinned: wall %.3f, cpu %.3f (medians of %d runs)" % (
        name, med["free"][0] / med["pinned"][0],
        med["free"][1] / med["pinned"][1], args.rounds))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=3)
    ap.add_argument("--si", type=float, default=0.005)
    ap.add_argument("--phase", type=float, default=0.2)
    ap.add_argument("--settle", type=float, default=0.02)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--modes", default="pinned,free",
                    help="pinned (vCPU 0), free (every vCPU), spread "
                    "(thread k on vCPU k mod the vCPUs)")
    ap.add_argument("--busy", action="store_true")
    ap.add_argument("--duty", type=float, default=0,
                    help="instead: one thread, DUTY s of loop then DUTY s "
                    "asleep, against a continuous loop")
    ap.add_argument("--program", help="instead: run this Python program "
                    "free and pinned, ROUNDS times each")
    ap.add_argument("--separate", action="store_true",
                    help="instead: the seed's cpu_threads shape as its own "
                    "program, free and pinned, ROUNDS times each")
    ap.add_argument("--loops", type=int, default=10**7)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if args.program or args.separate:
        program(args)
        return
    if args.duty:
        duty(args)
        return
    ncpu = os.cpu_count()
    mm = mmap.mmap(-1, 8 * SLOTS)
    pid = os.getpid()
    busy = None
    if args.busy:
        busy = os.fork()
        if busy == 0:
            os.sched_setaffinity(0, {ncpu - 1})
            while True:
                pass
    child = os.fork()
    if child == 0:
        phases = controller(args, pid, mm, ncpu)
        report(args, phases)
        sys.stdout.flush()
        os._exit(0)
    sys.setswitchinterval(args.si)
    lock = threading.Lock()

    def worker(k):
        struct.pack_into("q", mm, 8 * (SLOTS // 2 + k), threading.get_native_id())
        with lock:
            struct.pack_into("q", mm, 8 * (SLOTS - 1),
                             struct.unpack_from("q", mm, 8 * (SLOTS - 1))[0] + 1)
        n = 0
        while not struct.unpack_from("q", mm, 8 * (SLOTS - 2))[0]:
            total = 1 << 40  # a sum of two digits, as the seed's grows to
            for i in range(CHUNK):
                total += i
            n += 1
            struct.pack_into("q", mm, 8 * k, n)

    threads = [threading.Thread(target=worker, args=(k,))
               for k in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    os.waitpid(child, 0)
    if busy:
        os.kill(busy, 9)
        os.waitpid(busy, 0)


if __name__ == "__main__":
    main()
