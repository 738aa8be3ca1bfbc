/* ipc.c: what passes between processes: multiprocessing.Queue (with the
 * feeder thread CPython starts in each process that puts) and
 * multiprocessing.Pipe, pickled at pickle.per_byte and carried at
 * pipe.bandwidth through one pipe at a time. */
#include "engine/internal.h"

#include <math.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/semaphore.h>

/* A pipe holds 64 KiB (Linux): a message that fits is written and the
 * writer goes on; a bigger one is written only as the reader reads it, so
 * the writer waits for a reader. */
#define PIPE_BUFFER 65536.0

/* One message in a pipe: its pickled size; DONE (a bigger message than
 * the pipe holds) is released once a reader has read it all, or NULL. */
typedef struct {
  double bytes;
  sg_sem_t done;
} Msg;

/* A thread waiting for a message, or for a free slot of a queue. */
typedef struct {
  Thread *t;
  gboolean woken;
} IpcWaiter;

typedef struct Chan Chan;

/* The feeder thread of one process for one queue: put appends to BUF and
 * returns; the feeder pickles each item and writes it into the pipe. */
struct IpcFeeder {
  Chan *chan;
  Proc *proc;
  Thread *thread;
  GQueue buf;            /* Msg*, not yet pickled */
  gboolean closing;      /* its process is ending: flush, then end */
  GsLoc put_loc;         /* the put that started it */
  IpcWaiter *idle;       /* the feeder waiting for an item, or NULL */
};

/* A multiprocessing.Queue or the pipe of a multiprocessing.Pipe, shared by
 * every process (the engine's, made on first use). */
struct Chan {
  const GsSyncDecl *decl;
  const char *what;      /* "process queue" or "pipe" */
  GQueue msgs;           /* Msg*: in the pipe, in order */
  GQueue readers;        /* IpcWaiter*: get and recv waiting for a message */
  double limit;          /* a queue's maxsize (0: none) */
  double used;           /* items put and not yet taken */
  GQueue putters;        /* IpcWaiter*: put waiting for a free slot */
  sg_sem_t wire;         /* the pipe: one message crosses at a time */
  GPtrArray *feeders;    /* IpcFeeder*, one per process that put */
};

static void
chan_free (gpointer data)
{
  Chan *c = data;
  Msg *m;
  while ((m = g_queue_pop_head (&c->msgs)) != NULL) {
    if (m->done)
      sg_sem_destroy (m->done);
    g_free (m);
  }
  for (guint i = 0; i < c->feeders->len; i++) {
    IpcFeeder *f = c->feeders->pdata[i];
    g_queue_clear_full (&f->buf, g_free);
    g_free (f);
  }
  g_ptr_array_unref (c->feeders);
  g_queue_clear (&c->readers);
  g_queue_clear (&c->putters);
  sg_sem_destroy (c->wire);
  g_free (c);
}

void
gs_ipc_free (Engine *eng)
{
  g_clear_pointer (&eng->ipc, g_hash_table_unref);
}

/* The queue or pipe D, made on first use; NULL if the run failed. */
static Chan *
chan_get (Thread *t, const GsSyncDecl *d)
{
  Engine *eng = t->proc->eng;
  if (eng->ipc == NULL)
    eng->ipc = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, chan_free);
  Chan *c = g_hash_table_lookup (eng->ipc, d->name);
  if (c)
    return c;
  double limit = 0;
  if (d->value) {
    if (!gs_interp_whole_number (t, d->value, eng->cfg->globals, 1e9,
                                 "the queue's maxsize", &limit))
      return NULL;
    if (limit < 0)
      return gs_engine_fail (eng, d->value->loc, "the queue's maxsize must not be "
                             "negative (it is %g); leave it out, or write maxsize "
                             "0, for a queue without a bound", limit), NULL;
  }
  c = g_new0 (Chan, 1);
  c->decl = d;
  c->what = d->kind == GS_SYNC_PIPE ? "pipe" : "process queue";
  c->limit = limit;
  c->wire = sg_sem_init (1);
  c->feeders = g_ptr_array_new ();
  g_hash_table_insert (eng->ipc, d->name, c);
  return c;
}

