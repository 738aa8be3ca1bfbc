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

Each thread's events go to OUT/t-PID-TID.jsonl when it ends (the main
thread's at exit), one JSON object a line after a first "meta" line; each
process writes OUT/p-PID.json at its end.  Fork children start afresh
(os.register_at_fork); spawn and forkserver children inherit the
environment, so they load the recorder themselves.
"""
import itertools
import os
import sys
import threading
import time
import _thread

from . import jsonlite

_thread_time = time.thread_time
_clock = time.monotonic
_orig_sleep = time.sleep
_alloc = _thread.allocate_lock

OUT = None
PID = None
MAX_EVENTS = 2000000          # per thread: beyond, the thread stops recording
LARGE = 2048                  # hashlib and zlib release the GIL from this size

_local = threading.local()
_tids = itertools.count(1)
_objs = itertools.count(1)
_tags = itertools.count(1)
_live = []                    # ThreadRec of this process not yet written
_proc = {}                    # this process's facts, for p-PID.json
_objects = {}                 # id -> the synchronisation objects made so far
_cost = [0.0, 0.0]            # one read of the thread's CPU clock, one add() (CPU s)
_HERE = os.path.dirname(os.path.abspath(__file__))
_STDLIB = os.path.dirname(os.__file__)
_internal_cache = {}
_NAME_RE = []                 # compiled at the first object made (re is not imported before)


def _internal(filename):
    """Whether FILENAME is the standard library's or the recorder's."""
    v = _internal_cache.get(filename)
    if v is None:
        v = (filename.startswith("<frozen") or filename.startswith(_HERE) or
             (filename.startswith(_STDLIB) and "-packages" not in filename))
        _internal_cache[filename] = v
    return v


def _site(depth=2):
    """FILE:LINE of the innermost frame of the user's code that called."""
    f = sys._getframe(depth)
    while f is not None and _internal(f.f_code.co_filename):
        f = f.f_back
    if f is None:
        return None
    return "%s:%d" % (f.f_code.co_filename, f.f_lineno)


def _caller_internal(depth=2):
    f = sys._getframe(depth)
    return _internal(f.f_code.co_filename)


def _guess_name(kind, depth=2, params=None):
    """A name for an object created at the caller's line: the variable it
    is assigned to (jobs = queue.Queue() gives 'jobs'), else KIND and the
    line it was made at (queue_worker_py_12), so that the name stays the
    same from one recording to the next.  PARAMS: what the object was made
    with (a queue's maxsize, a semaphore's value, a barrier's parties)."""
    f = sys._getframe(depth)
    while f is not None and _internal(f.f_code.co_filename):
        f = f.f_back
    name, site = kind, None
    if f is not None:
        site = "%s:%d" % (f.f_code.co_filename, f.f_lineno)
        if not _NAME_RE:
            # the recorder's own imports: its overhead, not the thread's work
            c = _thread_time()
            import linecache  # noqa: F401
            import re
            _NAME_RE.append(re.compile(r"^\s*(?:self\.|cls\.)?([A-Za-z_]\w*)\s*(?::[^=]*)?=[^=]"))
            r = _rec()
            r.last += _thread_time() - c
            r.overhead += _thread_time() - c
        import linecache
        import re
        m = _NAME_RE[0].match(linecache.getline(f.f_code.co_filename, f.f_lineno))
        if m:
            name = m.group(1)
        else:
            base = os.path.basename(f.f_code.co_filename)
            name = "%s_%s_%d" % (kind, re.sub(r"\W", "_", base), f.f_lineno)
    obj = {"name": name, "id": next(_objs), "site": site, "type": kind}
    if params:
        obj.update(params)
    _objects[obj["id"]] = obj
    return obj["id"]


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
        self.overhead = 0.0
        self.meta = {"tid": tid, "t_start": _clock()}
        self.last = _thread_time()

    def add(self, kind, c0, c1, w0, w1, extra=None):
        """Records an event whose call began at thread CPU time C0 and wall
        time W0 and ended at C1 and W1.  C1 None for a call that waits
        rather than computes (a sleep, a lock): its little CPU time then
        counts as the next Python code's, and the thread's CPU clock (a
        system call) is read once instead of twice."""
        reads = 1 if c1 is None else 2
        if c1 is None:
            c1 = c0
        if len(self.events) < MAX_EVENTS:
            self.events.append((kind, _site(3), c0 - self.last, c1 - c0, w1 - w0, w0, extra))
        elif "truncated" not in self.meta:
            self.meta["truncated"] = w0
        self.last = c1
        # the recorder's own time: this bookkeeping, and the clock reads,
        # as CPU time measured at the start (wall time read here would
        # count the time the thread is preempted on a busy machine)
        self.overhead += _cost[1] + reads * _cost[0]

    def mark(self, kind, extra=None):
        """An event without a duration of its own (a release, a task's
        start or end)."""
        c0 = _thread_time()
        w = _clock()
        self.add(kind, c0, None, w, w, extra)


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
        c0 = _thread_time()
        w0 = _clock()
        result = None
        try:
            result = fn(*args, **kwargs)
            return result
        finally:
            w1 = _clock()
            c1 = None if waits else _thread_time()
            r.depth -= 1
            r.add(kind, c0, c1, w0, w1, describe(args, kwargs, result) if describe else {})
    wrapper.__name__ = getattr(fn, "__name__", kind)
    wrapper.__doc__ = getattr(fn, "__doc__", None)
    wrapper.__wrapped__ = fn
    return wrapper


