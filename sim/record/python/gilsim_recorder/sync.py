"""sync.py: the recorder's view of queue.Queue and threading's Event,
Condition, Semaphore, BoundedSemaphore and Barrier.

Each object made by the program's own code (not by the standard library
for its own use) gets a name where it is made (names.guess_name) and
the values it was made with (a queue's maxsize, a semaphore's value, a
barrier's parties).  Every operation on it, the ones that wait (get, put,
wait, acquire) and the ones that wake others (put, set, notify, release,
task_done), is a "sync" event of the calling thread, with its time, what
it was asked (blocking, timeout) and whether it succeeded, so that the
scenario can make the simulation re-create who waits for whom instead of
replaying the waits as constants.  A condition's `with c:` is an acquire
and a release of the condition, as a lock's is.
"""
import sys

from . import recorder as R


def _arg(args, kwargs, i, name, default):
    if len(args) > i:
        return args[i]
    return kwargs.get(name, default)


def _number(x):
    try:
        return None if x is None else float(x)
    except (TypeError, ValueError):
        return None


def _patch_init(cls, kind, params, after=None):
    """CLS's __init__, followed by naming the object when the program made
    it; PARAMS(self) gives what it was made with; AFTER(self), if given,
    runs then."""
    orig = cls.__init__

    def init(self, *args, **kwargs):
        orig(self, *args, **kwargs)
        if R._made_by_program(self):
            p = params(self)
            self._gilsim_obj = R._module("names").guess_name(p.pop("type", kind), 2, p)
            if after is not None:
                after(self)
        else:
            self._gilsim_obj = None
    init.__wrapped__ = orig
    cls.__init__ = init


def _op(orig, op, describe=None, false_fails=False):
    """ORIG, a method of a synchronisation object, recording each call by
    the program as a "sync" event: the object, OP, DESCRIBE(args, kwargs)
    (blocking, timeout, a count) and whether it succeeded: no exception
    (queue.Empty, queue.Full, BrokenBarrierError) and, when FALSE_FAILS,
    a true result (a wait or an acquire that timed out returns False)."""
    rec, clock = R._rec, R._clock

    def call(self, *args, **kwargs):
        obj = getattr(self, "_gilsim_obj", None)
        if obj is None:         # the standard library's own (a queue's conditions)
            return orig(self, *args, **kwargs)
        r = rec()
        if r.depth or r.ignored:
            return orig(self, *args, **kwargs)
        r.depth += 1
        w0 = clock()
        c0 = r.cpu_at(w0)
        ok = False
        try:
            result = orig(self, *args, **kwargs)
            ok = bool(result) if false_fails else True
            return result
        finally:
            w1 = clock()
            r.depth -= 1
            extra = {"obj": obj, "op": op, "ok": ok}
            if describe is not None:
                extra.update(describe(args, kwargs))
            r.add("sync", c0, None, w0, w1, extra)
    call.__name__ = getattr(orig, "__name__", op)
    call.__wrapped__ = orig
    return call


def _blocking(block_at, block_name, timeout_at):
    """The blocking flag and the timeout of a call whose arguments (after
    self) have them at BLOCK_AT (named BLOCK_NAME; None: not taken) and
    TIMEOUT_AT."""
    def describe(args, kwargs):
        d = {}
        if block_at is not None:
            d["block"] = bool(_arg(args, kwargs, block_at, block_name, True))
        t = _number(_arg(args, kwargs, timeout_at, "timeout", None))
        if t is not None and t >= 0:
            d["timeout"] = t
        return d
    return describe


def _count(args, kwargs):
    n = _arg(args, kwargs, 0, "n", 1)
    return {"n": n if isinstance(n, int) else 1}


def _held_bound(self, orig, edge):
    """A condition's own acquire or release (Condition.__init__ makes them
    its lock's methods): c.acquire() and c.release() as `with c:` is."""
    call = _held(lambda _self, *args: orig(*args), edge)
    return lambda *args, **kwargs: call(self, *args, **kwargs)


def _condition_made(self):
    self.acquire = _held_bound(self, self.acquire, "acquire")
    self.release = _held_bound(self, self.release, "release")


def _held(orig, edge):
    """A condition's __enter__ (EDGE "acquire") or __exit__ ("release"):
    the events that make `with c:` blocks.  What the condition's own lock
    does meanwhile is not the program's (locks.Lock records nothing
    while depth is set)."""
    rec = R._rec

    def call(self, *args):
        obj = getattr(self, "_gilsim_obj", None)
        if obj is None:
            return orig(self, *args)
        r = rec()
        if r.depth or r.ignored:
            return orig(self, *args)
        r.depth += 1
        w0 = R._clock()
        c0 = r.cpu_at(w0)
        try:
            return orig(self, *args)
        finally:
            w1 = R._clock()
            r.depth -= 1
            r.add(edge, c0, None, w0, w1, {"obj": obj})
    call.__wrapped__ = orig
    return call


