/* threads.c: a Python thread on SimGrid: processes, threads and their
 * actor, the glue to each process's GIL (models/gil.h), locks.  Their CPU
 * work is threads_cpu.c's. */
#include "engine/internal.h"

#include <float.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/host.h>
#include <simgrid/semaphore.h>

#include "engine/trace.h"
#include "engine/cores.h"
#include "engine/vcpu_escape.h"

/* ---------------------------------------------------------------------- */
/* Waiting                                                                 */

/* Whether WHAT is a wait for the GIL, counted as GIL wait, not blocked. */
static gboolean
is_gil_wait (const char *what)
{
  return what && (strcmp (what, "the GIL") == 0 || strcmp (what, "a GIL switch") == 0);
}

/* Notes that T begins to wait on WHAT and NAME now, for
 * gs_threads_count_blocked. */
static void
note_wait (Thread *t, const char *what, const char *name)
{
  if (what == NULL || is_gil_wait (what))
    return;
  t->last_what = what;
  t->last_name = name;
  t->last_wait_at = gs_engine_now ();
}

/* waits a thread keeps in a list before it indexes them by hash */
#define WAITS_SCANNED 8

static char *
wait_key (const char *what, const char *name)
{
  return g_strconcat (what, "\x1f", name ? name : "\x1e", NULL);
}

/* 1 + the index of T's wait on WHAT NAME in t->waits, or 0 */
static guint
find_wait (Thread *t, const char *what, const char *name)
{
  if (t->wait_index) {
    g_autofree char *key = wait_key (what, name);
    return GPOINTER_TO_UINT (g_hash_table_lookup (t->wait_index, key));
  }
  for (guint i = 0; i < t->waits->len; i++) {
    const ThreadWait *w = &g_array_index (t->waits, ThreadWait, i);
    if (strcmp (w->what, what) == 0 && g_strcmp0 (w->name, name) == 0)
      return i + 1;
  }
  return 0;
}

void
gs_threads_count_blocked (Thread *t, double t0)
{
  double dt = gs_engine_now () - t0;
  t->blocked += dt;
  if (dt <= 0)
    return;
  gboolean known = t->last_what && t->last_wait_at >= t0;
  const char *what = known ? t->last_what : "other";
  const char *name = known ? t->last_name : NULL;
  if (t->waits == NULL)
    t->waits = g_array_new (FALSE, TRUE, sizeof (ThreadWait));
  /* by hash beyond a few: a main thread that starts thousands of threads
   * waits on each */
  guint at = find_wait (t, what, name);
  if (at == 0) {
    ThreadWait n = { g_strdup (what), g_strdup (name), 0, 0 };
    g_array_append_val (t->waits, n);
    at = t->waits->len;
    if (t->wait_index == NULL && t->waits->len > WAITS_SCANNED) {
      t->wait_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < t->waits->len; i++) {
        const ThreadWait *w = &g_array_index (t->waits, ThreadWait, i);
        g_hash_table_insert (t->wait_index, wait_key (w->what, w->name),
                             GUINT_TO_POINTER (i + 1));
      }
    } else if (t->wait_index) {
      g_hash_table_insert (t->wait_index, wait_key (what, name), GUINT_TO_POINTER (at));
    }
  }
  ThreadWait *w = &g_array_index (t->waits, ThreadWait, at - 1);
  w->seconds += dt;
  w->count++;
}

char *
gs_threads_wait_label (const char *what, const char *name)
{
  /* kinds whose object is the wait itself, or the many workers of one
   * statement: one entry each */
  static const char *const bare[][2] = {
    { "sleep", "sleep" }, { "join", "join" }, { "the start of", "thread start" },
    { "its turn after", "its turn" }, { "the pool worker", "pool" },
    { "the pool's task handler", "pool" }, { "the pool's result handler", "pool" },
    { "other", "other" },
  };
  static const char *const named[][2] = {
    { "a reply from server", "server" }, { "a transfer to server", "transfer" },
    { "a transfer from server", "transfer" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bare); i++)
    if (strcmp (what, bare[i][0]) == 0)
      return g_strdup (bare[i][1]);
  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    if (strcmp (what, named[i][0]) == 0)
      what = named[i][1];
  return name ? g_strdup_printf ("%s %s", what, name) : g_strdup (what);
}

