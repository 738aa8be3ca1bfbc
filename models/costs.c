/* costs.c: the table of host properties, their defaults, and its uses. */
#include "costs.h"

#include <stddef.h>
#include <string.h>

/* An entry and where gs_costs_resolve() stores its value in a GsCosts. */
typedef struct {
  GsCostsProp prop;
  gssize value;    /* offset of its double, or -1 (patterns, strings) */
  gssize flag;     /* offset of its has_ flag, or -1 */
  gssize text;     /* offset of its const char * (strings), or -1 */
} Entry;

#define AT(field) ((gssize) offsetof (GsCosts, field))
#define NUM(field) AT (field), -1, -1
#define NUM_HAS(field, has) AT (field), AT (has), -1
#define TEXT(field) -1, -1, AT (field)
#define PATTERN -1, -1, -1

#define MAX_DURATION GS_COSTS_MAX_DURATION
#define MAX_RATE GS_COSTS_MAX_RATE
#define DURATION_RANGE GS_DIM_DURATION, 0, FALSE, MAX_DURATION, "from 0s to 1h"
#define FRACTION_RANGE GS_DIM_COUNT, 0, FALSE, 1, "a number from 0 to 1"
#define RATE_RANGE GS_DIM_BANDWIDTH, 0, TRUE, MAX_RATE, \
    "more than 0Bps and at most 1000TBps"

/* The commonest entry: the duration ID (0 to 1h), kept in FIELD, DEF
 * seconds when a host does not give it; EX, READ_BY and WHAT are its
 * example, read_by and description. */
#define DURATION(id, field, ex, def, read_by, what) \
  { { id, FALSE, id, DURATION_RANGE, ex, GS_COSTS_DEFAULT, def, NULL, \
      NULL, NULL, read_by, what }, NUM (field) }
