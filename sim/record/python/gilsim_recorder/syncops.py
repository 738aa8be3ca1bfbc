"""syncops.py: the recorded operations on queues, events, conditions,
semaphores and barriers (sync.py) as statements of the scenario.

A recorded operation becomes a "sync" node; the writer prints it as the
language's statement on the declared object (`put jobs`, `wait ready
timeout 1s`), so that the simulation decides who waits for whom.  An
object whose operations, as the scenario repeats them, could not run to
their end in the simulation (more blocking gets than puts, a wait on an
event nobody sets, an operation made in another process than the one that
made it) keeps its recorded waits as sleeps, as before, and the scenario
says why (balance).
"""

WAITING = {"get", "wait", "acquire", "join"}     # operations that may block
DECL = {"queue", "event", "condition", "semaphore", "bounded_semaphore", "barrier", "rlock"}


def node_info(obj, name, extra):
    """The details of the node of one operation: which object, what was
    asked and whether it succeeded."""
    op = extra.get("op")
    return {"ref": (op, name), "obj": obj, "name": name, "op": op, "type": obj.get("type"),
            "block": extra.get("block", True), "timeout": extra.get("timeout"),
            "ok": extra.get("ok", True), "n": extra.get("n", 1)}


def dropped(info):
    """Whether the operation did nothing in the program: a non-blocking
    get or put that raised queue.Empty or queue.Full, a barrier that broke,
    a non-blocking acquire that failed.  A timed one is kept: in the
    simulation it may succeed."""
    if info["ok"]:
        return False
    return info["timeout"] is None


def timeout_of(info):
    """The statement's timeout in seconds: the one asked, 0 for a call
    that did not block (get_nowait, acquire(False)), None for none."""
    if not info["block"]:
        return 0.0
    return info["timeout"]


def blocking(info):
    """Whether the operation waits without a bound in the simulation (a
    barrier's always does: the language gives it no timeout)."""
    if info["type"] == "barrier":
        return True
    return info["op"] in WAITING and timeout_of(info) is None


def statement(info, fmt_dur):
    """The statement of the operation of INFO (a release of N is N of
    them: the writer repeats it)."""
    op, name = info["op"], info["name"]
    text = "%s %s" % (op, name)
    if op == "notify" and info["n"] != 1:
        text += " %d" % info["n"]
    t = timeout_of(info)
    if t is not None and op in ("get", "put", "acquire") or \
            t is not None and op == "wait" and info["type"] in ("event", "condition"):
        text += " timeout %s" % ("0s" if t <= 0 else fmt_dur(t))
    return text


def write(w, n, indent, bad, fmt_dur):
    """The sync node N, for the scenario.Writer W: its statement, which the
    simulation makes wait; or, for an object whose operations the
    simulation could not run to their end (BAD, from balance), the time it
    waited, as recorded."""
    info, v = n.info, n.vals
    what = "%s.%s() on %s '%s'" % (info["type"], info["op"], info["type"], info["name"])
    why = bad.get(info["name"])
    if why is None:
        text = statement(info, fmt_dur)
        for k in range(info["n"] if info["op"] == "release" else 1):
            w.add(indent, text, "%s at %s%s" % (
                what, w.site(n.site), "" if info["ok"] else " (timed out)") if k == 0 else None)
    elif info["op"] in WAITING:
        w.wait(indent, v["cpu"], v["wall"], "%s (as recorded: %s)" % (what, why),
               n.site, python=True)
    else:
        w.add(indent, "# %s at %s" % (what, w.site(n.site)))


def used_in_with(defs, main_nodes, name):
    """Whether a 'with' block of the scenario takes the object NAME."""
    stack = [n for body in defs.values() for n in (body or [])] + list(main_nodes)
    while stack:
        n = stack.pop()
        if n.kind == "lock" and n.info.get("ref") == name:
            return True
        if n.children is not None:
            stack.extend(n.children)
    return False


def declaration(obj, name, parties=None):
    """The top-level line that declares the object OBJ as NAME; a
    barrier's PARTIES, if given, replace the number recorded."""
    typ = obj.get("type")
    if typ == "queue":
        m = int(obj.get("maxsize") or 0)
        return "queue %s" % name + (" maxsize %d" % m if m > 0 else "")
    if typ in ("semaphore", "bounded_semaphore"):
        return "%s %s %d" % (typ, name, int(obj.get("value", 1)))
    if typ == "barrier":
        if parties:
            return "barrier %s %s" % (name, parties)
        return "barrier %s %d" % (name, max(1, int(obj.get("parties", 1))))
    return "%s %s" % (typ, name)


