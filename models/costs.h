/* costs.h: the cost registry, every host property gilsim reads, in one table.
 *
 * A platform file gives a host's costs as <prop>s ("python.loop" = "45ns").
 * Each property gilsim knows has one entry here: its id (or a pattern, such
 * as cost.NAME), its dimension, the range a platform file may give, an
 * example, what a host without it gets, what reads it, and one line that
 * says what it is.  The platform checker validates values against the
 * entries, gs_costs_resolve() turns a host's properties into one GsCosts
 * with every default applied, and gs_costs_markdown() writes the table that
 * the documentation shows (tests/test-costs.c keeps the two in step).
 *
 * Ids are in namespaces: a property whose id starts with the namespace of
 * an entry ("python.", "cost.", ...) belongs to gilsim and must be in the
 * table; other ids (wattage_per_state) are SimGrid's or the user's.
 *
 * The table's order is fixed: it is the order of the documentation's rows
 * and of the "known: ..." lists in error messages.
 */
#pragma once

#include <glib.h>
#include "units.h"

G_BEGIN_DECLS

/* CPython's default switch interval (sys.getswitchinterval()), seconds:
 * the new GIL's timed wait when a scenario does not give one. */
#define GS_COSTS_SWITCH_INTERVAL 0.005

/* The largest duration and rate a host property may have. */
#define GS_COSTS_MAX_DURATION 3600.0  /* seconds */
#define GS_COSTS_MAX_RATE 1e15        /* bytes/s */

/* What a host without the property gets. */
typedef enum {
  GS_COSTS_DEFAULT,   /* DEFAULT_VALUE (DEFAULT_TEXT for a string) */
  GS_COSTS_SAME_AS,   /* the value of the property SAME_AS */
  GS_COSTS_REQUIRED,  /* a statement that needs it fails, naming it */
  GS_COSTS_OPTIONAL,  /* nothing: the feature it describes is off */
} GsCostsAbsent;

typedef struct {
  const char *id;          /* the exact id, or a pattern's prefix ("cost.") */
  gboolean any_suffix;     /* ID is a prefix: "cost.X" for any non-empty X */
  const char *name;        /* as the documentation lists it: ID,
                              "cost.NAME", "process.METHOD.parent" */
  GsDim dim;               /* GS_DIM_STRING: any non-empty text */
  double min;              /* base units */
  gboolean min_open;       /* the value must be more than MIN */
  double max;
  const char *range;       /* the bounds in words, as messages give them */
  const char *example;     /* a value, as messages suggest it ("45ns") */
  GsCostsAbsent absent;
  double default_value;    /* base units: GS_COSTS_DEFAULT's value; for
                              REQUIRED and OPTIONAL, the value FALLBACK
                              uses, if any */
  const char *default_text;/* GS_COSTS_DEFAULT of a string: its value */
  const char *same_as;     /* GS_COSTS_SAME_AS: that property's id */
  const char *fallback;    /* REQUIRED or OPTIONAL: where DEFAULT_VALUE
                              still applies ("when memory.bandwidth is
                              set"), or NULL */
  const char *read_by;     /* the statements and parts that read it */
  const char *description; /* one line */
} GsCostsProp;

/* The costs of one way to start a process (fork, spawn, forkserver). */
typedef struct {
  double parent;           /* seconds: the parent's serial part */
  double child;            /* seconds: the child's start-up */
  double exit;             /* seconds: teardown and the parent's join */
  double first;            /* seconds: the parent's extra for the first
                              start of a row (a `start` statement, a pool) */
  gboolean has_parent;     /* the host gives parent (it is required) */
  gboolean has_child;      /* the host gives child (it is required) */
} GsCostsStart;

/* A host's properties, resolved: each exact property of the registry with
 * the host's value or, where it has none, what the registry says.  A
 * has_ flag tells a required or optional property the host gives from
 * one it lacks.  Patterns (cost.NAME, import.NAME) are not here: read
 * them from the host.  Strings are borrowed from the host's properties. */
