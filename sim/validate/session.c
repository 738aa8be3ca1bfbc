/* session.c: a measured session's loop speed and costs, from its own records. */
#include "validate/session.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "runtime.h"
#include "validate/calibrate.h"
#include "validate/prediction.h"
#include "validate/validate.h"

/* ---------------------------------------------------------------------- */
/* The loop's speed                                                        */

/* The mean of the scales in V, or 1 if there are none. */
static double
mean_of (const GArray *v)
{
  double sum = 0;
  for (guint k = 0; k < v->len; k++)
    sum += g_array_index (v, double, k);
  return v->len ? sum / v->len : 1.0;
}

/* The session's loop speed: each single-worker record whose prediction is
 * mostly Python loop says how fast the loop ran in that session, once per
 * run.  These machines' virtual CPUs run at a fast or a slow speed that
 * changes from second to second, so one run samples one speed or a mix;
 * what the simulator predicts is the expected time, whose loop cost is the
 * mean of those samples (the median would pick one of the two speeds); a
 * run that is not a speed difference either (below) is left out.
 *
 * Where the loop runs matters too: on the 16-core machine, in both sessions
 * measured, a forked or spawned child ran the loop at 58 to 70 ns an
 * iteration (its own child_work timing) and a lone worker thread at 55 to
 * 73, while the main thread's calib_cpu ran it at 38 to 54.  Every
 * multi-worker record runs its loops in workers, so the workers' records
 * (threads and processes) set the speed of every record but those of kind
 * "main", which the main thread's records set.  A file with fewer than two
 * worker records uses all of them for both.
 *
 * Those records become calibration.  A record without its runs counts once,
 * with its median.  A file with only one such record (run_seed.py's has one)
 * keeps the platform's speed.  Returns TRUE when it rescaled. */
static gboolean
recalibrate (GPtrArray *rows, GPtrArray *jobs, const GsPlatform *platform,
             const GsHost *host)
{
  g_autoptr (GArray) main_scales = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) worker_scales = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) all_scales = g_array_new (FALSE, FALSE, sizeof (double));
  guint records = 0, worker_records = 0;
  g_autoptr (GPtrArray) used = g_ptr_array_new ();  /* the GsValidation * */
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (v->skipped || v->calibration || v->n_workers != 1 ||
        j->python < 0.5 * v->predicted_s)
      continue;
    double scale = 1 + (v->measured_s - v->predicted_s) / j->python;
    if (scale < 0.5 || scale > 2.0)
      continue;  /* not a speed difference: leave it out */
    records++;
    if (!j->main_only)
      worker_records++;
    g_ptr_array_add (used, v);
    GArray *into = j->main_only ? main_scales : worker_scales;
    guint before = into->len;
    for (guint k = 0; k < j->runs->len; k++) {
      double run = g_array_index (j->runs, double, k);
      double s = 1 + (run - v->predicted_s) / j->python;
      if (s >= 0.5 && s <= 2.0)  /* as above, for each run */
        g_array_append_val (into, s);
    }
    if (into->len == before)  /* no runs: the median stands for them */
      g_array_append_val (into, scale);
    g_array_append_vals (all_scales, &g_array_index (into, double, before),
                         into->len - before);
  }
  if (records < 2)
    return FALSE;  /* one draw of a machine whose speed jumps says too little:
              * keep the platform's speed */
  for (guint i = 0; i < used->len; i++)
    ((GsValidation *) used->pdata[i])->calibration = TRUE;
  double worker = mean_of (worker_records >= 2 ? worker_scales : all_scales);
  double main_thread = main_scales->len && worker_records >= 2 ? mean_of (main_scales)
                                                               : worker;
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (!v->skipped)
      gs_prediction_run (v, j, platform, host, j->main_only ? main_thread : worker);
  }
  return TRUE;
}


/* The session's python.loop and python.version, as fits, from the worker
 * records' loop speed (what `gilsim calibrate` writes). */
static void
loop_fits (GPtrArray *rows, GPtrArray *jobs, const GsPlatform *platform,
           const GsHost *host, GPtrArray *into)
{
  const char *runtime = NULL;
  double scale = 1;
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (v->skipped || j->main_only || !j->built)
      continue;
    runtime = j->runtime;
    scale = v->loop_scale;
    break;
  }
  const GsRuntime *rt = runtime ? gs_runtime_lookup (runtime) : NULL;
  GsCosts costs;
  if (rt == NULL || !gs_host_costs (host, platform, &costs, NULL) || !costs.has_python_loop)
    return;
  double loop = costs.python_loop;
  double at_version = loop * gs_runtime_cost_ratio (rt, costs.python_version);
  g_autofree char *v = g_strdup_printf ("%d.%d", rt->major, rt->minor);
  g_autofree char *src = g_strdup_printf ("the workers' single-worker loop records: "
                                          "%.3f times the platform's loop at %s", scale,
                                          rt->name);
  g_ptr_array_add (into, gs_calibrate_fit_new_prop ("python.version", GS_DIM_STRING, NAN, NAN, v, src));
  g_ptr_array_add (into, gs_calibrate_fit_new_prop ("python.loop", GS_DIM_DURATION, loop,
                                          at_version * scale, NULL, src));
}

/* ---------------------------------------------------------------------- */
/* The session's costs                                                     */

/* The session's platform: the base one with the costs that the file's own
 * single-worker records set (calibrate.h), written to a temporary file for
 * SimGrid. */
