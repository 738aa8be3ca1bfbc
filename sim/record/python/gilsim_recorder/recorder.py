"""recorder.py: records what a Python program's threads and processes do.

Started by ../sitecustomize.py when GILSIM_RECORD_OUT names a folder.  It
wraps the calls that matter to gilsim (docs/record.md lists them): time.sleep,
file and socket I/O, select, subprocess waits, hashlib and zlib on large
buffers, threading's Lock, Event, Condition, Semaphore and Barrier (sync.py),
queue.Queue, Thread start and join, multiprocessing's Process and Pool.
Between two such calls, a thread's Python CPU time is read from its own CPU
clock (time.thread_time), so that waiting for the GIL is not counted as
work.  Wrapping a few functions costs nothing between the calls, unlike
sys.setprofile or sys.monitoring, which run on every Python call; the
recorder times its own work and reports it as its overhead.

Each thread's events go to OUT/t-PID-TID.marshal when it ends (the main
thread's at exit): its "meta" dictionary and its events, as marshal writes
them (_write_record); each process writes OUT/p-PID.marshal at its start
and its end.  Fork children start afresh
(os.register_at_fork); spawn and forkserver children inherit the
environment, so they load the recorder themselves.

This module holds the recorder's state, its clock and events (ThreadRec,
_timed), the writing of the files and the start; the patches are loaded
with the modules they patch: threads.py (threading, queue; sync.py for
the other objects), processes.py (multiprocessing), libcalls.py (the calls
that release the GIL in the modules a program may import), monitor.py (sys.monitoring), executors.py (concurrent.futures),
and the program's imports (_install_imports).
"""
import builtins
import marshal
import os
import sys
import time
import _thread

_thread_time = time.thread_time
_clock = time.monotonic
_orig_sleep = time.sleep
_os_write = os.write
_alloc = _thread.allocate_lock
_getframe = sys._getframe

OUT = None
PID = None
MAX_EVENTS = 2000000          # per thread: beyond, the thread stops recording
LARGE = 2048                  # hashlib and zlib release the GIL from this size

_local = _thread._local()     # (threading is patched when the program imports it)
# counters (next() is atomic under the GIL): range iterators, not
# itertools.count, whose module costs 0.4 M instructions to load on 3.12
_tids = iter(range(1, 1 << 62))
_objs = iter(range(1, 1 << 62))
_tags = iter(range(1, 1 << 62))
_live = []                    # ThreadRec of this process not yet written
_proc = {}                    # this process's facts, for p-PID.marshal
_ending = {}                  # "writing": its files at its end; "die": then die of SIGTERM
_objects = {}                 # id -> the synchronisation objects made so far
_cost = []                    # one read of the thread's CPU clock, one add() (CPU s): _calibrate
# A thread's CPU clock (time.thread_time) is a system call, 1 to 3 us on a
# virtual machine, more than the rest of an event's recording: it is read
# only when more than STALE of wall time has passed since the last reading
# or estimate (ThreadRec.cpu_at).
STALE = 50e-6
# the recorder's folder (sitecustomize.py and this package): its code is not the program's
# (sitecustomize's _preload gives this module an absolute __file__:
# os.path.abspath, Python code, only where it is not)
# (rpartition: os.path.dirname is Python code too)
_HERE = (__file__ if __file__.startswith(os.sep) else
         os.path.abspath(__file__)).rpartition(os.sep)[0].rpartition(os.sep)[0] + os.sep
_STDLIB = os.__file__.rpartition(os.sep)[0]
_internal_cache = {}
_sites = {}                   # (id(code), offset) -> (code, FILE:LINE)


def _internal(filename):
    """Whether FILENAME is the standard library's or the recorder's."""
    v = _internal_cache.get(filename)
    if v is None:
        v = (filename.startswith("<frozen") or filename.startswith(_HERE) or
             (filename.startswith(_STDLIB) and "-packages" not in filename))
        _internal_cache[filename] = v
    return v


