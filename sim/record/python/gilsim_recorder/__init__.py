"""gilsim's recorder: what a Python program's threads and processes do,
with times, for `gilsim record` (docs/record.md).

recorder.py runs inside the recorded program (started by ../sitecustomize.py)
and writes raw events, one file per thread (marshal's); scenario.py turns a
folder of them into a scenario of gilsim's language.  Standard library
only, CPython 3.8 to 3.13.

Nothing but this docstring: ../sitecustomize.py makes the package without
reading this file (its _preload), which would cost every recorded process
more than the package's module.
"""
