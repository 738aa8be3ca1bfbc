/* eligible.c: the threads the OS may wake (see eligible.h). */
#include "eligible.h"

#include <stdlib.h>
#include <string.h>

#include "timeq.h"

/* A member's entry in the queue of waiters: it stands for thread TID as
 * long as the thread is a member of version VER (each time a thread comes
 * in, or its SINCE changes, it takes a new version); else it is stale. */
typedef GsTimeEntry Entry;   /* WHEN: the member's SINCE */

struct _GsEligible {
  guint size;      /* room: a power of two (64 or more), or 0 */
  guint64 *bits;   /* size / 64 words: bit i of word w says thread 64 w + i
                      is a member */
  guint *fen;      /* a Fenwick tree of the words' member counts: fen[j]
                      (1-based) counts words j - (j & -j) to j - 1 */
  guint total;     /* members */
  double *since;   /* by thread: its SINCE (members), or its queued entry's
                      (a former member whose entry is still queued) */
  guint32 *ver;    /* by thread: its entry's version */
  guint8 *queued;  /* by thread: its entry of version VER is still queued
                      (not dropped as stale): a thread back with the same
                      SINCE makes it live again instead of a new one */
  /* Members mostly come in in (since, id) order (a wait begun now): their
   * entries go to the queue's FIFO at O(1) each; the others (a waiter back
   * with its old SINCE) to its heap.  The longest waiter is the earlier of
   * the two firsts once the stale entries above them are dropped: O(1)
   * amortised. */
  GsTimeQueue q;
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
  g_free (e->queued);
  gs_timeq_clear (&e->q);
  g_free (e);
}

static gboolean
is_on (const GsEligible *e, int tid)
{
  return (e->bits[(guint) tid / 64] >> ((guint) tid % 64)) & 1;
}

/* Whether X is live (its thread a member, X its current version), for the
 * queue, which drops the entries that are not: a dropped entry of the
 * thread's current version is no longer queued.
 * (DATA: the set, which gs_timeq_first_live and gs_timeq_filter pass as
 * they were given it.) */
static inline __attribute__ ((always_inline)) gboolean
keep_live (gconstpointer data, const Entry *x)
{
  GsEligible *e = (GsEligible *) data;
  if (e->ver[x->tid] != x->ver)
    return FALSE;
  if (is_on (e, x->tid))
    return TRUE;
  e->queued[x->tid] = FALSE;
  return FALSE;
}

/* Keeps the live entries only: when the stale ones outnumber the members
 * (entries behind a long waiter stay until it leaves), so that the entries
 * stay within a few times the members.  The queue keeps its order, the
 * heap is made again from what is left of it. */
static void
compact (GsEligible *e)
{
  gs_timeq_filter (&e->q, keep_live, e);
}

/* Thread TID came in (or its SINCE changed): its new entry. */
static void
enter (GsEligible *e, int tid)
{
  Entry x = { e->since[tid], tid, ++e->ver[tid] };
  gs_timeq_push (&e->q, x);
  e->queued[tid] = TRUE;
  if (gs_timeq_len (&e->q) > 4 * e->total + 64)
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
  e->queued = g_renew (guint8, e->queued, size);
  for (guint k = e->size; k < size; k++) {
    e->since[k] = 0;
    e->ver[k] = 0;
    e->queued[k] = FALSE;
  }
  e->size = size;
}

/* Thread TID's change (see gs_eligible_set), out of line: the common call,
 * a set as it was, stays a few instructions.  A thread that leaves keeps
 * its entry and its SINCE: back with the same SINCE (a waiter woken for
 * nothing) while the entry is queued, the entry is live again, with no
 * push; the longest waiter is the same, as every member still has one
 * live entry, keyed by its SINCE. */
static G_GNUC_NO_INLINE void
change (GsEligible *e, int tid, gboolean on, double since)
{
  gboolean was = is_on (e, tid);
  if (on != was) {
    guint words = e->size / 64, w = (guint) tid / 64;
    e->bits[w] ^= G_GUINT64_CONSTANT (1) << ((guint) tid % 64);
    guint d = on ? 1 : G_MAXUINT;   /* -1, modulo */
    e->total += d;
    for (guint j = w + 1; j <= words; j += j & -j)
      e->fen[j] += d;
  }
  if (!on || (!was && e->queued[tid] && e->since[tid] == since))
    return;
  e->since[tid] = since;
  enter (e, tid);
}

void
gs_eligible_set (GsEligible *e, int tid, gboolean on, double since)
{
  g_assert (tid >= 0 && (guint) tid < e->size);
  gboolean was = is_on (e, tid);
  if (on ? !was || e->since[tid] != since : was)
    change (e, tid, on != FALSE, since);
}

guint
gs_eligible_count (const GsEligible *e)
{
  return e->total;
}

int
gs_eligible_longest (GsEligible *e)
{
  gboolean in_fifo;
  const Entry *x = gs_timeq_first_live (&e->q, keep_live, e, &in_fifo);
  return x != NULL ? x->tid : -1;
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