def rounding(body):
    """How the mean number of rounds of loops of several threads (a group
    of consumers that took 67, 67 and 66 items) is made whole: down when
    the body waits for something (a get, an acquire), so that the group
    never asks for more than the others give; up when it only gives; to
    the nearest otherwise."""
    takes = gives = False
    stack = list(body)
    while stack:
        n = stack.pop()
        if n.kind == "sync":
            if blocking(n.info):
                takes = True
            else:
                gives = True
        if n.children is not None:
            stack.extend(n.children)
    if takes:
        return "down"
    return "up" if gives else "nearest"


class _Counter(object):
    """The operations on each object, as many times as the scenario runs
    them, in each process (a group of processes is one process of its
    own, as each has its own objects)."""

    def __init__(self, defs):
        self.defs = defs
        self.ops = {}          # (process, name) -> {op key: count}
        self.unheld = set()    # conditions waited on or notified outside 'with'
        self.procs = {}        # name -> processes it is used in
        self.seen = set()

    def add(self, ctx, name, key, k):
        d = self.ops.setdefault((ctx, name), {})
        d[key] = d.get(key, 0) + k
        self.procs.setdefault(name, set()).add(ctx)

    def walk(self, nodes, mult, ctx, held, depth=0):
        if depth > 50:
            return
        for n in nodes:
            info = n.info
            if n.kind == "sync":
                op = info["op"]
                key = op + (":blocking" if blocking(info) else "")
                k = mult * (info["n"] if op in ("release", "notify") else 1)
                self.add(ctx, info["name"], key, k)
                if info["type"] == "condition" and op in ("wait", "notify", "notify_all") \
                        and info["name"] not in held:
                    self.unheld.add(info["name"])
            elif n.kind == "repeat":
                rounds = info.get("rounds_mean", n.count)    # share_items' loops
                self.walk(n.children, mult * rounds, ctx, held, depth + 1)
            elif n.kind == "lock":
                self.walk(n.children, mult, ctx, held | {info.get("ref")}, depth + 1)
            elif n.kind == "group":
                body = self.defs.get(info["ref"]) or []
                if info.get("tid") is not None:
                    self.walk(body, mult * info["count"], ctx, held, depth + 1)
                else:
                    self.walk(body, 1, ("process", info["ref"]), frozenset(), depth + 1)
            elif n.children is not None:
                self.walk(n.children, mult, ctx, held, depth + 1)


def balance(objects, defs, main_nodes):
    """The objects (name -> obj) whose operations cannot be modelled, with
    the reason: name -> text."""
    c = _Counter(defs)
    c.walk(main_nodes, 1, "main", frozenset())
    bad = {}
    for name in c.unheld:
        bad[name] = "waited on or notified outside a 'with' block of it"
    for (ctx, name), d in sorted(c.ops.items(), key=lambda x: str(x[0])):
        obj = objects.get(name) or {}
        typ = obj.get("type")
        g = lambda k: d.get(k, 0)
        why = None
        if typ == "queue":
            puts = g("put") + g("put:blocking")
            gets = g("get") + g("get:blocking")
            if g("get:blocking") > puts:
                why = "%d blocking gets but %d puts" % (g("get:blocking"), puts)
            elif obj.get("maxsize") and g("put:blocking") - gets > obj["maxsize"]:
                why = "%d blocking puts but %d gets and maxsize %d" % (
                    g("put:blocking"), gets, obj["maxsize"])
            elif g("task_done") > puts:
                why = "%d task_done but %d puts" % (g("task_done"), puts)
            elif g("join:blocking") and g("task_done") != puts:
                why = "joined, %d task_done for %d puts" % (g("task_done"), puts)
        elif typ == "event":
            if g("wait:blocking") and not g("set"):
                why = "waited on, never set"
        elif typ == "condition":
            if g("wait:blocking") and not (g("notify") or g("notify_all")):
                why = "waited on, never notified"
        elif typ in ("semaphore", "bounded_semaphore"):
            value = int(obj.get("value", 1))
            if g("acquire:blocking") > value + g("release"):
                why = "%d blocking acquires but %d releases and value %d" % (
                    g("acquire:blocking"), g("release"), value)
            elif typ == "bounded_semaphore" and \
                    g("release") > g("acquire") + g("acquire:blocking"):
                why = "released more often than acquired"
        elif typ == "barrier":
            parties = max(1, int(obj.get("parties", 1)))
            if g("wait:blocking") % parties:
                why = "%d waits, not a multiple of its %d parties" % (g("wait:blocking"),
                                                                       parties)
        if why and name not in bad:
            bad[name] = why
    return bad


