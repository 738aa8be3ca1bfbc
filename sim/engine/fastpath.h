/* fastpath.h: pure-Python competition for a GIL, played many holds at once.
 *
 * While the threads of one process that run Python code compete for its
 * GIL and nothing else can happen (every other thread is blocked without a
 * time-out, no execution, sleep, server or other process is under way;
 * a waiter that has yet to begin its `python` statement may wait for the
 * GIL too: the batch stops at a grant to it), the
 * hand-offs depend on the GIL model alone: models/gilbatch.h plays them,
 * and the simulated time passes in one sleep instead of one SimGrid
 * execution, poll and wake-up per hold.  The figures, the GIL's statistics
 * and its random draws come out as the step-by-step path's.
 *
 * A lone holder is the other case: a thread that holds the GIL while
 * nobody wants it, its process's other threads blocked without a time-out
 * (the main thread in `join`, a worker on a lock, a queue, an event), looks
 * at the GIL every poll interval and finds nothing to do.  Those looks are
 * replayed in C (gs_fastpath_lone; the arithmetic is threads_cpu.c's, as
 * SimGrid would compute each look), up to two polls before the end of its
 * execution, and the time passes in one wait: the figures, the switch
 * order and every exported double come out as step by step.
 *
 * It does not engage when the run is traced (--trace, --timeline), for a
 * drawn sample (--samples: its own latencies and slow vCPUs), for the old
 * GIL or none, with several processes, servers or asyncio loops, early in a
 * run (a batch: its first few switch intervals; a lone holder's first look
 * in each execution stays step by step, to check the arithmetic against
 * SimGrid's), or when GILSIM_STEP is set to
 * anything but 0 in the environment, or GILSIM_FASTPATH to 0, which
 * force the step-by-step path (the reference the tests compare it with).
 * It is on otherwise.  GILSIM_FPDEBUG=1 prints a line per batch on stderr
 * ("fastpath: batch ... waiting W entry E": W waiters, E of them
 * before their statement), and one per lone holder's replay ("fastpath:
 * lone ..."), for the tests to see that it engaged.
 */
#pragma once

#include "engine/internal.h"

G_BEGIN_DECLS

/* Whether the fast path may engage at all (GILSIM_FASTPATH unset or not
 * 0, GILSIM_STEP unset or 0). */
gboolean gs_fastpath_enabled (void);

/* Called by T, holding the GIL at the start of a hold in its `python`
 * statement (T->py), its switch cost paid: plays as many holds as it can
 * and lets their time pass.  Returns FALSE when it did nothing (the caller
 * goes on step by step).  On TRUE, T holds the GIL again, its last grant's
 * switch cost not yet paid, and T->py says what is left of its work. */
gboolean gs_fastpath_run (Thread *t, GsLoc loc);

/* Whether T, in its `python` statement's execution (started, T's the only
 * slowed one) and holding the GIL, is a lone holder whose looks at the
 * GIL change nothing until its execution ends: nobody waits for the GIL
 * and it has no timer, every other thread of the (one) process is blocked
 * without a time-out, under the conditions above (not traced, no drawn
 * sample, the new GIL, no server or loop, GILSIM_STEP/GILSIM_FASTPATH).
 * gs_threads_python_cpu then replays its looks (threads_cpu.c). */
gboolean gs_fastpath_lone (const Thread *t);

/* Says, when GILSIM_FPDEBUG is set, that T replayed LOOKS looks of a lone
 * holder from FROM to TO ("fastpath: lone NAME FROM -> TO looks LOOKS",
 * " daemon" after it for a daemon thread), for the tests. */
void gs_fastpath_lone_played (const Thread *t, double from, double to, guint looks);

/* The time of SimGrid's clock after a wait of the actor at NOW for TIMEOUT
 * seconds (a timer or a sleep that ends at NOW + TIMEOUT; the engine moves
 * its clock by their difference). */
static inline double
gs_fastpath_clock_after (double now, double timeout)
{
  return now + ((now + timeout) - now);
}

/* The timeout of a wait from NOW (before AT) that lands SimGrid's clock on
 * AT exactly, or on 2 NOW where AT - NOW would not (a next wait from there
 * lands on AT). */
double gs_fastpath_landing_timeout (double now, double at);

/* Lets the calling actor's simulated time pass until AT, in sleeps that
 * land on it exactly (gs_fastpath_landing_timeout). */
void gs_fastpath_sleep_until (double at);

G_END_DECLS