/* ---------------------------------------------------------------------- */
/* Waiting                                                                 */

/* Blocks T (its GIL already released) as W on Q until a waker sets
 * W->woken or, with DEADLINE >= 0, until then, on the object C.  A
 * waiter that times out leaves Q.  Returns W->woken. */
static gboolean
wait_on (Thread *t, Chan *c, GQueue *q, double deadline, GsLoc loc)
{
  IpcWaiter w = { t, FALSE };
  g_queue_push_tail (q, &w);
  if (deadline < 0) {
    gs_threads_block (t, t->wake, c->what, c->decl->name, loc);
    return TRUE;
  }
  double left = deadline - gs_engine_now ();
  gboolean took = FALSE;
  if (left > 0) {
    t->wait_what = c->what;
    t->wait_name = c->decl->name;
    t->wait_loc = loc;
    took = sg_sem_acquire_timeout (t->wake, MAX (left, MIN_WAIT)) == 0;
    t->wait_what = NULL;
  }
  if (w.woken && !took)
    sg_sem_acquire (t->wake);
  if (!w.woken)
    g_queue_remove (q, &w);
  return w.woken;
}

/* Wakes the longest waiter of Q, if any. */
static void
wake_one (GQueue *q)
{
  IpcWaiter *w = g_queue_pop_head (q);
  if (w) {
    w->woken = TRUE;
    sg_sem_release (w->t->wake);
  }
}

/* TRUE once DEADLINE (>= 0) has passed. */
static gboolean
expired (double deadline)
{
  return deadline >= 0 && gs_engine_now () >= deadline - TIME_EPS;
}

/* ---------------------------------------------------------------------- */
/* The pipe                                                                */

/* Writes M into C's pipe, T's GIL released: a message the pipe holds
 * crosses it at pipe.bandwidth (one at a time) and the writer goes on; a
 * bigger one waits until a reader has read it. */
static void
pipe_write (Thread *t, Chan *c, Msg *m, GsLoc loc)
{
  Engine *eng = t->proc->eng;
  if (m->bytes > PIPE_BUFFER) {
    m->done = sg_sem_init (0);
    sg_sem_t done = m->done;
    g_queue_push_tail (&c->msgs, m);
    wake_one (&c->readers);
    gs_threads_block (t, done, c->decl->kind == GS_SYNC_PIPE ? "a reader of pipe"
                                 : "a reader of process queue", c->decl->name, loc);
    sg_sem_destroy (done);
    return;
  }
  gs_threads_block (t, c->wire, c->what, c->decl->name, loc);
  if (m->bytes > 0)
    sg_actor_sleep_for (m->bytes / eng->costs.pipe_bandwidth);
  sg_sem_release (c->wire);
  g_queue_push_tail (&c->msgs, m);
  wake_one (&c->readers);
}

/* Takes the next message of C for T (GIL released) and returns its size,
 * reading a big one from the pipe as its writer writes it; or -1 when
 * DEADLINE passes first. */
static double
pipe_read (Thread *t, Chan *c, double deadline, GsLoc loc)
{
  Engine *eng = t->proc->eng;
  while (g_queue_is_empty (&c->msgs)) {
    if (expired (deadline) || !wait_on (t, c, &c->readers, deadline, loc))
      return -1;
    if (eng->costs.gil_handoff_latency > 0)
      sg_actor_sleep_for (eng->costs.gil_handoff_latency);
  }
  Msg *m = g_queue_pop_head (&c->msgs);
  double bytes = m->bytes;
  if (m->done) {
    gs_threads_block (t, c->wire, c->what, c->decl->name, loc);
    sg_actor_sleep_for (bytes / eng->costs.pipe_bandwidth);
    sg_sem_release (c->wire);
    sg_sem_release (m->done);
  }
  g_free (m);
  /* another reader may take the next one */
  if (!g_queue_is_empty (&c->msgs))
    wake_one (&c->readers);
  return bytes;
}