typedef struct {
  const GsPlatform *base;
  const GsHost *base_host;
  char *base_text;
  char *dir, *file;
  GsPlatform *platform;   /* the latest, or NULL */
  const GsHost *host;     /* the host in it */
  GPtrArray *fits;        /* GsFit *, every record's, in order */
} Session;

static void
session_clear (Session *s)
{
  if (s->file)
    g_remove (s->file);
  if (s->dir)
    g_rmdir (s->dir);
  g_free (s->file);
  g_free (s->dir);
  g_free (s->base_text);
  gs_platform_free (s->platform);
  if (s->fits)
    g_ptr_array_unref (s->fits);
}

/* The expected time of a record: the mean of its runs, or its median.  As
 * for the loop's speed, a run more than twice or less than half the median
 * is not a speed of the machine (a first call's warm-up, another program)
 * and is left out. */
static double
expected_of (const GsValidation *v, const GsPrediction *j)
{
  double sum = 0;
  guint n = 0;
  for (guint k = 0; k < j->runs->len; k++) {
    double run = g_array_index (j->runs, double, k);
    if (run >= 0.5 * v->measured_s && run <= 2 * v->measured_s) {
      sum += run;
      n++;
    }
  }
  return n ? sum / n : v->measured_s;
}

/* Predicts every row that has a scenario again, on PLATFORM, each with the
 * loop speed it had. */
static void
repredict (GPtrArray *rows, GPtrArray *jobs, const GsPlatform *platform,
           const GsHost *host)
{
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (!j->built)
      continue;
    g_clear_pointer (&v->skipped, g_free);
    gs_prediction_run (v, j, platform, host, v->loop_scale);
  }
}

/* The session's platform is a temporary file whose name changes from run
 * to run: messages about it name the platform it was made from. */
static void
name_base (GPtrArray *rows, const Session *s)
{
  if (s->file == NULL)
    return;
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    if (v->skipped == NULL || strstr (v->skipped, s->file) == NULL)
      continue;
    GString *m = g_string_new (v->skipped);
    g_string_replace (m, s->file, s->base->path, 0);
    g_free (v->skipped);
    v->skipped = g_string_free (m, FALSE);
  }
}

/* Lets the records set the costs of STAGE; when any did, writes the
 * session's platform again and predicts every row on it.  A record that
 * set a cost becomes calibration.  Fails (G_FILE_ERROR or
 * GS_PLATFORM_ERROR) only when the platform cannot be written or read. */
static gboolean
session_stage (Session *s, GPtrArray *rows, GPtrArray *jobs, GsCalibrateStage stage,
               GError **error)
{
  const GsPlatform *p = s->platform ? s->platform : s->base;
  const GsHost *h = s->platform ? s->host : s->base_host;
  guint before = s->fits->len;
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (!j->built || v->calibration)
      continue;
    double predicted = v->skipped ? NAN : v->predicted_s;
    if (gs_calibrate_record (json_node_get_object (j->rec), j->where, expected_of (v, j),
                             predicted, p, h, stage, s->fits))
      v->calibration = TRUE;
  }
  if (s->fits->len == before)
    return TRUE;
  if (s->base_text == NULL &&
      !g_file_get_contents (s->base->path, &s->base_text, NULL, error))
    return FALSE;
  if (s->dir == NULL && (s->dir = g_dir_make_tmp ("gilsim-session-XXXXXX", error)) == NULL)
    return FALSE;
  g_autoptr (GPtrArray) merged = gs_calibrate_merge (s->fits);
  g_autofree char *text = gs_calibrate_apply (s->base_text, s->base->path, s->base_host,
                                              merged, NULL, error);
  if (text == NULL)
    return FALSE;
  g_free (s->file);
  s->file = g_build_filename (s->dir, "session.xml", NULL);
  if (!g_file_set_contents (s->file, text, -1, error))
    return FALSE;
  GsPlatform *np = gs_platform_parse (s->file, text, strlen (text), error);
  if (np == NULL)
    return FALSE;
  gs_platform_free (s->platform);
  s->platform = np;
  s->host = gs_platform_host (np, s->base_host->id);
  repredict (rows, jobs, s->platform, s->host);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The three stages                                                        */

gboolean
gs_session_calibrate (GPtrArray *rows, GPtrArray *jobs, const GsPlatform *platform,
                      const GsHost *host, guint samples, GPtrArray **fits, GError **error)
{
  Session ses = { platform, host, NULL, NULL, NULL, NULL, NULL,
                  g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free) };
  gboolean ok = session_stage (&ses, rows, jobs, GS_CALIBRATE_COSTS, error);
  const GsPlatform *cur = ses.platform ? ses.platform : platform;
  const GsHost *cur_host = ses.platform ? ses.host : host;
  gboolean loop = ok && recalibrate (rows, jobs, cur, cur_host);
  ok = ok && session_stage (&ses, rows, jobs, GS_CALIBRATE_IMPORTS, error);
  if (ok && fits) {
    *fits = gs_calibrate_merge (ses.fits);
    if (loop)
      loop_fits (rows, jobs, platform, host, *fits);
  }
  for (guint i = 0; ok && samples > 1 && i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    if (!v->calibration)
      gs_prediction_sample (v, jobs->pdata[i], ses.platform ? ses.platform : platform,
                            ses.platform ? ses.host : host, samples);
  }
  name_base (rows, &ses);
  session_clear (&ses);
  return ok;
}
