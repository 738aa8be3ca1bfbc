"""calls.py: the calls that release the GIL, timed: those of the modules
every process loads at start-up.

time.sleep and os.read/write/fsync: each call is an event with its CPU
and wall time (recorder._timed).  From CPython 3.12 on, monitor.py
sees the read and write methods of file objects, which no wrapper reaches,
through sys.monitoring.  The calls of modules a program may import
(hashlib, zlib, socket, select, selectors, subprocess) are libcalls.py's,
loaded when the program imports them.  Part of the recorder (recorder.py
holds its state and its clock).
"""
import os
import sys

# (the recorder's modules take each other from sys.modules: a relative
# import costs every recorded process 0.03 M instructions)
_R = sys.modules[__package__ + ".recorder"]
_orig_sleep, _timed = _R._orig_sleep, _R._timed


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
