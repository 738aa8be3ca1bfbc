/* test-samples.c: `gilsim run --samples K` and --no-noise (engine/noise.h,
 * results/spread.h): K drawn samples of a point, the same bytes for the
 * same seed whatever -j, --resume and K = 1 as the expected prediction. */
#include <math.h>
#include <glib/gstdio.h>
#include "run-gilsim.h"
#include "scratch.h"

#define SLOW "tests/data/slow_vcpus.gil"

/* The results of `gilsim run SLOW ARGS... --export-json -` (must succeed). */
static char *
run_json (const char *first, ...)
{
  va_list ap;
  va_start (ap, first);
  const char *tail[] = { "-q", "--export-json", "-", NULL };
  GilsimRun r = gilsim_runv (first, ap, tail);
  va_end (ap);
  gilsim_expect_ok (&r);
  g_free (r.err);
  return r.out;
}

/* K = 1 is the expected prediction, byte for byte. */
static void
test_one_sample (void)
{
  g_autofree char *plain = run_json ("run", SLOW, "-L", "N=1,4", NULL);
  g_autofree char *one = run_json ("run", SLOW, "-L", "N=1,4", "--samples", "1", NULL);
  g_assert_cmpstr (plain, ==, one);
}

/* Eight samples: eight times, the exports' figures are theirs, the row's
 * wall time is the median sample's (the lower middle one), and they
 * differ (4 workers on half-slow vCPUs). */
static void
test_spread (void)
{
  g_autofree char *out = run_json ("run", SLOW, "-L", "N=4", "--samples", "8", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *res = gilsim_text_result (parser, out, 0);
  JsonArray *times = json_object_get_array_member (res, "times");
  g_assert_cmpuint (json_array_get_length (times), ==, 8);
  double v[8], sum = 0, lo = INFINITY, hi = 0;
  for (guint i = 0; i < 8; i++) {
    v[i] = json_array_get_double_element (times, i);
    sum += v[i];
    lo = MIN (lo, v[i]);
    hi = MAX (hi, v[i]);
  }
  double mean = sum / 8, ss = 0;
  for (guint i = 0; i < 8; i++)
    ss += (v[i] - mean) * (v[i] - mean);
  g_assert_cmpfloat (hi, >, lo);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (res, "mean"), mean, 1e-8);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (res, "stddev"), sqrt (ss / 7), 1e-8);
  g_assert_cmpfloat (gilsim_dbl (res, "min"), ==, lo);
  g_assert_cmpfloat (gilsim_dbl (res, "max"), ==, hi);
  /* the median between the 4th and 5th; wall_s the 4th */
  guint below = 0;
  for (guint i = 0; i < 8; i++)
    below += v[i] < gilsim_dbl (res, "wall_s");
  g_assert_cmpuint (below, <=, 3);
  g_assert_cmpfloat (gilsim_dbl (res, "median"), >=, gilsim_dbl (res, "wall_s"));
}

