# measure.py: the measurement harness that `gilsim calibrate --measure` runs with the
# user's interpreter (docs/record.md); a copy of ../shared/groundtruth/measure.py, the
# harness that measured the platforms shipped in platforms/.
"""Ground-truth wall-clock measurements of CPython threads, processes and
GIL-releasing native code, for checking a simulator that predicts such times.

Standard library only; numpy cases run only when numpy is importable (they
are recorded as skipped otherwise).  Works on CPython 3.11 and 3.12 (3.13
smoke-tested too); Linux is the target (fork, /proc/stat, posix_fadvise).

Usage:
    python3 measure.py OUT.jsonl [--budget-seconds 300] [--repeat 3]
                       [--cases a,b,...] [--quick] [--tmpdir DIR] [--append]
                       [--wait-idle SECONDS] [--no-retry] [--dry-run]
    python3 measure.py --list-cases

Every measured configuration becomes one JSON line in OUT.jsonl with:
  case, variant, kind, n_workers, work (sizes), config_id, retry,
  repeat, wall_seconds_median / _min / _max / _all,
  extra        per-case derived numbers, each {median, min, max} over runs
               (thread finish times, child start offsets, I/O thread time...)
               plus probe_ns_per_iter_before/_after: a 50k-iteration speed
               probe of the same loop run just before/after every run
  runs_extra   the raw per-run extras
  contention   CPU used by other programs meanwhile (from /proc/stat minus
               our own os.times()); contended=true when over 0.2 cores
  env          os.cpu_count(), affinity, sys.version, platform.processor(),
               CPU model, uname
  start_method (process cases), switchinterval (value in force)
  error / skipped (with reason) when it failed or did not fit the budget.
The first line (case "_meta") holds the settings, the sizes actually used,
the scale factor, the pre-calibration and the full environment; the last
("_summary") the total time.  Disturbed configurations are measured once
more at the end (unless --no-retry); keep, per config_id, the record with
contended=false (or the lowest contention.foreign_user_cores).

Timing: time.perf_counter() around start+join of the workers (threads or
processes are constructed before the clock starts), median of --repeat runs.
"""

import argparse
import datetime
import hashlib
import importlib.util
import json
import math
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
import traceback

MiB = 1 << 20

# ---------------------------------------------------------------------------
# Workloads.  Top-level so that 'spawn' children can import them.  Nothing at
# module level may do real work: spawn children re-import this file.
# ---------------------------------------------------------------------------


def cpu_loop(L):
    total = 0
    for i in range(L):
        total += i
    return total


def proc_cpu(L, stamps, idx):
    stamps[2 * idx] = time.perf_counter()
    cpu_loop(L)
    stamps[2 * idx + 1] = time.perf_counter()


def proc_empty(stamps, idx):
    stamps[2 * idx] = time.perf_counter()
    stamps[2 * idx + 1] = stamps[2 * idx]


PROBE_L = 50000


def speed_probe():
    """ns per iteration of cpu_loop right now (a few ms).  On virtual machines
    the speed of one core can jump between levels within a second, so every
    run records a probe just before and just after it."""
    t = time.perf_counter()
    cpu_loop(PROBE_L)
    return (time.perf_counter() - t) / PROBE_L * 1e9


def thread_cpu_worker(L, finish):
    cpu_loop(L)
    finish.append(time.perf_counter())


def thread_sleep_worker(S, finish):
    time.sleep(S)
    finish.append(time.perf_counter())


