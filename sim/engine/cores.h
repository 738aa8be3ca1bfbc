/* cores.h: whether a woken thread finds an idle core (models/handoff.h).
 *
 * The engine asks SimGrid how many of the host's cores run executions now
 * and gives the GIL model, or a woken waiter of a lock or condition, the
 * delay handoff.h says: an idle core's wake-up, a context switch on the
 * waker's core when it blocks, or the waker's slice when it runs on.
 */
#pragma once

#include "engine/internal.h"

G_BEGIN_DECLS

/* Before T drops the GIL it holds: tells T's GIL how the cores stand, T
 * going on running (WAKER_RUNS: a native call that released the GIL) or
 * blocking.  Does nothing if T does not hold the GIL or its process has
 * the old GIL or none. */
void gs_cores_before_release (Thread *t, gboolean waker_runs);

/* How many of the cores of T's host run executions now (T's own, if any,
 * counted); the host's cores into *CORES.  What gs_cores_before_release
 * tells the GIL, for the fast path (fastpath.h) to tell it at each drop. */
double gs_cores_busy (const Thread *t, double *cores);

/* The mean delay, seconds, from a wake-up of T by a running thread (a
 * notify, a lock's release) to T running: the platform's hand-off latency
 * when an idle core is left, else a context switch (gil.wakeup_cost). */
double gs_cores_wake_latency (const Thread *t);

G_END_DECLS
