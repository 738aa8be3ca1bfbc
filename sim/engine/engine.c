/* engine.c: the SimGrid glue that runs a scenario (see engine.h). */
#include "engine/engine.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/disk.h>
#include <simgrid/engine.h>
#include <simgrid/exec.h>
#include <simgrid/host.h>
#include <simgrid/mailbox.h>
#include <simgrid/semaphore.h>
#include <xbt/log.h>

#include "engine/cpu_sharing.h"
#include "engine/exec_wait.h"
#include "engine/membus.h"
#include "presets.h"

/* Limits that keep a simulation finite and its memory bounded.  Each is
 * reported as an error at the statement that exceeds it. */
#define MAX_STEPS 5000000.0       /* statements executed, over all threads */
#define MAX_PRINTS 100000         /* printed lines kept */
#define MAX_THREADS 20000.0       /* threads and processes started (about
                                     0.15 MB of simulator memory each) */
#define MAX_PROCESSES 5000.0      /* processes started (about 0.3 MB each) */
#define MAX_SECONDS 1e7           /* any single duration (about 115 days) */
#define MAX_ITERATIONS 1e14
#define MAX_REPEAT 1e9
#define MAX_ELEMENTS 1e15
#define MAX_BYTES 1e15            /* one read or write */
#define MAX_NATIVE_THREADS 4096.0 /* threads of one native call */
#define TIME_EPS 1e-12
#define MIN_WAIT 1e-9             /* the shortest timed wait (see controller) */

typedef struct Engine Engine;
typedef struct Proc Proc;
typedef struct Thread Thread;
typedef struct Pool Pool;

/* A server of the scenario: CONCURRENCY daemon actors on its host take
 * requests from its mailbox, each serves one for SERVICE seconds and sends
 * the reply back to the client's mailbox. */
typedef struct {
  const GsServer *decl;
  sg_mailbox_t mailbox;
  double service;
  double concurrency;
} Server;

typedef struct {
  sg_mailbox_t reply;
  double bytes;          /* the reply's size */
} Request;

/* multiprocessing.Pool(P).map(f, items, chunksize): chunks of items go to
 * the workers in order, each to the first worker free. */
struct Pool {
  const GsStmt *stmt;
  const GsFunc *func;
  const GsEnv *env;      /* the caller's, who waits in map meanwhile */
  double items, next_item, chunk;
  double argbytes, resbytes;   /* pickled size of one item's argument, result */
  double pickle;         /* seconds per pickled or unpickled byte */
  double pipe_bw;        /* bytes/s through a pipe */
  double overhead;       /* a chunk's round trip besides its bytes */
  sg_sem_t feed;         /* the parent's task handler: one chunk at a time */
  sg_sem_t results;      /* the parent's result handler */
};

typedef struct {
  char *name;
  Thread *owner;
  GsLoc taken_at;
  GQueue waiters;       /* Thread* */
} Lock;

struct Proc {
  Engine *eng;
  char *name;
  sg_host_t host;
  GsGil *gil;
  GPtrArray *threads;   /* Thread*, indexed by GIL thread id */
  sg_sem_t ctrl_sem;
  double ctrl_until;    /* when the controller wakes next */
  GHashTable *locks;    /* char* -> Lock* */
};

struct Thread {
  Proc *proc;
  int tid;
  char *name;
  const char *kind;
  sg_actor_t actor;
  sg_sem_t wake;        /* GIL grants and forced-switch releases */
  sg_sem_t done_sem;
  sg_sem_t started_sem; /* Thread.start() waits for the new thread to run */
  sg_sem_t finished_sem;/* released when it ends, for a successor */
  Thread *after;        /* sequential runs: the worker it runs after */
  Pool *pool;           /* a pool worker's pool, or NULL */
  gboolean done;
  /* what it runs */
  const GsFunc *func;
  GsValue *args;
  GsEnv frame;
  double child_start;   /* process start-up cost paid in the child */
  double child_exit;    /* and its exit (interpreter teardown) */
  gboolean child_cpu;   /* those are CPU work (spawn: a fresh interpreter),
                           else mostly waiting (fork, forkserver: the kernel
                           copies and schedules, the child exits at once) */
  gboolean is_main;
  /* GIL state as the engine sees it */
  gboolean holds_gil;
  double penalty;       /* switch cost still to pay */
  /* statistics */
  double start, end, cpu, blocked;
  double python;        /* of cpu, the `python` statements' share */
  /* what it waits for, for deadlock reports */
  const char *wait_what;
  const char *wait_name;
  GsLoc wait_loc;
};

/* The platform properties of the host that the engine reads once, before
 * the run, in base units (engine_read_costs gives their defaults).  The
 * statements read their own properties as they run (host_cost). */
typedef struct {
  const char *python_version; /* python.version, or NULL */
  double python_loop;      /* python.loop: seconds per loop iteration */
  double thread_start;     /* thread.start: Thread.start()'s cost */
  double sleep_overhead;   /* sleep.overhead: added to each sleep */
  double switch_cost;      /* gil.switch_cost: a new GIL holder's cost */
  double old_release_cost; /* gil.old_release_cost: old GIL: a release and
                              re-take with waiters */
  double startup;          /* python.startup: the interpreter's start-up */
  double slow_p, slow_r;   /* cpu.slow_fraction and cpu.slow_factor */
  double fsync_cost;       /* disk.fsync: one fsync's wait */
  double disk_latency;     /* disk.latency: each read or write call's wait */
  double handoff_latency;  /* gil.handoff_latency (see gil.h) */
  double fifo_bias;        /* gil.fifo_bias (see gil.h) */
  double old_rewin;        /* gil.old_rewin (see gil.h) */
  double smt;              /* cpu.smt: hardware threads per core */
  double smt_throughput;   /* cpu.smt_throughput (see cpu_sharing.h) */
  gboolean has_membus;     /* memory.bandwidth or memory.alloc_bandwidth set */
  double membus_read_bw;   /* memory.bandwidth, bytes/s */
  double membus_write_bw;  /* memory.alloc_bandwidth, bytes/s */
} Costs;

struct Engine {
  const GsEngineConfig *cfg;
  const char *file;
  double speed;
  double loop_s;           /* seconds per Python loop iteration, runtime applied */
  gboolean have_loop;
  Costs costs;             /* the platform's, read at set-up */
  double startup;          /* the interpreter's start-up: python.startup, or
                              the config's */
  double old_check_s;      /* old GIL: seconds of Python per check interval */
  double py_factor;        /* Python code's cost under this runtime relative
                              to the platform's calibration version */
  GError *error;
  gboolean running;        /* inside simgrid_run: actors may be killed */
  GPtrArray *procs;        /* Proc* */
  GPtrArray *threads;      /* Thread*, in creation order */
  double steps;
  double poll_interval;     /* longest wait of Python code between GIL looks */
  int slowed_running;       /* executions of slowed work running now */
  double started;
  guint next_thread_number;
  GsResult *result;
  GHashTable *disks;       /* disk id -> sg_disk_t, of the host */
  sg_disk_t membus;        /* the memory bus (membus.h), or NULL */
  GHashTable *servers;     /* name -> Server* */
  guint next_request;      /* names reply mailboxes */
};

static Engine *the_engine;  /* actors reach the engine through their data;
                               this is only for the on-exit cleanups */
static gboolean engine_started;  /* gs_engine_start ran in this process */

static double
now (void)
{
  return simgrid_get_clock ();
}

/* ---------------------------------------------------------------------- */
/* Errors                                                                  */

static gboolean
fail (Engine *eng, GsLoc loc, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Engine *eng, GsLoc loc, const char *fmt, ...)
{
  if (eng->error == NULL) {
    va_list ap;
    va_start (ap, fmt);
    g_autofree char *msg = g_strdup_vprintf (fmt, ap);
    va_end (ap);
    g_set_error (&eng->error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME,
                 "%s:%d:%d: %s", eng->file, loc.line, loc.col, msg);
    if (eng->running)
      sg_actor_kill_all ();
  }
  return FALSE;
}

/* Takes a GError from eval and stops the simulation with it. */
static gboolean
fail_with (Engine *eng, GError *err)
{
  if (eng->error == NULL) {
    eng->error = err;
    if (eng->running)
      sg_actor_kill_all ();
  } else {
    g_error_free (err);
  }
  return FALSE;
}

