"""tree.py: a thread's statements as a tree of nodes, and the loops made
of repeated ones.

A Node is a statement (Python CPU, a sleep, a call, a lock block, a start,
a pool...) with a shape (its key: what it is, from which line, on which
object) and values that average when nodes of one shape merge.  compress
finds repeated runs of statements and makes them `repeat` loops (nested
where the program nests them); shrink sums up a body that stays too long
in chunks.  Part of the converter (scenario.py).
"""
from . import syncops

MAX_PERIOD = 24          # longest loop body looked for, in statements
MAX_BODY = 300           # statements of one body before it is summed up
CHUNKS = 30              # chunks of a body summed up
TINY = 1e-6              # statements shorter than this are left out


class Node(object):
    """KIND with the values VALS (averaged when nodes of one shape merge),
    the source SITE, fixed details INFO and CHILDREN (a block)."""
    __slots__ = ("kind", "vals", "site", "info", "children", "count")

    def __init__(self, kind, vals=None, site=None, info=None, children=None, count=1):
        self.kind, self.vals, self.site = kind, vals or {}, site
        self.info, self.children, self.count = info or {}, children, count

    def key(self, loose=False):
        """The node's shape: what it is, from which line, on which object;
        LOOSE leaves out the rounds of loops."""
        k = (self.kind, self.site, self.info.get("ref"), None if loose else self.count)
        if self.children is not None:
            k += (keys(self.children, loose),)
        return k


def keys(nodes, loose=False):
    return tuple(n.key(loose) for n in nodes)


