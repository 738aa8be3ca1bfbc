/* timeq.c: entries in (time, thread) order, a queue and a heap (timeq.h). */
#include "timeq.h"

void
gs_timeq_clear (GsTimeQueue *q)
{
  g_free (q->fifo);
  g_free (q->heap);
  *q = (GsTimeQueue) { 0 };
}

void
gs_timeq_fifo_grow (GsTimeQueue *q)
{
  /* a ring twice as big, its entries from the start */
  guint cap = MAX (16, 2 * q->fifo_cap);
  GsTimeEntry *ring = g_new (GsTimeEntry, cap);
  for (guint k = 0; k < q->fifo_len; k++)
    ring[k] = *gs_timeq_fifo_at (q, k);
  g_free (q->fifo);
  q->fifo = ring;
  q->fifo_cap = cap;
  q->fifo_head = 0;
}

void
gs_timeq_heap_push (GsTimeQueue *q, GsTimeEntry x)
{
  if (q->heap_len == q->heap_cap) {
    q->heap_cap = MAX (16, 2 * q->heap_cap);
    q->heap = g_renew (GsTimeEntry, q->heap, q->heap_cap);
  }
  GsTimeEntry *h = q->heap;
  guint i = q->heap_len++;
  h[i] = x;
  while (i > 0 && gs_timeq_before (&h[i], &h[(i - 1) / 2])) {
    GsTimeEntry tmp = h[i];
    h[i] = h[(i - 1) / 2];
    h[(i - 1) / 2] = tmp;
    i = (i - 1) / 2;
  }
}

/* Moves heap entry I down to its place. */
static void
sift_down (GsTimeQueue *q, guint i)
{
  GsTimeEntry *h = q->heap;
  guint n = q->heap_len;
  for (;;) {
    guint l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && gs_timeq_before (&h[l], &h[m]))
      m = l;
    if (r < n && gs_timeq_before (&h[r], &h[m]))
      m = r;
    if (m == i)
      break;
    GsTimeEntry tmp = h[i];
    h[i] = h[m];
    h[m] = tmp;
    i = m;
  }
}

void
gs_timeq_heap_pop (GsTimeQueue *q)
{
  q->heap[0] = q->heap[--q->heap_len];
  sift_down (q, 0);
}

void
gs_timeq_filter (GsTimeQueue *q,
                 gboolean (*keep) (gconstpointer data, const GsTimeEntry *x),
                 gconstpointer data)
{
  guint n = 0;
  for (guint k = 0; k < q->fifo_len; k++)
    if (keep (data, gs_timeq_fifo_at (q, k)))
      *gs_timeq_fifo_at (q, n++) = *gs_timeq_fifo_at (q, k);
  q->fifo_len = n;
  n = 0;
  for (guint k = 0; k < q->heap_len; k++)
    if (keep (data, &q->heap[k]))
      q->heap[n++] = q->heap[k];
  q->heap_len = n;
  for (guint i = n / 2; i-- > 0;)
    sift_down (q, i);
}
