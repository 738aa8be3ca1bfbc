/* test-models-ft.c: the models behind free-threading: SMT, contention,
 * per-object locks and the garbage collector. */
#include <glib.h>

#include "contention.h"
#include "gc.h"
#include "smt.h"

/* One thread per physical core until they run out, then the siblings'
 * share; never more than the logical CPUs. */
static void
test_smt_cores_first (void)
{
  /* 4 logical CPUs, 2 per core, a core's two threads give 1.3 cores */
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (4, 2, 1.3, 0), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (4, 2, 1.3, 1), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (4, 2, 1.3, 2), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (4, 2, 1.3, 3), 2.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (4, 2, 1.3, 4), 2.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (4, 2, 1.3, 9), 2.6, 1e-12);
  /* without SMT, one core per thread up to the cores */
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (8, 1, 1, 5), 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (8, 1, 1, 12), 8, 1e-12);
}

/* The threads of one full core give the throughput the platform says,
 * however many threads a core has; each thread on a shared core runs
 * slower than alone. */
static void
test_smt_shared_core_gain (void)
{
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (2, 2, 1.3, 2), 1.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_share (2, 2, 1.3, 2), 0.65, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (4, 4, 1.6, 4), 1.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (8, 4, 1.6, 8), 3.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_smt_share (4, 2, 1.3, 1), 1, 1e-12);
  /* a throughput of smt: siblings are full cores */
  g_assert_cmpfloat_with_epsilon (gs_smt_capacity (16, 2, 2, 16), 16, 1e-12);
}

/* One thread, or free transfers, cost nothing more. */
static void
test_contention_alone (void)
{
  g_assert_cmpfloat_with_epsilon (gs_contention_cycle (1, 40e-9, 60e-9), 40e-9, 1e-18);
  g_assert_cmpfloat_with_epsilon (gs_contention_cycle (8, 40e-9, 0), 40e-9, 1e-18);
  g_assert_cmpfloat_with_epsilon (gs_contention_extra (1, 1e6, 40e-9, 60e-9), 0, 1e-15);
  g_assert_cmpfloat_with_epsilon (gs_contention_extra (4, 0, 40e-9, 60e-9), 0, 1e-15);
}

/* Two threads by hand: service S = T/2; R1 = S, Q1 = S/(S+Z);
 * R2 = S (1 + Q1).  With Z = 1 and T = 2: R2 = 1.5, a cycle of 2.5. */
static void
test_contention_two_by_hand (void)
{
  g_assert_cmpfloat_with_epsilon (gs_contention_cycle (2, 1, 2), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_contention_extra (2, 10, 1, 2), 15, 1e-12);
}

/* The cost grows with the threads touching the object, and stays between
 * the bounds of operational analysis: no less than one service after the
 * work, nor than K services in turn (the line's pace); no more than the
 * work plus K services.  Many threads between little work run at the
 * line's pace: one transfer per touch for all of them together. */
static void
test_contention_grows_within_bounds (void)
{
  const double z = 30e-9, t = 60e-9;
  double last = z;
  for (int k = 2; k <= 64; k++) {
    double c = gs_contention_cycle (k, z, t);
    double s = t * (k - 1) / k;
    g_assert_cmpfloat (c, >, last);
    g_assert_cmpfloat (c, >=, MAX (z + s, k * s) * (1 - 1e-12));
    g_assert_cmpfloat (c, <=, (z + k * s) * (1 + 1e-12));
    last = c;
  }
  double c64 = gs_contention_cycle (64, z, t);
  g_assert_cmpfloat (ABS (c64 - 63 * t) / (63 * t), <, 0.01);
  /* much work between touches: hardly any wait */
  double light = gs_contention_cycle (8, 10e-6, t);
  g_assert_cmpfloat ((light - 10e-6) / 10e-6, <, 0.01);
}

/* A locked touch: one thread pays nothing more (its lock is in its code's
 * time); two threads by hand: Z = 1 - H, S = H + T/2.  With H = 0.5 and
 * T = 1: S = 1, Z = 0.5; R1 = 1, Q1 = 1/1.5; R2 = 1 + 2/3, a cycle of
 * 2 + 1/6.  A lock costs more than the bare line, and many threads run at
 * the pace of the lock and the line together. */
