/* test-lang.c: the language's conditions, draws, daemon threads and thread
 * pools, run as scenarios.  Each test checks a figure worked out by hand
 * in its scenario's comments, from the JSON export. */
#include <math.h>
#include <glib/gstdio.h>
#include "run-gilsim.h"
#include "scratch.h"

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
      assert_near (gilsim_dbl (w, "cpu_s"), 0.050, 0.002);
    } else {
      g_assert_cmpfloat (gilsim_dbl (w, "cpu_s"), <, 0.001);
      assert_near (gilsim_dbl (w, "blocked_s"), 0.050, 0.002);
    }
  }
  double first = gilsim_dbl (gilsim_worker (p.res, "Thread-0"), "start_s");
  double last = MAX (gilsim_dbl (gilsim_worker (p.res, "Thread-0"), "end_s"),
                     gilsim_dbl (gilsim_worker (p.res, "Thread-2"), "end_s"));
  assert_near ((last - first), 0.100, 0.010);
  g_assert_nonnull (strstr (p.run.out, "\"Thread-0 goes first\""));
  g_assert_null (strstr (p.run.out, "Thread-1 goes first"));
  gilsim_point_clear (&p);
}

/* The times of the printed lines TEXT of result RES, in order. */
static GArray *
print_times (JsonObject *res, const char *text)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  JsonArray *prints = json_object_get_array_member (res, "prints");
  for (guint i = 0; i < json_array_get_length (prints); i++) {
    JsonObject *pr = json_array_get_object_element (prints, i);
    if (g_strcmp0 (json_object_get_string_member (pr, "text"), text) == 0) {
      double t = gilsim_dbl (pr, "time_s");
      g_array_append_val (times, t);
    }
  }
  return times;
}

/* Poisson arrivals: 200 exponential gaps of mean 10 ms.  Their mean is
 * 10 ms (plus the 0.1 ms a thread start costs) within three standard
 * errors (10 ms / sqrt(199) each), their standard deviation about their
 * mean (an exponential's); the program ends one request (21 ms) after the
 * last arrival; and the sequential run, whose groups of one thread run as
 * the parallel ones do, draws the same gaps, so it takes the same time. */
static void
test_poisson (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/lang/poisson_arrivals.gil", NULL);
  g_autoptr (GArray) t = print_times (p.res, "arrival");
  g_assert_cmpuint (t->len, ==, 200);
  double sum = 0, sum2 = 0;
  guint n = t->len - 1;
  for (guint i = 1; i < t->len; i++) {
    double gap = g_array_index (t, double, i) - g_array_index (t, double, i - 1);
    sum += gap;
    sum2 += gap * gap;
  }
  double mean = sum / n, sd = sqrt (sum2 / n - mean * mean);
  assert_near (mean, 0.0101, 3 * 0.010 / sqrt (n));
  g_assert_cmpfloat (sd / mean, >, 0.75);
  g_assert_cmpfloat (sd / mean, <, 1.25);
  double wall = gilsim_dbl (p.res, "wall_s");
  double last = g_array_index (t, double, t->len - 1);
  assert_near (wall - last, 0.021, 0.002);
  assert_near (gilsim_dbl (p.res, "sequential_s"), wall, 1e-6);
  gilsim_point_clear (&p);
}

/* The same --seed gives the same bytes; another seed other draws; the
 * seed is a parameter of the point, sweepable. */
