/* test-sessions.c: `gilsim validate` over several sessions (the yardstick,
 * docs/validate.md), on two small hand-written session files whose
 * figures follow from the predictions by hand. */
#include <math.h>
#include <glib/gstdio.h>
#include "run-gilsim.h"
#include "scratch.h"

#define A "tests/data/yardstick-a.jsonl"
#define B "tests/data/yardstick-b.jsonl"
#define XEON "platforms/xeon-16core.xml"
#define BOOT "tests/data/bootstrap-session.jsonl"
#define SEED_START "tests/data/seed-start-session.jsonl"

static JsonObject *
member (JsonObject *o, const char *name)
{
  return json_object_get_object_member (o, name);
}

/* A measured io_threads sleep N=2 at 0.40 s and N=4 at 0.60 s, B at 0.45
 * and 0.70 s (and N=8 at 0.50 s, measured there only).  Both sessions
 * predict a configuration alike (no single-worker record calibrates
 * them): p2 just above 0.5 s, p4 as much: p2 above N=2's range [0.40,
 * 0.45], p4 below N=4's [0.60, 0.70]. */
static void
test_two_sessions (void)
{
  GilsimRun r = gilsim_run ("validate", A, B, "-p", XEON, "--export-json", "-", NULL);
  gilsim_expect_ok (&r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = gilsim_json_root (parser, r.out);
  JsonArray *configs = json_object_get_array_member (root, "configurations");
  g_assert_cmpuint (json_array_get_length (configs), ==, 2);
  JsonObject *c2 = json_array_get_object_element (configs, 0);
  JsonObject *c4 = json_array_get_object_element (configs, 1);
  double p2 = gilsim_dbl (c2, "predicted_min_s"), p4 = gilsim_dbl (c4, "predicted_min_s");
  g_assert_cmpfloat (p2, ==, gilsim_dbl (c2, "predicted_max_s"));
  g_assert_cmpfloat (p2, >, 0.45);
  g_assert_cmpfloat (p4, <, 0.6);
  g_assert_cmpfloat (gilsim_dbl (c2, "measured_min_s"), ==, 0.40);
  g_assert_cmpfloat (gilsim_dbl (c2, "measured_max_s"), ==, 0.45);
  /* the worst of each: the session whose median is the smaller */
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (c2, "max_outside_error"), (p2 - 0.45) / 0.40, 1e-5);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (c4, "max_outside_error"), (0.6 - p4) / 0.6, 1e-5);
  JsonObject *y = member (root, "yardstick");
  g_assert_cmpint (json_object_get_int_member (y, "sessions"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (y, "predictions"), ==, 4);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (y, "max_outside_error"), (0.6 - p4) / 0.6, 1e-5);
  /* ordered pairs: 1/9, 1/8, 1/7, 1/6: median (1/8 + 1/7) / 2 */
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (y, "median_session_difference"),
                                  (1.0 / 8 + 1.0 / 7) / 2, 1e-5);
  /* the family: five predictions, p2 twice, p4 twice, 0.5 s's N=8 once */
  JsonObject *f = json_array_get_object_element (json_object_get_array_member (root,
                                                                              "families"), 0);
  g_assert_cmpint (json_object_get_int_member (f, "predictions"), ==, 5);
  gilsim_run_clear (&r);

  /* the text says the same */
  GilsimRun t = gilsim_run ("validate", A, B, "-p", XEON, NULL);
  gilsim_expect_ok (&t);
  g_assert_nonnull (strstr (t.out, "2 sessions on " XEON));
  g_assert_nonnull (strstr (t.out, "the yardstick: 2 configurations measured in two or "
                                   "more sessions, 4 predictions of them"));
  gilsim_run_clear (&t);
}

/* --compare-with is one file against another: not with several. */
static void
test_compare_with_refused (void)
{
  GilsimRun r = gilsim_run ("validate", A, B, "-p", XEON, "--compare-with", A, NULL);
  gilsim_expect_error (&r, "");
  g_assert_nonnull (strstr (r.err, "--compare-with"));
  gilsim_run_clear (&r);
}

/* --samples: each predicted row gets its interval, and the summary
 * counts the measured medians inside them, as the rows say. */
