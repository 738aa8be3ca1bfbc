/* threads_cpu.c: a thread's CPU work on its core: Python code between
 * check points, native calls (in parts, beside the memory bus), a
 * process's start-up, each stretched by the host's slow virtual CPUs (see
 * threads.c for the rest of a thread). */
#include "engine/internal.h"

#include <float.h>
#include <math.h>

#include <simgrid/actor.h>
#include <simgrid/disk.h>
#include <simgrid/exec.h>
#include <simgrid/host.h>
#include <xbt/config.h>

#include "engine/exec_wait.h"
#include "engine/fastpath.h"
#include "engine/trace.h"
#include "engine/vcpu_escape.h"
#include "engine/wakeups.h"

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

/* Counts the time since *SINCE, up to NOW, that T's execution of FLOPS
 * (at its slow vCPU's factor) took beyond a full core of its own: waiting
 * for a core, a shared or slower one, the waiters' wake-ups (GsWorker's
 * core_wait_s).  Time suspended by a collection counts as blocked
 * (collector.c), so the growth of T's blocked time since *BLOCKED is left
 * out.  Moves both marks to NOW. */
static void
core_wait_until (Thread *t, double now, double *since, double *blocked, double flops)
{
  double away = now - *since - (t->blocked - *blocked);
  double own = flops / sg_host_get_speed (sg_host_self ());
  if (away - own > 1e-12 * MAX (1, now))
    t->core_wait += away - own;
  *since = now;
  *blocked = t->blocked;
}

