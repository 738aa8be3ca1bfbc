/* eligible.c: the threads the OS may wake (see eligible.h). */
#include "eligible.h"

#include <stdlib.h>
#include <string.h>

/* A member's entry in the queue of waiters: it stands for thread TID as
 * long as the thread is a member of version VER (each time a thread comes
 * in, or its SINCE changes, it takes a new version); else it is stale. */
typedef struct {
  double since;
  int tid;
  guint32 ver;
} Entry;

struct _GsEligible {
  guint size;      /* room: a power of two (64 or more), or 0 */
  guint64 *bits;   /* size / 64 words: bit i of word w says thread 64 w + i
                      is a member */
  guint *fen;      /* a Fenwick tree of the words' member counts: fen[j]
                      (1-based) counts words j - (j & -j) to j - 1 */
  guint total;     /* members */
  double *since;   /* by thread: its SINCE (members) */
  guint32 *ver;    /* by thread: its entry's version */
  /* Members mostly come in in (since, id) order (a wait begun now): their
   * entries go to a queue, in that order, at O(1) each; the others (a
   * waiter back with its old SINCE) to a heap.  The longest waiter is the
   * earlier of the two firsts once the stale entries above them are
   * dropped: O(1) amortised. */
  Entry *fifo;     /* a ring of fifo_cap (a power of two) entries: */
  guint fifo_cap, fifo_head, fifo_len;   /* fifo_len of them from fifo_head */
  Entry *heap;     /* a binary min-heap by (since, tid): heap_len entries */
  guint heap_len, heap_cap;
};

GsEligible *
gs_eligible_new (void)
{
  return g_new0 (GsEligible, 1);
}

void
gs_eligible_free (GsEligible *e)
{
  if (e == NULL)
    return;
  g_free (e->bits);
  g_free (e->fen);
  g_free (e->since);
  g_free (e->ver);
  g_free (e->fifo);
  g_free (e->heap);
  g_free (e);
}

static gboolean
entry_before (const Entry *a, const Entry *b)
{
  return a->since < b->since || (a->since == b->since && a->tid < b->tid);
}

static gboolean
is_on (const GsEligible *e, int tid)
{
  return (e->bits[(guint) tid / 64] >> ((guint) tid % 64)) & 1;
}

static gboolean
entry_live (const GsEligible *e, const Entry *x)
{
  return is_on (e, x->tid) && e->ver[x->tid] == x->ver;
}

static Entry *
fifo_at (const GsEligible *e, guint k)
{
  return &e->fifo[(e->fifo_head + k) & (e->fifo_cap - 1)];
}

static void
fifo_push (GsEligible *e, Entry x)
{
  if (e->fifo_len == e->fifo_cap) {
    guint cap = MAX (16, 2 * e->fifo_cap);
    Entry *ring = g_new (Entry, cap);
    for (guint k = 0; k < e->fifo_len; k++)
      ring[k] = *fifo_at (e, k);
    g_free (e->fifo);
    e->fifo = ring;
    e->fifo_cap = cap;
    e->fifo_head = 0;
  }
  *fifo_at (e, e->fifo_len) = x;
  e->fifo_len++;
}

static void
heap_push (GsEligible *e, Entry x)
{
  if (e->heap_len == e->heap_cap) {
    e->heap_cap = MAX (16, 2 * e->heap_cap);
    e->heap = g_renew (Entry, e->heap, e->heap_cap);
  }
  Entry *h = e->heap;
  guint i = e->heap_len++;
  h[i] = x;
  while (i > 0 && entry_before (&h[i], &h[(i - 1) / 2])) {
    Entry tmp = h[i];
    h[i] = h[(i - 1) / 2];
    h[(i - 1) / 2] = tmp;
    i = (i - 1) / 2;
  }
}

static void sift_down (GsEligible *e, guint i);

static void
heap_pop (GsEligible *e)
{
  e->heap[0] = e->heap[--e->heap_len];
  sift_down (e, 0);
}

/* Moves heap entry I down to its place. */
static void
sift_down (GsEligible *e, guint i)
{
  Entry *h = e->heap;
  guint n = e->heap_len;
  for (;;) {
    guint l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && entry_before (&h[l], &h[m]))
      m = l;
    if (r < n && entry_before (&h[r], &h[m]))
      m = r;
    if (m == i)
      break;
    Entry tmp = h[i];
    h[i] = h[m];
    h[m] = tmp;
    i = m;
  }
}

/* Keeps the live entries only: when the stale ones outnumber the members
 * (entries behind a long waiter stay until it leaves), so that the entries
 * stay within a few times the members.  The queue keeps its order, the
 * heap is made again from what is left of it. */
