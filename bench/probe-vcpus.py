"""Measures what gilsim's platform files cannot take from measure.py's
single-worker records: how the virtual CPUs share physical cores, which
work a busy neighbour slows, and a disk call's latency apart from the
disk's bandwidth.

    python3 bench/probe-vcpus.py OUT.jsonl [--disk-dir DIR] [--quick]

Linux only (sched_setaffinity, fork, posix_fadvise); the standard library,
and NumPy if it is there.  About 40 s on 16 vCPUs.  One JSON line per
section:

  solo     each vCPU in turn, one process pinned to it alone, for each
           kind of work: the loop of measure.py (ns an iteration),
           hashlib.sha256 and, with NumPy, Generator.random (ns a byte);
           twice, a second apart, since these speeds drift.
  pairs    two processes pinned to vCPUs a and b, both running the loop at
           once, for a = 0 and every b, and for every a with b = a + P/2:
           each one's time against its solo time.  Pairs that are SMT
           siblings on the host slow each other by 1.3 times or more;
           cpu.smt and cpu.smt_throughput describe that.
  kinds    the same pairs with sha256 and with Generator.random, for the
           pairs the loop found slowed: which work a busy sibling slows.
  disk     one process writing 64 MiB with os.write in 64 KiB, 1 MiB and
           4 MiB chunks, fsync, then reading it back cold: a call's fixed
           cost (disk.latency) apart from the bandwidth.
"""
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time

try:
    import numpy as np
except Exception:  # NumPy is optional
    np = None

MiB = 1 << 20
BUF = b"\xa5" * (8 * MiB)


def loop(n):
    total = 0
    for i in range(n):
        total += i
    return total


def work_loop(scale):
    n = int(400000 * scale)
    t = time.perf_counter()
    loop(n)
    return (time.perf_counter() - t) / n * 1e9


def work_sha(scale):
    n = max(1, int(4 * scale))
    t = time.perf_counter()
    for _ in range(n):
        hashlib.sha256(BUF).digest()
    return (time.perf_counter() - t) / (n * len(BUF)) * 1e9


def work_rng(scale):
    rng = np.random.default_rng(0)
    out = np.empty(MiB)
    n = max(1, int(12 * scale))
    t = time.perf_counter()
    for _ in range(n):
        rng.random(MiB, out=out)
    return (time.perf_counter() - t) / (n * 8 * MiB) * 1e9


KINDS = {"loop": work_loop, "sha256": work_sha}
if np is not None:
    KINDS["rng"] = work_rng


def pinned(cpu, kind, scale, wfd, start_at):
    """In a child: pin, wait for START_AT, run, write the result, exit."""
    os.sched_setaffinity(0, {cpu})
    KINDS[kind](0.05)  # warm up
    while time.perf_counter() < start_at:
        pass
    v = KINDS[kind](scale)
    os.write(wfd, ("%r\n" % v).encode())
    os._exit(0)


def run_together(cpus, kind, scale):
    """Runs KIND pinned on each of CPUS at once; returns their speeds."""
    r, w = os.pipe()
    start_at = time.perf_counter() + 0.05
    pids = []
    for c in cpus:
        pid = os.fork()
        if pid == 0:
            os.close(r)
            try:
                pinned(c, kind, scale, w, start_at)
            finally:
                os._exit(1)
        pids.append(pid)
    os.close(w)
    for pid in pids:
        os.waitpid(pid, 0)
    with os.fdopen(r) as f:
        vals = [float(x) for x in f.read().split()]
    return vals


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    out = open(args[0], "w")
    quick = "--quick" in args
    disk_dir = args[args.index("--disk-dir") + 1] if "--disk-dir" in args else None
    scale = 0.3 if quick else 1.0
    cpus = sorted(os.sched_getaffinity(0))

    def emit(**rec):
        out.write(json.dumps(rec) + "\n")
        out.flush()
        print(json.dumps(rec)[:300])

    emit(section="machine", cpus=cpus, python=sys.version,
         numpy=np.__version__ if np is not None else None, kinds=sorted(KINDS))
    rounds = {kind: {c: [] for c in cpus} for kind in KINDS}
    for rnd in range(2):
        for kind in KINDS:
            sp = {c: run_together([c], kind, scale)[0] for c in cpus}
            for c, v in sp.items():
                rounds[kind][c].append(v)
            emit(section="solo", round=rnd, kind=kind,
                 unit="ns/iter" if kind == "loop" else "ns/byte",
                 speed={str(c): v for c, v in sp.items()})
        time.sleep(1)
    solo = {kind: {c: statistics.mean(v) for c, v in per.items()}
            for kind, per in rounds.items()}
    half = len(cpus) // 2
    pairs = [(cpus[0], b) for b in cpus[1:]]
    pairs += [(cpus[i], cpus[i + half]) for i in range(1, half)] if half else []
    slowed = []
    for a, b in pairs:
        va, vb = run_together([a, b], "loop", scale)
        ra, rb = va / solo["loop"][a], vb / solo["loop"][b]
        emit(section="pairs", kind="loop", a=a, b=b, ns=[va, vb], vs_solo=[ra, rb])
        if min(ra, rb) >= 1.3:
            slowed.append((a, b))
    for kind in [k for k in KINDS if k != "loop"]:
        for a, b in (slowed or pairs[:2]):
            va, vb = run_together([a, b], kind, scale)
            emit(section="kinds", kind=kind, a=a, b=b, ns=[va, vb],
                 vs_solo=[va / solo[kind][a], vb / solo[kind][b]])
    d = tempfile.mkdtemp(prefix="gilsim-probe-", dir=disk_dir)
    path = os.path.join(d, "f")
    size = (16 if quick else 64) * MiB
    try:
        for chunk in (64 * 1024, MiB, 4 * MiB):
            buf = os.urandom(chunk)
            ws, rs = [], []
            for _ in range(3):
                t = time.perf_counter()
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                n = 0
                while n < size:
                    n += os.write(fd, buf)
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                os.close(fd)
                ws.append(time.perf_counter() - t)
                t = time.perf_counter()
                fd = os.open(path, os.O_RDONLY)
                while os.read(fd, chunk):
                    pass
                os.close(fd)
                rs.append(time.perf_counter() - t)
            emit(section="disk", bytes=size, chunk=chunk, write_fsync_s=ws, read_s=rs,
                 write_median_s=statistics.median(ws), read_median_s=statistics.median(rs))
    finally:
        if os.path.exists(path):
            os.unlink(path)
        os.rmdir(d)
    out.close()


if __name__ == "__main__":
    main()
