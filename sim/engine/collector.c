/* collector.c: CPython's cyclic garbage collector in a run: when it runs,
 * and the free-threaded build's stop-the-world pause (models/gc.h). */
#include "engine/internal.h"

#include <simgrid/exec.h>
#include <simgrid/semaphore.h>

#include "engine/exec_wait.h"
#include "engine/trace.h"
#include "gc.h"

/* gc.get_threshold()[0] from CPython 3.13 (700 before) */
#define DEFAULT_THRESHOLD 2000

struct GcProc {
  GsGc m;
  Thread *collector;    /* the thread collecting now, or NULL */
  sg_sem_t stopped;     /* the collector waits here for attached threads */
  sg_sem_t restart;     /* parked threads wait here for the restart */
  int parked;           /* threads waiting on restart */
  GPtrArray *suspended; /* Thread*: their Python execution suspended */
  double since;         /* when the world began to stop */
};

static gboolean
free_threaded (const Engine *eng)
{
  return eng->cfg->runtime->gil == GS_GIL_NONE;
}

/* The collector of T's process, made on the first allocation from the
 * gc line's heap and threshold (of the parameters); NULL after a
 * failure. */
static GcProc *
collector_of (Thread *t)
{
  Proc *p = t->proc;
  if (p->gc)
    return p->gc;
  Engine *eng = p->eng;
  const GsScenario *sc = eng->cfg->sc;
  const GsEnv *env = eng->cfg->globals;
  double heap = 0, threshold = DEFAULT_THRESHOLD;
  if (sc->gc_heap && !gs_interp_quantity (t, sc->gc_heap, env, GS_DIM_COUNT,
                                          MAX_ELEMENTS, "the gc heap", &heap))
    return NULL;
  if (sc->gc_threshold && !gs_interp_whole_number (t, sc->gc_threshold, env,
                                                   1e9, "the gc threshold",
                                                   &threshold))
    return NULL;
  GcProc *g = g_new0 (GcProc, 1);
  gs_gc_init (&g->m, free_threaded (eng), heap, threshold);
  g->stopped = sg_sem_init (0);
  g->restart = sg_sem_init (0);
  g->suspended = g_ptr_array_new ();
  p->gc = g;
  return g;
}

/* T waits, without running, until the collection of its process ends;
 * the time counts as blocked on "gc pause". */
static void
park (Thread *t, GcProc *g, GsLoc loc)
{
  double t0 = gs_engine_now ();
  g->parked++;
  gs_threads_block (t, g->restart, "gc pause", NULL, loc);
  gs_threads_count_blocked (t, t0);
}

/* Stops the world for collector T: suspends the Python code of the other
 * threads of the process (it stops at its next bytecode), and counts
 * those in a native call that keeps their thread state, whom T waits
 * for.  Returns the threads stopped and restarted. */
static int
stop_the_world (Thread *t, GcProc *g, GsLoc loc)
{
  Proc *p = t->proc;
  int natives = 0, others = 0;
  for (guint i = 0; i < p->threads->len; i++) {
    Thread *o = p->threads->pdata[i];
    if (o == t || o->done || o->actor == NULL)
      continue;
    others++;
    if (!o->holds_gil)
      continue;                  /* detached: parks when it attaches */
    if (o->native_attached) {
      natives++;
    } else if (o->python_exec && sg_exec_get_remaining (o->python_exec) > 0) {
      gs_exec_suspend (o->python_exec);
      o->last_what = "gc pause";
      o->last_name = NULL;
      o->last_wait_at = gs_engine_now ();
      GS_TRACE (p->eng, block (p->eng->trace, o, "gc pause", NULL, o->wait_loc));
      g_ptr_array_add (g->suspended, o);
    }
  }
  gs_gc_stop (&g->m, natives);
  if (g->m.phase == GS_GC_STOPPING) {
    /* the last native call to end wakes T (gs_collector_native_end) */
    double t0 = gs_engine_now ();
    gs_threads_block (t, g->stopped, "gc pause", NULL, loc);
    gs_threads_count_blocked (t, t0);
  }
  return others;
}

/* Restarts the world after T's collection: resumes the suspended Python
 * code, wakes the parked threads. */
static void
start_the_world (Thread *t, GcProc *g)
{
  Engine *eng = t->proc->eng;
  for (guint i = 0; i < g->suspended->len; i++) {
    Thread *o = g->suspended->pdata[i];
    gs_threads_count_blocked (o, g->since);
    GS_TRACE (eng, unblock (eng->trace, o, "gc pause"));
    GS_TRACE (eng, cpu (eng->trace, o, TRUE, 1, o->wait_loc));
    gs_exec_resume (o->python_exec);
  }
  g_ptr_array_set_size (g->suspended, 0);
  for (; g->parked > 0; g->parked--)
    sg_sem_release (g->restart);
}

/* One collection by T. */
static void
collect (Thread *t, GcProc *g, GsLoc loc)
{
  Engine *eng = t->proc->eng;
  const double visited = gs_gc_visited (&g->m);
  int threads = 0;
  g->collector = t;
  g->since = gs_engine_now ();
  if (g->m.free_threaded)
    threads = stop_the_world (t, g, loc);
  else
    gs_gc_stop (&g->m, 0);
  double pause = gs_gc_pause (visited, eng->costs.gc_per_object, threads,
                              eng->costs.gc_stop_per_thread);
  gs_threads_native_cpu (t, pause, FALSE);
  gs_shared_add_overhead (t, "gc collection", NULL, pause);
  gs_gc_finish (&g->m);
  if (g->m.free_threaded)
    start_the_world (t, g);
  g->collector = NULL;
}

gboolean
gs_collector_allocated (Thread *t, double objects, GsLoc loc)
{
  GcProc *g = collector_of (t);
  if (g == NULL)
    return FALSE;
  while (objects > 0) {
    double take = MIN (objects, gs_gc_room (&g->m) + 1);
    objects -= take;
    if (gs_gc_allocate (&g->m, take))
      collect (t, g, loc);
    else if (g->m.phase != GS_GC_IDLE)
      gs_collector_safepoint (t, loc);   /* another thread collects */
  }
  return TRUE;
}

void
gs_collector_safepoint (Thread *t, GsLoc loc)
{
  GcProc *g = t->proc->gc;
  if (g == NULL || !g->m.free_threaded || g->m.phase == GS_GC_IDLE ||
      g->collector == t || !t->holds_gil)
    return;
  park (t, g, loc);
}

void
gs_collector_native_end (Thread *t)
{
  t->native_attached = FALSE;
  GcProc *g = t->proc->gc;
  if (g == NULL || g->m.phase != GS_GC_STOPPING || g->collector == t)
    return;
  if (gs_gc_parked (&g->m))
    sg_sem_release (g->stopped);
  park (t, g, t->wait_loc);
}

void
gs_collector_free (Proc *p)
{
  if (p->gc == NULL)
    return;
  sg_sem_destroy (p->gc->stopped);
  sg_sem_destroy (p->gc->restart);
  g_ptr_array_unref (p->gc->suspended);
  g_clear_pointer (&p->gc, g_free);
}