void
gs_threads_block (Thread *t, sg_sem_t sem, const char *what, const char *name,
                  GsLoc loc)
{
  t->wait_what = what;
  t->wait_name = name;
  t->wait_loc = loc;
  note_wait (t, what, name);
  GS_TRACE (t->proc->eng, block (t->proc->eng->trace, t, what, name, loc));
  /* counted for the fast path (fastpath.h): a wait for the GIL in the
   * middle of its `python` statement, or one before it (a batch stops at a
   * grant to that thread: gilbatch.h) */
  gboolean py = t->py != NULL && t->py->at_checkpoint;
  gboolean entry = !py && what != NULL && strcmp (what, "the GIL") == 0;
  t->parked = TRUE;
  t->proc->n_py_parked += py;
  t->proc->n_entry_parked += entry;
  t->proc->eng->stirred_at = gs_engine_now ();
  t->proc->eng->n_active--;
  double t0 = gs_engine_now ();
  sg_sem_acquire (sem);
  if (!is_gil_wait (what))
    gs_vcpu_escape_woke (t, t0);   /* its vCPU may have halted */
  t->proc->n_py_parked -= py;
  t->proc->n_entry_parked -= entry;
  t->proc->eng->n_active++;
  t->parked = FALSE;
  t->wait_what = NULL;
  GS_TRACE (t->proc->eng, unblock (t->proc->eng->trace, t, what));
}

double
gs_threads_nogil_begin (Thread *t, GsLoc loc, const char *what, const char *name)
{
  gs_cores_before_release (t, FALSE);  /* it blocks */
  /* a release that must wait for the switch it asked for (the old GIL,
   * a forced switch) waits for the GIL first: its blocked time and its
   * slice begin once the GIL is gone, so that nothing is counted twice */
  gs_threads_gil_release (t, loc);
  double t0 = gs_engine_now ();
  note_wait (t, what, name);
  GS_TRACE (t->proc->eng, nogil (t->proc->eng->trace, t, what, name, loc));
  t->wait_what = what;
  t->wait_name = name;
  t->wait_loc = loc;
  return t0;
}

void
gs_threads_nogil_end (Thread *t, GsLoc loc, double t0)
{
  t->wait_what = NULL;
  gs_threads_count_blocked (t, t0);
  gs_vcpu_escape_woke (t, t0);   /* its vCPU may have halted */
  gs_threads_gil_acquire (t, loc);
}

/* ---------------------------------------------------------------------- */
/* The GIL                                                                 */

static void
notify_controller (Proc *p)
{
  double next = gs_gil_next_event (p->gil);
  if (next < p->ctrl_until - TIME_EPS) {
    p->ctrl_until = next;
    sg_sem_release (p->ctrl_sem);
  }
}

void
gs_threads_process_actions (Proc *p)
{
  GsGilAction a;
  while (gs_gil_pop_action (p->gil, &a)) {
    Thread *t = p->threads->pdata[a.tid];
    switch (a.kind) {
    case GS_GIL_GRANT:
      t->holds_gil = TRUE;
      GS_TRACE (p->eng, holder (p->eng->trace, p, t));
      t->penalty += p->eng->costs.gil_switch_cost;
      sg_sem_release (t->wake);
      break;
    case GS_GIL_RESUME:
      p->eng->stirred_at = gs_engine_now ();
      sg_sem_release (t->wake);
      break;
    case GS_GIL_INTERRUPT:
      GS_TRACE (p->eng, instant (p->eng->trace, p, "drop request", t));
      /* a drop request for the holder: a thread in Python code polls the
       * GIL's timers and sees it (gs_threads_python_cpu), one inside a
       * native call that keeps the GIL drops at its next check point
       * (gs_threads_checkpoint) */
      break;
    }
  }
}

void
gs_threads_gil_acquire (Thread *t, GsLoc loc)
{
  Proc *p = t->proc;
  if (t->loop && t->yielded)
    gs_tasks_resume (t, loc);   /* an asyncio task: its loop first */
  if (t->holds_gil)
    return;
  gboolean got = gs_gil_request (p->gil, t->tid, gs_engine_now ());
  gs_threads_process_actions (p);
  notify_controller (p);
  if (got) {
    t->holds_gil = TRUE;
    GS_TRACE (p->eng, holder (p->eng->trace, p, t));
    GS_TRACE (p->eng, gil (p->eng->trace, t, TRUE));
    gs_collector_safepoint (t, loc);   /* attaching while the world stops */
    return;
  }
  gs_threads_block (t, t->wake, "the GIL", NULL, loc);
  g_assert (t->holds_gil);
}

