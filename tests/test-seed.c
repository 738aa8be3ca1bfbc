/* test-seed.c: the seed document's four programs, predicted on the 16-core
 * Xeon platform.  Each test checks a claim of the seed (or the truth where
 * the seed is wrong) against what the model predicts; none of them holds a
 * number gilsim printed before. */
#include "run-gilsim.h"

#define XEON "platforms/xeon-16core.xml"

static void
point_run (GilsimPoint *p, const char *scenario, const char *n)
{
  g_autofree char *list = g_strdup_printf ("N=%s", n);
  gilsim_point_run (p, "run", scenario, "--platform", XEON, "-L", list, NULL);
}

/* Sum of a member over the workers of kind KIND ("thread", "process"). */
static double
workers_sum (JsonObject *res, const char *kind, const char *member, int *count)
{
  JsonArray *ws = json_object_get_array_member (res, "workers");
  double sum = 0;
  int n = 0;
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *w = json_array_get_object_element (ws, i);
    if (g_strcmp0 (json_object_get_string_member (w, "kind"), kind) != 0)
      continue;
    sum += gilsim_dbl (w, member);
    n++;
  }
  if (count)
    *count = n;
  return sum;
}

/* "3 sleeping threads take ~2 s, not 6 s" */
static void
test_io_threads (void)
{
  GilsimPoint p;
  point_run (&p, "scenarios/seed/io_threads.gil", "3");
  double wall = gilsim_dbl (p.res, "wall_s"), seq = gilsim_dbl (p.res, "sequential_s");
  g_assert_cmpfloat (wall, >, 2.0);
  g_assert_cmpfloat (wall, <, 2.2);
  g_assert_cmpfloat (seq, >, 6.0);
  g_assert_cmpfloat (seq, <, 6.2);
  int n;
  double blocked = workers_sum (p.res, "thread", "blocked_s", &n);
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpfloat (blocked, >=, 3 * 2.0);
  /* six lines printed, the "finished" ones two seconds after the "started" */
  JsonArray *prints = json_object_get_array_member (p.res, "prints");
  g_assert_cmpuint (json_array_get_length (prints), ==, 6);
  double t0 = gilsim_dbl (json_array_get_object_element (prints, 0), "time_s");
  double t5 = gilsim_dbl (json_array_get_object_element (prints, 5), "time_s");
  g_assert_cmpfloat (t5 - t0, >=, 2.0);
  g_assert_cmpfloat (t5 - t0, <, 2.01);
  gilsim_point_clear (&p);
}

/* "3 CPU-bound threads take ~3x one thread": the GIL serialises the work,
 * and the switches make it a little more. */
static void
test_cpu_threads (void)
{
  GilsimPoint one, three;
  point_run (&one, "scenarios/seed/cpu_threads.gil", "1");
  point_run (&three, "scenarios/seed/cpu_threads.gil", "3");
  double work1 = workers_sum (one.res, "thread", "cpu_s", NULL);
  double work3 = workers_sum (three.res, "thread", "cpu_s", NULL);
  g_assert_cmpfloat (work3, >=, 3 * work1);
  double wall1 = gilsim_dbl (one.res, "wall_s"), wall3 = gilsim_dbl (three.res, "wall_s");
  /* the extra wall time of two more workers is their work, serialised, plus
   * a few percent for the switches, not less */
  double extra = wall3 - wall1;
  g_assert_cmpfloat (extra, >=, 2 * work1);
  g_assert_cmpfloat (extra, <, 2 * work1 * 1.10);
  g_assert_cmpint (json_object_get_int_member (three.res, "gil_switches"), >, 100);
  double waits = workers_sum (three.res, "thread", "gil_wait_s", NULL);
  g_assert_cmpfloat (waits, >, work1);
  gilsim_point_clear (&one);
  gilsim_point_clear (&three);
}

/* "processes run in parallel": N=3 costs N=1 plus process start-up, and
 * on this machine the wait for the slowest of three virtual CPUs
 * (cpu.slow_fraction): less than half a loop more, where one after another
 * would be two loops more. */
static void
test_cpu_processes (void)
{
  GilsimPoint one, three;
  point_run (&one, "scenarios/seed/cpu_processes.gil", "1");
  point_run (&three, "scenarios/seed/cpu_processes.gil", "3");
  double wall1 = gilsim_dbl (one.res, "wall_s"), wall3 = gilsim_dbl (three.res, "wall_s");
  g_assert_cmpfloat (wall3, >, wall1);
  g_assert_cmpfloat (wall3 - wall1, <, 0.5 * (wall1 - 0.1));  /* not two loops */
  int n;
  double work3 = workers_sum (three.res, "process", "cpu_s", &n);
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpfloat (gilsim_dbl (three.res, "sequential_s"), >, wall3 + work3 / 3 * 1.9);
  /* each process has its own GIL: nobody waits for one */
  g_assert_cmpfloat (workers_sum (three.res, "process", "gil_wait_s", NULL), <, 1e-6);
  gilsim_point_clear (&one);
  gilsim_point_clear (&three);
}

/* NumPy: the seed says the threads run in parallel; in truth np.random.rand
 * holds the global RandomState's lock, so only np.sum overlaps. */
