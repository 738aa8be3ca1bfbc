"""recording.py: a folder of recorded events read, and turned into nodes.

load reads the processes' and threads' files; read_platform the recording
platform's few properties the converter needs; Recording turns each
thread's events into nodes (tree.py), names its objects and defs, makes
groups of threads and processes started alike, and pool statements of the
items the workers recorded.  Part of the converter (scenario.py).
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

from . import syncops
from .tree import TINY, Node, keys, merge, shrink, total_cpu, total_time

KEYWORDS = set("def print python sleep native import repeat with start join runtime platform "
               "read write fsync server request pool lock threads thread processes process "
               "iterations iteration nogil using to from disk chunk sending on service "
               "concurrency map over items chunksize argsize as resultsize send receive i "
               "N queue event condition semaphore bounded_semaphore barrier rlock put get "
               "set clear wait notify notify_all acquire release task_done timeout maxsize "
               "daemon if elif else and or not for while forever uniform randint normal "
               "lognormal exponential item".split())
UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0}


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


def read_record(path):
    """The recorder's file PATH as JSON gives it (lists, string keys): a
    process's facts (p-PID.marshal, or p-PID.json) as a dictionary, a
    thread's (t-PID-TID.marshal, or t-PID-TID.jsonl: a meta line, then an
    event a line) as (meta, events), each event a list whose four times are
    in seconds.  None for a file of another name.  Raises ValueError,
    EOFError, KeyError or TypeError for one that cannot be read whole."""
    name = os.path.basename(path)
    if name.endswith(".marshal") and name[:2] in ("p-", "t-"):
        # (marshal's version 4 or 2, which the recorder writes from any Python;
        # through JSON: tuples become lists and keys strings, as they were
        # when the recorder wrote JSON)
        import marshal
        with open(path, "rb") as f:
            x = json.loads(json.dumps(marshal.loads(f.read())))
        return x if name[0] == "p" else (x[0], x[1])
    if name.startswith("p-") and name.endswith(".json"):
        with open(path) as f:
            return json.load(f)
    if name.startswith("t-") and name.endswith(".jsonl"):
        with open(path) as f:
            lines = f.read().splitlines()
        if not lines:
            return None
        meta = json.loads(lines[0])["meta"]
        events = [json.loads(l) for l in lines[1:]]
        if meta.get("times") == "ns":       # the four times of each event
            for e in events:
                e[2:6] = [v * 1e-9 for v in e[2:6]]
        return meta, events
    return None


def load(folder):
    """The processes (p-PID.marshal) and threads (t-PID-TID.marshal) of
    FOLDER (read_record).  A file that cannot be read whole (a recorder
    older than the atomic writes, killed while writing) is left out with a
    warning."""
    procs, threads = {}, {}
    for name in sorted(os.listdir(folder)):
        try:
            x = read_record(os.path.join(folder, name))
            if x is None:
                continue
            if type(x) is dict:
                # (a process's file written at its start, and another at its
                # end where the first was marshal's and the end's JSON: the end's)
                if not procs.get(x["pid"], {}).get("written"):
                    procs[x["pid"]] = x
            else:
                threads[(x[0]["pid"], x[0]["tid"])] = x
        except (ValueError, EOFError, KeyError, TypeError) as e:
            sys.stderr.write("gilsim record: warning: %s is incomplete (%s); left out\n" %
                             (name, e))
    return procs, threads


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
                # the module, as its ref (two modules imported at one line
                # are two statements)
                cur.append(Node("import", {"cpu": cpu, "wall": wall}, site,
                                {"ref": extra.get("module") or "module",
                                 "loaded": extra.get("loaded", 0)}))
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