void
gs_threads_gil_release (Thread *t, GsLoc loc)
{
  Proc *p = t->proc;
  if (!t->holds_gil)
    return;
  t->holds_gil = FALSE;
  GS_TRACE (p->eng, holder (p->eng->trace, p, NULL));
  GS_TRACE (p->eng, gil (p->eng->trace, t, FALSE));
  GsGilDropResult r = gs_gil_release (p->gil, t->tid, gs_engine_now (), FALSE);
  gs_threads_process_actions (p);
  notify_controller (p);
  if (r == GS_GIL_MUST_WAIT)
    GS_TRACE (p->eng, instant (p->eng->trace, p, "forced switch", t));
  if (r == GS_GIL_MUST_WAIT)
    gs_threads_block (t, t->wake, "a GIL switch", NULL, loc);
  if (t->loop && t->awaiting && !t->yielded)
    gs_tasks_yield (t);         /* an awaiting asyncio task lets its loop go */
}

void
gs_threads_checkpoint (Thread *t, GsLoc loc)
{
  Proc *p = t->proc;
  if (!t->holds_gil || !gs_gil_drop_requested (p->gil) ||
      gs_gil_holder (p->gil) != t->tid)
    return;
  gs_cores_before_release (t, FALSE);  /* it blocks until the switch */
  t->holds_gil = FALSE;
  GS_TRACE (p->eng, holder (p->eng->trace, p, NULL));
  GS_TRACE (p->eng, instant (p->eng->trace, p, "forced switch", t));
  gs_gil_release (p->gil, t->tid, gs_engine_now (), TRUE);
  gs_threads_process_actions (p);
  notify_controller (p);
  if (!t->holds_gil)
    gs_threads_block (t, t->wake, "the GIL", NULL, loc);
}

void
gs_threads_boundary (Thread *t, GsLoc loc)
{
  GS_TRACE (t->proc->eng, statement (t->proc->eng->trace, t, loc));
  if (!t->holds_gil)
    return;
  Proc *p = t->proc;
  gs_gil_advance (p->gil, gs_engine_now () + TIME_EPS);
  gs_threads_process_actions (p);
  gs_threads_checkpoint (t, loc);
}

static void
controller_actor (int argc, char **argv)
{
  Proc *p = sg_actor_self_get_data ();
  for (;;) {
    gs_gil_advance (p->gil, gs_engine_now () + TIME_EPS);
    gs_threads_process_actions (p);
    double next = gs_gil_next_event (p->gil);
    p->ctrl_until = next;
    if (next >= DBL_MAX / 2) {
      sg_sem_acquire (p->ctrl_sem);
    } else {
      /* SimGrid reads a zero timeout as none at all: wait a nanosecond */
      sg_sem_acquire_timeout (p->ctrl_sem, MAX (next - gs_engine_now (), MIN_WAIT));
    }
  }
}

/* ---------------------------------------------------------------------- */
/* Locks                                                                   */

static Lock *
lock_get (Proc *p, const char *name)
{
  Lock *l = g_hash_table_lookup (p->locks, name);
  if (l == NULL) {
    l = g_new0 (Lock, 1);
    l->name = g_strdup (name);
    g_queue_init (&l->waiters);
    g_hash_table_insert (p->locks, l->name, l);
  }
  return l;
}

gboolean
gs_threads_lock_acquire (Thread *t, const char *name, GsLoc loc)
{
  gboolean got;
  return gs_threads_lock_acquire_timed (t, name, loc, -1, &got);
}

/* Waits on T->wake, T being queued on L, until a release wakes it or
 * DEADLINE passes; TRUE if woken.  A release that dequeued T at the instant
 * of the timeout has left its token in T->wake: take it. */
