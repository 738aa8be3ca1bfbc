/* fastpath.c: many GIL holds of pure-Python threads played at once. */
#include "engine/fastpath.h"

#include <float.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/host.h>
#include <simgrid/semaphore.h>

#include "gilbatch.h"
#include "engine/cores.h"
#include "engine/wakeups.h"
#include "engine/vcpu_escape.h"

gboolean
gs_fastpath_enabled (void)
{
  /* on unless GILSIM_FASTPATH=0, or GILSIM_STEP is set to anything but 0 */
  static int on = -1;
  if (on < 0) {
    const char *e = g_getenv ("GILSIM_STEP");
    const char *f = g_getenv ("GILSIM_FASTPATH");
    on = (e == NULL || *e == '\0' || strcmp (e, "0") == 0) &&
         (f == NULL || strcmp (f, "0") != 0);
  }
  return on;
}

/* Whether GILSIM_FPDEBUG asks for a line per batch (fastpath.h). */
static gboolean
debug (void)
{
  static int on = -1;
  if (on < 0)
    on = g_getenv ("GILSIM_FPDEBUG") != NULL;
  return on;
}

/* Whether T's Python statement waits for the GIL at a drop in its code
 * (or was just granted it there, its actor not woken yet). */
static gboolean
python_waiter (const Thread *t)
{
  return t->parked && t->py != NULL && t->py->at_checkpoint &&
         (gs_gil_waiting (t->proc->gil, t->tid) || gs_gil_holder (t->proc->gil) == t->tid);
}

/* Seconds a hold must outlast for the batch to play it: its drop comes one
 * wait period after its grant, after a look or two.  A hold that outlasts
 * it outlasts its first look by more than a quarter of it, so the batch
 * plays at least that look (gilbatch.h); twice this played the same holds
 * with every thread's last four intervals step by step, not two. */
static double
margin (const Engine *eng, const GsGil *gil)
{
  return gs_gil_wait_period (gil) + eng->costs.gil_handoff_latency + eng->poll_interval;
}

/* Whether the run allows T, holding its process's GIL, to play its time
 * at once (fastpath.h): not traced, no drawn sample, the new GIL, one
 * process, no server or asyncio loop; T holds the GIL (no drop asked). */
static gboolean
quiet_run (const Thread *t)
{
  Proc *p = t->proc;
  Engine *eng = p->eng;
  return gs_fastpath_enabled () && eng->trace == NULL && eng->cfg->sample == 0 &&
         eng->cfg->runtime->gil == GS_GIL_NEW && eng->procs->len == 1 && t->loop == NULL &&
         (eng->loops == NULL || eng->loops->len == 0) &&
         (eng->servers == NULL || g_hash_table_size (eng->servers) == 0) &&
         t->holds_gil && gs_gil_holder (p->gil) == t->tid && !gs_gil_drop_requested (p->gil);
}

/* Whether nothing but T's process's Python threads can act until T's
 * process's GIL says so (see fastpath.h). */
static gboolean
can_start (Thread *t)
{
  Proc *p = t->proc;
  Engine *eng = p->eng;
  if (!quiet_run (t) || eng->slowed_running != 0 || !gs_vcpu_escape_batch_ok (t) ||
      gs_gil_n_waiting (p->gil) == 0)
    return FALSE;
  /* early on, SimGrid's clock arithmetic may round where this one does not */
  if (gs_engine_now () < 4 * margin (eng, p->gil))
    return FALSE;
  if ((t->py->work + t->py->extra) / eng->speed <= margin (eng, p->gil))
    return FALSE;
  /* every other thread blocked without a time-out (none woken at this
   * instant, not run yet), and every one that waits for the GIL waits for
   * it alone: in its Python code, or before it (in gs_threads_gil_acquire;
   * the batch stops at a grant to such a thread, as load refuses it) */
  double now = gs_engine_now ();
  return now > eng->stirred_at && now > t->py->since && eng->n_active == 1 &&
         p->n_py_parked + p->n_entry_parked == gs_gil_n_waiting (p->gil);
}

/* A batch's view of the engine: the thread that began it, and the last
 * stretch computed.  Nothing but the GIL's waiters changes while the batch
 * plays (can_start: one process, no other execution), so the stretch is
 * the same for the same number of waiters. */
typedef struct {
  Thread *t;
  guint n_waiting;   /* the waiters STRETCH was computed for, or G_MAXUINT */
  double stretch;
} Run;

/* The holder's share of a core beside its waiters' wake-ups, as
 * gs_threads_python_cpu computes it with its own execution counted. */
static double
stretch (gpointer data)
{
  Run *run = data;
  Thread *t = run->t;
  guint n = gs_gil_n_waiting (t->proc->gil);
  if (n != run->n_waiting) {
    Engine *eng = t->proc->eng;
    eng->slowed_running++;
    run->stretch = gs_wakeups_stretch (t);
    eng->slowed_running--;
    run->n_waiting = n;
  }
  return run->stretch;
}

double
gs_fastpath_landing_timeout (double now, double at)
{
  double to = at - now;
  /* a step at most doubles the clock: SimGrid's now + (at - now) is then at */
  return gs_fastpath_clock_after (now, to) == at ? to : MIN (at, 2 * now) - now;
}

void
gs_fastpath_sleep_until (double at)
{
  while (gs_engine_now () < at)
    sg_actor_sleep_for (gs_fastpath_landing_timeout (gs_engine_now (), at));
}

