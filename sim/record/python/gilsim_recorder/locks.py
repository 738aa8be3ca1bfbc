"""locks.py: threading.Lock() made by the program's own code, a named
object whose blocking acquisitions and their releases are events.  Loaded
at the program's first lock (threads.py's make_lock), not with threading:
most programs' threads take none.  Part of the recorder (recorder.py holds
its state and its clock).
"""
import sys

_R = sys.modules[__package__ + ".recorder"]     # (recorder._module says why)
_alloc, _clock, _objects, _rec = _R._alloc, _R._clock, _R._objects, _R._rec


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