static gboolean
lock_wait_until (Thread *t, Lock *l, double deadline, GsLoc loc)
{
  double left = deadline - gs_engine_now ();
  if (left > 0) {
    t->wait_what = "lock";
    t->wait_name = l->name;
    t->wait_loc = loc;
    if (sg_sem_acquire_timeout (t->wake, MAX (left, MIN_WAIT)) == 0)
      return TRUE;
  }
  if (g_queue_remove (&l->waiters, t))
    return FALSE;
  sg_sem_acquire (t->wake);
  return TRUE;
}

gboolean
gs_threads_lock_acquire_timed (Thread *t, const char *name, GsLoc loc,
                               double deadline, gboolean *got)
{
  Lock *l = lock_get (t->proc, name);
  *got = FALSE;
  if (l->owner == t && deadline < 0)
    return gs_engine_fail (t->proc->eng, loc, "deadlock: %s takes lock '%s' that "
                           "it already holds (taken at line %d); a threading.Lock "
                           "is not re-entrant", t->name, name, l->taken_at.line);
  if (l->owner != NULL) {
    /* taken: wait with the GIL released.  A release wakes the longest
     * waiter, which runs the OS's wake-up latency later and takes the lock
     * if it is still free; a thread that asks for it meanwhile (the one
     * that released it, running on with the GIL) takes it first, and the
     * woken one waits again, as with CPython's semaphore-based Lock */
    gboolean had = t->holds_gil;
    double latency = t->proc->eng->costs.gil_handoff_latency;
    double t0 = gs_threads_nogil_begin (t, loc, "lock", l->name);
    while (l->owner != NULL) {
      g_queue_push_tail (&l->waiters, t);
      if (deadline < 0)
        gs_threads_block (t, t->wake, "lock", l->name, loc);
      else if (!lock_wait_until (t, l, deadline, loc))
        break;
      if (latency > 0)
        sg_actor_sleep_for (gs_threads_latency (t->proc->eng, gs_cores_wake_latency (t)));
    }
    t->wait_what = NULL;
    gs_threads_count_blocked (t, t0);
    if (l->owner == NULL) {
      l->owner = t;
      l->taken_at = loc;
      *got = TRUE;
    }
    if (had)
      gs_threads_gil_acquire (t, loc);
    return TRUE;
  }
  l->owner = t;
  l->taken_at = loc;
  *got = TRUE;
  return TRUE;
}

void
gs_threads_lock_release (Thread *t, const char *name)
{
  Lock *l = lock_get (t->proc, name);
  g_assert (l->owner != NULL);  /* any thread may release a threading.Lock */
  l->owner = NULL;
  Thread *w = g_queue_pop_head (&l->waiters);
  if (w)
    sg_sem_release (w->wake);
}

/* ---------------------------------------------------------------------- */
/* Processes and threads                                                   */

static void thread_actor (int argc, char **argv);

const char *
gs_threads_default_method (Engine *eng)
{
  const char *os = g_hash_table_lookup (eng->cfg->host->props, "python.os");
  if (os && (g_ascii_strcasecmp (os, "darwin") == 0 || g_ascii_strcasecmp (os, "macos") == 0 ||
             g_ascii_strcasecmp (os, "windows") == 0 || g_ascii_strcasecmp (os, "win32") == 0))
    return "spawn";
  return eng->cfg->runtime->start_method;
}

static void
lock_free (gpointer data)
{
  Lock *l = data;
  g_free (l->name);
  g_queue_clear (&l->waiters);
  g_free (l);
}

