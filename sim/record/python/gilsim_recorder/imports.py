"""imports.py: a program's imports, recorded as imports, not as Python CPU.

Importing a module (finding it, reading and unmarshalling its code, running
its body) is not the Python loop that `python N iterations` stands for: the
runtime's loop factor would scale it by 0.68 from 3.12 to 3.11, by 1.4 to
3.13t.  The recorder wraps builtins.__import__ and importlib.import_module:
an import made by the program's own code (not by the standard library's)
that loads modules, all of them from the standard library, site-packages,
built in or frozen, is an event "import" with the module's name and the
call's CPU and wall time.  The scenario writes it `import MODULE DURATION`
(docs/language.md), a duration of Python CPU with the GIL held that the
runtime's loop factor does not scale.  An import of the program's own
modules, or one in which something else was recorded (a module that
starts a thread, sleeps, takes a program's lock), stays Python CPU: its
body is the program's code.  A module already loaded costs a dictionary
look-up and is not recorded.
"""
import builtins
import sys


def install(rec_mod):
    """Wraps builtins.__import__, and importlib.import_module once importlib
    is imported (patch_importlib: the recorder does not import it, so that
    the program's own import of it is recorded as it costs); REC_MOD is the
    recorder module (its _rec, _internal, _thread_time, _clock)."""
    orig_import = builtins.__import__
    modules = sys.modules
    internal = rec_mod._internal
    rec = rec_mod._rec
    thread_time = rec_mod._thread_time
    clock = rec_mod._clock

    def timed(call, name, level, args, kwargs):
        try:
            f = sys._getframe(2)
        except ValueError:      # called from C with no caller of its own (3.13's -c)
            f = None
        if level or f is None or internal(f.f_code.co_filename):
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

    main_wait = rec_mod._MAIN_WAIT

    def wrapped_import(name, globals=None, locals=None, fromlist=(), level=0):
        if main_wait:
            rec_mod._check_main(2)
        if name in modules and not level and not fromlist:
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
    installed packages' (site-packages), built in or frozen."""
    for m in mods:
        path = getattr(m, "__file__", None)
        if path and not internal(path) and "-packages" not in path:
            return False
    return True
