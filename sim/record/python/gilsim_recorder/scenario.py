"""scenario.py: a folder of recorded events (recorder.py) as a scenario.

    python3 -m gilsim_recorder.scenario DIR --platform FILE [--out-dir D]
        [--t0 MONOTONIC] [--wall SECONDS] [--status N] [--command TEXT]
        [--empty-exit SECONDS] [--loop-probe SECONDS]

prints the scenario on stdout, and on stderr a summary and the recorder's
overhead.  `gilsim record` runs it with the interpreter that ran the
program.  What becomes what is described in docs/record.md: each thread's
events become statements (Python CPU time between events as `python N
iterations`), lock acquisitions and releases `with lock` blocks, threads
started one after another from the same function with the same shape one
`start N threads f()`, repeated statements `repeat` loops.

The work is shared: recording.py reads the events and makes the nodes,
tree.py the loops, writer.py the lines; this module the header, the
parameters, the declarations and the defs, in order.
"""
import argparse
import os
import sys

from . import syncops
from .recording import Recording, load, read_platform, read_record
from .tree import SLEEP_OVERHEAD, shrink
from .writer import Writer, fmt_dur

# models/runtime.c's loop_factor: each runtime's loop cost, 3.12 = 1
LOOP_FACTOR = {"2.7": 0.444, "3.1": 1.0, "3.9": 1.02, "3.10": 1.02, "3.11": 0.683,
               "3.12": 1.0, "3.13": 0.969, "3.14": 0.969}


def modelled(ver):
    """The CPython version ("3.8") that gilsim models for VER: VER itself,
    else the nearest one (3.9 below it, 3.14 above)."""
    if ver in LOOP_FACTOR and ver != "3.1":
        return ver
    major, minor = (int(x) for x in ver.split(".")[:2])
    return "3.9" if (major, minor) < (3, 9) else "3.14"


def loop_factor(ver, host_version):
    """The cost of the Python loop with CPython VER over its cost with the
    platform's Python (HOST_VERSION, 3.12 where the platform names none),
    each version as gilsim models it (modelled): what a recording's
    python.loop is, in the platform's, for the Python that made it."""
    return LOOP_FACTOR[modelled(ver)] / LOOP_FACTOR[modelled(host_version or "3.12")]


def runtime_of(proc):
    v = proc.get("version") or [3, 12]
    ver = "%d.%d" % (v[0], v[1])
    note = None
    near = modelled(ver)
    if near != ver:
        note = "recorded with CPython %s, which gilsim does not model: %s is the nearest" % (
            ver, near)
        ver = near
    name = "cpython-" + ver
    if not proc.get("gil", True) and ver in ("3.13", "3.14"):
        name += "t"
    return name, ver, note


def header(w, a, root, procs, threads, rec, runtime, note):
    """The scenario's first lines: where it comes from, its runtime and
    platform."""
    cpu = sum(p.get("cpu", 0.0) for p in procs.values())
    over = sum(p.get("overhead", 0.0) for p in procs.values())
    n_threads = sum(1 for (pid, tid) in threads if tid != 0)
    w.add(0, "# Recorded by gilsim record (docs/record.md): %s" % a.command)
    w.add(0, "# CPython %s (%s), %d process%s, %d thread%s besides the main ones, %d pool "
          "map%s" % (".".join(map(str, root.get("version", []))), root.get("exe"),
                     len(procs), "" if len(procs) == 1 else "es", n_threads,
                     "" if n_threads == 1 else "s", rec.pools, "" if rec.pools == 1 else "s"))
    if a.wall is not None:
        w.add(0, "# recorded wall time: %.4f s; recorder overhead: %.1f %% of CPU" % (
            a.wall, 100.0 * over / cpu if cpu > 0 else 0.0))
    if a.status:
        w.add(0, "# WARNING: the program exited with status %d; this is what it did "
              "until then" % a.status)
    w.add(0, "# Python CPU time is written as iterations of the platform's python.loop "
          "(%s, for %s);" % (fmt_dur(rec.loop), runtime))
    w.add(0, "# the comments give the time measured and where in the program it was spent.")
    if a.probe:
        # (a recording made while the machine ran slow records longer CPU
        # times, which every prediction of it then carries: docs/record.md)
        w.add(0, "# the machine's speed just after the program: this Python's loop took %s "
              "an iteration, %.2f times the %s above" % (fmt_dur(a.probe), a.probe / rec.loop,
                                                         fmt_dur(rec.loop)))
    if note:
        w.add(0, "# " + note)
    startup = ""
    if a.t0 is not None and root.get("t_start"):
        startup = " startup = %s" % fmt_dur(max(0.0, root["t_start"] - a.t0) + a.moved_exit)
    w.add(0, "runtime %s%s" % (runtime, startup))
    platform, out_dir = os.path.abspath(a.platform), os.path.abspath(a.out_dir)
    line = a.platform_line or os.path.relpath(platform, out_dir)
    if os.path.commonpath([platform, out_dir]) == "/":
        line = platform
    w.add(0, 'platform "%s"' % line)
    w.add(0, "")
    return n_threads, cpu, over


