/* yardstick.c: predictions against several sessions of the same machine. */
#include "validate/yardstick.h"

#include <math.h>

#include "validate/stats.h"
#include "validate/validate.h"

static void
config_free (GsYardstickConfig *c)
{
  g_free (c->config);
  g_free (c->case_name);
  g_free (c->variant);
  g_free (c);
}

static void
family_free (GsYardstickFamily *f)
{
  g_free (f->case_name);
  g_free (f->variant);
  g_free (f);
}

void
gs_yardstick_free (GsYardstick *y)
{
  if (y == NULL)
    return;
  g_ptr_array_unref (y->configs);
  g_ptr_array_unref (y->families);
  g_free (y);
}

/* Whether row V is a prediction the yardstick counts. */
static gboolean
counted (const GsValidation *v)
{
  return v->skipped == NULL && !v->calibration && v->measured_s > 0 && v->predicted_s >= 0;
}

/* Whether counted row V has a predicted interval. */
static gboolean
has_interval (const GsValidation *v)
{
  return !isnan (v->predicted_p5) && !isnan (v->predicted_p95) && v->predicted_s > 0;
}

/* Whether V's measured median lies inside its predicted interval. */
static gboolean
inside (const GsValidation *v)
{
  return v->measured_s >= v->predicted_p5 && v->measured_s <= v->predicted_p95;
}

/* The configurations of SESSIONS, each with the rows (GsValidation *)
 * that predicted it, in the order first met: into ORDER (char *, borrowed
 * from the rows) and BY (config -> GPtrArray *). */
static void
group (GPtrArray *sessions, GPtrArray *order, GHashTable *by)
{
  for (guint s = 0; s < sessions->len; s++) {
    GPtrArray *rows = sessions->pdata[s];
    for (guint i = 0; i < rows->len; i++) {
      GsValidation *v = rows->pdata[i];
      if (!counted (v) || v->config == NULL)
        continue;
      GPtrArray *of = g_hash_table_lookup (by, v->config);
      if (of == NULL) {
        of = g_ptr_array_new ();
        g_hash_table_insert (by, v->config, of);
        g_ptr_array_add (order, v->config);
      }
      g_ptr_array_add (of, v);
    }
  }
}

/* The yardstick error of prediction V against the range [LO, HI]. */
static double
range_error (const GsValidation *v, double lo, double hi)
{
  if (v->predicted_s < lo)
    return (lo - v->predicted_s) / v->measured_s;
  if (v->predicted_s > hi)
    return (v->predicted_s - hi) / v->measured_s;
  return 0;
}

/* Adds configuration ROWS (measured in two or more sessions) to Y, and
 * its errors to ERRS, PLAIN and DIFFS. */
static void
add_config (GsYardstick *y, GPtrArray *rows, GArray *errs, GArray *plain, GArray *diffs)
{
  const GsValidation *first = rows->pdata[0];
  GsYardstickConfig *c = g_new0 (GsYardstickConfig, 1);
  c->config = g_strdup (first->config);
  c->case_name = g_strdup (first->case_name);
  c->variant = g_strdup (first->variant);
  c->n_workers = first->n_workers;
  c->sessions = rows->len;
  c->lo = c->pred_lo = INFINITY;
  c->hi = c->pred_hi = -INFINITY;
  for (guint i = 0; i < rows->len; i++) {
    const GsValidation *v = rows->pdata[i];
    c->lo = MIN (c->lo, v->measured_s);
    c->hi = MAX (c->hi, v->measured_s);
    c->pred_lo = MIN (c->pred_lo, v->predicted_s);
    c->pred_hi = MAX (c->pred_hi, v->predicted_s);
  }
  for (guint i = 0; i < rows->len; i++) {
    const GsValidation *v = rows->pdata[i];
    double e = range_error (v, c->lo, c->hi);
    double p = fabs (v->error);
    c->worst = MAX (c->worst, e);
    g_array_append_val (errs, e);
    g_array_append_val (plain, p);
    for (guint j = 0; j < rows->len; j++) {
      const GsValidation *o = rows->pdata[j];
      double d = fabs (v->measured_s / o->measured_s - 1);
      if (j != i)
        g_array_append_val (diffs, d);
    }
  }
  g_ptr_array_add (y->configs, c);
}