Proc *
gs_threads_proc_new (Engine *eng, const char *name)
{
  Proc *p = g_new0 (Proc, 1);
  p->eng = eng;
  p->name = g_strdup (name);
  p->host = sg_host_by_name (eng->cfg->host->id);
  GsGilConfig gc = { 0 };
  gc.kind = eng->cfg->runtime->gil;
  gc.switch_interval = gc.kind == GS_GIL_OLD ? eng->old_check_s
                                             : eng->cfg->switch_interval;
  gc.handoff_latency = eng->costs.gil_handoff_latency;
  /* the old GIL's winner of a battle is a waiter already awake and racing
   * for the lock: it takes over at once */
  if (gc.kind == GS_GIL_OLD)
    gc.handoff_latency = 0;
  gc.fifo_bias = eng->costs.gil_fifo_bias;
  gc.old_rewin = eng->costs.gil_old_rewin;
  gc.seed = 0x9e3779b9u + eng->procs->len;
  gc.timer_slack = eng->costs.os_timer_slack;
  gc.idle_poll = eng->costs.os_idle_poll;
  gc.wakeup_cost = eng->costs.gil_wakeup_cost;
  if (eng->cfg->sample) {  /* a drawn sample: its own choices and latencies */
    gc.seed ^= (guint32) gs_random_child_key (eng->cfg->seed, eng->cfg->sample);
    gc.draw_latency = TRUE;
  }
  p->gil = gs_gil_new (&gc);
  p->threads = g_ptr_array_new ();
  p->ctrl_sem = sg_sem_init (0);
  p->ctrl_until = DBL_MAX;
  p->locks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, lock_free);
  g_ptr_array_add (eng->procs, p);
  if (gc.kind != GS_GIL_NONE) {
    g_autofree char *cname = g_strdup_printf ("%s:gil", name);
    sg_actor_t c = sg_actor_init (cname, p->host);
    sg_actor_set_data (c, p);
    sg_actor_start (c, controller_actor, 0, NULL);
    sg_actor_daemonize (c);
  }
  return p;
}

void
gs_threads_proc_free (gpointer data)
{
  Proc *p = data;
  g_free (p->name);
  gs_gil_free (p->gil);
  g_ptr_array_unref (p->threads);
  sg_sem_destroy (p->ctrl_sem);
  g_hash_table_unref (p->locks);
  if (p->syncs)
    g_hash_table_unref (p->syncs);
  if (p->shared)
    g_hash_table_unref (p->shared);
  gs_collector_free (p);
  g_free (p);
}

Thread *
gs_threads_new (Proc *p, const char *name, const char *kind, const GsFunc *func,
                GsValue *args)
{
  Engine *eng = p->eng;
  Thread *t = g_new0 (Thread, 1);
  t->proc = p;
  t->name = g_strdup (name);
  t->kind = kind;
  t->func = func;
  t->args = args;
  if (func) {
    t->frame.parent = eng->cfg->globals;
    t->frame.n = func->params->len;
    t->frame.names = (const char *const *) func->params->pdata;
    t->frame.values = args;
  } else {
    t->frame = *eng->cfg->globals;
  }
  t->wake = sg_sem_init (0);
  t->done_sem = sg_sem_init (0);
  t->py_running_since = -1;
  t->started_sem = sg_sem_init (0);
  t->finished_sem = sg_sem_init (0);
  t->tid = gs_gil_add_thread (p->gil);
  p->n_live++;
  g_ptr_array_add (p->threads, t);
  g_ptr_array_add (eng->threads, t);
  return t;
}

void
gs_threads_free (gpointer data)
{
  Thread *t = data;
  g_free (t->name);
  if (t->args && t->func)
    for (guint i = 0; i < t->func->params->len; i++)
      gs_value_clear (&t->args[i]);
  g_free (t->args);
  sg_sem_destroy (t->wake);
  sg_sem_destroy (t->done_sem);
  sg_sem_destroy (t->started_sem);
  sg_sem_destroy (t->finished_sem);
  for (guint i = 0; t->waits && i < t->waits->len; i++) {
    ThreadWait *w = &g_array_index (t->waits, ThreadWait, i);
    g_free (w->what);
    g_free (w->name);
  }
  if (t->waits)
    g_array_unref (t->waits);
  for (guint i = 0; t->overheads && i < t->overheads->len; i++) {
    ThreadWait *w = &g_array_index (t->overheads, ThreadWait, i);
    g_free (w->what);
    g_free (w->name);
  }
  if (t->overheads)
    g_array_unref (t->overheads);
  if (t->wait_index)
    g_hash_table_unref (t->wait_index);
  g_free (t);
}

double
gs_threads_latency (Engine *eng, double mean)
{
  return gs_noise_latency (eng->cfg->seed, eng->cfg->sample, eng->noise_draws++, mean);
}

void
gs_threads_seed (Thread *child, Thread *parent)
{
  child->key = parent ? gs_random_child_key (parent->key, ++parent->children)
                      : child->proc->eng->cfg->seed;
  gs_random_init (&child->rng, child->key);
  child->draws = &child->rng;
}

