/* interp.c: carries out the statements of a scenario, one thread's at a
 * time (the resources' statements are in resources.c). */
#include "engine/internal.h"

#include <math.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/semaphore.h>

#include "platform/platform.h"
#include "presets.h"
#include "engine/result.h"
#include "engine/cores.h"

/* ---------------------------------------------------------------------- */
/* Quantities and arguments                                                */

gboolean
gs_interp_quantity (Thread *t, const GsExpr *e, const GsEnv *env, GsDim dim,
                    double max, const char *what, double *out)
{
  GError *err = NULL;
  if (gs_eval_quantity (t->proc->eng->file, e, env, dim, max, what, out, &err))
    return TRUE;
  return gs_engine_fail_with (t->proc->eng, err);
}

gboolean
gs_interp_whole_number (Thread *t, const GsExpr *e, const GsEnv *env, double max,
                        const char *what, double *out)
{
  if (!gs_interp_quantity (t, e, env, GS_DIM_COUNT, max, what, out))
    return FALSE;
  if (*out != floor (*out))
    return gs_engine_fail (t->proc->eng, e->loc,
                           "%s must be a whole number (it is %g)", what, *out);
  return TRUE;
}

gboolean
gs_interp_eval_args (Thread *t, const GsStmt *s, const GsEnv *env, GsValue **out)
{
  GsValue *args = g_new0 (GsValue, s->args->len + 1);
  for (guint i = 0; i < s->args->len; i++) {
    GError *err = NULL;
    if (!gs_eval (t->proc->eng->file, s->args->pdata[i], env, &args[i], &err)) {
      for (guint j = 0; j < i; j++)
        gs_value_clear (&args[j]);
      g_free (args);
      return gs_engine_fail_with (t->proc->eng, err);
    }
  }
  *out = args;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Statements                                                              */

static gboolean
do_python (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  GsValue v = { 0 };
  GError *err = NULL;
  if (!gs_eval (eng->file, s->e1, env, &v, &err))
    return gs_engine_fail_with (eng, err);
  GsDim dim = v.dim;
  gs_value_clear (&v);
  double seconds, per_iter = 0;
  if (dim == GS_DIM_DURATION && s->iterations)
    return gs_engine_fail (eng, s->e1->loc, "'iterations' counts rounds of the "
                           "loop: give a number (python 10**7 iterations), or "
                           "the time without it (python 10ms)");
  if (dim == GS_DIM_DURATION) {
    if (!gs_interp_quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                             "the Python CPU time", &seconds))
      return FALSE;
    seconds *= eng->py_factor;
  } else {
    double iters;
    if (!gs_interp_quantity (t, s->e1, env, GS_DIM_COUNT, MAX_ITERATIONS,
                             "the number of iterations", &iters))
      return FALSE;
    if (!eng->have_loop) {
      if (!eng->costs.has_python_loop)
        return gs_engine_fail_missing (eng, "python.loop", s->loc);
      eng->loop_s = eng->costs.python_loop *
          (eng->py_factor * (eng->cfg->loop_scale > 0 ? eng->cfg->loop_scale : 1.0));
      eng->have_loop = TRUE;
    }
    per_iter = eng->loop_s;
    /* a sum that starts again often enough to stay one 30-bit digit: on
     * Python 3 both operands take long_add's fast path (compact ints);
     * 2.7 adds machine-word ints either way (below sys.maxint) */
    if (s->compact && eng->cfg->runtime->major >= 3)
      per_iter *= eng->costs.python_loop_compact;
    seconds = iters * per_iter;
  }
  t->python += seconds;
  if (s->name || s->allocs)
    return gs_shared_python (t, s, env, seconds, dim == GS_DIM_DURATION
                                                     ? -1 : seconds / per_iter);
  gs_threads_python_cpu (t, seconds, s->loc);
  return TRUE;
}

static gboolean
do_sleep (Thread *t, const GsStmt *s, const GsEnv *env)
{
  double d;
  if (!gs_interp_quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                           "the sleep duration", &d))
    return FALSE;
  double t0 = gs_threads_nogil_begin (t, s->loc, "sleep", NULL);
  /* sleep.overhead is a short sleep's lateness (measured on 1 ms sleeps);
   * a sleep longer than os.idle_poll lets its vCPU halt, and waking it
   * takes os.halt_wake more */
  const GsCosts *c = &t->proc->eng->costs;
  if (c->os_halt_wake > 0 && d > c->os_idle_poll)
    d += gs_threads_latency (t->proc->eng, c->os_halt_wake);
  sg_actor_sleep_for (d + t->proc->eng->costs.sleep_overhead);
  gs_threads_nogil_end (t, s->loc, t0);
  return TRUE;
}

