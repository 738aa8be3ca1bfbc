/* engine.c: runs one scenario from SimGrid's start-up to its result
 * (see engine.h): the platform's costs, errors, deadlock reports. */
#include "engine/engine.h"

#include <stdarg.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/disk.h>
#include <simgrid/engine.h>
#include <simgrid/host.h>
#include <xbt/config.h>

#include "engine/cpu_sharing.h"
#include "engine/internal.h"
#include "engine/noise.h"
#include "engine/stackpool.h"
#include "engine/membus.h"
#include "engine/trace.h"
#include "platform/platform.h"
#include "engine/result.h"
#include "runtime.h"

/* SimGrid's stack per thread, in KiB (see gs_engine_start). */
#if defined(__SANITIZE_ADDRESS__)
#define GS_STACK_KIB "2048"
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GS_STACK_KIB "2048"
#endif
#endif
#ifndef GS_STACK_KIB
#define GS_STACK_KIB "256"
#endif

static Engine *the_engine;  /* actors reach the engine through their data;
                               this is only for the on-exit cleanups */
static gboolean engine_started;  /* gs_engine_start ran in this process */

/* ---------------------------------------------------------------------- */
/* Errors                                                                  */

static GsEngineErrorHook error_hook;
static gpointer error_hook_data;

void
gs_engine_set_error_hook (GsEngineErrorHook hook, gpointer data)
{
  error_hook = hook;
  error_hook_data = data;
}

/* Ends the simulation after its first error: tells the error hook, then
 * kills every other actor.  Killing them can abort SimGrid (processes
 * failing at the same instant): the hook has the error by then. */
static void
stop_all (Engine *eng)
{
  if (eng->trace)
    gs_trace_fail (g_steal_pointer (&eng->trace), eng->error->message);
  if (error_hook)
    error_hook (eng->error, error_hook_data);
  if (eng->running)
    sg_actor_kill_all ();
}

gboolean
gs_engine_fail (Engine *eng, GsLoc loc, const char *fmt, ...)
{
  if (eng->error == NULL) {
    va_list ap;
    va_start (ap, fmt);
    g_autofree char *msg = g_strdup_vprintf (fmt, ap);
    va_end (ap);
    g_set_error (&eng->error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME,
                 "%s:%d:%d: %s", eng->file, loc.line, loc.col, msg);
    stop_all (eng);
  }
  return FALSE;
}