/* Reads a platform property as a cost; a missing one is an error at LOC. */
static gboolean
host_cost (Engine *eng, const char *prop, GsDim dim, gboolean has_default,
           double def, GsLoc loc, double *out)
{
  GError *err = NULL;
  if (gs_host_get (eng->cfg->host, eng->cfg->platform, prop, dim, has_default,
                   def, out, &err))
    return TRUE;
  fail (eng, loc, "%s", err->message);
  g_error_free (err);
  return FALSE;
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

/* Carries out the model's queued actions. */
static void
process_actions (Proc *p)
{
  GsGilAction a;
  while (gs_gil_pop_action (p->gil, &a)) {
    Thread *t = p->threads->pdata[a.tid];
    switch (a.kind) {
    case GS_GIL_GRANT:
      t->holds_gil = TRUE;
      t->penalty += p->eng->costs.switch_cost;
      sg_sem_release (t->wake);
      break;
    case GS_GIL_RESUME:
      sg_sem_release (t->wake);
      break;
    case GS_GIL_INTERRUPT:
      /* a drop request for the holder: a thread in Python code polls the
       * GIL's timers and sees it (python_cpu), one inside a native call
       * that keeps the GIL drops at its next check point (checkpoint) */
      break;
    }
  }
}

static void
block (Thread *t, sg_sem_t sem, const char *what, const char *name, GsLoc loc)
{
  t->wait_what = what;
  t->wait_name = name;
  t->wait_loc = loc;
  sg_sem_acquire (sem);
  t->wait_what = NULL;
}

static void
gil_acquire (Thread *t, GsLoc loc)
{
  Proc *p = t->proc;
  if (t->holds_gil)
    return;
  gboolean got = gs_gil_request (p->gil, t->tid, now ());
  process_actions (p);
  notify_controller (p);
  if (got) {
    t->holds_gil = TRUE;
    return;
  }
  block (t, t->wake, "the GIL", NULL, loc);
  g_assert (t->holds_gil);
}

static void
gil_release (Thread *t, GsLoc loc)
{
  Proc *p = t->proc;
  if (!t->holds_gil)
    return;
  t->holds_gil = FALSE;
  GsGilDropResult r = gs_gil_release (p->gil, t->tid, now (), FALSE);
  process_actions (p);
  notify_controller (p);
  if (r == GS_GIL_MUST_WAIT)
    block (t, t->wake, "a GIL switch", NULL, loc);
}

/* A check point: the holder honours a pending drop request. */
static void
checkpoint (Thread *t, GsLoc loc)
{
  Proc *p = t->proc;
  if (!t->holds_gil || !gs_gil_drop_requested (p->gil) ||
      gs_gil_holder (p->gil) != t->tid)
    return;
  t->holds_gil = FALSE;
  gs_gil_release (p->gil, t->tid, now (), TRUE);
  process_actions (p);
  notify_controller (p);
  if (!t->holds_gil)
    block (t, t->wake, "the GIL", NULL, loc);
}

static void
controller_actor (int argc, char **argv)
{
  Proc *p = sg_actor_self_get_data ();
  for (;;) {
    gs_gil_advance (p->gil, now () + TIME_EPS);
    process_actions (p);
    double next = gs_gil_next_event (p->gil);
    p->ctrl_until = next;
    if (next >= DBL_MAX / 2) {
      sg_sem_acquire (p->ctrl_sem);
    } else {
      /* SimGrid reads a zero timeout as none at all: wait a nanosecond */
      sg_sem_acquire_timeout (p->ctrl_sem, MAX (next - now (), MIN_WAIT));
    }
  }
}

/* ---------------------------------------------------------------------- */
/* CPU work                                                                */

/* The host's virtual CPUs are not all equally fast: at any moment a
 * fraction p of them (cpu.slow_fraction) runs Python code and some native
 * code r times slower (cpu.slow_factor), which bench/probe-vcpus.py
 * measures on a virtual machine whose host cores are shared with other
 * tenants; which ones are slow changes from second to second.  The
 * platform's costs are means over those states, what one worker measures.
 * When n such executions run at once, each on its own virtual CPU, the
 * slowest of them decides when they are all done: the expected maximum of
 * n draws, 1 + (r - 1)(1 - (1 - p)^n), against the mean 1 + (r - 1)p.
 * Each execution of slowed work is stretched by that ratio for the n
 * running when it starts, itself included (at most the host's cores): the
 * last of n workers started together gets the whole factor, and it is the
 * one that ends last.  One execution alone is not stretched. */
static double
slowed_begin (Engine *eng)
{
  eng->slowed_running++;
  if (eng->costs.slow_p <= 0 || eng->costs.slow_r <= 1)
    return 1;
  int n = MIN (eng->slowed_running, eng->cfg->host->cores);
  double r1 = eng->costs.slow_r - 1;
  return (1 + r1 * (1 - pow (1 - eng->costs.slow_p, n))) /
         (1 + r1 * eng->costs.slow_p);
}

static void
slowed_end (Engine *eng)
{
  eng->slowed_running--;
}

/* Runs SECONDS of CPU work on the thread's core, without check points: a
 * native call, or start-up work. */
static void
native_cpu (Thread *t, double seconds, gboolean slowed)
{
  if (seconds <= 0)
    return;
  Engine *eng = t->proc->eng;
  t->cpu += seconds;
  double f = slowed ? slowed_begin (eng) : 1;
  sg_exec_t e = sg_actor_exec_init (seconds * f * eng->speed);
  sg_exec_start (e);
  sg_exec_wait (e);
  if (slowed)
    slowed_end (eng);
}

/* Runs a native call of SECONDS of CPU work, split evenly over THREADS
 * threads of its own (a BLAS call: parallel executions that share the cores
 * with everything else), that streams BYTES through memory and fills ALLOC
 * bytes of fresh memory.  With a memory bus (membus.h), the bytes cross it
 * while the CPU work runs: the call ends when both are done, so threads
 * that stream or allocate at once share the bus. */
static void
native_work (Thread *t, double seconds, double threads, double bytes, double alloc,
             gboolean slowed)
{
  Engine *eng = t->proc->eng;
  if (threads <= 1 && (eng->membus == NULL || (bytes <= 0 && alloc <= 0))) {
    native_cpu (t, seconds, slowed);
    return;
  }
  int n = (int) MAX (1, threads);
  t->cpu += seconds;
  sg_exec_t *execs = g_new (sg_exec_t, n);
  for (int k = 0; k < n; k++) {
    double f = slowed ? slowed_begin (eng) : 1;
    execs[k] = sg_actor_exec_init (seconds / n * f * eng->speed);
    sg_exec_start (execs[k]);
  }
  if (eng->membus && alloc >= 1)
    sg_disk_write (eng->membus, (sg_size_t) llround (alloc));
  if (eng->membus && bytes >= 1)
    sg_disk_read (eng->membus, (sg_size_t) llround (bytes));
  for (int k = 0; k < n; k++) {
    sg_exec_wait (execs[k]);
    if (slowed)
      slowed_end (eng);
  }
  g_free (execs);
}

/* Runs SECONDS of Python code.  Python reaches a check point at every loop
 * iteration, so a drop request stops it at once.  The thread waits for its
 * execution at most until the GIL's next timer, and never longer than one
 * switch interval (a waiter that arrives meanwhile cannot set a drop request
 * sooner than one interval after it arrived); there it fires the due timers
 * itself and, if the GIL must be dropped, pauses its work: the execution is
 * cancelled and restarted with what remained once the GIL is back. */
/* TRUE if no other thread of T's process is alive: nobody can ask T for
 * the GIL (only T itself could start one), so its Python code need not
 * look at the GIL while it runs. */
static gboolean
alone_in_process (const Thread *t)
{
  GPtrArray *ths = t->proc->threads;
  for (guint i = 0; i < ths->len; i++) {
    const Thread *o = ths->pdata[i];
    if (o != t && !o->done)
      return FALSE;
  }
  return TRUE;
}

static void
python_cpu (Thread *t, double seconds, GsLoc loc)
{
  Proc *p = t->proc;
  Engine *eng = p->eng;
  gboolean old_gil = eng->cfg->runtime->gil == GS_GIL_OLD;
  double work = seconds * eng->speed;  /* flops of the program's own code */
  double extra = 0;                    /* flops of overheads (not Python) */
  double pending = 0;                  /* overheads incurred meanwhile */
  t->cpu += seconds;
  while (work + extra > 1e-9 * eng->speed) {
    double seen = work + extra;
    const double f = slowed_begin (eng);  /* flops of the execution per flop of work */
    sg_exec_t e = sg_actor_exec_init (seen * f);
    sg_exec_start (e);
    gboolean alone = alone_in_process (t);
    for (;;) {
      double dt = -1;
      if (eng->cfg->runtime->gil != GS_GIL_NONE && !alone) {
        double next = gs_gil_next_event (p->gil);
        dt = MAX (MIN (next - now (), eng->poll_interval), MIN_WAIT);
      }
      gboolean done = gs_exec_wait_done (e, dt);
      /* what ran since the last look, shared pro rata by work and extra */
      double left = done ? 0 : sg_exec_get_remaining (e) / f;
      double ran = seen - left;
      double ran_work = seen > 0 ? ran * work / seen : 0;
      work = MAX (0, work - ran_work);
      extra = MAX (0, extra - (ran - ran_work));
      seen = left;
      if (old_gil && gs_gil_n_waiting (p->gil) > 0)
        /* the old GIL: every check interval with a waiter, the holder
         * releases the lock, wakes a waiter and takes it back */
        pending += ran_work / eng->old_check_s * eng->costs.old_release_cost;
      if (done) {
        gs_exec_release (e);
        slowed_end (eng);
        break;
      }
      /* timed out: the execution goes on; look at the GIL */
      gs_gil_advance (p->gil, now () + TIME_EPS);
      process_actions (p);
      if (gs_gil_drop_requested (p->gil) && gs_gil_holder (p->gil) == t->tid) {
        sg_exec_cancel (e);
        slowed_end (eng);
        checkpoint (t, loc);
        break;
      }
    }
    /* a switch costs the new holder a little (cold caches), and the old
     * GIL's releases cost the holder: pay them now */
    pending += t->penalty * eng->speed;
    t->penalty = 0;
    t->cpu += pending / eng->speed;
    extra += pending;
    pending = 0;
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

/* threading.Lock.acquire: waits with the GIL released, like CPython. */
static gboolean
lock_acquire (Thread *t, const char *name, GsLoc loc)
{
  Lock *l = lock_get (t->proc, name);
  if (l->owner == t)
    return fail (t->proc->eng, loc, "deadlock: %s takes lock '%s' that it "
                 "already holds (taken at line %d); a threading.Lock is not "
                 "re-entrant", t->name, name, l->taken_at.line);
  if (l->owner != NULL) {
    gboolean had = t->holds_gil;
    double t0 = now ();
    gil_release (t, loc);
    g_queue_push_tail (&l->waiters, t);
    block (t, t->wake, "lock", l->name, loc);
    t->blocked += now () - t0;
    g_assert (l->owner == t);
    if (had)
      gil_acquire (t, loc);
  } else {
    l->owner = t;
  }
  l->taken_at = loc;
  return TRUE;
}

static void
lock_release (Thread *t, const char *name)
{
  Lock *l = lock_get (t->proc, name);
  g_assert (l->owner == t);
  l->owner = g_queue_pop_head (&l->waiters);
  if (l->owner)
    sg_sem_release (l->owner->wake);
}

/* ---------------------------------------------------------------------- */
/* Threads and processes                                                   */

static void thread_actor (int argc, char **argv);

static void
lock_free (gpointer data)
{
  Lock *l = data;
  g_free (l->name);
  g_queue_clear (&l->waiters);
  g_free (l);
}

static Proc *
proc_new (Engine *eng, const char *name)
{
  Proc *p = g_new0 (Proc, 1);
  p->eng = eng;
  p->name = g_strdup (name);
  p->host = sg_host_by_name (eng->cfg->host->id);
  GsGilConfig gc = { 0 };
  gc.kind = eng->cfg->runtime->gil;
  gc.switch_interval = gc.kind == GS_GIL_OLD ? eng->old_check_s
                                             : eng->cfg->switch_interval;
  gc.handoff_latency = eng->costs.handoff_latency;
  /* the old GIL's winner of a battle is a waiter already awake and racing
   * for the lock: it takes over at once */
  if (gc.kind == GS_GIL_OLD)
    gc.handoff_latency = 0;
  gc.fifo_bias = eng->costs.fifo_bias;
  gc.old_rewin = eng->costs.old_rewin;
  gc.seed = 0x9e3779b9u + eng->procs->len;
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

static void
proc_free (gpointer data)
{
  Proc *p = data;
  g_free (p->name);
  gs_gil_free (p->gil);
  g_ptr_array_unref (p->threads);
  sg_sem_destroy (p->ctrl_sem);
  g_hash_table_unref (p->locks);
  g_free (p);
}

static Thread *
thread_new (Proc *p, const char *name, const char *kind, const GsFunc *func,
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
  t->started_sem = sg_sem_init (0);
  t->finished_sem = sg_sem_init (0);
  t->tid = gs_gil_add_thread (p->gil);
  g_ptr_array_add (p->threads, t);
  g_ptr_array_add (eng->threads, t);
  return t;
}

static void
thread_free (gpointer data)
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
  g_free (t);
}

static void
thread_launch (Thread *t)
{
  t->actor = sg_actor_init (t->name, t->proc->host);
  sg_actor_set_data (t->actor, t);
  sg_actor_start (t->actor, thread_actor, 0, NULL);
}

/* ---------------------------------------------------------------------- */
/* Statements                                                              */

static gboolean run_body (Thread *t, GPtrArray *body, const GsEnv *env,
                          GHashTable *groups);

static gboolean
quantity (Thread *t, const GsExpr *e, const GsEnv *env, GsDim dim, double max,
          const char *what, double *out)
{
  GError *err = NULL;
  if (gs_eval_quantity (t->proc->eng->file, e, env, dim, max, what, out, &err))
    return TRUE;
  return fail_with (t->proc->eng, err);
}

static gboolean
whole_number (Thread *t, const GsExpr *e, const GsEnv *env, double max,
              const char *what, double *out)
{
  if (!quantity (t, e, env, GS_DIM_COUNT, max, what, out))
    return FALSE;
  if (*out != floor (*out))
    return fail (t->proc->eng, e->loc, "%s must be a whole number (it is %g)",
                 what, *out);
  return TRUE;
}

static gboolean
eval_args (Thread *t, const GsStmt *s, const GsEnv *env, GsValue **out)
{
  GsValue *args = g_new0 (GsValue, s->args->len + 1);
  for (guint i = 0; i < s->args->len; i++) {
    GError *err = NULL;
    if (!gs_eval (t->proc->eng->file, s->args->pdata[i], env, &args[i], &err)) {
      for (guint j = 0; j < i; j++)
        gs_value_clear (&args[j]);
      g_free (args);
      return fail_with (t->proc->eng, err);
    }
  }
  *out = args;
  return TRUE;
}

static gboolean
do_python (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  GsValue v = { 0 };
  GError *err = NULL;
  if (!gs_eval (eng->file, s->e1, env, &v, &err))
    return fail_with (eng, err);
  GsDim dim = v.dim;
  gs_value_clear (&v);
  double seconds;
  if (dim == GS_DIM_DURATION) {
    if (!quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                   "the Python CPU time", &seconds))
      return FALSE;
    seconds *= eng->py_factor;
  } else {
    double iters;
    if (!quantity (t, s->e1, env, GS_DIM_COUNT, MAX_ITERATIONS,
                   "the number of iterations", &iters))
      return FALSE;
    if (!eng->have_loop) {
      if (!host_cost (eng, "python.loop", GS_DIM_DURATION, FALSE, 0, s->loc,
                      &eng->loop_s))
        return FALSE;
      eng->loop_s *= eng->py_factor *
          (eng->cfg->loop_scale > 0 ? eng->cfg->loop_scale : 1.0);
      eng->have_loop = TRUE;
    }
    seconds = iters * eng->loop_s;
  }
  t->python += seconds;
  python_cpu (t, seconds, s->loc);
  return TRUE;
}

/* A blocking call of thread T at LOC: releases the GIL and says what T
 * waits for (WHAT, NAME: for a deadlock's description); returns when it
 * began, for nogil_end. */
static double
nogil_begin (Thread *t, GsLoc loc, const char *what, const char *name)
{
  double t0 = now ();
  gil_release (t, loc);
  t->wait_what = what;
  t->wait_name = name;
  t->wait_loc = loc;
  return t0;
}

/* The end of the blocking call begun at T0: counts the time as blocked and
 * takes the GIL back. */
static void
nogil_end (Thread *t, GsLoc loc, double t0)
{
  t->wait_what = NULL;
  t->blocked += now () - t0;
  gil_acquire (t, loc);
}

static gboolean
do_sleep (Thread *t, const GsStmt *s, const GsEnv *env)
{
  double d;
  if (!quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                 "the sleep duration", &d))
    return FALSE;
  double t0 = nogil_begin (t, s->loc, NULL, NULL);
  sg_actor_sleep_for (d + t->proc->eng->costs.sleep_overhead);
  nogil_end (t, s->loc, t0);
  return TRUE;
}

static gboolean
do_native (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  double cost, threads = 1, bytes = 0, alloc = 0;
  gboolean nogil = s->nogil, slowed = FALSE;
  const char *lock = s->lock;
  if (s->e2 && !whole_number (t, s->e2, env, MAX_NATIVE_THREADS,
                              "the native call's thread count", &threads))
    return FALSE;
  if (s->e2 && threads < 1)
    return fail (eng, s->e2->loc, "the native call's thread count must be at "
                 "least 1 (it is %g)", threads);
  if (s->preset) {
    const GsPreset *pr = gs_preset_lookup (s->preset);
    double amount, per;
    g_autofree char *what = g_strdup_printf ("the %s of %s",
        pr->arg == GS_DIM_SIZE ? "size" : "element count", pr->name);
    if (!quantity (t, s->e1, env, pr->arg, MAX_ELEMENTS, what, &amount))
      return FALSE;
    if (!host_cost (eng, pr->cost_prop, GS_DIM_DURATION, FALSE, 0, s->loc, &per))
      return FALSE;
    cost = amount * per;
    bytes = amount * pr->stream_bytes;
    alloc = amount * pr->alloc_bytes;
    nogil = pr->releases_gil && amount >= pr->release_min;
    slowed = pr->slowed;
    if (lock == NULL)
      lock = pr->lock;
  } else if (!quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                        "the native call's duration", &cost)) {
    return FALSE;
  }
  if (lock && !lock_acquire (t, lock, s->loc))
    return FALSE;
  if (nogil) {
    gil_release (t, s->loc);
    native_work (t, cost, threads, bytes, alloc, slowed);
    gil_acquire (t, s->loc);
  } else {
    native_work (t, cost, threads, bytes, alloc, slowed);
    checkpoint (t, s->loc);
  }
  if (lock)
    lock_release (t, lock);
  return TRUE;
}