static gboolean
do_native (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  double cost, threads = 1, bytes = 0, alloc = 0;
  gboolean nogil = s->nogil, slowed = FALSE;
  const char *lock = s->lock;
  if (s->e2 && !gs_interp_whole_number (t, s->e2, env, MAX_NATIVE_THREADS,
                                        "the native call's thread count", &threads))
    return FALSE;
  if (s->e2 && threads < 1)
    return gs_engine_fail (eng, s->e2->loc, "the native call's thread count must "
                           "be at least 1 (it is %g)", threads);
  if (s->preset) {
    const GsPreset *pr = gs_preset_lookup (s->preset);
    double amount, per;
    g_autofree char *what = g_strdup_printf ("the %s of %s",
        pr->arg == GS_DIM_SIZE ? "size" : "element count", pr->name);
    if (!gs_interp_quantity (t, s->e1, env, pr->arg, MAX_ELEMENTS, what, &amount))
      return FALSE;
    if (!gs_engine_host_cost (eng, pr->cost_prop, GS_DIM_DURATION, FALSE, 0,
                              s->loc, &per))
      return FALSE;
    cost = amount * per;
    bytes = amount * pr->stream_bytes;
    alloc = amount * pr->alloc_bytes;
    nogil = pr->releases_gil && amount >= pr->release_min;
    slowed = pr->slowed;
    if (lock == NULL)
      lock = pr->lock;
  } else if (!gs_interp_quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                                  "the native call's duration", &cost)) {
    return FALSE;
  }
  if (lock && !gs_threads_lock_acquire (t, lock, s->loc))
    return FALSE;
  if (nogil) {
    gs_cores_before_release (t, TRUE);  /* it runs on: handoff.h */
    gs_threads_gil_release (t, s->loc);
    gs_threads_native_work (t, cost, threads, bytes, alloc, slowed);
    gs_threads_gil_acquire (t, s->loc);
  } else {
    gs_threads_native_work (t, cost, threads, bytes, alloc, slowed);
    gs_threads_checkpoint (t, s->loc);
  }
  if (lock)
    gs_threads_lock_release (t, lock);
  return TRUE;
}

