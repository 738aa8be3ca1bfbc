/* test-old-gil.c: CPython 2.7's GIL battle beyond three threads on two
 * cores (tests/data/old_gil_threads.gil), against two measured sessions. */
#include "run-gilsim.h"

static double
wall (int n)
{
  g_autofree char *ns = g_strdup_printf ("N=%d", n);
  GilsimPoint p;
  gilsim_point_run (&p, "run", "tests/data/old_gil_threads.gil", "-L", ns, NULL);
  double w = gilsim_dbl (p.res, "wall_s");
  gilsim_point_clear (&p);
  return w;
}

/* Over the time of 2 threads: 3 threads 1.48 to 1.52 (the second waiter
 * still fits on the spare core), 8 threads 5.6 to 6.6 and 16 threads 11.6
 * to 13.1 (the waiters' wake-ups take part of the holder's core). */
static void
test_growth (void)
{
  double w2 = wall (2), w3 = wall (3), w8 = wall (8), w16 = wall (16);
  g_test_message ("N=3 %.2f, N=8 %.2f, N=16 %.2f times N=2", w3 / w2, w8 / w2, w16 / w2);
  g_assert_cmpfloat (w3 / w2, >, 1.4);
  g_assert_cmpfloat (w3 / w2, <, 1.6);
  g_assert_cmpfloat (w8 / w2, >, 5.0);
  g_assert_cmpfloat (w8 / w2, <, 7.0);
  g_assert_cmpfloat (w16 / w2, >, 10.5);
  g_assert_cmpfloat (w16 / w2, <, 14.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/old-gil/growth", test_growth);
  return g_test_run ();
}