/* multiprocessing's default start method: spawn on macOS and Windows (the
 * host's python.os), else the runtime's (fork up to 3.13, forkserver from
 * 3.14). */
static const char *
default_method (Engine *eng)
{
  const char *os = g_hash_table_lookup (eng->cfg->host->props, "python.os");
  if (os && (g_ascii_strcasecmp (os, "darwin") == 0 || g_ascii_strcasecmp (os, "macos") == 0 ||
             g_ascii_strcasecmp (os, "windows") == 0 || g_ascii_strcasecmp (os, "win32") == 0))
    return "spawn";
  return eng->cfg->runtime->start_method;
}

/* read, write, fsync: each call releases the GIL for its I/O, which shares
 * the disk's bandwidth with the other I/O of the moment (SimGrid's disk
 * model), and takes the GIL back afterwards.  The disk was checked before
 * the run (check_disks). */
static gboolean
do_disk (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  sg_disk_t disk = g_hash_table_lookup (eng->disks, s->name);
  g_assert (disk != NULL);
  if (s->io == GS_IO_FSYNC) {
    double t0 = nogil_begin (t, s->loc, NULL, NULL);
    if (eng->costs.fsync_cost > 0)
      sg_actor_sleep_for (eng->costs.fsync_cost);
    nogil_end (t, s->loc, t0);
    return TRUE;
  }
  gboolean reading = s->io == GS_IO_READ;
  double size, chunk;
  if (!quantity (t, s->e1, env, GS_DIM_SIZE, MAX_BYTES,
                 reading ? "the size to read" : "the size to write", &size))
    return FALSE;
  chunk = size;
  if (s->e2) {
    if (!quantity (t, s->e2, env, GS_DIM_SIZE, MAX_BYTES, "the chunk size", &chunk))
      return FALSE;
    if (chunk < 1)
      return fail (eng, s->e2->loc, "the chunk size must be at least 1B (it "
                   "is %g B)", chunk);
  }
  double calls = size > 0 ? ceil (size / chunk - 1e-9) : 0;
  if (eng->steps + calls > MAX_STEPS)
    return fail (eng, s->loc, "this %s makes %.0f calls, more than the %.0f "
                 "steps a simulation may; use bigger chunks",
                 reading ? "read" : "write", calls, MAX_STEPS);
  eng->steps += calls;
  double left = size;
  for (double k = 0; k < calls; k++) {
    double bytes = MIN (chunk, left);
    left -= bytes;
    double t0 = nogil_begin (t, s->loc, NULL, NULL);
    /* the call's own latency (a request to the device, a virtio round
     * trip) uses no bandwidth: the calls of other threads overlap it */
    if (eng->costs.disk_latency > 0)
      sg_actor_sleep_for (eng->costs.disk_latency);
    sg_size_t n = (sg_size_t) llround (bytes);
    if (n > 0) {
      if (reading)
        sg_disk_read (disk, n);
      else
        sg_disk_write (disk, n);
    }
    nogil_end (t, s->loc, t0);
  }
  return TRUE;
}

