"""pycache.py: the recorder's bytecode written where it is missing or out of
date: the cached code of its modules (../sitecustomize.py's _codes) and
sitecustomize.py's own .pyc.  Run only then (a recording's first
process, a changed source), from its source (sitecustomize's _writer),
not by every recorded process, which reads that bytecode without this
code.  Standard library only, for
CPython 3.8 to 3.13.
"""
import os
import sys


def write(cached, data):
    """DATA (bytes) to the file CACHED, whole: into a file beside it, then
    renamed over it; nothing where its folder cannot be written."""
    try:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        tmp = "%s.%d.tmp" % (cached, os.getpid())
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, cached)
    except OSError:
        pass


def cache_site(path):
    """The bytecode of sitecustomize.py (PATH), compiled without docstrings,
    in __pycache__ beside it, where the next start reads it
    (PYTHONDONTWRITEBYTECODE stops writing it, not reading it); nothing
    where the folder cannot be written.  sitecustomize.py calls this where
    the import system did not load it from that file (its functions have
    their docstrings)."""
    try:
        # as py_compile does, without importing it (nor what it imports: the
        # program's own imports of those would be recorded as free)
        ext = sys.modules["_frozen_importlib_external"]
        cfile = ext.cache_from_source(path)
        st = os.stat(path)
        with open(path, "rb") as f:
            code = compile(f.read(), path, "exec", dont_inherit=True, optimize=2)
        os.makedirs(os.path.dirname(cfile), exist_ok=True)
        ext._write_atomic(cfile, ext._code_to_timestamp_pyc(code, st.st_mtime, st.st_size),
                          0o644)
    except Exception:
        pass