static void
test_intervals (void)
{
  GilsimRun r = gilsim_run ("validate", B, "-p", XEON, "--samples", "5", "--export-json", "-",
                            NULL);
  gilsim_expect_ok (&r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = gilsim_json_root (parser, r.out);
  JsonArray *rows = json_object_get_array_member (root, "results");
  guint inside = 0;
  double width = 0;
  for (guint i = 0; i < json_array_get_length (rows); i++) {
    JsonObject *row = json_array_get_object_element (rows, i);
    double lo = gilsim_dbl (row, "predicted_p5_s"), hi = gilsim_dbl (row, "predicted_p95_s");
    double m = gilsim_dbl (row, "measured_s"), p = gilsim_dbl (row, "predicted_s");
    g_assert_cmpfloat (lo, <=, hi);
    g_assert_cmpfloat (lo, >, 0.45);  /* 0.5 s of sleep and a little */
    inside += m >= lo && m <= hi;
    width += (hi - lo) / p;
  }
  JsonObject *sum = member (root, "summary");
  g_assert_cmpint (json_object_get_int_member (sum, "intervals"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (sum, "covered"), ==, inside);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (sum, "mean_interval_width"), width / 3, 1e-4);
  gilsim_run_clear (&r);

  GilsimRun t = gilsim_run ("validate", A, B, "-p", XEON, "--samples", "5", NULL);
  gilsim_expect_ok (&t);
  g_assert_nonnull (strstr (t.out, "the predicted 90% interval: "));
  gilsim_run_clear (&t);
}

/* XEON with cpu.speed_jitter set to JITTER (a number), as a file in DIR
 * (new string): the machine's speed drawn per sample (engine/noise.h). */
static char *
xeon_with_jitter (const char *dir, const char *jitter)
{
  g_autofree char *root = g_build_filename (g_getenv ("GILSIM_SOURCE_ROOT"), XEON, NULL);
  g_autofree char *text = read_file (root);
  g_autoptr (GRegex) old = g_regex_new ("<prop id=\"cpu.speed_jitter\"[^>]*>", 0, 0, NULL);
  g_autofree char *none = g_regex_replace_literal (old, text, -1, 0, "", 0, NULL);
  const char *anchor = "<prop id=\"cpu.slow_factor\"";
  char *at = strstr (none, anchor);
  g_assert_nonnull (at);
  g_autofree char *head = g_strndup (none, (gsize) (at - none));
  g_autofree char *with = g_strdup_printf ("%s<prop id=\"cpu.speed_jitter\" value=\"%s\"/>%s",
                                           head, jitter, at);
  char *path = g_strdup_printf ("%s/xeon-jitter-%s.xml", dir, jitter);
  g_assert_true (g_file_set_contents (path, with, -1, NULL));
  return path;
}

/* The row of index I of JSON export TEXT's "results": its predicted
 * interval's bounds and its prediction. */
static void
row_interval (const char *text, guint i, double *lo, double *hi, double *p)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *row = gilsim_text_result (parser, text, i);
  *lo = gilsim_dbl (row, "predicted_p5_s");
  *hi = gilsim_dbl (row, "predicted_p95_s");
  *p = gilsim_dbl (row, "predicted_s");
}

/* The machine's speed drawn per sample and per calibration record
 * (cpu.speed_jitter): the one-thread sha256 row of the bootstrap session
 * (below) keeps its prediction, and its interval widens from what the
 * calibration's runs allow to about what a factor of log-sd 0.1 drawn for
 * the row and for its calibration record gives (+-1.645 x 0.14, some 45 %
 * wide, less with 8 samples); the same inputs give the same bytes. */
static void
test_speed_jitter (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *still = xeon_with_jitter (dir, "0");
  g_autofree char *moved = xeon_with_jitter (dir, "0.1");
  GilsimRun a = gilsim_run ("validate", BOOT, "-p", still, "--samples", "8", "--export-json",
                            "-", NULL);
  GilsimRun b = gilsim_run_twice ("validate", BOOT, "-p", moved, "--samples", "8",
                                  "--export-json", "-", NULL);
  gilsim_expect_ok (&a);
  double lo_a, hi_a, p_a, lo_b, hi_b, p_b;
  row_interval (a.out, 1, &lo_a, &hi_a, &p_a);
  row_interval (b.out, 1, &lo_b, &hi_b, &p_b);
  g_assert_cmpfloat (p_a, ==, p_b);
  g_assert_cmpfloat ((hi_a - lo_a) / p_a, <, 0.35);
  g_assert_cmpfloat ((hi_b - lo_b) / p_b, >, 0.20);
  g_assert_cmpfloat ((hi_b - lo_b) / p_b, >, (hi_a - lo_a) / p_a + 0.05);
  g_assert_cmpfloat (lo_b, <, p_b);
  g_assert_cmpfloat (hi_b, >, p_b);
  gilsim_run_clear (&a);
  gilsim_run_clear (&b);
  tmpdir_remove (dir);
}