/* core_wait_until now. */
static void
core_wait_count (Thread *t, double *since, double *blocked, double flops)
{
  core_wait_until (t, gs_engine_now (), since, blocked, flops);
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
void
gs_threads_start_cpu (Thread *t, double seconds)
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

/* One execution of a `python` statement's work (gs_threads_python_cpu),
 * between its looks at the GIL. */
typedef struct {
  sg_exec_t e;
  double seen;        /* flops of work and extra it stands for, left */
  double seen0;       /* ... when it began */
  gboolean capped;    /* it stops at the vCPU's escape point (not all left) */
  double slow;        /* its slow vCPU's factor */
  double f;           /* flops of the execution per flop of work */
  double since;       /* core_wait_until's marks */
  double blocked;
  /* its flops left as SimGrid computes them at a read (CpuAction::
   * update_remains_lazy: minus its rate times the time since the last
   * update, 0 below maxmin/precision times surf/precision), updated at
   * LAST; RATE is the host's speed, SimGrid's share for an execution
   * alone on its core */
  double rem;
  double last;
  double rate;
  gboolean verified;  /* SimGrid's last read gave this arithmetic's value */
  gboolean chained;   /* SimGrid's own was left behind (lone_replay): this
                         is the execution's remaining */
} PyExec;

/* SimGrid's precision on an action's remaining (double_update): fixed for
 * the process, as SimGrid's configuration is once it runs. */
static double
remains_precision (void)
{
  static double prec = -1;
  if (prec < 0)
    prec = sg_cfg_get_double ("maxmin/precision") * sg_cfg_get_double ("surf/precision");
  return prec;
}

/* X's remaining brought up to NOW as SimGrid's lazy update does it. */
static void
chain_update (PyExec *x, double now)
{
  if (x->rem > 0) {
    x->rem -= x->rate * (now - x->last);
    if (x->rem < remains_precision ())
      x->rem = 0;
  }
  x->last = now;
}

/* The flops X's execution has left now: SimGrid's, checked against (and
 * then the start of) the arithmetic above, or that arithmetic's once
 * SimGrid's was left behind. */
static double
exec_remaining (PyExec *x)
{
  double now = gs_engine_now ();
  chain_update (x, now);
  if (x->chained)
    return x->rem;
  double r = sg_exec_get_remaining (x->e);
  x->verified = x->rem == r;
  x->rem = r;
  return r;
}

/* A look at NOW of T at its GIL, X's execution having LEFT flops of work
 * (over its factor) to do: what ran since the last look, shared pro rata
 * by work and extra. */
static void
account_look (Thread *t, PyRun *run, PyExec *x, double left, double now)
{
  Engine *eng = t->proc->eng;
  double ran = x->seen - left;
  /* capped, the execution is not all that is left */
  double ran_work = x->seen > 0 ? ran * run->work / (x->capped ? run->work + run->extra : x->seen) : 0;
  run->work = MAX (0, run->work - ran_work);
  run->extra = MAX (0, run->extra - (ran - ran_work));
  x->seen = left;
  core_wait_until (t, now, &x->since, &x->blocked, ran * x->slow);
  if (eng->cfg->runtime->gil == GS_GIL_OLD && gs_gil_n_waiting (t->proc->gil) > 0)
    /* the old GIL: every check interval with a waiter, the holder
     * releases the lock, wakes a waiter and takes it back */
    run->pending += ran_work / eng->old_check_s * eng->costs.gil_old_release_cost;
}

/* The looks of T, a lone holder (gs_fastpath_lone) in X's execution, at a
 * GIL that nobody wants, replayed at once from now: each look's arithmetic
 * (account_look, X's remaining as SimGrid would read it, the GIL's
 * advance) at the times the step-by-step path looks, up to the last look
 * that X's execution outlasts by two polls, or one that leaves the GIL
 * something to do; then the simulated time passes to it, in one wait.
 * SimGrid's remaining after that one wait is not the chain of the looks'
 * (it rounds once, not at each look), so X's remaining is the arithmetic's
 * from then on (X->chained).  SimGrid computed the execution's end when it
 * started and keeps it while its sharing stays the same: a timed wait on it
 * (a timer) changes nothing there.  A daemon thread's wait does (its
 * time-out is a sleep on the host: the end is computed again at each look,
 * from the remaining), so a daemon's execution is replaced by one of the
 * remaining at the last look, which SimGrid ends as it would have.  FALSE
 * when it played nothing: X's remaining not yet checked against
 * SimGrid's, not a lone holder, or its end too close. */
static gboolean
lone_replay (Thread *t, PyRun *run, PyExec *x)
{
  Proc *p = t->proc;
  Engine *eng = p->eng;
  const double from = gs_engine_now ();
  if (!(x->verified || x->chained) || x->last != from || !gs_fastpath_lone (t))
    return FALSE;
  const double floor = 2 * eng->poll_interval * x->rate;
  double now = from;
  guint looks = 0;
  for (;;) {
    double next = gs_gil_next_event (p->gil);
    double at =
        gs_fastpath_clock_after (now, MAX (MIN (next - now, eng->poll_interval), MIN_WAIT));
    if (next < DBL_MAX / 2 || x->rem - x->rate * (at - x->last) <= floor)
      break;
    chain_update (x, at);
    account_look (t, run, x, x->rem / x->f, at);
    now = at;
    looks++;
    gs_gil_advance (p->gil, now + TIME_EPS);
    if (gs_gil_n_actions (p->gil) > 0 || gs_gil_drop_requested (p->gil))
      break;   /* the engine's to carry out at this look */
  }
  if (looks == 0)
    return FALSE;
  x->chained = TRUE;
  gs_fastpath_lone_played (t, from, now, looks);
  if (t->daemon) {
    sg_exec_cancel (x->e);
    gs_fastpath_sleep_until (now);
    x->e = sg_actor_exec_init (x->rem);
    sg_exec_start (x->e);
    return TRUE;
  }
  t->python_exec = x->e;
  while (gs_engine_now () < now) {
    gboolean done = gs_exec_wait_done (x->e, gs_fastpath_landing_timeout (gs_engine_now (), now));
    g_assert (!done);   /* it outlasts the last look by two polls */
  }
  t->python_exec = NULL;
  return TRUE;
}

void
gs_threads_python_cpu (Thread *t, double seconds, GsLoc loc)
{
  Proc *p = t->proc;
  Engine *eng = p->eng;
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
    PyExec x = { 0 };
    x.seen = run.work + run.extra;
    /* alone on a vCPU, the execution stops at its escape point, after
     * which it runs fast (vcpu_escape.h) */
    gs_vcpu_escape_work_begins (t);
    x.capped = x.seen > gs_vcpu_escape_limit (t) * eng->speed;
    if (x.capped)
      x.seen = gs_vcpu_escape_limit (t) * eng->speed;
    x.seen0 = x.seen;
    /* flops of the execution per flop of work: a slow CPU, the waiters'
     * wake-ups (counted after this execution is) */
    x.slow = slowed_begin (t, 0, x.seen / eng->speed);
    x.f = x.slow * gs_wakeups_stretch (t);
    x.e = sg_actor_exec_init (x.seen * x.f);
    sg_exec_start (x.e);
    gboolean alone = alone_in_process (t);
    x.since = gs_engine_now ();
    x.blocked = t->blocked;
    x.rem = x.seen * x.f;
    x.last = x.since;
    x.rate = sg_host_get_speed (sg_host_self ());
    for (;;) {
      /* a lone holder's looks, many at once; else one */
      if (alone || !lone_replay (t, &run, &x)) {
        double dt = -1;
        if (eng->cfg->runtime->gil != GS_GIL_NONE && !alone) {
          double next = gs_gil_next_event (p->gil);
          dt = MAX (MIN (next - gs_engine_now (), eng->poll_interval), MIN_WAIT);
        }
        t->python_exec = x.e;            /* a collection may suspend it */
        /* a daemon thread is killed where it is when the program ends: what
         * it had not run is taken back then (gs_threads_killed_cpu) */
        t->py_unrun = (run.work + run.extra) / eng->speed;
        t->py_running_since = x.since;
        gboolean done = t->daemon ? gs_exec_wait_killable (x.e, dt)
                                  : gs_exec_wait_done (x.e, dt);
        t->python_exec = NULL;
        t->py_running_since = -1;
        /* what ran since the last look, shared pro rata by work and extra */
        double left = done ? 0 : exec_remaining (&x) / x.f;
        /* the timer and the end of the work at the same instant: the work
         * is done (whichever SimGrid saw first), as when it ends a moment
         * before */
        gboolean ended = !done && left <= 1e-9 * eng->speed;
        if (ended)
          left = 0;
        account_look (t, &run, &x, left, gs_engine_now ());
        if (done || ended) {
          if (done)
            gs_exec_release (x.e);
          else
            sg_exec_cancel (x.e);
          slowed_end (t, (x.seen0 - x.seen) / eng->speed, x.slow);
          /* the GIL's timers due at this instant fire first, whether
           * SimGrid saw the end of the work or the timer first */
          if (eng->cfg->runtime->gil != GS_GIL_NONE && !alone) {
            gs_gil_advance (p->gil, gs_engine_now () + TIME_EPS);
            gs_threads_process_actions (p);
          }
          break;
        }
        /* timed out: the execution goes on; look at the GIL */
        gs_gil_advance (p->gil, gs_engine_now () + TIME_EPS);
      }
      gs_threads_process_actions (p);
      if (gs_gil_drop_requested (p->gil) && gs_gil_holder (p->gil) == t->tid) {
        sg_exec_cancel (x.e);
        slowed_end (t, (x.seen0 - x.seen) / eng->speed, x.slow);
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