/* A process start's costs: process.METHOD.PART, a required duration. */
#define START_ROLE(method, part, ex, what) \
  { { "process." #method "." #part, FALSE, "process.METHOD." #part, \
      DURATION_RANGE, ex, GS_COSTS_REQUIRED, 0, NULL, NULL, NULL, \
      START_READ_BY, what }, \
    NUM_HAS (method.part, method.has_##part) }
/* process.METHOD.exit, 0 by default. */
#define START_EXIT(method, ex) \
  { { "process." #method ".exit", FALSE, "process.METHOD.exit", \
      DURATION_RANGE, ex, GS_COSTS_DEFAULT, 0, NULL, NULL, NULL, \
      START_READ_BY, "a child's exit: interpreter teardown and the " \
      "parent's join" }, NUM (method.exit) }
/* process.METHOD.first, 0 by default. */
#define START_FIRST(method, ex) \
  { { "process." #method ".first", FALSE, "process.METHOD.first", \
      DURATION_RANGE, ex, GS_COSTS_DEFAULT, 0, NULL, NULL, NULL, \
      START_READ_BY, "the parent's extra for the first start of a row: " \
      "fork write-protects again the pages its code dirtied since its " \
      "last start" }, NUM (method.first) }
#define START_READ_BY "`start N processes`, `pool` (METHOD: fork, spawn " \
    "or forkserver)"
#define PARENT "starting a process: the parent's serial part"
#define CHILD "starting a process: the child's start-up"

static const Entry entries[] = {
  { { "python.loop", FALSE, "python.loop", GS_DIM_DURATION, 0, TRUE,
      MAX_DURATION, "more than 0s and at most 1h", "45ns", GS_COSTS_REQUIRED,
      45e-9, NULL, NULL, "for the old GIL's check interval",
      "`python N iterations`; the old GIL's check interval",
      "one iteration of `for i in range(L): total += i`" },
    NUM_HAS (python_loop, has_python_loop) },
  { { "python.loop_compact", FALSE, "python.loop_compact", GS_DIM_COUNT, 0,
      TRUE, 1, "more than 0 and at most 1", "0.85", GS_COSTS_DEFAULT, 1, NULL,
      NULL, NULL, "`python N iterations compact` (not on cpython-2.7)",
      "an iteration whose sum stays one 30-bit digit (CPython's fast path) "
      "over one of `python.loop`, measured with `python.version`" },
    NUM (python_loop_compact) },
  DURATION ("python.startup", python_startup, "20ms", 0,
      "the main thread's start, unless the runtime's `startup` option",
      "`python -c pass`, the whole interpreter start"),
  { { "python.startup.", TRUE, "python.startup.VERSION", DURATION_RANGE,
      "56ms", GS_COSTS_OPTIONAL, 0, NULL, NULL, NULL,
      "the main thread's start with another runtime than `python.version`'s "
      "(`-L runtime=cpython-3.11`)",
      "`python -c pass` with that version's interpreter on this host "
      "(`python.startup.3.11`, `python.startup.3.13t`): `gilsim calibrate "
      "--measure --also-python` writes it" },
    PATTERN },
  { { "python.version", FALSE, "python.version", GS_DIM_STRING, 0, FALSE, 0,
      "a version such as 3.12", "3.12", GS_COSTS_OPTIONAL, 0, NULL, NULL,
      NULL, "`python` statements",
      "the interpreter the costs were measured with: another runtime scales "
      "`python` by the two versions' loop costs" },
    TEXT (python_version) },
  { { "python.os", FALSE, "python.os", GS_DIM_STRING, 0, FALSE, 0,
      "an operating system such as linux, darwin or windows", "linux",
      GS_COSTS_DEFAULT, 0, "linux", NULL, NULL,
      "`start N processes`, `pool`",
      "on darwin and windows, processes start with spawn by default" },
    TEXT (python_os) },
  DURATION ("thread.start", thread_start, "50us", 0, "`start N threads`",
      "the parent's share of `Thread.start()`"),
  DURATION ("thread.first", thread_first, "150us", 0,
      "`start N threads`, thread pools, a queue's feeder",
      "a thread started more than `os.idle_poll` after its process's last "
      "start (a row's first) waits this long for its idle, halted vCPU to "
      "wake before it runs, and `Thread.start()` with it"),
  START_ROLE (fork, parent, "1ms", PARENT),
  START_ROLE (fork, child, "2ms", CHILD),
  START_ROLE (spawn, parent, "5ms", PARENT),
  START_ROLE (spawn, child, "30ms", CHILD),
  START_ROLE (forkserver, parent, "1ms", PARENT),
  START_ROLE (forkserver, child, "3ms", CHILD),
  START_EXIT (fork, "1ms"),
  START_EXIT (spawn, "20ms"),
  START_EXIT (forkserver, "1ms"),
  START_FIRST (fork, "0.3ms"),
  START_FIRST (spawn, "0.1ms"),
  START_FIRST (forkserver, "0.1ms"),
  { { "cpu.smt", FALSE, "cpu.smt", GS_DIM_COUNT, 1, FALSE, 8,
      "hardware threads per core, from 1 to 8", "2", GS_COSTS_DEFAULT, 1,
      NULL, NULL, NULL, "SimGrid's sharing of the cores (all CPU work)",
      "hardware threads per core" },
    NUM (cpu_smt) },
  { { "cpu.smt_throughput", FALSE, "cpu.smt_throughput", GS_DIM_COUNT, 1,
      FALSE, 8, "cores' worth of work the threads of one core give "
      "together, from 1 to 8", "1.3", GS_COSTS_SAME_AS, 0, NULL, "cpu.smt",
      NULL, "SimGrid's sharing of the cores (all CPU work)",
      "how many cores' worth of work one core's threads give together" },
    NUM (cpu_smt_throughput) },
  { { "cpu.efficiency_cores", FALSE, "cpu.efficiency_cores", GS_DIM_COUNT,
      0, FALSE, 4095, "a whole number of the host's cores, from 0 to one "
      "less than its `core`", "4", GS_COSTS_DEFAULT, 0, NULL, NULL, NULL,
      "SimGrid's sharing of the cores (all CPU work)",
      "how many of the host's logical CPUs are efficiency cores (Apple's "
      "M-series, Intel's hybrid parts), filled after the performance cores" },
    NUM (cpu_efficiency_cores) },
  { { "cpu.efficiency_speed", FALSE, "cpu.efficiency_speed", GS_DIM_COUNT, 0,
      TRUE, 1, "more than 0 and at most 1", "0.45", GS_COSTS_DEFAULT, 1, NULL,
      NULL, NULL, "SimGrid's sharing of the cores (all CPU work)",
      "an efficiency core's speed at Python over a performance core's "
      "(a platform with cpu.efficiency_cores must give it)" },
    NUM (cpu_efficiency_speed) },
  { { "cpu.allcore_speed", FALSE, "cpu.allcore_speed", GS_DIM_COUNT, 0, TRUE,
      1, "more than 0 and at most 1", "0.85", GS_COSTS_DEFAULT, 1, NULL, NULL,
      NULL, "SimGrid's sharing of the cores (all CPU work)",
      "the cores' clock when all are busy over the clock of one busy core "
      "(the host's speed): turbo falls in a line between" },
    NUM (cpu_allcore_speed) },
  DURATION ("cpu.cacheline_transfer", cpu_cacheline_transfer, "60ns", 50e-9,
      "`python ... touching NAME` without the GIL",
      "a touch of a shared object (a reference count, a per-object lock) "
      "after another core touched it: its cache line's transfer"),
  DURATION ("python.object_lock", python_object_lock, "30ns", 30e-9,
      "`python ... touching NAME` of a `shared NAME dict` or `list` without "
      "the GIL",
      "a write to a shared dict or list: how long it holds the object's "
      "lock (a critical section)"),
  DURATION ("gc.per_object", gc_per_object, "40ns", 40e-9,
      "`python ... allocating N objects`",
      "a collection's time per tracked object it visits "
      "(bench/probe-gc.py)"),
  DURATION ("gc.stop_per_thread", gc_stop_per_thread, "10us", 10e-6,
      "`python ... allocating N objects` without the GIL",
      "a free-threaded collection's stop and restart of one thread of the "
      "process"),
  { { "cpu.slow_fraction", FALSE, "cpu.slow_fraction", GS_DIM_COUNT, 0, FALSE,
      0.99, "a number from 0 to 0.99", "0.4", GS_COSTS_DEFAULT, 0, NULL, NULL,
      NULL, "`python`, NumPy's generators",
      "a VM's cores shared with other tenants: the fraction of its virtual "
      "CPUs that are slow at any moment" },
    NUM (cpu_slow_fraction) },
  { { "cpu.slow_factor", FALSE, "cpu.slow_factor", GS_DIM_COUNT, 1, FALSE,
      100, "a number from 1 to 100", "1.7", GS_COSTS_DEFAULT, 1, NULL, NULL,
      NULL, "`python`, NumPy's generators",
      "how much slower Python code runs on a slow virtual CPU" },
    NUM (cpu_slow_factor) },
  { { "cpu.start_slow_factor", FALSE, "cpu.start_slow_factor", GS_DIM_COUNT, 1,
      FALSE, 100, "a number from 1 to 100", "1.4", GS_COSTS_DEFAULT, 1, NULL,
      NULL, NULL, "a spawned child's start-up, in a drawn sample (`--samples`)",
      "how much slower a spawned child's start-up (a fresh interpreter and "
      "its imports) runs on a slow virtual CPU (bench/start-jitter.py): each "
      "child of a drawn sample draws its vCPU's state, the expected "
      "prediction is not moved" },
    NUM (cpu_start_slow_factor) },
  { { "cpu.slow_drawn_only", FALSE, "cpu.slow_drawn_only", GS_DIM_COUNT, 0,
      FALSE, 1, "0 or 1", "1", GS_COSTS_DEFAULT, 0, NULL, NULL, NULL,
      "`python`, NumPy's generators, a process's start-up",
      "1: the slow virtual CPUs (`cpu.slow_fraction`, `cpu.slow_factor`) are "
      "drawn in samples (`--samples`) only, and the expected prediction runs "
      "every vCPU at the costs' mean speed, as if `cpu.slow_fraction` were "
      "0: a platform whose costs were calibrated without modelling them" },
    NUM (cpu_slow_drawn_only) },
  DURATION ("cpu.slow_escape", cpu_slow_escape, "1s", 0,
      "`python`, NumPy's generators",
      "how long Python code running alone stays on a slow virtual CPU "
      "before the OS moves it to a fast one (0: it stays); a GIL hand-off "
      "keeps its vCPU, a thread back from another wait brings a new one"),
  { { "cpu.speed_jitter", FALSE, "cpu.speed_jitter", GS_DIM_COUNT, 0, FALSE,
      1, "a number from 0 to 1", "0.05", GS_COSTS_DEFAULT, 0, NULL, NULL,
      NULL, "every CPU cost, in a drawn sample (`--samples`)",
      "how much the machine's speed moves from one run to another: the "
      "standard deviation of the logarithm of one factor, of mean 1, drawn "
      "per sample for all its CPU work" },
    NUM (cpu_speed_jitter) },
  DURATION ("gil.handoff_latency", gil_handoff_latency, "5us", 50e-6,
      "the new GIL", "from a GIL drop to the woken thread running"),
  { { "gil.fifo_bias", FALSE, "gil.fifo_bias", FRACTION_RANGE, "0.55",
      GS_COSTS_DEFAULT, 0.55, NULL, NULL, NULL, "the GIL's wake-ups",
      "how often the longest waiter is the one woken" },
    NUM (gil_fifo_bias) },
  DURATION ("gil.switch_cost", gil_switch_cost, "1us", 0, "every GIL switch",
      "what a thread that takes the GIL from another pays (cold caches)"),
  { { "gil.old_rewin", FALSE, "gil.old_rewin", FRACTION_RANGE, "0.9",
      GS_COSTS_DEFAULT, 0.993, NULL, NULL, NULL, "the old GIL",
      "how often the releasing thread wins the lock back at its check "
      "interval" },
    NUM (gil_old_rewin) },
  DURATION ("gil.old_release_cost", gil_old_release_cost, "1us", 0,
      "the old GIL",
      "what each release and re-take costs the holder while others wait"),
  DURATION ("gil.wakeup_cost", gil_wakeup_cost, "3us", 0,
      "the new GIL's timed waits; the old GIL's releases",
      "the CPU a waiter's wake-up costs (kernel, the lock, its checks), "
      "taken from the cores; how long a ready waiter (`os.idle_poll`) takes "
      "to run"),
  DURATION ("os.timer_slack", os_timer_slack, "50us", 50e-6,
      "the new GIL's timed waits",
      "the floor of a timed wait (Linux's timer slack, 50us by default, "
      "`prctl(PR_SET_TIMERSLACK)`); 0: none"),
  DURATION ("os.idle_poll", os_idle_poll, "1ms", 0, "the new GIL's wake-ups",
      "a waiter whose timed waits are at most this long keeps its core "
      "ready (halt polling, shallow idle states): it runs `gil.wakeup_cost` "
      "after a signal, not `gil.handoff_latency`; 0: never"),
  DURATION ("os.halt_wake", os_halt_wake, "150us", 0, "`sleep`, `join`",
      "a sleep longer than `os.idle_poll`, or a thread's join that waited that "
      "long, lets the thread's vCPU halt: waking it takes this much more "
      "(a 0.5 s sleep and its join, against 1 ms sleeps); 0: none"),
  DURATION ("sleep.overhead", sleep_overhead, "50us", 0, "`sleep`",
      "how much longer than asked a `time.sleep` takes"),
  DURATION ("asyncio.task", asyncio_task, "10us", 0,
      "`run N tasks`, `start N tasks`",
      "the Python an event loop runs to create, start and finish a task "
      "(bench/asyncio-overhead.py)"),
  DURATION ("asyncio.step", asyncio_step, "1.5us", 0, "`await`",
      "the Python an event loop runs each time an awaiting task resumes"),
  DURATION ("disk.fsync", disk_fsync, "2ms", 0, "`fsync`",
      "what an `fsync` waits besides the writes"),
  DURATION ("disk.latency", disk_latency, "100us", 0, "`read`, `write`",
      "what each read or write call waits besides its bytes, without using "
      "the disk"),
  DURATION ("disk.cache_write", disk_cache_write, "0.2ns", 0, "`write`",
      "seconds per byte a write call copies into the page cache, on the "
      "thread's own core, before the disk takes it (one thread filling "
      "fresh memory: bench/probe-memory.py); 0: none"),
  DURATION ("disk.cache_read", disk_cache_read, "0.12ns", 0, "`read`",
      "seconds per byte a read call copies out of the page cache, on the "
      "thread's own core, besides the disk's transfer (one thread streaming "
      "memory: bench/probe-memory.py); 0: none"),
  { { "disk.speed_jitter", FALSE, "disk.speed_jitter", GS_DIM_COUNT, 0, FALSE,
      1, "a number from 0 to 1", "0.06", GS_COSTS_DEFAULT, 0, NULL, NULL,
      NULL, "`read`, `write`, `fsync`, in a drawn sample (`--samples`)",
      "how much the disks' speed moves from one run to another: the "
      "standard deviation of the logarithm of one factor, of mean 1, drawn "
      "per sample for reads and one for writes, that multiplies the bytes "
      "the disks move (bench/disk-jitter.py)" },
    NUM (disk_speed_jitter) },
  DURATION ("pickle.per_byte", pickle_per_byte, "1ns", 1e-9, "`pool`",
      "pickling a pool's arguments and results, per byte"),
  { { "pipe.bandwidth", FALSE, "pipe.bandwidth", RATE_RANGE, "1GBps",
      GS_COSTS_DEFAULT, 1e9, NULL, NULL, NULL, "`pool`",
      "the pipes between a pool and its workers" },
    NUM (pipe_bandwidth) },
  DURATION ("pool.chunk_overhead", pool_chunk_overhead, "35us", 35e-6, "`pool`",
      "a chunk's round trip between a pool and a worker"),
  { { "memory.bandwidth", FALSE, "memory.bandwidth", RATE_RANGE, "10GBps",
      GS_COSTS_OPTIONAL, MAX_RATE, NULL, NULL,
      "when `memory.alloc_bandwidth` is set", "`native PRESET(n)`",
      "the host's memory bus, shared by native calls that stream" },
    NUM_HAS (memory_bandwidth, has_memory_bandwidth) },
  { { "memory.alloc_bandwidth", FALSE, "memory.alloc_bandwidth", RATE_RANGE,
      "2.4GBps", GS_COSTS_OPTIONAL, MAX_RATE, NULL, NULL,
      "when `memory.bandwidth` is set", "`native PRESET(n)`",
      "filling fresh memory (page faults, zeroing), shared by calls that "
      "allocate big outputs" },
    NUM_HAS (memory_alloc_bandwidth, has_memory_alloc_bandwidth) },
  DURATION ("memory.alloc_cost", memory_alloc_cost, "0.2ns", 0,
      "`native PRESET(n)`",
      "seconds per byte one thread alone takes to fault in and fill fresh "
      "memory (bench/probe-memory.py's one-thread fill): that part of an "
      "allocating preset's cost runs before its arithmetic, not beside it, "
      "and shares `memory.alloc_bandwidth`; 0: the fill overlaps the "
      "arithmetic"),
  { { "cost.", TRUE, "cost.NAME", DURATION_RANGE, "7.7ns", GS_COSTS_REQUIRED,
      0, NULL, NULL, NULL, "`native PRESET(n)`",
      "seconds per element or byte of a native preset (`cost.numpy.sum`)" },
    PATTERN },
  { { "import.", TRUE, "import.NAME", DURATION_RANGE, "2ms",
      GS_COSTS_REQUIRED, 0, NULL, NULL, NULL,
      "`import NAME` without a cost of its own", "`import NAME`" },
    PATTERN },
};

const GsCostsProp *
gs_costs_nth (guint i)
{
  return i < G_N_ELEMENTS (entries) ? &entries[i].prop : NULL;
}

const GsCostsProp *
gs_costs_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++) {
    const GsCostsProp *s = &entries[i].prop;
    if (s->any_suffix ? g_str_has_prefix (id, s->id) && id[strlen (s->id)]
                      : strcmp (id, s->id) == 0)
      return s;
  }
  return NULL;
}

