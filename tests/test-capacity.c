/* test-capacity.c: what a host's cores deliver with SMT, efficiency cores
 * and a clock that falls as more cores are busy (models/capacity.h). */
#include <glib.h>

#include "capacity.h"
#include "smt.h"

#define EPS 1e-12

static GsCapacity
host (int cores, int smt, double thr, int e, double espeed, double allcore)
{
  return (GsCapacity) { cores, smt, thr, e, espeed, allcore };
}

/* Alike cores at one clock are plain (SimGrid's own sharing), anything
 * else is not. */
static void
test_plain (void)
{
  GsCapacity c = host (16, 1, 1, 0, 1, 1);
  g_assert_true (gs_capacity_is_plain (&c));
  c = host (16, 2, 1.3, 0, 1, 1);
  g_assert_false (gs_capacity_is_plain (&c));
  c = host (16, 1, 1, 4, 0.5, 1);
  g_assert_false (gs_capacity_is_plain (&c));
  c = host (16, 1, 1, 0, 1, 0.8);
  g_assert_false (gs_capacity_is_plain (&c));
  /* one core has no siblings to share */
  c = host (1, 2, 1.3, 0, 1, 1);
  g_assert_true (gs_capacity_is_plain (&c));
}

/* Without efficiency cores and turbo, the curve is smt.h's, bit for bit,
 * so that platforms that only give cpu.smt predict what they did. */
static void
test_smt_unchanged (void)
{
  const int cores[] = { 2, 3, 4, 8, 16, 64 };
  const int smts[] = { 1, 2, 4 };
  const double thrs[] = { 1, 1.25, 1.3, 2 };
  for (guint i = 0; i < G_N_ELEMENTS (cores); i++)
    for (guint j = 0; j < G_N_ELEMENTS (smts); j++)
      for (guint k = 0; k < G_N_ELEMENTS (thrs); k++)
        for (int busy = 0; busy <= 2 * cores[i]; busy++) {
          GsCapacity c = host (cores[i], smts[j], thrs[k], 0, 1, 1);
          g_assert_cmpfloat (gs_capacity_cores (&c, busy), ==,
                             gs_smt_capacity (cores[i], smts[j], thrs[k],
                                              busy));
        }
}

/* Performance cores fill first, then efficiency cores at their speed;
 * threads beyond the cores add nothing.  An Apple M4 Max: 12 performance
 * and 4 efficiency cores. */
static void
test_efficiency_cores_after_performance (void)
{
  GsCapacity c = host (16, 1, 1, 4, 0.5, 1);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 0), 0, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 1), 1, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 12), 12, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 13), 12.5, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 16), 14, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 40), 14, EPS);
  /* the capacity never falls as threads are added */
  for (int busy = 1; busy < 40; busy++)
    g_assert_cmpfloat (gs_capacity_cores (&c, busy + 1), >=,
                       gs_capacity_cores (&c, busy));
}

/* An Intel hybrid part (8 performance cores with 2 threads each, 8
 * efficiency cores: 24 logical CPUs): performance cores, then efficiency
 * cores, and only then the performance cores' siblings. */
static void
test_hybrid_siblings_last (void)
{
  GsCapacity c = host (24, 2, 1.3, 8, 0.6, 1);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 8), 8, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 16), 8 + 8 * 0.6, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 20),
                                  8 + 8 * 0.6 + 4 * 0.3, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 24),
                                  8 + 8 * 0.6 + 8 * 0.3, EPS);
}

/* The clock: 1 with one busy core, the all-core clock with all of them,
 * a straight line between; SMT siblings do not slow it further. */
static void
test_clock_falls_with_busy_cores (void)
{
  g_assert_cmpfloat_with_epsilon (gs_capacity_clock (8, 0.8, 0), 1, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_clock (8, 0.8, 1), 1, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_clock (8, 0.8, 8), 0.8, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_clock (8, 0.8, 4.5), 0.9, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_clock (8, 0.8, 20), 0.8, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_clock (1, 0.5, 1), 1, EPS);

  GsCapacity c = host (8, 1, 1, 0, 1, 0.8);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 1), 1, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 8), 8 * 0.8, EPS);
  /* 4 threads: 4 cores at 1 - 0.2 * 3/7 */
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 4),
                                  4 * (1 - 0.2 * 3.0 / 7), EPS);
  /* four cores with two threads each: siblings keep the 4-core clock */
  c = host (8, 2, 1.3, 0, 1, 0.7);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 4), 4 * 0.7, EPS);
  g_assert_cmpfloat_with_epsilon (gs_capacity_cores (&c, 8), 4 * 1.3 * 0.7,
                                  EPS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/capacity/plain", test_plain);
  g_test_add_func ("/capacity/smt-unchanged", test_smt_unchanged);
  g_test_add_func ("/capacity/efficiency-cores-after-performance",
                   test_efficiency_cores_after_performance);
  g_test_add_func ("/capacity/hybrid-siblings-last", test_hybrid_siblings_last);
  g_test_add_func ("/capacity/clock-falls-with-busy-cores",
                   test_clock_falls_with_busy_cores);
  return g_test_run ();
}