static gboolean
do_import (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  double cost;
  if (s->e1) {
    if (!gs_interp_quantity (t, s->e1, env, GS_DIM_DURATION, MAX_SECONDS,
                             "the import's cost", &cost))
      return FALSE;
  } else {
    g_autofree char *prop = g_strdup_printf ("import.%s", s->name);
    if (!gs_host_has (eng->cfg->host, prop))
      return gs_engine_fail (eng, s->loc, "host '%s' of %s has no property '%s': "
                             "add <prop id=\"%s\" value=\"20ms\"/> to it, or give "
                             "the cost here: import %s 20ms", eng->cfg->host->id,
                             eng->cfg->platform->path, prop, prop, s->name);
    if (!gs_engine_host_cost (eng, prop, GS_DIM_DURATION, FALSE, 0, s->loc, &cost))
      return FALSE;
  }
  gs_threads_python_cpu (t, cost, s->loc);
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
  if (s->start_kind == GS_START_TASKS)
    return gs_tasks_start (t, s, env, groups);
  double n;
  if (!gs_interp_whole_number (t, s->e1, env, MAX_THREADS,
                               "the number of workers", &n))
    return FALSE;
  if (eng->threads->len + n > MAX_THREADS)
    return gs_engine_fail (eng, s->e1->loc, "more than %.0f threads and processes in "
                           "all; simulate fewer", MAX_THREADS);
  if (s->start_kind == GS_START_PROCESSES && eng->procs->len - 1 + n > MAX_PROCESSES)
    return gs_engine_fail (eng, s->e1->loc,
                           "more than %.0f processes in all; simulate fewer",
                           MAX_PROCESSES);
  const GsFunc *f = gs_scenario_func (eng->cfg->sc, s->func);
  GPtrArray *members = g_ptr_array_new ();
  g_hash_table_replace (groups, s->name, members);
  const char *method = s->method ? s->method : gs_threads_default_method (eng);
  double parent_cost = 0, child_cost = 0, exit_cost = 0, first_cost = 0;
  if (s->start_kind == GS_START_THREADS) {
    parent_cost = eng->costs.thread_start;
  } else {
    if (!gs_engine_start_costs (eng, method, s->loc, &parent_cost, &child_cost,
                                &exit_cost, &first_cost))
      return FALSE;
  }
  for (double i = 0; i < n; i++) {
    GsValue iv = { GS_DIM_COUNT, i, NULL };
    const char *iname = "i";
    GsEnv ienv = { env, 1, &iname, &iv };
    GsValue *args;
    if (!gs_interp_eval_args (t, s, &ienv, &args))
      return FALSE;
    /* the first fork of a row write-protects again the pages the parent
     * dirtied since its last one; the next find them protected */
    gs_threads_python_cpu (t, parent_cost + (i == 0 ? first_cost : 0), s->loc);
    g_autofree char *name = worker_name (eng, s, args);
    Thread *w;
    if (s->start_kind == GS_START_THREADS) {
      /* as threading.Thread(daemon=None): a daemon thread's threads are
       * daemons too */
      gboolean daemon = s->daemon || t->daemon;
      w = gs_threads_new (t->proc, name, daemon ? "daemon" : "thread", f, args);
      w->daemon = daemon;
      w->cold_start = gs_threads_cold_start (t->proc);
    } else {
      Proc *p = gs_threads_proc_new (eng, name);
      w = gs_threads_new (p, name, "process", f, args);
      w->child_start = child_cost;
      w->child_exit = exit_cost;
      w->child_cpu = strcmp (method, "spawn") == 0;
    }
    gs_threads_seed (w, t);
    /* the sequential run: the same program, but each worker of the group
     * waits for the one started before it to finish */
    if (members->len > 0 && !w->daemon)
      eng->sequential_differs = TRUE;
    if (eng->cfg->sequential && members->len > 0 && !w->daemon)
      w->after = members->pdata[members->len - 1];
    g_ptr_array_add (members, w);
    /* a thread's turn (no start-up of its own to overlap) starts its actor
     * when its predecessor ends; its Thread.start() returns at once */
    if (w->after != NULL && s->start_kind == GS_START_THREADS && !w->after->done) {
      w->after->successor = w;
      sg_sem_release (w->started_sem);
    } else {
      gs_threads_launch (w);
      if (w->daemon)
        /* SimGrid ends the run, killing it, once every other thread ended */
        sg_actor_daemonize (w->actor);
    }
    if (s->start_kind == GS_START_THREADS) {
      /* Thread.start() waits, with the GIL released, until the new thread
       * runs; getting the GIL back can then take a switch interval. */
      double t0 = gs_threads_nogil_begin (t, s->loc, "the start of", w->name);
      gs_threads_block (t, w->started_sem, "the start of", w->name, s->loc);
      gs_threads_count_blocked (t, t0);
      gs_threads_gil_acquire (t, s->loc);
    }
  }
  return TRUE;
}

static gboolean
do_join (Thread *t, const GsStmt *s, const GsEnv *env, GHashTable *groups)
{
  GPtrArray *members = g_hash_table_lookup (groups, s->name);
  if (members == NULL)
    return TRUE;  /* sequential mode, or started zero workers */
  if (s->e1)
    return gs_sync_join (t, s, env, members);  /* join G timeout D */
  double t0 = gs_engine_now ();
  gboolean released = FALSE;
  for (guint i = 0; i < members->len; i++) {
    Thread *w = members->pdata[i];
    if (w->done)
      continue;
    if (!released) {
      gs_threads_nogil_begin (t, s->loc, "join", w->name);
      released = TRUE;
    }
    gs_threads_block (t, w->done_sem, "join", w->name, s->loc);
  }
  /* Thread.join waits on the thread's lock: a joiner that waited longer
   * than os.idle_poll let its vCPU halt and runs os.halt_wake after the
   * last thread ends (a process's join is in process.METHOD.exit) */
  const GsCosts *c = &t->proc->eng->costs;
  const Thread *last = members->len ? members->pdata[members->len - 1] : NULL;
  if (released && c->os_halt_wake > 0 && gs_engine_now () - t0 > c->os_idle_poll &&
      last && strcmp (last->kind, "process") != 0)
    sg_actor_sleep_for (gs_threads_latency (t->proc->eng, c->os_halt_wake));
  gs_threads_count_blocked (t, t0);
  if (released)
    gs_threads_gil_acquire (t, s->loc);
  return TRUE;
}

