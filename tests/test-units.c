/* test-units.c: quantities with units. */
#include <glib.h>
#include "units.h"

static void
test_durations (void)
{
  double v = 0;
  g_assert_true (gs_units_parse ("5ms", GS_DIM_DURATION, FALSE, &v, NULL));
  g_assert_cmpfloat_with_epsilon (v, 0.005, 1e-15);
  g_assert_true (gs_units_parse ("40us", GS_DIM_DURATION, FALSE, &v, NULL));
  g_assert_cmpfloat_with_epsilon (v, 40e-6, 1e-15);
  g_assert_true (gs_units_parse ("1.5e-3s", GS_DIM_DURATION, FALSE, &v, NULL));
  g_assert_cmpfloat_with_epsilon (v, 1.5e-3, 1e-15);
  g_assert_true (gs_units_parse ("2min", GS_DIM_DURATION, FALSE, &v, NULL));
  g_assert_cmpfloat (v, ==, 120.0);
}

static void
test_sizes (void)
{
  double v = 0;
  g_assert_true (gs_units_parse ("64MiB", GS_DIM_SIZE, FALSE, &v, NULL));
  g_assert_cmpfloat (v, ==, 64.0 * 1048576);
  g_assert_true (gs_units_parse ("1MB", GS_DIM_SIZE, FALSE, &v, NULL));
  g_assert_cmpfloat (v, ==, 1e6);
  g_assert_true (gs_units_parse ("125MBps", GS_DIM_BANDWIDTH, FALSE, &v, NULL));
  g_assert_cmpfloat (v, ==, 125e6);
  g_assert_true (gs_units_parse ("1Gf", GS_DIM_SPEED, FALSE, &v, NULL));
  g_assert_cmpfloat (v, ==, 1e9);
}

static void
test_errors (void)
{
  double v = 7;
  GError *error = NULL;
  g_assert_false (gs_units_parse ("5", GS_DIM_DURATION, FALSE, &v, &error));
  g_assert_error (error, GS_UNITS_ERROR, GS_UNITS_ERROR_UNIT);
  g_assert_nonnull (g_strstr_len (error->message, -1, "no unit"));
  g_clear_error (&error);
  g_assert_false (gs_units_parse ("5MiB", GS_DIM_DURATION, FALSE, &v, &error));
  g_assert_nonnull (g_strstr_len (error->message, -1, "is a size"));
  g_clear_error (&error);
  g_assert_false (gs_units_parse ("5parsecs", GS_DIM_DURATION, FALSE, &v, &error));
  g_assert_nonnull (g_strstr_len (error->message, -1, "unknown unit"));
  g_clear_error (&error);
  g_assert_false (gs_units_parse ("-1s", GS_DIM_DURATION, FALSE, &v, &error));
  g_assert_error (error, GS_UNITS_ERROR, GS_UNITS_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (gs_units_parse ("abc", GS_DIM_DURATION, FALSE, &v, &error));
  g_assert_error (error, GS_UNITS_ERROR, GS_UNITS_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (gs_units_parse ("1e999s", GS_DIM_DURATION, FALSE, &v, &error));
  g_clear_error (&error);
  g_assert_cmpfloat (v, ==, 7);
}

static void
test_format (void)
{
  g_autofree char *a = gs_format_duration (2.087);
  g_assert_cmpstr (a, ==, "2.09 s");
  g_autofree char *b = gs_format_duration (0.00034);
  g_assert_cmpstr (b, ==, "340 us");
  g_autofree char *c = gs_format_duration (0.0123);
  g_assert_cmpstr (c, ==, "12.3 ms");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/units/durations", test_durations);
  g_test_add_func ("/units/sizes", test_sizes);
  g_test_add_func ("/units/errors", test_errors);
  g_test_add_func ("/units/format", test_format);
  return g_test_run ();
}
