/* handoff.h: how long a woken thread takes to run, given the cores it finds.
 *
 * A thread woken by another (a GIL drop's signal, a notify, a lock's
 * release) runs on some core.  Linux puts it on an idle core when there is
 * one: the idle core's wake-up is the hand-off latency the platform gives
 * (gil.handoff_latency, 50 to 130 us measured on 2 cores).  When every core
 * is busy (one core, or threads that fill them) there is no idle core to
 * wake: the woken thread queues on the waker's core and
 *  - runs as soon as the waker blocks (a sleep, an I/O wait, a lock, the
 *    forced-switch wait of the GIL): a context switch, a few microseconds
 *    (gil.wakeup_cost), not an idle core's wake-up;
 *  - waits while the waker goes on running (a native call that released
 *    the GIL): the fair scheduler does not preempt a thread that sleeps
 *    often for one that ran, so the woken thread gets the core when the
 *    waker stops or, for a long call, after the scheduler's slice
 *    (GS_HANDOFF_SLICE).  The waker, back from its call, finds the GIL
 *    still free and takes it again: on one core an I/O thread beside
 *    CPU threads pays no convoy for its short calls.
 * Measured with bench/probe-onecore.py (pyenv CPython 3.12, taskset -c 0).
 * No SimGrid here: the tests drive it alone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The scheduler's slice, seconds: how long a thread woken onto a busy core
 * waits for a waker that keeps running (Linux's EEVDF slice, about 3 ms;
 * bench/probe-onecore.py: native calls of up to 2.8 ms mostly kept the
 * core, of 4 ms and more mostly lost it). */
#define GS_HANDOFF_SLICE 3e-3

/* The delay from a wake-up to the woken thread running, seconds, on CORES
 * cores of which BUSY run other work (the waker and the woken thread not
 * counted): IDLE_LATENCY when an idle core is left beside the waker
 * (BUSY + 1 < CORES); otherwise SWITCH_COST when the waker blocks now
 * (WAKER_RUNS FALSE), or the larger of GS_HANDOFF_SLICE and IDLE_LATENCY
 * when it goes on running.  CORES > 0, BUSY >= 0, latencies >= 0. */
double gs_handoff_latency (double cores, double busy, gboolean waker_runs,
                           double idle_latency, double switch_cost);

G_END_DECLS
