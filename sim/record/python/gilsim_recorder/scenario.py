"""scenario.py: a folder of recorded events (recorder.py) as a scenario.

    python3 -m gilsim_recorder.scenario DIR --platform FILE [--out-dir D]
        [--t0 MONOTONIC] [--wall SECONDS] [--status N] [--command TEXT]

prints the scenario on stdout, and on stderr a summary and the recorder's
overhead.  `gilsim record` runs it with the interpreter that ran the
program.  What becomes what is described in docs/record.md: each thread's
events become statements (Python CPU time between events as `python N
iterations`), lock acquisitions and releases `with lock` blocks, threads
started one after another from the same function with the same shape one
`start N threads f()`, repeated statements `repeat` loops.
"""
import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

from . import imports, syncops

MAX_PERIOD = 24          # longest loop body looked for, in statements
MAX_BODY = 300           # statements of one body before it is summed up
CHUNKS = 30              # chunks of a body summed up
TINY = 1e-6              # statements shorter than this are left out

# models/runtime.c's loop_factor: each runtime's loop cost, 3.12 = 1
LOOP_FACTOR = {"2.7": 0.444, "3.1": 1.0, "3.9": 1.02, "3.10": 1.02, "3.11": 0.683,
               "3.12": 1.0, "3.13": 0.969, "3.14": 0.969}
KEYWORDS = set("def print python sleep native import repeat with start join runtime platform "
               "read write fsync server request pool lock threads thread processes process "
               "iterations iteration nogil using to from disk chunk sending on service "
               "concurrency map over items chunksize argsize as resultsize send receive i "
               "N queue event condition semaphore bounded_semaphore barrier rlock put get "
               "set clear wait notify notify_all acquire release task_done timeout maxsize "
               "daemon if elif else and or not for while forever uniform randint normal "
               "lognormal exponential item".split())
UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0}


# ---------------------------------------------------------------------------
# input

def parse_duration(text):
    m = re.match(r"^\s*([0-9.eE+-]+)\s*([a-z]*)\s*$", text or "")
    if not m or m.group(2) not in UNITS:
        return None
    return float(m.group(1)) * UNITS[m.group(2)]


def read_platform(path):
    """The first host's python.loop, python.version and sleep.overhead."""
    host = {"loop": None, "version": None, "sleep": 0.0, "cores": 1}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        raise SystemExit("gilsim record: cannot read the platform %s: %s" % (path, e))
    h = root.find(".//host")
    if h is None:
        raise SystemExit("gilsim record: the platform %s has no host" % path)
    host["cores"] = int(h.get("core", "1"))
    for p in h.findall("prop"):
        if p.get("id") == "python.loop":
            host["loop"] = parse_duration(p.get("value"))
        elif p.get("id") == "python.version":
            host["version"] = p.get("value")
        elif p.get("id") == "sleep.overhead":
            host["sleep"] = parse_duration(p.get("value")) or 0.0
        elif p.get("id") in ("pool.chunk_overhead", "process.fork.child",
                             "process.spawn.child", "process.forkserver.child"):
            host[p.get("id")] = parse_duration(p.get("value")) or 0.0
    if not host["loop"]:
        raise SystemExit("gilsim record: the platform %s has no python.loop" % path)
    return host