typedef struct {
  double python_loop;            /* s; 45ns when absent */
  gboolean has_python_loop;      /* required by `python N iterations` */
  double python_loop_compact;    /* an iteration on compact ints over
                                    python.loop; 1 when absent */
  double python_startup;         /* s */
  const char *python_version;    /* "3.12"; NULL when absent */
  const char *python_os;         /* "linux" when absent */
  double thread_start;           /* s */
  double thread_first;           /* s: a new thread that finds every idle
                                    vCPU halted waits for one to wake */
  GsCostsStart fork, spawn, forkserver;
  double cpu_smt;                /* hardware threads per core */
  double cpu_smt_throughput;     /* cores' worth of one core's threads */
  double cpu_efficiency_cores;   /* logical CPUs that are efficiency cores */
  double cpu_efficiency_speed;   /* of a performance core, (0, 1] */
  double cpu_allcore_speed;      /* all-core clock over one-core clock */
  double cpu_cacheline_transfer; /* s: a contended touch of a shared object */
  double python_object_lock;     /* s: a shared dict's or list's lock held */
  double gc_per_object;          /* s: a collection's visit of one object */
  double gc_stop_per_thread;     /* s: stopping and restarting one thread */
  double cpu_slow_fraction;      /* of the virtual CPUs, 0 to 0.99 */
  double cpu_slow_factor;        /* 1 to 100 */
  double cpu_start_slow_factor;  /* 1 to 100: a spawned child's start-up */
  double cpu_slow_drawn_only;    /* 0 or 1: slow vCPUs in drawn samples only */
  double cpu_slow_escape;        /* s: a lone thread's mean time slow (escape.h) */
  double cpu_speed_jitter;       /* 0 to 1: sd of the log of a run's speed */
  double gil_handoff_latency;    /* s */
  double gil_fifo_bias;          /* 0 to 1 */
  double gil_switch_cost;        /* s */
  double gil_old_rewin;          /* 0 to 1 */
  double gil_old_release_cost;   /* s */
  double gil_wakeup_cost;        /* s of CPU per timed wake-up */
  double os_timer_slack;         /* s: floor of a timed wait; 0 = none */
  double os_idle_poll;           /* s: longest timed wait that keeps a core
                                    ready; 0 = never */
  double os_halt_wake;           /* s: waking a thread from a halted vCPU
                                    (sleep, join); 0 = none */
  double sleep_overhead;         /* s */
  double asyncio_task;           /* s: creating and finishing a task */
  double asyncio_step;           /* s: each time a task takes the loop back */
  double disk_fsync;             /* s */
  double disk_latency;           /* s */
  double disk_cache_write;       /* s per byte copied into the page cache */
  double disk_cache_read;        /* s per byte copied out of the page cache */
  double disk_speed_jitter;      /* 0 to 1: sd of the log of a run's disk time */
  double pickle_per_byte;        /* s per byte */
  double pipe_bandwidth;         /* bytes/s */
  double pool_chunk_overhead;    /* s */
  double memory_bandwidth;       /* bytes/s; unlimited when absent */
  gboolean has_memory_bandwidth;
  double memory_alloc_bandwidth; /* bytes/s; unlimited when absent */
  gboolean has_memory_alloc_bandwidth;
  double memory_alloc_cost;      /* s per byte one thread alone takes to fault
                                    in and fill fresh memory; 0 = overlapped */
} GsCosts;

/* The Ith entry of the registry, from 0, or NULL past the last one.  The
 * entries are static.  Can't fail. */
const GsCostsProp *gs_costs_nth (guint i);

/* The entry that property ID belongs to (its exact entry, or the pattern
 * it matches), or NULL if none.  Can't fail. */
const GsCostsProp *gs_costs_lookup (const char *id);

/* TRUE if ID is in one of the registry's namespaces ("python.", "cost.",
 * ...): a platform file may then give it only if gs_costs_lookup() knows
 * it.  Can't fail. */
gboolean gs_costs_reserved (const char *id);

/* The entries that share ID's namespace ("python." for "python.lop"), or
 * all of them when none does, as "a, b, cost.NAME" (a pattern shows its
 * prefix and NAME), for an unknown property's message.  New string. */
char *gs_costs_known (const char *id);

/* Asked by gs_costs_resolve() for each exact property PROP of the
 * registry: stores in *GIVEN whether the host has it and, if so, its value
 * in base units in *VALUE (or, for a string, in *TEXT, borrowed).  Returns
 * FALSE with ERROR set when the value cannot be read. */
typedef gboolean (*GsCostsReadFunc) (const GsCostsProp *prop, gpointer data,
                                     gboolean *given, double *value,
                                     const char **text, GError **error);

/* Fills OUT with each exact property: what READ (called with DATA, in the
 * registry's order) gives, or, for a property it does not give, what the
 * registry says.  Returns FALSE with ERROR set when READ fails; OUT is
 * then partly filled. */
gboolean gs_costs_resolve (GsCosts *out, GsCostsReadFunc read, gpointer data,
                           GError **error);

/* Fills OUT as a host with no property at all gets it.  Can't fail. */
void gs_costs_defaults (GsCosts *out);

/* The costs of starting a process with METHOD ("fork", "spawn" or
 * "forkserver") in C, or NULL for another method.  Can't fail. */
const GsCostsStart *gs_costs_start (const GsCosts *c, const char *method);

/* What a host without PROP gets, as the documentation says it: "50us",
 * "`cpu.smt`'s value", "required; 45ns for the old GIL's check interval",
 * "none".  New string. */
char *gs_costs_default_text (const GsCostsProp *prop);

/* The registry as a Markdown table (a header row, then one row per name,
 * in the registry's order; each line ends with a newline).  New string. */
char *gs_costs_markdown (void);

G_END_DECLS