# ---------------------------------------------------------------------------
# writing

def _write_file(path, parts):
    """Writes the strings PARTS to PATH whole or not at all: into a file
    beside it, then renamed over it, so that a process killed while
    writing (a pool worker told to end) leaves no half-written file."""
    tmp = "%s.%d.tmp" % (path, PID)
    with open(tmp, "w") as f:
        f.writelines(parts)
    os.replace(tmp, path)


def _write_thread(r, state):
    if r.ignored or OUT is None:
        return
    c0 = _thread_time()
    r.meta.update(state=state, t_end=_clock(), cpu=_thread_time(), pid=PID,
                  overhead=r.overhead, tail=max(0.0, c0 - r.last))
    path = os.path.join(OUT, "t-%d-%d.jsonl" % (PID, r.tid))
    events, r.events = r.events, []
    me = _rec()
    me.depth += 1               # the recorder's own writes are not the program's
    try:
        _write_file(path, jsonlite.lines({"meta": r.meta}, events))
    except OSError as e:
        sys.stderr.write("gilsim record: cannot write %s: %s\n" % (path, e))
    finally:
        me.depth -= 1
    _proc["overhead"] = _proc.get("overhead", 0.0) + r.overhead + (_thread_time() - c0)


def _write_process_early():
    """p-PID.json as the process starts, for a process that never ends
    normally (os._exit, a signal): rewritten at its end.  (Before
    sys.monitoring starts: not seen.)"""
    try:
        _write_file(os.path.join(OUT, "p-%d.json" % PID), [jsonlite.dumps(dict(_proc, state="running"))])
    except OSError:
        pass


def _write_process(state):
    if OUT is None or _proc.get("written"):
        return
    _proc["writing"] = True
    try:
        _write_process_files(state)
    finally:
        _proc["writing"] = False
    if _proc.get("die"):
        _die()


def _die():
    """Ends this process of the SIGTERM it was sent while writing."""
    import signal
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _write_process_files(state):
    main = getattr(_local, "rec", None)
    for r in list(_live):
        _write_thread(r, "running" if r is not main else state)
    del _live[:]
    _proc.update(written=True, t_end=_clock(), cpu=time.process_time(), objects=_objects)
    path = os.path.join(OUT, "p-%d.json" % PID)
    me = _rec()
    me.depth += 1
    try:
        _write_file(path, [jsonlite.dumps(_proc)])
    except OSError as e:
        sys.stderr.write("gilsim record: cannot write %s: %s\n" % (path, e))
    finally:
        me.depth -= 1


# ---------------------------------------------------------------------------
# threads