def _site(depth=2):
    """FILE:LINE of the innermost frame of the user's code that called
    (kept per call site: f_lineno reads the line table at each use)."""
    f = sys._getframe(depth)
    # (a site seen before, the caller's own frame the program's: most
    # events, the same calls made again, without the walk)
    code = f.f_code
    s = _sites.get((id(code), f.f_lasti))
    if s is not None and s[0] is code:
        return s[1]
    cache = _internal_cache
    while f is not None:
        code = f.f_code
        v = cache.get(code.co_filename)
        if v is None:
            v = _internal(code.co_filename)
        if not v:
            break
        f = f.f_back
    if f is None:
        return None
    key = (id(code), f.f_lasti)
    s = _sites.get(key)
    if s is None or s[0] is not code:
        # the code object is kept with its sites: its id is not reused
        s = _sites[key] = (code, "%s:%d" % (code.co_filename, f.f_lineno))
    return s[1]


def _caller_internal(depth=2):
    """Whether the caller of the caller (DEPTH frames up) runs the standard
    library's code or the recorder's.  (_internal's cache read here, without
    its call: each Thread() asks three times, 2 k instructions a call on
    CPython 3.8.)"""
    name = _getframe(depth).f_code.co_filename
    v = _internal_cache.get(name)
    return _internal(name) if v is None else v


def _made_by_program(self):
    """Whether the object SELF, in its __init__, was made by the program's
    own code: the first frame outside the __init__s of SELF (a subclass's,
    BoundedSemaphore's own) is not the standard library's."""
    f = sys._getframe(2)
    while f is not None and f.f_code.co_name == "__init__" and \
            f.f_locals.get("self") is self:
        f = f.f_back
    return f is not None and not _internal(f.f_code.co_filename)


class ThreadRec(object):
    """One thread's events.  An event is (kind, site, py, cpu, wall, t,
    extra): the thread's Python CPU time since the previous event, the
    call's own CPU and wall time, its start (time.monotonic) and details."""

    def __init__(self, tid, ignored=False):
        self.tid = tid
        self.ignored = ignored
        self.depth = 0
        self.pool_starts = False    # starting a thread pool's workers
        self.events = []
        self.overhead = 0.0         # the recorder's own CPU time besides its events'
        self.reads = 0              # readings of the CPU clock for events (cpu_at)
        self.patched = 0.0          # CPU time spent patching modules as they were imported
        self.meta = {"tid": tid, "t_start": _clock()}
        self.lw = _clock()          # when the CPU clock was last read or estimated:
        self.last = _thread_time()  # its value then, at the end of the last event

    def cpu_at(self, w):
        """The thread's CPU clock at wall time W, now.  Read (a system
        call) when more than STALE has passed since the end of the last
        event; else estimated as the clock then plus the wall time since.
        A thread that runs for less than STALE is seldom held up meanwhile
        (waiting for the GIL, for a core); when it is, the error is less
        than STALE, and the next reading puts the total right."""
        if w - self.lw < STALE:
            return self.last + (w - self.lw)
        self.reads += 1
        return _thread_time()

    def cpu_after(self, c0, w0, w1):
        """The CPU clock at the end W1 of a call that computes (CPU clock
        C0 at its start W0): read when the call took STALE or more."""
        if w1 - w0 < STALE:
            return c0 + (w1 - w0)
        self.reads += 1
        return _thread_time()

    def add(self, kind, c0, c1, w0, w1, extra=None):
        """Records an event whose call began at thread CPU time C0 and wall
        time W0 and ended at C1 and W1.  C1 None for a call that waits
        rather than computes (a sleep, a lock): its little CPU time then
        counts as the next Python code's.  (The recorder's own time, this
        bookkeeping and the clock's readings, is counted from the number
        of events and readings when the thread is written.)"""
        if c1 is None or c1 < c0:      # (C1 read after C0 estimated a little high)
            c1 = c0
        py = c0 - self.last
        events = self.events
        if len(events) < MAX_EVENTS:
            events.append((kind, _site(3), py if py > 0.0 else 0.0, c1 - c0, w1 - w0, w0,
                           extra))
        elif "truncated" not in self.meta:
            self.meta["truncated"] = w0
        self.last = c1
        self.lw = w1

    def mark(self, kind, extra=None):
        """An event without a duration of its own (a release, a task's
        start or end)."""
        w = _clock()
        self.add(kind, self.cpu_at(w), None, w, w, extra)


