/* result.h: what one simulation predicts, and its transport between processes.
 *
 * Every simulation runs in a child process (SimGrid allows one engine per
 * process); the child sends its GsResult to the parent packed in bytes
 * (gs_result_pack).
 */
#pragma once

#include <glib.h>
#include "util/quantiles.h"

G_BEGIN_DECLS

typedef struct {
  double time;     /* simulated seconds since the program started */
  char *who;       /* the thread or process that printed */
  char *text;
} GsPrint;

typedef struct {
  char *name;      /* "MainThread", "Thread-0", "Process-1" */
  char *kind;      /* "main", "thread", "process" */
  double start_s, end_s;
  double cpu_s;        /* CPU work done (seconds at full core speed) */
  double gil_wait_s;   /* wanting the GIL without holding it */
  double blocked_s;    /* sleeping, waiting for locks, joins, start-up of a child */
  double python_s;     /* of cpu_s, the `python` statements' share */
  guint64 switches;    /* times it took the GIL from another thread */
  double slowed_s;     /* how much slow virtual CPUs stretched its work
                          against the platform's mean speed (in a drawn
                          sample, < 0 where fast ones shrank it) */
  double core_wait_s;  /* runnable, its CPU work took longer than on a full
                          core of its own: it waited for a core (more
                          running threads than cores), shared one with
                          an SMT sibling, ran on an efficiency core or at
                          a lower all-core clock, lost it to waiters'
                          wake-ups, or its native work waited for the
                          memory bandwidth it shares.  Its lifetime is
                          cpu_s + gil_wait_s + blocked_s + slowed_s +
                          core_wait_s (cpu_s sums a native call's parallel
                          parts, so then more). */
} GsWorker;

/* The reports show slowed_s from this size on (0.1 ms rounded): below, a
 * worker ran at the mean speed, or alone. */
#define GS_RESULT_SLOWED_SHOWN 5e-5
/* The same for core_wait_s. */
#define GS_RESULT_CORE_WAIT_SHOWN 5e-5

/* A worker's blocked time on one object: its blocked_s split by what it
 * waited for. */
typedef struct {
  guint worker;        /* index in the result's workers */
  char *on;            /* "lock numpy.random", "sleep", "join", "disk d0",
                          "server web", "other" */
  double seconds;
  guint64 count;       /* blocking calls */
} GsWait;

/* The latency figures of one repeated statement (docs/language.md):
 * a print, the intervals between its successive runs by the same thread
 * (the time of one iteration of the loop around it); a request, the time
 * from the statement's start until its reply is back and the thread holds
 * the GIL again. */
typedef struct {
  char *what;          /* "print", "request web" */
  int line;            /* the statement's line in the scenario */
  GsQuantiles q;       /* seconds */
} GsLatency;

typedef struct {
  double wall_s;
  double sequential_s;   /* < 0 when not computed */
  guint64 gil_switches;  /* over all processes */
  GArray *prints;        /* GsPrint */
  GArray *workers;       /* GsWorker */
  GArray *waits;         /* GsWait, by worker, in the order first seen */
  GArray *overheads;     /* GsWait: CPU time a worker lost to contention
                            on shared objects, their locks and garbage
                            collections ("contention settings", "object
                            lock cache", "gc collection"), by worker */
  GArray *latency;       /* GsLatency, by line */
  GArray *samples;       /* double: each drawn sample's wall time (run
                            --samples), in sample order; NULL for one
                            prediction (results/spread.h) */
} GsResult;

GsResult *gs_result_new (void);
void gs_result_free (GsResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsResult, gs_result_free)

/* Appends a printed line (strings copied). */
void gs_result_add_print (GsResult *r, double time, const char *who, const char *text);

/* Appends a worker row (strings copied); returns its index. */
guint gs_result_add_worker (GsResult *r, const GsWorker *w);

/* Appends the blocked time SECONDS of COUNT calls of worker WORKER (an
 * index in R->workers) on ON (copied), or adds them to the last worker's
 * entry of the same object when WORKER is the last worker with waits. */
void gs_result_add_wait (GsResult *r, guint worker, const char *on, double seconds,
                         guint64 count);

/* Appends SECONDS of CPU time of COUNT statements that worker WORKER lost
 * to ON (copied): the overheads' gs_result_add_wait. */
void gs_result_add_overhead (GsResult *r, guint worker, const char *on,
                             double seconds, guint64 count);

/* Appends the latency figures Q of the statement WHAT (copied) at LINE. */
void gs_result_add_latency (GsResult *r, const char *what, int line,
                            const GsQuantiles *q);

/* R in bytes, for a forked simulation to send its parent (run/simulate.c):
 * every number as this machine stores it, so the parent's copy is R bit for
 * bit.  Free with g_byte_array_unref. */
GByteArray *gs_result_pack (const GsResult *r);

/* The result packed as DATA (LEN bytes) by gs_result_pack, in this program;
 * NULL if DATA is not one whole packed result. */
GsResult *gs_result_unpack (const guint8 *data, gsize len);

G_END_DECLS
