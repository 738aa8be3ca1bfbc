"""pipes.py: the reads of a subprocess's pipes before CPython 3.12.

A program that waits for a child's output (`server.stdout.readline()`,
`proc.stdout.read()`) waits in a method of a C type (io.BufferedReader,
io.TextIOWrapper), which no wrapper reaches; from 3.12 on sys.monitoring
sees it (monitor.start_monitoring).  Before, the
wait was not recorded at all: the thread's CPU clock does not move while it
waits, so the scenario lost the time (bench/record/downloader.py's wait for
its server to start, 100 ms and more).  The recorder therefore replaces a
Popen's stdout and stderr by a thin proxy whose reads are timed like
os.read (an "io" event: its CPU time, and the rest of the wait); anything
else goes to the file object itself.
"""


def patch_popen(popen_cls, recorder):
    """Wraps POPEN_CLS.__init__ so that the pipes it opens for the child's
    output are read through TimedPipe.  RECORDER: the recorder module (its
    _timed)."""
    orig_init = popen_cls.__init__

    def init(self, *args, **kwargs):
        orig_init(self, *args, **kwargs)
        for attr in ("stdout", "stderr"):
            f = getattr(self, attr, None)
            if f is not None:
                setattr(self, attr, TimedPipe(f, "subprocess.Popen.%s" % attr, recorder))

    init.__wrapped__ = orig_init
    popen_cls.__init__ = init


def _describe(fn):
    def describe(args, kwargs, result):
        try:
            n = result if isinstance(result, int) else len(result) if result is not None else 0
        except TypeError:
            n = 0
        return {"fn": fn, "bytes": n}
    return describe


class TimedPipe(object):
    """A pipe's file object whose reads are recorded as waits."""

    def __init__(self, f, what, recorder):
        self._f = f
        for m in ("read", "read1", "readline", "readlines", "readinto"):
            orig = getattr(f, m, None)
            if orig is not None:
                setattr(self, m, recorder._timed("io", orig, _describe("%s.%s" % (what, m))))

    def __iter__(self):
        # `for line in pipe:` is the file's own iteration, not timed: from
        # 3.12 on sys.monitoring does not see it either (a C type's
        # __next__), and a line an event would cost a long output dearly
        return iter(self._f)

    def __enter__(self):
        self._f.__enter__()
        return self

    def __exit__(self, *exc):
        return self._f.__exit__(*exc)

    def __getattr__(self, attr):
        return getattr(self._f, attr)

    def __repr__(self):
        return repr(self._f)