/* ---------------------------------------------------------------------- */
/* The feeder thread                                                       */

/* The feeder of T's process for queue C, started (as Queue.put starts it,
 * Thread.start() waiting until it runs) on the first put. */
static IpcFeeder *
feeder_get (Thread *t, Chan *c, GsLoc loc)
{
  for (guint i = 0; i < c->feeders->len; i++) {
    IpcFeeder *f = c->feeders->pdata[i];
    if (f->proc == t->proc)
      return f;
  }
  Engine *eng = t->proc->eng;
  IpcFeeder *f = g_new0 (IpcFeeder, 1);
  f->chan = c;
  f->proc = t->proc;
  f->put_loc = loc;
  g_queue_init (&f->buf);
  g_ptr_array_add (c->feeders, f);
  gs_threads_python_cpu (t, eng->costs.thread_start, loc);
  /* CPython names them all QueueFeederThread, without taking a number
   * from the Thread-N counter: here the run's feeders count from 1 */
  guint n = 0;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, eng->ipc);
  while (g_hash_table_iter_next (&it, NULL, &value))
    n += ((Chan *) value)->feeders->len;
  g_autofree char *name = g_strdup_printf ("QueueFeederThread-%u", n);
  Thread *w = gs_threads_new (t->proc, name, "thread", NULL, NULL);
  w->key = gs_random_child_key (t->key, 0);
  gs_random_init (&w->rng, w->key);
  w->draws = &w->rng;
  w->feeder = f;
  w->cold_start = gs_threads_cold_start (t->proc);
  f->thread = w;
  gs_threads_launch (w);
  double t0 = gs_threads_nogil_begin (t, loc, "the start of", w->name);
  gs_threads_block (t, w->started_sem, "the start of", w->name, loc);
  gs_threads_count_blocked (t, t0);
  gs_threads_gil_acquire (t, loc);
  return f;
}

gboolean
gs_ipc_feeder_work (Thread *t)
{
  IpcFeeder *f = t->feeder;
  Chan *c = f->chan;
  GsLoc loc = c->decl->loc;
  for (;;) {
    if (g_queue_is_empty (&f->buf)) {
      if (f->closing)
        return TRUE;
      /* with notempty: notempty.wait() */
      IpcWaiter w = { t, FALSE };
      f->idle = &w;
      double t0 = gs_threads_nogil_begin (t, loc, c->what, c->decl->name);
      gs_threads_block (t, t->wake, c->what, c->decl->name, loc);
      gs_threads_nogil_end (t, loc, t0);
      continue;
    }
    Msg *m = g_queue_pop_head (&f->buf);
    /* _ForkingPickler.dumps(obj), holding the GIL */
    gs_threads_native_cpu (t, m->bytes * t->proc->eng->costs.pickle_per_byte, FALSE);
    double t0 = gs_threads_nogil_begin (t, loc, c->what, c->decl->name);
    pipe_write (t, c, m, loc);
    gs_threads_nogil_end (t, loc, t0);
  }
}

/* Wakes F's thread if it waits for an item (or for its end). */
static void
feeder_poke (IpcFeeder *f)
{
  if (f->idle) {
    f->idle = NULL;
    sg_sem_release (f->thread->wake);
  }
}

