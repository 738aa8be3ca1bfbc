/* exec_wait.h: waiting for a SimGrid execution with a timeout, cheaply.
 *
 * SimGrid 3.32 reports the timeout of sg_exec_wait_for by throwing a C++
 * exception, which costs tens of microseconds each; a thread running Python
 * code waits with a timeout at every GIL timer, so those exceptions were
 * most of a simulation's time.  Waiting on the activity set of one
 * execution returns on a timeout without throwing; the C API's own
 * sg_exec_wait_any_for drops the caller's reference on a timeout, so this
 * module wraps s4u instead.
 *
 * An actor that SimGrid kills while it waits on an activity set is not
 * answered (SimGrid 3.32 sets no waiting activity for it): once it is
 * dead, the engine runs its pending wait again, the cancelled execution
 * answers it, and SimGrid aborts ("The Impossible Did Happen").  Only
 * daemon threads are killed in a run that ends well, so they wait with
 * gs_exec_wait_killable, which a kill ends cleanly.
 */
#pragma once

#include <simgrid/forward.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Waits until EXEC (started) is done or TIMEOUT seconds have passed.
 * Returns 1 when it is done, 0 on the timeout (it goes on running).  The
 * caller's reference is kept either way: release it with gs_exec_release()
 * once done, or give it to sg_exec_cancel(). */
int gs_exec_wait_done (sg_exec_t exec, double timeout);

/* gs_exec_wait_done for an actor that may be killed while it waits (a
 * daemon thread, stopped when the program ends): the same result, but a
 * timeout costs a C++ exception, caught here. */
int gs_exec_wait_killable (sg_exec_t exec, double timeout);

/* Drops the caller's reference to EXEC (from sg_actor_exec_init). */
void gs_exec_release (sg_exec_t exec);

/* Suspends EXEC (started, not done): it makes no progress, and its waiter
 * goes on waiting, until gs_exec_resume. */
void gs_exec_suspend (sg_exec_t exec);

/* Resumes EXEC, suspended by gs_exec_suspend. */
void gs_exec_resume (sg_exec_t exec);

#ifdef __cplusplus
}
#endif
