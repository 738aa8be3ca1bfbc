# limits.py: the rest of proclimit.py (gilsim record's limit on the
# processes a recorded program starts, --max-processes, docs/record.md),
# loaded at the first process a recorded process starts or is refused:
# the refusals, the stop once the recording had REFUSALS of them, the
# guard of _posixsubprocess.fork_exec.  Standard library only, for
# CPython 3.8 to 3.13.
import os
import sys

from .proclimit import (_MAX, _OUT, _STOPPING, REFUSALS, _append, _claim, _close,
                        _exhausted, _guard, _open, _write)


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


def refused_at_start():
    """This process, started otherwise than by os.fork, found no slot left:
    says so (once for the recording) and ends."""
    _refuse()
    if _first("process-refused.txt", "%d\n" % os.getpid()):
        sys.stderr.write(_message() + "; this one stops\n")
        sys.stderr.flush()
    os._exit(1)


def limited_fork(fork):
    """os.fork (FORK) once the parent took the child's slot; EAGAIN, as
    fork gives beyond `ulimit -u`, when none is left."""
    if _exhausted():
        _stop()
    if not _claim():
        if _refuse():
            _stop()
        # (errno's number without importing it: the recorder loads nothing
        # the program may, and imports nothing in a process about to fork)
        raise BlockingIOError(getattr(sys.modules.get("errno"), "EAGAIN", 11), _message())
    return fork()


def guard_module(mod):
    """Guards _posixsubprocess.fork_exec (subprocess, multiprocessing's
    spawn and forkserver) in MOD, that module: the recorder patches it
    with this function as the program imports it (recorder._PATCHES), or
    at its start if it is loaded, so that the recorder loads no module that
    the program does not.  Nothing without a limit (proclimit.install)."""
    if not _MAX[0] or getattr(mod.fork_exec, "_gilsim_guard", False):
        return
    mod.fork_exec = _guard(mod.fork_exec)
    sub = sys.modules.get("subprocess")
    if sub is not None and getattr(sub, "_fork_exec", None) is not None:
        sub._fork_exec = mod.fork_exec
