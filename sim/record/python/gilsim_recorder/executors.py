"""executors.py: concurrent.futures' executors recorded as pools: a
ThreadPoolExecutor as the scenario's `pool W threads map f() over K items`
(not as W threads of the executor's own `_worker` function), a
ProcessPoolExecutor as `pool P processes executor map f() over K items`
(or `submit`), its items' work taken from the worker processes.

Every item the program submits (with `submit`, or `map`, which submits each
item) is wrapped so that its worker (thread or process) marks where the
item begins and ends (task events carrying the executor's tag), and the calling thread
records nothing while it submits (the executor's thread starts are its own
machinery, which the pool statement stands for).  When the executor shuts
down (`with ThreadPoolExecutor() as ex:` does it at the block's end), the
calling thread records one `pool` event: the executor's threads, the
number of items, the function most of them ran and where it is defined.
An executor never shut down is recorded as the interpreter exits, just
before concurrent.futures' own exit hook waits for its items.
"""
import collections
import weakref

def _pool_task():
    from . import recorder
    return recorder._module("processes").PoolTask


_pending = weakref.WeakSet()    # executors with items not yet recorded
_hooked = []                    # the exit hook, registered once


def _state(executor, recorder, threads):
    st = executor.__dict__.get("_gilsim")
    if st is None:
        tag = "%d-%s%d" % (recorder.PID, "t" if threads else "x", next(recorder._tags))
        st = {"tag": tag, "items": 0, "threads": threads, "chunksize": None,
              "fns": collections.Counter(), "defs": {}, "op": "submit",
              "w0": recorder._clock(), "site": recorder._site(2)}
        executor.__dict__["_gilsim"] = st
        _pending.add(executor)
    return st


def _record(executor, recorder):
    """The pool event of EXECUTOR's items, in the calling thread."""
    st = executor.__dict__.pop("_gilsim", None)
    _pending.discard(executor)
    if not st or not st["items"]:
        return
    r = recorder._rec()
    if r.ignored:
        return
    fn = st["fns"].most_common(1)[0][0]
    w1 = recorder._clock()
    c0 = r.cpu_at(w1)
    info = {"tag": st["tag"], "op": st["op"], "items": st["items"], "fn": fn,
            "def": st["defs"].get(fn), "at": st["site"]}
    if st["threads"]:
        info["threads"] = executor._max_workers
    else:
        info.update(processes=executor._max_workers, chunksize=st["chunksize"],
                    op="executor " + st["op"] if st["op"] == "map" else st["op"])
        try:
            info["method"] = executor._mp_context.get_start_method()
        except Exception:
            pass
    r.add("pool", c0, None, st["w0"], w1, info)


def _count(st, fn, n=1):
    name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", "work")
    code = getattr(fn, "__code__", None)
    st["items"] += n
    st["fns"][name] += n
    if code is not None:
        st["defs"].setdefault(name, "%s:%d" % (code.co_filename, code.co_firstlineno))


def _patch_class(cls, threads, recorder):
    """Wraps the submit, map and shutdown of the executor class CLS."""
    orig_submit, orig_map, orig_shutdown = cls.submit, cls.map, cls.shutdown

    def submit(self, fn, *args, **kwargs):
        r = recorder._rec()
        st = self.__dict__.get("_gilsim")
        if st is not None and st.get("in_map"):
            # a process pool's map submits its chunks: items already wrapped
            if args and isinstance(args[0], tuple):
                st["mapped"] += len(args[0])
            return orig_submit(self, fn, *args, **kwargs)
        if r.ignored or r.depth or recorder._caller_internal() and st is None:
            return orig_submit(self, fn, *args, **kwargs)
        st = _state(self, recorder, threads)
        _count(st, fn)
        r.depth += 1
        r.pool_starts = threads
        try:
            return orig_submit(self, _pool_task()(fn, st["tag"]), *args, **kwargs)
        finally:
            r.pool_starts = False
            r.depth -= 1

    def map_(self, fn, *iterables, **kwargs):
        r = recorder._rec()
        if r.ignored or r.depth:
            return orig_map(self, fn, *iterables, **kwargs)
        st = _state(self, recorder, threads)
        st["op"] = "map"
        if threads:
            return orig_map(self, fn, *iterables, **kwargs)
        # ProcessPoolExecutor.map submits chunks of items to itself
        st["chunksize"] = kwargs.get("chunksize") if kwargs.get("chunksize", 1) > 1 else None
        st["in_map"], st["mapped"] = True, 0
        r.depth += 1
        try:
            return orig_map(self, _pool_task()(fn, st["tag"]), *iterables, **kwargs)
        finally:
            r.depth -= 1
            st["in_map"] = False
            _count(st, fn, st["mapped"])

    def shutdown(self, wait=True, *args, **kwargs):
        r = recorder._rec()
        if r.ignored or r.depth or "_gilsim" not in self.__dict__:
            return orig_shutdown(self, wait, *args, **kwargs)
        r.depth += 1
        try:
            return orig_shutdown(self, wait, *args, **kwargs)
        finally:
            r.depth -= 1
            _record(self, recorder)

    cls.submit, cls.map, cls.shutdown = submit, map_, shutdown
    for new, old in ((submit, orig_submit), (map_, orig_map), (shutdown, orig_shutdown)):
        for attr in ("__doc__", "__name__", "__qualname__"):
            try:
                setattr(new, attr, getattr(old, attr))
            except (AttributeError, TypeError):
                pass


def patch(mod, threads):
    """Patches concurrent.futures.thread (THREADS) or .process (the module
    MOD)."""
    from . import recorder
    cls = getattr(mod, "ThreadPoolExecutor" if threads else "ProcessPoolExecutor", None)
    if cls is None:
        return
    _patch_class(cls, threads, recorder)

    def record_pending():
        for ex in list(_pending):
            _record(ex, recorder)
    # run at the interpreter's exit before concurrent.futures' own hook
    # (hooks run last registered first), which waits for the items
    if _hooked:
        return
    _hooked.append(True)
    import threading
    if hasattr(threading, "_register_atexit"):
        threading._register_atexit(record_pending)
    else:
        import atexit
        atexit.register(record_pending)
