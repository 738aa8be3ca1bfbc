/* test-chunking.c: a statement boundary is a check point like any other.
 *
 * CPython looks for a pending drop request between bytecodes, so the same
 * Python work written as one statement or as thousands of short ones is
 * the same program: each thread must end at the same time and the GIL
 * must change hands as often, however the work is cut.  (gilsim once let
 * a drop request wait through statements shorter than about 450 us: with
 * 100 us statements, two threads ran one after the other.) */
#include <math.h>
#include "run-gilsim.h"

/* A worker's end_s in RES. */
static double
end_of (JsonObject *res, const char *name)
{
  return json_object_get_double_member (gilsim_worker (res, name), "end_s");
}

/* Runs SCENARIO on PLATFORM with RUNTIME, N threads and the values KS of
 * K, and checks each point against the first (K = 1): its wall time within
 * TOL of the first's (relative), its switch count within SWITCH_TOL, and,
 * if EACH, every worker's end within TOL of the wall time. */
static void
check_same (const char *scenario, const char *platform, const char *runtime,
            const char *n, const char *ks, double tol, double switch_tol, gboolean each)
{
  g_autofree char *nl = g_strdup_printf ("N=%s", n);
  g_autofree char *kl = g_strdup_printf ("K=%s", ks);
  GilsimRun r = gilsim_run ("run", scenario, "--platform", platform, "--runtime", runtime,
                            "-L", nl, "-L", kl, "--no-sequential", "-q", "-j", "2",
                            "--style", "none", "--export-json", "-", NULL);
  gilsim_expect_ok (&r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *first = gilsim_result (parser, &r, 0);
  JsonArray *results = json_object_get_array_member (
      json_node_get_object (json_parser_get_root (parser)), "results");
  double wall0 = json_object_get_double_member (first, "wall_s");
  double sw0 = json_object_get_double_member (first, "gil_switches");
  JsonArray *w0 = json_object_get_array_member (first, "workers");
  g_assert_cmpuint (json_array_get_length (results), ==, 4);
  for (guint k = 1; k < json_array_get_length (results); k++) {
    JsonObject *res = json_array_get_object_element (results, k);
    double wall = json_object_get_double_member (res, "wall_s");
    if (fabs (wall - wall0) > tol * wall0)
      g_error ("%s on %s, N=%s, point %u: wall %.6f s, %.6f s with one statement",
               runtime, platform, n, k, wall, wall0);
    for (guint i = 0; each && i < json_array_get_length (w0); i++) {
      JsonObject *w = json_array_get_object_element (w0, i);
      const char *name = json_object_get_string_member (w, "name");
      double e0 = json_object_get_double_member (w, "end_s");
      double e = end_of (res, name);
      if (fabs (e - e0) > tol * wall0)
        g_error ("%s on %s, N=%s, point %u: %s ends at %.6f s, %.6f s with one "
                 "statement", runtime, platform, n, k, name, e, e0);
    }
    double sw = json_object_get_double_member (res, "gil_switches");
    if (fabs (sw - sw0) > switch_tol * sw0 + 0.5)
      g_error ("%s on %s, N=%s, point %u: %.0f GIL switches, %.0f with one "
               "statement", runtime, platform, n, k, sw, sw0);
  }
  gilsim_run_clear (&r);
}

/* The new GIL: 200 ms of Python per thread as 1, 100, 2000 and 20000
 * statements, 2, 4 and 16 threads, on both shipped machines.  An exact tie
 * between a statement's end and a GIL timer may still fall either way (one
 * switch, a few tenths of a millisecond).  With 4 and more threads it
 * also changes which waiter the OS wakes next (a seeded draw), so which
 * thread ends when is another, equally likely, order: there the wall time
 * and the switch count are the same, not each thread's end. */
static void
test_new_gil (void)
{
  const char *platforms[] = { "platforms/laptop-2core.xml", "platforms/xeon-16core.xml" };
  const char *ns[] = { "2", "4", "16" };
  for (gsize p = 0; p < G_N_ELEMENTS (platforms); p++)
    for (gsize i = 0; i < G_N_ELEMENTS (ns); i++)
      check_same ("tests/data/chunking.gil", platforms[p], "cpython-3.12", ns[i],
                  "1,100,2000,20000", 5e-4, 0.02, i == 0);
}

/* The old GIL (CPython 2.7) checks every 100 bytecodes whatever the
 * statements: the same within 0.5 %. */
static void
test_old_gil (void)
{
  check_same ("tests/data/chunking.gil", "platforms/laptop-2core.xml", "cpython-2.7", "4",
              "1,100,2000,20000", 5e-3, 0.02, TRUE);
}

/* The convoy: the sleeper ends at 1.33 s however the CPU work is cut (it
 * ended at 3.26 s with 30000 statements of 100 us). */
static void
test_convoy (void)
{
  GilsimRun r = gilsim_run ("run", "tests/data/chunking_convoy.gil", "--platform",
                            "platforms/xeon-16core.xml", "-L", "K=1,30000",
                            "--no-sequential", "-q", "-j", "2", "--style", "none",
                            "--export-json", "-", NULL);
  gilsim_expect_ok (&r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *one = gilsim_result (parser, &r, 0);
  double io1 = end_of (one, "Thread-2");
  g_assert_cmpfloat (io1, >, 1.25);
  g_assert_cmpfloat (io1, <, 1.40);
  JsonArray *results = json_object_get_array_member (
      json_node_get_object (json_parser_get_root (parser)), "results");
  double io2 = end_of (json_array_get_object_element (results, 1), "Thread-2");
  assert_near (io2, io1, 1e-3);
  gilsim_run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chunking/new-gil", test_new_gil);
  g_test_add_func ("/chunking/old-gil", test_old_gil);
  g_test_add_func ("/chunking/convoy", test_convoy);
  return g_test_run ();
}
