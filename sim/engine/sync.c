/* sync.c: Python's synchronisation objects as CPython has them:
 * queue.Queue, threading.Event, Condition, Semaphore, BoundedSemaphore,
 * Barrier and RLock, timeouts on Lock.acquire and on join. */
#include "engine/internal.h"
#include "engine/cores.h"

#include <math.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/semaphore.h>

#define MAX_SYNC_COUNT 1e9   /* a maxsize, a semaphore's value, parties */

/* A thread in a Condition.wait (or an rlock's wait), on its stack: a
 * waker takes it off the object's queue, sets WOKEN and releases the
 * thread's T->wake (free while it waits: it has dropped the GIL).  Only
 * the waiter reads it: a run that ends in a deadlock kills the waiters. */
typedef struct {
  Thread *t;
  gboolean woken;
} Waiter;

/* One object of one process.  Queue, Event, Semaphore and Barrier are
 * written in Python over a threading.Condition, as in CPython: a waiter
 * sleeps with the GIL released until a notify, then needs the GIL back and
 * looks again (another thread may have taken the item meanwhile).  RLock
 * and a Condition's own lock (an RLock) are C locks, tried once, then
 * waited for with the GIL released, like threading.Lock (threads.c). */
typedef struct {
  const GsSyncDecl *decl;
  const char *what;       /* its kind, for waits: "queue", "event", ... */
  double count;           /* queue: items; semaphore: its value; event: 1
                             when set; barrier: threads that arrived */
  double limit;           /* queue: maxsize (0: none); bounded semaphore:
                             its initial value; barrier: its parties */
  guint64 round;          /* barrier: rounds completed */
  gboolean broken;        /* barrier: a wait timed out (BrokenBarrierError) */
  GQueue waiters;         /* Waiter*: get, acquire, wait (notified FIFO) */
  GQueue putters;         /* Waiter*: put on a full queue */
  double unfinished;      /* queue: items put and not yet task_done */
  GQueue joiners;         /* Waiter*: Queue.join */
  GPtrArray *joining;     /* Thread*: in Queue.join now (for deadlocks) */
  Thread *owner;          /* rlock, a condition's lock: the holder */
  double depth;           /* its re-entries */
  GsLoc taken_at;
  GQueue lock_waiters;    /* Waiter*: waiting for the rlock */
} Sync;

static const char *const what_names[] = {
  [GS_SYNC_QUEUE] = "queue", [GS_SYNC_EVENT] = "event",
  [GS_SYNC_CONDITION] = "condition", [GS_SYNC_SEMAPHORE] = "semaphore",
  [GS_SYNC_BOUNDED_SEMAPHORE] = "semaphore", [GS_SYNC_BARRIER] = "barrier",
  [GS_SYNC_RLOCK] = "rlock", [GS_SYNC_PROCESS_QUEUE] = "process queue",
  [GS_SYNC_PIPE] = "pipe",
};

static void
sync_free (gpointer data)
{
  Sync *o = data;
  g_queue_clear (&o->waiters);
  g_queue_clear (&o->putters);
  g_queue_clear (&o->joiners);
  g_ptr_array_unref (o->joining);
  g_queue_clear (&o->lock_waiters);
  g_free (o);
}

/* The declared value of D (a whole number from MIN), or DEF without one. */
static gboolean
decl_value (Thread *t, const GsSyncDecl *d, double def, double min,
            const char *what, double *out)
{
  Engine *eng = t->proc->eng;
  *out = def;
  if (d->value == NULL)
    return TRUE;
  GsValue v = { 0 };
  GError *err = NULL;
  if (!gs_eval (eng->file, d->value, eng->cfg->globals, &v, &err))
    return gs_engine_fail_with (eng, err);
  gboolean neg = v.dim == GS_DIM_COUNT && v.num < 0;
  double num = v.num;
  gs_value_clear (&v);
  if (neg && d->kind == GS_SYNC_QUEUE)
    return gs_engine_fail (eng, d->value->loc, "the queue's maxsize must not be "
                           "negative (it is %g); leave it out, or write maxsize 0, "
                           "for a queue without a bound", num);
  if (!gs_interp_whole_number (t, d->value, eng->cfg->globals, MAX_SYNC_COUNT,
                               what, out))
    return FALSE;
  if (*out < min)
    return gs_engine_fail (eng, d->value->loc, "%s must be at least %g (it is %g)",
                           what, min, *out);
  return TRUE;
}