static gboolean
load (gpointer data, int tid, GsGilBatchThread *out)
{
  Thread *h = ((Run *) data)->t;
  Thread *u = h->proc->threads->pdata[tid];
  if (u != h && !python_waiter (u))
    return FALSE;
  GsGilBatchThread b = { u->py->work, u->py->extra, u->py->pending, u->penalty,
                         u->cpu, u->slow_pos, u->holds_gil, u->core_wait };
  *out = b;
  return TRUE;
}

static void
store (gpointer data, int tid, const GsGilBatchThread *b)
{
  Thread *h = ((Run *) data)->t;
  Thread *u = h->proc->threads->pdata[tid];
  u->py->work = b->work;
  u->py->extra = b->extra;
  /* what a daemon killed now would not have run: as at its last drop (a
   * holder sets it again before its next wait) */
  u->py_unrun = (b->work + b->extra) / h->proc->eng->speed;
  u->py->pending = b->pending;
  u->penalty = b->penalty;
  u->cpu = b->cpu;
  /* a GIL wait keeps the thread's vCPU (vcpu_escape.h): its work in the
   * batch counts since its placement */
  gs_vcpu_escape_advance (u, b->slow_pos - u->slow_pos);
  u->slow_pos = b->slow_pos;
  u->holds_gil = b->holds;
  u->core_wait = b->core_wait;
}

gboolean
gs_fastpath_lone (const Thread *t)
{
  Proc *p = t->proc;
  Engine *eng = p->eng;
  /* nobody wants the GIL, it has no timer, and its controller waits for
   * none (a timed wait of its would change SimGrid's sharing); T's
   * execution is the only one (slowed_running counts it); no other thread
   * runs, none was woken at this instant (not run yet) */
  return gs_gil_n_waiting (p->gil) == 0 && quiet_run (t) && gs_gil_n_actions (p->gil) == 0 &&
         gs_gil_next_event (p->gil) >= DBL_MAX / 2 && p->ctrl_until >= DBL_MAX / 2 &&
         eng->slowed_running == 1 && eng->n_active == 1 && gs_engine_now () > eng->stirred_at;
}

void
gs_fastpath_lone_played (const Thread *t, double from, double to, guint looks)
{
  if (debug ())
    g_printerr ("fastpath: lone %s %.9f -> %.9f looks %u%s\n", t->name, from, to, looks,
                t->daemon ? " daemon" : "");
}

gboolean
gs_fastpath_run (Thread *t, GsLoc loc)
{
  if (!can_start (t))
    return FALSE;
  Proc *p = t->proc;
  Engine *eng = p->eng;
  GsGilBatchConfig cfg = { 0 };
  cfg.speed = eng->speed;
  cfg.rate = sg_host_get_speed (p->host);
  cfg.poll = eng->poll_interval;
  cfg.min_wait = MIN_WAIT;
  cfg.time_eps = TIME_EPS;
  cfg.switch_cost = eng->costs.gil_switch_cost;
  cfg.margin = margin (eng, p->gil);
  /* the cores as the holder's drop finds them, its execution stopped: no
   * other execution runs meanwhile (can_start) */
  cfg.busy = gs_cores_busy (t, &cfg.cores);
  cfg.stretch = stretch;
  cfg.load = load;
  cfg.store = store;
  Run run = { t, G_MAXUINT, 1 };
  cfg.data = &run;
  double at = gs_engine_now ();
  gboolean aborted = FALSE;
  g_autoptr (GArray) wake = g_array_new (FALSE, FALSE, sizeof (GsGilAction));
  guint64 holds = gs_gil_batch_run (p->gil, &cfg, &at, &aborted, wake);
  if (holds == 0)
    return FALSE;
  if (debug ())
    g_printerr ("fastpath: batch %s %.9f -> %.9f holds %lu aborted %d holder %d waiting %u"
                " entry %u\n", t->name, gs_engine_now (), at, (unsigned long) holds,
                aborted, gs_gil_holder (p->gil), gs_gil_n_waiting (p->gil),
                p->n_entry_parked);
  gs_fastpath_sleep_until (at);
  /* the controller sleeps until the GIL's next timer, as after a grant */
  double next = gs_gil_next_event (p->gil);
  if (next < p->ctrl_until - TIME_EPS) {
    p->ctrl_until = next;
    sg_sem_release (p->ctrl_sem);
  }
  /* the last grant's actions, as the engine's controller does them */
  for (guint i = 0; i < wake->len; i++) {
    const GsGilAction *a = &g_array_index (wake, GsGilAction, i);
    Thread *u = p->threads->pdata[a->tid];
    if (a->kind == GS_GIL_GRANT && !u->holds_gil) {
      /* a grant the batch could not play (it stopped there) */
      u->holds_gil = TRUE;
      u->penalty += eng->costs.gil_switch_cost;
    }
    if (a->kind == GS_GIL_RESUME)
      eng->stirred_at = gs_engine_now ();
    if (debug ())
      g_printerr ("fastpath:  %s %s\n", a->kind == GS_GIL_GRANT ? "grant" : "resume", u->name);
    if (u != t)
      sg_sem_release (u->wake);
  }
  if (!t->holds_gil) {
    t->py->at_checkpoint = TRUE;
    gs_threads_block (t, t->wake, "the GIL", NULL, loc);
    t->py->at_checkpoint = FALSE;
  }
  return TRUE;
}
