/* test-yardstick.c: the yardstick of several sessions (validate/yardstick.h)
 * on hand-made rows whose figures are worked out by hand below. */
#include <math.h>
#include <glib.h>

#include "validate/prediction.h"
#include "validate/validate.h"
#include "validate/yardstick.h"
#include "assert-near.h"

static GsValidation *
row (const char *config, const char *c, const char *variant, double measured, double predicted)
{
  GsValidation *v = g_new0 (GsValidation, 1);
  v->config = g_strdup (config);
  v->case_name = g_strdup (c);
  v->variant = g_strdup (variant);
  v->n_workers = 2;
  v->measured_s = measured;
  v->predicted_s = predicted;
  v->error = predicted / measured - 1;
  v->predicted_p5 = v->predicted_p95 = NAN;
  return v;
}

static GPtrArray *
session (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gs_validation_free);
}

/* Three sessions A, B, C:
 *   x (c1 v1): measured 1.0, 1.2, 1.1, predicted 1.3, 1.1, 0.9: range
 *     [1.0, 1.2]; errors (1.3 - 1.2) / 1.0 = 0.1, 0, (1.0 - 0.9) / 1.1;
 *   y (c1 v1): measured 2.0, 2.0 in A and B, predicted 2.0, 2.3: errors
 *     0 and 0.3 / 2.0 = 0.15;
 *   z (c2 v2): in A only, measured 1.0, predicted 1.5: no range, but its
 *     family's mean error is +50 %;
 *   a calibration row and a skipped row, in A and B: left out.
 * Outside errors sorted 0, 0, 0.0909, 0.1, 0.15: 90th percentile at 3.6,
 * 0.1 + 0.6 * 0.05 = 0.13; max 0.15.  Plain |error| 0.3, 1/12, 2/11, 0,
 * 0.15: median 0.15.  Ordered pairs' differences: x 1/6, 1/11, 0.2, 1/11,
 * 0.1, 1/12; y 0, 0: median (1/11 + 1/11) / 2 = 1/11; ratio 1.65.
 * Family c1 v1: (0.3 - 1/12 - 2/11 + 0 + 0.15) / 5 = 0.0369697. */
static GPtrArray *
sessions (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *a = session (), *b = session (), *c = session ();
  g_ptr_array_add (a, row ("x", "c1", "v1", 1.0, 1.3));
  g_ptr_array_add (b, row ("x", "c1", "v1", 1.2, 1.1));
  g_ptr_array_add (c, row ("x", "c1", "v1", 1.1, 0.9));
  g_ptr_array_add (a, row ("y", "c1", "v1", 2.0, 2.0));
  g_ptr_array_add (b, row ("y", "c1", "v1", 2.0, 2.3));
  g_ptr_array_add (a, row ("z", "c2", "v2", 1.0, 1.5));
  for (int k = 0; k < 2; k++) {
    GsValidation *cal = row ("cal", "c3", "", 1.0, 9.0);
    cal->calibration = TRUE;
    g_ptr_array_add (k ? b : a, cal);
    GsValidation *sk = row ("sk", "c4", "", 1.0, -1);
    sk->skipped = g_strdup ("the record has no measured time");
    g_ptr_array_add (k ? b : a, sk);
  }
  g_ptr_array_add (all, a);
  g_ptr_array_add (all, b);
  g_ptr_array_add (all, c);
  return all;
}

static void
test_figures (void)
{
  g_autoptr (GPtrArray) all = sessions ();
  g_autoptr (GsYardstick) y = gs_yardstick_compute (all);
  g_assert_cmpuint (y->sessions, ==, 3);
  g_assert_cmpuint (y->configs->len, ==, 2);
  g_assert_cmpuint (y->predictions, ==, 5);
  g_assert_cmpfloat_with_epsilon (y->p90, 0.13, 1e-12);
  g_assert_cmpfloat_with_epsilon (y->max, 0.15, 1e-12);
  g_assert_cmpfloat_with_epsilon (y->median_error, 0.15, 1e-12);
  g_assert_cmpuint (y->pairs, ==, 8);
  g_assert_cmpfloat_with_epsilon (y->median_difference, 1.0 / 11, 1e-12);
  g_assert_cmpfloat_with_epsilon (y->ratio, 1.65, 1e-12);
  const GsYardstickConfig *x = y->configs->pdata[0];
  g_assert_cmpstr (x->config, ==, "x");
  g_assert_cmpuint (x->sessions, ==, 3);
  g_assert_cmpfloat (x->lo, ==, 1.0);
  g_assert_cmpfloat (x->hi, ==, 1.2);
  g_assert_cmpfloat (x->pred_lo, ==, 0.9);
  g_assert_cmpfloat (x->pred_hi, ==, 1.3);
  g_assert_cmpfloat_with_epsilon (x->worst, 0.1, 1e-12);
  g_assert_cmpuint (y->families->len, ==, 2);
  const GsYardstickFamily *f1 = y->families->pdata[0], *f2 = y->families->pdata[1];
  g_assert_cmpstr (f1->case_name, ==, "c1");
  g_assert_cmpuint (f1->predictions, ==, 5);
  g_assert_cmpfloat_with_epsilon (f1->mean_error, (0.3 - 1.0 / 12 - 2.0 / 11 + 0.15) / 5,
                                  1e-12);
  g_assert_false (f1->biased);
  g_assert_cmpstr (f2->case_name, ==, "c2");
  g_assert_cmpfloat_with_epsilon (f2->mean_error, 0.5, 1e-12);
  g_assert_true (f2->biased);
  g_assert_cmpuint (y->biased, ==, 1);
  g_assert_cmpuint (y->intervals, ==, 0);
}