static gboolean
do_call (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  const GsFunc *f = gs_scenario_func (eng->cfg->sc, s->func);
  GsValue *args;
  if (!gs_interp_eval_args (t, s, env, &args))
    return FALSE;
  GsEnv frame = { eng->cfg->globals, f->params->len,
                  (const char *const *) f->params->pdata, args };
  g_autoptr (GHashTable) inner = g_hash_table_new_full (g_str_hash, g_str_equal,
      NULL, (GDestroyNotify) g_ptr_array_unref);
  gboolean ok = gs_interp_run_body (t, f->body, &frame, inner);
  for (guint j = 0; j < f->params->len; j++)
    gs_value_clear (&args[j]);
  g_free (args);
  return ok;
}

/* A round of daemon T's endless loop S: fails with a deadlock when every
 * thread that the program waits for is joining T, which never ends (T's
 * loop would otherwise run on to the step limit). */
static gboolean
check_endless (Thread *t, const GsStmt *s)
{
  Engine *eng = t->proc->eng;
  const Thread *stuck = NULL;
  if (!gs_ipc_check_daemon_round (eng))
    return FALSE;
  for (guint i = 0; i < eng->threads->len; i++) {
    const Thread *o = eng->threads->pdata[i];
    if (o->daemon || o->done)
      continue;
    if (o->wait_what == NULL || strcmp (o->wait_what, "join") != 0)
      return TRUE;
    if (strcmp (o->wait_name, t->name) != 0)
      return TRUE;
    stuck = stuck ? stuck : o;
  }
  if (stuck == NULL)
    return TRUE;
  return gs_engine_fail (eng, stuck->wait_loc, "deadlock: %s joins daemon thread "
                         "%s, which loops forever (repeat forever at line %d); "
                         "join only threads that end", stuck->name,
                         stuck->wait_name, s->loc.line);
}

/* repeat K [as j]: the block K times; repeat forever, in a daemon thread,
 * until the program ends. */
static gboolean
do_repeat (Thread *t, const GsStmt *s, const GsEnv *env, GHashTable *groups)
{
  Engine *eng = t->proc->eng;
  double n = INFINITY;
  if (s->forever && !t->daemon)
    return gs_engine_fail (eng, s->loc, "%s would loop forever: 'repeat forever' "
                           "belongs in a daemon thread, which the program's end "
                           "stops (hb = start 1 daemon thread heartbeat())",
                           t->name);
  if (!s->forever &&
      !gs_interp_whole_number (t, s->e1, env, MAX_REPEAT, "the repeat count", &n))
    return FALSE;
  /* a daemon's loop may be cut short by the program's end: its steps
   * count one by one */
  if (!t->daemon && eng->steps + n * s->body->len > MAX_STEPS)
    return gs_engine_fail (eng, s->loc, "this repeat runs %.0f statements, more "
                           "than the %.0f a simulation may; use bigger units of "
                           "work (python 1e6 iterations rather than a repeat of "
                           "small ones)", n * s->body->len, MAX_STEPS);
  for (double i = 0; i < n; i++) {
    /* repeat K as j: j is the round, from 0 */
    GsValue jv = { GS_DIM_COUNT, i, NULL };
    const char *jname = s->name;
    GsEnv jenv = { env, 1, &jname, &jv };
    if (s->forever && !check_endless (t, s))
      return FALSE;
    if (!gs_interp_run_body (t, s->body, s->name ? &jenv : env, groups))
      return FALSE;
    if (t->raised != GS_EXC_NONE)
      break;   /* on its way to a try */
  }
  return TRUE;
}

void
gs_interp_raise (Thread *t, GsException exc)
{
  if (t->catching & (1u << exc))
    t->raised = exc;
}

/* try: BODY except EXC: ORELSE */
static gboolean
do_try (Thread *t, const GsStmt *s, const GsEnv *env, GHashTable *groups)
{
  guint outer = t->catching;
  t->catching |= 1u << s->exc;
  gboolean ok = gs_interp_run_body (t, s->body, env, groups);
  t->catching = outer;
  if (!ok || t->raised != s->exc)
    return ok;   /* nothing raised, or one for an outer try */
  t->raised = GS_EXC_NONE;
  return gs_interp_run_body (t, s->orelse, env, groups);
}