def _rec():
    try:
        return _local.rec
    except AttributeError:       # a thread started without threading.Thread
        r = ThreadRec(next(_tids), ignored=True)
        _local.rec = r
        return r


def _timed(kind, fn, describe=None, waits=False):
    """FN wrapped to record a KIND event around each call; DESCRIBE(args,
    kwargs, result) gives its details.  WAITS: the call waits rather than
    computes (ThreadRec.add)."""
    def wrapper(*args, **kwargs):
        r = _rec()
        if r.depth or r.ignored:
            return fn(*args, **kwargs)
        r.depth += 1
        w0 = _clock()
        c0 = r.cpu_at(w0)
        result = None
        try:
            result = fn(*args, **kwargs)
            return result
        finally:
            w1 = _clock()
            c1 = None if waits else r.cpu_after(c0, w0, w1)
            r.depth -= 1
            r.add(kind, c0, c1, w0, w1, describe(args, kwargs, result) if describe else {})
    # (__wrapped__ leads to FN's __doc__, not copied: proclimit._guard)
    wrapper.__name__ = getattr(fn, "__name__", kind)
    wrapper.__wrapped__ = fn
    return wrapper


# ---------------------------------------------------------------------------
# the calls that release the GIL in the modules every process loads at
# start-up: time.sleep and os.read/write/fsync, each call an event with its
# CPU and wall time (_timed).  From CPython 3.12 on, monitor.py sees the
# read and write methods of file objects, which no wrapper reaches, through
# sys.monitoring; the calls of modules a program may import (hashlib, zlib,
# socket, select, selectors, subprocess) are libcalls.py's, loaded when the
# program imports them.  (Here, not a module of their own: each module that
# every process loads costs 0.06 M instructions on CPython 3.8.)

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
    global _os_waitpid
    _os_waitpid, os_mod.waitpid = os_mod.waitpid, _waitpid


def _waitpid(pid, options):
    # the program's own blocking os.waitpid: the wait for a child of os.fork,
    # which is not recorded (not the standard library's, such as subprocess's
    # and multiprocessing's, nor a poll with WNOHANG); the wrapper made at
    # the call, not at every process's start-up
    if options & os.WNOHANG or _caller_internal():
        return _os_waitpid(pid, options)
    return _timed("io", _os_waitpid, lambda a, k, r: {"fn": "os.waitpid", "bytes": 0})(
        pid, options)


def patch_time(time_mod):
    time_mod.sleep = _timed("sleep", _orig_sleep, lambda a, k, r: {
        "secs": float(a[0]) if a else float(k.get("secs", 0))}, waits=True)


# ---------------------------------------------------------------------------
# the program's imports, recorded as imports, not as Python CPU
#
# Importing a module (finding it, reading and unmarshalling its code, running
# its body) is not the Python loop that `python N iterations` stands for: the
# runtime's loop factor would scale it by 0.68 from 3.12 to 3.11, by 1.4 to
# 3.13t.  The recorder wraps builtins.__import__ and importlib.import_module:
# an import made by the program's own code (not by the standard library's)
# that loads modules, all of them from the standard library, site-packages,
# built in or frozen, is an event "import" with the module's name and the
# call's CPU and wall time.  The scenario writes it `import MODULE DURATION`
# (docs/language.md), a duration of Python CPU with the GIL held that the
# runtime's loop factor does not scale.  An import of the program's own
# modules, or one in which something else was recorded (a module that
# starts a thread, sleeps, takes a program's lock), stays Python CPU: its
# body is the program's code.  A module already loaded costs a dictionary
# look-up and is not recorded.  (Here, not a module of its own: each module
# that every process loads costs 0.06 M instructions on CPython 3.8.)