/* request: the GIL is released while the request crosses the network to
 * the server, waits for a free slot there, is served, and the reply comes
 * back; SimGrid's network model shares the links' bandwidth and adds their
 * latency. */
static gboolean
do_request (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  double size, sending = 0;
  if (!quantity (t, s->e1, env, GS_DIM_SIZE, MAX_BYTES, "the reply's size", &size))
    return FALSE;
  if (s->e2 && !quantity (t, s->e2, env, GS_DIM_SIZE, MAX_BYTES,
                          "the request's size", &sending))
    return FALSE;
  Server *sv = g_hash_table_lookup (eng->servers, s->name);
  g_autofree char *mbox = g_strdup_printf ("gilsim:reply:%u", eng->next_request++);
  Request r = { sg_mailbox_by_name (mbox), size };
  double t0 = nogil_begin (t, s->loc, "a reply from server", sv->decl->name);
  sg_mailbox_put (sv->mailbox, &r, (long) llround (sending));
  sg_mailbox_get (r.reply);
  nogil_end (t, s->loc, t0);
  return TRUE;
}

/* send and receive: SIZE bytes cross the route between the program's host
 * and the server's, one way, with the GIL released; SimGrid's network
 * model shares the links and adds their latency.  The server's service
 * and slots are for requests: here it is only the other end. */
static gboolean
do_transfer (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  double size;
  if (!quantity (t, s->e1, env, GS_DIM_SIZE, MAX_BYTES, "the size", &size))
    return FALSE;
  Server *sv = g_hash_table_lookup (eng->servers, s->name);
  sg_host_t here = t->proc->host;
  sg_host_t there = sg_host_by_name (sv->decl->host);
  double t0 = nogil_begin (t, s->loc, s->kind == GS_STMT_SEND ? "a transfer to server"
                                                              : "a transfer from server",
                          sv->decl->name);
  if (here != there && size > 0) {
    if (s->kind == GS_STMT_SEND)
      sg_host_sendto (here, there, size);
    else
      sg_host_sendto (there, here, size);
  }
  nogil_end (t, s->loc, t0);
  return TRUE;
}

static void
server_actor (int argc, char **argv)
{
  Server *sv = sg_actor_self_get_data ();
  for (;;) {
    Request *r = sg_mailbox_get (sv->mailbox);
    if (sv->service > 0)
      sg_actor_sleep_for (sv->service);
    sg_mailbox_put (r->reply, r, (long) llround (r->bytes));
  }
}

/* Evaluates the servers' options, checks their hosts and routes, and starts
 * their actors: before the run. */
