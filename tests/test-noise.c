/* test-noise.c: the machine's random effects of a drawn sample
 * (engine/noise.h): their distributions, and that the same keys give the
 * same draws. */
#include <math.h>
#include <glib.h>

#include "engine/noise.h"

#define DRAWS 20000

/* The expected prediction (sample 0) and a machine without jitter are
 * never moved: exactly 1. */
static void
test_machine_none (void)
{
  g_assert_cmpfloat (gs_noise_machine_factor (42, 0, 0.1), ==, 1);
  g_assert_cmpfloat (gs_noise_machine_factor (42, 3, 0), ==, 1);
  g_assert_cmpfloat (gs_noise_machine_factor (42, 3, -1), ==, 1);
}

/* A factor is a function of the seed and the sample only; other samples
 * and other seeds give other factors. */
static void
test_machine_deterministic (void)
{
  double a = gs_noise_machine_factor (7, 5, 0.08);
  g_assert_cmpfloat (a, ==, gs_noise_machine_factor (7, 5, 0.08));
  g_assert_cmpfloat (a, !=, gs_noise_machine_factor (7, 6, 0.08));
  g_assert_cmpfloat (a, !=, gs_noise_machine_factor (8, 5, 0.08));
}

/* Over many samples the factor's mean is 1 (a sample's expected time is
 * the prediction's), the standard deviation of its logarithm is sigma,
 * and its logarithm is normal: 90 % of the draws within 1.645 sigma of
 * -sigma^2/2, half of them below it. */
static void
test_machine_distribution (void)
{
  const double sigma = 0.08, mid = -sigma * sigma / 2;
  double sum = 0, sum_l = 0, sum_l2 = 0;
  guint inside = 0, below = 0;
  for (guint s = 1; s <= DRAWS; s++) {
    double f = gs_noise_machine_factor (1234, s, sigma);
    g_assert_cmpfloat (f, >, 0);
    double l = log (f);
    sum += f;
    sum_l += l;
    sum_l2 += l * l;
    inside += fabs (l - mid) <= 1.645 * sigma;
    below += l < mid;
  }
  double mean_l = sum_l / DRAWS;
  double sd = sqrt (sum_l2 / DRAWS - mean_l * mean_l);
  g_assert_cmpfloat (fabs (sum / DRAWS - 1), <, 0.003);   /* 3 standard errors */
  g_assert_cmpfloat (fabs (sd / sigma - 1), <, 0.02);
  g_assert_cmpfloat (fabs ((double) inside / DRAWS - 0.90), <, 0.01);
  g_assert_cmpfloat (fabs ((double) below / DRAWS - 0.50), <, 0.015);
}

/* A slow vCPU: over many samples of one second of work the time factor's
 * mean is 1, each factor is the fast or the slow state's (one period),
 * and the slow one comes up with probability p. */
static void
test_cpu_factor (void)
{
  const double p = 0.42, r = 1.67, norm = 1 + (r - 1) * p;
  double sum = 0;
  guint slow = 0;
  for (guint s = 1; s <= DRAWS; s++) {
    double f = gs_noise_cpu_factor (99, s, 0, 0, GS_NOISE_PERIOD, p, r);
    g_assert_true (fabs (f - 1 / norm) < 1e-9 || fabs (f - r / norm) < 1e-9);
    slow += f > 1;
    sum += f;
    g_assert_cmpfloat (f, ==, gs_noise_cpu_factor (99, s, 0, 0, GS_NOISE_PERIOD, p, r));
  }
  g_assert_cmpfloat (fabs (sum / DRAWS - 1), <, 0.01);
  g_assert_cmpfloat (fabs ((double) slow / DRAWS - p), <, 0.015);
  g_assert_cmpfloat (gs_noise_cpu_factor (99, 1, 0, 0, 1, 0, r), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/noise/machine/none", test_machine_none);
  g_test_add_func ("/noise/machine/deterministic", test_machine_deterministic);
  g_test_add_func ("/noise/machine/distribution", test_machine_distribution);
  g_test_add_func ("/noise/cpu-factor", test_cpu_factor);
  return g_test_run ();
}
