/* test-why.c: the why paragraph, latency figures, per-object blocked time
 * and the compact sweep table.  Unit tests build results by hand, shaped
 * like the models' (no SimGrid); scenario tests run gilsim. */
#include "run-gilsim.h"
#include "scratch.h"

#include <math.h>
#include <stdio.h>
#include <glib/gstdio.h>

#include "results/figures.h"
#include "results/resultset.h"
#include "results/sweeptable.h"
#include "results/why.h"
#include "util/quantiles.h"

/* ---------------------------------------------------------------------- */
/* Quantiles                                                               */

static void
test_quantiles (void)
{
  /* 1..100 in a scrambled order: rank p/100 * 99 between neighbours */
  double v[100];
  for (int i = 0; i < 100; i++)
    v[i] = (double) ((i * 37) % 100 + 1);
  GsQuantiles q;
  gs_quantiles_of (v, 100, &q);
  g_assert_cmpuint (q.count, ==, 100);
  g_assert_cmpfloat_with_epsilon (q.mean, 50.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (q.p50, 50.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (q.p95, 95.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (q.p99, 99.01, 1e-9);
  g_assert_cmpfloat (q.max, ==, 100);
  g_assert_cmpfloat (v[0], ==, 1);   /* sorted in place */
  double one = 0.25;
  gs_quantiles_of (&one, 1, &q);
  g_assert_cmpuint (q.count, ==, 1);
  g_assert_cmpfloat (q.p50, ==, 0.25);
  g_assert_cmpfloat (q.p99, ==, 0.25);
  g_assert_cmpfloat (q.max, ==, 0.25);
  gs_quantiles_of (NULL, 0, &q);
  g_assert_cmpuint (q.count, ==, 0);
  g_assert_true (isnan (gs_quantiles_at (v, 0, 50)));
}

/* ---------------------------------------------------------------------- */
/* Results made by hand                                                    */

static void
add_worker (GsResult *r, const char *name, const char *kind, double start, double end,
            double cpu, double gil_wait, double blocked)
{
  GsWorker w = { (char *) name, (char *) kind, start, end, cpu, gil_wait, blocked, cpu, 0 };
  gs_result_add_worker (r, &w);
}

static GsRow *
row_of (GsResult *r, int cores, const char *n)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  if (n) {
    g_ptr_array_add (names, (gpointer) "N");
    g_ptr_array_add (values, (gpointer) n);
  }
  return gs_resultset_row_new (0, "s.gil", "p.xml", "xeon", cores, 1e9, "cpython-3.12",
                               0.005, names, values, r);
}

/* Three CPU-bound threads under the GIL, as cpu_threads.gil N = 3. */
static GsResult *
gil_bound (void)
{
  GsResult *r = gs_result_new ();
  r->wall_s = 1.4766;
  r->sequential_s = 1.45;
  r->gil_switches = 274;
  add_worker (r, "MainThread", "main", 0, 1.4766, 0.0872, 0.0407, 1.3486);
  add_worker (r, "Thread-0", "thread", 0.087, 1.4358, 0.455, 0.8938, 0);
  add_worker (r, "Thread-1", "thread", 0.0922, 1.4615, 0.455, 0.9143, 0);
  add_worker (r, "Thread-2", "thread", 0.1025, 1.4766, 0.455, 0.9191, 0);
  gs_result_add_wait (r, 0, "join", 1.3336, 1);
  gs_result_add_wait (r, 0, "thread start", 0.015, 3);
  return r;
}

static void
test_why_gil (void)
{
  GsRow *row = row_of (gil_bound (), 16, NULL);
  g_autofree char *why = gs_why_point (row);
  g_autofree char *flat = g_strdelimit (g_strdup (why), "\n", ' ');
  g_test_message ("%s", why);
  /* the longest GIL wait and its share of that thread's life */
  g_assert_nonnull (strstr (flat, "Thread-2 waited 919 ms (67 %) for the GIL"));
  g_assert_nonnull (strstr (flat, "3 workers waited 2.73 s in all"));
  g_assert_nonnull (strstr (flat, "the GIL changed hands 274 times"));
  /* (0.0872 + 3 x 0.455) / 1.4766 = 0.98 busy cores of 16 */
  g_assert_nonnull (strstr (flat, "on average 1.0 of 16 cores were busy (94 % idle)"));
  /* joining is the program's design, not a bottleneck */
  g_assert_null (strstr (flat, "join"));
  /* 78 columns at most */
  g_auto (GStrv) lines = g_strsplit (why, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    g_assert_cmpuint (strlen (lines[i]), <=, 78);
  /* GIL share: waits 2.7679 over time not blocked 0.1280 + 1.3488 + 1.3693 + 1.3741 */
  g_assert_cmpfloat_with_epsilon (gs_why_gil_share (row->result), 2.7679 / 4.2202, 1e-6);
  gs_resultset_row_free (row);
}

static void
test_why_lock (void)
{
  /* numpy_threads.gil: the generators take turns on NumPy's global lock */
  GsResult *r = gs_result_new ();
  r->wall_s = 0.7145;
  add_worker (r, "MainThread", "main", 0, 0.7145, 0.4752, 0, 0.2392);
  add_worker (r, "Thread-0", "thread", 0.475, 0.5611, 0.0861, 0, 0);
  add_worker (r, "Thread-1", "thread", 0.4751, 0.6378, 0.0861, 0, 0.0766);
  add_worker (r, "Thread-2", "thread", 0.4753, 0.7145, 0.0861, 0, 0.1531);
  gs_result_add_wait (r, 0, "join", 0.2392, 1);
  gs_result_add_wait (r, 2, "lock numpy.random", 0.0766, 1);
  gs_result_add_wait (r, 3, "lock numpy.random", 0.1531, 1);
  GsRow *row = row_of (r, 16, NULL);
  g_autofree char *why = gs_why_point (row);
  g_autofree char *flat = g_strdelimit (g_strdup (why), "\n", ' ');
  g_test_message ("%s", why);
  g_assert_nonnull (strstr (flat, "Thread-2 blocked 153 ms (21 % of the run) on lock "
                                  "numpy.random (2 workers, 230 ms in all)"));
  g_assert_null (strstr (flat, "for the GIL"));
  gs_resultset_row_free (row);
}

static void
test_why_idle (void)
{
  /* io_threads.gil: three threads sleeping 2 s, nothing to blame */
  GsResult *r = gs_result_new ();
  r->wall_s = 2.09;
  add_worker (r, "MainThread", "main", 0, 2.09, 0.087, 0, 2.0);
  for (int i = 0; i < 3; i++) {
    g_autofree char *name = g_strdup_printf ("Thread-%d", i);
    add_worker (r, name, "thread", 0.087, 2.09, 0.0001, 0, 2.0);
    gs_result_add_wait (r, (guint) i + 1, "sleep", 2.0, 1);
  }
  GsRow *row = row_of (r, 2, NULL);
  g_autofree char *why = gs_why_point (row);
  g_assert_true (g_str_has_prefix (why, "Why: no worker waited long for the GIL or "
                                        "on a lock;"));
  g_autofree char *flat = g_strdelimit (g_strdup (why), "\n", ' ');
  g_assert_nonnull (strstr (flat, "of 2 cores were busy"));
  gs_resultset_row_free (row);
  /* the same on one core: singular */
  GsResult *r1 = gs_result_new ();
  r1->wall_s = 2.09;
  add_worker (r1, "MainThread", "main", 0, 2.09, 0.087, 0, 2.0);
  GsRow *row1 = row_of (r1, 1, NULL);
  g_autofree char *why1 = gs_why_point (row1);
  g_autofree char *flat1 = g_strdelimit (g_strdup (why1), "\n", ' ');
  g_assert_nonnull (strstr (flat1, "of 1 core was busy"));
  gs_resultset_row_free (row1);
}

/* A sweep over N of rows with the given speedups and GIL shares. */
static GsResultSet *
sweep (const double *speedup, const double *gil_share, guint n)
{
  GsResultSet *set = gs_resultset_new (n, NULL, NULL);
  for (guint i = 0; i < n; i++) {
    GsResult *r = gs_result_new ();
    r->wall_s = 1;
    r->sequential_s = speedup[i];
    add_worker (r, "Thread-0", "thread", 0, 1, 1 - gil_share[i], gil_share[i], 0);
    g_autofree char *v = g_strdup_printf ("%u", 1u << i);
    GsRow *row = row_of (r, 16, v);
    row->point = i;
    gs_resultset_add (set, row);
  }
  return set;
}

static void
test_why_sweep (void)
{
  static const double stops[] = { 1, 1.9, 2.6, 2.6, 2.2 };
  static const double shares[] = { 0, 0.1, 0.3, 0.6, 0.8 };
  g_autoptr (GsResultSet) a = sweep (stops, shares, 5);
  g_autofree char *wa = gs_why_sweep (a);
  g_autofree char *fa = g_strdelimit (g_strdup (wa), "\n", ' ');
  g_test_message ("%s", wa);
  g_assert_nonnull (strstr (fa, "the speedup stops growing at N = 4 (2.60x); at N = 16 "
                                "it is 2.20x: the workers wait 80 % of their time for "
                                "the GIL."));
  /* a peak that the last value matches (within 3 %) levels off: it does
   * not "stop growing" and then grow again */
  static const double levels[] = { 0.5, 0.88, 0.86, 0.90 };
  g_autoptr (GsResultSet) l = sweep (levels, shares, 4);
  g_autofree char *wl = gs_why_sweep (l);
  g_autofree char *fl = g_strdelimit (g_strdup (wl), "\n", ' ');
  g_test_message ("%s", wl);
  g_assert_true (g_str_has_prefix (fl, "Why: the speedup levels off from N = 2 (0.88x); "
                                       "at N = 8 it is 0.90x: "));
  static const double grows[] = { 1, 2, 4, 8 };
  g_autoptr (GsResultSet) b = sweep (grows, shares, 4);
  g_autofree char *wb = gs_why_sweep (b);
  g_assert_cmpstr (wb, ==, "Why: the speedup grows up to N = 8 (8.00x): the workers "
                           "wait 60 % of their\ntime for the GIL.\n");
  static const double flat[] = { 1, 0.99, 0.98 };
  g_autoptr (GsResultSet) c = sweep (flat, shares, 3);
  g_autofree char *wc = gs_why_sweep (c);
  g_autofree char *fc = g_strdelimit (g_strdup (wc), "\n", ' ');
  g_assert_true (g_str_has_prefix (fc, "Why: the speedup does not grow with N: 1.00x "
                                       "at N = 1, 0.98x at N = 4: the workers wait "
                                       "30 %"));
  /* on one core, all busy: singular */
  static const double busy[] = { 1, 1, 1 };
  static const double none[] = { 0, 0, 0 };
  g_autoptr (GsResultSet) e = sweep (busy, none, 3);
  for (guint i = 0; i < 3; i++)
    ((GsRow *) g_ptr_array_index (e->rows, i))->cores = 1;
  g_autofree char *we = gs_why_sweep (e);
  g_autofree char *fe = g_strdelimit (g_strdup (we), "\n", ' ');
  g_test_message ("%s", we);
  g_assert_nonnull (strstr (fe, ": the 1 core is busy."));
  /* two values (a 0/1 switch): a comparison, and what holds the slower back */
  static const double two[] = { 2.81, 0.98 };
  static const double two_gil[] = { 0, 0.72 };
  g_autoptr (GsResultSet) t = sweep (two, two_gil, 2);
  g_autofree char *wt = gs_why_sweep (t);
  g_autofree char *ft = g_strdelimit (g_strdup (wt), "\n", ' ');
  g_test_message ("%s", wt);
  g_assert_cmpstr (ft, ==, "Why: the speedup is 2.81x at N = 1 and 0.98x at N = 2; at "
                           "N = 2 the workers wait 72 % of their time for the GIL. ");
  /* a 0/1 switch swept before N: the Why follows N, within each switch */
  g_autoptr (GsResultSet) sw = gs_resultset_new (6, NULL, NULL);
  for (guint i = 0; i < 6; i++) {
    GsResult *r = gs_result_new ();
    r->wall_s = 1;
    r->sequential_s = 1 + (i % 3);
    add_worker (r, "Thread-0", "thread", 0, 1, 1, 0, 0);
    const char *names[] = { "PROCESSES", "N" };
    g_autofree char *pv = g_strdup_printf ("%u", i / 3);
    g_autofree char *nv = g_strdup_printf ("%u", 1u << (i % 3));
    const char *values[] = { pv, nv };
    g_autoptr (GPtrArray) na = g_ptr_array_new ();
    g_autoptr (GPtrArray) va = g_ptr_array_new ();
    for (guint k = 0; k < 2; k++) {
      g_ptr_array_add (na, (gpointer) names[k]);
      g_ptr_array_add (va, (gpointer) values[k]);
    }
    GsRow *row = gs_resultset_row_new (i, "s.gil", "p.xml", "xeon", 16, 1e9,
                                       "cpython-3.12", 0.005, na, va, r);
    gs_resultset_add (sw, row);
  }
  g_autofree char *wsw = gs_why_sweep (sw);
  g_autofree char *fsw = g_strdelimit (g_strdup (wsw), "\n", ' ');
  g_test_message ("%s", wsw);
  g_assert_true (g_str_has_prefix (fsw, "Why: with PROCESSES = 0, the speedup grows up "
                                        "to N = 4 (3.00x)"));
  g_assert_nonnull (strstr (fsw, "Why: with PROCESSES = 1, the speedup grows up to N = 4"));
  /* one point, or no numeric parameter: nothing to say */
  g_autoptr (GsResultSet) d = sweep (flat, shares, 1);
  g_autofree char *wd = gs_why_sweep (d);
  g_assert_cmpstr (wd, ==, "");
}

/* Text written by F (a printer taking a FILE*). */
#define CAPTURE(text, call)                                          \
  do {                                                               \
    gsize len_ = 0;                                                  \
    FILE *f = open_memstream (&(text), &len_);                       \
    call;                                                            \
    fclose (f);                                                      \
  } while (0)

static void
test_tables (void)
{
  /* long worker names keep the blocked-on table aligned */
  GsResult *r = gs_result_new ();
  add_worker (r, "MainThread", "main", 0, 1, 0.1, 0, 0.9);
  add_worker (r, "ForkPoolWorker-12", "process", 0, 1, 0.4, 0, 0.5);
  gs_result_add_wait (r, 0, "pool", 0.9, 1);
  gs_result_add_wait (r, 1, "pool", 0.25, 16);
  gs_result_add_wait (r, 1, "pool", 0.25, 16);   /* merged with the one before */
  g_assert_cmpuint (r->waits->len, ==, 2);
  char *text = NULL;
  CAPTURE (text, gs_figures_print_waits (f, r, 17));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "");
  g_assert_true (g_str_has_prefix (lines[1], "worker            blocked on"));
  g_assert_cmpstr (lines[3], ==, "ForkPoolWorker-12 pool          0.5000       32");
  g_assert_cmpuint (strlen (lines[2]), ==, strlen (lines[3]));
  free (text);
  /* latency lines: "print line 12", then the figures as durations */
  GsQuantiles q = { 57, 0.0149, 0.0112, 0.0188, 0.0188, 0.0188 };
  gs_result_add_latency (r, "print", 12, &q);
  CAPTURE (text, gs_figures_print_latency (f, r));
  g_assert_nonnull (strstr (text, "print line 12       57   14.9 ms   11.2 ms   18.8 ms"));
  free (text);
  gs_result_free (r);

  /* the compact sweep table: one row per point, columns aligned */
  static const double sp[] = { 1, 1.9, 2.6 };
  static const double sh[] = { 0, 0.1, 0.3 };
  g_autoptr (GsResultSet) set = sweep (sp, sh, 3);
  CAPTURE (text, gs_sweeptable_print (f, set));
  g_assert_cmpstr (text, ==, "N       wall  speedup  GIL wait\n"
                             "1        1 s    1.00x       0 %\n"
                             "2        1 s    1.90x      10 %\n"
                             "4        1 s    2.60x      30 %\n");
  free (text);
}

/* ---------------------------------------------------------------------- */
/* Scenarios                                                               */

static double
waits_sum (JsonObject *w, const char *on, guint *entries)
{
  JsonArray *ws = json_object_get_array_member (w, "waits");
  double sum = 0;
  *entries = 0;
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *e = json_array_get_object_element (ws, i);
    if (on == NULL || strcmp (json_object_get_string_member (e, "on"), on) == 0) {
      sum += gilsim_dbl (e, "seconds");
      (*entries)++;
    }
  }
  return sum;
}

/* Every worker's blocked time is the sum of its waits, each on the object
 * it waited for. */
static void
test_scenario_waits (void)
{
  static const char *const files[] = {
    "scenarios/seed/numpy_threads.gil", "scenarios/seed/io_threads.gil",
    "scenarios/resources/process_pool.gil", "scenarios/resources/file_hashing.gil",
    "scenarios/resources/scraper.gil", "scenarios/resources/upload.gil",
  };
  for (gsize f = 0; f < G_N_ELEMENTS (files); f++) {
    GilsimPoint p;
    gilsim_point_run (&p, "run", files[f], NULL);
    JsonArray *ws = json_object_get_array_member (p.res, "workers");
    guint waits = 0;
    for (guint i = 0; i < json_array_get_length (ws); i++) {
      JsonObject *w = json_array_get_object_element (ws, i);
      guint n;
      double sum = waits_sum (w, NULL, &n);
      assert_near (sum, gilsim_dbl (w, "blocked_s"), 1e-6);
      waits += n;
      /* nothing falls outside the central wait functions */
      waits_sum (w, "other", &n);
      g_assert_cmpuint (n, ==, 0);
    }
    /* every one of these programs waits somewhere: the sums above add up
     * something */
    g_assert_cmpuint (waits, >, 0);
    gilsim_point_clear (&p);
  }
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/seed/numpy_threads.gil", NULL);
  guint n;
  JsonObject *t2 = gilsim_worker (p.res, "Thread-2");
  double lock = waits_sum (t2, "lock numpy.random", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (lock, >, 0);
  assert_near (lock, gilsim_dbl (t2, "blocked_s"), 1e-6);
  waits_sum (gilsim_worker (p.res, "MainThread"), "join", &n);
  g_assert_cmpuint (n, ==, 1);
  gilsim_point_clear (&p);
  /* the sleeping threads of io_threads: 2 s on "sleep" each */
  gilsim_point_run (&p, "run", "scenarios/seed/io_threads.gil", NULL);
  g_assert_cmpfloat (waits_sum (gilsim_worker (p.res, "Thread-1"), "sleep", &n), >=, 2.0);
  gilsim_point_clear (&p);
}

static JsonObject *
latency_of (JsonObject *res, const char *what)
{
  JsonArray *ls = json_object_get_array_member (res, "latency");
  for (guint i = 0; i < json_array_get_length (ls); i++) {
    JsonObject *l = json_array_get_object_element (ls, i);
    if (strcmp (json_object_get_string_member (l, "statement"), what) == 0)
      return l;
  }
  g_error ("no latency figures for %s", what);
  return NULL;
}

/* A request's latency is its wait on the server and the GIL taken back. */
static void
test_scenario_requests (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/resources/scraper.gil", NULL);
  JsonObject *l = latency_of (p.res, "request site");
  double count = gilsim_dbl (l, "count"), mean = gilsim_dbl (l, "mean_s");
  g_assert_cmpfloat (count, ==, 32);   /* 8 threads x 32 // 8 pages */
  g_assert_cmpfloat (gilsim_dbl (l, "p50_s"), >=, 0.080);  /* the service time */
  g_assert_cmpfloat (gilsim_dbl (l, "p50_s"), <=, gilsim_dbl (l, "p95_s"));
  g_assert_cmpfloat (gilsim_dbl (l, "p95_s"), <=, gilsim_dbl (l, "p99_s"));
  g_assert_cmpfloat (gilsim_dbl (l, "p99_s"), <=, gilsim_dbl (l, "max_s"));
  double server = 0, gil = 0;
  JsonArray *ws = json_object_get_array_member (p.res, "workers");
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *w = json_array_get_object_element (ws, i);
    guint n;
    server += waits_sum (w, "server site", &n);
    gil += gilsim_dbl (w, "gil_wait_s");
  }
  g_assert_cmpfloat (count * mean, >=, server - 1e-6);
  g_assert_cmpfloat (count * mean, <=, server + gil + 1e-6);
  gilsim_point_clear (&p);
}

/* The interval between a thread's prints in a loop is its round's time:
 * two threads under the GIL take twice as long a round, free-threaded
 * ones about as long as one. */
static void
test_scenario_prints (void)
{
  double mean[2][2];
  const char *runtimes[] = { "cpython-3.12", "cpython-3.13t" };
  for (int r = 0; r < 2; r++)
    for (int n = 0; n < 2; n++) {
      g_autofree char *list = g_strdup_printf ("N=%d", n + 1);
      GilsimPoint p;
      gilsim_point_run (&p, "run", "tests/data/ticks.gil", "-L", list, "--runtime",
                        runtimes[r], "--no-sequential", NULL);
      JsonObject *l = latency_of (p.res, "print");
      g_assert_cmpfloat (gilsim_dbl (l, "count"), ==, 49 * (n + 1));
      g_assert_cmpfloat (json_object_get_int_member (l, "line"), ==, 12);
      mean[r][n] = gilsim_dbl (l, "mean_s");
      gilsim_point_clear (&p);
    }
  g_assert_cmpfloat (mean[0][1] / mean[0][0], >, 1.9);
  g_assert_cmpfloat (mean[0][1] / mean[0][0], <, 2.1);
  g_assert_cmpfloat (mean[1][1] / mean[1][0], >, 0.95);
  /* not 2: only the host's slow vCPUs stretch work running at once (cpu.
   * slow_fraction, threads.c) */
  g_assert_cmpfloat (mean[1][1] / mean[1][0], <, 1.2);
}

/* The terminal: a why under the table; a sweep in one row per point
 * unless -v. */
static void
test_scenario_terminal (void)
{
  GilsimRun r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", NULL);
  gilsim_expect_ok (&r);
  g_assert_nonnull (strstr (r.out, "\nWhy: Thread-"));
  g_assert_nonnull (strstr (r.out, "for the GIL"));
  gilsim_run_clear (&r);

  r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=1,2,4", NULL);
  gilsim_expect_ok (&r);
  g_assert_null (strstr (r.out, "== N = 1"));
  g_assert_null (strstr (r.out, "started."));      /* no prints */
  g_assert_nonnull (strstr (r.out, "\nN       wall  speedup  GIL wait\n1 "));
  g_assert_nonnull (strstr (r.out, "\nWhy: the speedup"));
  g_assert_nonnull (strstr (r.out, "\nSummary\n"));
  gilsim_run_clear (&r);

  r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=1,2", "-v", NULL);
  gilsim_expect_ok (&r);
  g_assert_nonnull (strstr (r.out, "== N = 1\n"));
  g_assert_nonnull (strstr (r.out, "== N = 2\n"));
  g_assert_nonnull (strstr (r.out, "Thread-1 started."));
  g_assert_nonnull (strstr (r.out, "\nworker         kind"));
  gilsim_run_clear (&r);

  /* ForkPoolWorker-1 widens the name column of every row */
  r = gilsim_run ("run", "-q", "scenarios/resources/process_pool.gil", NULL);
  gilsim_expect_ok (&r);
  g_assert_nonnull (strstr (r.out, "\nworker           kind       start_s"));
  g_assert_nonnull (strstr (r.out, "\nMainThread       main        0.0000"));
  g_assert_nonnull (strstr (r.out, "\nForkPoolWorker-1 process     0.0"));
  gilsim_run_clear (&r);
}

/* The CSV line LINE split at commas (no quoted fields in these). */
static char **
csv_cells (const char *line)
{
  return g_strsplit (line, ",", -1);
}

static int
column (char **header, const char *name)
{
  for (int i = 0; header[i]; i++)
    if (strcmp (header[i], name) == 0)
      return i;
  g_error ("no column %s", name);
  return -1;
}

/* hyperfine's "times", per-worker CSV columns, report --value of them. */
static void
test_scenario_exports (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *json = g_build_filename (dir, "r.json", NULL);
  g_autofree char *csv = g_build_filename (dir, "r.csv", NULL);
  GilsimRun r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=1,2",
                            "--export-json", json, "--export-csv", csv, NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *results = json_object_get_array_member (gilsim_json_file (parser, json), "results");
  g_autofree char *text = read_file (csv);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto (GStrv) header = csv_cells (lines[0]);
  int t1_wait = column (header, "worker_Thread-1_gil_wait_s");
  int t0_end = column (header, "worker_Thread-0_end_s");
  column (header, "worker_MainThread_cpu_s");
  column (header, "worker_Thread-0_blocked_s");
  for (guint i = 0; i < 2; i++) {
    JsonObject *res = json_array_get_object_element (results, i);
    JsonArray *times = json_object_get_array_member (res, "times");
    g_assert_cmpuint (json_array_get_length (times), ==, 1);
    g_assert_cmpfloat (json_array_get_double_element (times, 0), ==, gilsim_dbl (res, "mean"));
    g_auto (GStrv) cells = csv_cells (lines[i + 1]);
    /* N = 1 has no Thread-1: an empty cell */
    if (i == 0)
      g_assert_cmpstr (cells[t1_wait], ==, "");
    else
      g_assert_cmpfloat (g_ascii_strtod (cells[t1_wait], NULL), ==,
                         gilsim_dbl (gilsim_worker (res, "Thread-1"), "gil_wait_s"));
    g_assert_cmpfloat (g_ascii_strtod (cells[t0_end], NULL), ==,
                       gilsim_dbl (gilsim_worker (res, "Thread-0"), "end_s"));
  }
  /* report --value: a worker's end, the workers' CPU */
  r = gilsim_run ("report", json, "--rows", "N", "--value", "worker_Thread-1_end_s",
                  "--format", "csv", NULL);
  gilsim_expect_ok (&r);
  g_auto (GStrv) rows = g_strsplit (r.out, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "N,worker_Thread-1_end_s");
  g_assert_cmpstr (rows[1], ==, "1,");
  JsonObject *two = json_array_get_object_element (results, 1);
  g_assert_cmpfloat (g_ascii_strtod (rows[2] + 2, NULL), ==,
                     gilsim_dbl (gilsim_worker (two, "Thread-1"), "end_s"));
  gilsim_run_clear (&r);
  r = gilsim_run ("report", json, "--rows", "N", "--value", "cpu", "--format", "csv", NULL);
  gilsim_expect_ok (&r);
  double cpu = 0;
  JsonArray *ws = json_object_get_array_member (two, "workers");
  for (guint i = 0; i < json_array_get_length (ws); i++)
    cpu += gilsim_dbl (json_array_get_object_element (ws, i), "cpu_s");
  g_auto (GStrv) cpu_rows = g_strsplit (r.out, "\n", -1);
  assert_near (g_ascii_strtod (cpu_rows[2] + 2, NULL), cpu, 1e-6);
  gilsim_run_clear (&r);
  r = gilsim_run ("report", json, "--rows", "N", "--value", "worker_Nobody_end_s", NULL);
  gilsim_expect_error (&r, "");
  g_assert_nonnull (strstr (r.err, "no result has this worker"));
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

/* An export of an older gilsim (no "times", "waits" or "latency") is read,
 * resumed and merged: its figures are absent, the new points have them. */
static void
test_scenario_old_exports (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *json = g_build_filename (dir, "r.json", NULL);
  GilsimRun r = gilsim_run ("run", "scenarios/resources/scraper.gil", "-L", "N=1,2",
                            "--point", "0", "--export-json", json, NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonObject *root = gilsim_json_file (parser, json);
    JsonObject *res = json_array_get_object_element (
        json_object_get_array_member (root, "results"), 0);
    g_assert_true (json_object_has_member (res, "latency"));
    json_object_remove_member (res, "times");
    json_object_remove_member (res, "latency");
    JsonArray *ws = json_object_get_array_member (res, "workers");
    for (guint i = 0; i < json_array_get_length (ws); i++)
      json_object_remove_member (json_array_get_object_element (ws, i), "waits");
    g_autoptr (JsonGenerator) gen = json_generator_new ();
    json_generator_set_root (gen, json_parser_get_root (parser));
    g_assert_true (json_generator_to_file (gen, json, NULL));
  }
  r = gilsim_run ("run", "scenarios/resources/scraper.gil", "-L", "N=1,2", "--resume",
                  "--export-json", json, NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *results = json_object_get_array_member (gilsim_json_file (parser, json), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  JsonObject *old = json_array_get_object_element (results, 0);
  JsonObject *fresh = json_array_get_object_element (results, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (old, "latency")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fresh, "latency")), ==, 1);
  JsonObject *w = gilsim_worker (old, "Thread-0");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (w, "waits")), ==, 0);
  w = gilsim_worker (fresh, "Thread-0");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (w, "waits")), ==, 1);
  /* the CSV has the columns of the figures the new point has */
  r = gilsim_run ("report", json, "--format", "csv", NULL);
  gilsim_expect_ok (&r);
  g_assert_nonnull (strstr (r.out, "latency_request_site_line24_count"));
  gilsim_run_clear (&r);
  /* a malformed "waits" is one line naming where, exit status 2 */
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  {
    JsonObject *res = json_array_get_object_element (results, 0);
    JsonObject *w0 = json_array_get_object_element (
        json_object_get_array_member (res, "workers"), 0);
    json_object_set_int_member (w0, "waits", 3);
    g_autoptr (JsonGenerator) gen = json_generator_new ();
    json_generator_set_root (gen, json_parser_get_root (parser));
    g_assert_true (json_generator_to_file (gen, bad, NULL));
  }
  r = gilsim_run ("report", bad, NULL);
  gilsim_expect_error (&r, "");
  g_assert_true (g_str_has_suffix (r.err, "results[0].workers[0]: the member 'waits' "
                                          "is not an array of {\"on\", \"seconds\", "
                                          "\"count\"}; give a file written by gilsim "
                                          "run --export-json\n"));
  g_assert_cmpstr (r.out, ==, "");
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/why/quantiles", test_quantiles);
  g_test_add_func ("/why/gil", test_why_gil);
  g_test_add_func ("/why/lock", test_why_lock);
  g_test_add_func ("/why/idle", test_why_idle);
  g_test_add_func ("/why/sweep", test_why_sweep);
  g_test_add_func ("/why/tables", test_tables);
  g_test_add_func ("/why/scenario/waits", test_scenario_waits);
  g_test_add_func ("/why/scenario/requests", test_scenario_requests);
  g_test_add_func ("/why/scenario/prints", test_scenario_prints);
  g_test_add_func ("/why/scenario/terminal", test_scenario_terminal);
  g_test_add_func ("/why/scenario/exports", test_scenario_exports);
  g_test_add_func ("/why/scenario/old-exports", test_scenario_old_exports);
  return g_test_run ();
}