static gboolean
start_servers (Engine *eng)
{
  const GsPlatform *pl = eng->cfg->platform;
  for (guint i = 0; i < eng->cfg->sc->servers->len; i++) {
    const GsServer *d = eng->cfg->sc->servers->pdata[i];
    const GsHost *h = gs_platform_host (pl, d->host);
    if (h == NULL) {
      GString *known = g_string_new (NULL);
      for (guint k = 0; k < pl->hosts->len; k++)
        g_string_append_printf (known, "%s%s", k ? ", " : "",
                                ((GsHost *) pl->hosts->pdata[k])->id);
      fail (eng, d->host_loc, "%s has no host '%s'; its hosts: %s", pl->path,
            d->host, known->str);
      g_string_free (known, TRUE);
      return FALSE;
    }
    if (h != eng->cfg->host && (!gs_platform_has_route (pl, eng->cfg->host->id, h->id) ||
                                !gs_platform_has_route (pl, h->id, eng->cfg->host->id)))
      return fail (eng, d->host_loc, "%s has no route between host '%s' and "
                   "host '%s'; add <route src=\"%s\" dst=\"%s\"><link_ctn "
                   "id=\"LINK\"/></route>", pl->path, eng->cfg->host->id,
                   h->id, eng->cfg->host->id, h->id);
    Server *sv = g_new0 (Server, 1);
    sv->decl = d;
    sv->concurrency = 1;
    g_hash_table_insert (eng->servers, d->name, sv);
    GError *err = NULL;
    if (d->service && !gs_eval_quantity (eng->file, d->service, eng->cfg->globals,
                                         GS_DIM_DURATION, MAX_SECONDS,
                                         "the service time", &sv->service, &err))
      return fail_with (eng, err);
    if (d->concurrency) {
      if (!gs_eval_quantity (eng->file, d->concurrency, eng->cfg->globals,
                             GS_DIM_COUNT, MAX_THREADS, "the concurrency",
                             &sv->concurrency, &err))
        return fail_with (eng, err);
      if (sv->concurrency < 1 || sv->concurrency != floor (sv->concurrency))
        return fail (eng, d->concurrency->loc, "the concurrency must be a whole "
                     "number of at least 1 (it is %g)", sv->concurrency);
    }
    g_autofree char *mbox = g_strdup_printf ("gilsim:server:%s", d->name);
    sv->mailbox = sg_mailbox_by_name (mbox);
    for (double k = 0; k < sv->concurrency; k++) {
      g_autofree char *name = g_strdup_printf ("%s:%.0f", d->name, k);
      sg_actor_t a = sg_actor_init (name, sg_host_by_name (h->id));
      sg_actor_set_data (a, sv);
      sg_actor_start (a, server_actor, 0, NULL);
      sg_actor_daemonize (a);
    }
  }
  return TRUE;
}

/* A pool worker's life: takes chunks until none is left.  Per chunk, the
 * parent's task handler pickles the arguments and writes them into the
 * pipe (one chunk at a time, for all workers), the worker unpickles them,
 * runs the function for each item, pickles the results and sends them
 * back, and the parent's result handler unpickles them (one at a time).
 * The parent's pickling is counted in the worker's CPU time. */
static gboolean
pool_work (Thread *t)
{
  Pool *pl = t->pool;
  Engine *eng = t->proc->eng;
  const GsStmt *s = pl->stmt;
  while (pl->next_item < pl->items) {
    double first = pl->next_item;
    double n = MIN (pl->chunk, pl->items - first);
    pl->next_item += n;
    double in = n * pl->argbytes, out = n * pl->resbytes;
    double t0 = now ();
    gil_release (t, s->loc);
    block (t, pl->feed, "the pool's task handler", NULL, s->loc);
    native_cpu (t, in * pl->pickle, FALSE);
    if (in > 0)
      sg_actor_sleep_for (in / pl->pipe_bw);
    sg_sem_release (pl->feed);
    if (pl->overhead > 0)
      sg_actor_sleep_for (pl->overhead);
    t->blocked += now () - t0;
    gil_acquire (t, s->loc);
    native_cpu (t, in * pl->pickle, FALSE);
    for (double k = 0; k < n; k++) {
      GsValue iv = { GS_DIM_COUNT, first + k, NULL };
      const char *iname = "i";
      GsEnv ienv = { pl->env, 1, &iname, &iv };
      GsValue *args;
      if (!eval_args (t, s, &ienv, &args))
        return FALSE;
      GsEnv frame = { eng->cfg->globals, pl->func->params->len,
                      (const char *const *) pl->func->params->pdata, args };
      g_autoptr (GHashTable) inner = g_hash_table_new_full (g_str_hash, g_str_equal,
          NULL, (GDestroyNotify) g_ptr_array_unref);
      gboolean ok = run_body (t, pl->func->body, &frame, inner);
      for (guint j = 0; j < pl->func->params->len; j++)
        gs_value_clear (&args[j]);
      g_free (args);
      if (!ok)
        return FALSE;
    }
    native_cpu (t, out * pl->pickle, FALSE);
    t0 = now ();
    gil_release (t, s->loc);
    if (out > 0)
      sg_actor_sleep_for (out / pl->pipe_bw);
    block (t, pl->results, "the pool's result handler", NULL, s->loc);
    native_cpu (t, out * pl->pickle, FALSE);
    sg_sem_release (pl->results);
    t->blocked += now () - t0;
    gil_acquire (t, s->loc);
  }
  return TRUE;
}

/* pool P processes map f(...) over K items: starts P worker processes as
 * start does, waits with the GIL released until every chunk is done and
 * the workers have ended.  The sequential run uses one worker. */
static gboolean
do_pool (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  double procs, items, chunk = 0, argbytes = 0, resbytes = 0;
  if (!whole_number (t, s->e1, env, MAX_THREADS, "the number of pool processes", &procs) ||
      !whole_number (t, s->items, env, MAX_REPEAT, "the number of items", &items))
    return FALSE;
  if (procs < 1)
    return fail (eng, s->e1->loc, "a pool needs at least 1 process (it has %g)", procs);
  if (s->chunksize) {
    if (!whole_number (t, s->chunksize, env, MAX_REPEAT, "the chunk size", &chunk))
      return FALSE;
    if (chunk < 1)
      return fail (eng, s->chunksize->loc, "the chunk size must be at least 1 "
                   "(it is %g)", chunk);
  } else {
    /* Pool.map's default: divmod(len(items), 4 * processes), rounded up */
    chunk = MAX (1, ceil (items / (4 * procs)));
  }
  if ((s->argsize && !quantity (t, s->argsize, env, GS_DIM_SIZE, MAX_BYTES,
                                "the argument's size", &argbytes)) ||
      (s->resultsize && !quantity (t, s->resultsize, env, GS_DIM_SIZE, MAX_BYTES,
                                   "the result's size", &resbytes)))
    return FALSE;
  const GsFunc *f = gs_scenario_func (eng->cfg->sc, s->func);
  if (eng->steps + items * f->body->len > MAX_STEPS)
    return fail (eng, s->loc, "this pool runs %.0f statements, more than the "
                 "%.0f a simulation may; use bigger units of work",
                 items * f->body->len, MAX_STEPS);
  if (eng->threads->len + procs > MAX_THREADS)
    return fail (eng, s->e1->loc, "more than %.0f threads and processes in "
                 "all; simulate fewer", MAX_THREADS);
  if (eng->procs->len - 1 + procs > MAX_PROCESSES)
    return fail (eng, s->e1->loc, "more than %.0f processes in all; simulate "
                 "fewer", MAX_PROCESSES);
  if (eng->cfg->sequential)
    procs = 1;
  Pool *pl = g_new0 (Pool, 1);
  pl->stmt = s;
  pl->func = f;
  pl->env = env;
  pl->items = items;
  pl->chunk = chunk;
  pl->argbytes = argbytes;
  pl->resbytes = resbytes;
  const char *method = s->method ? s->method : default_method (eng);
  g_autofree char *pp = g_strdup_printf ("process.%s.parent", method);
  g_autofree char *cp = g_strdup_printf ("process.%s.child", method);
  g_autofree char *ep = g_strdup_printf ("process.%s.exit", method);
  double parent_cost, child_cost, exit_cost;
  /* ../shared/notes/gil-mechanics.md: pickled data crosses pipes at 200 to
   * 350 MB/s; map with chunksize 1 costs 20 to 50 us per item */
  if (!host_cost (eng, pp, GS_DIM_DURATION, FALSE, 0, s->loc, &parent_cost) ||
      !host_cost (eng, cp, GS_DIM_DURATION, FALSE, 0, s->loc, &child_cost) ||
      !host_cost (eng, ep, GS_DIM_DURATION, TRUE, 0, s->loc, &exit_cost) ||
      !host_cost (eng, "pickle.per_byte", GS_DIM_DURATION, TRUE, 1e-9, s->loc,
                  &pl->pickle) ||
      !host_cost (eng, "pipe.bandwidth", GS_DIM_BANDWIDTH, TRUE, 1e9, s->loc,
                  &pl->pipe_bw) ||
      !host_cost (eng, "pool.chunk_overhead", GS_DIM_DURATION, TRUE, 35e-6, s->loc,
                  &pl->overhead)) {
    g_free (pl);
    return FALSE;
  }
  pl->feed = sg_sem_init (1);
  pl->results = sg_sem_init (1);
  g_autoptr (GPtrArray) workers = g_ptr_array_new ();
  for (double k = 0; k < procs; k++) {
    python_cpu (t, parent_cost, s->loc);
    g_autofree char *name = g_strdup_printf ("%c%sPoolWorker-%u",
                                             g_ascii_toupper (method[0]), method + 1,
                                             ++eng->next_thread_number);
    Proc *p = proc_new (eng, name);
    Thread *w = thread_new (p, name, "process", f, NULL);
    w->pool = pl;
    w->child_start = child_cost;
    w->child_exit = exit_cost;
    w->child_cpu = strcmp (method, "spawn") == 0;
    g_ptr_array_add (workers, w);
    thread_launch (w);
  }
  double t0 = now ();
  gil_release (t, s->loc);
  for (guint k = 0; k < workers->len; k++) {
    Thread *w = workers->pdata[k];
    if (!w->done)
      block (t, w->done_sem, "the pool worker", w->name, s->loc);
  }
  t->blocked += now () - t0;
  sg_sem_destroy (pl->feed);
  sg_sem_destroy (pl->results);
  for (guint k = 0; k < workers->len; k++)
    ((Thread *) workers->pdata[k])->pool = NULL;
  g_free (pl);
  gil_acquire (t, s->loc);
  return TRUE;
}