def _install_imports():
    """Wraps builtins.__import__, and importlib.import_module once importlib
    is imported (patch_importlib: the recorder does not import it, so that
    the program's own import of it is recorded as it costs): returns the
    patch of importlib."""
    orig_import = builtins.__import__
    modules = sys.modules
    internal = _internal
    internal_cache = _internal_cache
    rec = _rec
    thread_time = _thread_time
    clock = _clock

    def timed(call, name, level, args, kwargs):
        try:
            f = sys._getframe(2)
        except ValueError:      # called from C with no caller of its own (3.13's -c)
            f = None
        if level or f is None:
            return call(*args, **kwargs)
        v = internal_cache.get(f.f_code.co_filename)      # (internal's cache, without its call)
        if v or v is None and internal(f.f_code.co_filename):
            return call(*args, **kwargs)
        r = rec()
        if r.depth or r.ignored:
            return call(*args, **kwargs)
        before, events, patched = len(modules), len(r.events), r.patched
        c0 = thread_time()
        w0 = clock()
        result = call(*args, **kwargs)
        if len(modules) > before and len(r.events) == events:
            c1 = thread_time()
            w1 = clock()
            if _library(list(modules.values())[before:], internal):
                # the recorder's patches of the modules loaded are not the import's
                d = r.patched - patched
                r.last -= d
                r.add("import", c0, c1 - d, w0, w1, {"module": name,
                                                      "loaded": len(modules) - before})
                r.last += d
        return result

    main_wait = _MAIN_WAIT

    def wrapped_import(name, globals=None, locals=None, fromlist=(), level=0):
        if main_wait:
            _check_main(2)
        if name in modules and not level and not fromlist:
            return orig_import(name, globals, locals, fromlist, level)
        # (the standard library's imports, most of them, without a call more:
        # each costs 1 k instructions on CPython 3.8)
        if not level:
            try:
                v = internal_cache.get(sys._getframe(1).f_code.co_filename)
            except ValueError:  # called from C with no caller of its own (3.13's -c)
                v = None
            if v:
                return orig_import(name, globals, locals, fromlist, level)
        return timed(orig_import, name, level, (name, globals, locals, fromlist, level), {})

    def patch_importlib(importlib):
        orig_import_module = importlib.import_module

        def wrapped_import_module(name, package=None):
            if name in modules:
                return orig_import_module(name, package)
            return timed(orig_import_module, name, name.startswith("."), (name, package), {})

        wrapped_import_module.__wrapped__ = orig_import_module
        importlib.import_module = wrapped_import_module

    wrapped_import.__wrapped__ = orig_import
    builtins.__import__ = wrapped_import
    return patch_importlib


def _library(mods, internal):
    """Whether the modules MODS are all the standard library's or
    installed packages' (site-packages), built in or frozen; the main
    module under another name (multiprocessing's __mp_main__) is none of
    the import's."""
    main = sys.modules.get("__main__")
    for m in mods:
        if m is main:
            continue
        path = getattr(m, "__file__", None)
        if path and not internal(path) and "-packages" not in path:
            return False
    return True


# ---------------------------------------------------------------------------
# writing

def _write_file(path, data, whole=True):
    """Writes the bytes DATA to PATH whole or not at all: into a file beside
    it, then renamed over it, so that a process killed while writing (a
    pool worker told to end) leaves no half-written file (in place when not
    WHOLE).  With os.open and os.write as they were before the recorder
    wrapped them: open()'s file objects cost more than the few writes."""
    tmp = "%s.%d.tmp" % (path, PID) if whole else path
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while data:
            data = data[_os_write(fd, data):]
    finally:
        os.close(fd)
    if whole:
        os.replace(tmp, path)


def _write_record(stem, x, whole=True, items=0):
    """The recorder's file STEM.marshal: X (a process's facts, or a thread's
    meta and events) as marshal writes it, in its version 4, which every
    CPython from 3.4 on reads (the converter, recording.load, may run
    another Python than this process), or for X of one ITEM (event,
    object) or none in its version 2, without references (each object met
    again written once, then referred to), which every CPython 3 reads:
    the references' table costs such a file more than they save (7 k
    instructions on CPython 3.8, 2 k on 3.9 to 3.13), and each event more
    saves about 1 k.
    One call in C, where writing JSON
    in Python cost each thread 0.3 M instructions on CPython 3.8.  Where
    X holds what marshal does not write (a subclass of str or int: a
    thread's name the program made so), STEM.json(l) instead, as JSON
    (jsonlite.py, loaded then), and no STEM.marshal of an earlier write."""
    try:
        data = marshal.dumps(x, 4 if items > 1 else 2)
    except ValueError:
        ext, data = _module("jsonlite").record(x)
        _write_file(stem + ext, data, whole)
        try:
            os.unlink(stem + ".marshal")
        except OSError:
            pass
        return
    _write_file(stem + ".marshal", data, whole)


