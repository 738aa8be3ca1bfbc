"""libcalls.py: the calls that release the GIL in the modules a program
may import, timed: hashlib and zlib on large buffers, socket and select
calls, selectors (asyncio), subprocess waits (and, before 3.12, the reads
of a Popen's pipes: pipes.py).  Each call is an event with its CPU and
wall time (recorder._timed).  Loaded with the first of these modules the
program imports (recorder._PATCHES); calls.py has those of the modules
loaded at start-up.  Part of the recorder (recorder.py holds its state and
its clock).
"""
import sys

from . import recorder as R
from .recorder import _io_describe, _size
from .recorder import LARGE, _timed


class Hash(object):
    """A hashlib object whose large update() calls are timed."""

    def __init__(self, h, name):
        self._h = h
        self._name = name

    def update(self, data):
        n = _size(data)
        if n < LARGE:
            return self._h.update(data)
        return _timed("native", self._h.update,
                      lambda a, k, res: {"fn": "hashlib." + self._name, "bytes": n})(data)

    def copy(self):
        return Hash(self._h.copy(), self._name)

    def __getattr__(self, attr):
        return getattr(self._h, attr)


def patch_hashlib(hashlib_mod):
    def wrap(ctor, name):
        def make(*args, **kwargs):
            data = args[0] if args else kwargs.get("data", kwargs.get("string"))
            n = _size(data) if data is not None else 0
            if n < LARGE:
                return Hash(ctor(*args, **kwargs), name)
            h = _timed("native", ctor, lambda a, k, res: {"fn": "hashlib." + name,
                                                           "bytes": n})(*args, **kwargs)
            return Hash(h, name)
        return make
    for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b",
                 "blake2s", "sha3_224", "sha3_256", "sha3_384", "sha3_512"):
        if hasattr(hashlib_mod, name):
            setattr(hashlib_mod, name, wrap(getattr(hashlib_mod, name), name))
    orig_new = hashlib_mod.new

    def new(name, *args, **kwargs):
        return wrap(lambda *a, **k: orig_new(name, *a, **k), str(name))(*args, **kwargs)
    hashlib_mod.new = new


def patch_zlib(zlib_mod):
    for name in ("compress", "decompress"):
        orig = getattr(zlib_mod, name)

        def make(orig, name):
            timed = _timed("native", orig, lambda a, k, res: {
                "fn": "zlib." + name, "bytes": _size(a[0]) if a else 0})

            def call(data, *args, **kwargs):
                if _size(data) < LARGE:
                    return orig(data, *args, **kwargs)
                return timed(data, *args, **kwargs)
            return call
        setattr(zlib_mod, name, make(orig, name))


def patch_socket(socket_mod):
    S = socket_mod.socket
    for name in ("recv", "recv_into", "recvfrom", "send", "sendall", "sendto",
                 "accept", "connect"):
        orig = getattr(S, name, None)
        if orig is not None:
            setattr(S, name, _timed("io", orig, _io_describe("socket." + name)))


def patch_select(select_mod):
    select_mod.select = _timed("io", select_mod.select, _io_describe("select.select"))


def patch_selectors(selectors_mod):
    """The selectors of selectors (asyncio's event loop waits in them)."""
    for name, cls in list(vars(selectors_mod).items()):
        if isinstance(cls, type) and issubclass(cls, selectors_mod.BaseSelector) and \
                cls is not selectors_mod.BaseSelector and "select" in cls.__dict__:
            cls.select = _timed("io", cls.__dict__["select"],
                                _io_describe("selectors.%s.select" % cls.__name__))


def patch_subprocess(subprocess_mod):
    P = subprocess_mod.Popen
    for name in ("wait", "communicate"):
        setattr(P, name, _timed("io", getattr(P, name), lambda a, k, r, n=name: {
            "fn": "subprocess.Popen." + n, "bytes": 0}))
    for name in ("run", "call", "check_call", "check_output"):
        setattr(subprocess_mod, name, _timed("io", getattr(subprocess_mod, name),
                                             lambda a, k, r, n=name: {
                                                 "fn": "subprocess." + n, "bytes": 0}))
    if not hasattr(sys, "monitoring"):
        # before 3.12, the reads of the child's pipes (pipes.py)
        R._module("pipes").patch_popen(P, R)
