/* threads.c: a Python thread on SimGrid: processes, threads and their
 * actor, the glue to each process's GIL (models/gil.h), CPU work, locks. */
#include "engine/internal.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/disk.h>
#include <simgrid/exec.h>
#include <simgrid/host.h>
#include <simgrid/semaphore.h>

#include "engine/exec_wait.h"
#include "engine/fastpath.h"
#include "engine/trace.h"
#include "engine/wakeups.h"
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
  process_actions (p);
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
  process_actions (p);
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
  process_actions (p);
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
  process_actions (p);
  gs_threads_checkpoint (t, loc);
}

static void
controller_actor (int argc, char **argv)
{
  Proc *p = sg_actor_self_get_data ();
  for (;;) {
    gs_gil_advance (p->gil, gs_engine_now () + TIME_EPS);
    process_actions (p);
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
/* The expected slowest of N executions on vCPUs slow (R times) with
 * probability P each, over the mean of one: 1 alone. */
static double
expected_slowest (int n, double p, double r)
{
  if (n <= 1 || p <= 0 || r <= 1)
    return 1;
  return (1 + (r - 1) * (1 - pow (1 - p, n))) / (1 + (r - 1) * p);
}

static double
vcpu_factor (Thread *t, guint part, double seconds)
{
  Engine *eng = t->proc->eng;
  double slow_p = eng->costs.cpu_slow_fraction, slow_r = eng->costs.cpu_slow_factor;
  if (slow_p <= 0 || slow_r <= 1 || eng->cfg->no_noise)
    return 1;
  if (eng->cfg->sample) {  /* a drawn sample: this execution's own vCPUs (noise.h) */
    double f = gs_noise_cpu_factor (t->key, eng->cfg->sample, part, t->slow_pos, seconds,
                                    slow_p, slow_r);
    /* alone, it may leave a slow vCPU (vcpu_escape.h) */
    return eng->slowed_running <= 1 ? gs_vcpu_escape_factor (t, part, seconds, f) : f;
  }
  int n = MIN (eng->slowed_running, eng->cfg->host->cores);
  if (n <= 1)  /* exactly 1 before its escape point (vcpu_escape.h): the
                * formula's rounding would drift a long run */
    return eng->slowed_running <= 1 ? gs_vcpu_escape_factor (t, part, seconds, 1) : 1;
  return expected_slowest (n, slow_p, slow_r);
}

/* The start of an execution of SECONDS of slowed work (part PART of a
 * native call) of T: its time factor, the vCPUs' (above) times a drawn
 * sample's machine speed (noise.h). */
static double
slowed_begin (Thread *t, guint part, double seconds)
{
  Engine *eng = t->proc->eng;
  gs_vcpu_escape_work_begins (t);
  eng->slowed_running++;
  return vcpu_factor (t, part, seconds) * eng->machine_factor;
}

/* The end of an execution of slowed work of T that did DONE seconds of
 * work at F times the mean speed's time (a drawn sample's vCPU states
 * follow the thread's work; what F added is the worker's slowed_s). */
static void
slowed_end (Thread *t, double done, double f)
{
  t->proc->eng->slowed_running--;
  t->slow_pos += MAX (0, done);
  gs_vcpu_escape_advance (t, done);
  t->slowed += MAX (0, done) * (f - 1);
}

/* The time factor of work that no slow vCPU slows: a drawn sample's
 * machine speed (noise.h), 1 otherwise; what it adds to DONE seconds of
 * work is the worker's slowed_s too (unslowed_end). */
static double
unslowed_begin (Thread *t)
{
  return t->proc->eng->machine_factor;
}

static void
unslowed_end (Thread *t, double done, double f)
{
  t->slowed += MAX (0, done) * (f - 1);
}

/* Counts the time since *SINCE that T's execution of FLOPS (at its slow
 * vCPU's factor) took beyond a full core of its own: waiting for a core,
 * a shared or slower one, the waiters' wake-ups (GsWorker's core_wait_s).
 * Time suspended by a collection counts as blocked (collector.c), so the
 * growth of T's blocked time since *BLOCKED is left out.  Moves both
 * marks to now. */
static void
core_wait_count (Thread *t, double *since, double *blocked, double flops)
{
  double now = gs_engine_now ();
  double away = now - *since - (t->blocked - *blocked);
  double own = flops / sg_host_get_speed (sg_host_self ());
  if (away - own > 1e-12 * MAX (1, now))
    t->core_wait += away - own;
  *since = now;
  *blocked = t->blocked;
}

void
gs_threads_native_cpu (Thread *t, double seconds, gboolean slowed)
{
  if (seconds <= 0)
    return;
  Engine *eng = t->proc->eng;
  GsLoc here = { 0, 0 };
  gs_collector_safepoint (t, here);
  t->native_attached = t->holds_gil;
  t->cpu += seconds;
  GS_TRACE (eng, cpu (eng->trace, t, FALSE, 1, here));
  double f = slowed ? slowed_begin (t, 0, seconds) : unslowed_begin (t);
  double since = gs_engine_now (), blocked = t->blocked;
  sg_exec_t e = sg_actor_exec_init (seconds * f * eng->speed);
  sg_exec_start (e);
  sg_exec_wait (e);
  core_wait_count (t, &since, &blocked, seconds * f * eng->speed);
  if (slowed)
    slowed_end (t, seconds, f);
  else
    unslowed_end (t, seconds, f);
  GS_TRACE (eng, cpu_end (eng->trace, t));
  gs_collector_native_end (t);
}

/* A process's start-up of SECONDS of CPU (a spawned child's, or the main
 * process's interpreter start), as a native call not slowed: all of it on
 * one vCPU, fast or slow (cpu.start_slow_factor).  A drawn sample runs it
 * on its vCPU's drawn state (noise.h); the expected prediction at the
 * mean when it runs alone, and, as vcpu_factor() does for slowed work, at
 * the expected slowest of the n start-ups running when it begins, itself
 * included (at most the host's cores): a row of children started together
 * waits for the slowest of their vCPUs. */
static void
start_cpu (Thread *t, double seconds)
{
  Engine *eng = t->proc->eng;
  const GsCosts *c = &eng->costs;
  double f = eng->cfg->no_noise ? 1
             : eng->cfg->sample ? gs_noise_start_factor (t->key, eng->cfg->sample,
                                                         c->cpu_slow_fraction,
                                                         c->cpu_start_slow_factor)
                                : expected_slowest (MIN (eng->starting + 1, eng->cfg->host->cores),
                                                    c->cpu_slow_fraction,
                                                    c->cpu_start_slow_factor);
  eng->starting++;
  gs_threads_native_cpu (t, seconds * f, FALSE);
  eng->starting--;
  /* what its vCPU added is slow vCPUs' time (slowed_s), not CPU work */
  t->cpu -= seconds * (f - 1);
  t->slowed += seconds * (f - 1);
}

/* Runs SECONDS of T's native work in N parts at once, each on a core of
 * its own, slowed by slow vCPUs if SLOWED, while the memory bus
 * (membus.h) fills WRITE bytes of fresh memory and streams READ bytes: it
 * ends when the slowest part and the bus are done.  Counts the time beyond
 * the slowest part on a full core as core_wait, from *SINCE and *BLOCKED
 * (core_wait_count). */
static void
native_parts (Thread *t, double seconds, int n, double write, double read,
              gboolean slowed, double *since, double *blocked)
{
  Engine *eng = t->proc->eng;
  sg_exec_t *execs = g_new (sg_exec_t, n);
  double fmax = 1;  /* the slowest part decides when the call ends */
  for (int k = 0; k < n; k++) {
    double f = slowed ? slowed_begin (t, (guint) k, seconds / n) : unslowed_begin (t);
    fmax = k ? MAX (fmax, f) : f;
    execs[k] = sg_actor_exec_init (seconds / n * f * eng->speed);
    sg_exec_start (execs[k]);
  }
  if (eng->membus && write >= 1)
    sg_disk_write (eng->membus, (sg_size_t) llround (write));
  if (eng->membus && read >= 1)
    sg_disk_read (eng->membus, (sg_size_t) llround (read));
  for (int k = 0; k < n; k++) {
    sg_exec_wait (execs[k]);
    if (slowed)
      slowed_end (t, k == 0 ? seconds / n : 0, k == 0 ? fmax : 1);
    else if (k == 0)
      unslowed_end (t, seconds / n, fmax);
  }
  g_free (execs);
  /* beyond its slowest part on a core of its own: cores or memory shared */
  core_wait_count (t, since, blocked, seconds / n * fmax * eng->speed);
}

void
gs_threads_native_work (Thread *t, double seconds, double threads, double bytes,
                        double alloc, gboolean slowed)
{
  Engine *eng = t->proc->eng;
  if (threads <= 1 && (eng->membus == NULL || (bytes <= 0 && alloc <= 0))) {
    gs_threads_native_cpu (t, seconds, slowed);
    return;
  }
  int n = (int) MAX (1, threads);
  GsLoc here = { 0, 0 };
  gs_collector_safepoint (t, here);
  t->native_attached = t->holds_gil;
  t->cpu += seconds;
  GS_TRACE (eng, cpu (eng->trace, t, FALSE, n, here));
  double since = gs_engine_now (), blocked = t->blocked;
  /* A fresh output's page faults (memory.alloc_cost): the first touch of
   * each page traps into the kernel, which zeroes it before the call's own
   * code goes on, so that part of the cost (one thread's rate, at most all
   * of it) runs before the arithmetic, not beside it, and threads faulting
   * at once share memory.alloc_bandwidth.  Without it, or without a bus,
   * the fill overlaps the arithmetic. */
  double fault = eng->membus ? MIN (seconds, alloc * eng->costs.memory_alloc_cost) : 0;
  if (fault > 0) {
    native_parts (t, fault, n, alloc, 0, slowed, &since, &blocked);
    alloc = 0;
  }
  if (fault <= 0 || seconds - fault > 0 || bytes >= 1)  /* unless the faults were all */
    native_parts (t, seconds - fault, n, alloc, bytes, slowed, &since, &blocked);
  GS_TRACE (eng, cpu_end (eng->trace, t));
  gs_collector_native_end (t);
}

/* TRUE if no other thread of T's process is alive: nobody can ask T for
 * the GIL (only T itself could start one), so its Python code need not
 * look at the GIL while it runs. */
static gboolean
alone_in_process (const Thread *t)
{
  return t->proc->n_live == (t->done ? 0u : 1u);
}

/* A switch costs the new holder a little (cold caches), and the old GIL's
 * releases cost the holder: T pays what it owes into RUN's overheads. */
static void
pay_penalty (Thread *t, PyRun *run)
{
  Engine *eng = t->proc->eng;
  run->pending += t->penalty * eng->speed;
  t->penalty = 0;
  t->cpu += run->pending / eng->speed;
  run->extra += run->pending;
  run->pending = 0;
}

void
gs_threads_python_cpu (Thread *t, double seconds, GsLoc loc)
{
  Proc *p = t->proc;
  Engine *eng = p->eng;
  gboolean old_gil = eng->cfg->runtime->gil == GS_GIL_OLD;
  PyRun run = { 0 };
  run.work = seconds * eng->speed;  /* flops of the program's own code */
  run.extra = 0;                    /* flops of overheads (not Python) */
  run.pending = 0;                  /* overheads incurred meanwhile */
  run.since = gs_engine_now ();
  gs_collector_safepoint (t, loc);
  t->cpu += seconds;
  t->py = &run;
  while (run.work + run.extra > 1e-9 * eng->speed) {
    if (gs_fastpath_run (t, loc)) {
      /* many holds played at once (fastpath.h): pay the last grant's cost */
      pay_penalty (t, &run);
      continue;
    }
    GS_TRACE (eng, cpu (eng->trace, t, TRUE, 1, loc));
    double seen = run.work + run.extra;
    /* alone on a vCPU, the execution stops at its escape point, after
     * which it runs fast (vcpu_escape.h) */
    gs_vcpu_escape_work_begins (t);
    const gboolean capped = seen > gs_vcpu_escape_limit (t) * eng->speed;
    if (capped)
      seen = gs_vcpu_escape_limit (t) * eng->speed;
    const double seen0 = seen;
    /* flops of the execution per flop of work: a slow CPU, the waiters'
     * wake-ups (counted after this execution is) */
    const double slow = slowed_begin (t, 0, seen / eng->speed);
    const double f = slow * gs_wakeups_stretch (t);
    sg_exec_t e = sg_actor_exec_init (seen * f);
    sg_exec_start (e);
    gboolean alone = alone_in_process (t);
    double since = gs_engine_now (), blocked = t->blocked;
    for (;;) {
      double dt = -1;
      if (eng->cfg->runtime->gil != GS_GIL_NONE && !alone) {
        double next = gs_gil_next_event (p->gil);
        dt = MAX (MIN (next - gs_engine_now (), eng->poll_interval), MIN_WAIT);
      }
      t->python_exec = e;              /* a collection may suspend it */
      /* a daemon thread is killed where it is when the program ends: what
       * it had not run is taken back then (gs_threads_killed_cpu) */
      t->py_unrun = (run.work + run.extra) / eng->speed;
      t->py_running_since = since;
      gboolean done = t->daemon ? gs_exec_wait_killable (e, dt)
                                : gs_exec_wait_done (e, dt);
      t->python_exec = NULL;
      t->py_running_since = -1;
      /* what ran since the last look, shared pro rata by work and extra */
      double left = done ? 0 : sg_exec_get_remaining (e) / f;
      /* the timer and the end of the work at the same instant: the work is
       * done (whichever SimGrid saw first), as when it ends a moment before */
      gboolean ended = !done && left <= 1e-9 * eng->speed;
      if (ended)
        left = 0;
      double ran = seen - left;
      /* capped, the execution is not all that is left */
      double ran_work = seen > 0 ? ran * run.work / (capped ? run.work + run.extra : seen) : 0;
      run.work = MAX (0, run.work - ran_work);
      run.extra = MAX (0, run.extra - (ran - ran_work));
      seen = left;
      core_wait_count (t, &since, &blocked, ran * slow);
      if (old_gil && gs_gil_n_waiting (p->gil) > 0)
        /* the old GIL: every check interval with a waiter, the holder
         * releases the lock, wakes a waiter and takes it back */
        run.pending += ran_work / eng->old_check_s * eng->costs.gil_old_release_cost;
      if (done || ended) {
        if (done)
          gs_exec_release (e);
        else
          sg_exec_cancel (e);
        slowed_end (t, (seen0 - seen) / eng->speed, slow);
        /* the GIL's timers due at this instant fire first, whether SimGrid
         * saw the end of the work or the timer first */
        if (eng->cfg->runtime->gil != GS_GIL_NONE && !alone) {
          gs_gil_advance (p->gil, gs_engine_now () + TIME_EPS);
          process_actions (p);
        }
        break;
      }
      /* timed out: the execution goes on; look at the GIL */
      gs_gil_advance (p->gil, gs_engine_now () + TIME_EPS);
      process_actions (p);
      if (gs_gil_drop_requested (p->gil) && gs_gil_holder (p->gil) == t->tid) {
        sg_exec_cancel (e);
        slowed_end (t, (seen0 - seen) / eng->speed, slow);
        run.at_checkpoint = TRUE;
        t->py_unrun = (run.work + run.extra) / eng->speed;
        gs_threads_checkpoint (t, loc);
        run.at_checkpoint = FALSE;
        break;
      }
    }
    /* a switch costs the new holder a little (cold caches), and the old
     * GIL's releases cost the holder: pay them now */
    pay_penalty (t, &run);
  }
  t->py = NULL;
  t->py_unrun = 0;
  GS_TRACE (eng, cpu_end (eng->trace, t));
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
      start_cpu (t, t->child_start);
    else
      child_wait (t, t->child_start, "process start-up");
  }
  if (t->is_main)
    start_cpu (t, eng->startup);
  GsLoc loc = { 1, 1 };
  if (t->after) {
    /* its turn comes when its predecessor ends; Thread.start() returns */
    sg_sem_release (t->started_sem);
    double t0 = gs_engine_now ();
    gs_threads_block (t, t->after->finished_sem, "its turn after", t->after->name,
                      loc);
    gs_threads_count_blocked (t, t0);
  }
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