/* The object NAME of T's process, made on first use from its declaration
 * (each process has its own, as with locks); NULL if the run failed. */
static Sync *
sync_get (Thread *t, const char *name)
{
  Proc *p = t->proc;
  if (p->syncs == NULL)
    p->syncs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, sync_free);
  Sync *o = g_hash_table_lookup (p->syncs, name);
  if (o)
    return o;
  const GsSyncDecl *d = gs_scenario_sync (p->eng->cfg->sc, name);
  g_assert (d != NULL);
  double v = 0;
  gboolean ok = d->kind == GS_SYNC_QUEUE ? decl_value (t, d, 0, 0, "the queue's maxsize", &v)
      : d->kind == GS_SYNC_SEMAPHORE || d->kind == GS_SYNC_BOUNDED_SEMAPHORE
          ? decl_value (t, d, 1, 0, "the semaphore's value", &v)
      : d->kind == GS_SYNC_BARRIER ? decl_value (t, d, 1, 1, "the barrier's parties", &v)
      : TRUE;
  if (!ok)
    return NULL;
  o = g_new0 (Sync, 1);
  o->decl = d;
  o->what = what_names[d->kind];
  o->limit = v;
  if (d->kind == GS_SYNC_SEMAPHORE || d->kind == GS_SYNC_BOUNDED_SEMAPHORE)
    o->count = v;
  g_queue_init (&o->waiters);
  g_queue_init (&o->putters);
  g_queue_init (&o->joiners);
  o->joining = g_ptr_array_new ();
  g_queue_init (&o->lock_waiters);
  g_hash_table_insert (p->syncs, d->name, o);
  return o;
}

/* ---------------------------------------------------------------------- */
/* Waiting and waking                                                      */

/* Blocks T, queued as W on Q with its GIL released, until a waker sets
 * W->woken or, with DEADLINE >= 0, until then; a waiter that times out
 * leaves Q.  Returns W->woken. */
static gboolean
block_until (Thread *t, GQueue *q, Waiter *w, double deadline, const char *what,
             const char *name, GsLoc loc)
{
  if (deadline < 0) {
    gs_threads_block (t, t->wake, what, name, loc);
    return TRUE;
  }
  double left = deadline - gs_engine_now ();
  gboolean took = FALSE;
  if (left > 0) {
    t->wait_what = what;
    t->wait_name = name;
    t->wait_loc = loc;
    /* SimGrid reads a zero timeout as none at all */
    took = sg_sem_acquire_timeout (t->wake, MAX (left, MIN_WAIT)) == 0;
  }
  if (w->woken && !took)
    sg_sem_acquire (t->wake);  /* woken at the instant of the timeout: its
                                  token is there already */
  if (!w->woken)
    g_queue_remove (q, w);
  return w->woken;
}

/* Wakes up to N waiters of Q, the longest waiting first (Condition.notify). */
static void
wake (GQueue *q, double n)
{
  for (double k = 0; k < n; k++) {
    Waiter *w = g_queue_pop_head (q);
    if (w == NULL)
      return;
    w->woken = TRUE;
    sg_sem_release (w->t->wake);
  }
}

/* One Condition.wait of T on the waiters Q of O: the GIL released, until a
 * notify or DEADLINE (< 0: none); a notified thread runs the OS's wake-up
 * latency (gil.handoff_latency) later and then needs the GIL back.
 * Returns TRUE if notified. */
