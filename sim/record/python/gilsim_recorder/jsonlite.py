"""jsonlite.py: the recorder's JSON writer, without importing json.

The recorder writes its files with marshal (recorder._write_record); this
module writes them as JSON where marshal cannot (a value of a subclass of
str or int, which marshal refuses): record() gives the file's suffix and
bytes, which the converter (recording.load) reads as it reads marshal's.
Loaded then only.

Importing json (json.decoder, json.scanner, json.encoder, _json) costs a
few milliseconds at each recorded process's start, counted in the
recorder's overhead and, worse, taken from the program: its own `import
json` would then load nothing and be recorded as free.  The recorder's
files are small dictionaries and lists of strings and numbers: dumps()
writes them as json.dumps does (NaN and the infinities as json writes
them), but floats of 1e-6 to 1e9, times in seconds, with 9 decimals
(_float), and lines() writes a thread's events, a few microseconds each
(json's C encoder takes more, and importing it more still).
"""
_ESC = {}                     # str.translate's table: made by the first _string


def _u(n):
    if n < 0x10000:
        return "\\u%04x" % n
    n -= 0x10000
    return "\\u%04x\\u%04x" % (0xD800 + (n >> 10), 0xDC00 + (n & 0x3FF))


_KEYS = {}                    # dictionary keys (strings) as dumps writes them


def dumps(x):
    """X (None, a bool, a number, a string, or a list, tuple or dict of
    them) as JSON text, as json.dumps writes it, but for a float of 1e-6
    to 1e9, written with 9 decimals (_float)."""
    t = type(x)
    if t is str:
        if x.isascii() and x.isprintable() and '"' not in x and "\\" not in x:
            return '"' + x + '"'         # nothing to escape (translate costs more)
        return _string(x)
    if t is float:
        return _float(x)
    if t is int:
        return int.__repr__(x)
    if x is None:
        return "null"
    if x is True:
        return "true"
    if x is False:
        return "false"
    if t is dict:
        keys = _KEYS
        parts = []
        for k, v in x.items():
            kk = keys.get(k) if type(k) is str else None
            if kk is None:
                kk = dumps(k if isinstance(k, str) else dumps(k)) + ": "
                if type(k) is str and len(keys) < 1000:
                    keys[k] = kk
            # (the values most dictionaries hold, without a call)
            t = type(v)
            if t is str and v.isascii() and v.isprintable() and '"' not in v and \
                    "\\" not in v:
                parts.append(kk + '"' + v + '"')
            elif t is float:
                parts.append(kk + _float(v))
            elif t is int:
                parts.append(kk + int.__repr__(v))
            else:
                parts.append(kk + dumps(v))
        return "{" + ", ".join(parts) + "}"
    if t is list or t is tuple:
        return "[" + ", ".join([dumps(v) for v in x]) + "]"
    if isinstance(x, str):
        return _string(x)
    if isinstance(x, int):               # (bool is handled above)
        return int.__repr__(x)
    if isinstance(x, float):
        return _float(float(x))
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join([dumps(v) for v in x]) + "]"
    if isinstance(x, dict):
        return dumps(dict(x))
    raise TypeError("Object of type %s is not JSON serializable" % type(x).__name__)


def _float(x):
    """The float X, as json.dumps writes it; from 1e-6 to 1e9 (in magnitude:
    the recorder's floats are times in seconds) with 9 decimals, the
    nanosecond, which costs a tenth of the shortest form that json.dumps
    writes (its digits found with big numbers)."""
    if 1e-6 <= x < 1e9 or -1e9 < x <= -1e-6:
        return "%.9f" % x
    if x - x != 0.0:                 # NaN and the infinities, as json writes them
        return "NaN" if x != x else "Infinity" if x > 0 else "-Infinity"
    return float.__repr__(x)


def _string(x):
    if not _ESC:
        esc = dict((i, "\\u%04x" % i) for i in range(32))
        esc.update({ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n",
                    ord("\t"): "\\t", ord("\r"): "\\r"})
        _ESC.update(esc)                 # (whole, in one step: another thread may write)
    x = x.translate(_ESC)
    if not x.isascii():                  # as json's ensure_ascii
        x = "".join(c if ord(c) < 128 else _u(ord(c)) for c in x)
    return '"' + str.__str__(x) + '"'


def lines(first, items):
    """The JSON lines of FIRST, then of each event of ITEMS: (kind, site,
    four times in seconds, details), the details a dictionary of strings,
    numbers, booleans and None (anything else as dumps writes it) or None.
    The times are written as whole nanoseconds (a float's shortest decimal
    form costs four times more, and most of an event's writing); the
    strings that repeat (kinds, sites, names) are encoded once."""
    out = [dumps(first) + "\n"]
    strs = {}
    keys = {}
    for kind, site, py, cpu, wall, t, extra in items:
        k = strs.get(kind)
        if k is None:
            k = strs[kind] = dumps(kind)
        s = strs.get(site)
        if s is None:
            s = strs[site] = dumps(site)
        if extra:
            parts = []
            for key, v in extra.items():
                kk = keys.get(key)
                if kk is None:
                    kk = keys[key] = dumps(key if isinstance(key, str) else dumps(key)) + ": "
                tv = type(v)
                if tv is str:
                    x = strs.get(v)
                    if x is None:
                        x = strs[v] = dumps(v)
                elif tv is int:
                    x = int.__repr__(v)
                elif v is True:
                    x = "true"
                elif v is False:
                    x = "false"
                elif v is None:
                    x = "null"
                else:
                    x = dumps(v)
                parts.append(kk + x)
            d = "{" + ", ".join(parts) + "}"
        else:
            d = "null" if extra is None else dumps(extra)
        try:
            out.append("[%s, %s, %d, %d, %d, %d, %s]\n" % (
                k, s, py * 1e9, cpu * 1e9, wall * 1e9, t * 1e9, d))
        except (ValueError, OverflowError, TypeError):    # NaN, infinite
            out.append("[%s, %s, %s, %s, %s, %s, %s]\n" % (
                k, s, dumps(py * 1e9), dumps(cpu * 1e9), dumps(wall * 1e9), dumps(t * 1e9), d))
    return out


def record(x):
    """The suffix and bytes of the recorder's file X as JSON: a process's
    facts (a dictionary) as one object (".json"); a thread's (meta, events)
    as lines (".jsonl"), the meta's line first, saying that the events'
    times are in nanoseconds."""
    if type(x) is tuple:
        meta, events = x
        return ".jsonl", "".join(lines({"meta": dict(meta, times="ns")}, events)).encode()
    return ".json", dumps(x).encode()
