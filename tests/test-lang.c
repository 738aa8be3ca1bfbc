/* test-lang.c: the language's conditions, draws, daemon threads and thread
 * pools, run as scenarios.  Each test checks a figure worked out by hand
 * in its scenario's comments, from the JSON export. */
#include <math.h>
#include "run-gilsim.h"

/* if: even threads compute 50 ms, odd ones sleep 50 ms; the two computing
 * threads share the GIL, so the last ends about 100 ms after the first
 * starts. */
static void
test_if (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/lang/if_threads.gil", NULL);
  for (int k = 0; k < 4; k++) {
    g_autofree char *name = g_strdup_printf ("Thread-%d", k);
    JsonObject *w = gilsim_worker (p.res, name);
    if (k % 2 == 0) {
      g_assert_cmpfloat (fabs (gilsim_dbl (w, "cpu_s") - 0.050), <, 0.002);
    } else {
      g_assert_cmpfloat (gilsim_dbl (w, "cpu_s"), <, 0.001);
      g_assert_cmpfloat (fabs (gilsim_dbl (w, "blocked_s") - 0.050), <, 0.002);
    }
  }
  double first = gilsim_dbl (gilsim_worker (p.res, "Thread-0"), "start_s");
  double last = MAX (gilsim_dbl (gilsim_worker (p.res, "Thread-0"), "end_s"),
                     gilsim_dbl (gilsim_worker (p.res, "Thread-2"), "end_s"));
  g_assert_cmpfloat (fabs ((last - first) - 0.100), <, 0.010);
  g_assert_nonnull (strstr (p.run.out, "\"Thread-0 goes first\""));
  g_assert_null (strstr (p.run.out, "Thread-1 goes first"));
  gilsim_point_clear (&p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lang/if", test_if);
  return g_test_run ();
}