def exit_gap(a, root):
    """The interpreter's exit, after the recorder's last hook (at exit,
    after the program's own handlers) to the end of the process as gilsim
    record saw it: module teardown, the collector's last pass, freeing
    memory, none of which the events show.  None where it cannot be
    measured (no wall time given, os._exit or a signal)."""
    if a.wall is None or a.t0 is None or not root.get("t_end"):
        return None
    return a.t0 + a.wall - root["t_end"]


def empty_exit(a):
    """The exit of an empty program (`python -c pass`) of this Python:
    --empty-exit, else measured now, with the recorder as for the program
    (exit_gap), where the program's exit was measured; else 0."""
    if a.empty_exit is not None:
        return max(0.0, a.empty_exit)
    if a.wall is None or a.t0 is None:
        return 0.0
    import shutil
    import subprocess
    import tempfile
    import time
    out = tempfile.mkdtemp(prefix="gilsim-exit-")
    try:
        env = dict(os.environ, GILSIM_RECORD_OUT=out, PYTHONPATH=os.path.dirname(
            os.path.dirname(os.path.abspath(__file__))))
        env.pop("GILSIM_RECORD_MAX_PROCESSES", None)
        t0 = time.monotonic()
        subprocess.run([sys.executable, "-c", "pass"], env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = time.monotonic() - t0
        for name in os.listdir(out):
            x = read_record(os.path.join(out, name))
            if type(x) is dict and "t_end" in x:
                return max(0.0, t0 + wall - x["t_end"])
    except (OSError, ValueError, EOFError, KeyError, subprocess.SubprocessError):
        pass
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0.0


PROBE_ITERATIONS, PROBE_ROUNDS = 20000, 5


def loop_probe(a):
    """Seconds an iteration of python.loop's loop (`total += i` on a big
    sum) takes this Python now, the median of PROBE_ROUNDS rounds (about
    5 ms in all): --loop-probe, else measured here, where gilsim record
    runs this module with the interpreter that ran the program, right
    after it; None where no program was run just before (no --wall).
    The machine's speed then, which a recording's CPU times carry: the
    virtual CPUs of a cloud machine run 1.5 to 1.7 times slower for spells
    of seconds (platforms/laptop-2core.xml, cpu.slow_factor)."""
    if a.loop_probe is not None:
        return a.loop_probe if a.loop_probe > 0 else None
    if a.wall is None:
        return None
    import time
    clock = time.thread_time
    rounds = []
    for _ in range(PROBE_ROUNDS):
        total = 1 << 40
        t = clock()
        for i in range(PROBE_ITERATIONS):
            total += i
        rounds.append(clock() - t)
    rounds.sort()
    return rounds[len(rounds) // 2] / PROBE_ITERATIONS


def interpreter_exit(w, a, root):
    """The interpreter's exit (exit_gap), written as a C call that keeps
    the GIL, which another runtime does not scale; less the part that the
    `startup` took (a.moved_exit)."""
    gap = exit_gap(a, root)
    if gap is None:
        return                  # os._exit or a signal: no exit to measure
    # (written even when nothing is left of it: the scenario's structure
    # does not depend on how long an exit took, for --runs)
    gap = max(0.0, gap - a.moved_exit)
    if gap < 1e-4 and a.moved_exit > 0:
        # say why a line of nothing is there
        w.add(0, "native %s" % fmt_dur(gap), "the interpreter's exit (module teardown, "
              "freeing memory): all %s of it is in startup, an empty program's exit being no "
              "shorter; kept at 0 so that every recording of the program has this line "
              "(--runs)" %
              fmt_dur(a.moved_exit))
    elif gap >= 1e-4 or a.moved_exit > 0:
        w.add(0, "native %s" % fmt_dur(gap), "the interpreter's exit (module teardown, "
              "freeing memory): wall time from the program's end to the process's%s" % (
                  ", less an empty program's %s, in startup" % fmt_dur(a.moved_exit)
                  if a.moved_exit > 0 else ""))


def main(argv=None):
    ap = argparse.ArgumentParser(prog="gilsim_recorder.scenario")
    ap.add_argument("folder")
    ap.add_argument("--platform", required=True)
    ap.add_argument("--platform-line", help="the platform's path as the scenario names it")
    ap.add_argument("--out-dir", default=".")
    ap.add_argument("--t0", type=float)
    ap.add_argument("--wall", type=float)
    ap.add_argument("--status", type=int, default=0)
    ap.add_argument("--command", default="")
    ap.add_argument("--empty-exit", type=float,
                    help="the exit of this Python's empty program, seconds (else measured)")
    ap.add_argument("--loop-probe", type=float,
                    help="seconds an iteration of this Python's loop took just after the "
                    "program (else measured; 0: none)")
    a = ap.parse_args(argv)
    # first, as close to the program's end as can be
    a.probe = loop_probe(a)

    procs, threads = load(a.folder)
    roots = [p for p in procs.values() if p.get("root")] or \
        sorted(procs.values(), key=lambda p: p.get("t_start", 0))[:1]
    if not roots:
        sys.stderr.write("gilsim record: the command ran no Python program with the recorder "
                         "(is it a Python interpreter or script?)\n")
        return 2
    root = roots[0]
    if (root["pid"], 0) not in threads:
        sys.stderr.write("gilsim record: warning: the main thread's events are missing (the "
                         "program ended with os._exit or a signal); its threads remain\n")
    host = read_platform(a.platform)
    runtime, ver, note = runtime_of(root)
    # The platform's python.startup, which replaces the recorded startup
    # when another Python is asked for, is the whole of an empty program,
    # its exit included: that exit moves from the program's exit to its
    # startup, so that it is not paid twice then (nothing moves with the
    # recording's own runtime).  Not more than the program's own exit.
    gap = exit_gap(a, root)
    a.moved_exit = 0.0
    if gap is not None and gap >= 1e-4 and a.t0 is not None and root.get("t_start"):
        a.moved_exit = min(empty_exit(a), gap)
    factor = loop_factor(ver, host["version"])
    rec = Recording(procs, threads, host, factor)
    SLEEP_OVERHEAD[0] = host["sleep"]
    main_nodes = shrink(rec.thread_nodes(root["pid"], 0))
    counted = [g for g in rec.groups if g.info["count"] >= 2]
    pools = [p for p in rec.thread_pools if p.info["threads"] >= 2]
    params = []
    for g in counted:
        g.info["param"] = "N" if len(counted) + len(pools) == 1 else \
            "N_" + g.info["ref"].upper()
        params.append((g.info["param"], g.info["count"]))
    for p in pools:
        # a thread pool's threads: the number `-L N=...` changes
        name = "N" if len(counted) + len(pools) == 1 else "N_" + p.info["ref"].upper()
        base, k = name, 2
        while name in [q[0] for q in params]:
            name, k = "%s_%d" % (base, k), k + 1
        p.info["param"] = name
        params.append((name, p.info["threads"]))

    w = Writer(rec, a.out_dir)
    n_threads, cpu, over = header(w, a, root, procs, threads, rec, runtime, note)
    for name, value in params:
        w.add(0, "%s = %d" % (name, value))
    if params:
        w.add(0, "")
    syncops.share_items(rec.defs, counted, rec.def_params)
    rec.bad = syncops.balance(rec.named, rec.defs, main_nodes)
    parties = syncops.scaled_parties(rec.named, rec.defs, counted, main_nodes)
    declared = 0
    for name in sorted(rec.locks.values()):
        obj = rec.named.get(name) or {}
        typ = obj.get("type", "lock")
        if typ == "lock":
            w.add(0, "lock %s" % name, "made at %s" % w.site(rec.lock_sites.get(name)))
        elif typ in syncops.DECL and (name not in rec.bad or
                                          syncops.used_in_with(rec.defs, main_nodes, name)):
            w.add(0, syncops.declaration(obj, name, parties.get(name)), "made at %s" %
                  w.site(rec.lock_sites.get(name)))
        else:
            continue
        declared += 1
    if declared:
        w.add(0, "")
    for name, body in rec.defs.items():
        w.add(0, "def %s(%s):" % (name, rec.def_params.get(name, "")))
        w.body(body or [], 1)
        w.add(0, "")
    w.add(0, "# the main thread")
    w.body(main_nodes, 0)
    interpreter_exit(w, a, root)
    sys.stdout.write("\n".join(w.lines) + "\n")
    sys.stdout.flush()

    sys.stderr.write("gilsim record: %d process%s, %d thread%s, %d pool map%s; "
                     "the scenario has %d lines\n" % (
                         len(procs), "" if len(procs) == 1 else "es", n_threads,
                         "" if n_threads == 1 else "s", rec.pools,
                         "" if rec.pools == 1 else "s", len(w.lines)))
    for name, why in sorted(rec.bad.items()):
        sys.stderr.write("gilsim record: the waits on %s '%s' are written as the sleeps "
                         "recorded: %s\n" % (rec.named.get(name, {}).get("type", "object"),
                                             name, why))
    sys.stderr.write("recorder overhead: %.1f %% of CPU (%.1f ms of %.1f ms)\n" % (
        100.0 * over / cpu if cpu > 0 else 0.0, over * 1e3, cpu * 1e3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
