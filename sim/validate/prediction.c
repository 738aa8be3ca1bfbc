/* prediction.c: predicting the row of one measured record. */
#include "validate/prediction.h"

#include <math.h>
#include <string.h>

#include "lang/scenario.h"
#include "run/point_config.h"
#include "run/points.h"
#include "run/simulate.h"
#include "util/quantiles.h"

/* Simulates one record's scenario (a file when TEXT is NULL) with the
 * Python loop's cost scaled by LOOP_SCALE.  Returns the predicted wall time
 * and sets *PYTHON to the time of its `python` statements, or -1 with
 * ERROR set. */
static double
predict (const char *name, const char *text, const char *n_value,
         const GsPlatform *platform, const GsHost *host, double loop_scale,
         guint sample, double *python, GError **error)
{
  g_autoptr (GsScenario) sc = text ? gs_scenario_parse (name, text, strlen (text), error)
                                   : gs_scenario_load (name, error);
  if (sc == NULL)
    return -1;
  g_autoptr (GPtrArray) axes = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_points_axis_free);
  if (n_value) {
    g_autofree char *arg = g_strdup_printf ("N=%s", n_value);
    g_ptr_array_add (axes, gs_points_axis_parse (arg, NULL));
  }
  g_autoptr (GPtrArray) points = gs_points_build (sc, axes, NULL, NULL, error);
  if (points == NULL)
    return -1;
  GsPoint *p = points->pdata[0];
  GsEngineConfig cfg;
  gs_point_config_fill (&cfg, p, sc, platform, host, NULL);
  cfg.loop_scale = loop_scale;
  cfg.sample = sample;
  g_autoptr (GsResult) r = gs_simulate (&cfg, error);
  if (r == NULL)
    return -1;
  *python = 0;
  for (guint i = 0; i < r->workers->len; i++)
    *python += g_array_index (r->workers, GsWorker, i).python_s;
  return r->wall_s;
}

void
gs_prediction_free (GsPrediction *j)
{
  if (j == NULL)
    return;
  g_free (j->name);
  g_free (j->n_value);
  if (j->runs)
    g_array_unref (j->runs);
  if (j->rec)
    json_node_unref (j->rec);
  g_free (j->where);
  g_free (j);
}

gboolean
gs_prediction_run (GsValidation *v, GsPrediction *j, const GsPlatform *platform,
                   const GsHost *host, double scale)
{
  GError *perr = NULL;
  v->loop_scale = scale;
  v->predicted_s = predict (j->name, j->is_file ? NULL : v->scenario, j->n_value,
                            platform, host, scale, 0, &j->python, &perr);
  if (v->predicted_s < 0) {
    v->skipped = g_strdup_printf ("the scenario failed: %s", perr->message);
    g_error_free (perr);
    return FALSE;
  }
  v->error = v->predicted_s / v->measured_s - 1;
  return TRUE;
}

double
gs_prediction_sample_one (GsValidation *v, GsPrediction *j, const GsPlatform *platform,
                          const GsHost *host, double scale, guint sample)
{
  double python = 0;
  return predict (j->name, j->is_file ? NULL : v->scenario, j->n_value, platform, host,
                  scale, sample, &python, NULL);
}

/* The bound of a prediction interval for one more draw, from the N
 * sorted samples W: the order statistic of rank (N + 1) P (from 1),
 * interpolated linearly, the smallest or the largest beyond them.  A new
 * draw of the same distribution falls below the rank-h one with
 * probability h / (N + 1), so [P, 1 - P] covers it 1 - 2P of the time on
 * average, whatever N; the sample quantiles (rank (N - 1) P + 1) would
 * cover only (1 - 2P)(N - 1) / (N + 1) of the time: 74 % for N = 10. */
static double
prediction_bound (const double *w, guint n, double p)
{
  double h = (n + 1) * p;
  if (h <= 1)
    return w[0];
  if (h >= n)
    return w[n - 1];
  guint i = (guint) h;
  return w[i - 1] + (h - i) * (w[i] - w[i - 1]);
}

void
gs_prediction_interval (GsValidation *v, GArray *walls)
{
  if (walls == NULL || walls->len == 0)
    return;
  double *w = (double *) walls->data;
  gs_quantiles_sort (w, walls->len);
  v->predicted_p5 = prediction_bound (w, walls->len, 0.05);
  v->predicted_p95 = prediction_bound (w, walls->len, 0.95);
  if (v->predicted_samples)
    g_array_unref (v->predicted_samples);
  v->predicted_samples = g_array_ref (walls);
}

void
gs_prediction_sample (GsValidation *v, GsPrediction *j, const GsPlatform *platform,
                      const GsHost *host, guint samples)
{
  if (v->skipped || samples < 2)
    return;
  g_autoptr (GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint k = 1; k <= samples; k++) {
    double w = gs_prediction_sample_one (v, j, platform, host, v->loop_scale, k);
    if (w < 0)
      return;  /* it predicted as expected: a sample fails only as that did */
    g_array_append_val (walls, w);
  }
  gs_prediction_interval (v, walls);
}
