# sitecustomize.py: gilsim record's hook.  `gilsim record` puts this folder
# first on PYTHONPATH and sets GILSIM_RECORD_OUT; every Python process it
# runs (and their children: fork, spawn, forkserver) then imports this file
# at start-up and starts the recorder.  Without the variable it does
# nothing.  Whatever sitecustomize the interpreter had is loaded after it.
import os
import sys
import time

# The program's start-up ends here: what follows (the recorder's import,
# which compiles it under PYTHONDONTWRITEBYTECODE, and its start) is the
# recorder's, not the interpreter's.
_T_HOOK = time.monotonic()


def _chain():
    """Imports the sitecustomize module that this one shadows, if any."""
    here = os.path.dirname(os.path.abspath(__file__))
    mine = sys.modules.pop("sitecustomize", None)
    saved = sys.path[:]
    try:
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
        import importlib
        try:
            importlib.import_module("sitecustomize")
        except ImportError:
            pass
    finally:
        sys.path[:] = saved
        if mine is not None:
            sys.modules["sitecustomize"] = mine


if os.environ.get("GILSIM_RECORD_OUT"):
    try:
        from gilsim_recorder import recorder as _gilsim_recorder
        _gilsim_recorder.start(_T_HOOK)
    except Exception as _e:  # never break the user's program
        sys.stderr.write("gilsim record: the recorder did not start: %r\n" % (_e,))
_chain()
