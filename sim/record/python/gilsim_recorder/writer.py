"""writer.py: nodes written as the scenario's lines, with their comments.

Part of the converter (scenario.py): durations, counts and sizes as the
language writes them, and one statement a node, its comment saying what
was measured and where in the program.
"""
import os

from . import syncops
from .tree import TINY

# ---------------------------------------------------------------------------
# output

def fmt_dur(s):
    if s >= 1:
        return "%.4gs" % s
    if s >= 1e-3:
        return "%.4gms" % (s * 1e3)
    if s >= 1e-6:
        return "%.4gus" % (s * 1e6)
    return "%.4gns" % (s * 1e9)


def fmt_count(x):
    if x < 1000:
        return "%.3g" % x
    digits = len(str(int(x)))
    n = int(round(x, -(digits - 3)))
    return "{:_}".format(n)


def fmt_size(b):
    return "%dB" % int(round(b))


class Writer(object):
    def __init__(self, rec, base):
        self.rec, self.base, self.lines = rec, base, []

    def site(self, site):
        if not site:
            return ""
        path, _, line = site.rpartition(":")
        try:
            rel = os.path.relpath(path, self.base)
        except ValueError:
            rel = path
        if rel.startswith(".."):
            rel = os.path.basename(path)
        return "%s:%s" % (rel, line)

    def add(self, indent, text, comment=None):
        line = "    " * indent + text
        if comment:
            line = line.ljust(40) + "  # " + comment
        self.lines.append(line)

    def wait(self, indent, cpu, wall, what, site, python=False):
        """A call that waited WALL, CPU of it working: in C without the GIL,
        or, when PYTHON, in Python code (the queue and threading classes)."""
        if cpu < TINY and wall - cpu - self.rec.host["sleep"] < TINY:
            self.add(indent, "# %s at %s: no wait" % (what, self.site(site)))
        elif cpu >= TINY and python:
            self.add(indent, "python %s iterations" % fmt_count(cpu / self.rec.loop),
                     "%s, its CPU time at %s" % (what, self.site(site)))
        elif cpu >= TINY:
            self.add(indent, "native %s nogil" % fmt_dur(cpu), "%s, its CPU time at %s" %
                     (what, self.site(site)))
        rest = wall - cpu - self.rec.host["sleep"]
        if rest >= TINY:
            self.add(indent, "sleep %s" % fmt_dur(rest), "%s waited at %s" %
                     (what, self.site(site)))

    def body(self, nodes, indent):
        start = len(self.lines)
        for n in nodes:
            self.node(n, indent)
        if len(self.lines) == start:
            self.add(indent, "python 0 iterations", "nothing measurable")

    def node(self, n, indent):
        rec, v, info = self.rec, n.vals, n.info
        if n.kind == "py":
            if v["cpu"] >= TINY:
                where = info.get("what") or "to the end" if info.get("end") else \
                    "up to %s" % (self.site(n.site) or "the interpreter's exit")
                self.add(indent, "python %s iterations" % fmt_count(v["cpu"] / rec.loop),
                         "%s of Python CPU, %s" % (fmt_dur(v["cpu"]).replace("s", " s", 1)
                                                   if False else fmt_dur(v["cpu"]), where))
        elif n.kind == "sleep":
            self.add(indent, "sleep %s" % fmt_dur(v["secs"]), "time.sleep at %s" %
                     self.site(n.site))
        elif n.kind == "native":
            what = "%s of %s" % (info.get("fn"), fmt_size(info.get("bytes") or 0))
            if info.get("label"):
                what = "%s (%s)" % (info.get("fn"), info["label"])
            self.add(indent, "native %s nogil" % fmt_dur(max(v["cpu"], TINY)),
                     "%s at %s" % (what, self.site(n.site)))
        elif n.kind == "io":
            what = info.get("fn")
            if info.get("bytes"):
                what = "%s of %s" % (info.get("fn"), fmt_size(info["bytes"]))
            if info.get("label"):
                what = "%s (%s)" % (what, info["label"])
            self.wait(indent, v["cpu"], v["wall"], what, n.site)
        elif n.kind == "import":
            write_import(self, n, indent)
        elif n.kind == "wait":
            # a join of a thread by one that did not start it
            self.wait(indent, v["cpu"], v["wall"], "a join of a thread started elsewhere",
                      n.site, python=True)
        elif n.kind == "sync":
            syncops.write(self, n, indent, self.rec.bad, fmt_dur)
        elif n.kind == "lock":
            word = "lock " if info.get("type", "lock") == "lock" else ""
            self.add(indent, "with %s%s:" % (word, info["ref"]), "at %s" % self.site(n.site))
            self.body(n.children, indent + 1)
        elif n.kind == "comment":
            self.add(indent, "# " + info["text"])
        elif n.kind == "repeat":
            if info.get("count_expr"):
                self.add(indent, "repeat %s:" % info["count_expr"], info.get("shared"))
            else:
                self.add(indent, "repeat %d:" % n.count)
            self.body(n.children, indent + 1)
        elif n.kind == "group":
            what = "threads" if info.get("tid") is not None else "processes"
            count = info["param"] or str(info["count"])
            text = "%s = start %s %s %s(%s)" % (info["var"], count, what, info["ref"],
                                                 info.get("args", ""))
            if what == "processes" and info.get("method"):
                text += " using %s" % info["method"]
            self.add(indent, text, "%s at %s" % ("Thread.start()" if what == "threads"
                                                  else "Process.start()", self.site(n.site)))
        elif n.kind == "joing":
            self.add(indent, "join %s" % info["var"], "at %s" % self.site(n.site))
        elif n.kind == "poolst" and info.get("threads"):
            text = "pool %s threads map %s() over %d items" % (
                info.get("param") or info["threads"], info["ref"], info.get("items") or 0)
            self.add(indent, text, "ThreadPoolExecutor.%s at %s" % (
                info.get("op", "map"), self.site(info.get("at") or n.site)))
        elif n.kind == "poolst":
            op = info.get("op", "map")
            text = "pool %d processes %s %s() over %d items" % (
                info.get("processes") or 1, op if op in ("executor map", "submit") else "map",
                info["ref"], info.get("items") or 0)
            if info.get("chunksize"):
                text += " chunksize %d" % info["chunksize"]
            if info.get("argsize"):
                text += " argsize %s" % fmt_size(info["argsize"])
            if info.get("resultsize"):
                text += " resultsize %s" % fmt_size(info["resultsize"])
            if info.get("method"):
                text += " using %s" % info["method"]
            if op in ("executor map", "submit"):
                self.add(indent, text, "ProcessPoolExecutor.%s at %s" % (
                    op.split()[-1], self.site(info.get("at") or n.site)))
            else:
                self.add(indent, text, "Pool.%s at %s" % (op, self.site(n.site)))


# ---------------------------------------------------------------------------
# imports (kept out of imports.py, which every recorded process loads)

# words of gilsim's language that `import` does not take as a module name
RESERVED = set("def print python sleep native import repeat with start join runtime platform "
               "read write fsync server request pool if elif else and or not".split())


def write_import(w, n, indent):
    """Writes the import node N (imports.py's event) with the Writer W."""
    cpu = max(n.vals.get("cpu", 0.0), 1e-6)
    name = ".".join(p + "_module" if p in RESERVED else p for p in n.info["ref"].split("."))
    what = "import of %s (%d module%s loaded)" % (
        n.info["ref"], n.info.get("loaded", 0), "" if n.info.get("loaded") == 1 else "s")
    if n.info.get("label"):
        what = "import of %s (%s)" % (n.info["ref"], n.info["label"])
    if name != n.info["ref"]:
        what += ", written %s: a word of gilsim's language" % name
    w.add(indent, "import %s %s" % (name, fmt_dur(cpu)),
          "%s, its CPU time at %s" % (what, w.site(n.site)))