static gboolean
cond_wait (Thread *t, Sync *o, GQueue *q, double deadline, GsLoc loc)
{
  Waiter w = { t, FALSE };
  g_queue_push_tail (q, &w);
  double t0 = gs_threads_nogil_begin (t, loc, o->what, o->decl->name);
  if (block_until (t, q, &w, deadline, o->what, o->decl->name, loc) &&
      t->proc->eng->costs.gil_handoff_latency > 0)
    sg_actor_sleep_for (gs_threads_latency (t->proc->eng, gs_cores_wake_latency (t)));
  gs_threads_nogil_end (t, loc, t0);
  return w.woken;
}

/* TRUE once DEADLINE (>= 0) has passed: a timed wait gives up. */
static gboolean
expired (double deadline)
{
  return deadline >= 0 && gs_engine_now () >= deadline - TIME_EPS;
}

/* ---------------------------------------------------------------------- */
/* RLock, and a Condition's lock                                           */

/* RLock.acquire: the owner takes it again at once; a free one is taken at
 * once, whoever waits; else T waits with the GIL released until a release
 * wakes it and, a wake-up latency later, finds it free (or DEADLINE
 * passes).  Returns TRUE if T holds it. */
static gboolean
rlock_acquire (Thread *t, Sync *o, double deadline, GsLoc loc)
{
  if (o->owner == t) {
    o->depth++;
    return TRUE;
  }
  gboolean got = TRUE;
  if (o->owner != NULL) {
    double latency = t->proc->eng->costs.gil_handoff_latency;
    double t0 = gs_threads_nogil_begin (t, loc, o->what, o->decl->name);
    while (o->owner != NULL) {
      Waiter w = { t, FALSE };
      g_queue_push_tail (&o->lock_waiters, &w);
      if (!block_until (t, &o->lock_waiters, &w, deadline, o->what, o->decl->name,
                        loc)) {
        got = FALSE;
        break;
      }
      if (latency > 0)
        sg_actor_sleep_for (gs_threads_latency (t->proc->eng, gs_cores_wake_latency (t)));
    }
    if (got) {
      o->owner = t;
      o->depth = 1;
      o->taken_at = loc;
    }
    gs_threads_nogil_end (t, loc, t0);
    return got;
  }
  o->owner = t;
  o->depth = 1;
  o->taken_at = loc;
  return TRUE;
}

/* Frees O's lock entirely and wakes its longest waiter. */
static void
rlock_free_all (Sync *o)
{
  o->owner = NULL;
  o->depth = 0;
  wake (&o->lock_waiters, 1);
}

