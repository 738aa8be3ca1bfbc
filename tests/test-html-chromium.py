#!/usr/bin/env python3
"""test-html-chromium.py: the HTML report in headless Chromium (Debian's
chromium).  For scenarios/seed/cpu_threads.gil and a sweep of it, the page
renders without a console message, the script draws the time axis, every
worker has a timeline row in the rendered page, and the screenshot is not
blank (a good share of pixels are the timeline's colours).  TAP; skipped
when no Chromium is installed.  With GILSIM_SCREENSHOTS=DIR, the
screenshots are kept there (docs/img/ has them)."""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

GILSIM = os.environ["GILSIM"]
ROOT = os.environ["GILSIM_SOURCE_ROOT"]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def png_pixels(path):
    """The RGB pixels of an 8-bit RGB or RGBA PNG, as (width, height, rows)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), "unexpected PNG type"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows


def check(n, chromium, name, args, colours, tmp, shots):
    """Renders the report of `gilsim run ARGS`; COLOURS must show (the
    timeline's states, or the charts' lines) in the screenshot."""
    html = os.path.join(tmp, name + ".html")
    run = subprocess.run([GILSIM, "run"] + args + ["--html", html, "-q",
                                                   "--export-json", "-"],
                         cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        return "not ok %d %s # gilsim failed: %s" % (n, name, run.stderr.strip())
    import json
    workers = set()
    for res in json.loads(run.stdout)["results"]:
        workers |= {w["name"] for w in res["workers"]}
    png = os.path.join(tmp, name + ".png")
    base = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--disable-dev-shm-usage",
            "--enable-logging=stderr", "--v=0",
            "--window-size=1240,%d" % (360 if len(args) < 3 else 900)]
    dom = subprocess.run(base + ["--dump-dom", "file://" + html],
                         capture_output=True, text=True, timeout=120)
    shot = subprocess.run(base + ["--screenshot=" + png, "file://" + html],
                          capture_output=True, text=True, timeout=120)
    problems = []
    for out in (dom.stderr, shot.stderr):
        for line in out.splitlines():
            if ":CONSOLE" in line:
                problems.append("console: " + line)
    if '<g class="axis"' not in dom.stdout or "</text></g>" not in dom.stdout:
        problems.append("the script did not draw the time axis")
    for w in workers:
        if '<g class="row" data-name="%s" data-kind="thread">' % w not in dom.stdout:
            problems.append("no timeline row for worker " + w)
    if not os.path.exists(png):
        problems.append("no screenshot")
    else:
        width, height, rows = png_pixels(png)
        counts = {k: 0 for k in colours}
        want = {k: (int(k[1:3], 16), int(k[3:5], 16), int(k[5:7], 16)) for k in colours}
        ink = 0
        for row in rows:
            for px in row:
                if px == (255, 255, 255):
                    continue
                ink += 1
                for k, c in want.items():
                    if all(abs(px[i] - c[i]) <= 40 for i in range(3)):
                        counts[k] += 1
        if ink < width * height // 50:
            problems.append("the screenshot is nearly blank (%d of %d pixels)"
                            % (ink, width * height))
        for k, c in counts.items():
            if c < 200:
                problems.append("the screenshot has %d pixels of %s" % (c, k))
        if shots:
            shutil.copy(png, os.path.join(shots, name + ".png"))
    if problems:
        return "not ok %d %s\n# %s" % (n, name, "\n# ".join(problems))
    return "ok %d %s" % (n, name)


def main():
    chromium = find_chromium()
    if chromium is None:
        print("1..0 # SKIP chromium is not installed")
        return 0
    cases = [
        # running Python, waiting for the GIL
        ("timeline-cpu_threads", ["scenarios/seed/cpu_threads.gil"],
         ["#2e7d32", "#e53935"]),
        # the charts' first two lines
        ("report-sweep", ["scenarios/seed/cpu_threads.gil", "-L",
                          "runtime=cpython-3.12,cpython-3.13t", "-L", "N=1,2,4,8"],
         ["#1e88e5", "#e53935"]),
    ]
    print("1..%d" % len(cases))
    shots = os.environ.get("GILSIM_SCREENSHOTS")
    failed = False
    with tempfile.TemporaryDirectory(prefix="gilsim-html-") as tmp:
        for n, (name, args, colours) in enumerate(cases, 1):
            line = check(n, chromium, name, args, colours, tmp, shots)
            failed |= line.startswith("not ok")
            print(line, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
