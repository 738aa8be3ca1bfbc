"""jsonlite.py: the recorder's JSON writer, without importing json.

Importing json (json.decoder, json.scanner, json.encoder, _json) costs a
few milliseconds at each recorded process's start, counted in the
recorder's overhead and, worse, taken from the program: its own `import
json` would then load nothing and be recorded as free.  The recorder's
files are small dictionaries and lists of strings and numbers: dumps()
writes them as json.dumps does (NaN and the infinities as json writes
them), and lines() leaves the many events of a busy thread to json's C
encoder, imported only then.
"""
_INF = float("inf")   # (math, a module the program may import, is not imported)
MANY = 400            # events from which json's encoder is faster than its import

_ESC = dict((i, "\\u%04x" % i) for i in range(32))
_ESC.update({ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\t"): "\\t",
             ord("\r"): "\\r"})


def _u(n):
    if n < 0x10000:
        return "\\u%04x" % n
    n -= 0x10000
    return "\\u%04x\\u%04x" % (0xD800 + (n >> 10), 0xDC00 + (n & 0x3FF))


def dumps(x):
    """X (None, a bool, a number, a string, or a list, tuple or dict of
    them) as JSON text, as json.dumps writes it."""
    if isinstance(x, str):
        x = x.translate(_ESC)
        if not x.isascii():                  # as json's ensure_ascii
            x = "".join(c if ord(c) < 128 else _u(ord(c)) for c in x)
        return '"' + x + '"'
    if x is None:
        return "null"
    if x is True:
        return "true"
    if x is False:
        return "false"
    if isinstance(x, int):
        return int.__repr__(x)
    if isinstance(x, float):
        if x != x:
            return "NaN"
        if x in (_INF, -_INF):
            return "Infinity" if x > 0 else "-Infinity"
        return float.__repr__(x)
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join([dumps(v) for v in x]) + "]"
    if isinstance(x, dict):
        return "{" + ", ".join([dumps(k if isinstance(k, str) else dumps(k)) + ": " + dumps(v)
                                for k, v in x.items()]) + "}"
    raise TypeError("Object of type %s is not JSON serializable" % type(x).__name__)


def lines(first, items):
    """The JSON lines of FIRST, then of each of ITEMS."""
    if len(items) >= MANY:
        import json
        enc = json.dumps
    else:
        enc = dumps
    return [enc(first) + "\n"] + [enc(e) + "\n" for e in items]
