/* test-noise.c: the machine's random effects of a drawn sample
 * (engine/noise.h): their distributions, and that the same keys give the
 * same draws. */
#include <math.h>
#include <glib.h>

#include "engine/noise.h"
#include "assert-near.h"

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
  assert_near (sum / DRAWS, 1, 0.003);   /* 3 standard errors */
  assert_near (sd / sigma, 1, 0.02);
  assert_near ((double) inside / DRAWS, 0.90, 0.01);
  assert_near ((double) below / DRAWS, 0.50, 0.015);
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
  assert_near (sum / DRAWS, 1, 0.01);
  assert_near ((double) slow / DRAWS, p, 0.015);
  g_assert_cmpfloat (gs_noise_cpu_factor (99, 1, 0, 0, 1, 0, r), ==, 1);
}

/* A spawned child's start-up: the expected prediction is not moved; in a
 * sample each child draws the fast or the slow state, the slow one with
 * probability p and r times the fast one's time, of mean 1; the state is
 * its thread's first period's (gs_noise_cpu_factor), and a function of
 * the thread and the sample only. */
static void
test_start_factor (void)
{
  const double p = 0.42, r = 1.44, norm = 1 + (r - 1) * p;
  g_assert_cmpfloat (gs_noise_start_factor (5, 0, p, r), ==, 1);
  g_assert_cmpfloat (gs_noise_start_factor (5, 3, 0, r), ==, 1);
  g_assert_cmpfloat (gs_noise_start_factor (5, 3, p, 1), ==, 1);
  double sum = 0;
  guint slow = 0, differ = 0;
  for (guint s = 1; s <= DRAWS; s++) {
    double f = gs_noise_start_factor (77, s, p, r);
    g_assert_true (fabs (f - 1 / norm) < 1e-12 || fabs (f - r / norm) < 1e-12);
    g_assert_cmpfloat (f, ==, gs_noise_start_factor (77, s, p, r));
    /* the same state as the thread's first second of Python work */
    g_assert_cmpint (f > 1, ==, gs_noise_cpu_factor (77, s, 0, 0, 0.5, p, 1.67) > 1);
    differ += f != gs_noise_start_factor (78, s, p, r);
    slow += f > 1;
    sum += f;
  }
  assert_near (sum / DRAWS, 1, 0.005);   /* 3 standard errors */
  assert_near ((double) slow / DRAWS, p, 0.011);
  /* two children draw apart: both states 2 p (1 - p) of the time */
  assert_near ((double) differ / DRAWS, 2 * p * (1 - p), 0.011);
}

/* The disks' speed: 1 in the expected prediction; in a sample, one
 * factor for reads and another for writes, each log-normal of mean 1 and
 * sd sigma, apart from the machine's speed and from each other. */
static void
test_disk_factor (void)
{
  const double sigma = 0.063;
  g_assert_cmpfloat (gs_noise_disk_factor (9, 0, TRUE, sigma), ==, 1);
  g_assert_cmpfloat (gs_noise_disk_factor (9, 4, FALSE, 0), ==, 1);
  double sum[2] = { 0, 0 }, l2[2] = { 0, 0 }, cross = 0;
  guint same_as_machine = 0;
  for (guint s = 1; s <= DRAWS; s++) {
    double l[2];
    for (int k = 0; k < 2; k++) {
      double f = gs_noise_disk_factor (9, s, k, sigma);
      g_assert_cmpfloat (f, ==, gs_noise_disk_factor (9, s, k, sigma));
      g_assert_cmpfloat (f, >, 0);
      l[k] = log (f) + sigma * sigma / 2;
      sum[k] += f;
      l2[k] += l[k] * l[k];
    }
    cross += l[0] * l[1];
    same_as_machine += gs_noise_disk_factor (9, s, TRUE, sigma) ==
                       gs_noise_machine_factor (9, s, sigma);
  }
  for (int k = 0; k < 2; k++) {
    assert_near (sum[k] / DRAWS, 1, 0.002);
    assert_near (sqrt (l2[k] / DRAWS) / sigma, 1, 0.02);
  }
  /* reads and writes uncorrelated: |rho| within 3 standard errors */
  g_assert_cmpfloat (fabs (cross / sqrt (l2[0] * l2[1])), <, 3 / sqrt (DRAWS));
  g_assert_cmpuint (same_as_machine, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/noise/machine/none", test_machine_none);
  g_test_add_func ("/noise/machine/deterministic", test_machine_deterministic);
  g_test_add_func ("/noise/machine/distribution", test_machine_distribution);
  g_test_add_func ("/noise/cpu-factor", test_cpu_factor);
  g_test_add_func ("/noise/start-factor", test_start_factor);
  g_test_add_func ("/noise/disk-factor", test_disk_factor);
  return g_test_run ();
}