static void
test_seed (void)
{
  const char *sc = "scenarios/lang/poisson_arrivals.gil";
  GilsimRun a = gilsim_run_twice ("run", sc, "--seed", "5", "--export-json", "-", NULL);
  GilsimRun c = gilsim_run ("run", sc, "--seed", "6", "--export-json", "-", NULL);
  GilsimRun d = gilsim_run_twice ("run", sc, "--export-json", "-", NULL);
  gilsim_expect_ok (&c);
  g_assert_cmpstr (a.out, !=, c.out);
  g_assert_cmpstr (a.out, !=, d.out);
  g_assert_nonnull (strstr (a.out, "\"seed\": \"5\""));
  g_assert_null (strstr (d.out, "\"seed\""));
  /* -L seed=5,6 runs both seeds: the same results as --seed 5 and --seed 6 */
  GilsimPoint sweep;
  gilsim_point_run (&sweep, "run", sc, "-L", "seed=5,6", NULL);
  JsonParser *pa = json_parser_new (), *pc = json_parser_new ();
  double wa = gilsim_dbl (gilsim_result (pa, &a, 0), "wall_s");
  double wc = gilsim_dbl (gilsim_result (pc, &c, 0), "wall_s");
  g_assert_cmpfloat (gilsim_dbl (sweep.res, "wall_s"), ==, wa);
  g_assert_cmpfloat (gilsim_dbl (gilsim_point_nth (&sweep, 1), "wall_s"), ==, wc);
  g_assert_cmpfloat (wa, !=, wc);
  g_object_unref (pa);
  g_object_unref (pc);
  gilsim_point_clear (&sweep);
  /* --seed and -L seed at once, and a seed that is not a number */
  GilsimRun f = gilsim_run ("run", sc, "--seed", "1", "-L", "seed=2", NULL);
  gilsim_expect_error (&f, "");
  GilsimRun g = gilsim_run ("run", sc, "--seed", "x", NULL);
  gilsim_expect_error (&g, "");
  g_assert_nonnull (strstr (g.err, "seed=x: a seed is a whole number"));
  /* --resume keeps only results of the same seed */
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *json = g_build_filename (dir, "r.json", NULL);
  GilsimRun h = gilsim_run ("run", sc, "-q", "--export-json", json, NULL);
  gilsim_expect_ok (&h);
  GilsimRun k = gilsim_run ("run", sc, "-q", "--seed", "3", "--resume",
                            "--export-json", json, NULL);
  gilsim_expect_error (&k, "");
  g_assert_nonnull (strstr (k.err, "not of this run"));
  tmpdir_remove (dir);
  GilsimRun *all[] = { &a, &c, &d, &f, &g, &h, &k };
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    gilsim_run_clear (all[i]);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The printed lines of RES, sorted. */
static char *
lines_of (JsonObject *res)
{
  JsonArray *prints = json_object_get_array_member (res, "prints");
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (prints); i++)
    g_ptr_array_add (lines, (char *) json_object_get_string_member (
                         json_array_get_object_element (prints, i), "text"));
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* Each thread, and each pool item, draws the same values however the
 * threads interleave (with a GIL, without one) and whichever worker takes
 * an item (2 or 5 processes). */
static void
test_draws_per_thread (void)
{
  GilsimPoint a, b, c;
  gilsim_point_run (&a, "run", "tests/data/lang_draws.gil", NULL);
  gilsim_point_run (&b, "run", "tests/data/lang_draws.gil", "--runtime", "cpython-3.13t",
                    "-L", "P=5", NULL);
  gilsim_point_run (&c, "run", "tests/data/lang_draws.gil", "--seed", "1", NULL);
  g_autofree char *la = lines_of (a.res), *lb = lines_of (b.res), *lc = lines_of (c.res);
  g_assert_cmpstr (la, ==, lb);
  g_assert_cmpstr (la, !=, lc);
  /* the order of the lines did change: the runs did interleave otherwise */
  g_assert_cmpfloat (gilsim_dbl (a.res, "wall_s"), !=, gilsim_dbl (b.res, "wall_s"));
  gilsim_point_clear (&a);
  gilsim_point_clear (&b);
  gilsim_point_clear (&c);
}

/* Daemon threads: the heartbeat stops when the workers end, at about
 * 0.08 + 0.5 + 2 x 0.1 = 0.78 s, after 6 beats; it is shown to the end of
 * the program.  The sequential run runs the workers one after the other
 * (0.08 + 2 x 0.6 = 1.28 s) with the heartbeat beside them. */
static void
test_daemon (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/lang/daemon_heartbeat.gil", NULL);
  double wall = gilsim_dbl (p.res, "wall_s");
  assert_near (wall, 0.78, 0.02);
  assert_near (gilsim_dbl (p.res, "sequential_s"), 1.28, 0.03);
  JsonObject *hb = gilsim_worker (p.res, "Thread-1");
  g_assert_cmpstr (json_object_get_string_member (hb, "kind"), ==, "daemon");
  g_assert_cmpfloat (gilsim_dbl (hb, "end_s"), ==, wall);
  g_autoptr (GArray) b0 = print_times (p.res, "beat 0");
  g_autoptr (GArray) b5 = print_times (p.res, "beat 5");
  g_autoptr (GArray) b6 = print_times (p.res, "beat 6");
  g_assert_cmpuint (b0->len, ==, 1);
  g_assert_cmpuint (b5->len, ==, 1);
  g_assert_cmpuint (b6->len, ==, 0);
  assert_near (g_array_index (b0, double, 0), 0.185, 0.002);
  gilsim_point_clear (&p);
  /* a daemon's 10**9 rounds pass the step limit's check: the program ends
   * after 10 s, and the daemon with it */
  GilsimPoint l;
  gilsim_point_run (&l, "run", "tests/data/lang_daemon_long.gil", NULL);
  double start = gilsim_dbl (gilsim_worker (l.res, "MainThread"), "cpu_s");
  assert_near (gilsim_dbl (l.res, "wall_s") - start, 10.0, 0.001);
  gilsim_point_clear (&l);
  /* a daemon's threads are daemons: the ticker does not keep it running */
  GilsimPoint n;
  gilsim_point_run (&n, "run", "tests/data/lang_daemon_nested.gil", NULL);
  start = gilsim_dbl (gilsim_worker (n.res, "MainThread"), "cpu_s");
  assert_near (gilsim_dbl (n.res, "wall_s") - start, 1.0, 0.001);
  g_assert_cmpstr (json_object_get_string_member (gilsim_worker (n.res, "Thread-2"),
                                                  "kind"), ==, "daemon");
  gilsim_point_clear (&n);
}

/* Thread pools: ten URLs on four threads in waves of 4, 4 and 2, about
 * 0.30 to 0.31 s after the 84 ms start-up; every URL fetched once, none
 * dropped; one after another (the sequential run, one thread) 10 x 101 ms. */
static void
test_thread_pool (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/lang/thread_pool.gil", NULL);
  for (int k = 0; k < 10; k++) {
    g_autofree char *line = g_strdup_printf ("fetched https://example.org/%d", k);
    g_autoptr (GArray) t = print_times (p.res, line);
    g_assert_cmpuint (t->len, ==, 1);
  }
  double wall = gilsim_dbl (p.res, "wall_s");
  double start = gilsim_dbl (gilsim_worker (p.res, "MainThread"), "cpu_s");
  g_assert_cmpfloat (wall - start, >, 0.300);
  g_assert_cmpfloat (wall - start, <, 0.310);
  assert_near (gilsim_dbl (p.res, "sequential_s") - start, 10 * 0.101, 0.005);
  JsonArray *ws = json_object_get_array_member (p.res, "workers");
  g_assert_cmpuint (json_array_get_length (ws), ==, 5);
  double blocked = 0, cpu = 0;
  for (int k = 0; k < 4; k++) {
    g_autofree char *name = g_strdup_printf ("ThreadPoolExecutor-0_%d", k);
    JsonObject *w = gilsim_worker (p.res, name);
    blocked += gilsim_dbl (w, "blocked_s");
    cpu += gilsim_dbl (w, "cpu_s");
  }
  assert_near (blocked, 1.0, 0.005);
  assert_near (cpu, 0.010, 0.0005);
  gilsim_point_clear (&p);
  /* fewer items than threads: a thread per item, as the executor starts
   * one per submit while none is idle; no items, no threads */
  static const struct { const char *urls; guint workers; } few[] = {
    { "URLS=2", 3 }, { "URLS=0", 1 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (few); i++) {
    GilsimPoint f;
    gilsim_point_run (&f, "run", "scenarios/lang/thread_pool.gil", "-L", few[i].urls, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f.res, "workers")),
                      ==, few[i].workers);
    gilsim_point_clear (&f);
  }
  /* uneven items: the long one on one thread, the four short ones on the
   * other as it frees up: 400 ms, not the 600 ms of fixed halves */
  GilsimPoint b;
  gilsim_point_run (&b, "run", "tests/data/lang_pool_balance.gil", NULL);
  start = gilsim_dbl (gilsim_worker (b.res, "MainThread"), "cpu_s");
  assert_near (gilsim_dbl (b.res, "wall_s") - start, 0.400, 0.002);
  gilsim_point_clear (&b);
}

