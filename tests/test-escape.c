/* test-escape.c: a lone thread's escape from a slow virtual CPU: the maths
 * (models/escape.h) and whole runs on tests/data/escape-vcpus.xml (half of
 * the vCPUs twice as slow, escape after 0.3 s), where the engine places a
 * process's Python work again when a thread back from a wait other than
 * the GIL's runs Python code (engine/vcpu_escape.h). */
#include <math.h>

#include "escape.h"
#include "run-gilsim.h"

#define P 0.5
#define R 2.0
#define TAU 0.3
#define M (1 + P * (R - 1))       /* the mean cost over the fast one: 1.5 */
#define X (TAU * M / R)           /* work before the escape: 0.225 s */

/* The expected time of S seconds of lone work worked out from the two
 * states it may start in: fast all along (S/m), or slow (r/m) for TAU of
 * wall time at most, fast after. */
static double
two_states (double s)
{
  double slow = s * R / M <= TAU ? s * R / M : TAU + (s - TAU * M / R) / M;
  return P * slow + (1 - P) * s / M;
}

static void
test_maths (void)
{
  g_assert_true (gs_escape_enabled (P, R, TAU));
  g_assert_false (gs_escape_enabled (P, R, 0));
  g_assert_false (gs_escape_enabled (0, R, TAU));
  g_assert_false (gs_escape_enabled (P, 1, TAU));
  g_assert_cmpfloat_with_epsilon (gs_escape_work (P, R, TAU), X, 1e-15);
  g_assert_cmpfloat (gs_escape_work (P, R, 0), ==, G_MAXDOUBLE);
  g_assert_cmpfloat_with_epsilon (gs_escape_fast_factor (P, R), 1 / M, 1e-15);
  g_assert_cmpfloat (gs_escape_fast_factor (0, R), ==, 1);
  /* E(S) against the two starting states, short and long */
  const double s[] = { 0.01, 0.1, 0.225, 0.3, 1, 10 };
  for (gsize i = 0; i < G_N_ELEMENTS (s); i++)
    g_assert_cmpfloat_with_epsilon (gs_escape_time (0, s[i], P, R, TAU), two_states (s[i]),
                                    1e-12);
  /* short work keeps the mean exactly (the fast path relies on it) */
  g_assert_cmpfloat (gs_escape_time (0, 0.2, P, R, TAU), ==, 0.2);
  g_assert_cmpfloat (gs_escape_time (0.1, 0.1, P, R, TAU), ==, 0.1);
  /* without an escape, every piece keeps its mean */
  g_assert_cmpfloat (gs_escape_time (5, 3, P, R, 0), ==, 3);
  g_assert_cmpfloat (gs_escape_time (0, -1, P, R, TAU), ==, 0);
  /* pieces add up: E(a) + (E(a + b) - E(a)) = E(a + b), across the point */
  const double a[] = { 0, 0.1, 0.2, 0.225, 0.5 };
  for (gsize i = 0; i < G_N_ELEMENTS (a); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (s); j++)
      g_assert_cmpfloat_with_epsilon (gs_escape_time (0, a[i], P, R, TAU) +
                                      gs_escape_time (a[i], s[j], P, R, TAU),
                                      gs_escape_time (0, a[i] + s[j], P, R, TAU), 1e-12);
  /* past the point, everything is fast */
  g_assert_cmpfloat_with_epsilon (gs_escape_time (1, 2, P, R, TAU), 2 / M, 1e-15);
  /* the inverse: the work whose expected time is T, from any position,
   * gives T back, across the point and past it */
  const double t_[] = { 0.01, 0.2, 0.225, 0.3, 1, 10 };
  for (gsize i = 0; i < G_N_ELEMENTS (a); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (t_); j++) {
      double w = gs_escape_work_for (a[i], t_[j], P, R, TAU);
      g_assert_cmpfloat (w, >=, t_[j]);
      g_assert_cmpfloat_with_epsilon (gs_escape_time (a[i], w, P, R, TAU), t_[j], 1e-12);
    }
  /* by hand: 1 s from the placement is X at the mean and the rest fast */
  g_assert_cmpfloat_with_epsilon (gs_escape_work_for (0, 1, P, R, TAU), X + (1 - X) * M,
                                  1e-12);
  /* before the point, or without an escape, the time is the work */
  g_assert_cmpfloat (gs_escape_work_for (0.1, 0.1, P, R, TAU), ==, 0.1);
  g_assert_cmpfloat (gs_escape_work_for (0, 5, P, R, 0), ==, 5);
  g_assert_cmpfloat (gs_escape_work_for (0, -1, P, R, TAU), ==, 0);
  /* long work: the fast speed plus p TAU (1 - 1/r) */
  g_assert_cmpfloat_with_epsilon (gs_escape_time (0, 100, P, R, TAU),
                                  100 / M + P * TAU * (1 - 1 / R), 1e-12);
}

