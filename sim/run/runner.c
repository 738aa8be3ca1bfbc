/* runner.c: dispatching the jobs of a sweep to a pool of workers. */
#include "run/runner.h"

#include <string.h>

#include "engine/noise.h"
#include "platform/platform_variant.h"
#include "run/point_config.h"
#include "run/simulate.h"

typedef struct {
  const GsRunner *r;
  GPtrArray *platforms;        /* const GsPlatform* per point (borrowed) */
  GPtrArray *hosts;            /* const GsHost* per point (borrowed) */
  guint samples;               /* runs as written per point, >= 1 */
  guint per_point;             /* jobs per point: those, then the sequential */
  GPtrArray **held;            /* per point: its samples' GsResult*, or NULL */
  double *sequential;          /* per point: its sequential time, or -1 */
  gboolean note;               /* runs as written say when they are their
                                  own sequential run (note_sequential) */
} Plan;

/* Job K * per_point + J is point K's sample J (its run as written when it
 * has one), job K * per_point + samples its sequential run. */
static void
job_config (guint job, GsEngineConfig *cfg, gpointer data)
{
  const Plan *plan = data;
  guint k = job / plan->per_point, j = job % plan->per_point;
  gs_point_config_fill (cfg, plan->r->points->pdata[k], plan->r->sc,
                        plan->platforms->pdata[k], plan->hosts->pdata[k],
                        plan->r->simgrid_args);
  cfg->sequential = j == plan->samples;
  cfg->no_noise = plan->r->no_noise;
  cfg->sample = !cfg->sequential && plan->samples > 1 ? j + 1 : 0;
  cfg->note_sequential = plan->note && j == 0;
  /* only the (first) run as written is traced: never its sequential run */
  guint index = ((const GsPoint *) plan->r->points->pdata[k])->index;
  if (j == 0 && plan->r->trace_paths)
    cfg->trace_path = plan->r->trace_paths->pdata[index];
  if (j == 0 && plan->r->timeline_paths)
    cfg->timeline_path = plan->r->timeline_paths->pdata[index];
}

guint
gs_runner_samples (const GsRunner *r)
{
  GsCosts costs;
  if (r->samples <= 1 || r->no_noise || !gs_host_costs (r->host, r->platform, &costs, NULL))
    return 1;
  return gs_noise_host_has (&costs) ? r->samples : 1;
}

/* The platform and host of each point of R into PLATFORMS and HOSTS: the
 * point's (R's when it has none), or a copy of that platform with the
 * point's core count (from VARIANTS: one set per platform file, made here). */
static gboolean
plan_platforms (const GsRunner *r, GHashTable *variants, GPtrArray *platforms,
                GPtrArray *hosts, GError **error)
{
  for (guint k = 0; k < r->points->len; k++) {
    const GsPoint *p = r->points->pdata[k];
    const GsHost *host = p->host ? p->host : r->host;
    const GsPlatform *pl = p->platform ? p->platform : r->platform;
    if (p->cores && p->cores != host->cores) {
      GsPlatformVariants *v = g_hash_table_lookup (variants, pl);
      if (v == NULL) {
        v = gs_platform_variants_new (pl);
        g_hash_table_insert (variants, (gpointer) pl, v);
      }
      const char *id = host->id;
      pl = gs_platform_variants_get (v, id, p->cores, &host, error);
      if (pl == NULL)
        return FALSE;
    }
    g_ptr_array_add (platforms, (gpointer) pl);
    g_ptr_array_add (hosts, (gpointer) host);
  }
  return TRUE;
}

static int
cmp_wall (gconstpointer a, gconstpointer b)
{
  double x = (*(GsResult *const *) a)->wall_s, y = (*(GsResult *const *) b)->wall_s;
  return x < y ? -1 : x > y;
}

/* Keeps RESULT, of point K's job J: a sample of its run as written, or its
 * sequential run. */
static void
take_result (Plan *plan, guint k, guint j, GsResult *result)
{
  if (j == plan->samples) {
    plan->sequential[k] = result->wall_s;
    gs_result_free (result);
    return;
  }
  if (plan->held[k] == NULL) {
    plan->held[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_result_free);
    g_ptr_array_set_size (plan->held[k], plan->samples);
  }
  plan->held[k]->pdata[j] = result;
}

/* Point P's result (K-th) once its jobs are done: its one run, or its
 * median sample with every sample's time.  Fails when the run as written
 * said it was its own sequential run and the sequential run, simulated too
 * (GILSIM_SEQUENTIAL_RUNS=check), took another time. */