def merge(lists):
    """The average of node lists that have the same keys."""
    out = []
    for column in zip(*lists):
        first = column[0]
        vals = dict((k, sum(n.vals[k] for n in column) / len(column)) for k in first.vals)
        children = merge([n.children for n in column]) if first.children is not None else None
        # loops of threads of one function may differ in their rounds (a
        # consumer takes 101 jobs, another 99): the mean, made whole so that
        # the group takes no more items than were given (syncops.rounding)
        mean = sum(n.count for n in column) / float(len(column))
        count = int(round(mean))
        info = first.info
        if children is not None and len(column) > 1:
            if count != mean:
                how = syncops.rounding(children)
                count = int(mean) if how == "down" else -int(-mean // 1) if how == "up" \
                    else count
            # the rounds of all of them, for a loop that shares out items
            # (syncops.share_items)
            info = dict(info, total_rounds=sum(n.count for n in column))
        fns = []
        for n in column:
            if n.info.get("fn") and n.info["fn"] not in fns:
                fns.append(n.info["fn"])
        if len(fns) > 1 and first.kind in ("io", "native"):
            # calls at one line that differ (connect, sendall, readline):
            # one statement of their mean, which the comment says
            info = dict(info, fn="the mean of %s" % "/".join(fns), bytes=0)
        out.append(Node(first.kind, vals, first.site, info, children, count))
    return out


def compress(nodes):
    """Runs of a repeated sequence of nodes become repeat nodes."""
    for n in nodes:
        if n.children is not None and n.kind != "repeat":
            n.children = compress(n.children)
    nodes = merge_python(nodes)
    for _ in range(3):
        ks = [hash(n.key()) for n in nodes]
        out, i, changed = [], 0, False
        while i < len(nodes):
            best = None
            for p in range(1, min(MAX_PERIOD, (len(nodes) - i) // 2) + 1):
                k = 1
                first = ks[i:i + p]
                while ks[i + k * p:i + (k + 1) * p] == first:
                    k += 1
                if k >= 2 and (best is None or k * p > best[0] * best[1]):
                    best = (k, p)
            if best is None:
                out.append(nodes[i])
                i += 1
                continue
            k, p = best
            body = merge([nodes[i + j * p:i + (j + 1) * p] for j in range(k)])
            out.append(Node("repeat", {}, None, {}, body, k))
            i += k * p
            changed = True
        nodes = out
        if not changed:
            break
    return nodes


def merge_python(nodes):
    """Adjacent python nodes as one (the last one's place)."""
    out = []
    for n in nodes:
        if n.kind == "py" and out and out[-1].kind == "py":
            n = Node("py", {"cpu": out[-1].vals["cpu"] + n.vals["cpu"]}, n.site, n.info)
            out[-1] = n
        else:
            out.append(n)
    return out


def size(nodes):
    """The statements of NODES, nested blocks included."""
    return sum(1 + (size(n.children) if n.children is not None else 0) for n in nodes)


SLEEP_OVERHEAD = [0.0]   # the platform's sleep.overhead, set by main
SIMPLE = ("py", "sleep", "native", "io", "wait", "lock", "sync")


def summary(chunk):
    """One chunk of an irregular body as one loop with its totals: as many
    rounds as its most frequent call, each with an equal share of its
    Python time, its calls and its time under each lock."""
    py, sites, calls, locks = 0.0, {}, {}, {}
    for n in chunk:
        sites.setdefault(n.kind, n.site)
        if n.kind == "py":
            py += n.vals["cpu"]
        elif n.kind == "lock":
            held = locks.setdefault(n.info["ref"], [0, 0.0, n])
            held[0] += 1
            held[1] += total_cpu(n.children) + sum(
                c.vals.get("cpu", 0.0) for c in n.children if c.kind != "py")
        else:
            k = (n.kind, n.site, n.info.get("fn"), str(n.info.get("obj")),
                 n.info.get("ref"))
            c = calls.setdefault(k, [0, dict((v, 0.0) for v in n.vals), n])
            c[0] += 1
            for v, x in n.vals.items():
                c[1][v] += x
            if n.kind == "sleep":   # each call pays the platform's sleep.overhead
                c[1]["secs"] += SLEEP_OVERHEAD[0]
    rounds = max([1] + [c[0] for c in calls.values()] + [h[0] for h in locks.values()])
    body = [Node("py", {"cpu": py / rounds}, sites.get("py"))]
    after = []
    for count, vals, first in calls.values():
        if first.kind == "sync" and count != rounds:
            # an operation on an object keeps its number of calls (a get
            # more would wait for an item nobody puts): a loop of its own
            op = Node("sync", dict((v, x / count) for v, x in vals.items()), first.site,
                      first.info)
            after.append(op if count == 1 else Node("repeat", {}, None, {}, [op], count))
            continue
        if first.kind == "sleep":
            vals["secs"] = max(0.0, vals["secs"] - rounds * SLEEP_OVERHEAD[0])
        body.append(Node(first.kind, dict((v, x / rounds) for v, x in vals.items()),
                         first.site, dict(first.info, label="%d calls in %d rounds" %
                                          (count, rounds))))
    for name, (count, held, first) in locks.items():
        body.append(Node("lock", {}, first.site, first.info,
                         [Node("py", {"cpu": held / rounds}, first.site)]))
    text = "%d statements summed up: %d rounds of their mean" % (len(chunk), rounds)
    out = [Node("comment", {}, None, {"text": text})]
    if rounds == 1:
        return out + body + after
    return out + [Node("repeat", {}, None, {}, body, rounds)] + after


def shrink(nodes):
    """NODES with their loops found; a body still too long to read is
    summed up in chunks of simple statements (summary)."""
    compressed = compress(list(nodes))
    if size(compressed) <= MAX_BODY:
        return compressed
    per_chunk = max(1, len(nodes) // CHUNKS + 1)
    out, run = [], []
    for n in nodes:
        if n.kind in SIMPLE:
            run.append(n)
            if len(run) >= per_chunk:
                out += summary(run)
                run = []
        else:
            if run:
                out += summary(run)
                run = []
            out.append(n)
    if run:
        out += summary(run)
    return out


def total_cpu(nodes):
    t = 0.0
    for n in nodes:
        if n.kind == "py":
            t += n.vals["cpu"]
        if n.children is not None:
            t += total_cpu(n.children) * (n.count if n.kind == "repeat" else 1)
    return t


def total_time(nodes):
    """The time NODES take alone: Python and native CPU, sleeps and the
    waits recorded."""
    t = 0.0
    for n in nodes:
        v = n.vals
        t += v.get("secs", 0.0) + max(v.get("cpu", 0.0), v.get("wall", 0.0))
        if n.children is not None:
            t += total_time(n.children) * (n.count if n.kind == "repeat" else 1)
    return t