/* The families of SESSIONS into Y: each (case, variant)'s mean signed
 * error over every counted row. */
static void
add_families (GsYardstick *y, GPtrArray *sessions)
{
  g_autoptr (GHashTable) by = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) sums = g_array_new (FALSE, TRUE, sizeof (double));
  for (guint s = 0; s < sessions->len; s++) {
    GPtrArray *rows = sessions->pdata[s];
    for (guint i = 0; i < rows->len; i++) {
      const GsValidation *v = rows->pdata[i];
      if (!counted (v))
        continue;
      char *key = g_strdup_printf ("%s\t%s", v->case_name, v->variant);
      gpointer at;
      guint k;
      if (g_hash_table_lookup_extended (by, key, NULL, &at)) {
        k = GPOINTER_TO_UINT (at);
        g_free (key);
      } else {
        k = y->families->len;
        g_hash_table_insert (by, key, GUINT_TO_POINTER (k));
        GsYardstickFamily *f = g_new0 (GsYardstickFamily, 1);
        f->case_name = g_strdup (v->case_name);
        f->variant = g_strdup (v->variant);
        g_ptr_array_add (y->families, f);
        g_array_set_size (sums, k + 1);
      }
      GsYardstickFamily *f = y->families->pdata[k];
      f->predictions++;
      g_array_index (sums, double, k) += v->error;
      if (has_interval (v)) {
        f->intervals++;
        f->mean_width += (v->predicted_p95 - v->predicted_p5) / v->predicted_s;
        f->covered += inside (v);
      }
    }
  }
  for (guint k = 0; k < y->families->len; k++) {
    GsYardstickFamily *f = y->families->pdata[k];
    f->mean_error = g_array_index (sums, double, k) / f->predictions;
    f->biased = fabs (f->mean_error) > GS_YARDSTICK_BIAS;
    if (f->intervals)
      f->mean_width /= f->intervals;
    y->biased += f->biased;
  }
}

/* The coverage of the predicted intervals of SESSIONS' counted rows. */
static void
add_intervals (GsYardstick *y, GPtrArray *sessions)
{
  double sum = 0;
  for (guint s = 0; s < sessions->len; s++) {
    GPtrArray *rows = sessions->pdata[s];
    for (guint i = 0; i < rows->len; i++) {
      const GsValidation *v = rows->pdata[i];
      if (!counted (v) || !has_interval (v))
        continue;
      y->intervals++;
      sum += (v->predicted_p95 - v->predicted_p5) / v->predicted_s;
      y->covered += inside (v);
    }
  }
  y->mean_width = y->intervals ? sum / y->intervals : 0;
}

GsYardstick *
gs_yardstick_compute (GPtrArray *sessions)
{
  GsYardstick *y = g_new0 (GsYardstick, 1);
  y->sessions = sessions->len;
  y->configs = g_ptr_array_new_with_free_func ((GDestroyNotify) config_free);
  y->families = g_ptr_array_new_with_free_func ((GDestroyNotify) family_free);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  g_autoptr (GHashTable) by = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                     (GDestroyNotify) g_ptr_array_unref);
  group (sessions, order, by);
  g_autoptr (GArray) errs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) plain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) diffs = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < order->len; i++) {
    GPtrArray *rows = g_hash_table_lookup (by, order->pdata[i]);
    if (rows->len >= 2)
      add_config (y, rows, errs, plain, diffs);
  }
  y->predictions = errs->len;
  y->p90 = gs_stats_percentile (errs, 90);
  y->max = errs->len ? g_array_index (errs, double, errs->len - 1) : 0;
  y->median_error = gs_stats_percentile (plain, 50);
  y->pairs = diffs->len;
  y->median_difference = gs_stats_percentile (diffs, 50);
  y->ratio = y->median_difference > 0 ? y->median_error / y->median_difference : NAN;
  add_intervals (y, sessions);
  add_families (y, sessions);
  return y;
}