def thread_cpu_chunked_worker(L, chunk, stamps):
    # Same loop as cpu_loop, cut into chunks; one timestamp per chunk, used
    # to infer when this thread held the GIL (cpu_threads_switch).
    app = stamps.append
    pc = time.perf_counter
    for _ in range(L // chunk):
        total = 0
        for i in range(chunk):
            total += i
        app(pc())


def thread_hash_worker(data, out):
    h = hashlib.sha256()
    h.update(data)  # releases the GIL for buffers >= 2 KiB
    out.append(h.hexdigest())


def thread_numpy_worker(np, M, out):
    data = np.random.rand(M)
    out.append(np.sum(data))


def thread_numpy_rng_worker(np, M, seed, out):
    rng = np.random.default_rng(seed)
    data = rng.random(M)
    out.append(np.sum(data))


def thread_file_worker(path, size, chunk_buf, cold, results, idx):
    chunk = len(chunk_buf)
    mv = memoryview(chunk_buf)
    t0 = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        written = 0
        while written < size:
            written += os.write(fd, mv[: min(chunk, size - written)])
        os.fsync(fd)
        t1 = time.perf_counter()
        if cold:
            # pages are clean after fsync: drop them so the read hits the disk
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    t2 = time.perf_counter()
    fd = os.open(path, os.O_RDONLY)
    try:
        got = 0
        while True:
            b = os.read(fd, chunk)
            if not b:
                break
            got += len(b)
    finally:
        os.close(fd)
    t3 = time.perf_counter()
    if got != size:
        raise RuntimeError("read back %d bytes, expected %d" % (got, size))
    results[idx] = (t1 - t0, t3 - t2)


def run_threads(worker, args_for, N):
    """The seed pattern; returns (wall, t0, t_after_start_loop)."""
    threads = [threading.Thread(target=worker, args=args_for(i)) for i in range(N)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    t_started = time.perf_counter()
    for t in threads:
        t.join()
    t1 = time.perf_counter()
    return t1 - t0, t0, t_started


# ---------------------------------------------------------------------------
# Sizes
# ---------------------------------------------------------------------------

BASE_SIZES = {
    "calib_L": [10 ** 6, 10 ** 7],
    "io_S": 0.5,
    "io_N": [1, 2, 3, 4, 8, 16, 64],
    "cpu_L": 2 * 10 ** 6,
    "cpu_N": [1, 2, 3, 4, 8, 16],
    "proc_L": 2 * 10 ** 6,
    "proc_N": [1, 2, 3, 4, 8, 16],
    "proc_methods": ["fork", "spawn"],
    "np_M": 10 ** 7,
    "np_N": [1, 2, 3, 4, 8, 16],
    "convoy_L": 4 * 10 ** 7,
    "convoy_K": 200,
    "convoy_sleep": 0.001,
    "convoy_intervals": [None, 0.001, 0.05],  # None = interpreter default
    "switch_L": 2 * 10 ** 6,
    "switch_intervals": [0.0005, 0.005, 0.05],
    "switch_chunk": 1000,
    "hash_bytes": 64 * MiB,
    "hash_N": [1, 2, 4, 8],
    "file_bytes": 64 * MiB,
    "file_N": [1, 2, 4],
    "file_chunk": 1 * MiB,
}

QUICK_OVERRIDES = {
    "calib_L": [10 ** 5, 10 ** 6],
    "io_S": 0.05,
    "cpu_L": 10 ** 5,
    "proc_L": 10 ** 5,
    "np_M": 10 ** 5,
    "convoy_L": 10 ** 6,
    "convoy_K": 20,
    "switch_L": 2 * 10 ** 5,
    "hash_bytes": 1 * MiB,
    "file_bytes": 1 * MiB,
    "file_chunk": 256 * 1024,
}

# key -> (kind, floor) for budget scaling; other keys are never scaled
SCALABLE = {
    "io_S": ("float", 0.05),
    "cpu_L": ("int", 10 ** 4),
    "proc_L": ("int", 10 ** 4),
    "np_M": ("int", 10 ** 4),
    "convoy_L": ("int", 10 ** 5),
    "switch_L": ("int", 2 * 10 ** 4),
    "hash_bytes": ("bytes", 64 * 1024),
    "file_bytes": ("bytes", 64 * 1024),
}


def _round2(x):
    """Round to two significant digits."""
    if x <= 0:
        return x
    e = math.floor(math.log10(x)) - 1
    return round(x / 10 ** e) * 10 ** e


def scale_sizes(sizes, s):
    out = dict(sizes)
    if s >= 1.0:
        return out
    for k, (kind, floor) in SCALABLE.items():
        v = sizes[k] * s
        if kind == "float":
            v = max(floor, float("%.2g" % v))
        elif kind == "int":
            v = max(floor, int(_round2(v)))
        else:  # bytes: whole 64 KiB blocks
            v = max(floor, int(v) // (64 * 1024) * (64 * 1024))
        out[k] = min(v, sizes[k])
    if out["file_chunk"] > out["file_bytes"]:
        out["file_chunk"] = out["file_bytes"]
    return out


# ---------------------------------------------------------------------------
# Environment
# ---------------------------------------------------------------------------


def _read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def cpu_model():
    txt = _read("/proc/cpuinfo")
    if txt:
        for line in txt.splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or None


def env_info():
    d = {
        "cpu_count": os.cpu_count(),
        "affinity_cpus": (len(os.sched_getaffinity(0))
                          if hasattr(os, "sched_getaffinity") else None),
        "cgroup_cpu_max": _read("/sys/fs/cgroup/cpu.max"),
        "python_version": sys.version,
        "python_implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform_processor": platform.processor(),
        "cpu_model": cpu_model(),
        "uname": dict(platform.uname()._asdict()),
        "mp_default_start_method": multiprocessing.get_start_method(allow_none=True),
        "mp_all_start_methods": multiprocessing.get_all_start_methods(),
        "default_switchinterval": sys.getswitchinterval(),
        "gil_enabled": (sys._is_gil_enabled()
                        if hasattr(sys, "_is_gil_enabled") else True),
        "loadavg": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "dont_write_bytecode": bool(sys.flags.dont_write_bytecode),
    }
    return d


def compact_env(env):
    u = env["uname"]
    return {
        "cpu_count": env["cpu_count"],
        "affinity_cpus": env["affinity_cpus"],
        "python_version": env["python_version"],
        "platform_processor": env["platform_processor"],
        "cpu_model": env["cpu_model"],
        "uname": "%s %s %s %s" % (u.get("system"), u.get("node"),
                                  u.get("release"), u.get("machine")),
    }


# ---------------------------------------------------------------------------
# Harness
# ---------------------------------------------------------------------------


_STDOUT_OK = [True]


def say(*a):
    """print() that never aborts the measurements (closed pipe, full disk)."""
    if not _STDOUT_OK[0]:
        return
    try:
        print(*a, flush=True)
    except (OSError, ValueError):
        _STDOUT_OK[0] = False


def _numeric(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def cpu_snapshot():
    """System-wide and own CPU seconds, split into user and kernel time.

    Returns (sys_user, sys_kernel, own_user, own_kernel); sys_* are None where
    /proc/stat is missing.  own_* count this process and its waited-for
    children.  System minus own is CPU used by *other* programs, which would
    spoil the measurement.  Kernel time is kept apart because kernel threads
    working for our own file I/O (writeback, journal) count as 'other'."""
    su = sk = None
    try:
        with open("/proc/stat") as f:
            vals = [int(x) for x in f.readline().split()[1:]]
        hz = float(os.sysconf("SC_CLK_TCK"))
        # user nice system idle iowait irq softirq steal (guest is in user)
        su = (vals[0] + vals[1]) / hz
        sk = (vals[2] + vals[5] + vals[6]) / hz
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    t = os.times()
    return su, sk, t.user + t.children_user, t.system + t.children_system


def foreign_cpu(snap0, snap1, wall):
    if snap0[0] is None or snap1[0] is None or wall <= 0:
        return None
    d = [b - a for a, b in zip(snap0, snap1)]
    sys_busy = d[0] + d[1]
    own = d[2] + d[3]
    foreign = max(0.0, sys_busy - own)
    foreign_user = max(0.0, d[0] - d[2])
    return {"system_busy_cpu_s": round(sys_busy, 3), "own_cpu_s": round(own, 3),
            "foreign_cpu_s": round(foreign, 3),
            "foreign_user_cpu_s": round(foreign_user, 3),
            "elapsed_s": round(wall, 3),
            "foreign_cores": round(foreign / wall, 3),
            "foreign_user_cores": round(foreign_user / wall, 3)}


def contended(c):
    """Did other programs' user-mode CPU disturb this measurement?"""
    return bool(c) and c["foreign_user_cores"] > 0.2 and c["foreign_user_cpu_s"] > 0.05


def idle_check(seconds=1.0):
    """CPU used by other programs while we sleep (in cores)."""
    s0 = cpu_snapshot()
    t0 = time.perf_counter()
    time.sleep(seconds)
    return foreign_cpu(s0, cpu_snapshot(), time.perf_counter() - t0)


class Harness:
    def __init__(self, args, out_f, env):
        self.args = args
        self.out_f = out_f
        self.env = env
        self.cenv = compact_env(env)
        self.t_start = time.perf_counter()
        self.deadline = self.t_start + args.budget_seconds
        self.repeat = args.repeat
        self.sizes = None
        self.model = {}
        self.records = []
        self.to_retry = []
        self.P = env["affinity_cpus"] or env["cpu_count"] or 1

    # -- output -------------------------------------------------------------
    def write(self, rec):
        self.out_f.write(json.dumps(rec, default=str) + "\n")
        self.out_f.flush()

    def emit(self, rec, note=""):
        self.records.append(rec)
        self.write(rec)
        say(table_row(rec, note))

    def base_record(self, case, variant, kind, n, work, start_method=None,
                    switchinterval=None):
        return {
            "case": case,
            "variant": variant,
            "kind": kind,
            "n_workers": n,
            "work": work,
            "start_method": start_method,
            "switchinterval": (sys.getswitchinterval()
                               if switchinterval is None else switchinterval),
            "env": self.cenv,
            "timestamp": datetime.datetime.now().isoformat(timespec="seconds"),
        }

    def remaining(self):
        return self.deadline - time.perf_counter()

    # -- measurement ----------------------------------------------------------
    def measure(self, case, variant, kind, n, work, fn, est, start_method=None,
                switchinterval=None, note_fn=None, _retry=0):
        """fn() -> (wall_seconds, extra_dict).  est: estimated seconds/run."""
        rec = self.base_record(case, variant, kind, n, work, start_method,
                               switchinterval)
        rec["config_id"] = "%s|%s|%s|%s" % (case, variant, n,
                                             json.dumps(work, sort_keys=True))
        rec["retry"] = _retry
        rec["repeat_requested"] = self.repeat
        rec["estimated_seconds_per_run"] = est
        if est > self.remaining():
            rec.update(skipped=True, error="budget: estimated %.2fs per run, "
                       "%.2fs left" % (est, self.remaining()))
            self.emit(rec)
            return rec
        walls, extras = [], []
        snap0 = cpu_snapshot()
        tm0 = time.perf_counter()
        try:
            for r in range(self.repeat):
                if r > 0:
                    per_run = max(est, max(walls))
                    if per_run > self.remaining():
                        rec["stopped_early"] = "budget"
                        break
                pb = speed_probe()
                w, ex = fn()
                pa = speed_probe()
                ex = dict(ex or {})
                ex["probe_ns_per_iter_before"] = pb
                ex["probe_ns_per_iter_after"] = pa
                walls.append(w)
                extras.append(ex)
        except Exception as e:  # record and go on with the next configuration
            rec["error"] = "%s: %s" % (type(e).__name__, e)
            rec["traceback"] = traceback.format_exc()
        rec["contention"] = foreign_cpu(snap0, cpu_snapshot(),
                                        time.perf_counter() - tm0)
        rec["repeat"] = len(walls)
        if walls:
            rec["wall_seconds_median"] = statistics.median(walls)
            rec["wall_seconds_min"] = min(walls)
            rec["wall_seconds_max"] = max(walls)
            rec["wall_seconds_all"] = walls
            summary = {}
            keys = []
            for ex in extras:
                for k in ex:
                    if k not in keys:
                        keys.append(k)
            for k in keys:
                vals = [ex[k] for ex in extras if k in ex and _numeric(ex[k])]
                if vals and len(vals) == len([ex for ex in extras if k in ex]):
                    summary[k] = {"median": statistics.median(vals),
                                  "min": min(vals), "max": max(vals)}
            rec["extra"] = summary
            rec["runs_extra"] = extras
        note = ""
        if note_fn and walls and "extra" in rec:
            try:
                med = {k: v["median"] for k, v in rec["extra"].items()}
                note = note_fn(med)
            except Exception:
                note = ""
        c = rec.get("contention")
        rec["contended"] = contended(c)
        if rec["contended"]:
            note = ("[OTHER LOAD %.2f cores] " % c["foreign_user_cores"]) + note
        self.emit(rec, note)
        if rec["contended"] and not _retry and walls:
            self.to_retry.append(dict(
                case=case, variant=variant, kind=kind, n=n, work=work, fn=fn,
                est=est, start_method=start_method,
                switchinterval=switchinterval, note_fn=note_fn))
        return rec

    def retry_contended(self):
        """Measure again, once, what other programs disturbed."""
        items, self.to_retry = self.to_retry, []
        if not items:
            return
        say()
        say("re-measuring %d configuration(s) disturbed by other programs:"
            % len(items))
        for it in items:
            if self.remaining() <= it["est"]:
                continue
            # wait (bounded) for a quiet machine
            t_end = time.perf_counter() + min(30.0, self.remaining() / 4)
            while time.perf_counter() < t_end:
                ic = idle_check(0.5)
                if not ic or ic["foreign_user_cores"] < 0.2:
                    break
            self.measure(_retry=1, **it)

    def case_error(self, case, exc_text):
        rec = self.base_record(case, None, None, None, None)
        rec["error"] = exc_text.strip().splitlines()[-1]
        rec["traceback"] = exc_text
        self.emit(rec)

    def case_skip(self, case, why):
        rec = self.base_record(case, None, None, None, None)
        rec["skipped"] = True
        rec["error"] = why
        self.emit(rec)


def best_records(records):
    """One record per configuration: the least disturbed one."""
    best, order = {}, []
    for r in records:
        k = r.get("config_id")
        if not k or r.get("wall_seconds_median") is None:
            continue
        c = r.get("contention") or {}
        score = (bool(r.get("contended")), c.get("foreign_user_cores", 0.0))
        if k not in best:
            order.append(k)
            best[k] = (score, r)
        elif score < best[k][0]:
            best[k] = (score, r)
    return [best[k][1] for k in order]


def fmt_work(work):
    if not work:
        return ""
    parts = []
    for k, v in work.items():
        if isinstance(v, int) and v >= MiB and v % MiB == 0 and "bytes" in k:
            v = "%dMiB" % (v // MiB)
        elif isinstance(v, int) and v >= 10000:
            v = "%.3g" % v
        parts.append("%s=%s" % (k, v))
    return " ".join(parts)


def table_row(rec, note=""):
    med = rec.get("wall_seconds_median")
    mn = rec.get("wall_seconds_min")
    mx = rec.get("wall_seconds_max")
    n = rec.get("n_workers")
    cols = "%-20s %-22s %4s %-34s " % (
        rec["case"][:20], (rec.get("variant") or "")[:22],
        "" if n is None else n, fmt_work(rec.get("work"))[:34])
    if med is not None:
        cols += "%9.4f %9.4f %9.4f" % (med, mn, mx)
    else:
        cols += "%9s %9s %9s" % ("-", "-", "-")
    if rec.get("skipped"):
        cols += "  SKIPPED: " + str(rec.get("error"))
    elif rec.get("error"):
        cols += "  ERROR: " + str(rec.get("error"))
    if note:
        cols += "  " + note
    return cols


TABLE_HEADER = "%-20s %-22s %4s %-34s %9s %9s %9s" % (
    "case", "variant", "N", "work", "median_s", "min_s", "max_s")


# ---------------------------------------------------------------------------
# Pre-calibration and cost model (used only to fit the budget)
# ---------------------------------------------------------------------------


def precalibrate(h, selected):
    m = {}
    ts = []
    for _ in range(5):
        t = time.perf_counter()
        cpu_loop(200000)
        ts.append(time.perf_counter() - t)
    m["c"] = statistics.median(ts) / 200000  # seconds per loop iteration
    m["o_fork"] = 0.01
    m["o_spawn"] = 0.15
    m["hash_s_per_byte"] = 5e-9
    m["disk_s_per_byte"] = 1.0 / (100 * MiB)
    # numpy is deliberately not imported here (it would start BLAS threads
    # before the fork cases); use a per-element guess scaled by the CPU speed.
    m["np_rand_s_per_elem"] = 10e-9 * (m["c"] / 50e-9)
    m["np_sum_s_per_elem"] = 1e-9 * (m["c"] / 50e-9)
    if "cpu_processes" in selected:
        # bare interpreter start-up (what every 'spawn' child pays first)
        import subprocess
        for key, flags in (("interpreter_startup_s", []),
                           ("interpreter_startup_nosite_s", ["-S"])):
            ts = []
            try:
                for _ in range(3):
                    t = time.perf_counter()
                    subprocess.run([sys.executable] + flags + ["-c", "pass"],
                                   check=True, timeout=60)
                    ts.append(time.perf_counter() - t)
                m[key] = statistics.median(ts)
            except Exception:
                m[key] = None
        methods = multiprocessing.get_all_start_methods()
        for meth in ("fork", "spawn"):
            if meth not in methods:
                continue
            try:
                ctx = multiprocessing.get_context(meth)
                arr = ctx.RawArray("d", 2)
                p = ctx.Process(target=proc_empty, args=(arr, 0))
                t = time.perf_counter()
                p.start()
                p.join(60)
                m["o_" + meth] = max(time.perf_counter() - t, 1e-3)
            except Exception:
                pass
    if "hashlib_threads" in selected:
        data = b"\xa5" * (8 * MiB)
        t = time.perf_counter()
        hashlib.sha256(data).hexdigest()
        m["hash_s_per_byte"] = max((time.perf_counter() - t) / len(data), 1e-11)
    if "file_io_threads" in selected:
        try:
            d = tempfile.mkdtemp(prefix="gt-precal-", dir=h.args.tmpdir)
            try:
                res = [None]
                size = 16 * MiB
                thread_file_worker(os.path.join(d, "f"), size, os.urandom(MiB),
                                   hasattr(os, "posix_fadvise"), res, 0)
                w, r = res[0]
                m["disk_s_per_byte"] = max((w + r) / (2 * size), 1e-11)
            finally:
                for f in os.listdir(d):
                    os.unlink(os.path.join(d, f))
                os.rmdir(d)
        except Exception:
            pass
    return m


def par(N, P):
    return max(1, min(N, P))


def cost_calib(z, m, P):
    return [sum(z["calib_L"]) * m["c"]]


def cost_io(z, m, P):
    return [z["io_S"] + 0.0002 * n for n in z["io_N"]]


def cost_cpu_threads(z, m, P):
    return [n * z["cpu_L"] * m["c"] * 1.05 + 0.002 * n for n in z["cpu_N"]]


def cost_proc_one(z, m, P, meth, n, empty):
    o = m.get("o_" + meth, 0.15)
    work = 0 if empty else n * z["proc_L"] * m["c"]
    return (work + n * o) / par(n, P) + o


def cost_cpu_processes(z, m, P):
    out = []
    for meth in z["proc_methods"]:
        for n in z["proc_N"]:
            out.append(cost_proc_one(z, m, P, meth, n, True))
            out.append(cost_proc_one(z, m, P, meth, n, False))
    return out


def cost_np_one(z, m, P, n):
    return n * z["np_M"] * (m["np_rand_s_per_elem"] + m["np_sum_s_per_elem"])


def cost_numpy(z, m, P):
    c = [z["np_M"] * (m["np_rand_s_per_elem"] * 2 + m["np_sum_s_per_elem"])]
    for n in z["np_N"]:
        c.append(cost_np_one(z, m, P, n))  # global RandomState
        c.append(cost_np_one(z, m, P, n))  # per-thread Generator
    return c


def convoy_costs(z, m, P):
    T = z["convoy_L"] * m["c"]
    K, sl = z["convoy_K"], z["convoy_sleep"]
    io_alone = K * (sl + 0.0002)
    mixed = T * 1.1 + io_alone
    return T * 1.05, io_alone, mixed


def cost_convoy(z, m, P):
    T, io_alone, mixed = convoy_costs(z, m, P)
    return [T, io_alone, 0.01] + [mixed] * (2 * len(z["convoy_intervals"]))


def cost_switch(z, m, P):
    return [2 * z["switch_L"] * m["c"] * 1.1] * (2 * len(z["switch_intervals"]))


def cost_hash(z, m, P):
    b = z["hash_bytes"] * m["hash_s_per_byte"]
    return [b] + [n * b / par(n, P) + 0.001 * n for n in z["hash_N"]]


def cost_file(z, m, P):
    return [n * 2 * z["file_bytes"] * m["disk_s_per_byte"] + 0.05
            for n in z["file_N"]]


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------


def case_calib_cpu(h):
    z, m = h.sizes, h.model
    for L in z["calib_L"]:
        def fn(L=L):
            t0 = time.perf_counter()
            cpu_loop(L)
            w = time.perf_counter() - t0
            return w, {"seconds_per_iter": w / L}
        h.measure("calib_cpu", "main_thread", "main", 1, {"loop_iters": L}, fn,
                  est=L * m["c"],
                  note_fn=lambda e: "%.2f ns/iter" % (e["seconds_per_iter"] * 1e9))


def case_io_threads(h):
    z = h.sizes
    S = z["io_S"]
    for n in z["io_N"]:
        def fn(n=n):
            finish = []
            wall, t0, ts = run_threads(thread_sleep_worker, lambda i: (S, finish), n)
            return wall, {"start_loop_s": ts - t0,
                          "finish_first_s": min(finish) - t0,
                          "finish_last_s": max(finish) - t0}
        h.measure("io_threads", "sleep", "threads", n, {"sleep_s": S}, fn,
                  est=S + 0.0002 * n)


def case_cpu_threads(h):
    z, m = h.sizes, h.model
    L = z["cpu_L"]
    for n in z["cpu_N"]:
        def fn(n=n):
            finish = []
            wall, t0, ts = run_threads(thread_cpu_worker, lambda i: (L, finish), n)
            return wall, {"start_loop_s": ts - t0,
                          "finish_first_s": min(finish) - t0,
                          "finish_last_s": max(finish) - t0}
        h.measure("cpu_threads", "loop", "threads", n, {"loop_iters": L}, fn,
                  est=n * L * m["c"] * 1.05,
                  note_fn=lambda e: "first done %.3fs" % e["finish_first_s"])


def run_processes(ctx, target, args_for, n, timeout):
    procs = [ctx.Process(target=target, args=args_for(i)) for i in range(n)]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    t_started = time.perf_counter()
    for p in procs:
        p.join(timeout)
    t1 = time.perf_counter()
    bad = []
    for p in procs:
        if p.is_alive():
            p.terminate()
            p.join(5)
            bad.append("timeout")
        elif p.exitcode != 0:
            bad.append(p.exitcode)
    if bad:
        raise RuntimeError("child processes failed: %r" % (bad,))
    return t1 - t0, t0, t_started


def case_cpu_processes(h):
    z, m, P = h.sizes, h.model, h.P
    L = z["proc_L"]
    methods = multiprocessing.get_all_start_methods()
    for meth in z["proc_methods"]:
        if meth not in methods:
            rec = h.base_record("cpu_processes", meth, "processes", None, None, meth)
            rec.update(skipped=True, error="start method %r not available" % meth)
            h.emit(rec)
            continue
        ctx = multiprocessing.get_context(meth)
        for empty in (True, False):
            for n in z["proc_N"]:
                def fn(n=n, empty=empty):
                    stamps = ctx.RawArray("d", 2 * n)
                    est = cost_proc_one(z, m, P, meth, n, empty)
                    if empty:
                        wall, t0, ts = run_processes(
                            ctx, proc_empty, lambda i: (stamps, i), n, 60 + 20 * est)
                    else:
                        wall, t0, ts = run_processes(
                            ctx, proc_cpu, lambda i: (L, stamps, i), n, 60 + 20 * est)
                    starts = [stamps[2 * i] - t0 for i in range(n)]
                    ends = [stamps[2 * i + 1] - t0 for i in range(n)]
                    durs = [stamps[2 * i + 1] - stamps[2 * i] for i in range(n)]
                    return wall, {"start_loop_s": ts - t0,
                                  "child_first_start_s": min(starts),
                                  "child_last_start_s": max(starts),
                                  "child_last_end_s": max(ends),
                                  "child_work_median_s": statistics.median(durs),
                                  "child_work_max_s": max(durs)}
                variant = meth + ("-empty" if empty else "")
                work = {} if empty else {"loop_iters": L}
                h.measure("cpu_processes", variant, "processes", n, work, fn,
                          est=cost_proc_one(z, m, P, meth, n, empty),
                          start_method=meth,
                          note_fn=lambda e: "child start %.3f..%.3fs" % (
                              e["child_first_start_s"], e["child_last_start_s"]))


def case_numpy_threads(h):
    z, m, P = h.sizes, h.model, h.P
    try:
        import numpy as np
    except Exception as e:
        h.case_skip("numpy_threads", "numpy not importable: %s" % e)
        return
    M = z["np_M"]
    work = {"elements": M, "numpy": np.__version__}

    def calib_rand():
        t = time.perf_counter()
        np.random.rand(M)
        return time.perf_counter() - t, {}

    data = np.random.rand(M)

    def calib_sum():
        t = time.perf_counter()
        np.sum(data)
        return time.perf_counter() - t, {}

    def calib_rng():
        rng = np.random.default_rng(0)
        t = time.perf_counter()
        rng.random(M)
        return time.perf_counter() - t, {}

    e1 = M * m["np_rand_s_per_elem"]
    h.measure("numpy_threads", "calib-rand", "main", 1, work, calib_rand, est=e1)
    h.measure("numpy_threads", "calib-sum", "main", 1, work, calib_sum,
              est=M * m["np_sum_s_per_elem"])
    h.measure("numpy_threads", "calib-rng.random", "main", 1, work, calib_rng, est=e1)
    del data
    for n in z["np_N"]:
        def fn(n=n):
            out = []
            wall, t0, ts = run_threads(thread_numpy_worker, lambda i: (np, M, out), n)
            return wall, {"start_loop_s": ts - t0}
        h.measure("numpy_threads", "rand+sum", "threads", n, work, fn,
                  est=cost_np_one(z, m, P, n))
    for n in z["np_N"]:
        def fn(n=n):
            out = []
            wall, t0, ts = run_threads(thread_numpy_rng_worker,
                                       lambda i: (np, M, i, out), n)
            return wall, {"start_loop_s": ts - t0}
        h.measure("numpy_threads", "rng-per-thread+sum", "threads", n, work, fn,
                  est=cost_np_one(z, m, P, n))


def convoy_once(L, K, mode, sleep_s, interval, with_cpu, with_io):
    res = {}
    rfd = wfd = None
    if with_io and mode == "pipe":
        rfd, wfd = os.pipe()
        # pre-filled by the main thread: os.read never blocks, but it still
        # releases and re-takes the GIL on every call
        os.write(wfd, b"x" * K)

    def cpu_worker(L, res):
        res["cpu_start"] = time.perf_counter()
        cpu_loop(L)
        res["cpu_end"] = time.perf_counter()

    def io_worker(K, res):
        stamps = []
        app = stamps.append
        pc = time.perf_counter
        res["io_start"] = pc()
        if mode == "sleep":
            for k in range(K):
                time.sleep(sleep_s)
                app(pc())
        else:
            for k in range(K):
                os.read(rfd, 1)
                app(pc())
        res["io_stamps"] = stamps

    targets = []
    if with_cpu:
        targets.append((cpu_worker, (L, res)))
    if with_io:
        targets.append((io_worker, (K, res)))
    old = sys.getswitchinterval()
    try:
        if interval is not None:
            sys.setswitchinterval(interval)
        threads = [threading.Thread(target=f, args=a) for f, a in targets]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        sys.setswitchinterval(old)
        for fd in (rfd, wfd):
            if fd is not None:
                os.close(fd)
    ex = {}
    if with_cpu:
        ex["cpu_thread_seconds"] = res["cpu_end"] - res["cpu_start"]
        ex["cpu_done_s"] = res["cpu_end"] - t0
    if with_io:
        st = res["io_stamps"]
        ex["io_thread_seconds"] = st[-1] - res["io_start"]
        ex["io_done_s"] = st[-1] - t0
        gaps = [b - a for a, b in zip([res["io_start"]] + st[:-1], st)]
        ex["io_iter_median_s"] = statistics.median(gaps)
        ex["io_iter_max_s"] = max(gaps)
        if with_cpu:
            ex["io_iters_during_cpu"] = sum(1 for s in st if s <= res["cpu_end"])
    return wall, ex


def case_mixed_convoy(h):
    z, m, P = h.sizes, h.model, h.P
    L, K, sl = z["convoy_L"], z["convoy_K"], z["convoy_sleep"]
    T, io_alone, mixed = convoy_costs(z, m, P)
    default_si = h.env["default_switchinterval"]
    h.measure("mixed_convoy", "cpu-alone", "threads", 1, {"loop_iters": L},
              lambda: convoy_once(L, K, "sleep", sl, None, True, False), est=T,
              note_fn=lambda e: "cpu=%.3fs" % e["cpu_thread_seconds"])
    for mode in ("sleep", "pipe"):
        work = {"io_iters": K, "io": ("sleep %gs" % sl) if mode == "sleep"
                else "os.read(pipe,1) prefilled"}
        h.measure("mixed_convoy", "io-alone-" + mode, "threads", 1, work,
                  lambda mode=mode: convoy_once(L, K, mode, sl, None, False, True),
                  est=io_alone if mode == "sleep" else 0.01,
                  note_fn=lambda e: "io=%.3fs" % e["io_thread_seconds"])
    for mode in ("sleep", "pipe"):
        for si in z["convoy_intervals"]:
            si_eff = default_si if si is None else si
            work = {"loop_iters": L, "io_iters": K,
                    "io": ("sleep %gs" % sl) if mode == "sleep"
                    else "os.read(pipe,1) prefilled"}
            h.measure("mixed_convoy", "mixed-%s-si%g" % (mode, si_eff), "threads", 2,
                      work,
                      lambda mode=mode, si=si: convoy_once(L, K, mode, sl, si, True, True),
                      est=mixed, switchinterval=si_eff,
                      note_fn=lambda e: "io=%.3fs cpu=%.3fs io_iters_during_cpu=%d" % (
                          e["io_thread_seconds"], e["cpu_thread_seconds"],
                          e["io_iters_during_cpu"]))


def count_switches(stamp_lists):
    ev = []
    for tid, st in enumerate(stamp_lists):
        ev.extend((t, tid) for t in st)
    ev.sort()
    sw = 0
    for (a, ta), (b, tb) in zip(ev, ev[1:]):
        if ta != tb:
            sw += 1
    return sw


def case_cpu_threads_switch(h):
    z, m = h.sizes, h.model
    L, chunk = z["switch_L"], z["switch_chunk"]
    n = 2
    for si in z["switch_intervals"]:
        def fn(si=si):
            old = sys.getswitchinterval()
            sys.setswitchinterval(si)
            try:
                finish = []
                wall, t0, ts = run_threads(thread_cpu_worker, lambda i: (L, finish), n)
            finally:
                sys.setswitchinterval(old)
            return wall, {"finish_first_s": min(finish) - t0,
                          "finish_last_s": max(finish) - t0}
        h.measure("cpu_threads_switch", "si%g" % si, "threads", n, {"loop_iters": L},
                  fn, est=2 * L * m["c"] * 1.1, switchinterval=si,
                  note_fn=lambda e: "first done %.3fs" % e["finish_first_s"])

        def fn2(si=si):
            old = sys.getswitchinterval()
            sys.setswitchinterval(si)
            try:
                lists = [[] for _ in range(n)]
                wall, t0, ts = run_threads(thread_cpu_chunked_worker,
                                           lambda i: (L, chunk, lists[i]), n)
            finally:
                sys.setswitchinterval(old)
            sw = count_switches(lists)
            return wall, {"switches_inferred": sw,
                          "mean_slice_s": wall / (sw + 1),
                          "finish_first_s": min(l[-1] for l in lists) - t0}
        h.measure("cpu_threads_switch", "instrumented-si%g" % si, "threads", n,
                  {"loop_iters": L, "stamp_every": chunk}, fn2,
                  est=2 * L * m["c"] * 1.1, switchinterval=si,
                  note_fn=lambda e: "switches~%d slice~%.2fms" % (
                      e["switches_inferred"], e["mean_slice_s"] * 1e3))


def case_hashlib_threads(h):
    z, m, P = h.sizes, h.model, h.P
    B = z["hash_bytes"]
    data = b"\xa5" * B  # one shared read-only buffer
    work = {"bytes": B, "algo": "sha256", "shared_buffer": True}
    b = B * m["hash_s_per_byte"]

    def calib():
        t = time.perf_counter()
        hh = hashlib.sha256()
        hh.update(data)
        hh.hexdigest()
        w = time.perf_counter() - t
        return w, {"MB_per_s": B / w / 1e6}
    h.measure("hashlib_threads", "calib-main", "main", 1, work, calib, est=b,
              note_fn=lambda e: "%.0f MB/s" % e["MB_per_s"])
    for n in z["hash_N"]:
        def fn(n=n):
            out = []
            wall, t0, ts = run_threads(thread_hash_worker, lambda i: (data, out), n)
            return wall, {"start_loop_s": ts - t0}
        h.measure("hashlib_threads", "sha256", "threads", n, work, fn,
                  est=n * b / par(n, P) + 0.001 * n)


def case_file_io_threads(h):
    z, m = h.sizes, h.model
    B, chunk = z["file_bytes"], z["file_chunk"]
    cold = hasattr(os, "posix_fadvise")
    buf = os.urandom(chunk)
    parent = h.args.tmpdir or tempfile.gettempdir()
    work = {"bytes": B, "chunk": chunk, "fsync": True, "cold_read": cold,
            "dir": parent}
    for n in z["file_N"]:
        def fn(n=n):
            results = [None] * n
            d = tempfile.mkdtemp(prefix="gt-fileio-", dir=parent)
            paths = [os.path.join(d, "f%d" % i) for i in range(n)]
            try:
                wall, t0, ts = run_threads(
                    thread_file_worker,
                    lambda i: (paths[i], B, buf, cold, results, i), n)
            finally:
                for p in paths:
                    try:
                        os.unlink(p)
                    except OSError:
                        pass
                try:
                    os.rmdir(d)
                except OSError:
                    pass
            if any(r is None for r in results):
                raise RuntimeError("a file worker failed")
            ws = [r[0] for r in results]
            rs = [r[1] for r in results]
            return wall, {"write_fsync_max_s": max(ws),
                          "write_fsync_median_s": statistics.median(ws),
                          "read_max_s": max(rs),
                          "read_median_s": statistics.median(rs)}
        h.measure("file_io_threads", "write+fsync,read", "threads", n, work, fn,
                  est=n * 2 * B * m["disk_s_per_byte"] + 0.05,
                  note_fn=lambda e: "write %.3fs read %.3fs" % (
                      e["write_fsync_max_s"], e["read_max_s"]))


# Order matters a little: the fork cases run before anything that could
# start native threads (numpy/BLAS is imported only in the last case).
CASES = [
    ("calib_cpu", case_calib_cpu, cost_calib),
    ("io_threads", case_io_threads, cost_io),
    ("cpu_threads", case_cpu_threads, cost_cpu_threads),
    ("cpu_processes", case_cpu_processes, cost_cpu_processes),
    ("cpu_threads_switch", case_cpu_threads_switch, cost_switch),
    ("mixed_convoy", case_mixed_convoy, cost_convoy),
    ("hashlib_threads", case_hashlib_threads, cost_hash),
    ("file_io_threads", case_file_io_threads, cost_file),
    ("numpy_threads", case_numpy_threads, cost_numpy),
]
CASE_NAMES = [c[0] for c in CASES]


def plan(h, base, selected, target):
    """Pick the largest scale factor s <= 1 whose estimated cost fits."""
    m, P, R = h.model, h.P, h.repeat
    have_np = importlib.util.find_spec("numpy") is not None

    def total(z):
        t = 0.0
        for name, _, cost in CASES:
            if name not in selected:
                continue
            if name == "numpy_threads" and not have_np:
                continue
            t += sum(cost(z, m, P)) * R
        return t

    full = total(base)
    if full <= target:
        return 1.0, base, full, full
    lo, hi = 1e-4, 1.0
    for _ in range(40):
        mid = math.sqrt(lo * hi)
        if total(scale_sizes(base, mid)) <= target:
            lo = mid
        else:
            hi = mid
    z = scale_sizes(base, lo)
    return lo, z, total(z), full


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Measure wall-clock ground truth for CPython threads, "
                    "processes and GIL-releasing native code.")
    ap.add_argument("output", nargs="?", help="JSON-lines output file")
    ap.add_argument("--budget-seconds", type=float, default=300.0,
                    help="total time budget; sizes are scaled down to fit (default 300)")
    ap.add_argument("--repeat", type=int, default=None,
                    help="runs per configuration, median reported (default 3; 1 with --quick)")
    ap.add_argument("--cases", default=None,
                    help="comma-separated subset of: " + ",".join(CASE_NAMES))
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: tiny sizes, 1 repeat")
    ap.add_argument("--tmpdir", default=None,
                    help="directory for file_io_threads temp files (default: system temp)")
    ap.add_argument("--append", action="store_true", help="append to OUTPUT")
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                    help="first wait up to SECONDS (not counted in the budget) "
                         "until other programs use < 0.2 CPU cores for 10 s")
    ap.add_argument("--list-cases", action="store_true")
    ap.add_argument("--no-retry", action="store_true",
                    help="do not re-measure configurations that other programs "
                         "disturbed (default: re-measure each once at the end)")
    ap.add_argument("--dry-run", action="store_true",
                    help="pre-calibrate, print the sizes that fit the budget, stop")
    args = ap.parse_args(argv)
    if args.list_cases:
        print("\n".join(CASE_NAMES))
        return 0
    if not args.output:
        ap.error("OUTPUT is required")
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    if args.cases:
        selected = [c.strip() for c in args.cases.split(",") if c.strip()]
        bad = [c for c in selected if c not in CASE_NAMES]
        if bad:
            ap.error("unknown case(s) %s; known: %s" % (bad, ",".join(CASE_NAMES)))
    else:
        selected = list(CASE_NAMES)

    if args.wait_idle > 0:
        # idle = under 0.2 foreign cores for 10 s in a row (short gaps
        # between someone else's benchmark runs must not count)
        t_end = time.perf_counter() + args.wait_idle
        quiet, waited = 0, False
        while quiet < 10:
            ic = idle_check(1.0)
            if not ic:
                break
            if ic["foreign_user_cores"] < 0.2:
                quiet += 1
                continue
            quiet = 0
            if time.perf_counter() >= t_end:
                say("still busy (%.2f foreign cores) after --wait-idle; "
                    "going on" % ic["foreign_user_cores"])
                break
            if not waited:
                say("waiting for other programs to finish (%.2f cores busy)..."
                    % ic["foreign_user_cores"])
                waited = True
    env = env_info()
    out_f = open(args.output, "a" if args.append else "w")
    h = Harness(args, out_f, env)
    try:
        idle0 = idle_check(0.5 if args.quick else 1.0)
        h.model = precalibrate(h, selected)
        base = dict(BASE_SIZES)
        if args.quick:
            base.update(QUICK_OVERRIDES)
        elapsed = time.perf_counter() - h.t_start
        target = args.budget_seconds * 0.8 - elapsed - 2.0
        s, sizes, est, est_full = plan(h, base, selected, max(target, 1.0))
        h.sizes = sizes
        say("measure.py: python %s, cpu_count=%s, affinity=%s, switchinterval=%g"
              % (platform.python_version(), env["cpu_count"], env["affinity_cpus"],
                 env["default_switchinterval"]))
        say("budget %.0fs, repeat %d, cases: %s" % (
            args.budget_seconds, args.repeat, ",".join(selected)))
        say("pre-calibration: %.2f ns/iter; estimated %.0fs at full size, "
              "scale %.3g -> estimated %.0fs" % (h.model["c"] * 1e9, est_full, s, est))
        if est > max(target, 1.0):
            say("WARNING: even the smallest sizes are estimated at %.0fs (fixed "
                "costs such as process start-up and sleeps); configurations that "
                "no longer fit are skipped and recorded as such" % est)
        if idle0 and idle0["foreign_user_cores"] > 0.2:
            say("WARNING: other programs are using %.2f CPU cores right now; "
                "timings will be distorted (see each record's 'contention')"
                % idle0["foreign_user_cores"])
        say("sizes used:")
        for k in sorted(sizes):
            if k in SCALABLE or k in ("calib_L", "convoy_K", "file_chunk"):
                say("  %-14s %s%s" % (k, sizes[k],
                                       "" if sizes[k] == base[k] else
                                       "   (base %s)" % (base[k],)))
        meta = {
            "case": "_meta",
            "argv": sys.argv,
            "quick": args.quick,
            "budget_seconds": args.budget_seconds,
            "repeat": args.repeat,
            "cases": selected,
            "scale": s,
            "estimated_seconds": est,
            "estimated_seconds_full_size": est_full,
            "sizes": sizes,
            "base_sizes": base,
            "precalibration": h.model,
            "idle_check_at_start": idle0,
            "numpy_available": importlib.util.find_spec("numpy") is not None,
            "env": env,
            "timestamp": datetime.datetime.now().isoformat(timespec="seconds"),
        }
        h.write(meta)
        if args.dry_run:
            say("dry run: nothing measured")
            return 0
        say()
        say(TABLE_HEADER)
        run_snap0, run_t0 = cpu_snapshot(), time.perf_counter()
        for name, fn, _ in CASES:
            if name not in selected:
                continue
            if h.remaining() <= 0:
                h.case_skip(name, "budget exhausted")
                continue
            try:
                fn(h)
            except Exception:
                h.case_error(name, traceback.format_exc())
        if not args.no_retry:
            try:
                h.retry_contended()
            except Exception:
                h.case_error("_retry", traceback.format_exc())
        total = time.perf_counter() - h.t_start
        summ = {"case": "_summary", "elapsed_seconds": total,
                "budget_seconds": args.budget_seconds,
                "records": len(h.records),
                "errors": sum(1 for r in h.records if r.get("error") and not r.get("skipped")),
                "contended": sum(1 for r in h.records if r.get("contended")),
                "retried": sum(1 for r in h.records if r.get("retry")),
                "skipped": sum(1 for r in h.records if r.get("skipped")),
                "loadavg_end": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
                "contention_all_cases": foreign_cpu(run_snap0, cpu_snapshot(),
                                                    time.perf_counter() - run_t0),
                "timestamp": datetime.datetime.now().isoformat(timespec="seconds")}
        h.write(summ)
        if summ["retried"]:
            say()
            say("final table (per configuration, the least disturbed measurement):")
            say(TABLE_HEADER)
            for r in best_records(h.records):
                c = r.get("contention")
                say(table_row(r, "[OTHER LOAD %.2f cores]" % c["foreign_user_cores"]
                              if r.get("contended") else ""))
        say()
        say("done in %.1fs (budget %.0fs): %d records, %d errors, %d skipped -> %s"
              % (total, args.budget_seconds, summ["records"], summ["errors"],
                 summ["skipped"], args.output))
        ca = summ["contention_all_cases"]
        if ca:
            say("CPU used by other programs during the cases: %.1fs user-mode "
                "(%.2f cores on average), %.1fs in all (kernel threads included)%s"
                % (ca["foreign_user_cpu_s"], ca["foreign_user_cores"],
                   ca["foreign_cpu_s"],
                   "  <-- some results distorted, see 'contended'"
                   if summ["contended"] else ""))
    finally:
        out_f.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