void
gs_ipc_process_exit (Thread *t)
{
  Engine *eng = t->proc->eng;
  if (eng->ipc == NULL)
    return;
  GHashTableIter it;
  gpointer value;
  double t0 = -1;
  g_hash_table_iter_init (&it, eng->ipc);
  while (g_hash_table_iter_next (&it, NULL, &value)) {
    Chan *c = value;
    for (guint i = 0; i < c->feeders->len; i++) {
      IpcFeeder *f = c->feeders->pdata[i];
      if (f->proc != t->proc || f->thread == t)
        continue;
      /* Queue._finalize_close, then _finalize_join: the process waits
       * until its feeder has written every item into the pipe */
      f->closing = TRUE;
      feeder_poke (f);
      if (f->thread->done)
        continue;
      /* a deadlock here is reported at the put that started the feeder */
      GsLoc loc = f->put_loc;
      if (t0 < 0)
        t0 = gs_threads_nogil_begin (t, loc, "join", f->thread->name);
      gs_threads_block (t, f->thread->done_sem, "join", f->thread->name, loc);
      sg_sem_release (f->thread->done_sem);
    }
  }
  if (t0 >= 0)
    gs_threads_nogil_end (t, t->wait_loc, t0);
}

/* ---------------------------------------------------------------------- */
/* The statements                                                          */

/* Queue.put(obj[, timeout]) of an item of BYTES pickled: waits (GIL
 * released) for a free slot when the queue has a maxsize, then hands the
 * item to the process's feeder and returns. */
static gboolean
queue_put (Thread *t, Chan *c, const GsStmt *s, double bytes, double deadline)
{
  Engine *eng = t->proc->eng;
  if (c->limit > 0 && c->used >= c->limit) {
    double t0 = gs_threads_nogil_begin (t, s->loc, c->what, c->decl->name);
    while (c->used >= c->limit) {
      if (expired (deadline) || !wait_on (t, c, &c->putters, deadline, s->loc))
        break;
      if (eng->costs.gil_handoff_latency > 0)
        sg_actor_sleep_for (eng->costs.gil_handoff_latency);
    }
    gs_threads_nogil_end (t, s->loc, t0);
    if (c->used >= c->limit) {
      gs_interp_raise (t, GS_EXC_FULL);
      return TRUE;
    }
  }
  c->used++;
  IpcFeeder *f = feeder_get (t, c, s->loc);
  Msg *m = g_new0 (Msg, 1);
  m->bytes = bytes;
  g_queue_push_tail (&f->buf, m);
  feeder_poke (f);
  return TRUE;
}

/* Queue.get([timeout]) and Connection.recv(): reads a message (GIL
 * released) and unpickles it (GIL held). */
static gboolean
take (Thread *t, Chan *c, const GsStmt *s, double deadline)
{
  double t0 = gs_threads_nogil_begin (t, s->loc, c->what, c->decl->name);
  double bytes = pipe_read (t, c, deadline, s->loc);
  gs_threads_nogil_end (t, s->loc, t0);
  if (bytes < 0) {
    gs_interp_raise (t, GS_EXC_EMPTY);
    return TRUE;
  }
  if (c->decl->kind == GS_SYNC_PROCESS_QUEUE && c->used > 0) {
    c->used--;
    wake_one (&c->putters);
  }
  gs_threads_native_cpu (t, bytes * t->proc->eng->costs.pickle_per_byte, FALSE);
  return TRUE;
}

gboolean
gs_ipc_do (Thread *t, const GsStmt *s, const GsEnv *env, const GsSyncDecl *d,
           double deadline)
{
  Chan *c = chan_get (t, d);
  if (c == NULL)
    return FALSE;
  if (s->sync_op == GS_SYNC_PUT_NOWAIT || s->sync_op == GS_SYNC_GET_NOWAIT)
    deadline = gs_engine_now ();
  if (s->sync_op == GS_SYNC_PUT || s->sync_op == GS_SYNC_PUT_NOWAIT) {
    double bytes = 0;
    if (s->e2 && !gs_interp_quantity (t, s->e2, env, GS_DIM_SIZE, MAX_BYTES,
                                      "the item's pickled size", &bytes))
      return FALSE;
    return queue_put (t, c, s, bytes, deadline);
  }
  return take (t, c, s, deadline);
}