GsRandom *
gs_threads_random (void)
{
  sg_actor_t a = sg_actor_self ();
  Thread *t = a ? sg_actor_get_data (a) : NULL;
  return t ? t->draws : NULL;
}

gboolean
gs_threads_cold_start (Proc *p)
{
  double now = gs_engine_now ();
  gboolean cold = !p->started_any || now - p->last_start > p->eng->costs.os_idle_poll;
  p->started_any = TRUE;
  p->last_start = now;
  return cold;
}

void
gs_threads_launch (Thread *t)
{
  t->actor = sg_actor_init (t->name, t->proc->host);
  t->proc->eng->n_active++;
  t->proc->eng->stirred_at = gs_engine_now ();
  sg_actor_set_data (t->actor, t);
  sg_actor_start (t->actor, thread_actor, 0, NULL);
}

/* A new process's start-up or exit that is mostly the kernel's work
 * (fork, forkserver): T waits SECONDS, counted as blocked on WHAT. */
static void
child_wait (Thread *t, double seconds, const char *what)
{
  Engine *eng = t->proc->eng;
  GsLoc here = { 0, 0 };
  double t0 = gs_engine_now ();
  note_wait (t, what, NULL);
  GS_TRACE (eng, block (eng->trace, t, what, NULL, here));
  sg_actor_sleep_for (seconds);
  GS_TRACE (eng, unblock (eng->trace, t, what));
  gs_threads_count_blocked (t, t0);
}

static void
thread_actor (int argc, char **argv)
{
  Thread *t = sg_actor_self_get_data ();
  Engine *eng = t->proc->eng;
  t->start = gs_engine_now ();
  GS_TRACE (eng, thread_start (eng->trace, t));
  if (t->child_start > 0) {
    /* a new process: fork's copy, or spawn's fresh interpreter and imports */
    if (t->child_cpu)
      gs_threads_start_cpu (t, t->child_start);
    else
      child_wait (t, t->child_start, "process start-up");
  }
  if (t->is_main)
    gs_threads_start_cpu (t, eng->startup);
  GsLoc loc = { 1, 1 };
  if (t->after) {
    /* its turn comes when its predecessor ends; Thread.start() returns */
    sg_sem_release (t->started_sem);
    double t0 = gs_engine_now ();
    gs_threads_block (t, t->after->finished_sem, "its turn after", t->after->name,
                      loc);
    gs_threads_count_blocked (t, t0);
  }
  if (t->cold_start && eng->costs.thread_first > 0)
    /* its vCPU halted and wakes (gs_threads_cold_start); Thread.start()
     * waits for this too: it returns once the thread has run (its
     * _started event) */
    child_wait (t, gs_threads_latency (eng, eng->costs.thread_first),
                "its vCPU's wake-up");
  gs_threads_gil_acquire (t, loc);
  if (t->after == NULL)
    sg_sem_release (t->started_sem);
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);
  gboolean ok = t->feeder ? gs_ipc_feeder_work (t)
              : t->pool ? gs_resources_pool_work (t)
                       : gs_interp_run_body (t, t->func ? t->func->body
                                                        : eng->cfg->sc->main,
                                             &t->frame, groups);
  g_hash_table_unref (groups);
  if (ok && t == t->proc->threads->pdata[0])
    gs_ipc_process_exit (t);
  if (ok) {
    gs_cores_before_release (t, t->child_cpu && t->child_exit > 0);
    gs_threads_gil_release (t, loc);
    if (t->loop)
      gs_tasks_end (t);
    if (t->child_exit > 0)
      GS_TRACE (eng, exit (eng->trace, t));
    if (t->child_cpu)
      gs_threads_native_cpu (t, t->child_exit, FALSE);
    else if (t->child_exit > 0)
      child_wait (t, t->child_exit, "process exit");
    t->end = gs_engine_now ();
    GS_TRACE (eng, thread_end (eng->trace, t));
    t->done = TRUE;
    eng->n_active--;
    eng->stirred_at = gs_engine_now ();
    t->proc->n_live--;
    sg_sem_release (t->done_sem);
    sg_sem_release (t->finished_sem);
    if (t->successor != NULL)
      gs_threads_launch (t->successor);
  }
}