/* The length of ID's namespace with its dot ("python." is 7), or 0. */
static gsize
namespace_length (const char *id)
{
  const char *dot = strchr (id, '.');
  return dot ? (gsize) (dot - id) + 1 : 0;
}

gboolean
gs_costs_reserved (const char *id)
{
  g_return_val_if_fail (id != NULL, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++) {
    const char *e = entries[i].prop.id;
    if (strncmp (id, e, namespace_length (e)) == 0)
      return TRUE;
  }
  return FALSE;
}

char *
gs_costs_known (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);
  gsize plen = namespace_length (id);
  gboolean any = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    if (plen && strncmp (entries[i].prop.id, id, plen) == 0)
      any = TRUE;
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++) {
    const GsCostsProp *p = &entries[i].prop;
    if (any && strncmp (p->id, id, plen) != 0)
      continue;
    if (s->len)
      g_string_append (s, ", ");
    g_string_append (s, p->any_suffix ? p->name : p->id);
  }
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Resolving a host's costs                                                */

static double *
value_at (GsCosts *c, const Entry *e)
{
  return (double *) (void *) ((char *) c + e->value);
}

static const Entry *
entry_of (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    if (!entries[i].prop.any_suffix && strcmp (entries[i].prop.id, id) == 0)
      return &entries[i];
  return NULL;
}

