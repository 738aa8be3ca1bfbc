"""monitor.py: the calls of C types' methods that no wrapper reaches, the
read and write methods of file objects, seen through sys.monitoring
(CPython 3.12 and later; not loaded before).  Part of the recorder
(recorder.py holds its state and its clock).
"""
import os
import sys

_R = sys.modules[__package__ + ".recorder"]     # (recorder._module says why)
_clock, _internal, _rec = _R._clock, _R._internal, _R._rec


def start_monitoring(main):
    """On CPython 3.12 and later, sys.monitoring sees the calls no wrapper
    can reach: the read and write methods of file objects (open()'s),
    methods of C types.  Only the program's own code is watched (a local
    CALL event), not the standard library's or the recorder's; each call
    site whose callee is not a file method is switched off at its first
    call, so that the program runs at full speed once every site has been
    seen.  Which code is the program's: MAIN, the code of its main module,
    which is running (recorder._check_main starts this at the main
    module's first import or open(): before, no code of the program has
    run), and the code of the program's own files as they are loaded
    (watch_loaded), not every function of the standard library at its
    first call, whose instrumentation cost a program of a few threads
    1.5 M instructions (CPython 3.12); once the program loads a module
    from site-packages, whose functions are many and mostly never called,
    each function at its first call (PY_START, then switched off there
    with DISABLE)."""
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
    code_type = type(start_monitoring.__code__)
    lazy = [True]           # PY_START for all code (after site-packages)

    def watch_tree(code):
        """CALL in CODE and the functions, classes and comprehensions
        defined in it (C_RETURN and C_RAISE come with CALL)."""
        todo = [code]
        while todo:
            c = todo.pop()
            try:
                set_local(tool, c, watch)
            except ValueError:
                pass
            todo.extend(k for k in c.co_consts if type(k) is code_type)

    def on_start(code, offset):
        if not _internal(code.co_filename):
            if lazy[0] and code.co_name == "<module>" and \
                    sys._getframe(1).f_globals.get("__name__") in ("__main__", "__mp_main__"):
                # the program's main module: its code now, its modules' as loaded
                watch_tree(code)
                lazy[0] = False
                mon.set_events(tool, 0)
            else:
                try:
                    set_local(tool, code, watch)
                except ValueError:
                    pass
        return disable

    def loaded(code):
        """CODE, a module's, about to run: watched if it is the program's."""
        if not lazy[0] and type(code) is code_type and not _internal(code.co_filename):
            if "-packages" in code.co_filename:
                lazy[0] = True
                mon.set_events(tool, ev.PY_START)
            else:
                watch_tree(code)
        return code

    mon.use_tool_id(tool, "gilsim record")
    mon.register_callback(tool, ev.PY_START, on_start)
    mon.register_callback(tool, ev.CALL, on_call)
    mon.register_callback(tool, ev.C_RETURN, on_return)
    mon.register_callback(tool, ev.C_RAISE, on_return)
    # the main module, which has started: its code now, its modules' as
    # loaded (no PY_START for all code until then: recorder._check_main)
    watch_tree(main)
    lazy[0] = False
    _WATCH.append(loaded)
    ext = sys.modules["_frozen_importlib_external"]
    patch_get_code(ext.SourceLoader)
    patch_get_code(ext.SourcelessFileLoader)
    zi = sys.modules.get("zipimport")
    if zi is not None:
        patch_get_code(zi.zipimporter)


_WATCH = []                   # start_monitoring's loaded(code), where it runs


def patch_get_code(cls):
    """CLS's get_code (a loader's: the code of the module it loads), with
    the code watched (start_monitoring) if it is the program's."""
    orig = cls.get_code

    def get_code(self, fullname):
        return _WATCH[0](orig(self, fullname))
    get_code.__wrapped__ = orig
    cls.get_code = get_code


def patch_runpy(runpy_mod):
    """runpy's _get_code_from_file, which compiles a script's main module
    without a loader (runpy.run_path; multiprocessing's spawn children
    load the program's main module so): its code watched as a loader's
    (start_monitoring)."""
    orig = getattr(runpy_mod, "_get_code_from_file", None)
    if orig is None:
        return

    def get_code_from_file(*args, **kwargs):
        r = orig(*args, **kwargs)
        if _WATCH:
            _WATCH[0](r[0] if type(r) is tuple else r)
        return r
    get_code_from_file.__wrapped__ = orig
    runpy_mod._get_code_from_file = get_code_from_file
