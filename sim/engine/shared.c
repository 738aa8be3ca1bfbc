/* shared.c: Python code that touches objects other threads touch at the same time. */
#include "engine/internal.h"

#include <math.h>
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

gboolean
gs_shared_python (Thread *t, const GsStmt *s, const GsEnv *env,
                  double seconds, double iterations)
{
  Engine *eng = t->proc->eng;
  double touches = iterations;
  if (s->e2 == NULL && iterations < 0)
    return gs_engine_fail (eng, s->name_loc, "say how often this code touches "
                           "'%s': python 10ms touching %s 1e5 times", s->name,
                           s->name);
  if (s->e2 && !gs_interp_quantity (t, s->e2, env, GS_DIM_COUNT, MAX_ITERATIONS,
                                    "the number of touches", &touches))
    return FALSE;
  const double transfer = eng->costs.cpu_cacheline_transfer;
  if (touches <= 0 || transfer <= 0 || eng->cfg->runtime->gil != GS_GIL_NONE) {
    gs_threads_python_cpu (t, seconds, s->loc);
    return TRUE;
  }
  touchers_add (t->proc, s->name, 1);
  const int n = (int) CLAMP (ceil (seconds / SLICE_S), 1, SLICES_MAX);
  const double think = seconds / touches;
  for (int i = 0; i < n; i++) {
    int k = running_touchers (t, s->name);
    double extra = gs_contention_extra (k, touches / n, think, transfer);
    gs_threads_python_cpu (t, seconds / n + extra, s->loc);
  }
  touchers_add (t->proc, s->name, -1);
  return TRUE;
}