gboolean
gs_engine_fail_with (Engine *eng, GError *err)
{
  if (eng->error == NULL) {
    eng->error = err;
    stop_all (eng);
  } else {
    g_error_free (err);
  }
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Costs                                                                   */

/* Resolves into *C every property of CFG's host that the registry
 * (models/costs.h) knows, with its default where the host has none: the
 * one read of the cost model at set-up.  Patterns (cost.NAME, import.NAME)
 * are read by their statements as they run (gs_engine_host_cost).  Can't
 * fail: the values were checked when the platform was loaded. */
static void
engine_read_costs (const GsEngineConfig *cfg, GsCosts *c)
{
  g_autoptr (GError) err = NULL;
  if (!gs_host_costs (cfg->host, cfg->platform, c, &err))
    g_error ("%s", err->message);   /* a platform gs_platform_load took */
}

gboolean
gs_engine_fail_missing (Engine *eng, const char *id, GsLoc loc)
{
  GError *err = NULL;
  gs_host_missing (eng->cfg->host, eng->cfg->platform, id, &err);
  gs_engine_fail (eng, loc, "%s", err->message);
  g_error_free (err);
  return FALSE;
}

gboolean
gs_engine_start_costs (Engine *eng, const char *method, GsLoc loc,
                       double *parent, double *child, double *exit, double *first)
{
  const GsCostsStart *st = gs_costs_start (&eng->costs, method);
  g_return_val_if_fail (st != NULL, FALSE);
  const char *missing = !st->has_parent ? "parent" : !st->has_child ? "child" : NULL;
  if (missing) {
    g_autofree char *id = g_strdup_printf ("process.%s.%s", method, missing);
    return gs_engine_fail_missing (eng, id, loc);
  }
  *parent = st->parent;
  *child = st->child;
  *exit = st->exit;
  *first = st->first;
  return TRUE;
}

gboolean
gs_engine_host_cost (Engine *eng, const char *prop, GsDim dim, gboolean has_default,
                     double def, GsLoc loc, double *out)
{
  GError *err = NULL;
  if (gs_host_get (eng->cfg->host, eng->cfg->platform, prop, dim, has_default,
                   def, out, &err))
    return TRUE;
  gs_engine_fail (eng, loc, "%s", err->message);
  g_error_free (err);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Running                                                                 */

/* Checks, before the run, that every disk a statement of BODY names is a
 * <disk> of the host. */
static gboolean
check_disks (Engine *eng, GPtrArray *body)
{
  const GsHost *h = eng->cfg->host;
  for (guint i = 0; i < body->len; i++) {
    const GsStmt *s = body->pdata[i];
    if (s->orelse && !check_disks (eng, s->orelse))
      return FALSE;
    if (s->body && !check_disks (eng, s->body))
      return FALSE;
    if (s->kind != GS_STMT_DISK || g_hash_table_contains (eng->disks, s->name))
      continue;
    if (h->disks->len == 0)
      return gs_engine_fail (eng, s->name_loc, "host '%s' of %s has no disk '%s'; "
                             "add <disk id=\"%s\" read_bw=\"500MBps\" "
                             "write_bw=\"400MBps\"/> to it", h->id,
                             eng->cfg->platform->path, s->name, s->name);
    GString *known = g_string_new (NULL);
    for (guint k = 0; k < h->disks->len; k++)
      g_string_append_printf (known, "%s%s", k ? ", " : "",
                              ((GsDisk *) h->disks->pdata[k])->id);
    gs_engine_fail (eng, s->name_loc,
                    "host '%s' of %s has no disk '%s'; its disks: %s", h->id,
                    eng->cfg->platform->path, s->name, known->str);
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
    gs_engine_fail (eng, t->wait_loc, "deadlock: %s waits for lock '%s', held by "
                    "%s (taken at line %d) which never releases it; take locks in "
                    "one order everywhere", t->name, t->wait_name,
                    l && l->owner ? l->owner->name : "nobody",
                    l ? l->taken_at.line : 0);
    return;
  }
  if (gs_sync_describe_deadlock (eng) || gs_ipc_describe_deadlock (eng))
    return;
  for (guint i = 0; i < eng->threads->len; i++) {
    Thread *t = eng->threads->pdata[i];
    if (t->done || t->wait_what == NULL)
      continue;
    gs_engine_fail (eng, t->wait_loc, "deadlock: %s waits for %s%s%s forever",
                    t->name, t->wait_what, t->wait_name ? " " : "",
                    t->wait_name ? t->wait_name : "");
    return;
  }
  GsLoc loc = { 1, 1 };
  gs_engine_fail (eng, loc,
                  "the program never finished (internal: no thread is blocked)");
}

/* The host's disks, by id: the platform file's, and the memory bus. */
static void
find_disks (Engine *eng)
{
  eng->disks = g_hash_table_new (g_str_hash, g_str_equal);
  eng->loops = g_ptr_array_new_with_free_func (gs_tasks_loop_free);
  unsigned int nd = 0;
  sg_disk_t *ds = NULL;
  sg_host_get_disks (sg_host_by_name (eng->cfg->host->id), &nd, &ds);
  for (unsigned int k = 0; k < nd; k++) {
    const char *id = sg_disk_get_name (ds[k]);
    if (strcmp (id, GS_MEMBUS_NAME) == 0)
      eng->membus = ds[k];
    else
      g_hash_table_insert (eng->disks, (gpointer) id, ds[k]);
  }
  free (ds);
}

/* Fills RESULT with what the run that ended well measured: one worker per
 * thread, the GIL switches of every process, the wall time. */
static void
collect_result (Engine *eng, GsResult *result)
{
  double wall = 0;
  for (guint i = 0; i < eng->threads->len; i++)
    wall = MAX (wall, ((Thread *) eng->threads->pdata[i])->end);
  for (guint i = 0; i < eng->threads->len; i++) {
    Thread *t = eng->threads->pdata[i];
    if (t->daemon && !t->done) {
      t->end = wall;   /* stopped when the program ended */
      /* its `python` statement counted all its CPU when it began: take
       * back what it had not run, add what ran since its last look */
      double ran = t->py_running_since >= 0 ? t->end - t->py_running_since : 0;
      t->cpu += ran - t->py_unrun;
      t->python = MAX (0, t->python + ran - t->py_unrun);
      if (t->wait_what != NULL && t->last_what != NULL &&
          strcmp (t->wait_what, t->last_what) == 0)
        /* in the middle of a wait (a heartbeat's sleep): blocked till then;
         * a wait for the GIL is the GIL's (gil_wait), not a blocked time */
        gs_threads_count_blocked (t, t->last_wait_at);
      GS_TRACE (eng, thread_end (eng->trace, t));
    }
    GsGilThreadStats st = gs_gil_thread_stats (t->proc->gil, t->tid, t->end);
    GsWorker w = { t->name, (char *) t->kind, t->start, t->end, t->cpu,
                   st.wait_s, t->blocked, t->python, st.switches_in };
    w.slowed_s = t->slowed;
    w.core_wait_s = t->core_wait;
    guint k = gs_result_add_worker (result, &w);
    double counted = 0;
    for (guint j = 0; t->waits && j < t->waits->len; j++) {
      const ThreadWait *tw = &g_array_index (t->waits, ThreadWait, j);
      g_autofree char *on = gs_threads_wait_label (tw->what, tw->name);
      gs_result_add_wait (result, k, on, tw->seconds, tw->count);
      counted += tw->seconds;
    }
    /* blocked time counted without gs_threads_count_blocked */
    if (t->blocked - counted > 1e-9)
      gs_result_add_wait (result, k, "other", t->blocked - counted, 0);
    for (guint j = 0; t->overheads && j < t->overheads->len; j++) {
      const ThreadWait *o = &g_array_index (t->overheads, ThreadWait, j);
      g_autofree char *on = gs_shared_overhead_label (o->what, o->name);
      gs_result_add_overhead (result, k, on, o->seconds, o->count);
    }
    wall = MAX (wall, t->end);
  }
  for (guint i = 0; i < eng->procs->len; i++)
    result->gil_switches += gs_gil_switches (((Proc *) eng->procs->pdata[i])->gil);
  result->wall_s = wall;
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
  eng->procs = g_ptr_array_new_with_free_func (gs_threads_proc_free);
  eng->threads = g_ptr_array_new_with_free_func (gs_threads_free);
  eng->result = gs_result_new ();
  engine_read_costs (cfg, &eng->costs);
  if (eng->costs.cpu_slow_drawn_only > 0 && (cfg->sample == 0 || cfg->no_noise))
    eng->costs.cpu_slow_fraction = 0;  /* slow vCPUs in samples only (noise.h) */
  eng->machine_factor = cfg->no_noise ? 1 : gs_noise_machine_factor (cfg->seed, cfg->sample,
                                                                     eng->costs.cpu_speed_jitter);
  eng->py_factor = cfg->runtime->single_thread_factor *
      gs_runtime_cost_ratio (cfg->runtime, eng->costs.python_version);
  eng->old_check_s = cfg->runtime->check_interval_iters * eng->costs.python_loop *
      eng->py_factor;
  /* the old GIL's waiters act at the holder's check intervals; looking
   * every 20 of them keeps the simulation fast at a small cost in detail */
  eng->poll_interval = cfg->runtime->gil == GS_GIL_OLD
                           ? 20 * eng->old_check_s
                           : cfg->switch_interval;

  /* the scenario's start-up is its own runtime's (startup.h) */
  eng->startup = gs_host_startup (cfg->host, cfg->platform, cfg->runtime, cfg->startup,
                                  cfg->startup_runtime);

  if (!engine_started)
    gs_engine_start (cfg);

  find_disks (eng);
  eng->servers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gboolean checked = check_disks (eng, cfg->sc->main);
  for (guint k = 0; checked && k < cfg->sc->funcs->len; k++)
    checked = check_disks (eng, ((GsFunc *) cfg->sc->funcs->pdata[k])->body);
  checked = checked && gs_resources_start_servers (eng);

  if (checked && (cfg->trace_path || cfg->timeline_path)) {
    GError *terr = NULL;
    eng->trace = gs_trace_new (eng, cfg->trace_path, cfg->timeline_path, &terr);
    if (eng->trace == NULL)
      checked = gs_engine_fail_with (eng, terr);
  }
  Proc *mainp = gs_threads_proc_new (eng, "MainProcess");
  Thread *main_thread = gs_threads_new (mainp, "MainThread", "main", NULL, NULL);
  main_thread->is_main = TRUE;
  gs_threads_seed (main_thread, NULL);
  if (checked) {
    gs_threads_launch (main_thread);
    eng->running = TRUE;
    gs_random_set_source (gs_threads_random);
    simgrid_run ();
    gs_random_set_source (NULL);
    eng->running = FALSE;
  }

  if (eng->error == NULL && !main_thread->done)
    describe_deadlock (eng);
  if (eng->error == NULL)
    for (guint i = 0; i < eng->threads->len; i++)
      if (!((Thread *) eng->threads->pdata[i])->done &&
          !((Thread *) eng->threads->pdata[i])->daemon) {
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
    collect_result (eng, result);
    gs_samples_collect (eng, result);
    if (cfg->note_sequential && !cfg->sequential && !eng->sequential_differs)
      result->sequential_s = result->wall_s;
    GError *terr = NULL;
    if (eng->trace && !gs_trace_finish (g_steal_pointer (&eng->trace), &terr)) {
      g_propagate_error (error, terr);
      g_clear_pointer (&result, gs_result_free);
    }
  }
  gs_samples_free (eng);
  g_clear_pointer (&eng->trace, gs_trace_free);
  /* Actors are gone (simgrid_run returned): free what they used. */
  g_ptr_array_unref (eng->loops);
  g_ptr_array_unref (eng->threads);
  g_ptr_array_unref (eng->procs);
  g_hash_table_unref (eng->disks);
  g_hash_table_unref (eng->servers);
  gs_ipc_free (eng);
  g_free (eng);
  the_engine = NULL;
  return result;
}

gboolean
gs_engine_started (void)
{
  return engine_started;
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
  /* 256 KiB stacks without SimGrid's guard page, taken from a pool
   * (engine/stackpool.h: reserved address space, stacks of ended actors
   * reused, never unmapped), so a thread costs the pages its stack
   * touches (100,000 sleeping threads: about 0.5 GB), and the stacks make
   * no mapping of their own: Linux's vm.max_map_count (65,530 by default)
   * does not cap the threads, as two mappings a thread did at about
   * 32,000.  What the guard page gave, a crash instead of a silent
   * overwrite when a stack overflows, comes from a bound instead: calls
   * and blocks nest at most MAX_NESTING deep (gs_interp_run_body), far
   * less than 256 KiB of stack.  Under AddressSanitizer a frame is
   * several times larger (its redzones): 2 MiB there. */
  g_ptr_array_add (argv, (char *) "--cfg=contexts/stack-size:" GS_STACK_KIB);
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
  /* the stacks as the settings (the user's --cfg included) size them */
  if (sg_cfg_get_int ("contexts/guard-size") == 0)
    gs_stackpool_init ((size_t) sg_cfg_get_int ("contexts/stack-size") * 1024,
                       (size_t) MAX_THREADS + 1024);
  if (!gs_stackpool_active ()) {
    /* without the pool (AddressSanitizer, GILSIM_STACK_POOL=0): with the
     * mmap threshold fixed below a stack's size (glibc would raise it
     * after the first free), calloc takes each stack from the kernel as
     * fresh zero pages, not zero-filled from the heap, and the stacks
     * merge into a few mappings */
    mallopt (M_MMAP_THRESHOLD, 128 * 1024);
    mallopt (M_MMAP_MAX, 1 << 24);
  }
  simgrid_load_platform (cfg->platform->path);
  GsCosts costs;
  engine_read_costs (cfg, &costs);
  const GsCapacity cap = {
    cfg->host->cores, (int) costs.cpu_smt, costs.cpu_smt_throughput,
    (int) costs.cpu_efficiency_cores, costs.cpu_efficiency_speed,
    costs.cpu_allcore_speed,
  };
  gs_cpu_sharing_apply (cfg->host->id, &cap);
  /* an unset side of the memory bus is as good as unlimited */
  if (costs.has_memory_bandwidth || costs.has_memory_alloc_bandwidth)
    gs_membus_create (cfg->host->id, costs.memory_bandwidth,
                      costs.memory_alloc_bandwidth);
}
