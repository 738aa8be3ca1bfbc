/* test-cli.c: gilsim's command line, exports and sweeps. */
#include <glib/gstdio.h>
#include "run-gilsim.h"

static void
test_version_and_help (void)
{
  GilsimRun v = gilsim_run ("--version", NULL);
  g_assert_cmpint (v.status, ==, 0);
  g_assert_true (g_str_has_prefix (v.out, "gilsim "));
  GilsimRun h = gilsim_run ("--help", NULL);
  g_assert_cmpint (h.status, ==, 0);
  g_assert_nonnull (strstr (h.out, "Examples:"));
  g_assert_nonnull (strstr (h.out, "--export-json"));
  g_assert_nonnull (strstr (h.out, "-L"));
  g_assert_nonnull (strstr (h.out, "--parameter-scan"));
  g_assert_nonnull (strstr (h.out, "--shard"));
  g_assert_nonnull (strstr (h.out, "merge A.json"));
  g_assert_nonnull (strstr (h.out, "report RESULTS.json"));
  gilsim_run_clear (&v);
  gilsim_run_clear (&h);
}

static void
test_terminal_report (void)
{
  GilsimRun r = gilsim_run ("run", "scenarios/seed/io_threads.gil", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Thread-0 started."));
  g_assert_nonnull (strstr (r.out, "Thread-2 finished."));
  g_assert_nonnull (strstr (r.out, "Predicted wall time: 2.09 s; sequential 6.09 s"));
  g_assert_nonnull (strstr (r.out, "gil_wait"));
  g_assert_cmpstr (r.err, ==, "");
  gilsim_run_clear (&r);
}

static int
count_lines (const char *s)
{
  int n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}

static void
test_sweep_csv (void)
{
  GilsimRun r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=1,2,4",
                            "-L", "runtime=cpython-3.12,cpython-3.13t",
                            "--export-csv", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (count_lines (r.out), ==, 7);
  g_assert_nonnull (strstr (r.out, ",parameter_N,parameter_runtime\n"));
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  /* the last -L varies fastest */
  g_assert_true (g_str_has_suffix (lines[1], ",1,cpython-3.12"));
  g_assert_true (g_str_has_suffix (lines[2], ",1,cpython-3.13t"));
  g_assert_true (g_str_has_suffix (lines[6], ",4,cpython-3.13t"));
  gilsim_run_clear (&r);
}

/* Free-threaded Python runs the 4 threads in parallel on 16 cores, each
 * slower than with the GIL; the GIL build serialises them. */
static void
test_free_threaded (void)
{
  GilsimRun r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=4",
                            "-L", "runtime=cpython-3.12,cpython-3.13t",
                            "--export-json", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  JsonParser *p = json_parser_new ();
  JsonObject *gil = gilsim_result (p, &r, 0);
  double wall_gil = json_object_get_double_member (gil, "wall_s");
  JsonObject *ft = gilsim_result (p, &r, 1);
  g_assert_cmpstr (json_object_get_string_member (ft, "runtime"), ==, "cpython-3.13t");
  double wall_ft = json_object_get_double_member (ft, "wall_s");
  g_assert_cmpfloat (wall_ft * 2, <, wall_gil);
  g_assert_cmpint (json_object_get_int_member (ft, "gil_switches"), ==, 0);
  g_object_unref (p);
  gilsim_run_clear (&r);
}

static void
test_exports_to_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gilsim-XXXXXX", NULL);
  g_autofree char *md = g_build_filename (dir, "r.md", NULL);
  g_autofree char *js = g_build_filename (dir, "r.json", NULL);
  GilsimRun r = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-L", "N=1,3",
                            "--export-markdown", md, "--export-json", js, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_autofree char *mdtext = NULL;
  g_assert_true (g_file_get_contents (md, &mdtext, NULL, NULL));
  g_assert_true (g_str_has_prefix (mdtext, "| N | runtime | wall [s] |"));
  g_assert_cmpint (count_lines (mdtext), ==, 4);
  g_autofree char *jstext = NULL;
  g_assert_true (g_file_get_contents (js, &jstext, NULL, NULL));
  g_assert_nonnull (strstr (jstext, "\"parameters\": {\n        \"N\": \"3\""));
  /* numbers in their shortest form: 0.005, not 0.0050000000000000001 */
  g_assert_nonnull (strstr (jstext, "\"switch_interval_s\": 0.005,"));
  g_remove (md);
  g_remove (js);
  g_rmdir (dir);
  gilsim_run_clear (&r);
}

static void
check_usage_error (GilsimRun r, const char *word)
{
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, word));
  g_assert_cmpint (count_lines (r.err), ==, 1);
  gilsim_run_clear (&r);
}

static void
test_usage_errors (void)
{
  check_usage_error (gilsim_run (NULL), "no command");
  check_usage_error (gilsim_run ("fly", NULL), "unknown command");
  check_usage_error (gilsim_run ("run", NULL), "exactly one scenario");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "-L", "M=1", NULL),
                     "has no parameter 'M'");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "-L", "N", NULL),
                     "NAME=v1,v2");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--host", "zz", NULL),
                     "no host 'zz'");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "-L",
                                 "runtime=pypy", NULL), "unknown runtime 'pypy'");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--switch-interval",
                                 "5", NULL), "no unit");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--bogus", NULL),
                     "Unknown option");
  check_usage_error (gilsim_run ("report", NULL), "exactly one JSON export");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "-P", "N=1:x",
                                 NULL), "-P N=1:x");
}

/* A shorter switch interval means more switches. */
static void
test_switch_interval (void)
{
  GilsimRun r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=2",
                            "-L", "switch_interval=1ms,5ms", "--export-json", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  JsonParser *p = json_parser_new ();
  gint64 fast = json_object_get_int_member (gilsim_result (p, &r, 0), "gil_switches");
  gint64 slow = json_object_get_int_member (gilsim_result (p, &r, 1), "gil_switches");
  g_assert_cmpint (fast, >, 3 * slow);
  g_object_unref (p);
  gilsim_run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/terminal-report", test_terminal_report);
  g_test_add_func ("/cli/sweep-csv", test_sweep_csv);
  g_test_add_func ("/cli/free-threaded", test_free_threaded);
  g_test_add_func ("/cli/exports-to-files", test_exports_to_files);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/switch-interval", test_switch_interval);
  return g_test_run ();
}
