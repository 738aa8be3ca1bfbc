"""calls.py: the calls that release the GIL, timed: those of the modules
every process loads at start-up.

time.sleep and os.read/write/fsync: each call is an event with its CPU
and wall time (recorder._timed).  From CPython 3.12 on, start_monitoring
sees the read and write methods of file objects, which no wrapper reaches,
through sys.monitoring.  The calls of modules a program may import
(hashlib, zlib, socket, select, selectors, subprocess) are libcalls.py's,
loaded when the program imports them.  Part of the recorder (recorder.py
holds its state and its clock).
"""
import os
import sys

from .recorder import _clock, _internal, _orig_sleep, _rec, _timed


def _size(x):
    try:
        return len(memoryview(x).cast("B"))
    except Exception:
        try:
            return len(x)
        except Exception:
            return 0


def _io_describe(fn):
    def describe(args, kwargs, result):
        n = result if isinstance(result, int) else _size(result) if result is not None else 0
        return {"fn": fn, "bytes": n}
    return describe


def _os_describe(fn):
    """os.read and os.write: on a regular file the call computes (copies
    to or from the page cache) rather than waits, and the time after its
    CPU time is mostly the wait to take the GIL back, which the simulation
    makes itself; the scenario then keeps the CPU time only."""
    import stat

    def describe(args, kwargs, result):
        d = {"fn": fn, "bytes": result if isinstance(result, int) else _size(result)}
        try:
            if stat.S_ISREG(os.fstat(args[0]).st_mode):
                d["file"] = True
        except (OSError, IndexError, TypeError, ValueError):
            pass
        return d
    return describe


def patch_os(os_mod):
    for name in ("read", "write"):
        setattr(os_mod, name, _timed("io", getattr(os_mod, name), _os_describe("os." + name)))
    os_mod.fsync = _timed("io", os_mod.fsync, _io_describe("os.fsync"))


def patch_time(time_mod):
    time_mod.sleep = _timed("sleep", _orig_sleep, lambda a, k, r: {
        "secs": float(a[0]) if a else float(k.get("secs", 0))}, waits=True)


def start_monitoring():
    """On CPython 3.12 and later, sys.monitoring sees the calls no wrapper
    can reach: the read and write methods of file objects (open()'s),
    methods of C types.  Only the program's own code is watched: each
    function, at its first call (PY_START, then switched off there with
    DISABLE), has its calls watched (a local CALL event) if its file is
    not the standard library's or the recorder's; each call site whose
    callee is not a file method is switched off at its first call, so that
    the program runs at full speed once every site has been seen.  (CALL
    for all code, as before, cost a callback at each call site of the
    standard library the program runs: about four a function.)"""
    mon = getattr(sys, "monitoring", None)
    if mon is None:
        return
    # a tool id of no standard tool first: a program that profiles itself
    # (cProfile takes PROFILER_ID) still can
    tool = next((t for t in (4, 3, mon.PROFILER_ID) if mon.get_tool(t) is None), None)
    if tool is None:
        return
    import io
    import stat
    targets = {}
    for cls in (io.FileIO, io.BufferedReader, io.BufferedWriter, io.BufferedRandom,
                io.TextIOWrapper):
        for m in ("read", "readinto", "readline", "readlines", "write", "writelines"):
            d = cls.__dict__.get(m)
            if d is not None:
                targets[d] = "%s.%s" % (cls.__name__, m)
    disable = mon.DISABLE

    def on_call(code, offset, callee, arg0):
        try:
            name = targets.get(callee)
        except TypeError:           # an unhashable callable
            return disable
        if name is None or code.co_filename.startswith("<frozen") or \
                _internal(code.co_filename):
            return disable          # not a file method, the import system's or the recorder's reads
        r = _rec()
        if r.depth or r.ignored:
            return None
        r.depth += 1
        w0 = _clock()
        r.pending = (name, arg0, r.cpu_at(w0), w0)
        return None

    def on_return(code, offset, callee, arg0):
        r = _rec()
        p = getattr(r, "pending", None)
        if p is None or p[1] is not arg0:
            return None
        w1 = _clock()
        r.pending = None
        name, obj, c0, w0 = p
        c1 = r.cpu_after(c0, w0, w1)
        extra = {"fn": name, "bytes": 0}
        try:
            raw = getattr(obj, "buffer", obj)
            raw = getattr(raw, "raw", raw)
            if stat.S_ISREG(os.fstat(raw.fileno()).st_mode):
                extra["file"] = True
        except Exception:
            pass
        r.depth -= 1
        r.add("io", c0, c1, w0, w1, extra)
        return None

    ev = mon.events
    watch, set_local = ev.CALL, mon.set_local_events

    def on_start(code, offset):
        if not _internal(code.co_filename):
            try:
                set_local(tool, code, watch)    # C_RETURN and C_RAISE come with CALL
            except ValueError:
                pass
        return disable

    mon.use_tool_id(tool, "gilsim record")
    mon.register_callback(tool, ev.PY_START, on_start)
    mon.register_callback(tool, ev.CALL, on_call)
    mon.register_callback(tool, ev.C_RETURN, on_return)
    mon.register_callback(tool, ev.C_RAISE, on_return)
    mon.set_events(tool, ev.PY_START)
