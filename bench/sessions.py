"""sessions.py: what the bench scripts read from measure.py sessions (the
JSON lines of sim/validate/harness/measure.py), in one place: imported by
probe-states.py and speed-jitter.py, which run beside it in bench/."""
import json

# measure.py's speed probe of its loop, in the main thread just before and
# just after every run (ns an iteration), in each run's runs_extra
PROBE_KEYS = ("probe_ns_per_iter_before", "probe_ns_per_iter_after")


def records(path):
    """The records of the session in the file PATH, in order."""
    with open(path) as f:
        for line in f:
            yield json.loads(line)


def probes(record):
    """RECORD's loop probes, before and after each of its runs in turn (the
    runs without them left out)."""
    return [run[key] for run in record.get("runs_extra") or [] for key in PROBE_KEYS
            if run.get(key)]
