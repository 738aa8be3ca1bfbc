/* wakeshare.h: the share of a core a GIL holder keeps when its waiters'
 * wake-ups want CPU too.
 *
 * A waiter blocked on the GIL uses no CPU, except when it wakes up: the new
 * GIL's waiters at each timed wait's end (gs_gil_waiter_load in gil.h), the
 * old GIL's at each release of the holder, only to find the lock taken
 * again.  On a host with spare cores that costs the holder nothing; when
 * the wake-ups want more than the spare cores, the OS's fair scheduler
 * gives the holder less than its core.  These functions say how much less;
 * the engine stretches the holder's Python code by the ratio.  No SimGrid
 * here: the tests drive them alone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The new GIL: the share of one core (0 to 1) the holder gets on CORES
 * cores beside OTHERS executions that each want a whole core and N waiters
 * that each want LOAD of one (0 to 1), shared max-min fairly: 1 while they
 * all fit, else each waiter gets at most the fair share and the holder and
 * the others split what is left.  CORES > 0, OTHERS >= 0. */
double gs_wakeshare_new (double cores, double others, double n, double load);

/* The old GIL: the holder releases every BETWEEN seconds (its check
 * interval and the release's cost), and each release wakes one of the N
 * waiters for WAKE seconds of CPU: D = min(N, WAKE / BETWEEN) cores in
 * all.  While the spare cores (CORES - 1 - OTHERS) can hold the waiters
 * (one running and one queued on each), the holder keeps its core (1);
 * beyond that the OS spreads them over every core and the holder gets
 * (CORES - OTHERS) / (1 + D), at most 1. */
double gs_wakeshare_old (double cores, double others, double n, double wake,
                         double between);

G_END_DECLS