def patch_threading(threading_mod):
    """Event, Condition, Semaphore, BoundedSemaphore and Barrier."""
    E = threading_mod.Event
    _patch_init(E, "event", lambda self: {})
    E.wait = _op(E.wait, "wait", _blocking(None, None, 0), True)
    E.set = _op(E.set, "set")
    E.clear = _op(E.clear, "clear")

    C = threading_mod.Condition
    _patch_init(C, "condition", lambda self: {}, _condition_made)
    # wait_for calls wait, only while its predicate is false
    C.wait = _op(C.wait, "wait", _blocking(None, None, 0), True)
    C.notify = _op(C.notify, "notify", _count)
    C.notify_all = _op(C.notify_all, "notify_all")
    if "notifyAll" in C.__dict__:       # the old name, bound to the original
        C.notifyAll = C.notify_all
    C.__enter__ = _held(C.__enter__, "acquire")
    C.__exit__ = _held(C.__exit__, "release")

    S, B = threading_mod.Semaphore, threading_mod.BoundedSemaphore
    _patch_init(S, "semaphore", lambda self: {
        "type": "bounded_semaphore" if isinstance(self, B) else "semaphore",
        "value": getattr(self, "_value", 1)})
    S.acquire = _op(S.acquire, "acquire", _blocking(0, "blocking", 1), True)
    S.__enter__ = S.acquire
    S.release = _op(S.release, "release", _count)
    if "release" in B.__dict__:
        B.release = _op(B.__dict__["release"], "release", _count)

    Ba = threading_mod.Barrier
    _patch_init(Ba, "barrier", lambda self: {"parties": getattr(self, "_parties", 1)})
    Ba.wait = _op(Ba.wait, "wait", _blocking(None, None, 0))


def patch_queue(queue_mod):
    """queue.Queue and its subclasses (LifoQueue, PriorityQueue)."""
    Q = queue_mod.Queue
    _patch_init(Q, "queue", lambda self: {"maxsize": max(0, getattr(self, "maxsize", 0))})
    Q.put = _op(Q.put, "put", _blocking(1, "block", 2))
    Q.get = _op(Q.get, "get", _blocking(0, "block", 1))
    Q.join = _op(Q.join, "join")
    Q.task_done = _op(Q.task_done, "task_done")


class RLock(object):
    """threading.RLock() made by the program: a real one whose blocking
    acquisitions, nested ones too, and their releases are events on a
    named object, as locks.Lock's are."""

    def __init__(self, lock, obj):
        self._lock = lock
        self._gilsim_obj = obj
        self._marks = []        # per acquisition held: recorded or not

    def acquire(self, blocking=True, timeout=-1):
        r = R._rec()
        if not blocking or r.depth or r.ignored:
            ok = self._lock.acquire(blocking, timeout)
            if ok:
                self._marks.append(False)
            return ok
        r.depth += 1
        w0 = R._clock()
        c0 = r.cpu_at(w0)
        try:
            ok = self._lock.acquire(blocking, timeout)
        finally:
            w1 = R._clock()
            r.depth -= 1
        if ok:
            self._marks.append(True)
            r.add("acquire", c0, None, w0, w1, {"obj": self._gilsim_obj})
        return ok

    __enter__ = acquire

    def release(self):
        # the owner's mark, taken before another thread can acquire it
        mark = self._marks.pop() if self._marks else False
        try:
            self._lock.release()
        except BaseException:
            self._marks.append(mark)
            raise
        r = R._rec()
        if mark and not r.depth:
            r.mark("release", {"obj": self._gilsim_obj})

    def __exit__(self, *exc):
        self.release()

    # what threading.Condition uses of an RLock
    def _is_owned(self):
        return self._lock._is_owned()

    def _release_save(self):
        return self._lock._release_save()

    def _acquire_restore(self, state):
        return self._lock._acquire_restore(state)

    def _at_fork_reinit(self):
        self._lock._at_fork_reinit()
        self._marks = []

    def __repr__(self):
        return "<gilsim-recorded rlock %s %r>" % (
            R._objects[self._gilsim_obj]["name"], self._lock)


def patch_rlock(threading_mod):
    """threading.RLock(), a factory function: the program's own as RLock."""
    orig = threading_mod.RLock

    def make_rlock(*args, **kwargs):
        if R._caller_internal():
            return orig(*args, **kwargs)
        return RLock(orig(*args, **kwargs), R._module("names").guess_name("rlock"))
    make_rlock.__wrapped__ = orig
    threading_mod.RLock = make_rlock
