/* wakeups.h: the CPU that waiters' timed wake-ups take from a GIL holder.
 *
 * Each waiter of a new GIL wakes every timed wait (models/gil.h,
 * gs_gil_waiter_load) and runs for gil.wakeup_cost: with a short switch
 * interval and few cores, that is real work on the host's cores.  SimGrid
 * does not see it (a waiter is an actor blocked on a semaphore), so the
 * holder's Python execution is stretched by the share of its core it
 * keeps (models/wakeshare.h): beside the new GIL's waiters of every
 * process, each wanting its load's share of a core, or the old GIL's,
 * woken at the holder's releases, and the other executions running. */
#pragma once

#include "engine/internal.h"

G_BEGIN_DECLS

/* The factor by which T's Python execution that starts now lasts longer
 * because of the waiters' wake-ups: 1 when they fit on the spare cores (or
 * cost nothing), more otherwise.  Call it after slowed_begin counted T's
 * execution among those running.  Can't fail. */
double gs_wakeups_stretch (const Thread *t);

G_END_DECLS
