/* stats.c: how far a validation's predictions are from the measurements. */
#include "validate/stats.h"

#include <math.h>

#include "util/quantiles.h"
#include "validate/validate.h"

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The P-th percentile (0 to 100) of sorted V (util/quantiles.h), or 0
 * when V is empty. */
static double
percentile (const double *v, guint n, double p)
{
  return n == 0 ? 0 : gs_quantiles_at (v, n, p);
}

/* Sorts V and sets its median, 90th percentile and maximum (0 if empty). */
static void
stats_of (GArray *v, double *median, double *p90, double *max)
{
  g_array_sort (v, cmp_double);
  const double *d = (const double *) v->data;
  *median = percentile (d, v->len, 50);
  *p90 = percentile (d, v->len, 90);
  *max = v->len ? d[v->len - 1] : 0;
}

double
gs_stats_round6 (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.6g", x);
  return g_ascii_strtod (buf, NULL);
}

double
gs_stats_percentile (GArray *v, double p)
{
  g_array_sort (v, cmp_double);
  return percentile ((const double *) v->data, v->len, p);
}

GsValidationSummary
gs_stats_summarize (GPtrArray *rows)
{
  GsValidationSummary s = { 0 };
  s.worker_scale = s.main_scale = 1;
  for (guint i = 0; i < rows->len; i++) {
    const GsValidation *v = rows->pdata[i];
    if (!v->skipped && v->main_thread)
      s.main_scale = v->loop_scale;
    else if (!v->skipped)
      s.worker_scale = v->loop_scale;
  }
  g_autoptr (GArray) errs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) others = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) same = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    if (v->skipped) {
      s.skipped++;
      continue;
    }
    if (v->calibration) {
      s.calibration++;
      continue;
    }
    double e = fabs (v->error);
    g_array_append_val (errs, e);
    if (!isnan (v->predicted_p5) && !isnan (v->predicted_p95) && v->predicted_s > 0) {
      s.intervals++;
      s.mean_width += (v->predicted_p95 - v->predicted_p5) / v->predicted_s;
      s.covered += v->measured_s >= v->predicted_p5 && v->measured_s <= v->predicted_p95;
    }
    if (v->predicted_s >= v->measured_min_s && v->predicted_s <= v->measured_max_s)
      s.within_runs++;
    if (v->other_s > 0) {
      double o = fabs (v->measured_s / v->other_s - 1);
      g_array_append_val (others, o);
      g_array_append_val (same, e);
    }
  }
  for (guint i = 0; i < rows->len; i++)
    s.superseded += ((GsValidation *) rows->pdata[i])->superseded;
  s.count = errs->len;
  if (s.intervals)
    s.mean_width /= s.intervals;
  stats_of (errs, &s.median_abs_error, &s.p90_abs_error, &s.max_abs_error);
  s.compared = others->len;
  stats_of (others, &s.other_median, &s.other_p90, &s.other_max);
  stats_of (same, &s.same_median, &s.same_p90, &s.same_max);
  return s;
}