static gboolean
rlock_release (Thread *t, Sync *o, GsLoc loc)
{
  if (o->owner != t)
    return gs_engine_fail (t->proc->eng, loc, "%s releases %s '%s', which it does "
                           "not hold (RuntimeError: cannot release un-acquired "
                           "lock); release it in the thread that acquired it",
                           t->name, o->what, o->decl->name);
  if (--o->depth <= 0)
    rlock_free_all (o);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The statements                                                          */

/* Condition.wait or notify without the lock: VERB is "wait" or "notify". */
static gboolean
not_held (Thread *t, Sync *o, const char *verb, GsLoc loc)
{
  return gs_engine_fail (t->proc->eng, loc, "%s calls %s on condition '%s' without "
                         "holding its lock (RuntimeError: cannot %s on un-acquired "
                         "lock); do it inside 'with %s:'", t->name, verb,
                         o->decl->name, verb, o->decl->name);
}

static gboolean
do_queue (Thread *t, Sync *o, const GsStmt *s, double deadline)
{
  gboolean put = s->sync_op == GS_SYNC_PUT || s->sync_op == GS_SYNC_PUT_NOWAIT;
  /* queue.py: with not_full (not_empty): while full (empty): wait */
  for (;;) {
    gboolean ready = put ? (o->limit <= 0 || o->count < o->limit) : o->count >= 1;
    if (ready)
      break;
    if (expired (deadline)) {
      gs_interp_raise (t, put ? GS_EXC_FULL : GS_EXC_EMPTY);
      return TRUE;   /* queue.Full or queue.Empty */
    }
    cond_wait (t, o, put ? &o->putters : &o->waiters, deadline, s->loc);
  }
  o->count += put ? 1 : -1;
  if (put)
    o->unfinished++;
  wake (put ? &o->waiters : &o->putters, 1);
  return TRUE;
}

/* Queue.task_done and Queue.join: join waits until every item put has
 * been marked done. */
static gboolean
do_queue_tasks (Thread *t, Sync *o, const GsStmt *s)
{
  if (s->sync_op == GS_SYNC_TASK_DONE) {
    if (o->unfinished < 1)
      return gs_engine_fail (t->proc->eng, s->loc, "%s calls task_done on queue "
                             "'%s' more often than items were put (ValueError: "
                             "task_done() called too many times); call it once "
                             "per item taken", t->name, o->decl->name);
    if (--o->unfinished < 1)
      wake (&o->joiners, G_MAXDOUBLE);
    return TRUE;
  }
  g_ptr_array_add (o->joining, t);
  while (o->unfinished >= 1)
    cond_wait (t, o, &o->joiners, -1, s->loc);
  g_ptr_array_remove (o->joining, t);
  return TRUE;
}

static gboolean
do_wait (Thread *t, Sync *o, const GsStmt *s, double deadline)
{
  Engine *eng = t->proc->eng;
  switch (o->decl->kind) {
  case GS_SYNC_EVENT:
    /* Event.wait: returns at once when set, else after one notify */
    if (o->count < 1 && !expired (deadline))
      cond_wait (t, o, &o->waiters, deadline, s->loc);
    return TRUE;
  case GS_SYNC_BARRIER: {
    /* the sequential run has a group's threads one after another: they
     * never meet, so a barrier does not hold them */
    eng->sequential_differs = TRUE;
    if (eng->cfg->sequential)
      return TRUE;
    /* a broken barrier raises BrokenBarrierError at once, for good */
    if (o->broken) {
      gs_interp_raise (t, GS_EXC_BROKEN_BARRIER);
      return TRUE;
    }
    if (++o->count >= o->limit) {
      o->count = 0;
      o->round++;
      wake (&o->waiters, G_MAXDOUBLE);
      return TRUE;
    }
    guint64 round = o->round;
    while (o->round == round && !o->broken) {
      if (expired (deadline)) {
        /* Barrier._break(): every waiter gets BrokenBarrierError */
        o->broken = TRUE;
        o->count = 0;
        wake (&o->waiters, G_MAXDOUBLE);
        break;
      }
      cond_wait (t, o, &o->waiters, deadline, s->loc);
    }
    if (o->broken && o->round == round)
      gs_interp_raise (t, GS_EXC_BROKEN_BARRIER);
    return TRUE;
  }
  default: {
    /* Condition.wait: frees the lock, waits, takes the lock back */
    if (o->owner != t)
      return not_held (t, o, "wait", s->loc);
    double depth = o->depth;
    rlock_free_all (o);
    cond_wait (t, o, &o->waiters, deadline, s->loc);
    rlock_acquire (t, o, -1, s->loc);
    o->depth = depth;
    return TRUE;
  }
  }
}

/* acquire and release of a declared threading.Lock, not a sync object. */
static gboolean
do_plain_lock (Thread *t, const GsStmt *s, double deadline)
{
  if (s->sync_op == GS_SYNC_ACQUIRE) {
    gboolean got;
    return gs_threads_lock_acquire_timed (t, s->name, s->loc, deadline, &got);
  }
  Lock *l = g_hash_table_lookup (t->proc->locks, s->name);
  if (l == NULL || l->owner == NULL)
    return gs_engine_fail (t->proc->eng, s->loc, "%s releases lock '%s', which "
                           "nobody holds (RuntimeError: release unlocked lock); "
                           "release a lock once per acquire", t->name, s->name);
  gs_threads_lock_release (t, s->name);
  return TRUE;
}

static gboolean
do_semaphore (Thread *t, Sync *o, const GsStmt *s, double deadline)
{
  if (s->sync_op == GS_SYNC_ACQUIRE) {
    while (o->count < 1) {
      if (expired (deadline))
        return TRUE;
      cond_wait (t, o, &o->waiters, deadline, s->loc);
    }
    o->count--;
    return TRUE;
  }
  if (o->decl->kind == GS_SYNC_BOUNDED_SEMAPHORE && o->count + 1 > o->limit)
    return gs_engine_fail (t->proc->eng, s->loc, "%s releases bounded_semaphore "
                           "'%s' more often than it was acquired (ValueError: "
                           "Semaphore released too many times); release once "
                           "per acquire", t->name, o->decl->name);
  o->count++;
  wake (&o->waiters, 1);
  return TRUE;
}

gboolean
gs_sync_do (Thread *t, const GsStmt *s, const GsEnv *env)
{
  double deadline = -1;
  if (s->e1) {
    double timeout;
    if (!gs_interp_quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                             "the timeout", &timeout))
      return FALSE;
    deadline = gs_engine_now () + timeout;
  }
  const GsSyncDecl *d = gs_scenario_sync (t->proc->eng->cfg->sc, s->name);
  if (d == NULL)
    return do_plain_lock (t, s, deadline);
  if (d->kind == GS_SYNC_PROCESS_QUEUE || d->kind == GS_SYNC_PIPE)
    return gs_ipc_do (t, s, env, d, deadline);
  Sync *o = sync_get (t, s->name);
  if (o == NULL)
    return FALSE;
  switch (s->sync_op) {
  case GS_SYNC_PUT_NOWAIT:
  case GS_SYNC_GET_NOWAIT:
    /* put_nowait, get_nowait: put(block=False), get(block=False) */
    return do_queue (t, o, s, gs_engine_now ());
  case GS_SYNC_PUT:
  case GS_SYNC_GET:
    return do_queue (t, o, s, deadline);
  case GS_SYNC_RECV:
    return TRUE;   /* a pipe's: gs_ipc_do */
  case GS_SYNC_TASK_DONE:
  case GS_SYNC_JOIN:
    return do_queue_tasks (t, o, s);
  case GS_SYNC_SET:
    /* Event.set: with cond: flag = True; cond.notify_all() */
    o->count = 1;
    wake (&o->waiters, G_MAXDOUBLE);
    return TRUE;
  case GS_SYNC_CLEAR:
    o->count = 0;
    return TRUE;
  case GS_SYNC_WAIT:
    return do_wait (t, o, s, deadline);
  case GS_SYNC_NOTIFY:
  case GS_SYNC_NOTIFY_ALL: {
    if (o->owner != t)
      return not_held (t, o, "notify", s->loc);
    double n = s->sync_op == GS_SYNC_NOTIFY_ALL ? G_MAXDOUBLE : 1;
    if (s->e2 && !gs_interp_whole_number (t, s->e2, env, MAX_SYNC_COUNT,
                                          "the number of threads to notify", &n))
      return FALSE;
    wake (&o->waiters, n);
    return TRUE;
  }
  case GS_SYNC_ACQUIRE:
  case GS_SYNC_RELEASE:
    if (o->decl->kind == GS_SYNC_SEMAPHORE || o->decl->kind == GS_SYNC_BOUNDED_SEMAPHORE)
      return do_semaphore (t, o, s, deadline);
    if (s->sync_op == GS_SYNC_ACQUIRE) {
      rlock_acquire (t, o, deadline, s->loc);
      return TRUE;
    }
    return rlock_release (t, o, s->loc);
  }
  return TRUE;
}