static gboolean
do_import (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  double cost;
  if (s->e1) {
    if (!quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                   "the import's cost", &cost))
      return FALSE;
  } else {
    g_autofree char *prop = g_strdup_printf ("import.%s", s->name);
    if (!gs_host_has (eng->cfg->host, prop))
      return fail (eng, s->loc, "host '%s' of %s has no property '%s': add "
                   "<prop id=\"%s\" value=\"20ms\"/> to it, or give the cost "
                   "here: import %s 20ms", eng->cfg->host->id,
                   eng->cfg->platform->path, prop, prop, s->name);
    if (!host_cost (eng, prop, GS_DIM_DURATION, FALSE, 0, s->loc, &cost))
      return FALSE;
  }
  python_cpu (t, cost, s->loc);
  return TRUE;
}

static char *
worker_name (Engine *eng, const GsStmt *s, GsValue *args)
{
  if (s->args->len > 0 && args[0].dim == GS_DIM_STRING && args[0].str[0])
    return g_strdup (args[0].str);
  return g_strdup_printf ("%s-%u", s->start_kind == GS_START_THREADS ? "Thread"
                          : "Process", ++eng->next_thread_number);
}

static gboolean
do_start (Thread *t, const GsStmt *s, const GsEnv *env, GHashTable *groups)
{
  Engine *eng = t->proc->eng;
  double n;
  if (!whole_number (t, s->e1, env, MAX_THREADS, "the number of workers", &n))
    return FALSE;
  if (eng->threads->len + n > MAX_THREADS)
    return fail (eng, s->e1->loc, "more than %.0f threads and processes in "
                 "all; simulate fewer", MAX_THREADS);
  if (s->start_kind == GS_START_PROCESSES && eng->procs->len - 1 + n > MAX_PROCESSES)
    return fail (eng, s->e1->loc, "more than %.0f processes in all; simulate "
                 "fewer", MAX_PROCESSES);
  const GsFunc *f = gs_scenario_func (eng->cfg->sc, s->func);
  GPtrArray *members = g_ptr_array_new ();
  g_hash_table_replace (groups, s->name, members);
  const char *method = s->method ? s->method : default_method (eng);
  double parent_cost = 0, child_cost = 0, exit_cost = 0;
  if (s->start_kind == GS_START_THREADS) {
    parent_cost = eng->costs.thread_start;
  } else {
    g_autofree char *pp = g_strdup_printf ("process.%s.parent", method);
    g_autofree char *cp = g_strdup_printf ("process.%s.child", method);
    g_autofree char *ep = g_strdup_printf ("process.%s.exit", method);
    if (!host_cost (eng, pp, GS_DIM_DURATION, FALSE, 0, s->loc, &parent_cost) ||
        !host_cost (eng, cp, GS_DIM_DURATION, FALSE, 0, s->loc, &child_cost) ||
        !host_cost (eng, ep, GS_DIM_DURATION, TRUE, 0, s->loc, &exit_cost))
      return FALSE;
  }
  for (double i = 0; i < n; i++) {
    GsValue iv = { GS_DIM_COUNT, i, NULL };
    const char *iname = "i";
    GsEnv ienv = { env, 1, &iname, &iv };
    GsValue *args;
    if (!eval_args (t, s, &ienv, &args))
      return FALSE;
    python_cpu (t, parent_cost, s->loc);
    g_autofree char *name = worker_name (eng, s, args);
    Thread *w;
    if (s->start_kind == GS_START_THREADS) {
      w = thread_new (t->proc, name, "thread", f, args);
    } else {
      Proc *p = proc_new (eng, name);
      w = thread_new (p, name, "process", f, args);
      w->child_start = child_cost;
      w->child_exit = exit_cost;
      w->child_cpu = strcmp (method, "spawn") == 0;
    }
    /* the sequential run: the same program, but each worker of the group
     * waits for the one started before it to finish */
    if (eng->cfg->sequential && members->len > 0)
      w->after = members->pdata[members->len - 1];
    g_ptr_array_add (members, w);
    thread_launch (w);
    if (s->start_kind == GS_START_THREADS) {
      /* Thread.start() waits, with the GIL released, until the new thread
       * runs; getting the GIL back can then take a switch interval. */
      double t0 = now ();
      gil_release (t, s->loc);
      block (t, w->started_sem, "the start of", w->name, s->loc);
      t->blocked += now () - t0;
      gil_acquire (t, s->loc);
    }
  }
  return TRUE;
}

static gboolean
do_join (Thread *t, const GsStmt *s, GHashTable *groups)
{
  GPtrArray *members = g_hash_table_lookup (groups, s->name);
  if (members == NULL)
    return TRUE;  /* sequential mode, or started zero workers */
  double t0 = now ();
  gboolean released = FALSE;
  for (guint i = 0; i < members->len; i++) {
    Thread *w = members->pdata[i];
    if (w->done)
      continue;
    if (!released) {
      gil_release (t, s->loc);
      released = TRUE;
    }
    block (t, w->done_sem, "join", w->name, s->loc);
  }
  t->blocked += now () - t0;
  if (released)
    gil_acquire (t, s->loc);
  return TRUE;
}

static gboolean
do_call (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  const GsFunc *f = gs_scenario_func (eng->cfg->sc, s->func);
  GsValue *args;
  if (!eval_args (t, s, env, &args))
    return FALSE;
  GsEnv frame = { eng->cfg->globals, f->params->len,
                  (const char *const *) f->params->pdata, args };
  g_autoptr (GHashTable) inner = g_hash_table_new_full (g_str_hash, g_str_equal,
      NULL, (GDestroyNotify) g_ptr_array_unref);
  gboolean ok = run_body (t, f->body, &frame, inner);
  for (guint j = 0; j < f->params->len; j++)
    gs_value_clear (&args[j]);
  g_free (args);
  return ok;
}

