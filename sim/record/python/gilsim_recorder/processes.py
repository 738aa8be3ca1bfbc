"""processes.py: multiprocessing's Process and Pool, patched as the
program imports them.

Process.start and Process.join become events (which process, by pid, its
function, its start method); a process's body starts with its bootstrap,
and it writes its events as it ends (a pool's workers too, when the pool
terminates them with SIGTERM).  Pool.map and Pool.starmap become pool
events, each item's work marked in the worker by PoolTask; the pool's own
machinery (its start and end, its handler threads) records nothing.  Part
of the recorder (recorder.py holds its state and its clock).
"""
import os

from . import recorder as R
from .recorder import _caller_internal, _clock, _proc, _rec, _tags, _thread_time, _write_process


def _target_of(proc):
    target = getattr(proc, "_target", None)
    fn = getattr(target, "__qualname__", None) or type(proc).__name__ + ".run"
    code = getattr(target, "__code__", None) or getattr(type(proc).run, "__code__", None)
    return fn, code and "%s:%d" % (code.co_filename, code.co_firstlineno), target


def _is_pool_worker(proc):
    return getattr(getattr(proc, "_target", None), "__module__", "") == "multiprocessing.pool"


# A terminated pool worker that has not ended after RESEND seconds is sent
# SIGTERM again, up to GIVE_UP seconds (its handler's own alarm, which
# bounds its writing), then SIGKILL: patch_mp_process's join_terminated.
RESEND = 0.25
GIVE_UP = 5.0


def patch_mp_process(process_mod):
    P = process_mod.BaseProcess
    orig_start, orig_join, orig_boot = P.start, P.join, P._bootstrap
    orig_terminate = P.terminate

    def terminate(self):
        # (start() took the target away: _gilsim_pool_worker is start's)
        if getattr(self, "_gilsim_pool_worker", False):
            self._gilsim_terminated = True
        return orig_terminate(self)

    def join_terminated(self):
        """Joins SELF, a pool worker sent SIGTERM (Pool.terminate(), `with
        Pool() as p:`): the worker's handler writes its events, then it dies
        (_write_on_sigterm).  A Python handler runs between two bytecodes
        of the main thread: a SIGTERM that comes just before a blocking
        call (the worker about to wait for its next task, the pool's lock
        on the task queue, which the terminating pool holds for ever) wakes
        nothing, the handler never runs, and the worker never ends: the
        pool, and the program, would wait for it for ever.  So the signal
        is sent again every RESEND seconds (the next one interrupts the
        wait and the handler runs), and after GIVE_UP seconds the worker is
        killed (SIGKILL: its events are lost, not the program)."""
        waited = 0.0
        while waited < GIVE_UP:
            orig_join(self, RESEND)
            if self.exitcode is not None:
                return
            waited += RESEND
            orig_terminate(self)
        try:
            R._os_write(2, ("gilsim record: pool worker %d did not end on SIGTERM in %g s: killed, "
                         "its events are lost\n" % (self.pid, GIVE_UP)).encode())
        except OSError:
            pass
        self.kill()
        orig_join(self)

    def start(self):
        self._gilsim_pool_worker = _is_pool_worker(self)
        r = _rec()
        if r.ignored or r.depth or _caller_internal():
            return orig_start(self)
        fn, site, _ = _target_of(self)
        r.depth += 1
        w0 = _clock()
        c0 = r.cpu_at(w0)
        try:
            return orig_start(self)
        finally:
            w1, c1 = _clock(), None
            r.depth -= 1
            r.add("pstart", c0, c1, w0, w1, {
                "pid": self.pid, "fn": fn, "def": site, "name": self.name,
                "method": getattr(self, "_start_method", None) or _start_method(self)})

    def join(self, timeout=None):
        if timeout is None and getattr(self, "_gilsim_terminated", False):
            return join_terminated(self)
        r = _rec()
        if r.ignored or r.depth or _caller_internal():
            return orig_join(self, timeout)
        r.depth += 1
        w0 = _clock()
        c0 = r.cpu_at(w0)
        try:
            return orig_join(self, timeout)
        finally:
            w1, c1 = _clock(), None
            r.depth -= 1
            r.add("pjoin", c0, c1, w0, w1, {"pid": self.pid})

    def bootstrap(self, *args, **kwargs):
        fn, site, target = _target_of(self)
        pool = _is_pool_worker(self)
        _proc.update(role="pool" if pool else "process", fn=fn, name=self.name)
        if pool:
            _write_on_sigterm()
        r = _rec()
        r.events = []               # the process's body starts here
        r.lw = _clock()
        r.last = _thread_time()
        code = 1
        try:
            code = orig_boot(self, *args, **kwargs)
            return code
        finally:
            _proc["exitcode"] = code
            _write_process("ended")

    P.start, P.join, P._bootstrap, P.terminate = start, join, bootstrap, terminate


def die():
    """Ends this process of the SIGTERM it was sent while writing its files
    (_write_on_sigterm), once written (recorder._write_process)."""
    import signal
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _write_on_sigterm():
    """Pool.terminate() (and so `with Pool() as p:`) ends its workers with
    SIGTERM: a worker writes its events first, then dies of the signal."""
    import signal

    def handler(signum, frame):
        if _proc.get("terminating"):
            return              # a second SIGTERM while writing
        _proc["terminating"] = True
        # whatever happens while writing, the worker ends as it was told to,
        # within 5 s at most: the pool (and whoever reads its output) waits
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(5)
        if R._ending.get("writing"):
            # the worker was writing its events as it ended on its own: it
            # finishes them, then dies of this signal (_write_process)
            R._ending["die"] = True
            return
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


def patch_mp_pool(pool_mod):
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
                tag = "%d-%d" % (R.PID, next(_tags))
                c0 = _thread_time()
                argsize = _pickled_size(items)
                r.overhead += _thread_time() - c0
                r.depth += 1
                w0 = _clock()
                c0 = r.cpu_at(w0)
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
