/* test-bootstrap.c: the bootstrap of a session's calibration
 * (validate/bootstrap.h): deterministic, sample 0 the plain mean, every
 * draw one of the record's own runs. */
#include <math.h>
#include <glib.h>

#include "validate/bootstrap.h"

static const double runs[] = { 0.100, 0.130, 0.190 };

/* Draws are a function of their keys: the same arguments, the same index;
 * every index is below N, and a thousand draws pick every run. */
static void
test_pick (void)
{
  guint seen[3] = { 0 };
  for (guint s = 1; s <= 1000; s++) {
    guint i = gs_bootstrap_pick (3, 42, s, 0);
    g_assert_cmpuint (i, <, 3);
    g_assert_cmpuint (i, ==, gs_bootstrap_pick (3, 42, s, 0));
    seen[i]++;
  }
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (seen[i], >, 250);  /* 333 expected of each */
  g_assert_cmpuint (gs_bootstrap_pick (1, 7, 3, 2), ==, 0);
}

/* Sample 0 is the calibration as it was: the plain mean, in order. */
static void
test_sample_zero (void)
{
  g_assert_cmpfloat (gs_bootstrap_mean (runs, 3, 5, 0), ==, (0.100 + 0.130 + 0.190) / 3);
  g_assert_true (isnan (gs_bootstrap_mean (runs, 0, 5, 0)));
  g_assert_cmpfloat (gs_bootstrap_mean (runs, 1, 5, 9), ==, 0.100);
}

/* A drawn mean is the mean of three of the runs, picked as
 * gs_bootstrap_pick says; the same key and sample give the same bytes,
 * and the samples are not all one value. */
static void
test_drawn_from_runs (void)
{
  gboolean differ = FALSE;
  double first = gs_bootstrap_mean (runs, 3, 11, 1);
  for (guint s = 1; s <= 50; s++) {
    double m = gs_bootstrap_mean (runs, 3, 11, s);
    double want = 0;
    for (guint d = 0; d < 3; d++)
      want += runs[gs_bootstrap_pick (3, 11, s, d)];
    g_assert_cmpfloat (m, ==, want / 3);
    g_assert_cmpfloat (m, ==, gs_bootstrap_mean (runs, 3, 11, s));
    g_assert_cmpfloat (m, >=, 0.100 - 1e-12);
    g_assert_cmpfloat (m, <=, 0.190 + 1e-12);
    differ |= m != first;
  }
  g_assert_true (differ);
}

/* Several records' runs pooled: each record drawn from its own runs, the
 * mean weighted by their numbers; sample 0 the mean of every run. */
static void
test_pooled (void)
{
  const double all[] = { 1.0, 1.2, 2.0, 2.0, 2.0, 2.0 };
  const guint counts[] = { 2, 4 };
  const guint64 keys[] = { 3, 4 };
  g_assert_cmpfloat_with_epsilon (gs_bootstrap_pooled_mean (all, counts, keys, 2, 0),
                                  (2.2 + 8.0) / 6, 1e-12);
  for (guint s = 1; s <= 20; s++) {
    double m = gs_bootstrap_pooled_mean (all, counts, keys, 2, s);
    double want = (2 * gs_bootstrap_mean (all, 2, 3, s) + 8.0) / 6;
    g_assert_cmpfloat_with_epsilon (m, want, 1e-12);
  }
  g_assert_true (isnan (gs_bootstrap_pooled_mean (all, counts, keys, 0, 1)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bootstrap/pick", test_pick);
  g_test_add_func ("/bootstrap/sample-zero", test_sample_zero);
  g_test_add_func ("/bootstrap/drawn-from-runs", test_drawn_from_runs);
  g_test_add_func ("/bootstrap/pooled", test_pooled);
  return g_test_run ();
}