gboolean
gs_ipc_send (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  const GsSyncDecl *d = gs_scenario_sync (eng->cfg->sc, s->name);
  Chan *c = chan_get (t, d);
  double bytes;
  if (c == NULL ||
      !gs_interp_quantity (t, s->e1, env, GS_DIM_SIZE, MAX_BYTES,
                           "the size to send", &bytes))
    return FALSE;
  /* Connection.send: pickles in the calling thread, GIL held, then writes */
  gs_threads_native_cpu (t, bytes * eng->costs.pickle_per_byte, FALSE);
  Msg *m = g_new0 (Msg, 1);
  m->bytes = bytes;
  double t0 = gs_threads_nogil_begin (t, s->loc, c->what, c->decl->name);
  pipe_write (t, c, m, s->loc);
  gs_threads_nogil_end (t, s->loc, t0);
  return TRUE;
}

gboolean
gs_ipc_describe_deadlock (Engine *eng)
{
  if (eng->ipc == NULL)
    return FALSE;
  for (guint i = 0; i < eng->threads->len; i++) {
    Thread *t = eng->threads->pdata[i];
    if (t->done || t->wait_what == NULL || strcmp (t->wait_what, "join") != 0)
      continue;
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init (&it, eng->ipc);
    while (g_hash_table_iter_next (&it, NULL, &value)) {
      Chan *c = value;
      for (guint k = 0; k < c->feeders->len; k++) {
        IpcFeeder *f = c->feeders->pdata[k];
        Thread *first = f->proc->threads->pdata[0];
        if (f->thread->done)
          continue;
        if (g_strcmp0 (t->wait_name, f->thread->name) == 0) {
          /* T is ending its process */
          gs_engine_fail (eng, t->wait_loc, "deadlock: %s cannot end: its "
                          "feeder thread waits until a reader takes what was "
                          "put into %s '%s'; take the items before the end",
                          t->name, c->what, c->decl->name);
          return TRUE;
        }
        if (g_strcmp0 (t->wait_name, first->name) != 0)
          continue;
        gs_engine_fail (eng, t->wait_loc, "deadlock: %s joins %s, which cannot "
                        "end: its feeder thread waits until a reader takes what "
                        "it put into %s '%s'; take the items before joining the "
                        "process", t->name, first->name, c->what, c->decl->name);
        return TRUE;
      }
    }
  }
  return FALSE;
}

gboolean
gs_ipc_check_daemon_round (Engine *eng)
{
  if (eng->ipc == NULL)
    return TRUE;
  const Thread *stuck = NULL;
  IpcFeeder *feeder = NULL;
  for (guint i = 0; i < eng->threads->len; i++) {
    const Thread *o = eng->threads->pdata[i];
    if (o->daemon || o->done)
      continue;
    if (o->wait_what == NULL)
      return TRUE;
    IpcFeeder *f = o->feeder;
    if (f != NULL && f->closing && g_str_has_prefix (o->wait_what, "a reader of ")) {
      feeder = feeder ? feeder : f;
      continue;
    }
    if (strcmp (o->wait_what, "join") != 0)
      return TRUE;
    /* a process's end, joining its feeder */
    gboolean joins_feeder = FALSE;
    for (guint k = 0; k < eng->threads->len && !joins_feeder; k++) {
      const Thread *w = eng->threads->pdata[k];
      joins_feeder = w->feeder && g_strcmp0 (w->name, o->wait_name) == 0;
    }
    if (!joins_feeder)
      return TRUE;
    stuck = stuck ? stuck : o;
  }
  if (stuck == NULL || feeder == NULL)
    return TRUE;
  return gs_engine_fail (eng, stuck->wait_loc, "deadlock: %s cannot end: its "
                         "feeder thread waits until a reader takes what was put "
                         "into %s '%s', and only daemon threads run; take the "
                         "items before the end", stuck->name, feeder->chan->what,
                         feeder->chan->decl->name);
}