static void
test_numpy_threads (void)
{
  GilsimPoint one, three;
  point_run (&one, "scenarios/seed/numpy_threads.gil", "1");
  point_run (&three, "scenarios/seed/numpy_threads.gil", "3");
  double wall1 = gilsim_dbl (one.res, "wall_s"), wall3 = gilsim_dbl (three.res, "wall_s");
  double seq3 = gilsim_dbl (three.res, "sequential_s");
  double w1 = workers_sum (one.res, "thread", "cpu_s", NULL);
  /* serialised random parts: at least two more rand calls of wall time */
  g_assert_cmpfloat (wall3 - wall1, >, 2 * w1 * 0.8);
  /* but the sums overlap: faster than one after another */
  g_assert_cmpfloat (wall3, <, seq3);
  /* the "finished" lines come one rand apart */
  JsonArray *prints = json_object_get_array_member (three.res, "prints");
  g_assert_cmpuint (json_array_get_length (prints), ==, 6);
  double f1 = gilsim_dbl (json_array_get_object_element (prints, 4), "time_s");
  double f0 = gilsim_dbl (json_array_get_object_element (prints, 3), "time_s");
  g_assert_cmpfloat (f1 - f0, >, w1 * 0.7);
  /* blocked time is the lock: threads 2 and 3 wait for it */
  g_assert_cmpfloat (workers_sum (three.res, "thread", "blocked_s", NULL), >, 2 * w1 * 0.8);
  gilsim_point_clear (&one);
  gilsim_point_clear (&three);
}

/* A Generator per thread has no shared lock: 3 threads take about as long
 * as one (16 cores). */
static void
test_numpy_rng_per_thread (void)
{
  GilsimPoint one, three;
  point_run (&one, "tests/data/numpy_rng_threads.gil", "1");
  point_run (&three, "tests/data/numpy_rng_threads.gil", "3");
  double wall1 = gilsim_dbl (one.res, "wall_s"), wall3 = gilsim_dbl (three.res, "wall_s");
  g_assert_cmpfloat (wall3 - wall1, <, 0.01);
  gilsim_point_clear (&one);
  gilsim_point_clear (&three);
}

/* CPython 2.7's old GIL: CPU threads fight ("GIL battle"), thousands of
 * switches a second and a slowdown against running the same work one
 * after another (1.7 to 2x measured on 2 cores). */
static void
test_old_gil_battle (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/seed/cpu_threads.gil", "--platform",
                    "platforms/laptop-2core.xml", "-L", "N=3", "-L", "runtime=cpython-2.7",
                    NULL);
  JsonObject *res = p.res;
  double wall = gilsim_dbl (res, "wall_s"), seq = gilsim_dbl (res, "sequential_s");
  double work = workers_sum (res, "thread", "cpu_s", NULL);
  gint64 switches = json_object_get_int_member (res, "gil_switches");
  g_assert_cmpfloat (switches / wall, >, 3000);
  g_assert_cmpfloat (switches / wall, <, 20000);
  /* the threads' CPU includes the battles: more than the sequential work */
  g_assert_cmpfloat (wall / seq, >, 1.4);
  g_assert_cmpfloat (wall / seq, <, 2.2);
  g_assert_cmpfloat (work, >, 1.4 * (seq - 0.2));
  gilsim_point_clear (&p);
  /* the new GIL on the same machine: a few percent, not a battle */
  GilsimPoint n;
  gilsim_point_run (&n, "run", "scenarios/seed/cpu_threads.gil", "--platform",
                    "platforms/laptop-2core.xml", "-L", "N=3", "-L", "runtime=cpython-3.11",
                    NULL);
  g_assert_cmpfloat (gilsim_dbl (n.res, "wall_s") / gilsim_dbl (n.res, "sequential_s"), <, 1.05);
  gilsim_point_clear (&n);
}

/* Two SMT siblings give 1.25 cores: two processes take 2 / 1.25 = 1.6
 * times as long as one. */
static void
test_smt_siblings (void)
{
  GilsimPoint one, two;
  gilsim_point_run (&one, "run", "scenarios/seed/cpu_processes.gil", "--platform",
                    "tests/data/smt-2core.xml", "-L", "N=1", "--no-sequential", NULL);
  gilsim_point_run (&two, "run", "scenarios/seed/cpu_processes.gil", "--platform",
                    "tests/data/smt-2core.xml", "-L", "N=2", "--no-sequential", NULL);
  JsonArray *w1 = json_object_get_array_member (one.res, "workers");
  JsonArray *w2 = json_object_get_array_member (two.res, "workers");
  JsonObject *p1 = json_array_get_object_element (w1, 1);
  JsonObject *p2 = json_array_get_object_element (w2, 1);
  double d1 = gilsim_dbl (p1, "end_s") - gilsim_dbl (p1, "start_s");
  double d2 = gilsim_dbl (p2, "end_s") - gilsim_dbl (p2, "start_s");
  g_assert_cmpfloat (d2 / d1, >, 1.5);
  g_assert_cmpfloat (d2 / d1, <, 1.7);
  gilsim_point_clear (&one);
  gilsim_point_clear (&two);
}

/* Same inputs, byte-identical outputs. */
static void
test_deterministic (void)
{
  GilsimRun a = gilsim_run_twice ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=4",
                                  "--export-json", "-", NULL);
  GilsimRun c = gilsim_run_twice ("run", "scenarios/seed/numpy_threads.gil", NULL);
  gilsim_run_clear (&a);
  gilsim_run_clear (&c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/seed/io-threads", test_io_threads);
  g_test_add_func ("/seed/cpu-threads", test_cpu_threads);
  g_test_add_func ("/seed/cpu-processes", test_cpu_processes);
  g_test_add_func ("/seed/numpy-threads", test_numpy_threads);
  g_test_add_func ("/seed/numpy-rng-per-thread", test_numpy_rng_per_thread);
  g_test_add_func ("/seed/deterministic", test_deterministic);
  g_test_add_func ("/seed/old-gil-battle", test_old_gil_battle);
  g_test_add_func ("/seed/smt-siblings", test_smt_siblings);
  return g_test_run ();
}
