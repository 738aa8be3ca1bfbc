/* test-startup.c: which interpreter start-up a run pays (models/startup.h). */
#include <glib.h>
#include "startup.h"

static void
test_choose (void)
{
  const GsRuntime *r311 = gs_runtime_lookup ("cpython-3.11");
  const GsRuntime *r312 = gs_runtime_lookup ("cpython-3.12");
  const GsRuntime *r313 = gs_runtime_lookup ("cpython-3.13");
  const GsRuntime *r313t = gs_runtime_lookup ("cpython-3.13t");
  g_assert_nonnull (r311);
  g_assert_nonnull (r313t);
  /* no start-up in the scenario: the host's */
  g_assert_cmpfloat (gs_startup_choose (r312, -1, r312, "3.11", 0.1, -1), ==, 0.1);
  /* the scenario's own runtime: its start-up */
  g_assert_cmpfloat (gs_startup_choose (r312, 0.03, r312, "3.11", 0.1, -1), ==, 0.03);
  g_assert_cmpfloat (gs_startup_choose (r312, 0.03, NULL, "3.11", 0.1, -1), ==, 0.03);
  /* another runtime the host measured: the host's */
  g_assert_cmpfloat (gs_startup_choose (r311, 0.03, r312, "3.11", 0.1, -1), ==, 0.1);
  /* another runtime the host did not measure: the best known, the scenario's */
  g_assert_cmpfloat (gs_startup_choose (r313, 0.03, r312, "3.11", 0.1, -1), ==, 0.03);
  g_assert_cmpfloat (gs_startup_choose (r313t, 0.03, r312, "3.13", 0.1, -1), ==, 0.03);
  g_assert_cmpfloat (gs_startup_choose (r311, 0.03, r312, NULL, 0.1, -1), ==, 0.03);
  /* the host's python.startup.VERSION of another runtime: it, over the
   * scenario's (another interpreter's) and the host's python.startup */
  g_assert_cmpfloat (gs_startup_choose (r313, 0.03, r312, "3.11", 0.1, 0.05), ==, 0.05);
  g_assert_cmpfloat (gs_startup_choose (r313, -1, r312, "3.11", 0.1, 0.05), ==, 0.05);
  g_assert_cmpfloat (gs_startup_choose (r313t, 0.03, r312, "3.13", 0.1, 0.07), ==, 0.07);
  /* ... but never over a measure of RT's own interpreter */
  g_assert_cmpfloat (gs_startup_choose (r312, 0.03, r312, "3.11", 0.1, 0.05), ==, 0.03);
  g_assert_cmpfloat (gs_startup_choose (r311, 0.03, r312, "3.11", 0.1, 0.05), ==, 0.1);
}

static void
test_prop (void)
{
  g_autofree char *a = gs_startup_prop (gs_runtime_lookup ("cpython-3.11"));
  g_autofree char *b = gs_startup_prop (gs_runtime_lookup ("cpython-3.13t"));
  g_assert_cmpstr (a, ==, "python.startup.3.11");
  g_assert_cmpstr (b, ==, "python.startup.3.13t");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/startup/choose", test_choose);
  g_test_add_func ("/startup/prop", test_prop);
  return g_test_run ();
}
