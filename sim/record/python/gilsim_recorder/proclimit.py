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


def _claim():
    """Takes a slot; False when the recording has no slot left."""
    return _append("processes.count") <= _MAX[0]


def _append(name):
    """Appends a byte to OUT/NAME; the file's size after it."""
    fd = _open(os.path.join(_OUT[0], name), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        _write(fd, b".")
        return _lseek(fd, 0, os.SEEK_CUR)
    finally:
        _close(fd)


def _first(name, text):
    """Writes OUT/NAME with TEXT unless it exists: True the first time."""
    try:
        fd = _open(os.path.join(_OUT[0], name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError:
        return False
    try:
        _write(fd, text.encode())
    finally:
        _close(fd)
    return True


def _refuse():
    """Counts a refusal; says that the limit was reached, once for the
    recording.  True when the recording has had more than REFUSALS."""
    _first("process-limit.txt", "%d\n" % _MAX[0])
    return _append("refused.count") > REFUSALS


def _exhausted():
    """Whether the recording has had its REFUSALS."""
    try:
        return _stat(os.path.join(_OUT[0], "refused.count")).st_size >= REFUSALS
    except OSError:
        return False


def _stop():
    """Stops this process, which asked for a process once the recording
    had its REFUSALS: gilsim says so (process-stopped.txt).  The main
    thread exits as from sys.exit(1), so that the recorder keeps its
    events; another thread, or a main thread that caught that and asked
    again, ends the process at once."""
    _first("process-stopped.txt", "%d\n" % REFUSALS)
    import threading
    if not _STOPPING[0] and threading.current_thread() is threading.main_thread():
        _STOPPING[0] = True
        raise SystemExit(1)
    try:
        sys.stdout.flush()
    except Exception:
        pass
    os._exit(1)


def _message():
    return ("gilsim record: the program has started %d processes, the most "
            "--max-processes allows" % _MAX[0])


def _guard(start):
    """START, a function that starts a process, stopping the caller once
    the recording had its REFUSALS."""
    def guarded(*args, **kwargs):
        if _exhausted():
            _stop()
        return start(*args, **kwargs)

    guarded.__doc__ = start.__doc__
    guarded.__name__ = getattr(start, "__name__", "start")
    guarded._gilsim_guard = True
    return guarded


def guard_module(mod):
    """Guards _posixsubprocess.fork_exec (subprocess, multiprocessing's
    spawn and forkserver) in MOD, that module: the recorder patches it
    with this function as the program imports it (recorder._PATCHES), or
    at its start if it is loaded, so that the recorder loads no module that
    the program does not.  Nothing without a limit (install)."""
    if not _MAX[0] or getattr(mod.fork_exec, "_gilsim_guard", False):
        return
    mod.fork_exec = _guard(mod.fork_exec)
    sub = sys.modules.get("subprocess")
    if sub is not None and getattr(sub, "_fork_exec", None) is not None:
        sub._fork_exec = mod.fork_exec


def _guard_starts():
    """Guards the functions of os that start a process without os.fork
    (_posixsubprocess's: guard_module)."""
    for name in ("posix_spawn", "posix_spawnp", "forkpty"):
        if hasattr(os, name):
            setattr(os, name, _guard(getattr(os, name)))


def install():
    """Applies the limit in this process, if gilsim set one: takes this
    process's slot (a fork child does not come here: its parent took its
    slot), and wraps the functions that start processes."""
    out = os.environ.get("GILSIM_RECORD_OUT")
    try:
        limit = int(os.environ.get("GILSIM_RECORD_MAX_PROCESSES", ""))
    except ValueError:
        return
    if not out or limit < 1:
        return
    _MAX[0], _OUT[0] = limit, out
    if not _claim():
        _refuse()
        if _first("process-refused.txt", "%d\n" % os.getpid()):
            sys.stderr.write(_message() + "; this one stops\n")
            sys.stderr.flush()
        os._exit(1)
    fork = os.fork

    def limited_fork():
        if _exhausted():
            _stop()
        if not _claim():
            if _refuse():
                _stop()
            # (errno's number without importing it: the recorder loads nothing
            # the program may, and imports nothing in a process about to fork)
            raise BlockingIOError(getattr(sys.modules.get("errno"), "EAGAIN", 11), _message())
        return fork()

    limited_fork.__doc__ = fork.__doc__
    os.fork = limited_fork
    _guard_starts()
