# sitecustomize.py: gilsim record's hook.  `gilsim record` puts this folder
# first on PYTHONPATH and sets GILSIM_RECORD_OUT; every Python process it
# runs (and their children: fork, spawn, forkserver) then imports this file
# at start-up and starts the recorder.  Without the variable it does
# nothing.  Whatever sitecustomize the interpreter had is loaded after it.
import os
import sys
import time

# The program's start-up ends here: what follows (the recorder's import
# and its start) is the recorder's, not the interpreter's, and counts in
# its overhead.
_T_HOOK = time.monotonic()
_C_HOOK = time.thread_time()


class _CachingLoader(object):
    """Loads a module of the recorder from bytecode cached in
    ~/.cache/gilsim/pycache (or $XDG_CACHE_HOME/gilsim/pycache), whatever
    PYTHONDONTWRITEBYTECODE says and wherever the recorder is installed:
    compiling recorder.py alone costs about 15 ms at each process's start.
    The cached file is used while the source's modification time and size
    are the ones it was made from; a cache that cannot be written is left
    alone (the module is then compiled, as without it)."""

    def __init__(self, loader, cache, where):
        self._loader, self._cache, self._where = loader, cache, where

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(self._code(module.__spec__.name, module.__spec__.origin), module.__dict__)

    def _code(self, name, path):
        import marshal
        st = os.stat(path)
        stamp = ("%d %d\n" % (st.st_mtime_ns, st.st_size)).encode()
        cached = os.path.join(self._cache, "%s.%s.%08x.pyc" % (
            name, sys.implementation.cache_tag, self._where))
        try:
            with open(cached, "rb") as f:
                data = f.read()
            if data.startswith(stamp):
                return marshal.loads(data[len(stamp):])
        except (OSError, ValueError, EOFError, TypeError):
            pass
        with open(path, "rb") as f:
            code = compile(f.read(), path, "exec", dont_inherit=True)
        try:
            os.makedirs(self._cache, exist_ok=True)
            tmp = "%s.%d.tmp" % (cached, os.getpid())
            with open(tmp, "wb") as f:
                f.write(stamp + marshal.dumps(code))
            os.replace(tmp, cached)
        except OSError:
            pass
        return code

    def __getattr__(self, attr):
        return getattr(self._loader, attr)


class _CachingFinder(object):
    """Finds the recorder's package and modules (in this folder) with
    _CachingLoader."""

    def __init__(self, here):
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
            os.path.expanduser("~"), ".cache")
        self._here = here
        self._cache = os.path.join(base, "gilsim", "pycache")
        # one file per folder and module: several copies of gilsim do not share one
        self._where = int.from_bytes(here.encode(), "little") % 4294967291

    def find_spec(self, name, path=None, target=None):
        if name != "gilsim_recorder" and not name.startswith("gilsim_recorder."):
            return None
        # importlib.machinery's PathFinder, without importing importlib (the
        # program's own import of it is then recorded as it costs)
        spec = sys.modules["_frozen_importlib_external"].PathFinder.find_spec(name, path)
        if spec is not None and spec.origin and spec.origin.endswith(".py") and \
                spec.origin.startswith(self._here):
            spec.loader = _CachingLoader(spec.loader, self._cache, self._where)
        return spec


def _preload(names):
    """Loads the recorder's modules NAMES ("" for its package) from their
    cached bytecode, as _CachingLoader does, without the import system:
    finding a module, its spec, its locks cost about 0.3 M instructions a
    module in CPython 3.12, more than its own code, and every recorded
    process loads these.  A module already loaded is left alone; the
    recorder's other modules are imported as usual (_CachingFinder).
    Returns the last module."""
    finder = next(f for f in sys.meta_path if isinstance(f, _CachingFinder))
    loader = _CachingLoader(None, finder._cache, finder._where)
    bootstrap = sys.modules["_frozen_importlib"]
    folder = os.path.join(finder._here, "gilsim_recorder")
    mod = None
    for name in names:
        full = "gilsim_recorder." + name if name else "gilsim_recorder"
        mod = sys.modules.get(full)
        if mod is not None:
            continue
        path = os.path.join(folder, (name or "__init__") + ".py")
        mod = type(sys)(full)
        spec = bootstrap.ModuleSpec(full, loader, origin=path, is_package=not name)
        spec.has_location = True
        if not name:
            spec.submodule_search_locations = mod.__path__ = [folder]
        mod.__spec__, mod.__loader__, mod.__file__ = spec, loader, path
        mod.__package__ = "gilsim_recorder"
        sys.modules[full] = mod
        try:
            exec(loader._code(full, path), mod.__dict__)
        except BaseException:
            del sys.modules[full]
            raise
        if name:
            setattr(sys.modules["gilsim_recorder"], name, mod)
    return mod


def _chain():
    """Imports the sitecustomize module that this one shadows, if any."""
    here = os.path.dirname(os.path.abspath(__file__))
    mine = sys.modules.pop("sitecustomize", None)
    saved = sys.path[:]
    try:
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
        import builtins
        try:
            getattr(builtins.__import__, "__wrapped__", builtins.__import__)("sitecustomize")
        except ImportError:
            pass
    finally:
        sys.path[:] = saved
        if mine is not None:
            sys.modules["sitecustomize"] = mine


def _cache_self():
    """This file's bytecode, in __pycache__ beside it, where the next start
    reads it (PYTHONDONTWRITEBYTECODE stops writing it, not reading it);
    nothing where the folder cannot be written."""
    try:
        # as py_compile does, without importing it (nor what it imports: the
        # program's own imports of those would be recorded as free)
        ext = sys.modules["_frozen_importlib_external"]
        cfile = ext.cache_from_source(__file__)
        if os.path.exists(cfile) and os.path.getmtime(cfile) >= os.path.getmtime(__file__):
            return
        with open(__file__, "rb") as f:
            code = compile(f.read(), __file__, "exec", dont_inherit=True)
        st = os.stat(__file__)
        os.makedirs(os.path.dirname(cfile), exist_ok=True)
        ext._write_atomic(cfile, ext._code_to_timestamp_pyc(code, st.st_mtime, st.st_size),
                          0o644)
    except Exception:
        pass


if os.environ.get("GILSIM_RECORD_OUT"):
    try:
        sys.meta_path.insert(0, _CachingFinder(os.path.dirname(os.path.abspath(__file__))))
        _preload(["", "proclimit"]).install()
        # what every recorded process runs: the recorder, its writer, its
        # patches of the modules loaded at start-up (time, os)
        _preload(["jsonlite", "recorder", "imports", "calls"])
        sys.modules["gilsim_recorder.recorder"].start(_T_HOOK, _C_HOOK, _preload)
    except Exception as _e:  # never break the user's program
        sys.stderr.write("gilsim record: the recorder did not start: %r\n" % (_e,))
_chain()
if os.environ.get("GILSIM_RECORD_OUT"):
    _cache_self()