static void
test_contention_locked (void)
{
  g_assert_cmpfloat_with_epsilon (gs_contention_cycle_locked (1, 1, 1, 0.5), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_contention_cycle_locked (2, 1, 1, 0.5),
                                  2 + 1.0 / 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (gs_contention_extra_locked (2, 6, 1, 1, 0.5),
                                  7, 1e-12);
  /* no hold: the bare line's model */
  g_assert_cmpfloat_with_epsilon (gs_contention_cycle_locked (5, 40e-9, 60e-9, 0),
                                  gs_contention_cycle (5, 40e-9, 60e-9), 1e-18);
  /* a hold longer than the work is clamped to it */
  g_assert_cmpfloat_with_epsilon (gs_contention_cycle_locked (1, 1e-8, 0, 5e-8), 1e-8,
                                  1e-18);
  const double z = 200e-9, t = 60e-9, h = 30e-9;
  for (int k = 2; k <= 32; k++)
    g_assert_cmpfloat (gs_contention_cycle_locked (k, z, t, h), >,
                       gs_contention_cycle (k, z, t));
  double c32 = gs_contention_cycle_locked (32, z, t, h);
  double s = h + t * 31 / 32;
  g_assert_cmpfloat (ABS (c32 - 32 * s) / (32 * s), <, 0.01);
}

/* The GIL build collects its young objects every threshold: each
 * collection visits them only; counting stops while one is under way. */
static void
test_gc_gil_build (void)
{
  GsGc gc;
  gs_gc_init (&gc, FALSE, 1e6, 2000);
  g_assert_cmpfloat (gs_gc_room (&gc), ==, 2000);
  g_assert_false (gs_gc_allocate (&gc, 2000));     /* passes, not equals */
  g_assert_cmpfloat (gs_gc_room (&gc), ==, 0);
  g_assert_true (gs_gc_allocate (&gc, 1));
  g_assert_cmpfloat (gs_gc_visited (&gc), ==, 2001);
  gs_gc_stop (&gc, 7);                              /* the GIL stops them */
  g_assert_cmpint (gc.phase, ==, GS_GC_STOPPED);
  g_assert_false (gs_gc_allocate (&gc, 5000));      /* one at a time */
  gs_gc_finish (&gc);
  g_assert_cmpint (gc.phase, ==, GS_GC_IDLE);
  g_assert_cmpfloat (gc.young, ==, 0);
  g_assert_cmpuint (gc.collections, ==, 1);
  /* threshold 0: gc.disable() in effect */
  gs_gc_init (&gc, FALSE, 0, 0);
  g_assert_false (gs_gc_allocate (&gc, 1e9));
  g_assert_cmpfloat (gs_gc_room (&gc), ==, G_MAXDOUBLE);
}

/* The free-threaded build waits for a quarter of the heap as well, visits
 * the whole heap, and stops the world: STOPPING until the last attached
 * thread parks. */
static void
test_gc_free_threaded (void)
{
  GsGc gc;
  gs_gc_init (&gc, TRUE, 1e6, 2000);
  g_assert_cmpfloat (gs_gc_room (&gc), ==, 250000);
  g_assert_false (gs_gc_allocate (&gc, 250000));   /* a quarter: not more */
  g_assert_true (gs_gc_allocate (&gc, 1));
  g_assert_cmpfloat (gs_gc_visited (&gc), ==, 1e6 + 250001);
  gs_gc_stop (&gc, 3);
  g_assert_cmpint (gc.phase, ==, GS_GC_STOPPING);
  g_assert_false (gs_gc_parked (&gc));
  g_assert_false (gs_gc_parked (&gc));
  g_assert_true (gs_gc_parked (&gc));
  g_assert_cmpint (gc.phase, ==, GS_GC_STOPPED);
  gs_gc_finish (&gc);
  g_assert_cmpint (gc.phase, ==, GS_GC_IDLE);
  /* a small heap: the threshold decides */
  gs_gc_init (&gc, TRUE, 100, 2000);
  g_assert_false (gs_gc_allocate (&gc, 2000));
  g_assert_true (gs_gc_allocate (&gc, 1));
  gs_gc_stop (&gc, 0);                              /* nobody to wait for */
  g_assert_cmpint (gc.phase, ==, GS_GC_STOPPED);
}

/* The pause: the objects visited, and each thread stopped and restarted. */
static void
test_gc_pause (void)
{
  g_assert_cmpfloat_with_epsilon (gs_gc_pause (1e6, 20e-9, 0, 5e-6), 0.02, 1e-15);
  g_assert_cmpfloat_with_epsilon (gs_gc_pause (1e6, 20e-9, 8, 5e-6), 0.02004, 1e-15);
  g_assert_cmpfloat (gs_gc_pause (1e6, 20e-9, 16, 5e-6), >,
                     gs_gc_pause (1e6, 20e-9, 8, 5e-6));
  g_assert_cmpfloat (gs_gc_pause (-1, 20e-9, -2, 5e-6), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/smt/cores-first", test_smt_cores_first);
  g_test_add_func ("/smt/shared-core-gain", test_smt_shared_core_gain);
  g_test_add_func ("/contention/alone", test_contention_alone);
  g_test_add_func ("/contention/two-by-hand", test_contention_two_by_hand);
  g_test_add_func ("/contention/grows-within-bounds",
                   test_contention_grows_within_bounds);
  g_test_add_func ("/contention/locked", test_contention_locked);
  g_test_add_func ("/gc/gil-build", test_gc_gil_build);
  g_test_add_func ("/gc/free-threaded", test_gc_free_threaded);
  g_test_add_func ("/gc/pause", test_gc_pause);
  return g_test_run ();
}
