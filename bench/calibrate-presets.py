"""Calibrates gilsim's zlib.compress, json.loads and re.search presets.

    python3 bench/calibrate-presets.py OUT.jsonl [--mib 8] [--repeat 5]

Standard library only, so it runs on any CPython (3.6 and later).  For
each preset it times one call on a deterministic input (the same bytes on
every machine), in the main thread, --repeat times: the median cost per
byte is the platform property (cost.zlib.compress, cost.json.loads,
cost.re.search).  The loop of measure.py (`total += i`) is timed too, so
that a record says how fast the machine was at the time.

Then N = 2 and 4 threads each make the same call at once, which tests
what the preset says about the GIL: zlib.compress releases it, so its
threads share the cores; json.loads and re.search keep it, so theirs run
one after another.  The records are JSON lines in measure.py's shape, so
that `gilsim validate OUT.jsonl --platform P` predicts them:

    {"case": "native_presets", "variant": CALL, "kind": "main" or "threads",
     "n_workers": N, "work": {"bytes": B} or {"loop_iters": L},
     "wall_seconds_median": ..., "wall_seconds_all": [...], "env": {...}}

The inputs, the same on every machine:
  - text: 1,000 made-up words (2 to 10 lowercase letters, random.Random(1))
    drawn at random into sentences of 5 to 15 words, 12 sentences a line;
    zlib.compress(text, 6) makes it about 3 times smaller.
  - json: json.dumps of a list of records {"id", "name", "score", "tags",
    "active"} built from the same words.
  - re.search(r"(\\w+)@(\\w+)\\.com", text): the text has no "@", so the
    search scans all of it.
"""
import json
import os
import platform
import random
import re
import statistics
import sys
import threading
import time
import zlib


def words(rng, n=1000):
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 10)))
            for _ in range(n)]


def make_text(size):
    rng = random.Random(1)
    vocab = words(rng)
    out, total, line = [], 0, []
    while total < size:
        s = " ".join(rng.choice(vocab) for _ in range(rng.randint(5, 15)))
        s = s[0].upper() + s[1:] + "."
        line.append(s)
        if len(line) == 12:
            t = " ".join(line) + "\n"
            out.append(t)
            total += len(t)
            line = []
    return "".join(out)[:size].encode("ascii")


def make_json(size):
    rng = random.Random(2)
    vocab = words(random.Random(1))
    recs, total = [], 2
    while total < size:
        r = {"id": len(recs), "name": rng.choice(vocab),
             "score": round(rng.random() * 1000, 3),
             "tags": [rng.choice(vocab) for _ in range(rng.randint(0, 4))],
             "active": rng.random() < 0.5}
        total += len(json.dumps(r)) + 2
        recs.append(r)
    return json.dumps(recs)


def loop(n):
    total = 0
    for i in range(n):
        total += i
    return total


def timed(fn, repeat):
    walls = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t)
    return walls


def threaded(fn, n):
    ths = [threading.Thread(target=fn) for _ in range(n)]
    t = time.perf_counter()
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    return time.perf_counter() - t


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    out = open(args[0], "w")
    mib = int(args[args.index("--mib") + 1]) if "--mib" in args else 8
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 5
    size = mib * 1024 * 1024
    env = {"python_version": sys.version, "machine": platform.machine(),
           "cpu_count": os.cpu_count()}
    text = make_text(size)
    doc = make_json(size)
    pat = re.compile(r"(\w+)@(\w+)\.com")
    text_str = text.decode("ascii")
    zipped = len(zlib.compress(text, 6))
    calls = [
        ("zlib.compress", len(text), lambda: zlib.compress(text, 6)),
        ("json.loads", len(doc), lambda: json.loads(doc)),
        ("re.search", len(text_str), lambda: pat.search(text_str)),
    ]

    def emit(variant, kind, n, work, walls, **extra):
        rec = {"case": "native_presets", "variant": variant, "kind": kind,
               "n_workers": n, "work": work,
               "switchinterval": sys.getswitchinterval(),
               "config_id": "native_presets|%s|%d|%s" % (
                   variant, n, json.dumps(work, sort_keys=True)),
               "repeat": len(walls),
               "wall_seconds_median": statistics.median(walls),
               "wall_seconds_min": min(walls), "wall_seconds_max": max(walls),
               "wall_seconds_all": walls}
        rec.update(extra)
        print(json.dumps(rec))
        rec["env"] = env
        out.write(json.dumps(rec) + "\n")
        out.flush()

    L = 2000000
    walls = timed(lambda: loop(L), repeat)
    emit("loop", "main", 1, {"loop_iters": L}, walls)
    for name, nbytes, fn in calls:
        fn()  # warm up (page faults of the first output buffer)
        walls = timed(fn, repeat)
        extra = {"seconds_per_byte": statistics.median(walls) / nbytes}
        if name == "zlib.compress":
            extra["compressed_bytes"] = zipped
        emit(name, "main", 1, {"bytes": nbytes}, walls, **extra)
        for n in (2, 4):
            walls = [threaded(fn, n) for _ in range(repeat)]
            emit(name, "threads", n, {"bytes": nbytes}, walls)
    out.close()


if __name__ == "__main__":
    main()