/* The same seed gives the same samples, whatever -j; another seed others. */
static void
test_deterministic (void)
{
  g_autofree char *a = run_json ("run", SLOW, "-L", "N=1,2,4", "--samples", "6", "-j", "1",
                                 NULL);
  g_autofree char *b = run_json ("run", SLOW, "-L", "N=1,2,4", "--samples", "6", "-j", "4",
                                 NULL);
  g_autofree char *c = run_json ("run", SLOW, "-L", "N=1,2,4", "--samples", "6", "--seed",
                                 "7", NULL);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

/* The mean of many samples is the expected prediction's, near enough: one
 * process's loop alone (slow with probability 1/2, twice as slow, against
 * the mean 1.5: 1/1.5 or 2/1.5 of the expected time).  100 samples: the
 * share of slow ones is within 0.5 +- 0.1 (2 standard deviations): a
 * deterministic draw, checked once. */
static void
test_mean (void)
{
  g_autofree char *expected = run_json ("run", SLOW, "--no-sequential", NULL);
  g_autofree char *drawn = run_json ("run", SLOW, "--no-sequential", "--samples", "100",
                                     NULL);
  g_autoptr (JsonParser) p1 = json_parser_new ();
  g_autoptr (JsonParser) p2 = json_parser_new ();
  JsonObject *e = gilsim_text_result (p1, expected, 0);
  JsonObject *d = gilsim_text_result (p2, drawn, 0);
  assert_near (gilsim_dbl (d, "mean") / gilsim_dbl (e, "mean"), 1, 0.07);
}

/* A host without random effects gives one sample; so does --no-noise,
 * which on 4 workers at once is faster than the expected maximum of 4
 * half-slow vCPUs, and one worker alone as fast. */
static void
test_no_noise (void)
{
  g_autofree char *quiet = run_json ("run", SLOW, "-p", "tests/data/quiet-vcpus.xml",
                                     "--samples", "5", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *res = gilsim_text_result (parser, quiet, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (res, "times")),
                    ==, 1);
  g_assert_cmpfloat (gilsim_dbl (res, "stddev"), ==, 0);

  GilsimRun four = gilsim_run ("run", SLOW, "-q", "-L", "N=1,4", "--no-noise",
                               "--samples", "5", NULL);
  GilsimRun base = gilsim_run ("run", SLOW, "-q", "-L", "N=1,4", NULL);
  gilsim_expect_ok (&four);
  g_assert_null (strstr (four.out, "samples"));
  /* N = 1 the same; N = 4 faster */
  g_assert_nonnull (strstr (base.out, "\n1     400 ms"));
  g_assert_nonnull (strstr (four.out, "\n1     400 ms"));
  g_assert_cmpstr (four.out, !=, base.out);
  gilsim_run_clear (&four);
  gilsim_run_clear (&base);
}

/* --resume with samples: the rest of the sweep, the same bytes as one run;
 * an export of another K is refused. */
static void
test_resume (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "r.json", NULL);
  GilsimRun a = gilsim_run ("run", SLOW, "-q", "-L", "N=1,2,4", "--samples", "4", "--point",
                            "1", "--export-json", path, NULL);
  gilsim_expect_ok (&a);
  GilsimRun b = gilsim_run ("run", SLOW, "-q", "-L", "N=1,2,4", "--samples", "4", "--resume",
                            "--export-json", path, NULL);
  gilsim_expect_ok (&b);
  g_autofree char *resumed = read_file (path);
  g_autofree char *whole = run_json ("run", SLOW, "-L", "N=1,2,4", "--samples", "4", NULL);
  g_assert_cmpstr (resumed, ==, whole);
  GilsimRun c = gilsim_run ("run", SLOW, "-q", "-L", "N=1,2,4,8", "--samples", "3",
                            "--resume", "--export-json", path, NULL);
  gilsim_expect_error (&c, "");
  g_assert_nonnull (strstr (c.err, "--samples"));
  gilsim_run_clear (&a);
  gilsim_run_clear (&b);
  gilsim_run_clear (&c);
  tmpdir_remove (dir);
}

/* The per-worker table adds up: a forked child that only runs its loop
 * lives its CPU time plus what slow vCPUs added (slowed_s, the terminal's
 * slow_cpu column), within its start-up and exit; in the expected
 * prediction and in a drawn sample (where a fast vCPU's is negative). */
static void
test_slowed_column (void)
{
  const char *ks[] = { "1", "3" };
  for (guint c = 0; c < G_N_ELEMENTS (ks); c++) {
    g_autofree char *out = run_json ("run", "scenarios/seed/cpu_processes.gil", "-L", "N=3",
                                     "--samples", ks[c], NULL);
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonObject *res = gilsim_text_result (parser, out, 0);
    JsonArray *workers = json_object_get_array_member (res, "workers");
    guint stretched = 0;
    for (guint i = 0; i < json_array_get_length (workers); i++) {
      JsonObject *w = json_array_get_object_element (workers, i);
      if (g_strcmp0 (json_object_get_string_member (w, "kind"), "process") != 0)
        continue;
      double slowed = json_object_get_double_member_with_default (w, "slowed_s", 0);
      double life = gilsim_dbl (w, "end_s") - gilsim_dbl (w, "start_s");
      assert_near (life - gilsim_dbl (w, "cpu_s"), slowed, 0.01 * life);
      stretched += slowed != 0;
    }
    g_assert_cmpuint (stretched, >, 0);
  }
  GilsimRun t = gilsim_run ("run", "scenarios/seed/cpu_processes.gil", "-q", NULL);
  g_assert_nonnull (strstr (t.out, "switches  slow_cpu\n"));
  gilsim_run_clear (&t);
}

/* A negative K is refused. */
static void
test_bad_count (void)
{
  GilsimRun r = gilsim_run ("run", SLOW, "--samples", "-3", NULL);
  gilsim_expect_error (&r, "");
  g_assert_nonnull (strstr (r.err, "--samples -3"));
  gilsim_run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/samples/one", test_one_sample);
  g_test_add_func ("/samples/spread", test_spread);
  g_test_add_func ("/samples/deterministic", test_deterministic);
  g_test_add_func ("/samples/mean", test_mean);
  g_test_add_func ("/samples/no-noise", test_no_noise);
  g_test_add_func ("/samples/resume", test_resume);
  g_test_add_func ("/samples/bad-count", test_bad_count);
  g_test_add_func ("/samples/slowed-column", test_slowed_column);
  return g_test_run ();
}
