/* test-eligible.c: the tree of threads the OS may wake against a scan. */
#include <glib.h>
#include "eligible.h"

#define MAXT 300

typedef struct {
  gboolean on[MAXT];
  double since[MAXT];
} Naive;

/* A random walk of sets (on, off, as they were), the room grown as threads
 * come: after each, every answer is what a scan of all threads says. */
static void
test_eligible_as_a_scan (void)
{
  GRand *rand = g_rand_new_with_seed (5);
  g_autoptr (GsEligible) e = gs_eligible_new ();
  g_assert_cmpuint (gs_eligible_count (e), ==, 0);
  g_assert_cmpint (gs_eligible_longest (e), ==, -1);
  Naive n = { { 0 } };
  guint len = 0;
  for (int step = 0; step < 60000; step++) {
    if (len < MAXT && g_rand_int_range (rand, 0, 100) == 0) {
      len++;
      gs_eligible_grow (e, len);
    }
    if (len == 0)
      continue;
    int tid = g_rand_int_range (rand, 0, (gint32) len);
    gboolean on = g_rand_boolean (rand);
    /* a few distinct times: ties broken by id */
    double since = on ? g_rand_int_range (rand, 0, 20) * 0.5 : 0;
    if (g_rand_int_range (rand, 0, 4) == 0 && n.on[tid]) {
      on = TRUE;              /* as it was */
      since = n.since[tid];
    }
    gs_eligible_set (e, tid, on, since);
    n.on[tid] = on;
    n.since[tid] = since;
    guint count = 0;
    int best = -1;
    for (guint k = 0; k < len; k++) {
      if (!n.on[k])
        continue;
      if (best < 0 || n.since[k] < n.since[best])
        best = (int) k;
      count++;
    }
    g_assert_cmpuint (gs_eligible_count (e), ==, count);
    g_assert_cmpint (gs_eligible_longest (e), ==, best);
    guint r = 0;
    for (guint k = 0; k < len; k++) {
      g_assert_cmpuint (gs_eligible_rank (e, (int) k), ==, r);
      if (n.on[k])
        g_assert_cmpint (gs_eligible_select (e, r++), ==, (int) k);
    }
  }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/eligible/as-a-scan", test_eligible_as_a_scan);
  return g_test_run ();
}