def _calibrate():
    """_cost: the CPU time of one reading of the thread's CPU clock and of
    one ThreadRec.add, measured once, when the first thread is written.
    (One add(): called here, at a thread's end or the process's, it walks
    every frame of the stack for its site, 10 k instructions on CPython
    3.8, more than an event's add() in the program.)"""
    w = _thread_time()
    _thread_time()
    read = (_thread_time() - w) / 2
    d = ThreadRec(-1, ignored=True)
    w = _thread_time()
    d.add("calibration", 0.0, None, 0.0, 0.0)
    _cost[:] = [read, max(0.0, _thread_time() - w - read)]


def _write_thread(r, state):
    if r.ignored or OUT is None:
        return
    c0 = _thread_time()
    events, r.events = r.events, []
    if events and not _cost:
        _calibrate()
    cost = r.overhead + (len(events) * _cost[1] + r.reads * _cost[0] if events else 0.0)
    tail = c0 - r.last
    r.meta.update(state=state, t_end=_clock(), cpu=c0, pid=PID,
                  overhead=cost, tail=tail if tail > 0.0 else 0.0)
    path = "%s/t-%d-%d" % (OUT, PID, r.tid)
    me = _rec()
    me.depth += 1               # the recorder's own writes are not the program's
    try:
        _write_record(path, (r.meta, events), items=len(events))
    except OSError as e:
        sys.stderr.write("gilsim record: cannot write %s: %s\n" % (path, e))
    finally:
        me.depth -= 1
    _proc["overhead"] = _proc.get("overhead", 0.0) + cost + (_thread_time() - c0)


def _write_process_early():
    """p-PID.marshal as the process starts, for a process that never ends
    normally (os._exit, a signal): rewritten at its end, whole.  (Written
    in place: a process killed in these microseconds leaves a file that
    the converter leaves out with a warning.  Before sys.monitoring starts:
    not seen.)"""
    try:
        _write_record("%s/p-%d" % (OUT, PID), dict(_proc, state="running"), False,
                      len(_objects))
    except OSError:
        pass


def _write_process(state):
    if OUT is None or _proc.get("written"):
        return
    _ending["writing"] = True
    try:
        _write_process_files(state)
    finally:
        _ending["writing"] = False
    if _ending.get("die"):
        # (a SIGTERM came while writing: processes.py's handler)
        _module("processes").die()


def _write_process_files(state):
    main = getattr(_local, "rec", None)
    for r in list(_live):
        _write_thread(r, "running" if r is not main else state)
    del _live[:]
    _proc.update(written=True, t_end=_clock(), cpu=time.process_time(), objects=_objects)
    path = "%s/p-%d" % (OUT, PID)
    me = _rec()
    me.depth += 1
    try:
        _write_record(path, _proc, items=len(_objects))
    except OSError as e:
        sys.stderr.write("gilsim record: cannot write %s: %s\n" % (path, e))
    finally:
        me.depth -= 1


_LOAD = [None]                # sitecustomize's _preload, when it started the recorder


def _module(name):
    """The recorder's module NAME (threads, sync, ...), loaded at its first
    use: by sitecustomize's _preload, without the import system (which
    costs more than the module's own code), where it started the recorder;
    else imported.  (The recorder's modules take each other from
    sys.modules, `_R = sys.modules[__package__ + ".recorder"]`: a relative
    import costs every recorded process 0.03 M instructions.)"""
    m = sys.modules.get(__package__ + "." + name)
    if m is None:
        if _LOAD[0] is not None:
            return _LOAD[0]([name])
        __import__(__package__ + "." + name)
        m = sys.modules[__package__ + "." + name]
    return m


