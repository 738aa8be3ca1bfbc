/* vcpu_escape.h: the engine's side of a lone thread's escape from a slow
 * virtual CPU.
 *
 * models/escape.h has the maths: Python work placed on a virtual CPU runs
 * its first X = cpu.slow_escape m / r seconds at the mean cost (slow with
 * probability p), and the rest fast (1/m), as long as it runs alone (no
 * other slowed work running: an idle vCPU to move to).
 *
 * The placement belongs to the process's running Python code, the GIL
 * holder's: each Proc counts its slowed work since its placement
 * (placed_pos).  A GIL hand-off keeps it (threads that take turns under
 * the GIL run as fast as one thread alone: the seed's threads, measured),
 * and so does a call that releases the GIL without blocking.  A thread
 * that comes back from a sleep or a blocking wait (a lock, a queue, a
 * join, I/O) longer than os.idle_poll, which let its vCPU halt, brings a
 * new placement: when it next runs Python code (or slowed native code),
 * the count starts again (the sleep convoy of mixed_convoy: a cpu thread
 * beside a thread that sleeps 1 ms between GIL turns keeps the mean
 * speed, measured).  A thread that only waits (the main thread's join)
 * moves nothing.  Python executions are cut at X (gs_vcpu_escape_limit) so
 * that none straddles it; a native call, which cannot be cut, takes the
 * mean over its span.  Without cpu.slow_escape, or with --no-noise,
 * nothing changes.
 */
#pragma once

#include "engine/internal.h"

G_BEGIN_DECLS

/* The time factor of SECONDS of T's slowed work that starts now alone
 * (the only slowed execution running), PART of its native call, over
 * the factor FACTOR that the vCPUs' states give it without the escape
 * (1 when expected, a drawn sample's own otherwise): FACTOR for the work
 * before the escape point of T's process, the fast factor 1/m after it.
 * FACTOR itself without an escape, when the work ends by the point, or
 * when SECONDS <= 0.  In a drawn sample the part before the point is
 * drawn again over its own span. */
double gs_vcpu_escape_factor (Thread *t, guint part, double seconds, double factor);

/* Seconds of slowed work T may do before its process's escape point, when
 * its next execution would run alone and the point is ahead: a Python
 * execution stops there, and the rest runs fast.  G_MAXDOUBLE otherwise
 * (no escape, not alone, or past it). */
double gs_vcpu_escape_limit (const Thread *t);

/* T did DONE seconds of slowed work (its process's placement ages). */
void gs_vcpu_escape_advance (Thread *t, double done);

/* T woke from a wait other than for the GIL that began at SINCE: one that
 * lasted more than os.idle_poll let its vCPU halt, so that the thread is
 * placed again. */
void gs_vcpu_escape_woke (Thread *t, double since);

/* T begins slowed work: if it comes back from a wait that placed it
 * again, its process's Python work is placed again, on its vCPU. */
void gs_vcpu_escape_work_begins (Thread *t);

/* Whether a batch of GIL holds in T's process (fastpath.h) can play
 * without the escape: the process's placement cannot reach its escape
 * point with all the Python work its threads have left, so every hold's
 * factor is exactly 1, as the batch computes it.  TRUE without an
 * escape. */
gboolean gs_vcpu_escape_batch_ok (const Thread *t);

G_END_DECLS
