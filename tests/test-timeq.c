/* test-timeq.c: the queue of (time, thread, version) entries against a
 * sorted reference. */
#include <stdlib.h>
#include <glib.h>
#include "timeq.h"

static int
cmp_entry (gconstpointer a, gconstpointer b)
{
  const GsTimeEntry *x = a, *y = b;
  return gs_timeq_before (x, y) ? -1 : gs_timeq_before (y, x) ? 1 : 0;
}

/* Takes Q's earliest entry: what gs_timeq_first says, then dropped. */
static GsTimeEntry
take_first (GsTimeQueue *q)
{
  gboolean in_fifo;
  GsTimeEntry *x = gs_timeq_first (q, &in_fifo);
  g_assert (x != NULL);
  GsTimeEntry out = *x;
  g_assert_true (in_fifo ? x == gs_timeq_fifo_first (q) : x == gs_timeq_heap_first (q));
  if (in_fifo)
    gs_timeq_fifo_pop (q);
  else
    gs_timeq_heap_pop (q);
  return out;
}

/* Random pushes, mostly in order (some earlier than the last one, some
 * at equal times), and takes: each take is the reference's least entry,
 * ties broken by the lower thread; growth past both first capacities. */
static void
test_timeq_in_order (void)
{
  for (int run = 0; run < 40; run++) {
    GRand *rand = g_rand_new_with_seed (run);
    GsTimeQueue q = { 0 };
    GArray *ref = g_array_new (FALSE, FALSE, sizeof (GsTimeEntry));
    double now = 0;
    guint heap_pushes = 0;
    for (int step = 0; step < 3000; step++) {
      if (ref->len == 0 || g_rand_int_range (rand, 0, 5) < 3) {
        GsTimeEntry x = { now, g_rand_int_range (rand, 0, 50), (guint32) step };
        int kind = g_rand_int_range (rand, 0, 10);
        if (kind == 0)
          x.when = now - g_rand_double_range (rand, 0, 3);   /* back in time */
        else if (kind < 4)
          x.when = now;                                      /* a tie */
        else
          now = x.when = now + g_rand_double (rand);
        heap_pushes += gs_timeq_fifo_first (&q) != NULL &&
                       gs_timeq_before (&x, gs_timeq_fifo_at (&q, q.fifo_len - 1));
        gs_timeq_push (&q, x);
        g_array_append_val (ref, x);
      } else {
        g_array_sort (ref, cmp_entry);
        GsTimeEntry want = g_array_index (ref, GsTimeEntry, 0);
        GsTimeEntry got = take_first (&q);
        g_assert_cmpfloat (got.when, ==, want.when);
        g_assert_cmpint (got.tid, ==, want.tid);
        g_array_remove_index (ref, 0);
      }
      g_assert_cmpuint (gs_timeq_len (&q), ==, ref->len);
    }
    g_assert_cmpuint (heap_pushes, >, 100);
    g_array_unref (ref);
    gs_timeq_clear (&q);
    g_assert_cmpuint (gs_timeq_len (&q), ==, 0);
    g_rand_free (rand);
  }
}

static gboolean
keep_even (gconstpointer data, const GsTimeEntry *x)
{
  (void) data;
  return x->ver % 2 == 0;
}

/* A filter keeps the entries it is told to, the queue's in their order,
 * and the heap's still come out least first. */
static void
test_timeq_filter (void)
{
  GsTimeQueue q = { 0 };
  for (guint k = 0; k < 200; k++) {
    GsTimeEntry x = { k % 3 == 0 ? 1000.0 - k : (double) k, (int) k, k };
    gs_timeq_push (&q, x);
  }
  g_assert_cmpuint (q.heap_len, >, 0);
  gs_timeq_filter (&q, keep_even, NULL);
  g_assert_cmpuint (gs_timeq_len (&q), ==, 100);
  GsTimeEntry prev = { -1, -1, 0 };
  for (guint k = 0; k < 100; k++) {
    GsTimeEntry x = take_first (&q);
    g_assert_cmpuint (x.ver % 2, ==, 0);
    g_assert_true (gs_timeq_before (&prev, &x));
    prev = x;
  }
  g_assert_null (gs_timeq_fifo_first (&q));
  g_assert_null (gs_timeq_heap_first (&q));
  gs_timeq_clear (&q);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeq/in-order", test_timeq_in_order);
  g_test_add_func ("/timeq/filter", test_timeq_filter);
  return g_test_run ();
}
