/* test-eligible.c: the tree of threads the OS may wake against a scan. */
#include <string.h>
#include <glib.h>
#include "eligible.h"

#define MAXT 300

typedef struct {
  gboolean on[MAXT];
  double since[MAXT];
} Naive;

/* Every answer of E against a scan of N's first LEN threads. */
static void
check_as_scan (GsEligible *e, const Naive *n, guint len)
{
  guint count = 0;
  int best = -1;
  for (guint k = 0; k < len; k++) {
    if (!n->on[k])
      continue;
    if (best < 0 || n->since[k] < n->since[best])
      best = (int) k;
    count++;
  }
  g_assert_cmpuint (gs_eligible_count (e), ==, count);
  g_assert_cmpint (gs_eligible_longest (e), ==, best);
  guint r = 0;
  for (guint k = 0; k < len; k++) {
    g_assert_cmpuint (gs_eligible_rank (e, (int) k), ==, r);
    if (n->on[k])
      g_assert_cmpint (gs_eligible_select (e, r++), ==, (int) k);
  }
}

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
    check_as_scan (e, &n, len);
  }
  g_rand_free (rand);
}

/* As a GIL uses it: waits begin at the time then (in order, ties and all),
 * a woken waiter comes back with its old time, the holder leaves, and one
 * thread waits from the start and is never chosen, so that the entries of
 * those that left pile up behind it (the queue is compacted) until it
 * goes; every answer as a scan says. */
static void
test_eligible_in_time_order (void)
{
  GRand *rand = g_rand_new_with_seed (11);
  g_autoptr (GsEligible) e = gs_eligible_new ();
  static Naive n;
  memset (&n, 0, sizeof n);
  double old[MAXT] = { 0 };
  guint len = 40;
  gs_eligible_grow (e, len);
  double now = 1;
  gs_eligible_set (e, 0, TRUE, 0.5);   /* the starved one */
  n.on[0] = TRUE;
  n.since[0] = 0.5;
  for (int step = 0; step < 40000; step++) {
    if (len < MAXT && step % 200 == 199) {
      len += 13;
      gs_eligible_grow (e, len);
    }
    if (step == 30000) {   /* the starved one is chosen at last */
      gs_eligible_set (e, 0, FALSE, 0);
      n.on[0] = FALSE;
    }
    if (g_rand_int_range (rand, 0, 3) > 0)
      now += g_rand_int_range (rand, 0, 3) * 0.25;   /* ties too */
    int tid = g_rand_int_range (rand, step < 30000 ? 1 : 0, (gint32) len);
    int what = g_rand_int_range (rand, 0, 10);
    gboolean on;
    double since;
    if (what < 5) {          /* begins to wait now */
      on = TRUE;
      since = n.on[tid] ? n.since[tid] : now;
      old[tid] = since;
    } else if (what < 8) {   /* chosen, or takes the GIL */
      on = FALSE;
      since = 0;
    } else {                 /* woken for nothing: back with its old time */
      on = old[tid] > 0;
      since = old[tid];
    }
    gs_eligible_set (e, tid, on, since);
    n.on[tid] = on;
    n.since[tid] = on ? since : 0;
    check_as_scan (e, &n, len);
  }
  g_rand_free (rand);
}

/* A thread back with the time it left with takes its old entry back while
 * it is queued, and gets a new one once the longest-waiter look dropped
 * it: each way the longest waiter is right (it fails if a dropped entry
 * were thought queued, or a queued one not made live again).  Steps: a
 * set, then the longest waiter expected (-2: no look, so that nothing is
 * dropped before the next step). */
static void
test_eligible_back_with_its_time (void)
{
  static const struct { int tid; gboolean on; double since; int longest; } steps[] = {
    { 3, TRUE, 1.0, -2 }, { 5, TRUE, 2.0, 3 },
    /* 3 leaves; the look drops its entry (the first); back, a new one */
    { 3, FALSE, 0, 5 }, { 3, TRUE, 1.0, 3 },
    /* 3 leaves and is back before any look: its entry again */
    { 3, FALSE, 0, -2 }, { 3, TRUE, 1.0, 3 },
    /* 5 leaves and comes back with another time: a new entry, the old
     * one (behind 3's) stale */
    { 5, FALSE, 0, -2 }, { 5, TRUE, 0.5, 5 }, { 5, FALSE, 0, 3 },
    /* 5 back with its older time (2.0): that entry was stale, a new one */
    { 5, TRUE, 2.0, -2 }, { 3, FALSE, 0, 5 }, { 5, FALSE, 0, -1 },
    /* both back with their times: both entries were dropped */
    { 5, TRUE, 2.0, -2 }, { 3, TRUE, 1.0, 3 },
  };
  g_autoptr (GsEligible) e = gs_eligible_new ();
  gs_eligible_grow (e, 64);
  guint count = 0;
  for (guint k = 0; k < G_N_ELEMENTS (steps); k++) {
    if (steps[k].on)
      count++;
    else
      count--;
    gs_eligible_set (e, steps[k].tid, steps[k].on, steps[k].since);
    g_assert_cmpuint (gs_eligible_count (e), ==, count);
    if (steps[k].longest != -2)
      g_assert_cmpint (gs_eligible_longest (e), ==, steps[k].longest);
  }
  g_assert_cmpuint (gs_eligible_rank (e, 5), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/eligible/as-a-scan", test_eligible_as_a_scan);
  g_test_add_func ("/eligible/in-time-order", test_eligible_in_time_order);
  g_test_add_func ("/eligible/back-with-its-time", test_eligible_back_with_its_time);
  return g_test_run ();
}