static gboolean
run_stmt (Thread *t, const GsStmt *s, const GsEnv *env, GHashTable *groups)
{
  Engine *eng = t->proc->eng;
  if (++eng->steps > MAX_STEPS && t->daemon)
    return gs_engine_fail (eng, s->loc, "the simulation needs more than %.0f "
                           "steps: daemon thread %s runs on while the program "
                           "has not ended; give it more work or a longer sleep "
                           "per round, or check that the other threads end",
                           MAX_STEPS, t->name);
  if (eng->steps > MAX_STEPS)
    return gs_engine_fail (eng, s->loc, "the simulation needs more than %.0f "
                           "steps; use bigger units of work (python 1e6 "
                           "iterations rather than a repeat of small ones)",
                           MAX_STEPS);
  gs_threads_boundary (t, s->loc);
  switch (s->kind) {
  case GS_STMT_PRINT: {
    GsValue v = { 0 };
    GError *err = NULL;
    if (!gs_eval (eng->file, s->e1, env, &v, &err))
      return gs_engine_fail_with (eng, err);
    g_autofree char *text = gs_value_format (&v);
    gs_value_clear (&v);
    if (eng->result->prints->len >= MAX_PRINTS)
      return gs_engine_fail (eng, s->loc, "more than %d printed lines; print less",
                             MAX_PRINTS);
    gs_result_add_print (eng->result, gs_engine_now (), t->name, text);
    gs_samples_print (t, s);
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
  case GS_STMT_REPEAT:
    return do_repeat (t, s, env, groups);
  case GS_STMT_IF: {
    gboolean yes;
    GError *err = NULL;
    if (!gs_eval_truth (eng->file, s->e1, env, &yes, &err))
      return gs_engine_fail_with (eng, err);
    if (yes)
      return gs_interp_run_body (t, s->body, env, groups);
    return s->orelse == NULL || gs_interp_run_body (t, s->orelse, env, groups);
  }
  case GS_STMT_WITH_LOCK:
    if (gs_scenario_sync (eng->cfg->sc, s->name))
      return gs_sync_run_with (t, s, env, groups);  /* with r:, with slots: */
    if (!gs_threads_lock_acquire (t, s->name, s->loc))
      return FALSE;
    if (!gs_interp_run_body (t, s->body, env, groups))
      return FALSE;
    gs_threads_lock_release (t, s->name);
    return TRUE;
  case GS_STMT_START:
    return do_start (t, s, env, groups);
  case GS_STMT_JOIN:
    return do_join (t, s, env, groups);
  case GS_STMT_SYNC:
    return gs_sync_do (t, s, env);
  case GS_STMT_CALL:
    return do_call (t, s, env);
  case GS_STMT_DISK:
    return gs_resources_do_disk (t, s, env);
  case GS_STMT_REQUEST:
    return gs_resources_do_request (t, s, env);
  case GS_STMT_SEND:
  case GS_STMT_RECEIVE:
    return gs_resources_do_transfer (t, s, env);
  case GS_STMT_POOL:
    return gs_resources_do_pool (t, s, env);
  case GS_STMT_TO_THREAD:
    return gs_tasks_to_thread (t, s, env);
  case GS_STMT_TRY:
    return do_try (t, s, env, groups);
  }
  return TRUE;
}

gboolean
gs_interp_run_body (Thread *t, GPtrArray *body, const GsEnv *env, GHashTable *groups)
{
  /* a thread's stack is SimGrid's, of a fixed size without a guard page
   * (gs_engine_start): bound how deep calls and blocks nest in it */
  if (body->len > 0 && t->nesting >= MAX_NESTING)
    return gs_engine_fail (t->proc->eng, ((const GsStmt *) body->pdata[0])->loc,
                           "calls and blocks nested more than %d deep; make the "
                           "chain of function calls shorter", MAX_NESTING);
  t->nesting++;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < body->len && t->raised == GS_EXC_NONE; i++) {
    const GsStmt *s = body->pdata[i];
    /* await: a task lets its loop go while the statement waits (a call of
     * an async def runs inline: its own awaits do) */
    gboolean await = s->awaited && t->loop && s->kind != GS_STMT_CALL;
    if (await)
      t->awaiting = TRUE;
    ok = run_stmt (t, s, env, groups);
    if (await)
      t->awaiting = FALSE;
    if (ok && await && t->proc->eng->costs.asyncio_step > 0)
      /* the loop's step that resumes the task (asyncio.step) */
      gs_threads_python_cpu (t, t->proc->eng->costs.asyncio_step, s->loc);
  }
  t->nesting--;
  return ok;
}
