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
    # (os.environ's reads are Python code, 30 bytecodes each on 3.8, and
    # os.path.expanduser's 100)
    env = os.environ
    base = env.get("XDG_CACHE_HOME") or (env.get("HOME") or os.path.expanduser("~")) + "/.cache"
    return (base + "/gilsim/pycache",
            int.from_bytes(here.encode(), "little") % 4294967291)


# os.read as it is before the recorder wraps it (recorder.patch_os): the recorder's
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


def _codes(names, paths, cache, where):
    """The code of the recorder's modules NAMES (files PATHS), from bytecode
    cached in the folder CACHE, one file for them all
    (gilsim_recorder.NAME+NAME...) (one read, and the
    names they share made once), whatever PYTHONDONTWRITEBYTECODE says and
    wherever the recorder is installed: compiling recorder.py alone costs
    about 15 ms at each process's start.  The cached file is used while
    each source's modification time and size are the ones it was made
    from; a cache that cannot be written is left alone (the modules are
    then compiled, as without it)."""
    import marshal
    stamp = []
    for path in paths:
        st = os.stat(path)
        stamp.append("%d %d " % (st.st_mtime_ns, st.st_size))
    # (the "3": compiled without docstrings, which every process would
    # unmarshal for nothing, and kept as a tuple of the modules' code)
    stamp = ("".join(stamp) + "3\n").encode()
    # (paths joined by hand: os.path.join is Python code, a few thousand
    # instructions a call on 3.8)
    cached = "%s/gilsim_recorder.%s.%s.%08x.pyc" % (cache, "+".join(names),
                                                  sys.implementation.cache_tag, where)
    try:
        data = _read(cached)
        if data.startswith(stamp):
            return marshal.loads(data[len(stamp):])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    codes = tuple([compile(_read(path), path, "exec", dont_inherit=True, optimize=2)
                   for path in paths])
    _writer()["write"](cached, stamp + marshal.dumps(codes))
    return codes


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
    """Loads the recorder's modules NAMES (and its package) from their
    cached bytecode (_codes), without the import system: finding a module,
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
    modules = sys.modules
    if "gilsim_recorder" not in modules:
        # (its __init__.py is its docstring only: not read)
        mod = type(sys)("gilsim_recorder")
        path = folder + "/__init__.py"
        spec = bootstrap.ModuleSpec("gilsim_recorder", None, origin=path, is_package=True)
        spec.has_location = True
        spec.submodule_search_locations = mod.__path__ = [folder]
        mod.__spec__, mod.__file__, mod.__package__ = spec, path, "gilsim_recorder"
        modules.setdefault("gilsim_recorder", mod)
    todo, paths = [], []
    for name in names:
        if "gilsim_recorder." + name not in modules:
            todo.append(name)
            paths.append("%s/%s.py" % (folder, name))
    if todo:
        codes = _codes(todo, paths, cache, where)
        for k, name in enumerate(todo):
            full = "gilsim_recorder." + name
            mod = type(sys)(full)
            spec = bootstrap.ModuleSpec(full, None, origin=paths[k])
            spec.has_location = True
            mod.__spec__, mod.__file__, mod.__package__ = spec, paths[k], "gilsim_recorder"
            # published once whole, never half-made: another thread that
            # needs it meanwhile (or a fork child, whose parent was loading
            # it in another thread) loads it too, and the first one
            # published wins; no lock, so none that a fork could leave held
            # (docs/record.md, Fork safety)
            exec(codes[k], mod.__dict__)
            setattr(modules["gilsim_recorder"], name, modules.setdefault(full, mod))
    return modules["gilsim_recorder." + names[-1]]


def _shadowed(off):
    """Whether a sitecustomize module may be on OFF, sys.path but this
    folder: looked for in the directory listings that the path finder
    keeps (FileFinder's, filled at start-up by the interpreter's own
    imports), not with the path finder, whose search costs every recorded
    process 0.2 M instructions (CPython 3.12).  True where a listing is
    missing or stale: the import system then looks."""
    cache = sys.path_importer_cache
    loaders = names = None
    for p in off:
        f = cache.get(p, cache)
        if f is None:           # no finder for this entry (a missing zip)
            continue
        try:
            if f._path_mtime == -1:
                return True
            # (its file names, as the finder would look for them: the same
            # suffixes in every folder's finder, mostly)
            if f._loaders != loaders:
                loaders = f._loaders
                names = {"sitecustomize" + suffix for suffix, _ in loaders}
                names.add("sitecustomize")
            if not (names.isdisjoint(f._path_cache) and
                    names.isdisjoint(f._relaxed_path_cache)):
                return True
        except Exception:       # not a FileFinder
            return True
    return False


def _chain(off):
    """Imports the sitecustomize module that this one shadows, if any, from
    OFF, sys.path but this folder; sys.path is then as it was."""
    if not _shadowed(off):
        return
    mine = sys.modules.pop("sitecustomize", None)
    saved = sys.path[:]
    try:
        sys.path[:] = off
        import builtins
        try:
            getattr(builtins.__import__, "__wrapped__", builtins.__import__)("sitecustomize")
        except ImportError:
            pass
    finally:
        sys.path[:] = saved
        if mine is not None:
            sys.modules["sitecustomize"] = mine


_OUT = os.environ.get("GILSIM_RECORD_OUT")
if _OUT:
    try:
        # what every recorded process runs, read at once: the limit on
        # processes, the recorder (its patches of the modules loaded at
        # start-up, time and os, its writer)
        _preload(["proclimit", "recorder"])
        sys.modules["gilsim_recorder.proclimit"].install(_preload, _OUT)
        sys.modules["gilsim_recorder.recorder"].start(_T_HOOK, _C_HOOK, _preload, _OUT)
    except Exception as _e:  # never break the user's program
        sys.stderr.write("gilsim record: the recorder did not start: %r\n" % (_e,))
_OFF = _off_path(_HERE)
_chain(_OFF)
if _OUT:
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
    sys.path[:] = _OFF
    if "gilsim_recorder.recorder" in sys.modules and getattr(sys, "monitoring", None):
        sys.modules["gilsim_recorder.recorder"].start_monitoring()
