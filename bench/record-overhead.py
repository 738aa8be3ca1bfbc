#!/usr/bin/env python3
"""bench/record-overhead.py: what the recorder costs a program, measured.

    PY=python3 bench/record-overhead.py [--rounds R] [NAME...]

runs each program of bench/record/ (or NAME.py, a path; default: the seed's three, cpu_threads,
io_threads and cpu_processes, and NumPy's where it imports) R times
without the recorder and R times with it (PYTHONPATH and
GILSIM_RECORD_OUT as `gilsim record` sets them, without the conversion
into a scenario that follows), interleaved: one of each per round.  For
each run it reads the CPU time of the program and its children (user and
system, os.wait4) and its wall time, and prints per program the medians
and ranges, and the overhead: the recorded runs' median over the plain
runs' median, minus one.  CPU time is the figure to read on a busy
machine; the wall time moves with the load.

    PY=python3 bench/record-overhead.py --against OLD/sim/record/python ...

adds a third run per round, with the recorder of another folder (an older
checkout's), and its CPU overhead beside this one's: before and after, on
the same machine at the same moments.

    PY=python3 bench/record-overhead.py --instructions [--python PY]... [NAME...]

(NAME "empty": a program that does nothing, `pass`, whose figure is the
recorder's fixed cost; with --instructions the default is io_threads and
empty, which callgrind runs in seconds) counts instead the instructions
each run executes in user space (valgrind's callgrind, every process of
the program summed; the same from one run to the next whatever the
machine's load, so one run each), without and with the recorder, for
each interpreter given (default $PY), and prints the overhead in
instructions: the figure docs/record.md gives for the seed's programs
with CPython 3.8, 3.12 and 3.13.  Slow (valgrind runs a program
20 to 50 times slower): run it with nice.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = ["cpu_threads", "io_threads", "cpu_processes", "numpy_threads"]


def run(py, prog, env):
    t0 = time.monotonic()
    p = subprocess.Popen([py, prog], env=env, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") \
        else status >> 8
    if p.returncode != 0:
        sys.exit("%s exited with %d" % (prog, p.returncode))
    return ru.ru_utime + ru.ru_stime, wall


def instructions(py, prog, env):
    """User-space instructions of PY PROG and its children (callgrind)."""
    d = tempfile.mkdtemp(prefix="gilsim-callgrind-")
    try:
        p = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                            "--callgrind-out-file=" + os.path.join(d, "cg.%p"), py, prog],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode != 0:
            sys.exit("%s under valgrind exited with %d: %s" % (
                prog, p.returncode, p.stderr.decode(errors="replace")[-500:]))
        total = 0
        for f in os.listdir(d):
            with open(os.path.join(d, f)) as fh:
                for line in fh:
                    if line.startswith("summary:") or line.startswith("totals:"):
                        total += int(line.split()[1])
                        break
        return total
    finally:
        shutil.rmtree(d)


def recorded_env(plain_env, folder, out):
    """The environment gilsim record gives the program (sim/record/recording.c,
    proclimit.c: its default --max-processes)."""
    return dict(plain_env, GILSIM_RECORD_OUT=out, GILSIM_RECORD_PARENT=str(os.getpid()),
                GILSIM_RECORD_MAX_PROCESSES="1000", PYTHONPATH=folder)


def count_main(a, names, plain_env):
    """--instructions: one table, a column pair per interpreter."""
    pys = a.python or [os.environ.get("PY", "python3")]
    # string hashes fixed: the same count from one run to the next
    plain_env = dict(plain_env, PYTHONHASHSEED="0")
    folder = os.path.join(ROOT, "sim", "record", "python")
    versions = [subprocess.run([py, "-c", "import platform; print(platform.python_version())"],
                               capture_output=True, text=True).stdout.strip() for py in pys]
    more = " %21s" % "against M  overhead" if a.against else ""
    print("%-16s" % "instructions" + "".join(" %32s" % ("CPython " + v) + " " * len(more)
                                             for v in versions))
    print("%-16s" % "example" + (" %32s" % "plain M  recorded M  overhead" + more) * len(pys))
    for name in names:
        prog = program(name)
        cells = []
        for py in pys:
            if skipped(name, py):
                cells.append(" %32s" % "NumPy does not import")
                continue
            # a first recorded run fills the recorder's bytecode cache
            out = tempfile.mkdtemp(prefix="gilsim-overhead-")
            subprocess.run([py, "-c", "import threading, queue"],
                           env=recorded_env(plain_env, folder, out))
            plain = instructions(py, prog, plain_env)
            rec = instructions(py, prog, recorded_env(plain_env, folder, out))
            shutil.rmtree(out)
            cells.append(" %8.1f  %10.1f  %+7.1f %%" % (plain / 1e6, rec / 1e6,
                                                        100.0 * (rec / plain - 1)))
            if a.against:
                out = tempfile.mkdtemp(prefix="gilsim-overhead-")
                env = recorded_env(plain_env, os.path.abspath(a.against), out)
                subprocess.run([py, "-c", "import threading, queue"], env=env)
                other = instructions(py, prog, env)
                shutil.rmtree(out)
                cells.append(" %10.1f  %+7.1f %%" % (other / 1e6, 100.0 * (other / plain - 1)))
        print("%-16s%s" % (os.path.basename(name), "".join(cells)))
        sys.stdout.flush()


def program(name):
    if name == "empty":
        path = os.path.join(tempfile.gettempdir(), "gilsim-empty.py")
        with open(path, "w") as f:
            f.write("pass\n")
        return path
    return name if name.endswith(".py") else os.path.join(ROOT, "bench", "record", name + ".py")


def skipped(name, py):
    return os.path.basename(name) == "numpy_threads" and subprocess.call(
        [py, "-c", "import numpy"], stderr=subprocess.DEVNULL) != 0


def fmt(xs):
    return "%7.3f (%.3f-%.3f)" % (statistics.median(xs), min(xs), max(xs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--against", help="another recorder's folder (with sitecustomize.py)")
    ap.add_argument("--instructions", action="store_true",
                    help="count user-space instructions with callgrind instead")
    ap.add_argument("--python", action="append",
                    help="with --instructions: an interpreter (repeat for several)")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    py = os.environ.get("PY", "python3")
    names = a.names or (["io_threads", "empty"] if a.instructions else SEED)
    plain_env = dict(os.environ)
    plain_env.pop("GILSIM_RECORD_OUT", None)
    if a.instructions:
        return count_main(a, names, plain_env)
    print("%-16s %-25s %-25s %8s   %-25s %-25s %8s%s" % (
        "example", "cpu plain s", "cpu recorded s", "cpu +%", "wall plain s",
        "wall recorded s", "wall +%",
        "   %-25s %8s" % ("cpu recorded (against) s", "cpu +%") if a.against else ""))
    for name in names:
        prog = program(name)
        name = os.path.basename(name)
        if skipped(name, py):
            print("%-16s skipped: NumPy does not import with %s" % (name, py))
            continue
        plain, rec, other = [], [], []
        folders = [(os.path.join(ROOT, "sim", "record", "python"), rec)]
        if a.against:
            folders.append((os.path.abspath(a.against), other))
        for k in range(a.rounds):
            plain.append(run(py, prog, plain_env))
            # this recorder and the other one take turns going first
            for folder, runs in (folders if k % 2 == 0 else folders[::-1]):
                out = tempfile.mkdtemp(prefix="gilsim-overhead-")
                env = recorded_env(plain_env, folder, out)
                runs.append(run(py, prog, env))
                shutil.rmtree(out)
        pc, pw = [x[0] for x in plain], [x[1] for x in plain]
        rc, rw = [x[0] for x in rec], [x[1] for x in rec]
        line = "%-16s %-25s %-25s %+7.1f%%   %-25s %-25s %+7.1f%%" % (
            name, fmt(pc), fmt(rc), 100 * (statistics.median(rc) / statistics.median(pc) - 1),
            fmt(pw), fmt(rw), 100 * (statistics.median(rw) / statistics.median(pw) - 1))
        if a.against:
            oc = [x[0] for x in other]
            line += "   %-25s %+7.1f%%" % (
                fmt(oc), 100 * (statistics.median(oc) / statistics.median(pc) - 1))
        print(line)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
