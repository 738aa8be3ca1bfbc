/* test-gc.c: the garbage collector and shared dicts in whole runs: the
 * free-threaded build stops the world, waits for threads that hold their
 * thread state and not for those that released it; the GIL build collects
 * its young objects holding the GIL; a shared dict's lock costs more than
 * a plain shared object, and nothing on one thread. */
#include <math.h>
#include <string.h>
#include "run-gilsim.h"

#define FILE_GC "tests/data/gc_threads.gil"

/* The seconds worker W spent blocked on ON (0 if never). */
static double
wait_on (JsonObject *w, const char *member, const char *on, double *count)
{
  double s = 0;
  if (count)
    *count = 0;
  if (!json_object_has_member (w, member))
    return 0;
  JsonArray *a = json_object_get_array_member (w, member);
  for (guint i = 0; i < json_array_get_length (a); i++) {
    JsonObject *e = json_array_get_object_element (a, i);
    if (strcmp (json_object_get_string_member (e, "on"), on) == 0) {
      s += json_object_get_double_member (e, "seconds");
      if (count)
        *count += json_object_get_double_member (e, "count");
    }
  }
  return s;
}

/* The collections' CPU time and number over the workers of RES. */
static double
collections (JsonObject *res, double *count)
{
  JsonArray *ws = json_object_get_array_member (res, "workers");
  double s = 0;
  *count = 0;
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    double c;
    s += wait_on (json_array_get_object_element (ws, i), "overheads",
                  "gc collection", &c);
    *count += c;
  }
  return s;
}

/* Free-threaded: four workers allocate 4e6 objects with a heap of 1e6; a
 * collection is due past a quarter of the heap and visits the heap and
 * the young objects (1.25e6, 40 ns each) after stopping the three others
 * (10 us each); every worker that did not collect is paused. */
static void
test_free_threaded_stops_the_world (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", FILE_GC, NULL);
  double n, s = collections (p.res, &n);
  g_assert_cmpfloat (n, >=, 15);
  g_assert_cmpfloat (n, <=, 16);
  double each = s / n;
  g_assert_cmpfloat (each, >=, 1.25e6 * 40e-9 + 3 * 10e-6 - 1e-9);
  g_assert_cmpfloat (each, <=, (1.25e6 + 4e4) * 40e-9 + 4 * 10e-6);
  for (int k = 1; k <= 4; k++) {
    g_autofree char *name = g_strdup_printf ("Thread-%d", k);
    JsonObject *w = gilsim_worker (p.res, name);
    double mine = wait_on (w, "overheads", "gc collection", NULL);
    double paused = wait_on (w, "waits", "gc pause", NULL);
    /* paused through the others' collections, apart from those after it
     * ended */
    g_assert_cmpfloat (paused + mine, >, 0.5 * s);
    g_assert_cmpfloat (paused, <=, s - mine + 1e-6);
  }
  gilsim_point_clear (&p);
}

/* A thread in a native call that keeps its thread state delays the stop:
 * the collector waits for the call's end, and the thread then parks until
 * the restart; a thread whose call released it is neither waited for nor
 * stopped. */
static void
test_attached_native_delays_detached_not (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", FILE_GC, "-L", "NATIVE=1", "-L", "IO=1", NULL);
  JsonObject *native = gilsim_worker (p.res, "native");
  JsonObject *io = gilsim_worker (p.res, "io");
  double nstart = gilsim_dbl (native, "start_s");
  /* its 80 ms call, then the first collection's 50 ms after it */
  g_assert_cmpfloat (gilsim_dbl (native, "end_s") - nstart, >, 0.08 + 0.049);
  g_assert_cmpfloat (wait_on (native, "waits", "gc pause", NULL), >, 0.049);
  /* the io thread runs its 200 ms whatever the collections */
  assert_near (gilsim_dbl (io, "end_s") - gilsim_dbl (io, "start_s"), 0.2, 1e-6);
  g_assert_cmpfloat (wait_on (io, "waits", "gc pause", NULL), ==, 0);
  /* the first collection is due after 6.25 ms of the four workers' code;
   * its collector waits for the native call (74 ms more), and everyone
   * else waits with it */
  double with_native = gilsim_dbl (p.res, "wall_s");
  gilsim_point_clear (&p);
  GilsimPoint q;
  gilsim_point_run (&q, "run", FILE_GC, "-L", "IO=1", NULL);
  double without = gilsim_dbl (q.res, "wall_s");
  gilsim_point_clear (&q);
  g_assert_cmpfloat (with_native - without, >, 0.06);
  g_assert_cmpfloat (with_native - without, <, 0.08);
}

/* The GIL build: young collections every 2000 objects, visiting those
 * only, in the thread that allocated; nobody is paused by them (the GIL
 * makes the others wait, as it would for any Python code). */