def _patch_threading(threading_mod):
    T = threading_mod.Thread
    orig_start, orig_join, orig_inner = T.start, T.join, T._bootstrap_inner

    def start(self):
        r = _rec()
        if r.depth and r.pool_starts and not r.ignored:
            # a thread pool's worker (executors.py): recorded, its start
            # the pool statement's
            self._gilsim_tid = next(_tids)
            self._gilsim_pool = True
            return orig_start(self)
        if r.ignored or r.depth or _caller_internal() and "multiprocessing" in \
                sys._getframe(1).f_code.co_filename:
            self._gilsim_tid = None
            return orig_start(self)
        self._gilsim_tid = tid = next(_tids)
        target = getattr(self, "_target", None)
        fn = getattr(target, "__qualname__", None) or type(self).__name__ + ".run"
        code = getattr(target, "__code__", None) or getattr(type(self).run, "__code__", None)
        r.depth += 1
        c0, w0 = _thread_time(), _clock()
        try:
            return orig_start(self)
        finally:
            w1, c1 = _clock(), None
            r.depth -= 1
            r.add("start", c0, c1, w0, w1, {
                "tid": tid, "fn": fn, "daemon": self.daemon, "name": self.name,
                "def": code and "%s:%d" % (code.co_filename, code.co_firstlineno)})

    def join(self, timeout=None):
        r = _rec()
        tid = getattr(self, "_gilsim_tid", None)
        if r.ignored or r.depth or tid is None or getattr(self, "_gilsim_pool", False):
            return orig_join(self, timeout)
        r.depth += 1
        c0, w0 = _thread_time(), _clock()
        try:
            return orig_join(self, timeout)
        finally:
            w1, c1 = _clock(), None
            r.depth -= 1
            r.add("join", c0, c1, w0, w1, {"tid": tid, "done": not self.is_alive()})

    def bootstrap_inner(self):
        tid = getattr(self, "_gilsim_tid", None)
        r = ThreadRec(tid if tid is not None else next(_tids), ignored=tid is None)
        r.meta["name"] = self.name
        _local.rec = r
        if not r.ignored:
            _live.append(r)
        try:
            orig_inner(self)
        finally:
            if r in _live:
                _live.remove(r)
                _write_thread(r, "ended")

    T.start, T.join, T._bootstrap_inner = start, join, bootstrap_inner

    def make_lock():
        if _caller_internal():
            return _alloc()
        return Lock(_guess_name("lock"))
    threading_mod.Lock = make_lock

    # queue.Queue (patch_queue), Event, Condition, Semaphore, Barrier:
    # operations on named objects
    from . import sync
    sync.patch_threading(threading_mod)
    sync.patch_rlock(threading_mod)


class Lock(object):
    """threading.Lock() made by the user's code: a real lock whose blocking
    acquisitions and their releases are events on a named object."""

    def __init__(self, obj):
        self._lock = _alloc()
        self._gilsim_obj = obj
        self._owner = None

    def acquire(self, blocking=True, timeout=-1):
        r = _rec()
        if not blocking or r.depth or r.ignored:
            return self._lock.acquire(blocking, timeout)
        r.depth += 1
        c0, w0 = _thread_time(), _clock()
        try:
            ok = self._lock.acquire(blocking, timeout)
        finally:
            w1, c1 = _clock(), None
            r.depth -= 1
        if ok:
            self._owner = r
            r.add("acquire", c0, c1, w0, w1, {"obj": self._gilsim_obj})
        return ok

    def __enter__(self):
        return self.acquire()

    def release(self):
        owner, self._owner = self._owner, None
        self._lock.release()
        if owner is not None:
            r = _rec()
            if r is owner and not r.depth:
                r.mark("release", {"obj": self._gilsim_obj})

    def __exit__(self, *exc):
        self.release()

    def locked(self):
        return self._lock.locked()

    def _at_fork_reinit(self):
        self._lock = _alloc()
        self._owner = None

    def __repr__(self):
        return "<gilsim-recorded lock %s %r>" % (_objects[self._gilsim_obj]["name"],
                                                 self._lock)


def _patch_queue(queue_mod):
    from . import sync
    sync.patch_queue(queue_mod)


# ---------------------------------------------------------------------------
# processes

def _target_of(proc):
    target = getattr(proc, "_target", None)
    fn = getattr(target, "__qualname__", None) or type(proc).__name__ + ".run"
    code = getattr(target, "__code__", None) or getattr(type(proc).run, "__code__", None)
    return fn, code and "%s:%d" % (code.co_filename, code.co_firstlineno), target


