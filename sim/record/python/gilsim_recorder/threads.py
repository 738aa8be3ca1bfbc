"""threads.py: threading and queue, patched as the program imports them.

Thread.start and Thread.join become events of the threads started (their
function, where it is defined), each thread records into its own ThreadRec
from its first instruction (Thread._bootstrap_inner) and writes its events
as it ends; threading.Lock() made by the program is a Lock of this module,
a named object whose blocking acquisitions are events (locks.py); the other objects
(RLock, Event, Condition, Semaphore, Barrier, queue.Queue) are sync.py's.
Part of the recorder (recorder.py holds its state and its clock).
"""
import sys

_R = sys.modules[__package__ + ".recorder"]     # (calls.py says why)
(ThreadRec, _alloc, _caller_internal, _clock, _live, _made_by_program, _local, _module, _rec,
 _tids, _write_thread) = (
    _R.ThreadRec, _R._alloc, _R._caller_internal, _R._clock, _R._live, _R._made_by_program,
    _R._local, _R._module, _R._rec, _R._tids, _R._write_thread)


def patch_threading(threading_mod):
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
        w0 = _clock()
        c0 = r.cpu_at(w0)
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
        w0 = _clock()
        c0 = r.cpu_at(w0)
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
        # (locks.py, loaded at the program's first lock)
        return _module("locks").Lock(_module("names").guess_name("lock"))
    threading_mod.Lock = make_lock

    # queue.Queue (sync.patch_queue), Event, Condition, Semaphore, Barrier:
    # operations on named objects, sync.py's, loaded when the program makes
    # its first one (threading makes Events and Conditions for itself)
    _patch_sync_later(threading_mod)


def _patch_sync_later(threading_mod):
    """Patches threading's Event, Condition, Semaphore (BoundedSemaphore)
    and Barrier, and RLock, with sync.py when the program's own code makes
    one, not before: most programs make none, and sync.py costs 1.4 M
    instructions to load and wrap them (CPython 3.12).  Until then each
    class's __init__ is a stub that looks at who called it."""
    classes = (threading_mod.Event, threading_mod.Condition, threading_mod.Semaphore,
               threading_mod.Barrier)
    origs = [(cls, cls.__dict__["__init__"]) for cls in classes]
    orig_rlock = threading_mod.RLock

    loading = {}

    def load():
        # the first time only, in one thread: setdefault is one step under
        # the GIL (a thread that comes meanwhile makes its object unnamed,
        # as the standard library's are), and no lock, which a fork could
        # leave held (docs/record.md, Fork safety)
        me = object()
        if loading.setdefault("sync", me) is not me:
            return
        for cls, init in origs:
            cls.__init__ = init
        threading_mod.RLock = orig_rlock
        sync = _module("sync")
        sync.patch_threading(threading_mod)
        sync.patch_rlock(threading_mod)

    def stub(cls, orig):
        def __init__(self, *args, **kwargs):
            # (named so: _made_by_program steps over the __init__s of SELF)
            # (an object of the class itself made by the standard library,
            # Thread's Event and its Condition: not the program's, without
            # _made_by_program's walk, whose f_locals cost each Thread()
            # 10 k instructions on CPython 3.8; no frame of its caller can
            # hold it as its self, which only the class's own __init__ does)
            if not (type(self) is cls and _caller_internal()) and _made_by_program(self):
                load()
                if cls.__init__ is not __init__:
                    return cls.__init__(self, *args, **kwargs)
                # (another thread is loading sync.py: this object unnamed)
            self._gilsim_obj = None
            return orig(self, *args, **kwargs)
        __init__.__wrapped__ = orig
        return __init__

    def make_rlock(*args, **kwargs):
        if _caller_internal():
            return orig_rlock(*args, **kwargs)
        load()
        # (as sync's make_rlock, whose caller would be this function)
        return _module("sync").RLock(orig_rlock(*args, **kwargs),
                                     _module("names").guess_name("rlock"))
    make_rlock.__wrapped__ = orig_rlock

    for cls, init in origs:
        cls.__init__ = stub(cls, init)
    threading_mod.RLock = make_rlock