static void
test_gil_build_young_collections (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", FILE_GC, "--runtime", "cpython-3.13", NULL);
  double n, s = collections (p.res, &n);
  g_assert_cmpfloat (n, >=, 1990);
  g_assert_cmpfloat (n, <=, 2000);
  assert_near (s / (4e6 * 40e-9), 1, 0.01);
  for (int k = 1; k <= 4; k++) {
    g_autofree char *name = g_strdup_printf ("Thread-%d", k);
    g_assert_cmpfloat (wait_on (gilsim_worker (p.res, name), "waits", "gc pause",
                                NULL), ==, 0);
  }
  gilsim_point_clear (&p);
}

/* The walls of FILE_GC with ARGS... and each of two values of a sweep. */
static void
two_walls (const char *sweep, const char *extra, double *a, double *b)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", FILE_GC, "-L", "ALLOC=0", "-L", "TOUCHES=1e6", "-L",
                    extra, "-L", sweep, NULL);
  *a = gilsim_dbl (p.res, "wall_s");
  *b = gilsim_dbl (gilsim_point_nth (&p, 1), "wall_s");
  gilsim_point_clear (&p);
}

/* Writing a shared dict takes its lock: with several threads it costs
 * more than touching a plain shared object as often; alone, nothing. */
static void
test_dict_lock (void)
{
  double plain, locked;
  two_walls ("LOCKED=0,1", "N=4", &plain, &locked);
  /* four threads, 100 ns of work per touch: the line alone, 60 ns... */
  g_assert_cmpfloat (locked, >, 1.1 * plain);
  double one_plain, one_locked;
  GilsimPoint p;
  gilsim_point_run (&p, "run", FILE_GC, "-L", "ALLOC=0", "-L", "N=1", "-L",
                    "TOUCHES=1e6", "-L", "LOCKED=0,1", NULL);
  one_plain = gilsim_dbl (p.res, "wall_s");
  one_locked = gilsim_dbl (gilsim_point_nth (&p, 1), "wall_s");
  gilsim_point_clear (&p);
  g_assert_cmpfloat (one_locked, ==, one_plain);
  /* under the GIL, neither costs anything */
  double g0, g1;
  two_walls ("LOCKED=0,1", "runtime=cpython-3.13", &g0, &g1);
  g_assert_cmpfloat (g0, ==, g1);
}

/* The report says where the time went: a table of the CPU lost, and the
 * Why paragraph with the numbers, for contention, a dict's lock and the
 * collections; the text is the same run after run. */
static void
test_report_says_why (void)
{
  static const struct { const char *file, *arg, *table, *why; } cases[] = {
    { "scenarios/freethreading/bound_method.gil", "N=6",
      "contention client.get", "to cache-line\ncontention on client.get (6 workers)" },
    { FILE_GC, "LOCKED=1", "object lock cache", NULL },
    { FILE_GC, "N=4", "gc collection", "collections (2 workers)" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    GilsimRun r = gilsim_run ("run", cases[i].file, "-L", cases[i].arg, "-L",
                              "TOUCHES=1e6", NULL);
    if (strstr (cases[i].file, "bound_method")) {
      gilsim_run_clear (&r);
      r = gilsim_run ("run", cases[i].file, "-L", cases[i].arg, NULL);
    }
    gilsim_expect_ok (&r);
    g_assert_nonnull (strstr (r.out, "cpu lost to"));
    g_assert_nonnull (strstr (r.out, cases[i].table));
    if (cases[i].why)
      g_assert_nonnull (strstr (r.out, cases[i].why));
    g_assert_nonnull (strstr (r.out, "of CPU ("));
    gilsim_run_clear (&r);
  }
  /* under the GIL, nothing is lost to contention: no table */
  GilsimRun g = gilsim_run ("run", "scenarios/freethreading/bound_method.gil",
                            "--runtime", "cpython-3.13", NULL);
  gilsim_expect_ok (&g);
  g_assert_null (strstr (g.out, "cpu lost to"));
  gilsim_run_clear (&g);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The garbage collector stops the free-threaded world, waits "
                  "for attached threads only, and collects young objects under "
                  "a GIL; shared dicts cost their lock.");
  g_test_add_func ("/gc/free-threaded-stops-the-world",
                   test_free_threaded_stops_the_world);
  g_test_add_func ("/gc/attached-native-delays-detached-not",
                   test_attached_native_delays_detached_not);
  g_test_add_func ("/gc/gil-build-young-collections",
                   test_gil_build_young_collections);
  g_test_add_func ("/gc/dict-lock", test_dict_lock);
  g_test_add_func ("/gc/report-says-why", test_report_says_why);
  return g_test_run ();
}
