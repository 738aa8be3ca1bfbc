/* timeq.h: entries (time, thread, version) taken in (time, thread) order.
 *
 * The GIL's timers (gil.c) and the waiters the OS may wake (eligible.c)
 * both keep such entries, most of which come in in order (a time-out
 * re-armed one interval on, a wait begun now): those go to a queue (a ring
 * buffer, FIFO) at O(1) each, the others to a binary min-heap.  The
 * earliest entry is the earlier of the two firsts.  An entry goes stale
 * when its thread moves on (the caller's version of it changes); the
 * caller drops the stale ones when they come first, so the queue knows
 * nothing of versions.  The hot calls are inline; growing and the heap's
 * moves are in timeq.c.  Pure: no SimGrid here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double when;
  int tid;
  guint32 ver;
} GsTimeEntry;

/* Zero-initialised: empty.  gs_timeq_clear frees it. */
typedef struct {
  GsTimeEntry *fifo;    /* a ring of fifo_cap (a power of two) entries: */
  guint fifo_cap;       /* fifo_len of them from fifo_head on, in order */
  guint fifo_head, fifo_len;
  GsTimeEntry *heap;    /* a binary min-heap: heap_len entries */
  guint heap_len, heap_cap;
} GsTimeQueue;

/* Whether A comes before B: earlier, or at the same time a lower thread. */
static inline gboolean
gs_timeq_before (const GsTimeEntry *a, const GsTimeEntry *b)
{
  return a->when < b->when || (a->when == b->when && a->tid < b->tid);
}

/* Frees Q's storage; Q is empty after. */
void gs_timeq_clear (GsTimeQueue *q);

/* Makes room for one more entry at the end of Q's queue (full now). */
void gs_timeq_fifo_grow (GsTimeQueue *q);

/* Adds X to Q's heap. */
void gs_timeq_heap_push (GsTimeQueue *q, GsTimeEntry x);

/* Drops the first entry of Q's heap (not empty). */
void gs_timeq_heap_pop (GsTimeQueue *q);

/* Keeps the entries X of Q for which KEEP (DATA, X) is TRUE, the queue's
 * in their order (a rare compaction: a call per entry). */
void gs_timeq_filter (GsTimeQueue *q,
                      gboolean (*keep) (gconstpointer data, const GsTimeEntry *x),
                      gconstpointer data);

/* The K-th entry of Q's queue (K below fifo_len). */
static inline GsTimeEntry *
gs_timeq_fifo_at (const GsTimeQueue *q, guint k)
{
  return &q->fifo[(q->fifo_head + k) & (q->fifo_cap - 1)];
}

/* Adds X to Q: at the queue's end unless it comes before the last entry
 * there, else to the heap. */
static inline void
gs_timeq_push (GsTimeQueue *q, GsTimeEntry x)
{
  if (q->fifo_len > 0 && gs_timeq_before (&x, gs_timeq_fifo_at (q, q->fifo_len - 1))) {
    gs_timeq_heap_push (q, x);
    return;
  }
  if (q->fifo_len == q->fifo_cap)
    gs_timeq_fifo_grow (q);
  *gs_timeq_fifo_at (q, q->fifo_len) = x;
  q->fifo_len++;
}

/* The first entry of Q's queue, or NULL. */
static inline GsTimeEntry *
gs_timeq_fifo_first (const GsTimeQueue *q)
{
  return q->fifo_len > 0 ? gs_timeq_fifo_at (q, 0) : NULL;
}

/* Drops the first entry of Q's queue (not empty). */
static inline void
gs_timeq_fifo_pop (GsTimeQueue *q)
{
  q->fifo_head = (q->fifo_head + 1) & (q->fifo_cap - 1);
  q->fifo_len--;
}

/* The first entry of Q's heap, or NULL. */
static inline GsTimeEntry *
gs_timeq_heap_first (const GsTimeQueue *q)
{
  return q->heap_len > 0 ? &q->heap[0] : NULL;
}

/* The earliest entry of Q, or NULL; *IN_FIFO says whether it is the
 * queue's first (else the heap's). */
static inline GsTimeEntry *
gs_timeq_first (const GsTimeQueue *q, gboolean *in_fifo)
{
  GsTimeEntry *f = gs_timeq_fifo_first (q), *h = gs_timeq_heap_first (q);
  *in_fifo = f != NULL && (h == NULL || gs_timeq_before (f, h));
  return *in_fifo ? f : h;
}

/* The earliest entry of Q for which LIVE (DATA, X) is TRUE, or NULL,
 * after dropping the stale entries (LIVE FALSE) that come first in the
 * queue and in the heap; *IN_FIFO as gs_timeq_first says.  LIVE is a
 * static function of the caller: inlined here, it is a direct call. */
static inline GsTimeEntry *
gs_timeq_first_live (GsTimeQueue *q,
                     gboolean (*live) (gconstpointer data, const GsTimeEntry *x),
                     gconstpointer data, gboolean *in_fifo)
{
  const GsTimeEntry *x;
  while ((x = gs_timeq_fifo_first (q)) != NULL && !live (data, x))
    gs_timeq_fifo_pop (q);
  while ((x = gs_timeq_heap_first (q)) != NULL && !live (data, x))
    gs_timeq_heap_pop (q);
  return gs_timeq_first (q, in_fifo);
}

/* How many entries Q holds, stale ones included. */
static inline guint
gs_timeq_len (const GsTimeQueue *q)
{
  return q->fifo_len + q->heap_len;
}

G_END_DECLS