def _patch_mp_process(process_mod):
    P = process_mod.BaseProcess
    orig_start, orig_join, orig_boot = P.start, P.join, P._bootstrap

    def start(self):
        r = _rec()
        if r.ignored or r.depth or _caller_internal():
            return orig_start(self)
        fn, site, _ = _target_of(self)
        r.depth += 1
        c0, w0 = _thread_time(), _clock()
        try:
            return orig_start(self)
        finally:
            w1, c1 = _clock(), None
            r.depth -= 1
            r.add("pstart", c0, c1, w0, w1, {
                "pid": self.pid, "fn": fn, "def": site, "name": self.name,
                "method": getattr(self, "_start_method", None) or _start_method(self)})

    def join(self, timeout=None):
        r = _rec()
        if r.ignored or r.depth or _caller_internal():
            return orig_join(self, timeout)
        r.depth += 1
        c0, w0 = _thread_time(), _clock()
        try:
            return orig_join(self, timeout)
        finally:
            w1, c1 = _clock(), None
            r.depth -= 1
            r.add("pjoin", c0, c1, w0, w1, {"pid": self.pid})

    def bootstrap(self, *args, **kwargs):
        fn, site, target = _target_of(self)
        pool = getattr(target, "__module__", "") == "multiprocessing.pool"
        _proc.update(role="pool" if pool else "process", fn=fn, name=self.name)
        if pool:
            _write_on_sigterm()
        r = _rec()
        r.events = []               # the process's body starts here
        r.last = _thread_time()
        code = 1
        try:
            code = orig_boot(self, *args, **kwargs)
            return code
        finally:
            _proc["exitcode"] = code
            _write_process("ended")

    P.start, P.join, P._bootstrap = start, join, bootstrap


def _write_on_sigterm():
    """Pool.terminate() (and so `with Pool() as p:`) ends its workers with
    SIGTERM: a worker writes its events first, then dies of the signal."""
    import signal

    def handler(signum, frame):
        if _proc.get("terminating"):
            return              # a second SIGTERM while writing
        if _proc.get("writing"):
            # the worker was writing its events as it ended on its own: it
            # finishes them, then dies of this signal (_write_process)
            _proc["die"] = True
            return
        _proc["terminating"] = True
        # whatever happens while writing, the worker ends as it was told to,
        # within 5 s at most: the pool (and whoever reads its output) waits
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(5)
        try:
            _write_process("terminated")
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):
        pass


def _suppressing(fn):
    """FN, during which the calling thread records nothing: the work of
    multiprocessing's own machinery (a pool's start and end), which the
    platform's process costs stand for."""
    def wrapper(*args, **kwargs):
        r = _rec()
        r.depth += 1
        try:
            return fn(*args, **kwargs)
        finally:
            r.depth -= 1
    wrapper.__wrapped__ = fn
    return wrapper


def _start_method(proc):
    try:
        import multiprocessing
        return multiprocessing.get_start_method()
    except Exception:
        return None


class PoolTask(object):
    """A pool's function (Pool.map, an executor's submit or map), wrapped so
    that each item's work in the worker (process or thread) is marked by
    task events carrying the pool's TAG; pickled to a process pool's
    workers by reference, as FN is."""

    def __init__(self, fn, tag):
        self.fn = fn
        self.tag = tag

    def __call__(self, *args, **kwargs):
        r = _rec()
        r.mark("task", {"tag": self.tag, "edge": "begin"})
        try:
            return self.fn(*args, **kwargs)
        finally:
            r.mark("task", {"tag": self.tag, "edge": "end"})


def _pickled_size(items):
    import pickle
    try:
        sample = items[:8]
        if not sample:
            return 0
        return sum(len(pickle.dumps(x)) for x in sample) / len(sample)
    except Exception:
        return 0