static gboolean
finish_point (Plan *plan, guint k, GsPoint *p, GError **error)
{
  GPtrArray *held = plan->held[k];
  GsResult *result;
  if (plan->samples == 1) {
    result = g_ptr_array_steal_index (held, 0);
    if (result->sequential_s >= 0 && plan->sequential[k] >= 0 &&
        memcmp (&result->sequential_s, &plan->sequential[k], sizeof (double)) != 0) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME,
                   "%s:1:1: the run as written said it was its own sequential "
                   "run (%.17g s), but the sequential run took %.17g s; please "
                   "report this scenario", plan->r->sc->path, result->sequential_s,
                   plan->sequential[k]);
      gs_result_free (result);
      g_clear_pointer (&plan->held[k], g_ptr_array_unref);
      return FALSE;
    }
  } else {
    GArray *walls = g_array_sized_new (FALSE, FALSE, sizeof (double), held->len);
    for (guint j = 0; j < held->len; j++)
      g_array_append_val (walls, ((GsResult *) held->pdata[j])->wall_s);
    g_ptr_array_sort (held, cmp_wall);
    result = g_ptr_array_steal_index (held, (held->len - 1) / 2);
    result->samples = walls;
  }
  g_clear_pointer (&plan->held[k], g_ptr_array_unref);
  result->sequential_s = plan->sequential[k];
  gs_result_free (p->result);
  p->result = result;
  return TRUE;
}

/* How sequential runs are simulated (GILSIM_SEQUENTIAL_RUNS): "always",
 * each one, as before runs as written could stand for theirs; "check",
 * each one, and a point fails where a run as written stood for its
 * sequential run with another time (tests/sequential-shortcut.sh); unset,
 * only those that differ from their run as written. */
static const char *
sequential_mode (void)
{
  const char *m = g_getenv ("GILSIM_SEQUENTIAL_RUNS");
  return m && (strcmp (m, "always") == 0 || strcmp (m, "check") == 0) ? m : "";
}

/* The engine start-up that job JOB needs (see gs_simulate_pool_submit). */
static char *
job_key (const Plan *plan, guint job)
{
  guint k = job / plan->per_point;
  return g_strdup_printf ("%s\n%s", ((const GsPlatform *) plan->platforms->pdata[k])->path,
                          ((const GsHost *) plan->hosts->pdata[k])->id);
}

/* Whether the JOBS jobs of PLAN all need the same engine start-up. */
static gboolean
same_start_up (const Plan *plan, guint jobs)
{
  g_autofree char *first = job_key (plan, 0);
  for (guint job = plan->per_point; job < jobs; job += plan->per_point) {
    g_autofree char *key = job_key (plan, job);
    if (strcmp (key, first) != 0)
      return FALSE;
  }
  return TRUE;
}

