/* runner.c: dispatching the jobs of a sweep to a pool of workers. */
#include "run/runner.h"

#include "platform/platform_variant.h"
#include "run/point_config.h"
#include "run/simulate.h"

typedef struct {
  const GsRunner *r;
  GPtrArray *platforms;        /* const GsPlatform* per point (borrowed) */
  GPtrArray *hosts;            /* const GsHost* per point (borrowed) */
} Plan;

/* Job 2K is point K as written, job 2K+1 its sequential run. */
static void
job_config (guint job, GsEngineConfig *cfg, gpointer data)
{
  const Plan *plan = data;
  guint k = job / 2;
  gs_point_config_fill (cfg, plan->r->points->pdata[k], plan->r->sc,
                        plan->platforms->pdata[k], plan->hosts->pdata[k],
                        plan->r->simgrid_args);
  cfg->sequential = job % 2 == 1;
  /* only the run as written is traced: never its sequential run */
  guint index = ((const GsPoint *) plan->r->points->pdata[k])->index;
  if (!cfg->sequential && plan->r->trace_paths)
    cfg->trace_path = plan->r->trace_paths->pdata[index];
  if (!cfg->sequential && plan->r->timeline_paths)
    cfg->timeline_path = plan->r->timeline_paths->pdata[index];
}

/* The platform and host of each point of R into PLATFORMS and HOSTS: R's,
 * or a copy of R's platform with the point's core count (from VARIANTS). */
static gboolean
plan_platforms (const GsRunner *r, GsPlatformVariants *variants, GPtrArray *platforms,
                GPtrArray *hosts, GError **error)
{
  for (guint k = 0; k < r->points->len; k++) {
    const GsPoint *p = r->points->pdata[k];
    const GsHost *host = r->host;
    const GsPlatform *pl = r->platform;
    if (p->cores && p->cores != r->host->cores) {
      pl = gs_platform_variants_get (variants, r->host->id, p->cores, &host, error);
      if (pl == NULL)
        return FALSE;
    }
    g_ptr_array_add (platforms, (gpointer) pl);
    g_ptr_array_add (hosts, (gpointer) host);
  }
  return TRUE;
}

/* Keeps RESULT, of point P's JOB: its run as written (an even job) or its
 * sequential run (odd), whichever finishes first. */
static void
take_result (GsPoint *p, guint job, GsResult *result)
{
  if (job % 2 == 0) {
    double seq = p->result ? p->result->sequential_s : -1;
    gs_result_free (p->result);
    p->result = result;
    p->result->sequential_s = seq;
  } else {
    if (p->result)
      p->result->sequential_s = result->wall_s;
    else {
      /* the sequential run finished first: keep its time in a stub */
      p->result = gs_result_new ();
      p->result->wall_s = -1;
      p->result->sequential_s = result->wall_s;
    }
    gs_result_free (result);
  }
}

gboolean
gs_runner_run (const GsRunner *r, GError **error)
{
  g_return_val_if_fail (r->jobs >= 1, FALSE);
  guint n = r->points->len;
  if (n == 0)
    return TRUE;
  g_autoptr (GsPlatformVariants) variants = gs_platform_variants_new (r->platform);
  g_autoptr (GPtrArray) platforms = g_ptr_array_new ();
  g_autoptr (GPtrArray) hosts = g_ptr_array_new ();
  if (!plan_platforms (r, variants, platforms, hosts, error))
    return FALSE;
  Plan plan = { r, platforms, hosts };
  guint per_point = r->sequential ? 2 : 1;
  guint total_jobs = n * 2;
  guint workers = MIN (r->jobs, n * per_point);
  /* a fork server (SimGrid started once, a child forked per job) pays off
   * from a worker's second job on: when each worker gets one job, as a
   * single prediction's run and sequential run do, it simulates it itself */
  gboolean fork_server = r->fork_server && n * per_point > workers;
  g_autoptr (GsSimulatePool) pool = gs_simulate_pool_new (workers, fork_server,
                                                          job_config, &plan);
  g_autofree guint8 *pending = g_new0 (guint8, n);   /* jobs left per point */
  guint next = 0, running = 0, done = 0;
  GError *first = NULL;
  guint first_job = G_MAXUINT;   /* the failed job of lowest number */
  for (;;) {
    while (first == NULL && next < total_jobs && gs_simulate_pool_idle (pool) > 0) {
      if (next % 2 == 1 && !r->sequential) {
        next++;
        continue;
      }
      guint k = next / 2;
      g_autofree char *key = g_strdup_printf (
          "%s\n%s", ((const GsPlatform *) platforms->pdata[k])->path, r->host->id);
      if (!gs_simulate_pool_submit (pool, next, key, &first)) {
        first_job = 0;
        break;
      }
      if (next % 2 == 0)
        pending[k] = (guint8) per_point;
      next++;
      running++;
    }
    if (running == 0)
      break;
    GsResult *result = NULL;
    GError *job_error = NULL;
    guint job = gs_simulate_pool_wait (pool, &result, &job_error);
    running--;
    guint k = job / 2;
    GsPoint *p = r->points->pdata[k];
    if (result == NULL && job % 2 == 1) {
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
      take_result (p, job, result);
    }
    if (--pending[k] == 0) {
      done++;
      if (r->progress)
        gs_progress_update (r->progress, r->progress_base + done);
      if (r->on_point)
        r->on_point (p, r->progress_base + done, r->data);
    }
  }
  if (first) {
    g_propagate_error (error, first);
    return FALSE;
  }
  return TRUE;
}
