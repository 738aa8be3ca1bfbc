"""names.py: the names the recorder gives the program's objects.

A lock, queue, event... is named after the variable its line assigns it to
(`jobs = queue.Queue(16)` is `jobs`, `self.ready = threading.Event()` is
`ready`), else after its type and line (`queue_worker_py_12`).  This reads
the program's source lines itself, without linecache, re or tokenize: a
module the recorder imports while the program runs is one the program's own
import then finds loaded, recorded as free (docs/record.md, Imports).
"""
import os
import sys

_R = sys.modules[__package__ + ".recorder"]     # (recorder._module says why)
_internal, _objects, _objs, _rec, _thread_time = \
    _R._internal, _R._objects, _R._objs, _R._rec, _R._thread_time

_files = {}                   # path -> its lines ([] when it cannot be read)


def getline(path, lineno):
    """Line LINENO (from 1) of the file PATH, with its newline; '' when
    there is none (as linecache.getline; UTF-8, undecodable bytes
    replaced)."""
    lines = _files.get(path)
    if lines is None:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.readlines()
        except (OSError, ValueError):
            lines = []
        _files[path] = lines
    return lines[lineno - 1] if 1 <= lineno <= len(lines) else ""


def _word(c):
    return c.isalnum() or c == "_"


def assigned(line):
    """The variable that LINE assigns to, or None: what the expression
    ^\\s*(?:self\\.|cls\\.)?([A-Za-z_]\\w*)\\s*(?::[^=]*)?=[^=] captures."""
    s = line.lstrip()
    for prefix in ("self.", "cls."):
        if s.startswith(prefix):
            s = s[len(prefix):]
            break
    if not s or not (s[0] == "_" or "a" <= s[0] <= "z" or "A" <= s[0] <= "Z"):
        return None
    i = 1
    while i < len(s) and _word(s[i]):
        i += 1
    name, rest = s[:i], s[i:].lstrip()
    if rest.startswith(":"):
        j = rest.find("=")
        if j < 0:
            return None
        rest = rest[j:]
    if len(rest) >= 2 and rest[0] == "=" and rest[1] != "=":
        return name
    return None


def fallback(kind, path, lineno):
    """KIND_FILE_LINE, the file's name with every character other than a
    letter, a digit or _ written _ (queue_worker_py_12)."""
    base = "".join(c if _word(c) else "_" for c in os.path.basename(path))
    return "%s_%s_%d" % (kind, base, lineno)


def guess_name(kind, depth=2, params=None):
    """A name for an object created at the caller's line: the variable it
    is assigned to (jobs = queue.Queue() gives 'jobs'), else KIND and the
    line it was made at (queue_worker_py_12), so that the name stays the
    same from one recording to the next.  PARAMS: what the object was made
    with (a queue's maxsize, a semaphore's value, a barrier's parties)."""
    f = sys._getframe(depth)
    while f is not None and _internal(f.f_code.co_filename):
        f = f.f_back
    name, site = kind, None
    if f is not None:
        site = "%s:%d" % (f.f_code.co_filename, f.f_lineno)
        # reading the line is the recorder's work, not the thread's
        c = _thread_time()
        name = assigned(getline(f.f_code.co_filename, f.f_lineno)) or \
            fallback(kind, f.f_code.co_filename, f.f_lineno)
        r = _rec()
        r.last += _thread_time() - c
        r.overhead += _thread_time() - c
    obj = {"name": name, "id": next(_objs), "site": site, "type": kind}
    if params:
        obj.update(params)
    _objects[obj["id"]] = obj
    return obj["id"]