/* M/M/1: Poisson arrivals at 50 a second, exponential service of mean
 * 10 ms drawn per request: 1 / (100 - 50) = 20 ms at the server on
 * average, within 15 % for 1000 requests; the sequential run (groups of
 * one thread) draws the same and takes the same time. */
static void
test_mm1 (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/lang/mm1_server.gil", NULL);
  JsonArray *ws = json_object_get_array_member (p.res, "workers");
  double sum = 0;
  guint n = 0;
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *w = json_array_get_object_element (ws, i);
    if (g_str_has_prefix (json_object_get_string_member (w, "name"), "req-")) {
      sum += gilsim_dbl (w, "blocked_s");
      n++;
    }
  }
  g_assert_cmpuint (n, ==, 1000);
  assert_near (sum / n, 0.020, 0.15 * 0.020);
  g_assert_cmpfloat (gilsim_dbl (p.res, "sequential_s"), ==, gilsim_dbl (p.res, "wall_s"));
  gilsim_point_clear (&p);
}

/* compact: the loop whose sum stays one digit costs python.loop_compact
 * of the plain one's iterations on Python 3, and the same on 2.7, where
 * ints are machine words (scenarios/lang/compact_loop.gil). */
static void
test_compact (void)
{
  static const struct { const char *runtime; double ratio; } cases[] = {
    { "cpython-3.11", 0.809 }, { "cpython-3.12", 0.809 }, { "cpython-2.7", 1.0 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    GilsimPoint p;
    gilsim_point_run (&p, "run", "scenarios/lang/compact_loop.gil", "--runtime",
                      cases[i].runtime, "-q", NULL);
    double a = gilsim_print_time (&p, "compact");
    double b = gilsim_print_time (&p, "plain");
    double c = gilsim_print_time (&p, "end");
    g_assert_cmpfloat (c - b, >, 0.001);
    if (fabs ((b - a) / (c - b) - cases[i].ratio) > 1e-3)
      g_error ("%s: compact %.6f s, plain %.6f s, ratio %.4f, not %.3f",
               cases[i].runtime, b - a, c - b, (b - a) / (c - b), cases[i].ratio);
    if (i == 0)
      assert_near ((c - b), 1e5 * 42.8e-9, 1e-6);
    gilsim_point_clear (&p);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lang/if", test_if);
  g_test_add_func ("/lang/poisson", test_poisson);
  g_test_add_func ("/lang/seed", test_seed);
  g_test_add_func ("/lang/draws-per-thread", test_draws_per_thread);
  g_test_add_func ("/lang/daemon", test_daemon);
  g_test_add_func ("/lang/thread-pool", test_thread_pool);
  g_test_add_func ("/lang/mm1", test_mm1);
  g_test_add_func ("/lang/compact", test_compact);
  return g_test_run ();
}
