/* chain.h: the deadlines of a timed wait that re-arms itself, computed.
 *
 * A waiter of the new GIL that is not woken times out every wait period P,
 * each time-out one period after the last in double arithmetic: its
 * deadlines form a chain V, fl(V + P), fl(fl(V + P) + P)...  These functions
 * give an element of such a chain, or count its elements up to a time, bit
 * for bit as the additions one by one would, in a time that does not grow
 * with the number of additions: within a binade (an interval [2^e,
 * 2^(e+1))) every addition from the second on adds the same step.  The
 * ring of waiters (waitring.h) is built on them.  Pure arithmetic.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first element greater than T of the chain V, fl(V + P),
 * fl(fl(V + P) + P)... (V itself when V > T), exactly as those additions
 * give it, in a time that does not grow with the number of additions.
 * *STEPS (if not NULL) grows by the number of elements not above T.
 * Requires P > 0 and V + P > V. */
double gs_chain_after (double v, double p, double t, guint64 *steps);

/* The step, from its second addition on, of every chain of period P within
 * the binade [EDGE / 2, EDGE) (EDGE a power of two, P below EDGE / 8):
 * there each addition adds the same (a tie to even, P an odd number of half
 * ulps, makes the first addition of an odd element differ), so a chain's
 * element A, the result of an addition in the binade, is followed by A + Q,
 * A + 2 Q... exactly while they stay below EDGE.  0 when an addition does
 * not move on (P below half an ulp). */
double gs_chain_binade_step (double edge, double p);

/* Whether the chain V, fl(V + P), ... has more than M elements not above
 * T (its element M, V being element 0, is not above T): what counting with
 * gs_chain_after says, most often without the count.  Requires
 * P > 0 and V + P > V. */
gboolean gs_chain_more_than (double v, double p, double t, guint64 m);

/* The first of A, A + Q, A + 2 Q... greater than T (A when A > T), with Q
 * from gs_chain_binade_step and A the result of an addition in its
 * binade: what gs_chain_after gives from the element before A, in a few
 * operations, when that first element is below the binade's EDGE (checked
 * by the caller).  Requires Q > 0.  Inline: the ring asks for it at every
 * look at a slot laps behind. */
static inline double
gs_chain_steady_after (double a, double q, double t)
{
  if (a > t)
    return a;
  /* A + K Q is exact below the edge: the least K with it above T (the
   * quotient is not negative and below 2^53: a cast is its floor) */
  double k = (double) (gint64) ((t - a) / q) + 1;
  while (k > 1 && a + (k - 1) * q > t)
    k--;
  while (a + k * q <= t)
    k++;
  return a + k * q;
}

G_END_DECLS