static gboolean
run_stmt (Thread *t, const GsStmt *s, const GsEnv *env, GHashTable *groups)
{
  Engine *eng = t->proc->eng;
  if (++eng->steps > MAX_STEPS)
    return fail (eng, s->loc, "the simulation needs more than %.0f steps; use "
                 "bigger units of work (python 1e6 iterations rather than a "
                 "repeat of small ones)", MAX_STEPS);
  switch (s->kind) {
  case GS_STMT_PRINT: {
    GsValue v = { 0 };
    GError *err = NULL;
    if (!gs_eval (eng->file, s->e1, env, &v, &err))
      return fail_with (eng, err);
    g_autofree char *text = gs_value_format (&v);
    gs_value_clear (&v);
    if (eng->result->prints->len >= MAX_PRINTS)
      return fail (eng, s->loc, "more than %d printed lines; print less", MAX_PRINTS);
    gs_result_add_print (eng->result, now (), t->name, text);
    return TRUE;
  }
  case GS_STMT_PYTHON:
    return do_python (t, s, env);
  case GS_STMT_SLEEP:
    return do_sleep (t, s, env);
  case GS_STMT_NATIVE:
    return do_native (t, s, env);
  case GS_STMT_IMPORT:
    return do_import (t, s, env);
  case GS_STMT_REPEAT: {
    double n;
    if (!whole_number (t, s->e1, env, MAX_REPEAT, "the repeat count", &n))
      return FALSE;
    if (eng->steps + n * s->body->len > MAX_STEPS)
      return fail (eng, s->loc, "this repeat runs %.0f statements, more than "
                   "the %.0f a simulation may; use bigger units of work "
                   "(python 1e6 iterations rather than a repeat of small "
                   "ones)", n * s->body->len, MAX_STEPS);
    for (double i = 0; i < n; i++)
      if (!run_body (t, s->body, env, groups))
        return FALSE;
    return TRUE;
  }
  case GS_STMT_WITH_LOCK:
    if (!lock_acquire (t, s->name, s->loc))
      return FALSE;
    if (!run_body (t, s->body, env, groups))
      return FALSE;
    lock_release (t, s->name);
    return TRUE;
  case GS_STMT_START:
    return do_start (t, s, env, groups);
  case GS_STMT_JOIN:
    return do_join (t, s, groups);
  case GS_STMT_CALL:
    return do_call (t, s, env);
  case GS_STMT_DISK:
    return do_disk (t, s, env);
  case GS_STMT_REQUEST:
    return do_request (t, s, env);
  case GS_STMT_SEND:
  case GS_STMT_RECEIVE:
    return do_transfer (t, s, env);
  case GS_STMT_POOL:
    return do_pool (t, s, env);
  }
  return TRUE;
}

static gboolean
run_body (Thread *t, GPtrArray *body, const GsEnv *env, GHashTable *groups)
{
  for (guint i = 0; i < body->len; i++)
    if (!run_stmt (t, body->pdata[i], env, groups))
      return FALSE;
  return TRUE;
}

static void
thread_actor (int argc, char **argv)
{
  Thread *t = sg_actor_self_get_data ();
  Engine *eng = t->proc->eng;
  t->start = now ();
  if (t->child_start > 0) {
    /* a new process: fork's copy, or spawn's fresh interpreter and imports */
    if (t->child_cpu)
      native_cpu (t, t->child_start, FALSE);
    else
      sg_actor_sleep_for (t->child_start);
  }
  if (t->is_main)
    native_cpu (t, eng->startup, FALSE);
  GsLoc loc = { 1, 1 };
  if (t->after) {
    /* its turn comes when its predecessor ends; Thread.start() returns */
    sg_sem_release (t->started_sem);
    double t0 = now ();
    block (t, t->after->finished_sem, "its turn after", t->after->name, loc);
    t->blocked += now () - t0;
  }
  gil_acquire (t, loc);
  if (t->after == NULL)
    sg_sem_release (t->started_sem);
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);
  gboolean ok = t->pool ? pool_work (t)
                       : run_body (t, t->func ? t->func->body : eng->cfg->sc->main,
                                   &t->frame, groups);
  g_hash_table_unref (groups);
  if (ok) {
    gil_release (t, loc);
    if (t->child_cpu)
      native_cpu (t, t->child_exit, FALSE);
    else if (t->child_exit > 0)
      sg_actor_sleep_for (t->child_exit);
    t->end = now ();
    t->done = TRUE;
    sg_sem_release (t->done_sem);
    sg_sem_release (t->finished_sem);
  }
}

/* ---------------------------------------------------------------------- */
/* Running                                                                 */

/* Reads into *C the properties of CFG's host that the engine needs before
 * the run, each with its default where the host has none: every read of
 * the cost model at set-up is here.  The statements read their own
 * properties as they run (host_cost).  Can't fail: these are calibration
 * properties, checked when the platform was loaded. */
static void
engine_read_costs (const GsEngineConfig *cfg, Costs *c)
{
  memset (c, 0, sizeof *c);
  c->python_version = g_hash_table_lookup (cfg->host->props, "python.version");
  c->python_loop = 45e-9;
  gs_host_get (cfg->host, cfg->platform, "python.loop", GS_DIM_DURATION, TRUE,
               c->python_loop, &c->python_loop, NULL);
  gs_host_get (cfg->host, cfg->platform, "thread.start", GS_DIM_DURATION, TRUE,
               0, &c->thread_start, NULL);
  gs_host_get (cfg->host, cfg->platform, "sleep.overhead", GS_DIM_DURATION, TRUE,
               0, &c->sleep_overhead, NULL);
  gs_host_get (cfg->host, cfg->platform, "gil.switch_cost", GS_DIM_DURATION, TRUE,
               0, &c->switch_cost, NULL);
  gs_host_get (cfg->host, cfg->platform, "gil.old_release_cost", GS_DIM_DURATION, TRUE,
               0, &c->old_release_cost, NULL);
  gs_host_get (cfg->host, cfg->platform, "python.startup", GS_DIM_DURATION, TRUE,
               0, &c->startup, NULL);

  gs_host_get (cfg->host, cfg->platform, "cpu.slow_fraction", GS_DIM_COUNT, TRUE, 0,
               &c->slow_p, NULL);
  gs_host_get (cfg->host, cfg->platform, "cpu.slow_factor", GS_DIM_COUNT, TRUE, 1,
               &c->slow_r, NULL);
  gs_host_get (cfg->host, cfg->platform, "disk.fsync", GS_DIM_DURATION, TRUE,
               0, &c->fsync_cost, NULL);
  gs_host_get (cfg->host, cfg->platform, "disk.latency", GS_DIM_DURATION, TRUE,
               0, &c->disk_latency, NULL);

  /* each process's GIL (gs_gil_new) */
  gs_host_get (cfg->host, cfg->platform, "gil.handoff_latency",
               GS_DIM_DURATION, TRUE, 50e-6, &c->handoff_latency, NULL);
  gs_host_get (cfg->host, cfg->platform, "gil.fifo_bias",
               GS_DIM_COUNT, TRUE, 0.55, &c->fifo_bias, NULL);
  /* the GIL notes of the project's shared material: 7 000 to 9 000
   * switches a second with CPython 2.7 on 2 cores, a check about every
   * microsecond */
  gs_host_get (cfg->host, cfg->platform, "gil.old_rewin",
               GS_DIM_COUNT, TRUE, 0.993, &c->old_rewin, NULL);

  /* SimGrid's start-up (gs_engine_start): the CPU sharing and the memory
   * bus */
  c->smt = 1;
  c->smt_throughput = 2;
  gs_host_get (cfg->host, cfg->platform, "cpu.smt", GS_DIM_COUNT, TRUE, 1, &c->smt,
               NULL);
  gs_host_get (cfg->host, cfg->platform, "cpu.smt_throughput", GS_DIM_COUNT, TRUE,
               c->smt, &c->smt_throughput, NULL);
  c->has_membus = gs_host_has (cfg->host, "memory.bandwidth") ||
                  gs_host_has (cfg->host, "memory.alloc_bandwidth");
  /* an unset side is as good as unlimited */
  c->membus_read_bw = 1e15;
  c->membus_write_bw = 1e15;
  gs_host_get (cfg->host, cfg->platform, "memory.bandwidth", GS_DIM_BANDWIDTH,
               TRUE, c->membus_read_bw, &c->membus_read_bw, NULL);
  gs_host_get (cfg->host, cfg->platform, "memory.alloc_bandwidth", GS_DIM_BANDWIDTH,
               TRUE, c->membus_write_bw, &c->membus_write_bw, NULL);
}

/* Checks, before the run, that every disk a statement of BODY names is a
 * <disk> of the host. */