# the modules the recorder patches, as they are imported (or at its start,
# those already loaded): the recorder's module that patches each, loaded
# then, its function and the arguments after the module
_PATCHES = {
    "time": ("recorder", "patch_time"),
    "os": ("recorder", "patch_os"),
    "threading": ("threads", "patch_threading"),
    "queue": ("sync", "patch_queue"),
    "multiprocessing.process": ("processes", "patch_mp_process"),
    "multiprocessing.pool": ("processes", "patch_mp_pool"),
    "concurrent.futures.thread": ("executors", "patch", True),
    "concurrent.futures.process": ("executors", "patch", False),
    "importlib": ("recorder", "patch_importlib"),
    "hashlib": ("libcalls", "patch_hashlib"),
    "zlib": ("libcalls", "patch_zlib"),
    "socket": ("libcalls", "patch_socket"),
    "select": ("libcalls", "patch_select"),
    "selectors": ("libcalls", "patch_selectors"),
    "subprocess": ("libcalls", "patch_subprocess"),
    "_posixsubprocess": ("limits", "guard_module"),
}
if getattr(sys, "monitoring", None) is not None:
    _PATCHES["runpy"] = ("monitor", "patch_runpy")


def _patch(name, mod):
    """Patches the module MOD, named NAME in _PATCHES."""
    how = _PATCHES[name]
    getattr(_module(how[0]), how[1])(mod, *how[2:])


patch_importlib = None        # importlib's patch, made in start() (_install_imports)


def _patching_loader(loader, name):
    """LOADER, a module's, followed by the recorder's patch of the module
    NAME: a namespace with the methods the import system calls, not a
    class (a class costs every recorded process 75 k instructions to make,
    and as much to tear down).  The module then has LOADER as its loader
    (linecache, pkgutil, importlib.resources ask it), not this one."""

    def create_module(spec):
        create = getattr(loader, "create_module", None)
        return create(spec) if create else None

    def exec_module(module):
        spec = getattr(module, "__spec__", None)
        if spec is not None and spec.loader is ns:
            spec.loader = loader
        if getattr(module, "__loader__", None) is ns:
            module.__loader__ = loader
        loader.exec_module(module)
        # the patch (and the recorder's modules it loads) is the recorder's
        # work: its overhead, neither the thread's Python time nor the
        # import's (_install_imports takes r.patched out of it)
        r = _rec()
        c0 = _thread_time()
        try:
            _patch(name, module)
        except Exception as e:
            sys.stderr.write("gilsim record: cannot patch %s: %r\n" % (module.__name__, e))
        dt = _thread_time() - c0
        r.overhead += dt
        r.last += dt
        r.patched += dt

    ns = _NS(create_module=create_module, exec_module=exec_module)
    # what runpy (python -m NAME) asks of a module's loader besides
    for attr in ("get_code", "is_package", "get_filename", "get_source"):
        m = getattr(loader, attr, None)
        if m is not None:
            setattr(ns, attr, m)
    return ns


def _find_spec(name, path=None, target=None):
    """The recorder's finder (sys.meta_path's first): patches the modules of
    _PATCHES as they are imported, through the spec the next finder gives
    (the recorder imports none of them itself: multiprocessing alone costs
    30 ms).  A function in a namespace, not a class: a class costs every
    recorded process 75 k instructions to make, and as much to tear down."""
    if name not in _PATCHES:
        return None
    for finder in sys.meta_path:
        if finder is _FINDER or not hasattr(finder, "find_spec"):
            continue
        spec = finder.find_spec(name, path, target)
        if spec is not None:
            if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = _patching_loader(spec.loader, name)
            return spec
    return None


# (sys.implementation's type: types.SimpleNamespace, without importing types)
_NS = type(sys.implementation)
_FINDER = _NS(find_spec=_find_spec)


def _after_fork():
    global PID
    PID = os.getpid()
    _proc.clear()
    _proc.update(pid=PID, ppid=os.getppid(), t_start=_clock(), exe=sys.executable,
                 forked=True, overhead=0.0)
    del _live[:]
    r = ThreadRec(0)
    r.meta["name"] = "MainThread"
    _local.rec = r
    _live.append(r)


def _builtin(name):
    """The built-in module NAME (atexit), made as the import system makes
    it but without it: its finders and locks cost every recorded process
    0.1 M instructions, more than the module."""
    m = sys.modules.get(name)
    if m is None:
        import _imp
        boot = sys.modules["_frozen_importlib"]
        spec = boot.ModuleSpec(name, boot.BuiltinImporter, origin="built-in")
        m = _imp.create_builtin(spec)
        m.__spec__, m.__loader__, m.__package__ = spec, boot.BuiltinImporter, ""
        _imp.exec_builtin(m)
        m = sys.modules.setdefault(name, m)
    return m