/* The calibration's bootstrap (validate/bootstrap.h): the sha256 record
 * calib-main ran 0.050, 0.060 and 0.070 s, the session's cost is their
 * mean; with --samples each sample's cost is the mean of three of those
 * runs drawn, so the one-thread sha256 row (nothing else drawn in it) gets
 * an interval inside what those runs allow and wider than nothing.  The
 * same inputs give the same bytes, and --samples 1 is the output without. */
static void
test_bootstrap (void)
{
  /* the machine's speed not drawn (test_speed_jitter draws it) */
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *still = xeon_with_jitter (dir, "0");
  GilsimRun r = gilsim_run_twice ("validate", BOOT, "-p", still, "--samples", "8",
                                  "--export-json", "-", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = gilsim_json_root (parser, r.out);
  JsonArray *rows = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  JsonObject *row = json_array_get_object_element (rows, 1);
  double lo = gilsim_dbl (row, "predicted_p5_s"), hi = gilsim_dbl (row, "predicted_p95_s");
  double p = gilsim_dbl (row, "predicted_s");
  g_assert_cmpfloat (lo, >=, 0.050);
  g_assert_cmpfloat (hi, <=, 0.070 + 0.002);  /* the thread's start besides */
  g_assert_cmpfloat ((hi - lo) / p, >, 0.05);
  gilsim_run_clear (&r);

  GilsimRun none = gilsim_run ("validate", BOOT, "-p", XEON, NULL);
  GilsimRun one = gilsim_run ("validate", BOOT, "-p", XEON, "--samples", "1", NULL);
  gilsim_expect_ok (&none);
  g_assert_cmpstr (none.out, ==, one.out);
  gilsim_run_clear (&none);
  gilsim_run_clear (&one);
  tmpdir_remove (dir);
}

/* The main process's start-up (engine/noise.h): seed-start-session.jsonl's
 * interpreter_start (60 ms) sets python.startup and its seed_io_threads
 * N=1 the import, each a whole process whose start-up ran on one vCPU,
 * fast or slow.  With cpu.start_slow_factor, the samples of the N=3 row
 * draw its start-up's state and those of both records: its interval holds
 * the prediction and is about 60 ms x (1.44 - 1) / 1.1 (2 %) wide or more;
 * without (the factor 1: nothing but wake-up latencies drawn) it is
 * under 0.5 %.  The same inputs give the same bytes. */
static void
test_main_start (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *still = xeon_with_jitter (dir, "0");
  g_autofree char *text = read_file (still);
  g_autoptr (GRegex) factor = g_regex_new ("<prop id=\"cpu.start_slow_factor\"[^>]*>", 0, 0,
                                           NULL);
  g_assert_true (g_regex_match (factor, text, 0, NULL));
  g_autofree char *flat_text = g_regex_replace_literal (
      factor, text, -1, 0, "<prop id=\"cpu.start_slow_factor\" value=\"1\"/>", 0, NULL);
  g_autofree char *flat = g_build_filename (dir, "xeon-flat-start.xml", NULL);
  g_assert_true (g_file_set_contents (flat, flat_text, -1, NULL));
  GilsimRun a = gilsim_run_twice ("validate", SEED_START, "-p", still, "--samples", "12",
                                  "--export-json", "-", NULL);
  GilsimRun b = gilsim_run ("validate", SEED_START, "-p", flat, "--samples", "12",
                            "--export-json", "-", NULL);
  gilsim_expect_ok (&b);
  double lo_a, hi_a, p_a, lo_b, hi_b, p_b;
  row_interval (a.out, 2, &lo_a, &hi_a, &p_a);
  row_interval (b.out, 2, &lo_b, &hi_b, &p_b);
  g_assert_cmpfloat (p_a, ==, p_b);
  g_assert_cmpfloat (lo_a, <, p_a);
  g_assert_cmpfloat (hi_a, >, p_a);
  g_assert_cmpfloat ((hi_a - lo_a) / p_a, >, 0.015);
  g_assert_cmpfloat ((hi_b - lo_b) / p_b, <, 0.005);
  gilsim_run_clear (&a);
  gilsim_run_clear (&b);
  tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sessions/two", test_two_sessions);
  g_test_add_func ("/sessions/compare-with-refused", test_compare_with_refused);
  g_test_add_func ("/sessions/intervals", test_intervals);
  g_test_add_func ("/sessions/bootstrap", test_bootstrap);
  g_test_add_func ("/sessions/speed-jitter", test_speed_jitter);
  g_test_add_func ("/sessions/main-start", test_main_start);
  return g_test_run ();
}