gboolean
gs_sync_run_with (Thread *t, const GsStmt *s, const GsEnv *env, GHashTable *groups)
{
  Sync *o = sync_get (t, s->name);
  if (o == NULL)
    return FALSE;
  gboolean sem = o->decl->kind == GS_SYNC_SEMAPHORE ||
                 o->decl->kind == GS_SYNC_BOUNDED_SEMAPHORE;
  if (sem) {
    GsStmt acq = *s;
    acq.sync_op = GS_SYNC_ACQUIRE;
    acq.e1 = NULL;
    if (!do_semaphore (t, o, &acq, -1))
      return FALSE;
  } else {
    rlock_acquire (t, o, -1, s->loc);
  }
  if (!gs_interp_run_body (t, s->body, env, groups))
    return FALSE;
  if (sem) {
    GsStmt rel = *s;
    rel.sync_op = GS_SYNC_RELEASE;
    return do_semaphore (t, o, &rel, -1);
  }
  return rlock_release (t, o, s->loc);
}

/* ---------------------------------------------------------------------- */
/* join with a timeout, deadlocks                                          */

gboolean
gs_sync_join (Thread *t, const GsStmt *s, const GsEnv *env, GPtrArray *members)
{
  double timeout;
  if (!gs_interp_quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                           "the join's timeout", &timeout))
    return FALSE;
  double t0 = -1;
  for (guint i = 0; i < members->len; i++) {
    Thread *w = members->pdata[i];
    if (w->done)
      continue;
    /* for t in group: t.join(timeout): each join waits up to the timeout */
    if (t0 < 0)
      t0 = gs_threads_nogil_begin (t, s->loc, "join", w->name);
    t->wait_name = w->name;
    if (timeout > 0 && sg_sem_acquire_timeout (w->done_sem, MAX (timeout, MIN_WAIT)) == 0)
      sg_sem_release (w->done_sem);   /* leave it for a later join */
  }
  if (t0 >= 0)
    gs_threads_nogil_end (t, s->loc, t0);
  return TRUE;
}

