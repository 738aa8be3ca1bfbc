/* result.h: what one simulation predicts, and its transport between processes.
 *
 * Every simulation runs in a child process (SimGrid allows one engine per
 * process); the child sends its GsResult to the parent as a GVariant.
 */
#pragma once

#include <glib.h>

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
} GsWorker;

typedef struct {
  double wall_s;
  double sequential_s;   /* < 0 when not computed */
  guint64 gil_switches;  /* over all processes */
  GArray *prints;        /* GsPrint */
  GArray *workers;       /* GsWorker */
} GsResult;

GsResult *gs_result_new (void);
void gs_result_free (GsResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsResult, gs_result_free)

/* Appends a printed line (strings copied). */
void gs_result_add_print (GsResult *r, double time, const char *who, const char *text);

/* Appends a worker row (strings copied); returns its index. */
guint gs_result_add_worker (GsResult *r, const GsWorker *w);

/* Serialises R into a floating-free GVariant (new reference). */
GVariant *gs_result_to_variant (const GsResult *r);

/* Rebuilds a result from V; NULL if V has the wrong type. */
GsResult *gs_result_from_variant (GVariant *v);

G_END_DECLS