static void
compact (GsEligible *e)
{
  guint n = 0;
  for (guint k = 0; k < e->fifo_len; k++)
    if (entry_live (e, fifo_at (e, k)))
      *fifo_at (e, n++) = *fifo_at (e, k);
  e->fifo_len = n;
  n = 0;
  for (guint k = 0; k < e->heap_len; k++)
    if (entry_live (e, &e->heap[k]))
      e->heap[n++] = e->heap[k];
  e->heap_len = n;
  for (guint i = n / 2; i-- > 0;)
    sift_down (e, i);
}

/* Thread TID came in (or its SINCE changed): its new entry. */
static void
enter (GsEligible *e, int tid)
{
  Entry x = { e->since[tid], tid, ++e->ver[tid] };
  if (e->fifo_len == 0 || !entry_before (&x, fifo_at (e, e->fifo_len - 1)))
    fifo_push (e, x);
  else
    heap_push (e, x);
  if (e->fifo_len + e->heap_len > 4 * e->total + 64)
    compact (e);
}

void
gs_eligible_grow (GsEligible *e, guint len)
{
  if (len <= e->size)
    return;
  guint size = MAX (e->size, 64);
  while (size < len)
    size *= 2;
  guint words = size / 64, old = e->size / 64;
  e->bits = g_renew (guint64, e->bits, words);
  for (guint w = old; w < words; w++)
    e->bits[w] = 0;
  /* the tree again: each word's count, then each node adds itself to its
   * parent */
  g_free (e->fen);
  e->fen = g_new0 (guint, words + 1);
  for (guint j = 1; j <= words; j++) {
    e->fen[j] += (guint) __builtin_popcountll (e->bits[j - 1]);
    guint up = j + (j & -j);
    if (up <= words)
      e->fen[up] += e->fen[j];
  }
  e->since = g_renew (double, e->since, size);
  e->ver = g_renew (guint32, e->ver, size);
  for (guint k = e->size; k < size; k++) {
    e->since[k] = 0;
    e->ver[k] = 0;
  }
  e->size = size;
}

/* Thread TID's change (see gs_eligible_set), out of line: the common call,
 * a set as it was, stays a few instructions. */
static G_GNUC_NO_INLINE void
change (GsEligible *e, int tid, gboolean on, double since)
{
  gboolean was = is_on (e, tid);
  e->since[tid] = since;
  if (on != was) {
    guint words = e->size / 64, w = (guint) tid / 64;
    e->bits[w] ^= G_GUINT64_CONSTANT (1) << ((guint) tid % 64);
    guint d = on ? 1 : G_MAXUINT;   /* -1, modulo */
    e->total += d;
    for (guint j = w + 1; j <= words; j += j & -j)
      e->fen[j] += d;
  }
  if (on)
    enter (e, tid);
}

void
gs_eligible_set (GsEligible *e, int tid, gboolean on, double since)
{
  g_assert (tid >= 0 && (guint) tid < e->size);
  on = on != FALSE;
  if (!on)
    since = 0;
  if (is_on (e, tid) != on || e->since[tid] != since)
    change (e, tid, on, since);
}

guint
gs_eligible_count (const GsEligible *e)
{
  return e->total;
}

int
gs_eligible_longest (GsEligible *e)
{
  while (e->fifo_len > 0 && !entry_live (e, fifo_at (e, 0))) {
    e->fifo_head = (e->fifo_head + 1) & (e->fifo_cap - 1);
    e->fifo_len--;
  }
  while (e->heap_len > 0 && !entry_live (e, &e->heap[0]))
    heap_pop (e);
  const Entry *f = e->fifo_len > 0 ? fifo_at (e, 0) : NULL;
  const Entry *h = e->heap_len > 0 ? &e->heap[0] : NULL;
  if (f == NULL)
    return h != NULL ? h->tid : -1;
  return h == NULL || entry_before (f, h) ? f->tid : h->tid;
}

guint
gs_eligible_rank (const GsEligible *e, int tid)
{
  guint w = (guint) tid / 64, r = 0;
  for (guint j = w; j > 0; j -= j & -j)
    r += e->fen[j];
  guint64 below = e->bits[w] & ((G_GUINT64_CONSTANT (1) << ((guint) tid % 64)) - 1);
  return r + (guint) __builtin_popcountll (below);
}

int
gs_eligible_select (const GsEligible *e, guint k)
{
  /* the word: the most words whose members number K or fewer */
  guint words = e->size / 64, w = 0;
  for (guint step = words; step > 0; step /= 2) {
    if (w + step <= words && e->fen[w + step] <= k) {
      w += step;
      k -= e->fen[w];
    }
  }
  /* then the member of rank K in it */
  guint64 x = e->bits[w];
  for (; k > 0; k--)
    x &= x - 1;
  return (int) (w * 64 + (guint) __builtin_ctzll (x));
}
