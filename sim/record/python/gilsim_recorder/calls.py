"""calls.py: the calls that release the GIL, timed.

time.sleep, os.read/write/fsync, socket and select calls, selectors,
subprocess waits (and, before 3.12, the reads of a Popen's pipes:
pipes.py), hashlib and zlib on large buffers: each call is an event with
its CPU and wall time (recorder._timed).  From CPython 3.12 on,
start_monitoring sees the read and write methods of file objects, which no
wrapper reaches, through sys.monitoring.  Part of the recorder (recorder.py
holds its state and its clock).
"""
import os
import sys

from . import recorder as R
from .recorder import LARGE, _clock, _internal, _orig_sleep, _rec, _timed


def _size(x):
    try:
        return len(memoryview(x).cast("B"))
    except Exception:
        try:
            return len(x)
        except Exception:
            return 0


class Hash(object):
    """A hashlib object whose large update() calls are timed."""

    def __init__(self, h, name):
        self._h = h
        self._name = name

    def update(self, data):
        n = _size(data)
        if n < LARGE:
            return self._h.update(data)
        return _timed("native", self._h.update,
                      lambda a, k, res: {"fn": "hashlib." + self._name, "bytes": n})(data)

    def copy(self):
        return Hash(self._h.copy(), self._name)

    def __getattr__(self, attr):
        return getattr(self._h, attr)


def patch_hashlib(hashlib_mod):
    def wrap(ctor, name):
        def make(*args, **kwargs):
            data = args[0] if args else kwargs.get("data", kwargs.get("string"))
            n = _size(data) if data is not None else 0
            if n < LARGE:
                return Hash(ctor(*args, **kwargs), name)
            h = _timed("native", ctor, lambda a, k, res: {"fn": "hashlib." + name,
                                                           "bytes": n})(*args, **kwargs)
            return Hash(h, name)
        return make
    for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b",
                 "blake2s", "sha3_224", "sha3_256", "sha3_384", "sha3_512"):
        if hasattr(hashlib_mod, name):
            setattr(hashlib_mod, name, wrap(getattr(hashlib_mod, name), name))
    orig_new = hashlib_mod.new

    def new(name, *args, **kwargs):
        return wrap(lambda *a, **k: orig_new(name, *a, **k), str(name))(*args, **kwargs)
    hashlib_mod.new = new


def patch_zlib(zlib_mod):
    for name in ("compress", "decompress"):
        orig = getattr(zlib_mod, name)

        def make(orig, name):
            timed = _timed("native", orig, lambda a, k, res: {
                "fn": "zlib." + name, "bytes": _size(a[0]) if a else 0})

            def call(data, *args, **kwargs):
                if _size(data) < LARGE:
                    return orig(data, *args, **kwargs)
                return timed(data, *args, **kwargs)
            return call
        setattr(zlib_mod, name, make(orig, name))


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


def patch_socket(socket_mod):
    S = socket_mod.socket
    for name in ("recv", "recv_into", "recvfrom", "send", "sendall", "sendto",
                 "accept", "connect"):
        orig = getattr(S, name, None)
        if orig is not None:
            setattr(S, name, _timed("io", orig, _io_describe("socket." + name)))


def patch_select(select_mod):
    select_mod.select = _timed("io", select_mod.select, _io_describe("select.select"))


def patch_selectors(selectors_mod):
    """The selectors of selectors (asyncio's event loop waits in them)."""
    for name, cls in list(vars(selectors_mod).items()):
        if isinstance(cls, type) and issubclass(cls, selectors_mod.BaseSelector) and \
                cls is not selectors_mod.BaseSelector and "select" in cls.__dict__:
            cls.select = _timed("io", cls.__dict__["select"],
                                _io_describe("selectors.%s.select" % cls.__name__))


def patch_subprocess(subprocess_mod):
    P = subprocess_mod.Popen
    for name in ("wait", "communicate"):
        setattr(P, name, _timed("io", getattr(P, name), lambda a, k, r, n=name: {
            "fn": "subprocess.Popen." + n, "bytes": 0}))
    for name in ("run", "call", "check_call", "check_output"):
        setattr(subprocess_mod, name, _timed("io", getattr(subprocess_mod, name),
                                             lambda a, k, r, n=name: {
                                                 "fn": "subprocess." + n, "bytes": 0}))
    if not hasattr(sys, "monitoring"):
        # before 3.12, the reads of the child's pipes (pipes.py)
        from . import pipes
        pipes.patch_popen(P, R)


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
