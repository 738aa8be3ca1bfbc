"""runs.py: one scenario from several recordings of the same program.

    python3 -m gilsim_recorder.runs SCENARIO.gil SCENARIO.gil ...

prints on stdout the scenario whose measured numbers are, statement by
statement, the medians of the recordings', and on stderr what it kept.
`gilsim record --runs K` runs it on the K scenarios of its K recordings
(docs/record.md).

The recordings must have the same structure: the same lines once their
measurements are set aside.  The measurements are a `python N iterations`
count and every duration (`native 2.4ms nogil`, `sleep 3ms`, `startup =
84ms`) in a statement, and every number in a comment; everything else
(loops and their counts, groups and their sizes, objects, items, sizes
in the statements) is structure.  The recordings are sorted into classes
of one structure; the largest class (the earliest on a tie) is kept and
the others are left out, with a line on stderr that says so.  Each number
of the result is the lower median of the kept recordings' (an odd count's
middle one), written as that recording wrote it, so that a line's text is
always one that the converter made.
"""
import re
import statistics
import sys

UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
# a number, with a time unit when it has one (not part of a name: x1, f2)
NUMBER = re.compile(r"(?<![\w.])(\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)(ns|us|ms|s)?(?![\w.])")
# in a statement: a Python iteration count, or a duration
STMT_MEASURE = re.compile(r"(?<![\w.])(?:(\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)(?= iterations\b)|"
                          r"(\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)(ns|us|ms|s)(?![\w.]))")


def split_comment(line):
    """(statement, comment) of LINE: the comment from the first # outside
    quotes, '' when there is none."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "#" and not quoted:
            return line[:i], line[i:]
    return line, ""


def value(number, unit):
    v = float(number.replace("_", ""))
    return v * UNITS[unit] if unit else v


class Line(object):
    """One line of a scenario: its skeleton (the text with each measured
    number replaced by a mark) and the measured numbers, as (text, value)."""

    def __init__(self, text):
        stmt, comment = split_comment(text)
        # a statement with a comment is padded to the comment's column
        # (scenario.Writer.add), which depends on the numbers' widths
        self.aligned = bool(comment and stmt.strip())
        if self.aligned:
            stmt, comment = stmt.rstrip(), comment
        self.comment = comment
        self.parts, self.numbers = [], []
        pos = 0
        for m in STMT_MEASURE.finditer(stmt):
            self.parts.append(stmt[pos:m.start()])
            self.numbers.append((m.group(0), value(m.group(1) or m.group(2), m.group(3))))
            pos = m.end()
        self.parts.append(stmt[pos:])
        self.stmt_numbers = len(self.numbers)
        # the comment: every number is a measurement; its skeleton is not
        # structure (a comment's other words may differ: "up to x.py:12")
        self.comment_parts = []
        pos = 0
        for m in NUMBER.finditer(comment):
            self.comment_parts.append(comment[pos:m.start()])
            self.numbers.append((m.group(0), value(m.group(1), m.group(2))))
            pos = m.end()
        self.comment_parts.append(comment[pos:])
        self.skeleton = "\x00".join(self.parts)
        self.comment_skeleton = "\x00".join(self.comment_parts)


def structure(lines):
    return tuple(l.skeleton for l in lines)


def merge_line(lines):
    """The line whose numbers are the lower medians of LINES' (one line
    per recording, all of one skeleton).  A comment whose words differ
    between recordings is the first recording's."""
    first = lines[0]
    same_comment = all(l.comment_skeleton == first.comment_skeleton and
                       len(l.numbers) == len(first.numbers) for l in lines)
    count = len(first.numbers) if same_comment else first.stmt_numbers
    chosen = []
    for k in range(count):
        texts = [l.numbers[k] for l in lines]
        if all(t[0] == texts[0][0] for t in texts):
            chosen.append(texts[0][0])
            continue
        low = statistics.median_low([t[1] for t in texts])
        chosen.append(next(t[0] for t in texts if t[1] == low))
    out = []
    for i, part in enumerate(first.parts):
        out.append(part)
        if i < first.stmt_numbers:
            out.append(chosen[i])
    if first.aligned:
        out = ["".join(out).ljust(40) + "  "]
    if same_comment:
        for i, part in enumerate(first.comment_parts):
            out.append(part)
            if i < len(first.numbers) - first.stmt_numbers:
                out.append(chosen[first.stmt_numbers + i])
    else:
        out.append(first.comment)
    return "".join(out)


def wall_of(text):
    m = re.search(r"^# recorded wall time: ([0-9.]+) s", text, re.M)
    return float(m.group(1)) if m else None


def merge(texts):
    """(scenario, kept, classes): the median scenario of TEXTS, the indexes
    of the recordings it was made from, and the classes of one structure
    (lists of indexes), largest first."""
    parsed = [[Line(t) for t in text.rstrip("\n").split("\n")] for text in texts]
    classes = {}
    for i, lines in enumerate(parsed):
        classes.setdefault(structure(lines), []).append(i)
    ordered = sorted(classes.values(), key=lambda c: (-len(c), c[0]))
    kept = ordered[0]
    rows = zip(*[parsed[i] for i in kept])
    out = [merge_line(list(row)) for row in rows]
    walls = [wall_of(texts[i]) for i in kept]
    note = "# median of %d recordings of the same structure (of %d made)" % (
        len(kept), len(texts))
    if all(w is not None for w in walls):
        note += "; their wall times: %s s" % ", ".join("%.4f" % w for w in walls)
    # after the first comment lines, before the statements
    at = next((i for i, l in enumerate(out) if not l.startswith("#")), len(out))
    out.insert(min(at, 3), note)
    return "\n".join(out) + "\n", kept, ordered


OVERHEAD = re.compile(r"^# recorded wall time: .*recorder overhead: ([0-9.]+) % of CPU", re.M)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        sys.stderr.write("usage: python3 -m gilsim_recorder.runs SCENARIO.gil...\n")
        return 2
    texts = []
    for path in argv:
        with open(path) as f:
            texts.append(f.read())
    scenario, kept, classes = merge(texts)
    sys.stdout.write(scenario)
    sys.stdout.flush()
    for c in classes[1:]:
        sys.stderr.write("gilsim record: recording%s %s left out: %s structure differs from "
                         "the %d kept (another loop count, group or split of the work)\n" % (
                             "" if len(c) == 1 else "s", ", ".join(str(i + 1) for i in c),
                             "its" if len(c) == 1 else "their", len(kept)))
    overheads = [float(m.group(1)) for m in (OVERHEAD.search(t) for t in texts) if m]
    sys.stderr.write("gilsim record: the scenario is the median of %d of %d recordings\n" % (
        len(kept), len(texts)))
    if overheads:
        sys.stderr.write("recorder overhead: %.1f %% of CPU (median of %d recordings; %.1f "
                         "to %.1f %%)\n" % (statistics.median(overheads), len(overheads),
                                            min(overheads), max(overheads)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