static double
span (JsonObject *w)
{
  return gilsim_dbl (w, "end_s") - gilsim_dbl (w, "start_s");
}

/* tests/data/escape.gil, one process: a long lone loop runs its first X
 * at the mean cost and the rest fast (its wait for the GIL while the main
 * thread went on to its join does not place it again, nor does the main
 * thread, which runs no Python code after its waits).  The same work cut
 * by sleeps runs its first piece fast still (the process's placement is
 * past X), then each piece after a sleep from a new placement, at the
 * mean; two threads that take turns under the GIL share one placement,
 * as one thread would, from where the last piece left it. */
static void
test_runs (void)
{
  GilsimPoint pt;
  gilsim_point_run (&pt, "run", "tests/data/escape.gil", NULL);
  JsonObject *lone = gilsim_worker (pt.res, "lone");
  double want = gs_escape_time (0, 1, P, R, TAU);
  g_assert_cmpfloat_with_epsilon (span (lone), want, 1e-3);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (lone, "slowed_s"), want - 1, 1e-3);
  /* ten 0.1 s pieces and ten 1 ms sleeps: the first fast, the others at
   * the mean */
  JsonObject *chunks = gilsim_worker (pt.res, "chunks");
  double first = gs_escape_time (1, 0.1, P, R, TAU);
  g_assert_cmpfloat_with_epsilon (span (chunks), 0.01 + first + 0.9, 1e-3);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (chunks, "slowed_s"), first - 0.1, 1e-4);
  /* two threads under the GIL, one at a time: 2 s of work, one placement */
  double end = 0, start = 1e9;
  for (int i = 0; i < 2; i++) {
    g_autofree char *name = g_strdup_printf ("gil-%d", i);
    JsonObject *w = gilsim_worker (pt.res, name);
    g_assert_cmpfloat (gilsim_dbl (w, "slowed_s"), <, 0);
    end = MAX (end, gilsim_dbl (w, "end_s"));
    start = MIN (start, gilsim_dbl (w, "start_s"));
  }
  want = gs_escape_time (0.1, 2, P, R, TAU);  /* 1.375 s; 2 s at the mean */
  g_assert_cmpfloat (end - start, >, want);
  g_assert_cmpfloat (end - start, <, want + 0.03);
  gilsim_point_clear (&pt);
}

/* The main thread's lone loop: the expected time is E(1 s); a drawn
 * sample's vCPU is slow or fast up to X, fast after, so each sample takes
 * one of two times, and both come up. */
static void
test_samples (void)
{
  GilsimPoint pt;
  gilsim_point_run (&pt, "run", "tests/data/escape_lone.gil", NULL);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (pt.res, "wall_s"),
                                  gs_escape_time (0, 1, P, R, TAU), 1e-6);
  gilsim_point_clear (&pt);
  gilsim_point_run (&pt, "run", "tests/data/escape_lone.gil", "--samples", "16", NULL);
  JsonArray *times = json_object_get_array_member (pt.res, "times");
  g_assert_cmpuint (json_array_get_length (times), ==, 16);
  const double slow = X * R / M + (1 - X) / M, fast = X / M + (1 - X) / M;
  guint n_slow = 0, n_fast = 0;
  for (guint i = 0; i < 16; i++) {
    double t = json_array_get_double_element (times, i);
    n_slow += fabs (t - slow) < 1e-6;
    n_fast += fabs (t - fast) < 1e-6;
  }
  g_assert_cmpuint (n_slow + n_fast, ==, 16);
  g_assert_cmpuint (n_slow, >, 0);
  g_assert_cmpuint (n_fast, >, 0);
  gilsim_point_clear (&pt);
  /* --no-noise: no slow vCPU, nothing to escape from */
  gilsim_point_run (&pt, "run", "tests/data/escape_lone.gil", "--no-noise", NULL);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (pt.res, "wall_s"), 1, 1e-6);
  gilsim_point_clear (&pt);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Python code running alone leaves a slow vCPU after cpu.slow_escape; "
                  "a thread back from a wait other than the GIL's places it again.");
  g_test_add_func ("/escape/maths", test_maths);
  g_test_add_func ("/escape/runs", test_runs);
  g_test_add_func ("/escape/samples", test_samples);
  return g_test_run ();
}
