/* eligible.h: the threads the OS may wake when a GIL is dropped.
 *
 * A set of thread ids, each with the time it began waiting, that answers
 * how many there are, the longest waiter (earliest time, then lowest id),
 * the rank of an id among them and the id of a rank (in id order).  The
 * members are bits, 64 threads a word, and a Fenwick tree counts them by
 * word: O(log (n / 64)) a change, rank or select, a few instructions a
 * level, and a count within a word.  The longest waiter comes from a queue of
 * the members in the order they came in, which is most often the order of
 * their times (a wait begun now), and a heap for those that come in out
 * of it; entries of threads that left are dropped when they reach the
 * front: O(1) amortised a change.  A thread that leaves and comes back with
 * the same time before its entry was dropped (a waiter woken for nothing)
 * takes its entry back: no push.  Pure: no SimGrid here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GsEligible GsEligible;

/* An empty set, with room for no thread yet.  Never fails. */
GsEligible *gs_eligible_new (void);
void gs_eligible_free (GsEligible *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsEligible, gs_eligible_free)

/* Makes room for thread ids below LEN; members stay. */
void gs_eligible_grow (GsEligible *e, guint len);

/* Thread TID (below the room made) is a member (ON), waiting since SINCE,
 * or not one.  Setting it as it is costs almost nothing. */
void gs_eligible_set (GsEligible *e, int tid, gboolean on, double since);

/* How many threads are members. */
guint gs_eligible_count (const GsEligible *e);

/* The member that waits longest (earliest SINCE, then lowest id), or -1.
 * Drops the entries of former members it finds before it. */
int gs_eligible_longest (GsEligible *e);

/* How many members have an id below TID. */
guint gs_eligible_rank (const GsEligible *e, int tid);

/* The member of rank K (0-based, in id order); K must be below the count. */
int gs_eligible_select (const GsEligible *e, guint k);

G_END_DECLS