def _released(nodes):
    """The names of the objects released in NODES, nested blocks too."""
    return set(n.info["name"] for n in _syncs(nodes) if n.info["op"] == "release")


def _gets(nodes, paired=frozenset()):
    """The blocking gets of NODES, loops counted; None when they also
    take something else (a condition's or a barrier's wait, an acquire of
    a semaphore that PAIRED, the objects the same round releases, does not
    hold), whose count must not move."""
    k = 0
    for n in nodes:
        if n.kind == "sync" and blocking(n.info):
            if n.info["op"] == "acquire" and n.info["name"] in paired or \
                    n.info["type"] == "event":     # a set event lets any number by
                continue
            if n.info["op"] != "get":
                return None
            k += 1
        elif n.children is not None:
            inner = _gets(n.children, paired)
            if inner is None:
                return None
            k += inner * (n.count if n.kind == "repeat" else 1)
    return k


def share_items(defs, groups, params):
    """In a group of N threads that take items from a queue in one loop,
    one item a round (consumers), the loop's rounds become an expression
    of N and of the thread's index that shares out the items the recorded
    group took: for two consumers that took 49 and 50 items and a None
    each, `def consume(idx):` with `repeat (101 - N) // N + (idx < (101 -
    N) % N):`, started as `consume(i)`, so that the rounds of all N
    threads add up to the same items whatever N is, and `-L N=8` asks what
    eight consumers would do with them instead of asking for items nobody
    puts.  PARAMS (def name -> parameters) gets the def's."""
    uses = {}
    for g in groups:
        uses[g.info["ref"]] = uses.get(g.info["ref"], 0) + 1
    for g in groups:
        param, body = g.info.get("param"), defs.get(g.info["ref"]) or []
        if not param or g.info.get("tid") is None or uses[g.info["ref"]] != 1:
            continue
        loops = [n for n in body if n.kind == "repeat" and
                 _gets(n.children, _released(n.children))]
        if len(loops) != 1 or _gets(loops[0].children, _released(loops[0].children)) != 1:
            continue
        loop = loops[0]
        outside = _gets([n for n in body if n is not loop])
        if outside is None:
            continue
        members = g.info["count"]
        rounds = loop.info.get("total_rounds", loop.count * members)
        total = rounds + members * outside
        if outside == 0:
            left = "%d" % total
        elif outside == 1:
            left = "(%d - %s)" % (total, param)
        else:
            left = "(%d - %d * %s)" % (total, outside, param)
        loop.info = dict(loop.info, rounds_mean=rounds / float(members),
                         count_expr="%s // %s + (idx < %s %% %s)" % (left, param, left, param),
                         shared="%d gets of '%s' shared among the %s threads" % (
                             total, next(n.info["name"] for n in _syncs(loop.children)
                                         if n.info["op"] == "get"), param))
        params[g.info["ref"]] = "idx"
        g.info["args"] = "i"


def _syncs(nodes):
    for n in nodes:
        if n.kind == "sync":
            yield n
        if n.children is not None:
            for m in _syncs(n.children):
                yield m


def scaled_parties(objects, defs, groups, main_nodes):
    """Barriers that only the threads of one group of N wait at, with as
    many parties as the group had threads: name -> N, so that the
    declaration says `barrier NAME N` and `-L N=8` has eight threads meet
    there instead of waiting for parties that never come."""
    where = {}
    for name, body in list(defs.items()) + [(None, main_nodes)]:
        for n in _syncs(body or []):
            if n.info["type"] == "barrier":
                where.setdefault(n.info["name"], set()).add(name)
    out = {}
    for bname, places in where.items():
        if len(places) != 1 or None in places:
            continue
        fn = next(iter(places))
        users = [g for g in groups if g.info["ref"] == fn]
        if len(users) == 1 and users[0].info.get("param") and \
                users[0].info.get("tid") is not None and \
                users[0].info["count"] == int((objects.get(bname) or {}).get("parties", 0)):
            out[bname] = users[0].info["param"]
    return out
