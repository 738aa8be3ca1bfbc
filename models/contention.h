/* contention.h: what threads pay for touching one object at the same time.
 *
 * Without the GIL, threads that run Python code touching the same object
 * (a function or bound method they all call, a global dict or list, a
 * lock) serialise on that object's cache line.  Each touch writes the
 * object: a reference-count update (biased reference counting makes the
 * owner's updates plain stores and everyone else's atomic, but both need
 * the line in the writer's cache) or a per-object lock's acquisition on a
 * shared dict or list.  While one thread touches it, the line is in its
 * core's cache; the next touch by another thread must bring the line over
 * (cpu.cacheline_transfer), and the line goes to one core at a time.
 *
 * The model is a closed queueing network solved by exact mean-value
 * analysis: K threads (customers) each do THINK seconds of their own work,
 * then queue for the line (one server) to make one touch.  A touch needs a
 * transfer when the thread that touched the line before was another one,
 * which with K threads alike happens (K - 1) / K of the time, so the
 * server's mean service is TRANSFER * (K - 1) / K.  One thread alone never
 * waits; many threads touching an object between little work run at the
 * line's pace, one touch per transfer for all of them together.
 *
 * With a GIL one thread runs Python code at a time: K is 1 and the model
 * adds nothing.  Processes share no objects.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The mean time, in seconds, from one touch of a shared object to the
 * same thread's next one (its own work THINK, the wait for the line and
 * the transfer), when K threads run such code at once and a transfer of
 * the line takes TRANSFER seconds.  THINK for K <= 1 or TRANSFER 0; never
 * less than THINK.  THINK and TRANSFER must not be negative.  Can't
 * fail. */
double gs_contention_cycle (int k, double think, double transfer);

/* What N touches cost more than the work around them, in seconds: N *
 * (gs_contention_cycle (K, THINK, TRANSFER) - THINK).  Can't fail. */
double gs_contention_extra (int k, double touches, double think,
                            double transfer);

/* gs_contention_cycle for an object whose touches take its lock: a write
 * to a shared dict or list in the free-threaded build, which holds the
 * object's mutex (Py_BEGIN_CRITICAL_SECTION) for HOLD seconds of THINK.
 * The line is then held for the lock's HOLD plus its transfer, so the
 * server's mean service is HOLD + TRANSFER * (K - 1) / K, and a thread's
 * own work between two touches is THINK - HOLD (HOLD is clamped to THINK:
 * the code's time includes its writes).  THINK for K <= 1: one thread
 * takes its lock uncontended, already in THINK.  THINK, TRANSFER and HOLD
 * must not be negative.  Can't fail. */
double gs_contention_cycle_locked (int k, double think, double transfer,
                                   double hold);

/* What N locked touches cost more than the work around them: N *
 * (gs_contention_cycle_locked (...) - THINK).  Can't fail. */
double gs_contention_extra_locked (int k, double touches, double think,
                                   double transfer, double hold);

G_END_DECLS
