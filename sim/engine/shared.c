/* shared.c: Python code that touches objects other threads touch at the same time. */
#include "engine/internal.h"

#include <math.h>
#include <string.h>
#include <simgrid/host.h>

#include "contention.h"

/* The touches' cost is looked at again after this much of the code, so
 * that threads that start or stop touching the object change it soon; at
 * most SLICES_MAX looks per statement. */
#define SLICE_S 1e-3
#define SLICES_MAX 200

/* Adds DELTA to the threads of P touching NAME; returns the new count. */
static int
touchers_add (Proc *p, const char *name, int delta)
{
  if (p->shared == NULL)
    p->shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int n = GPOINTER_TO_INT (g_hash_table_lookup (p->shared, name)) + delta;
  g_hash_table_replace (p->shared, g_strdup (name), GINT_TO_POINTER (n));
  return n;
}

/* The threads of T's process that touch NAME at this moment and run at
 * once: those touching it, at most one per core of the host.  (Under a
 * GIL one thread runs Python code at a time: gs_shared_python does not
 * ask.) */
static int
running_touchers (Thread *t, const char *name)
{
  Proc *p = t->proc;
  int n = GPOINTER_TO_INT (g_hash_table_lookup (p->shared, name));
  return MAX (1, MIN (n, sg_host_core_count (p->host)));
}

/* Whether NAME is a shared dict or list: its touches take its lock. */
static gboolean
is_locked (const GsScenario *sc, const char *name)
{
  for (guint i = 0; i < sc->shared_locked->len; i++)
    if (strcmp (sc->shared_locked->pdata[i], name) == 0)
      return TRUE;
  return FALSE;
}

void
gs_shared_add_overhead (Thread *t, const char *what, const char *name,
                        double seconds)
{
  if (seconds <= 0)
    return;
  if (t->overheads == NULL)
    t->overheads = g_array_new (FALSE, TRUE, sizeof (ThreadWait));
  for (guint i = 0; i < t->overheads->len; i++) {
    ThreadWait *w = &g_array_index (t->overheads, ThreadWait, i);
    if (strcmp (w->what, what) == 0 && g_strcmp0 (w->name, name) == 0) {
      w->seconds += seconds;
      w->count++;
      return;
    }
  }
  ThreadWait n = { g_strdup (what), g_strdup (name), seconds, 1 };
  g_array_append_val (t->overheads, n);
}

char *
gs_shared_overhead_label (const char *what, const char *name)
{
  return name ? g_strdup_printf ("%s %s", what, name) : g_strdup (what);
}

/* The number of touches of S into *TOUCHES (ITERATIONS when S gives none:
 * once an iteration), or -1 without a touching clause. */
static gboolean
touches_of (Thread *t, const GsStmt *s, const GsEnv *env, double iterations,
            double *touches)
{
  Engine *eng = t->proc->eng;
  *touches = -1;
  if (s->name == NULL)
    return TRUE;
  *touches = iterations;
  if (s->e2 == NULL && iterations < 0)
    return gs_engine_fail (eng, s->name_loc, "say how often this code touches "
                           "'%s': python 10ms touching %s 1e5 times", s->name,
                           s->name);
  return s->e2 == NULL ||
         gs_interp_quantity (t, s->e2, env, GS_DIM_COUNT, MAX_ITERATIONS,
                             "the number of touches", touches);
}

gboolean
gs_shared_python (Thread *t, const GsStmt *s, const GsEnv *env,
                  double seconds, double iterations)
{
  Engine *eng = t->proc->eng;
  double touches, allocs = 0;
  if (!touches_of (t, s, env, iterations, &touches))
    return FALSE;
  if (s->allocs && !gs_interp_quantity (t, s->allocs, env, GS_DIM_COUNT,
                                        MAX_ITERATIONS, "the number of objects "
                                        "allocated", &allocs))
    return FALSE;
  const double transfer = eng->costs.cpu_cacheline_transfer;
  const gboolean locked = s->name && is_locked (eng->cfg->sc, s->name);
  const double hold = locked ? eng->costs.python_object_lock : 0;
  const gboolean contended = touches > 0 && (transfer > 0 || hold > 0) &&
                             eng->cfg->runtime->gil == GS_GIL_NONE;
  if (!contended && allocs <= 0) {
    gs_threads_python_cpu (t, seconds, s->loc);
    return TRUE;
  }
  if (contended)
    touchers_add (t->proc, s->name, 1);
  const int n = (int) CLAMP (ceil (seconds / SLICE_S), 1, SLICES_MAX);
  const double think = contended ? seconds / touches : 0;
  gboolean ok = TRUE;
  for (int i = 0; ok && i < n; i++) {
    double extra = 0;
    if (contended) {
      int k = running_touchers (t, s->name);
      extra = locked ? gs_contention_extra_locked (k, touches / n, think,
                                                   transfer, hold)
                     : gs_contention_extra (k, touches / n, think, transfer);
    }
    gs_threads_python_cpu (t, seconds / n + extra, s->loc);
    gs_shared_add_overhead (t, locked ? "object lock" : "contention", s->name,
                            extra);
    if (allocs > 0)
      ok = gs_collector_allocated (t, allocs / n, s->loc);
  }
  if (contended)
    touchers_add (t->proc, s->name, -1);
  return ok;
}