def _patch_mp_pool(pool_mod):
    Pool = pool_mod.Pool
    for m in ("__init__", "close", "terminate", "join", "__exit__"):
        setattr(Pool, m, _suppressing(getattr(Pool, m)))
    for m in ("map", "starmap"):
        orig = getattr(Pool, m)

        def make(orig, m):
            def mapper(self, func, iterable, chunksize=None):
                r = _rec()
                if r.ignored or r.depth:
                    return orig(self, func, iterable, chunksize)
                items = iterable if hasattr(iterable, "__len__") and \
                    hasattr(iterable, "__getitem__") else list(iterable)
                tag = "%d-%d" % (PID, next(_tags))
                c0 = _thread_time()
                argsize = _pickled_size(items)
                r.overhead += _thread_time() - c0
                r.depth += 1
                c0, w0 = _thread_time(), _clock()
                result = None
                try:
                    result = orig(self, PoolTask(func, tag), items, chunksize)
                    return result
                finally:
                    w1, c1 = _clock(), None
                    r.depth -= 1
                    code = getattr(func, "__code__", None)
                    try:
                        method = self._ctx.get_start_method()
                    except Exception:
                        method = None
                    r.add("pool", c0, c1, w0, w1, {
                        "tag": tag, "op": m, "processes": self._processes,
                        "items": len(items), "chunksize": chunksize, "method": method,
                        "fn": getattr(func, "__qualname__", "func"),
                        "def": code and "%s:%d" % (code.co_filename, code.co_firstlineno),
                        "argsize": argsize,
                        "resultsize": _pickled_size(result) if result else 0})
            return mapper
        setattr(Pool, m, make(orig, m))


# ---------------------------------------------------------------------------
# calls that release the GIL

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


def _patch_hashlib(hashlib_mod):
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


def _patch_zlib(zlib_mod):
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


def _patch_os(os_mod):
    for name in ("read", "write"):
        setattr(os_mod, name, _timed("io", getattr(os_mod, name), _os_describe("os." + name)))
    os_mod.fsync = _timed("io", os_mod.fsync, _io_describe("os.fsync"))


def _patch_socket(socket_mod):
    S = socket_mod.socket
    for name in ("recv", "recv_into", "recvfrom", "send", "sendall", "sendto",
                 "accept", "connect"):
        orig = getattr(S, name, None)
        if orig is not None:
            setattr(S, name, _timed("io", orig, _io_describe("socket." + name)))


def _patch_select(select_mod):
    select_mod.select = _timed("io", select_mod.select, _io_describe("select.select"))


def _patch_selectors(selectors_mod):
    """The selectors of selectors (asyncio's event loop waits in them)."""
    for name, cls in list(vars(selectors_mod).items()):
        if isinstance(cls, type) and issubclass(cls, selectors_mod.BaseSelector) and \
                cls is not selectors_mod.BaseSelector and "select" in cls.__dict__:
            cls.select = _timed("io", cls.__dict__["select"],
                                _io_describe("selectors.%s.select" % cls.__name__))


def _patch_subprocess(subprocess_mod):
    P = subprocess_mod.Popen
    for name in ("wait", "communicate"):
        setattr(P, name, _timed("io", getattr(P, name), lambda a, k, r, n=name: {
            "fn": "subprocess.Popen." + n, "bytes": 0}))
    for name in ("run", "call", "check_call", "check_output"):
        setattr(subprocess_mod, name, _timed("io", getattr(subprocess_mod, name),
                                             lambda a, k, r, n=name: {
                                                 "fn": "subprocess." + n, "bytes": 0}))


def _patch_time(time_mod):
    time_mod.sleep = _timed("sleep", _orig_sleep, lambda a, k, r: {
        "secs": float(a[0]) if a else float(k.get("secs", 0))}, waits=True)


_PATCHES = {
    "time": _patch_time,
    "os": _patch_os,
    "threading": _patch_threading,
    "queue": _patch_queue,
    "multiprocessing.process": _patch_mp_process,
    "multiprocessing.pool": _patch_mp_pool,
    "concurrent.futures.thread": lambda mod: _executors().patch(mod, True),
    "concurrent.futures.process": lambda mod: _executors().patch(mod, False),
    "hashlib": _patch_hashlib,
    "zlib": _patch_zlib,
    "socket": _patch_socket,
    "select": _patch_select,
    "selectors": _patch_selectors,
    "subprocess": _patch_subprocess,
}


def _executors():
    from . import executors
    return executors