def _at_exit():
    _write_process("ended")


_MAIN_WAIT = []               # [builtins.open] while sys.monitoring waits for the main module


# (defined only where sys.monitoring exists, CPython 3.12 and later: each
# function costs every recorded process 15 k instructions on CPython 3.8)
if getattr(sys, "monitoring", None) is not None:
    def start_monitoring():
        """sys.monitoring's part of the recorder (monitor.py), on CPython 3.12
        and later, made ready by sitecustomize.py last: started at the first
        import or open() of the program's main module (_check_main), which it
        then watches, not before, so that neither the code the interpreter
        runs before the program (site.py's) nor every function that runs
        until then is instrumented, and a program that imports nothing loads
        nothing of it."""
        orig = builtins.open

        def open(*args, **kwargs):
            if _MAIN_WAIT:
                _check_main(2)
            return orig(*args, **kwargs)
        open.__wrapped__ = orig
        _MAIN_WAIT.append(orig)
        builtins.open = open

    def _check_main(depth):
        """Starts sys.monitoring (monitor.py) if the caller's frame, DEPTH up,
        runs in the program's main module (or in a function it calls): what
        the first imports (_install_imports) and open() calls do while _MAIN_WAIT."""
        try:
            f = sys._getframe(depth)
        except ValueError:          # called from C with no caller of its own (3.13's -c)
            return
        while f is not None:
            code = f.f_code
            if code.co_name == "<module>" and \
                    f.f_globals.get("__name__") in ("__main__", "__mp_main__") and \
                    not _internal(code.co_filename):
                break
            f = f.f_back
        if f is None or not _MAIN_WAIT:
            return
        c0 = _thread_time()
        orig = _MAIN_WAIT.pop()
        if getattr(builtins.open, "__wrapped__", None) is orig:
            builtins.open = orig
        try:
            _module("monitor").start_monitoring(code)
        except Exception as e:
            sys.stderr.write("gilsim record: sys.monitoring not used: %r\n" % (e,))
        dt = _thread_time() - c0
        _proc["overhead"] = _proc.get("overhead", 0.0) + dt
        r = _rec()
        r.last += dt


def start(t_hook=None, c_hook=None, load=None, out=None):
    """Starts recording this process into the folder $GILSIM_RECORD_OUT.
    T_HOOK (time.monotonic) is when the interpreter reached the hook that
    loads the recorder: the end of its start-up (now if not given); C_HOOK
    the thread's CPU time then: the recorder's import, from then on, counts
    in its overhead.  LOAD: how to load the recorder's other modules
    (sitecustomize's _preload), else imported; OUT: $GILSIM_RECORD_OUT,
    where sitecustomize read it."""
    global OUT, PID, patch_importlib
    c0 = _thread_time() if c_hook is None else c_hook
    OUT = out or os.environ["GILSIM_RECORD_OUT"]
    PID = os.getpid()
    _proc.update(pid=PID, ppid=os.getppid(),
                 t_start=t_hook if t_hook is not None else _clock(), exe=sys.executable,
                 version=list(sys.version_info[:3]), argv=list(sys.argv),
                 gil=sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True,
                 implementation=sys.implementation.name, forked=False)
    root = os.environ.get("GILSIM_RECORD_PARENT")
    _proc["root"] = root is not None and str(os.getppid()) == root
    _write_process_early()
    if _proc["root"]:
        # for gilsim record: the interpreter that makes the scenario
        _write_file(OUT + "/python.txt", (sys.executable + "\n").encode(), False)
    r = ThreadRec(0)
    r.meta["name"] = "MainThread"
    _local.rec = r
    _live.append(r)
    _LOAD[0] = load
    patch_importlib = _install_imports()
    # (the modules loaded already, time and os: found in C, not with a
    # look-up a name of _PATCHES)
    for name in sorted(_PATCHES.keys() & sys.modules.keys()):
        _patch(name, sys.modules[name])
    sys.meta_path.insert(0, _FINDER)
    os.register_at_fork(after_in_child=_after_fork)
    _builtin("atexit").register(_at_exit)
    _proc["overhead"] = _thread_time() - c0
    r.lw = _clock()
    r.last = _thread_time()
