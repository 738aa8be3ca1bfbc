/* test-freethreading.c: free-threaded runtimes against published figures,
 * and the contention on shared objects in whole simulations. */
#include <math.h>
#include "run-gilsim.h"

/* The walls of a sweep of one parameter over two values, from the JSON
 * export: *W1 for the first, *W2 for the second. */
static void
walls (const char *file, const char *sweep, const char *extra, double *w1,
       double *w2)
{
  GilsimPoint p;
  if (extra)
    gilsim_point_run (&p, "run", file, "-L", sweep, "-L", extra, NULL);
  else
    gilsim_point_run (&p, "run", file, "-L", sweep, NULL);
  *w1 = gilsim_dbl (p.res, "wall_s");
  *w2 = gilsim_dbl (gilsim_point_nth (&p, 1), "wall_s");
  gilsim_point_clear (&p);
}

/* A published free-threading figure: N workers do N times the work of
 * one; SPEEDUP is N * t(1) / t(N) as the source measured it. */
typedef struct {
  const char *file;
  const char *param;
  int n;
  double speedup;
} Published;

/* The sources, hardware and raw figures are in each scenario's comments. */
static const Published published[] = {
  /* nogil README: 20 * 1.50 s / 1.52 s */
  { "scenarios/freethreading/nogil_fib.gil", "T", 20, 20 * 1.50 / 1.52 },
  /* cpython#123619, bound method: 6 * 34.6 ms / 321.6 ms */
  { "scenarios/freethreading/bound_method.gil", "N", 6, 6 * 34.6 / 321.6 },
  /* cpython#123619, function: 6 * 29.9 ms / 31.9 ms */
  { "scenarios/freethreading/function.gil", "N", 6, 6 * 29.9 / 31.9 },
};

/* The model's speedup over one worker is within 15 % of the published
 * one, for each figure. */
static void
test_published (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (published); i++) {
    const Published *f = &published[i];
    g_autofree char *sweep = g_strdup_printf ("%s=1,%d", f->param, f->n);
    double w1, wn;
    walls (f->file, sweep, NULL, &w1, &wn);
    double predicted = f->n * w1 / wn;
    g_test_message ("%s: published %.3f, predicted %.3f", f->file,
                    f->speedup, predicted);
    assert_near (predicted / f->speedup, 1, 0.15);
  }
}

/* The free-threaded builds' cost on one thread against their GIL builds:
 * 1.40 for 3.13t (the 3.13 howto) and 5 to 10 % for 3.14t (What's New in
 * 3.14), within 15 % of the published figure (the middle of a range). */
static void
test_single_thread_overhead (void)
{
  const char *file = "scenarios/freethreading/single_thread.gil";
  static const struct { const char *sweep; double published; } cases[] = {
    { "runtime=cpython-3.13,cpython-3.13t", 1.40 },
    { "runtime=cpython-3.14,cpython-3.14t", 1.075 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    double gil, ft;
    walls (file, cases[i].sweep, NULL, &gil, &ft);
    g_test_message ("%s: published %.3f, predicted %.3f", cases[i].sweep,
                    cases[i].published, ft / gil);
    assert_near (ft / gil / cases[i].published, 1, 0.15);
  }
}

/* Without the GIL, threads that touch one object take longer the more of
 * them there are; with it, they take turns and touching costs nothing. */
static void
test_contention_grows_with_threads (void)
{
  const char *file = "scenarios/freethreading/bound_method.gil";
  double w1, w2, w4, w6;
  walls (file, "N=1,2", NULL, &w1, &w2);
  walls (file, "N=4,6", NULL, &w4, &w6);
  /* each thread does the same work: alone it would take w1 */
  g_assert_cmpfloat (w2, >, 1.2 * w1);
  g_assert_cmpfloat (w4, >, 1.2 * w2);
  g_assert_cmpfloat (w6, >, 1.2 * w4);
  double g1, g6;
  walls (file, "N=1,6", "runtime=cpython-3.13", &g1, &g6);
  /* the GIL runs them one after another: six times one, and no more than
   * its own switches add */
  g_assert_cmpfloat (g6, >, 5.9 * g1);
  g_assert_cmpfloat (g6, <, 6.3 * g1);
}

/* Processes share no objects: touching costs them nothing; threads of a
 * free-threaded runtime pay for it. */
static void
test_processes_share_nothing (void)
{
  const char *file = "scenarios/freethreading/threads_or_processes.gil";
  double p0, p1, t0, t1, g0, g1;
  /* under the GIL, touching changes nothing at all */
  walls (file, "READS=0,10000", "PROCESSES=0", &g0, &g1);
  g_assert_cmpfloat (g1, ==, g0);
  /* free-threaded processes: each touches its own copy (the code runs in
   * slices, which moves the slow virtual CPUs' draws a little) */
  GilsimPoint p;
  gilsim_point_run (&p, "run", file, "-L", "READS=0,10000", "-L",
                    "runtime=cpython-3.13t", "-L", "N=8", "-L",
                    "PROCESSES=1", NULL);
  p0 = gilsim_dbl (p.res, "wall_s");
  p1 = gilsim_dbl (gilsim_point_nth (&p, 1), "wall_s");
  gilsim_point_clear (&p);
  assert_near (p1 / p0, 1, 0.005);
  GilsimPoint t;
  gilsim_point_run (&t, "run", file, "-L", "READS=0,10000", "-L",
                    "runtime=cpython-3.13t", "-L", "N=8", NULL);
  t0 = gilsim_dbl (t.res, "wall_s");
  t1 = gilsim_dbl (gilsim_point_nth (&t, 1), "wall_s");
  gilsim_point_clear (&t);
  g_assert_cmpfloat (t1, >, 1.5 * t0);
}

/* The walls of function.gil's sweep of N over VALUES (NV of them) on
 * PLATFORM, into WALL. */
static void
sweep_walls (const char *platform, const char *values, double *wall, guint nv)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/freethreading/function.gil",
                    "--platform", platform, "-L", values, NULL);
  wall[0] = gilsim_dbl (p.res, "wall_s");
  for (guint i = 1; i < nv; i++)
    wall[i] = gilsim_dbl (gilsim_point_nth (&p, i), "wall_s");
  gilsim_point_clear (&p);
}

