"""threads.py: threading and queue, patched as the program imports them.

Thread.start and Thread.join become events of the threads started (their
function, where it is defined), each thread records into its own ThreadRec
from its first instruction (Thread._bootstrap_inner) and writes its events
as it ends; threading.Lock() made by the program is a Lock of this module,
a named object whose blocking acquisitions are events; the other objects
(RLock, Event, Condition, Semaphore, Barrier, queue.Queue) are sync.py's.
Part of the recorder (recorder.py holds its state and its clock).
"""
import sys

from .recorder import (ThreadRec, _alloc, _caller_internal, _clock, _guess_name, _live,
                       _local, _module, _objects, _rec, _tids, _write_thread)


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
        return Lock(_guess_name("lock"))
    threading_mod.Lock = make_lock

    # queue.Queue (patch_queue), Event, Condition, Semaphore, Barrier:
    # operations on named objects
    sync = _module("sync")
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
        w0 = _clock()
        c0 = r.cpu_at(w0)
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


def patch_queue(queue_mod):
    _module("sync").patch_queue(queue_mod)
