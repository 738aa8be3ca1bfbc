/* waitring.h: the new GIL's timed waits, kept in phase order and fired lazily.
 *
 * A waiter of the new GIL that is not woken by a signal times out every
 * wait period: its deadlines form a chain d, fl(d + P), fl(fl(d + P) + P)...
 * (each time-out re-arms one period after itself, in double arithmetic).
 * With N waiters, firing each time-out is N firings per period, all but one
 * of which change nothing: they only note the switch number.  The ring keeps
 * the chains in the order their next deadlines come (an order that adding P
 * never changes), and fires a run of them by moving its head past them:
 * what a chain's next deadline is, and how many of its deadlines are past, is
 * computed from the chain (gs_chain_after), bit for bit as the
 * additions one by one would give it.
 *
 * It also keeps which chains are stale: fired last before the latest switch
 * (gs_waitring_switch), so that their next time-out cannot ask for a drop.
 * Stale chains come first in the ring (every chain that fires goes to its
 * end), so the earliest time-out that may ask for a drop is either the first
 * fresh chain's next deadline or the first stale chain's one after next.
 *
 * Deadlines are keyed (time, thread id), as the GIL fires them.  The frontier
 * is the key up to which every deadline has fired.  Chains with the same
 * deadline sit in id order.  Within a binade (an interval [2^e, 2^(e+1))),
 * adding P adds the same to every deadline, so chains keep their order and
 * distinct deadlines stay distinct.  Past a binade's edge (a coarser grid)
 * rounding keeps the order but two of them may round to one, and equal ones
 * fire in id order, maybe not the ring's.  So within two periods of an edge
 * the ring looks ahead once: the chains cross it in the ring, but one
 * whose deadline would become equal to the one before it, of a higher id,
 * leaves through the EVICT callback (rarely all of them), and the caller
 * fires it one by one until it can come back (gs_waitring_add, which takes
 * no chain within two periods of an edge).  Pure: no SimGrid here.
 */
#pragma once

#include <glib.h>

#include <float.h>
#include <math.h>

G_BEGIN_DECLS

#define GS_WAITRING_HORIZON 1e9   /* seconds: no chain beyond */

typedef struct _GsWaitRing GsWaitRing;

/* A chain leaves the ring: thread TID, its next deadline WHEN (not fired),
 * STALE if it last fired before the latest switch, FIRED its deadlines
 * fired so far. */
typedef void (*GsWaitRingEvict) (gpointer data, int tid, double when,
                                 gboolean stale, guint64 fired);

/* A ring of chains of period PERIOD (> 0), with the frontier before any
 * time.  EVICT (called with DATA) takes the chains that must leave it. */
GsWaitRing *gs_waitring_new (double period, GsWaitRingEvict evict,
                             gpointer data);
void gs_waitring_free (GsWaitRing *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsWaitRing, gs_waitring_free)

/* Adds a fresh chain for thread TID (which has none), first deadline
 * FIRST, at the ring's end.  FALSE (nothing changed) when its place is not
 * there (FIRST not after the frontier and the last chain's next deadline,
 * keyed with the ids, or not before the first chain's one after next), or
 * near a binade's edge: the caller then fires that deadline itself. */
gboolean gs_waitring_add (GsWaitRing *r, int tid, double first);

/* Whether thread TID has a chain in the ring. */
gboolean gs_waitring_has (const GsWaitRing *r, int tid);

/* Ends thread TID's chain; returns how many of its deadlines fired. */
guint64 gs_waitring_remove (GsWaitRing *r, int tid);

/* How many of thread TID's deadlines fired (0 without a chain). */
guint64 gs_waitring_fired (const GsWaitRing *r, int tid);

/* A switch happened: every chain is stale. */
void gs_waitring_switch (GsWaitRing *r);

/* What the ring keeps where the inline calls below read it (the ring's
 * own: only models/waitring.c writes it).  PERIOD; the frontier F, PARTIAL
 * and UPTO (waitring.c says what they are); EDGE, the binade's edge the
 * chains stay two periods below; N_LIVE chains.  FIRST and FRESH: the two
 * looks' answers, kept between the ring's changes, so that a look with
 * nothing changed is a load (0 not known, 1 no chain, 2 the answer that
 * follows). */
typedef struct {
  double period, f, upto, edge;
  gboolean partial;
  guint n_live;
  guint8 first, fresh;
  gboolean first_stale;
  int first_tid, fresh_tid;
  double first_when, fresh_when;
} GsWaitRingKept;

/* The double just below X. */
static inline double
gs_waitring_below (double x)
{
  if (x > 0 && x <= DBL_MAX) {
    union { double d; guint64 u; } b = { x };
    b.u--;
    return b.d;
  }
  return nextafter (x, -INFINITY);
}

/* The calls below, out of line: what their inline part does not answer
 * (gs_waitring_advance's: with chains). */
void gs_waitring_advance_slow (GsWaitRing *r, double when, int tid);
gboolean gs_waitring_first_slow (GsWaitRing *r, double *when, int *tid,
                                 gboolean *stale);
gboolean gs_waitring_first_fresh_slow (GsWaitRing *r, double *when, int *tid);

/* Fires every deadline keyed before (WHEN, TID): each re-arms one period
 * on and is fresh after.  The caller sees to it that none of them has an
 * effect (asks for a drop, takes a free GIL).  Near a binade's edge, the
 * chains whose deadlines would tie out of id order leave through EVICT. */
static inline void
gs_waitring_advance (GsWaitRing *r, double when, int tid)
{
  GsWaitRingKept *k = (GsWaitRingKept *) r;   /* its first member */
  /* no chain (a few waiters), or none due (the first chain's deadline
   * known and later) and no edge near: the frontier moves only, if WHEN is
   * after it (at it, PARTIAL stays), and the looks' answers stay */
  if (k->n_live == 0 ||
      (k->first == 2 && k->first_when > when && when + 2 * k->period < k->edge)) {
    if (when > k->f) {
      k->f = when;
      k->partial = TRUE;
      k->upto = gs_waitring_below (when);
    }
    return;
  }
  gs_waitring_advance_slow (r, when, tid);
}

/* The earliest deadline not fired: its time, thread and whether its chain
 * is stale (STALE may be NULL).  FALSE if the ring has no chain. */
static inline gboolean
gs_waitring_first (GsWaitRing *r, double *when, int *tid, gboolean *stale)
{
  const GsWaitRingKept *k = (const GsWaitRingKept *) r;   /* its first member */
  if (G_LIKELY (k->first == 2)) {
    *when = k->first_when;
    *tid = k->first_tid;
    if (stale != NULL)
      *stale = k->first_stale;
    return TRUE;
  }
  if (k->first == 1)
    return FALSE;
  return gs_waitring_first_slow (r, when, tid, stale);
}

/* The earliest deadline that fires fresh (after a firing since the latest
 * switch, or the first of a chain added since): FALSE if none. */
static inline gboolean
gs_waitring_first_fresh (GsWaitRing *r, double *when, int *tid)
{
  const GsWaitRingKept *k = (const GsWaitRingKept *) r;
  if (G_LIKELY (k->fresh == 2)) {
    *when = k->fresh_when;
    *tid = k->fresh_tid;
    return TRUE;
  }
  if (k->fresh == 1)
    return FALSE;
  return gs_waitring_first_fresh_slow (r, when, tid);
}

/* How many chains the ring holds. */
static inline guint
gs_waitring_size (const GsWaitRing *r)
{
  return ((const GsWaitRingKept *) r)->n_live;
}

G_END_DECLS