def _start_monitoring():
    """On CPython 3.12 and later, sys.monitoring sees the calls no wrapper
    can reach: the read and write methods of file objects (open()'s),
    methods of C types.  Each call site whose callee is anything else is
    switched off at its first call (DISABLE), so that the program runs at
    full speed once every site has been seen."""
    mon = getattr(sys, "monitoring", None)
    if mon is None:
        return
    tool = next((t for t in (mon.PROFILER_ID, 4, 3) if mon.get_tool(t) is None), None)
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
        if name is None or code.co_filename.startswith("<frozen"):
            return disable          # not a file method, or the import system's reads
        r = _rec()
        if r.depth or r.ignored:
            return None
        r.depth += 1
        r.pending = (name, arg0, _thread_time(), _clock())
        return None

    def on_return(code, offset, callee, arg0):
        r = _rec()
        p = getattr(r, "pending", None)
        if p is None or p[1] is not arg0:
            return None
        w1, c1 = _clock(), _thread_time()
        r.pending = None
        name, obj, c0, w0 = p
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

    mon.use_tool_id(tool, "gilsim record")
    ev = mon.events
    mon.register_callback(tool, ev.CALL, on_call)
    mon.register_callback(tool, ev.C_RETURN, on_return)
    mon.register_callback(tool, ev.C_RAISE, on_return)
    mon.set_events(tool, ev.CALL)       # C_RETURN and C_RAISE come with CALL


class _PatchingLoader(object):
    """A module's loader, followed by the recorder's patch of the module."""

    def __init__(self, loader, patch):
        self._loader = loader
        self._patch = patch

    def create_module(self, spec):
        create = getattr(self._loader, "create_module", None)
        return create(spec) if create else None

    def exec_module(self, module):
        self._loader.exec_module(module)
        try:
            self._patch(module)
        except Exception as e:
            sys.stderr.write("gilsim record: cannot patch %s: %r\n" % (module.__name__, e))

    def __getattr__(self, attr):
        return getattr(self._loader, attr)


class _PatchFinder(object):
    """Patches the modules of _PATCHES as they are imported: the recorder
    imports none of them itself (multiprocessing alone costs 30 ms)."""

    def find_spec(self, name, path=None, target=None):
        patch = _PATCHES.get(name)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _PatchingLoader(spec.loader, patch)
                return spec
        return None


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


def _at_exit():
    _write_process("ended")


def start(t_hook=None, c_hook=None):
    """Starts recording this process into the folder $GILSIM_RECORD_OUT.
    T_HOOK (time.monotonic) is when the interpreter reached the hook that
    loads the recorder: the end of its start-up (now if not given); C_HOOK
    the thread's CPU time then: the recorder's import, from then on, counts
    in its overhead."""
    global OUT, PID
    c0 = _thread_time() if c_hook is None else c_hook
    OUT = os.environ["GILSIM_RECORD_OUT"]
    PID = os.getpid()
    _proc.update(pid=PID, ppid=os.getppid(),
                 t_start=t_hook if t_hook is not None else _clock(), exe=sys.executable,
                 version=list(sys.version_info[:3]), argv=list(sys.argv),
                 gil=getattr(sys, "_is_gil_enabled", lambda: True)(),
                 implementation=sys.implementation.name, forked=False)
    root = os.environ.get("GILSIM_RECORD_PARENT")
    _proc["root"] = root is not None and str(os.getppid()) == root
    _write_process_early()
    if _proc["root"]:
        # for gilsim record: the interpreter that makes the scenario
        with open(os.path.join(OUT, "python.txt"), "w") as f:
            f.write(sys.executable + "\n")
    r = ThreadRec(0)
    r.meta["name"] = "MainThread"
    _local.rec = r
    _live.append(r)
    for name, patch in _PATCHES.items():
        if name in sys.modules:
            patch(sys.modules[name])
    sys.meta_path.insert(0, _PatchFinder())
    from . import imports
    imports.install(sys.modules[__name__])
    try:
        _start_monitoring()
    except Exception as e:
        sys.stderr.write("gilsim record: sys.monitoring not used: %r\n" % (e,))
    os.register_at_fork(after_in_child=_after_fork)
    import atexit
    atexit.register(_at_exit)
    w = _thread_time()
    for _ in range(20):
        _thread_time()
    _cost[0] = (_thread_time() - w) / 21
    d = ThreadRec(-1, ignored=True)
    w = _thread_time()
    for _ in range(20):
        d.add("calibration", 0.0, None, 0.0, 0.0)
    _cost[1] = max(0.0, (_thread_time() - w) / 20 - _cost[0] / 20)
    _proc["overhead"] = _thread_time() - c0
    r.last = _thread_time()
