# proclimit.py: gilsim record's limit on the processes a recorded program
# starts (--max-processes, docs/record.md), so that a fork bomb under the
# recorder stops growing.
#
# gilsim sets GILSIM_RECORD_MAX_PROCESSES.  Every process of the recording
# takes a slot: a byte appended to OUT/processes.count, whose offset after
# the append (atomic with O_APPEND) is the slot's number.  os.fork takes
# the child's slot in the parent, before forking, and raises
# BlockingIOError (EAGAIN, what fork gives beyond `ulimit -u`) when none is
# left; a Python started otherwise (subprocess, spawn, forkserver's
# server) takes its own at start-up and exits with status 1 when none is
# left.  The first refusal writes OUT/process-limit.txt, which gilsim
# reports.  Standard library only, for CPython 3.8 to 3.13.
import os
import sys

_MAX = [0]
_OUT = [None]
# the functions themselves, before the recorder wraps them: the program
# did not do this I/O
_open, _write, _lseek, _close = os.open, os.write, os.lseek, os.close


def _claim():
    """Takes a slot; False when the recording has no slot left."""
    fd = _open(os.path.join(_OUT[0], "processes.count"),
              os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        _write(fd, b".")
        slot = _lseek(fd, 0, os.SEEK_CUR)
    finally:
        _close(fd)
    return slot <= _MAX[0]


def _refuse():
    """Says that the limit was reached, once for the recording."""
    try:
        fd = _open(os.path.join(_OUT[0], "process-limit.txt"),
                   os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError:
        return
    try:
        _write(fd, ("%d\n" % _MAX[0]).encode())
    finally:
        _close(fd)


def _message():
    return ("gilsim record: the program has started %d processes, the most "
            "--max-processes allows" % _MAX[0])


def install():
    """Applies the limit in this process, if gilsim set one: takes this
    process's slot (a fork child does not come here: its parent took its
    slot), and wraps os.fork."""
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
        sys.stderr.write(_message() + "; this one stops\n")
        sys.stderr.flush()
        os._exit(1)
    fork = os.fork

    def limited_fork():
        if not _claim():
            _refuse()
            import errno        # (not at start: the recorder loads nothing the program may)
            raise BlockingIOError(errno.EAGAIN, _message())
        return fork()

    limited_fork.__doc__ = fork.__doc__
    os.fork = limited_fork
