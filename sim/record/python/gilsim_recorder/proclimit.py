# proclimit.py: gilsim record's limit on the processes a recorded program
# starts (--max-processes, docs/record.md), so that a fork bomb under the
# recorder stops growing.
#
# gilsim sets GILSIM_RECORD_MAX_PROCESSES.  Every process of the recording
# takes a slot: a byte appended to OUT/processes.count, whose offset after
# the append (atomic with O_APPEND) is the slot's number.  os.fork takes
# the child's slot in the parent, before forking, and raises
# BlockingIOError (EAGAIN, what fork gives beyond `ulimit -u`) when none is
# left; a Python started otherwise (subprocess, posix_spawn, spawn,
# forkserver's server) takes its own at start-up and exits with status 1
# when none is left.  The first refusal writes OUT/process-limit.txt, which
# gilsim reports, and the first started Python refused says so on stderr
# (one line for the recording, not one a process).
#
# A program may catch the error and try again, for ever (a retry loop, a
# pool that starts its workers again as they die): each refusal is a byte
# of OUT/refused.count, and once the recording has had REFUSALS of them, a
# process that starts another one (os.fork, os.forkpty, os.posix_spawn[p],
# subprocess, multiprocessing) is stopped there with status 1, and
# OUT/process-stopped.txt tells gilsim, which says it in one line.
#
# This module holds what every process runs (its slot, the wrappers);
# limits.py, loaded at the first process started (or refused), holds the
# rest: the refusals, the stop, the guard of _posixsubprocess.
# Standard library only, for CPython 3.8 to 3.13.
import os
import sys

_MAX = [0]
_OUT = [None]
REFUSALS = 32  # refusals in a recording before a process that asks again stops
_STOPPING = [False]
# the functions themselves, before the recorder wraps them: the program
# did not do this I/O
_open, _write, _lseek, _close, _stat = os.open, os.write, os.lseek, os.close, os.stat
_LOAD = [None]                # sitecustomize's _preload


def _claim():
    """Takes a slot; False when the recording has no slot left."""
    return _append("processes.count") <= _MAX[0]


def _append(name):
    """Appends a byte to OUT/NAME; the file's size after it."""
    fd = _open("%s/%s" % (_OUT[0], name), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        _write(fd, b".")
        return _lseek(fd, 0, os.SEEK_CUR)
    finally:
        _close(fd)


def _exhausted():
    """Whether the recording has had its REFUSALS."""
    try:
        return _stat(os.path.join(_OUT[0], "refused.count")).st_size >= REFUSALS
    except OSError:
        return False


def _more():
    """limits.py, loaded at its first use: by sitecustomize's _preload
    where it loaded this module (without the import system and its locks:
    the caller is about to fork), else imported."""
    m = sys.modules.get(__package__ + ".limits")
    if m is None:
        if _LOAD[0] is not None:
            return _LOAD[0](["limits"])
        __import__(__package__ + ".limits")
        m = sys.modules[__package__ + ".limits"]
    return m


def _guard(start):
    """START, a function that starts a process, stopping the caller once
    the recording had its REFUSALS."""
    def guarded(*args, **kwargs):
        if _exhausted():
            _more()._stop()
        return start(*args, **kwargs)

    # (__wrapped__ leads to START's __doc__, not copied: a built-in's is
    # made from its C text at each read, 2 to 5 k instructions on CPython 3.8)
    guarded.__wrapped__ = start
    guarded.__name__ = getattr(start, "__name__", "start")
    guarded._gilsim_guard = True
    return guarded


def install(load=None, out=None):
    """Applies the limit in this process, if gilsim set one: takes this
    process's slot (a fork child does not come here: its parent took its
    slot), and wraps the functions that start processes (os.fork,
    os.forkpty, os.posix_spawn[p]; _posixsubprocess's: limits.guard_module).
    LOAD: sitecustomize's _preload, which loads limits.py when needed; OUT:
    $GILSIM_RECORD_OUT, where sitecustomize read it."""
    if out is None:
        out = os.environ.get("GILSIM_RECORD_OUT")
    try:
        limit = int(os.environ.get("GILSIM_RECORD_MAX_PROCESSES", ""))
    except ValueError:
        return
    if not out or limit < 1:
        return
    _MAX[0], _OUT[0], _LOAD[0] = limit, out, load
    if not _claim():
        _more().refused_at_start()
    fork = os.fork

    def limited_fork():
        return _more().limited_fork(fork)

    limited_fork.__wrapped__ = fork
    os.fork = limited_fork
    for name in ("posix_spawn", "posix_spawnp", "forkpty"):
        if hasattr(os, name):
            setattr(os, name, _guard(getattr(os, name)))