gboolean
gs_costs_resolve (GsCosts *out, GsCostsReadFunc read, gpointer data,
                  GError **error)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  memset (out, 0, sizeof *out);
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++) {
    const Entry *e = &entries[i];
    const GsCostsProp *p = &e->prop;
    if (e->value < 0 && e->text < 0)
      continue;  /* a pattern */
    gboolean given = FALSE;
    double v = 0;
    const char *text = NULL;
    if (read && !read (p, data, &given, &v, &text, error))
      return FALSE;
    if (e->text >= 0) {
      *(const char **) (void *) ((char *) out + e->text) =
          given ? text : p->default_text;
      continue;
    }
    if (!given && p->absent == GS_COSTS_SAME_AS) {
      const Entry *src = entry_of (p->same_as);  /* resolved above */
      g_assert (src != NULL && src < e);
      v = *value_at (out, src);
    } else if (!given) {
      v = p->default_value;
    }
    *value_at (out, e) = v;
    if (e->flag >= 0)
      *(gboolean *) (void *) ((char *) out + e->flag) = given;
  }
  return TRUE;
}

void
gs_costs_defaults (GsCosts *out)
{
  gs_costs_resolve (out, NULL, NULL, NULL);
}

const GsCostsStart *
gs_costs_start (const GsCosts *c, const char *method)
{
  g_return_val_if_fail (c != NULL && method != NULL, NULL);
  if (strcmp (method, "fork") == 0)
    return &c->fork;
  if (strcmp (method, "spawn") == 0)
    return &c->spawn;
  if (strcmp (method, "forkserver") == 0)
    return &c->forkserver;
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* The table in words                                                      */

/* V, of dimension DIM, as a platform file would give it ("50us", "0.55",
 * "1GBps"); a rate of GS_COSTS_MAX_RATE or more is "unlimited". */
static char *
format_value (GsDim dim, double v)
{
  static const struct {
    GsDim dim;
    const char *unit;
    double factor;
  } units[] = {
    { GS_DIM_DURATION, "s", 1 }, { GS_DIM_DURATION, "ms", 1e-3 },
    { GS_DIM_DURATION, "us", 1e-6 }, { GS_DIM_DURATION, "ns", 1e-9 },
    { GS_DIM_BANDWIDTH, "GBps", 1e9 }, { GS_DIM_BANDWIDTH, "MBps", 1e6 },
    { GS_DIM_BANDWIDTH, "kBps", 1e3 }, { GS_DIM_BANDWIDTH, "Bps", 1 },
  };
  char num[G_ASCII_DTOSTR_BUF_SIZE];
  if (dim == GS_DIM_BANDWIDTH && v >= GS_COSTS_MAX_RATE)
    return g_strdup ("unlimited");
  const char *unit = "";
  double factor = 1;
  for (gsize k = 0; k < G_N_ELEMENTS (units); k++)
    if (units[k].dim == dim) {
      unit = units[k].unit;
      factor = units[k].factor;
      if (v >= factor)
        break;
    }
  if (v == 0 && dim == GS_DIM_DURATION)
    factor = 1, unit = "s";
  g_ascii_formatd (num, sizeof num, "%g", v / factor);
  return g_strconcat (num, unit, NULL);
}

char *
gs_costs_default_text (const GsCostsProp *prop)
{
  g_return_val_if_fail (prop != NULL, NULL);
  switch (prop->absent) {
  case GS_COSTS_DEFAULT:
    return prop->dim == GS_DIM_STRING ? g_strdup (prop->default_text)
                                      : format_value (prop->dim,
                                                      prop->default_value);
  case GS_COSTS_SAME_AS:
    return g_strdup_printf ("`%s`'s value", prop->same_as);
  case GS_COSTS_REQUIRED:
  case GS_COSTS_OPTIONAL:
    break;
  }
  const char *word = prop->absent == GS_COSTS_REQUIRED ? "required" : "none";
  if (prop->fallback == NULL)
    return g_strdup (word);
  g_autofree char *v = format_value (prop->dim, prop->default_value);
  return g_strdup_printf ("%s; %s %s", word, v, prop->fallback);
}

char *
gs_costs_markdown (void)
{
  GString *s = g_string_new (
      "| property | dimension | range | default | example | read by | "
      "what it is |\n"
      "| --- | --- | --- | --- | --- | --- | --- |\n");
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++) {
    const GsCostsProp *p = &entries[i].prop;
    gboolean seen = FALSE;
    for (gsize k = 0; k < i && !seen; k++)
      seen = strcmp (entries[k].prop.name, p->name) == 0;
    if (seen)
      continue;  /* a family (process.METHOD.parent) has one row */
    g_autofree char *def = gs_costs_default_text (p);
    g_string_append_printf (s, "| `%s` | %s | %s | %s | `%s` | %s | %s |\n",
                            p->name, gs_dim_name (p->dim), p->range, def,
                            p->example, p->read_by, p->description);
  }
  return g_string_free (s, FALSE);
}