gboolean
gs_sync_describe_deadlock (Engine *eng)
{
  for (guint i = 0; i < eng->threads->len; i++) {
    Thread *t = eng->threads->pdata[i];
    if (t->done || t->wait_what == NULL || t->proc->syncs == NULL)
      continue;
    Sync *o = g_hash_table_lookup (t->proc->syncs, t->wait_name ? t->wait_name : "");
    if (o == NULL || strcmp (o->what, t->wait_what) != 0)
      continue;
    g_autofree char *why = NULL;
    if (o->owner != NULL && o->owner != t)
      why = g_strdup_printf ("held by %s (taken at line %d), which never releases it",
                             o->owner->name, o->taken_at.line);
    else if (o->decl->kind == GS_SYNC_QUEUE && g_ptr_array_find (o->joining, t, NULL))
      why = g_strdup_printf ("it is in join, and no thread calls task_done for "
                             "%g of its items", o->unfinished);
    else if (o->decl->kind == GS_SYNC_QUEUE)
      why = g_strdup (o->count < 1 ? "it stays empty, as no thread puts an item into it"
                                   : "it stays full, as no thread gets an item from it");
    else if (o->decl->kind == GS_SYNC_EVENT)
      why = g_strdup ("no thread sets it");
    else if (o->decl->kind == GS_SYNC_CONDITION)
      why = g_strdup ("no thread notifies it");
    else if (o->decl->kind == GS_SYNC_BARRIER)
      why = g_strdup_printf ("%g of its %g threads arrive", o->count, o->limit);
    else
      why = g_strdup ("no thread releases it");
    gs_engine_fail (eng, t->wait_loc, "deadlock: %s waits for %s '%s' forever: %s",
                    t->name, o->what, o->decl->name, why);
    return TRUE;
  }
  return FALSE;
}