def load(folder):
    """The processes (p-PID.json) and threads (t-PID-TID.jsonl) of FOLDER.
    A file that cannot be read whole (a recorder older than the atomic
    writes, killed while writing) is left out with a warning."""
    procs, threads = {}, {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        try:
            if name.startswith("p-") and name.endswith(".json"):
                with open(path) as f:
                    meta = json.load(f)
                procs[meta["pid"]] = meta
            elif name.startswith("t-") and name.endswith(".jsonl"):
                with open(path) as f:
                    lines = f.read().splitlines()
                if not lines:
                    continue
                meta = json.loads(lines[0])["meta"]
                threads[(meta["pid"], meta["tid"])] = (meta, [json.loads(l) for l in lines[1:]])
        except (ValueError, KeyError, TypeError) as e:
            sys.stderr.write("gilsim record: warning: %s is incomplete (%s); left out\n" %
                             (name, e))
    return procs, threads


# ---------------------------------------------------------------------------
# the statements: nodes with a shape (key) and values that average

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


# ---------------------------------------------------------------------------
# events to nodes

class Recording(object):
    def __init__(self, procs, threads, host, runtime_factor):
        self.procs, self.threads, self.host = procs, threads, host
        self.loop = host["loop"] * runtime_factor
        self.defs = {}            # name -> body (nodes)
        self.def_of = {}          # (fn, shape) -> name
        self.locks = {}           # (type, id, site) -> name, of every object
        self.lock_sites = {}
        self.named = {}           # name -> its object (recorder's _objects)
        self.bad = {}             # name -> why its operations stay sleeps
        self.def_params = {}      # def name -> its parameters, as written
        self.groups = []          # (var, count param) of every start
        self.pools = 0
        self.thread_pools = []    # poolst nodes of thread pools

    # ---- names

    def obj(self, ref, pid=None):
        """The object of id REF (recorded in its process's p-PID.json, PID's
        first: each process counts its objects from 1)."""
        if isinstance(ref, dict):
            return ref
        o = (self.procs.get(pid, {}).get("objects") or {}).get(str(ref))
        if o is not None:
            return o
        for p in self.procs.values():
            o = (p.get("objects") or {}).get(str(ref))
            if o is not None:
                return o
        return {"name": "obj%s" % ref, "id": ref, "type": "object"}

    def obj_name(self, obj):
        k = (obj.get("type"), obj.get("id"), obj.get("site"))
        if k not in self.locks:
            base = re.sub(r"\W", "_", obj.get("name") or "lock")
            if base in KEYWORDS or not re.match(r"[A-Za-z_]", base):
                base += "_" + (obj.get("type") or "obj")
            name, n = base, 2
            while name in self.locks.values():
                name, n = "%s_%d" % (base, n), n + 1
            self.locks[k] = name
            self.lock_sites[name] = obj.get("site")
            self.named[name] = obj
        return self.locks[k]

    def def_name(self, fn, shape):
        if (fn, shape) in self.def_of:
            return self.def_of[(fn, shape)], False
        base = re.sub(r"\W", "_", fn.split(".")[-1].strip("<>")) or "work"
        if base in KEYWORDS or not re.match(r"[A-Za-z_]", base):
            base = "f_" + base
        name, n = base, 2
        while name in self.defs:
            name, n = "%s_%d" % (base, n), n + 1
        self.def_of[(fn, shape)] = name
        self.defs[name] = None
        return name, True

    # ---- one thread

    def events_to_nodes(self, events, pid):
        """The nodes of a list of events of one thread of process PID."""
        stack, open_locks, carry = [[]], [], 0.0
        for kind, site, py, cpu, wall, t, extra in events:
            extra = extra or {}
            if "obj" in extra:
                extra["obj"] = self.obj(extra["obj"], pid)
            if kind in ("signal", "task") or (site is None and kind in ("io", "native", "wait")):
                # marks, and calls made outside the program's own code (at exit)
                carry += py
                continue
            cur = stack[-1]
            cur.append(Node("py", {"cpu": py + carry}, site))
            carry = 0.0
            if kind == "sleep":
                cur.append(Node("sleep", {"secs": extra.get("secs", wall)}, site))
            elif kind in ("native", "io"):
                if extra.get("file"):      # a regular file: its CPU time only
                    wall = cpu
                cur.append(Node(kind, {"cpu": cpu, "wall": wall}, site,
                                {"fn": extra.get("fn"), "bytes": extra.get("bytes", 0)}))
            elif kind == "wait":
                obj = extra.get("obj") or {}
                cur.append(Node("wait", {"cpu": cpu, "wall": wall}, site,
                                {"obj": obj, "op": extra.get("op")}))
            elif kind == "sync":
                info = syncops.node_info(extra["obj"], self.obj_name(extra["obj"]), extra)
                if syncops.dropped(info):   # its Python time is already counted
                    continue
                cur.append(Node("sync", {"cpu": cpu, "wall": wall}, site, info))
            elif kind == "acquire":
                node = Node("lock", {}, site, {"ref": self.obj_name(extra["obj"]),
                                               "type": extra["obj"].get("type", "lock")}, [])
                cur.append(node)
                stack.append(node.children)
                open_locks.append(extra["obj"]["id"])
            elif kind == "release":
                if open_locks and open_locks[-1] == extra["obj"]["id"]:
                    open_locks.pop()
                    stack.pop()
            elif kind == "import":
                cur.append(Node("import", {"cpu": cpu, "wall": wall}, site,
                                imports.node_info(extra)))
            elif kind in ("start", "join", "pstart", "pjoin", "pool"):
                cur.append(Node(kind, {"cpu": cpu, "wall": wall}, site, dict(extra, in_pid=pid)))
        return stack, carry

    def thread_nodes(self, pid, tid):
        meta, events = self.threads.get((pid, tid), ({}, []))
        stack, carry = self.events_to_nodes(events, pid)
        stack[-1].append(Node("py", {"cpu": meta.get("tail", 0.0) + carry}, None,
                              {"end": True}))
        return self.resolve(stack[0], pid)

    def task_nodes(self, tag, threads):
        """The bodies of the items of the pool TAG, from its workers: threads
        of a thread pool (THREADS), else main threads of worker processes."""
        bodies = []
        for (pid, tid), (meta, events) in sorted(self.threads.items()):
            # a process pool's worker runs its items in its main thread, a
            # thread pool's (THREADS) in its threads
            if (tid != 0) != threads:
                continue
            inside = None
            for e in events:
                if e[0] == "task" and e[6].get("tag") == tag:
                    if e[6].get("edge") == "begin":
                        inside = []
                    elif inside is not None:
                        stack, carry = self.events_to_nodes(inside, pid)
                        stack[-1].append(Node("py", {"cpu": e[2] + carry}, None,
                                              {"end": True}))
                        bodies.append(shrink(self.resolve(stack[0], pid)))
                        inside = None
                elif inside is not None:
                    inside.append(e)
        return bodies

    # ---- starts, joins and pools

    def resolve(self, nodes, pid):
        """Starts of threads and processes become groups, joins joins of a
        group, pools pool statements; in nested blocks too."""
        out, member = [], {}
        i = 0
        while i < len(nodes):
            n = nodes[i]
            if n.children is not None:
                n.children = self.resolve(n.children, pid)
            if n.kind in ("start", "pstart"):
                i = self.group(nodes, i, out, member)
                continue
            if n.kind in ("join", "pjoin"):
                who = n.info.get("tid") if n.kind == "join" else n.info.get("pid")
                g = member.get(who)
                if g is not None and not g.info.get("joined"):
                    g.info["joined"] = True
                    # the key's ref is the function, so that loops of start and
                    # join (a new group each round) compress
                    out.append(Node("joing", {}, n.site, {"ref": g.info["ref"],
                                                          "var": g.info["var"]}))
                elif g is None:
                    # joined by a thread that did not start it: its wait, as it was
                    out.append(Node("wait", {"cpu": n.vals["cpu"], "wall": n.vals["wall"]},
                                    n.site, {"obj": {"type": "thread"}, "op": "join"}))
            elif n.kind == "pool":
                out.append(self.pool(n))
            else:
                out.append(n)
            i += 1
        return out

    def group(self, nodes, i, out, member):
        """The start at NODES[I] and those that follow it, separated by
        Python code only, of the same function and shape: one group node
        appended to OUT, its workers' ids in MEMBER.  Returns the index
        after the last."""
        n = nodes[i]
        run, j, pys = [n], i + 1, []
        body = self.child_body(n)
        shape = keys(body, loose=True)
        bodies = [body]
        while j + 1 < len(nodes) and nodes[j].kind == "py" and \
                nodes[j + 1].kind == n.kind and \
                nodes[j + 1].info.get("fn") == n.info.get("fn"):
            other = self.child_body(nodes[j + 1])
            if keys(other, loose=True) != shape:
                break
            pys.append(nodes[j])
            run.append(nodes[j + 1])
            bodies.append(other)
            j += 2
        if pys:
            out.append(Node("py", {"cpu": sum(p.vals["cpu"] for p in pys)}, pys[-1].site))
        name, new = self.def_name(n.info.get("fn") or "work", shape)
        merged = merge(bodies)
        if not new and self.defs[name] is not None and keys(self.defs[name]) != keys(merged):
            # started again elsewhere, with other rounds (a consumer that
            # took 49 items, the first 50): a def of its own, so that the
            # items taken add up
            name, new = self.def_name(n.info.get("fn") or "work", keys(merged))
        if new or self.defs[name] is None:
            self.defs[name] = merged
        var = self.group_var(name, n.kind)
        g = Node("group", {}, n.site, dict(n.info, ref=name, var=var, count=len(run),
                                           param=None))
        self.groups.append(g)
        out.append(g)
        for m in run:
            member[m.info.get("tid") if n.kind == "start" else m.info.get("pid")] = g
        return j

    def pool(self, n):
        """The pool statement of the Pool.map node N, its function the mean
        of the items of the most common shape, as the workers recorded
        them."""
        self.pools += 1
        bodies = self.task_nodes(n.info["tag"], bool(n.info.get("threads")))
        if bodies:
            shapes = {}
            for b in bodies:
                shapes.setdefault(keys(b, loose=True), []).append(b)
            common = max(shapes.values(), key=len)
            body = merge(common)
            # items of other shapes: their mean Python time in the common one
            if len(common) < len(bodies):
                extra = sum(total_cpu(b) for b in bodies) / len(bodies) - total_cpu(body)
                body.append(Node("py", {"cpu": max(0.0, extra)}, None, {"end": True}))
            if not n.info.get("threads"):
                machinery = self.pool_machinery(n)
                if machinery >= TINY:
                    body.append(Node("py", {"cpu": machinery}, None, {"end": True, "what": (
                        "the workers' CPU outside the items (their start, the pool's loop, "
                        "pickling), per item")}))
        else:
            # no worker wrote its events: the map's time, shared out
            per_item = n.vals["wall"] * max(1, n.info.get("processes") or
                                            n.info.get("threads") or 1) / \
                max(1, n.info.get("items") or 1)
            body = [Node("py", {"cpu": per_item}, None, {"end": True})]
        shape = keys(body, loose=True)
        name, new = self.def_name(n.info.get("fn") or "work", shape)
        if not new and self.defs[name] is not None:
            # the same function in another pool: its own def where its items
            # did other work (another argument)
            mine, theirs = total_time(body), total_time(self.defs[name])
            if abs(mine - theirs) > 0.25 * max(mine, theirs):
                name, new = self.def_name(n.info.get("fn") or "work", (shape, n.info["tag"]))
        if new:
            self.defs[name] = body
        node = Node("poolst", {}, n.site, dict(n.info, ref=name, param=None))
        if n.info.get("threads"):
            self.thread_pools.append(node)
        return node

    def pool_machinery(self, n):
        """The CPU time that the workers of the process pool N spent outside
        its items, per item: their start after the fork (or the spawn),
        multiprocessing's worker loop, the pipe's reads and the pickling,
        less what the platform's process.METHOD.child and
        pool.chunk_overhead already charge.  Measured from each worker's
        CPU clock at its end, less the recorder's own time; a worker that
        ran the items of several maps shares it out by items."""
        tag = n.info["tag"]
        method = n.info.get("method") or "fork"
        child = self.host.get("process.%s.child" % method, 0.0)
        per_chunk = self.host.get("pool.chunk_overhead", 35e-6)
        total, items = 0.0, 0
        for (pid, tid), (meta, events) in self.threads.items():
            if tid != 0 or "cpu" not in meta:
                continue
            mine = [e for e in events if e[0] == "task" and e[6].get("edge") == "end"]
            if not any(e[6].get("tag") == tag for e in mine):
                continue
            inside, depth, n_mine = 0.0, False, 0
            for e in events:
                if e[0] == "task":
                    if e[6].get("edge") == "begin":
                        depth = True
                    else:
                        inside += e[2]
                        depth = False
                        n_mine += e[6].get("tag") == tag
                elif depth:
                    inside += e[2] + e[3]
            chunk = n.info.get("chunksize") or 1
            outside = meta["cpu"] - meta.get("overhead", 0.0) - inside - child - \
                per_chunk * ((len(mine) + chunk - 1) // chunk)
            total += max(0.0, outside) * n_mine / len(mine)
            items += n_mine
        return total / items if items else 0.0

    def child_body(self, n):
        if n.kind == "start":
            return shrink(self.thread_nodes(n.info["in_pid"], n.info["tid"]))
        pid = n.info.get("pid")
        if (pid, 0) not in self.threads:
            return [Node("py", {"cpu": 0.0}, None, {"end": True})]
        return shrink(self.thread_nodes(pid, 0))

    def group_var(self, defname, kind):
        base = defname + ("_threads" if kind == "start" else "_processes")
        var, n = base, 2
        taken = set(g.info["var"] for g in self.groups)
        while var in taken:
            var, n = "%s_%d" % (base, n), n + 1
        return var


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
            imports.write(self, n, indent, fmt_dur)
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


def runtime_of(proc):
    v = proc.get("version") or [3, 12]
    ver = "%d.%d" % (v[0], v[1])
    note = None
    if ver not in LOOP_FACTOR or ver == "3.1":
        near = "3.9" if (v[0], v[1]) < (3, 9) else "3.14"
        note = "recorded with CPython %s, which gilsim does not model: %s is the nearest" % (
            ver, near)
        ver = near
    name = "cpython-" + ver
    if not proc.get("gil", True) and ver in ("3.13", "3.14"):
        name += "t"
    return name, ver, note


def header(w, a, root, procs, threads, rec, runtime, note):
    """The scenario's first lines: where it comes from, its runtime and
    platform."""
    cpu = sum(p.get("cpu", 0.0) for p in procs.values())
    over = sum(p.get("overhead", 0.0) for p in procs.values())
    n_threads = sum(1 for (pid, tid) in threads if tid != 0)
    w.add(0, "# Recorded by gilsim record (docs/record.md): %s" % a.command)
    w.add(0, "# CPython %s (%s), %d process%s, %d thread%s besides the main ones, %d pool "
          "map%s" % (".".join(map(str, root.get("version", []))), root.get("exe"),
                     len(procs), "" if len(procs) == 1 else "es", n_threads,
                     "" if n_threads == 1 else "s", rec.pools, "" if rec.pools == 1 else "s"))
    if a.wall is not None:
        w.add(0, "# recorded wall time: %.4f s; recorder overhead: %.1f %% of CPU" % (
            a.wall, 100.0 * over / cpu if cpu > 0 else 0.0))
    if a.status:
        w.add(0, "# WARNING: the program exited with status %d; this is what it did "
              "until then" % a.status)
    w.add(0, "# Python CPU time is written as iterations of the platform's python.loop "
          "(%s, for %s);" % (fmt_dur(rec.loop), runtime))
    w.add(0, "# the comments give the time measured and where in the program it was spent.")
    if note:
        w.add(0, "# " + note)
    startup = ""
    if a.t0 is not None and root.get("t_start"):
        startup = " startup = %s" % fmt_dur(max(0.0, root["t_start"] - a.t0))
    w.add(0, "runtime %s%s" % (runtime, startup))
    platform, out_dir = os.path.abspath(a.platform), os.path.abspath(a.out_dir)
    line = a.platform_line or os.path.relpath(platform, out_dir)
    if os.path.commonpath([platform, out_dir]) == "/":
        line = platform
    w.add(0, 'platform "%s"' % line)
    w.add(0, "")
    return n_threads, cpu, over


def interpreter_exit(w, a, root):
    """The interpreter's exit, after the recorder's last hook (at exit,
    after the program's own handlers) to the end of the process as gilsim
    record saw it: module teardown, the collector's last pass, freeing
    memory, none of which the events show.  Written as a C call that keeps
    the GIL, which another runtime does not scale."""
    if a.wall is None or a.t0 is None or not root.get("t_end"):
        return                  # os._exit or a signal: no exit to measure
    gap = a.t0 + a.wall - root["t_end"]
    if gap >= 1e-4:
        w.add(0, "native %s" % fmt_dur(gap), "the interpreter's exit (module teardown, "
              "freeing memory): wall time from the program's end to the process's")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="gilsim_recorder.scenario")
    ap.add_argument("folder")
    ap.add_argument("--platform", required=True)
    ap.add_argument("--platform-line", help="the platform's path as the scenario names it")
    ap.add_argument("--out-dir", default=".")
    ap.add_argument("--t0", type=float)
    ap.add_argument("--wall", type=float)
    ap.add_argument("--status", type=int, default=0)
    ap.add_argument("--command", default="")
    a = ap.parse_args(argv)

    procs, threads = load(a.folder)
    roots = [p for p in procs.values() if p.get("root")] or \
        sorted(procs.values(), key=lambda p: p.get("t_start", 0))[:1]
    if not roots:
        sys.stderr.write("gilsim record: the command ran no Python program with the recorder "
                         "(is it a Python interpreter or script?)\n")
        return 2
    root = roots[0]
    if (root["pid"], 0) not in threads:
        sys.stderr.write("gilsim record: warning: the main thread's events are missing (the "
                         "program ended with os._exit or a signal); its threads remain\n")
    host = read_platform(a.platform)
    runtime, ver, note = runtime_of(root)
    factor = LOOP_FACTOR[ver] / LOOP_FACTOR.get(host["version"] or "3.12", 1.0)
    rec = Recording(procs, threads, host, factor)
    SLEEP_OVERHEAD[0] = host["sleep"]
    main_nodes = shrink(rec.thread_nodes(root["pid"], 0))
    counted = [g for g in rec.groups if g.info["count"] >= 2]
    pools = [p for p in rec.thread_pools if p.info["threads"] >= 2]
    params = []
    for g in counted:
        g.info["param"] = "N" if len(counted) + len(pools) == 1 else \
            "N_" + g.info["ref"].upper()
        params.append((g.info["param"], g.info["count"]))
    for p in pools:
        # a thread pool's threads: the number `-L N=...` changes
        name = "N" if len(counted) + len(pools) == 1 else "N_" + p.info["ref"].upper()
        base, k = name, 2
        while name in [q[0] for q in params]:
            name, k = "%s_%d" % (base, k), k + 1
        p.info["param"] = name
        params.append((name, p.info["threads"]))

    w = Writer(rec, a.out_dir)
    n_threads, cpu, over = header(w, a, root, procs, threads, rec, runtime, note)
    for name, value in params:
        w.add(0, "%s = %d" % (name, value))
    if params:
        w.add(0, "")
    syncops.share_items(rec.defs, counted, rec.def_params)
    rec.bad = syncops.balance(rec.named, rec.defs, main_nodes)
    parties = syncops.scaled_parties(rec.named, rec.defs, counted, main_nodes)
    declared = 0
    for name in sorted(rec.locks.values()):
        obj = rec.named.get(name) or {}
        typ = obj.get("type", "lock")
        if typ == "lock":
            w.add(0, "lock %s" % name, "made at %s" % w.site(rec.lock_sites.get(name)))
        elif typ in syncops.DECL and (name not in rec.bad or
                                          syncops.used_in_with(rec.defs, main_nodes, name)):
            w.add(0, syncops.declaration(obj, name, parties.get(name)), "made at %s" %
                  w.site(rec.lock_sites.get(name)))
        else:
            continue
        declared += 1
    if declared:
        w.add(0, "")
    for name, body in rec.defs.items():
        w.add(0, "def %s(%s):" % (name, rec.def_params.get(name, "")))
        w.body(body or [], 1)
        w.add(0, "")
    w.add(0, "# the main thread")
    w.body(main_nodes, 0)
    interpreter_exit(w, a, root)
    sys.stdout.write("\n".join(w.lines) + "\n")
    sys.stdout.flush()

    sys.stderr.write("gilsim record: %d process%s, %d thread%s, %d pool map%s; "
                     "the scenario has %d lines\n" % (
                         len(procs), "" if len(procs) == 1 else "es", n_threads,
                         "" if n_threads == 1 else "s", rec.pools,
                         "" if rec.pools == 1 else "s", len(w.lines)))
    for name, why in sorted(rec.bad.items()):
        sys.stderr.write("gilsim record: the waits on %s '%s' are written as the sleeps "
                         "recorded: %s\n" % (rec.named.get(name, {}).get("type", "object"),
                                             name, why))
    sys.stderr.write("recorder overhead: %.1f %% of CPU (%.1f ms of %.1f ms)\n" % (
        100.0 * over / cpu if cpu > 0 else 0.0, over * 1e3, cpu * 1e3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