static gboolean
check_disks (Engine *eng, GPtrArray *body)
{
  const GsHost *h = eng->cfg->host;
  for (guint i = 0; i < body->len; i++) {
    const GsStmt *s = body->pdata[i];
    if (s->body && !check_disks (eng, s->body))
      return FALSE;
    if (s->kind != GS_STMT_DISK || g_hash_table_contains (eng->disks, s->name))
      continue;
    if (h->disks->len == 0)
      return fail (eng, s->name_loc, "host '%s' of %s has no disk '%s'; add "
                   "<disk id=\"%s\" read_bw=\"500MBps\" write_bw=\"400MBps\"/> "
                   "to it", h->id, eng->cfg->platform->path, s->name, s->name);
    GString *known = g_string_new (NULL);
    for (guint k = 0; k < h->disks->len; k++)
      g_string_append_printf (known, "%s%s", k ? ", " : "",
                              ((GsDisk *) h->disks->pdata[k])->id);
    fail (eng, s->name_loc, "host '%s' of %s has no disk '%s'; its disks: %s",
          h->id, eng->cfg->platform->path, s->name, known->str);
    g_string_free (known, TRUE);
    return FALSE;
  }
  return TRUE;
}

/* Names the cause of a deadlock: a thread waiting for a lock if there is
 * one (the root cause), else the first thread waiting for anything. */
static void
describe_deadlock (Engine *eng)
{
  for (guint i = 0; i < eng->threads->len; i++) {
    Thread *t = eng->threads->pdata[i];
    if (t->done || t->wait_what == NULL || strcmp (t->wait_what, "lock") != 0)
      continue;
    Lock *l = g_hash_table_lookup (t->proc->locks, t->wait_name);
    fail (eng, t->wait_loc, "deadlock: %s waits for lock '%s', held by %s "
          "(taken at line %d) which never releases it; take locks in one "
          "order everywhere", t->name, t->wait_name,
          l && l->owner ? l->owner->name : "nobody", l ? l->taken_at.line : 0);
    return;
  }
  for (guint i = 0; i < eng->threads->len; i++) {
    Thread *t = eng->threads->pdata[i];
    if (t->done || t->wait_what == NULL)
      continue;
    fail (eng, t->wait_loc, "deadlock: %s waits for %s%s%s forever", t->name,
          t->wait_what, t->wait_name ? " " : "", t->wait_name ? t->wait_name : "");
    return;
  }
  GsLoc loc = { 1, 1 };
  fail (eng, loc, "the program never finished (internal: no thread is blocked)");
}

GsResult *
gs_engine_run (const GsEngineConfig *cfg, GError **error)
{
  g_return_val_if_fail (the_engine == NULL, NULL);
  Engine *eng = g_new0 (Engine, 1);
  the_engine = eng;
  eng->cfg = cfg;
  eng->file = cfg->sc->path;
  /* flops per second of cost: a scale above 1 makes every cost longer */
  eng->speed = cfg->host->speed * (cfg->cpu_scale > 0 ? cfg->cpu_scale : 1.0);
  eng->procs = g_ptr_array_new_with_free_func (proc_free);
  eng->threads = g_ptr_array_new_with_free_func (thread_free);
  eng->result = gs_result_new ();
  engine_read_costs (cfg, &eng->costs);
  eng->py_factor = cfg->runtime->single_thread_factor *
      gs_runtime_cost_ratio (cfg->runtime, eng->costs.python_version);
  eng->old_check_s = cfg->runtime->check_interval_iters * eng->costs.python_loop *
      eng->py_factor;
  /* the old GIL's waiters act at the holder's check intervals; looking
   * every 20 of them keeps the simulation fast at a small cost in detail */
  eng->poll_interval = cfg->runtime->gil == GS_GIL_OLD
                           ? 20 * eng->old_check_s
                           : cfg->switch_interval;

  eng->startup = eng->costs.startup;
  if (cfg->startup >= 0)
    eng->startup = cfg->startup;

  if (!engine_started)
    gs_engine_start (cfg);

  /* the host's disks, by id: the platform file's, and the memory bus */
  eng->disks = g_hash_table_new (g_str_hash, g_str_equal);
  {
    unsigned int nd = 0;
    sg_disk_t *ds = NULL;
    sg_host_get_disks (sg_host_by_name (cfg->host->id), &nd, &ds);
    for (unsigned int k = 0; k < nd; k++) {
      const char *id = sg_disk_get_name (ds[k]);
      if (strcmp (id, GS_MEMBUS_NAME) == 0)
        eng->membus = ds[k];
      else
        g_hash_table_insert (eng->disks, (gpointer) id, ds[k]);
    }
    free (ds);
  }
  eng->servers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gboolean checked = check_disks (eng, cfg->sc->main);
  for (guint k = 0; checked && k < cfg->sc->funcs->len; k++)
    checked = check_disks (eng, ((GsFunc *) cfg->sc->funcs->pdata[k])->body);
  checked = checked && start_servers (eng);

  Proc *mainp = proc_new (eng, "MainProcess");
  Thread *main_thread = thread_new (mainp, "MainThread", "main", NULL, NULL);
  main_thread->is_main = TRUE;
  if (checked) {
    thread_launch (main_thread);
    eng->running = TRUE;
    simgrid_run ();
    eng->running = FALSE;
  }

  if (eng->error == NULL && !main_thread->done)
    describe_deadlock (eng);
  if (eng->error == NULL)
    for (guint i = 0; i < eng->threads->len; i++)
      if (!((Thread *) eng->threads->pdata[i])->done) {
        describe_deadlock (eng);
        break;
      }

  GsResult *result = NULL;
  if (eng->error) {
    g_propagate_error (error, eng->error);
    eng->error = NULL;
    gs_result_free (eng->result);
  } else {
    result = eng->result;
    double wall = 0;
    for (guint i = 0; i < eng->threads->len; i++) {
      Thread *t = eng->threads->pdata[i];
      GsGilThreadStats st = gs_gil_thread_stats (t->proc->gil, t->tid, t->end);
      GsWorker w = { t->name, (char *) t->kind, t->start, t->end, t->cpu,
                     st.wait_s, t->blocked, t->python, st.switches_in };
      gs_result_add_worker (result, &w);
      wall = MAX (wall, t->end);
    }
    for (guint i = 0; i < eng->procs->len; i++)
      result->gil_switches += gs_gil_switches (((Proc *) eng->procs->pdata[i])->gil);
    result->wall_s = wall;
  }
  /* Actors are gone (simgrid_run returned): free what they used. */
  g_ptr_array_unref (eng->threads);
  g_ptr_array_unref (eng->procs);
  g_hash_table_unref (eng->disks);
  g_hash_table_unref (eng->servers);
  g_free (eng);
  the_engine = NULL;
  return result;
}

void
gs_engine_start (const GsEngineConfig *cfg)
{
  g_return_if_fail (!engine_started);
  engine_started = TRUE;
  /* simgrid_init may keep pointers into its arguments: they live on */
  static GPtrArray *argv;
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) "gilsim");
  if (cfg->quiet_simgrid) {
    g_ptr_array_add (argv, (char *) "--log=root.app:file:/dev/null");
    g_ptr_array_add (argv, (char *) "--log=xbt_cfg.thres:critical");
  }
  g_ptr_array_add (argv, (char *) "--cfg=contexts/stack-size:256");
  g_ptr_array_add (argv, (char *) "--cfg=contexts/guard-size:0");
  /* links mean what the platform says: latency and bandwidth as written,
   * not LV08's TCP calibration factors (latency x 13.01); a later
   * --cfg=network/model:LV08 brings them back */
  g_ptr_array_add (argv, (char *) "--cfg=network/model:CM02");
  if (cfg->simgrid_args)
    for (guint i = 0; i < cfg->simgrid_args->len; i++)
      g_ptr_array_add (argv, g_strdup (cfg->simgrid_args->pdata[i]));
  g_ptr_array_add (argv, NULL);
  int argc = (int) argv->len - 1;
  simgrid_init (&argc, (char **) argv->pdata);
  simgrid_load_platform (cfg->platform->path);
  Costs costs;
  engine_read_costs (cfg, &costs);
  gs_cpu_sharing_apply (cfg->host->id, cfg->host->cores, (int) costs.smt,
                        costs.smt_throughput);
  if (costs.has_membus)
    gs_membus_create (cfg->host->id, costs.membus_read_bw, costs.membus_write_bw);
}