gboolean
gs_runner_run (const GsRunner *r, GError **error)
{
  g_return_val_if_fail (r->jobs >= 1, FALSE);
  guint n = r->points->len;
  if (n == 0)
    return TRUE;
  g_autoptr (GHashTable) variants = g_hash_table_new_full (
      NULL, NULL, NULL, (GDestroyNotify) gs_platform_variants_free);
  g_autoptr (GPtrArray) platforms = g_ptr_array_new ();
  g_autoptr (GPtrArray) hosts = g_ptr_array_new ();
  if (!plan_platforms (r, variants, platforms, hosts, error))
    return FALSE;
  Plan plan = { r, platforms, hosts, gs_runner_samples (r), 0, NULL, NULL, FALSE };
  plan.per_point = plan.samples + 1;
  g_autofree GPtrArray **held = plan.held = g_new0 (GPtrArray *, n);
  g_autofree double *seq = plan.sequential = g_new (double, n);
  for (guint k = 0; k < n; k++)
    seq[k] = -1;
  guint jobs_of_point = plan.samples + (r->sequential ? 1 : 0);
  guint total_jobs = n * plan.per_point;
  guint workers = MIN (r->jobs, n * jobs_of_point);
  /* a fork server (SimGrid started once, a child forked per job) pays off
   * from a worker's second job on: when each worker gets one job, as a
   * single prediction's run and sequential run do, it simulates it itself */
  gboolean fork_server = r->fork_server && n * jobs_of_point > workers;
  /* where jobs wait for workers anyway (a sweep), a point's sequential run
   * waits for its run as written, which stands for it when the sequential
   * run would be the same run (GsEngineConfig.note_sequential): then only
   * the run as written is simulated.  A single prediction runs both at once. */
  const char *mode = sequential_mode ();
  gboolean defer = r->sequential && plan.samples == 1 && n * jobs_of_point > workers &&
                   *mode == '\0';
  plan.note = r->sequential && plan.samples == 1 && (defer || strcmp (mode, "check") == 0);
  g_autoptr (GsSimulatePool) pool = gs_simulate_pool_new (workers, fork_server,
                                                          job_config, &plan);
  /* without a fork server (one job per worker: a single prediction), the
   * workers still share SimGrid's start-up where they all need the same
   * one, started here before they fork: one start-up for a prediction and
   * its sequential run, not two.  Not with the user's SimGrid arguments,
   * whose log settings may print at start-up, once per simulation. */
  if (!fork_server && r->fork_server && n * jobs_of_point > 1 &&
      (r->simgrid_args == NULL || r->simgrid_args->len == 0) &&
      same_start_up (&plan, total_jobs))
    gs_simulate_pool_start_here (pool, 0);
  g_autofree guint *pending = g_new0 (guint, n);   /* jobs left per point */
  g_autoptr (GArray) ready = g_array_new (FALSE, FALSE, sizeof (guint));  /* deferred
                                                       sequential runs now due */
  guint next = 0, running = 0, done = 0, stood = 0;
  GError *first = NULL;
  guint first_job = G_MAXUINT;   /* the failed job of lowest number */
  for (;;) {
    while (first == NULL && (ready->len > 0 || next < total_jobs) &&
           gs_simulate_pool_idle (pool) > 0) {
      guint job;
      if (ready->len > 0) {
        job = g_array_index (ready, guint, 0);
        g_array_remove_index (ready, 0);
      } else {
        job = next++;
        if (job % plan.per_point == plan.samples && (!r->sequential || defer))
          continue;
        if (job % plan.per_point == 0)
          pending[job / plan.per_point] = jobs_of_point;
      }
      g_autofree char *key = job_key (&plan, job);
      if (!gs_simulate_pool_submit (pool, job, key, &first)) {
        first_job = 0;
        break;
      }
      running++;
    }
    if (running == 0)
      break;
    GsResult *result = NULL;
    GError *job_error = NULL;
    guint job = gs_simulate_pool_wait (pool, &result, &job_error);
    running--;
    guint k = job / plan.per_point, j = job % plan.per_point;
    GsPoint *p = r->points->pdata[k];
    if (result == NULL && j == plan.samples) {
      /* only the sequential run failed: a program whose workers wait for
       * each other (a barrier, an event, a condition) can deadlock when
       * they run one after another.  The point has no sequential time;
       * an error of its run as written is reported by that run. */
      g_error_free (job_error);
    } else if (result == NULL) {
      if (job < first_job) {
        g_clear_error (&first);
        first = job_error;
        first_job = job;
      } else {
        g_error_free (job_error);
      }
      continue;
    } else {
      stood += plan.note && j == 0 && result->sequential_s >= 0;
      if (defer && j == 0) {
        /* the run as written: its own sequential run, or that one is due */
        if (result->sequential_s >= 0) {
          seq[k] = result->sequential_s;
          pending[k]--;
        } else {
          guint s = k * plan.per_point + plan.samples;
          g_array_append_val (ready, s);
        }
      }
      take_result (&plan, k, j, result);
    }
    if (--pending[k] == 0) {
      GError *check = NULL;
      if (!finish_point (&plan, k, p, &check)) {
        if (job < first_job) {
          g_clear_error (&first);
          first = check;
          first_job = job;
        } else {
          g_error_free (check);
        }
        continue;
      }
      done++;
      if (r->progress)
        gs_progress_update (r->progress, r->progress_base + done);
      if (r->on_point)
        r->on_point (p, r->progress_base + done, r->data);
    }
  }
  for (guint k = 0; k < n; k++)
    g_clear_pointer (&held[k], g_ptr_array_unref);
  if (strcmp (mode, "check") == 0 && r->sequential)
    g_printerr ("GILSIM_SEQUENTIAL_RUNS=check: %u of %u runs as written stood "
                "for their sequential runs\n", stood, n);
  if (first) {
    g_propagate_error (error, first);
    return FALSE;
  }
  return TRUE;
}