/* SMT in a whole run: free threads get a physical core each until the
 * cores run out (two threads on two cores as fast as one), then share
 * them (four threads on two cores: 2.6 cores' worth, each 4 / 2.6 times
 * slower than alone). */
static void
test_smt_cores_first (void)
{
  double w[4];
  sweep_walls ("tests/data/smt-4core.xml", "N=1,2,3,4", w, 4);
  assert_near (w[1] / w[0], 1, 0.01);
  /* three threads: 2.3 cores' worth */
  assert_near (w[2] / w[0], 3 / 2.3, 0.01);
  assert_near (w[3] / w[0], 4 / 2.6, 0.01);
}

/* Efficiency cores in a whole run: twelve free threads on twelve
 * performance cores are as fast as one; sixteen share 12 + 4 x 0.5 = 14
 * cores' worth evenly, and more threads add nothing. */
static void
test_efficiency_cores (void)
{
  double w[4];
  sweep_walls ("tests/data/hybrid-16core.xml", "N=1,12,16,32", w, 4);
  assert_near (w[1] / w[0], 1, 0.01);
  assert_near (w[2] / w[0], 16 / 14.0, 0.01);
  assert_near (w[3] / w[0], 32 / 14.0, 0.01);
}

/* Turbo in a whole run: one busy core at the full clock, all eight at 0.8
 * of it, four at 1 - 0.2 x 3/7. */
static void
test_allcore_clock (void)
{
  double w[3];
  sweep_walls ("tests/data/turbo-8core.xml", "N=1,4,8", w, 3);
  assert_near (w[1] / w[0], 1 / (1 - 0.2 * 3 / 7.0), 0.01);
  assert_near (w[2] / w[0], 1 / 0.8, 0.01);
}

/* Each thread of tests/data/core_wait.gil on PLATFORM with ARGS: its
 * lifetime adds up to cpu_s + core_wait_s, and core_wait_s is RATIO times
 * cpu_s (within 1 %); RATIO 0: no core_wait_s member at all. */
static void
check_core_wait (const char *platform, const char *n, const char *runtime,
                 double ratio)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "tests/data/core_wait.gil", "--platform", platform,
                    "-L", n, "--runtime", runtime, "--no-noise", NULL);
  JsonArray *workers = json_object_get_array_member (p.res, "workers");
  guint threads = 0;
  for (guint i = 0; i < json_array_get_length (workers); i++) {
    JsonObject *w = json_array_get_object_element (workers, i);
    if (strcmp (json_object_get_string_member (w, "kind"), "thread") != 0)
      continue;
    threads++;
    double cpu = gilsim_dbl (w, "cpu_s");
    double life = gilsim_dbl (w, "end_s") - gilsim_dbl (w, "start_s");
    if (ratio == 0) {
      g_assert_false (json_object_has_member (w, "core_wait_s"));
      continue;
    }
    double wait = gilsim_dbl (w, "core_wait_s");
    g_test_message ("%s %s: cpu %.4f core_wait %.4f life %.4f", platform, n, cpu,
                    wait, life);
    assert_near (cpu + wait, life, 1e-4 * life);
    assert_near (wait / cpu / ratio, 1, 0.01);
  }
  g_assert_cmpuint (threads, >, 0);
  gilsim_point_clear (&p);
}

/* The time a free thread is runnable without a full core of its own
 * (core_wait_s) is what makes its lifetime add up: four threads on two
 * cores wait as long as they run; sixteen on 12 performance and 4 half
 * efficiency cores get 14 cores' worth, 2/14 of their CPU time waiting;
 * eight on two SMT cores (2.6 cores' worth) 8/2.6 - 1.  With a core each,
 * or under a GIL (the holder keeps its core), none. */
static void
test_core_wait (void)
{
  check_core_wait ("platforms/laptop-2core.xml", "N=4", "cpython-3.13t", 1);
  check_core_wait ("tests/data/hybrid-16core.xml", "N=16", "cpython-3.13t", 2 / 14.0);
  check_core_wait ("tests/data/smt-4core.xml", "N=8", "cpython-3.13t", 8 / 2.6 - 1);
  check_core_wait ("platforms/xeon-16core.xml", "N=4", "cpython-3.13t", 0);
  check_core_wait ("platforms/laptop-2core.xml", "N=4", "cpython-3.12", 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Free-threaded scenarios reproduce published speedups; "
                  "contention on shared objects grows with the threads "
                  "touching them, and not under a GIL or across processes.");
  g_test_add_func ("/freethreading/published", test_published);
  g_test_add_func ("/freethreading/single-thread-overhead",
                   test_single_thread_overhead);
  g_test_add_func ("/freethreading/contention-grows-with-threads",
                   test_contention_grows_with_threads);
  g_test_add_func ("/freethreading/processes-share-nothing",
                   test_processes_share_nothing);
  g_test_add_func ("/freethreading/smt-cores-first", test_smt_cores_first);
  g_test_add_func ("/freethreading/efficiency-cores", test_efficiency_cores);
  g_test_add_func ("/freethreading/allcore-clock", test_allcore_clock);
  g_test_add_func ("/freethreading/core-wait", test_core_wait);
  return g_test_run ();
}
