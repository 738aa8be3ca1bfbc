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


def _cache_place(here):
    """Where the recorder's bytecode is cached: ~/.cache/gilsim/pycache (or
    $XDG_CACHE_HOME/gilsim/pycache), and a number for the folder HERE (one
    file per folder and module: several copies of gilsim do not share
    one)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~") + "/.cache"
    return (base + "/gilsim/pycache",
            int.from_bytes(here.encode(), "little") % 4294967291)


# os.read as it is before the recorder wraps it (calls.py): the recorder's
# reads of its own code, also those made once the program runs
# (recorder._module), are not the program's I/O
_os_read = os.read


def _read(path):
    """The bytes of the file PATH, with os's calls: open()'s file objects
    cost every recorded process more than the reads."""
    fd = os.open(path, os.O_RDONLY)
    try:
        parts = []
        while True:
            b = _os_read(fd, 1 << 20)
            if not b:
                return b"".join(parts)
            parts.append(b)
    finally:
        os.close(fd)


def _code(name, path, cache, where):
    """The code of the recorder's module NAME (file PATH), from bytecode
    cached in the folder CACHE, whatever PYTHONDONTWRITEBYTECODE says and
    wherever the recorder is installed: compiling recorder.py alone costs
    about 15 ms at each process's start.  The cached file is used while
    the source's modification time and size are the ones it was made
    from; a cache that cannot be written is left alone (the module is
    then compiled, as without it)."""
    import marshal
    st = os.stat(path)
    # (the "2": compiled without docstrings, which every process would
    # unmarshal for nothing)
    stamp = ("%d %d 2\n" % (st.st_mtime_ns, st.st_size)).encode()
    # (paths joined by hand: os.path.join is Python code, a few thousand
    # instructions a call on 3.8)
    cached = "%s/%s.%s.%08x.pyc" % (cache, name, sys.implementation.cache_tag, where)
    try:
        data = _read(cached)
        if data.startswith(stamp):
            return marshal.loads(data[len(stamp):])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    code = compile(_read(path), path, "exec", dont_inherit=True, optimize=2)
    _writer()["write"](cached, stamp + marshal.dumps(code))
    return code


_WRITER = []


def _writer():
    """The functions of gilsim_recorder/pycache.py, which write the
    recorder's bytecode where it is missing or out of date: run from its
    source, seldom (a recording's first process), and not a module of the
    package, which may be the one missing."""
    if not _WRITER:
        path = os.path.join(_HERE, "gilsim_recorder", "pycache.py")
        g = {"__name__": "gilsim_recorder.pycache", "__file__": path}
        exec(compile(_read(path), path, "exec", dont_inherit=True, optimize=2), g)
        _WRITER.append(g)
    return _WRITER[0]


# (site.py has made sys.path's entries, and so this file's name, absolute
# and normal already: os.path.abspath, Python code, only where it has not)
# (rpartition: os.path.dirname is Python code too)
_HERE = (__file__ if __file__.startswith(os.sep) else
         os.path.abspath(__file__)).rpartition(os.sep)[0]


def _off_path(here):
    """sys.path's entries but those of the folder HERE."""
    return [p for p in sys.path
            if p != here and (p.startswith(os.sep) or os.path.abspath(p or ".") != here)]
_PLACE = []                   # _cache_place(_HERE), at the first _preload


def _preload(names):
    """Loads the recorder's modules NAMES ("" for its package) from their
    cached bytecode (_code), without the import system: finding a module,
    its spec, its locks cost about 0.3 M instructions a module in CPython
    3.12, more than its own code, and every recorded process loads these.
    A module already loaded is left alone; the recorder loads its other
    modules with this function too, when it first needs them
    (recorder._module).  Returns the last module."""
    if not _PLACE:
        _PLACE.extend(_cache_place(_HERE))
    cache, where = _PLACE
    bootstrap = sys.modules["_frozen_importlib"]
    folder = _HERE + "/gilsim_recorder"
    mod = None
    for name in names:
        full = "gilsim_recorder." + name if name else "gilsim_recorder"
        mod = sys.modules.get(full)
        if mod is not None:
            continue
        path = "%s/%s.py" % (folder, name or "__init__")
        mod = type(sys)(full)
        spec = bootstrap.ModuleSpec(full, None, origin=path, is_package=not name)
        spec.has_location = True
        if not name:
            spec.submodule_search_locations = mod.__path__ = [folder]
        mod.__spec__, mod.__file__ = spec, path
        mod.__package__ = "gilsim_recorder"
        # published once whole, never half-made: another thread that needs
        # it meanwhile (or a fork child, whose parent was loading it in
        # another thread) loads it too, and the first one published wins;
        # no lock, so none that a fork could leave held (docs/record.md,
        # Fork safety)
        exec(_code(full, path, cache, where), mod.__dict__)
        mod = sys.modules.setdefault(full, mod)
        if name:
            setattr(sys.modules["gilsim_recorder"], name, mod)
    return mod


def _shadowed(here):
    """Whether a sitecustomize module may be on sys.path besides the folder
    HERE's: looked for in the directory listings that the path finder
    keeps (FileFinder's, filled at start-up by the interpreter's own
    imports), not with the path finder, whose search costs every recorded
    process 0.2 M instructions (CPython 3.12).  True where a listing is
    missing or stale: the import system then looks."""
    cache = sys.path_importer_cache
    for p in _off_path(here):
        f = cache.get(p, cache)
        if f is None:           # no finder for this entry (a missing zip)
            continue
        try:
            if f._path_mtime == -1:
                return True
            # (its file names, as the finder would look for them)
            names = {"sitecustomize" + suffix for suffix, _ in f._loaders}
            names.add("sitecustomize")
            if not (names.isdisjoint(f._path_cache) and
                    names.isdisjoint(f._relaxed_path_cache)):
                return True
        except Exception:       # not a FileFinder
            return True
    return False


def _chain():
    """Imports the sitecustomize module that this one shadows, if any."""
    here = _HERE
    if not _shadowed(here):
        return
    mine = sys.modules.pop("sitecustomize", None)
    saved = sys.path[:]
    try:
        sys.path[:] = _off_path(here)
        import builtins
        try:
            getattr(builtins.__import__, "__wrapped__", builtins.__import__)("sitecustomize")
        except ImportError:
            pass
    finally:
        sys.path[:] = saved
        if mine is not None:
            sys.modules["sitecustomize"] = mine


if os.environ.get("GILSIM_RECORD_OUT"):
    try:
        _preload(["", "proclimit"]).install(_preload)
        # what every recorded process runs: the recorder, its writer, its
        # patches of the modules loaded at start-up (time, os)
        _preload(["recorder", "imports", "calls"])
        sys.modules["gilsim_recorder.recorder"].start(_T_HOOK, _C_HOOK, _preload)
    except Exception as _e:  # never break the user's program
        sys.stderr.write("gilsim record: the recorder did not start: %r\n" % (_e,))
_chain()
if os.environ.get("GILSIM_RECORD_OUT"):
    # this file's bytecode, where the import system did not load it from
    # the one written so (compiled without docstrings)
    if _cache_place.__doc__ is not None:
        try:
            _writer()["cache_site"](__file__)
        except Exception:
            pass
    # this folder off sys.path: the program's path is then the one it has
    # without the recorder, and its imports do not look here first (the
    # recorder's modules are found through their package's __path__)
    sys.path[:] = _off_path(_HERE)
    if "gilsim_recorder.recorder" in sys.modules:
        sys.modules["gilsim_recorder.recorder"].start_monitoring()