/* Intervals on three rows: A's x [1.0, 1.5] holds its 1.0 (a bound
 * counts), B's x [1.05, 1.15] misses its 1.2, A's z [1.4, 1.6] misses its
 * 1.0 (a configuration of one session counts too): coverage 1 of 3, mean
 * width (0.5 / 1.3 + 0.1 / 1.1 + 0.2 / 1.5) / 3. */
static void
test_coverage (void)
{
  g_autoptr (GPtrArray) all = sessions ();
  GsValidation *ax = ((GPtrArray *) all->pdata[0])->pdata[0];
  GsValidation *az = ((GPtrArray *) all->pdata[0])->pdata[2];
  GsValidation *bx = ((GPtrArray *) all->pdata[1])->pdata[0];
  ax->predicted_p5 = 1.0, ax->predicted_p95 = 1.5;
  bx->predicted_p5 = 1.05, bx->predicted_p95 = 1.15;
  az->predicted_p5 = 1.4, az->predicted_p95 = 1.6;
  g_autoptr (GsYardstick) y = gs_yardstick_compute (all);
  g_assert_cmpuint (y->intervals, ==, 3);
  g_assert_cmpuint (y->covered, ==, 1);
  g_assert_cmpfloat_with_epsilon (y->mean_width, (0.5 / 1.3 + 0.1 / 1.1 + 0.2 / 1.5) / 3,
                                  1e-12);
}

/* One session: no configuration has a range; the families still count. */
static void
test_one_session (void)
{
  g_autoptr (GPtrArray) all = sessions ();
  g_ptr_array_set_size (all, 1);
  g_autoptr (GsYardstick) y = gs_yardstick_compute (all);
  g_assert_cmpuint (y->configs->len, ==, 0);
  g_assert_cmpuint (y->predictions, ==, 0);
  g_assert_cmpfloat (y->p90, ==, 0);
  g_assert_true (isnan (y->ratio));
  g_assert_cmpuint (y->families->len, ==, 2);
}

/* The predicted interval of K samples (gs_prediction_interval) is a
 * prediction interval for one more draw: ranks 0.05 (K + 1) and
 * 0.95 (K + 1) of the sorted samples, the extremes beyond; over many
 * draws of K = 19 uniform samples, a 20th falls inside about 90 % of the
 * time (the interpolated 5 % and 95 % quantiles would hold it 81 %). */
static void
test_prediction_interval (void)
{
  GsValidation v = { 0 };
  g_autoptr (GArray) w = g_array_new (FALSE, FALSE, sizeof (double));
  for (int k = 39; k >= 1; k--) {
    double x = k;
    g_array_append_val (w, x);
  }
  gs_prediction_interval (&v, w);   /* K = 39: ranks 2 and 38 */
  g_assert_cmpfloat (v.predicted_p5, ==, 2);
  g_assert_cmpfloat (v.predicted_p95, ==, 38);
  g_assert_true (v.predicted_samples == w);
  g_clear_pointer (&v.predicted_samples, g_array_unref);
  g_array_set_size (w, 10);         /* K = 10: ranks 0.55 and 10.45 */
  gs_prediction_interval (&v, w);
  g_assert_cmpfloat (v.predicted_p5, ==, 1);
  g_assert_cmpfloat (v.predicted_p95, ==, 10);
  g_clear_pointer (&v.predicted_samples, g_array_unref);

  g_autoptr (GRand) rand = g_rand_new_with_seed (15);
  guint inside = 0, tries = 20000;
  for (guint t = 0; t < tries; t++) {
    g_autoptr (GArray) s = g_array_new (FALSE, FALSE, sizeof (double));
    for (guint k = 0; k < 19; k++) {
      double x = g_rand_double (rand);
      g_array_append_val (s, x);
    }
    GsValidation u = { 0 };
    gs_prediction_interval (&u, s);
    double next = g_rand_double (rand);
    inside += next >= u.predicted_p5 && next <= u.predicted_p95;
    g_array_unref (u.predicted_samples);
  }
  assert_near ((double) inside / tries, 0.90, 0.01);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/yardstick/figures", test_figures);
  g_test_add_func ("/yardstick/coverage", test_coverage);
  g_test_add_func ("/yardstick/one-session", test_one_session);
  g_test_add_func ("/yardstick/prediction-interval", test_prediction_interval);
  return g_test_run ();
}
