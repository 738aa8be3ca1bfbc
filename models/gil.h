/* gil.h: the global interpreter lock of one Python process, as a state machine.
 *
 * The model knows nothing of SimGrid.  The engine tells it what threads do
 * (request the GIL, release it, reach a check point) and at what simulated
 * time; the model answers at once where it can, and otherwise queues actions
 * for the engine (grant the GIL to a thread, interrupt the holder, let a
 * thread go on).  Timers (the switch interval's timed waits, the hand-off
 * latency of a wake-up) are the model's own: the engine asks for the next
 * timer with gs_gil_next_event() and calls gs_gil_advance() when it is due.
 *
 * The "new" GIL (CPython 3.2 and later), after Python/ceval_gil.c:
 *  - a waiter does a timed wait of one switch interval; if it times out while
 *    the GIL is held and no switch happened during its wait, it sets the drop
 *    request; otherwise it waits another full interval;
 *  - the holder honours a drop request at its next check point (at once in a
 *    Python loop, only at the end of a native call that keeps the GIL);
 *  - dropping signals one waiter, chosen by the OS: the longest waiter with
 *    probability fifo_bias, another at random otherwise; the woken thread
 *    holds the GIL hand-off latency later (or sooner, if it began waiting
 *    less than that ago and is not asleep yet), unless another running
 *    thread took the free GIL first;
 *  - a holder that drops because of a drop request waits until another thread
 *    has taken the GIL (forced switching) before it may go on.
 *
 * The "old" GIL (CPython 2.x, 3.0, 3.1): no timed wait and no drop request.
 * The holder releases every check interval and competes again at once; on a
 * multicore machine it usually wins again (old_rewin), which is the "GIL
 * battle": each lost round costs the woken thread a wake-up for nothing.
 *
 * The OS's fine print (new GIL):
 *  - a timed wait is floored by the timer slack: it lasts at least
 *    timer_slack, whatever the interval (Linux fires a timer up to its
 *    thread's slack late, 50 us by default);
 *  - a waiter whose timed waits are at most idle_poll long wakes so often
 *    that its core never sleeps deeply (halt polling, shallow idle states):
 *    it runs wakeup_cost after its time-out or a signal, instead of the
 *    hand-off latency; each of its time-outs costs wakeup_cost of CPU,
 *    which gs_gil_waiter_load() reports for the engine to take from the
 *    cores (and from the holder when threads outnumber them).
 *
 * No GIL (free-threaded builds): every request is granted at once.
 *
 * Invariants: at most one holder; the holder is never waiting; a thread in
 * the forced-switch wait is not the holder; switch_number only grows.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GS_GIL_NEW,   /* CPython 3.2+ */
  GS_GIL_OLD,   /* CPython 2.x, 3.0, 3.1 */
  GS_GIL_NONE,  /* free-threaded CPython */
} GsGilKind;

typedef struct {
  GsGilKind kind;
  double switch_interval;  /* new GIL: timed wait, seconds (5 ms default) */
  double handoff_latency;  /* seconds from a signal to the woken thread running */
  double fifo_bias;        /* probability the longest waiter is the one woken */
  double old_rewin;        /* old GIL: probability the releasing thread wins again */
  guint32 seed;            /* the OS's choices come from this seed: deterministic */
  /* new GIL, the OS's fine print (0 = not modelled; see gs_gil_wait_period) */
  double timer_slack;      /* floor of a timed wait (Linux: 50 us), seconds */
  double idle_poll;        /* a waiter whose timed waits are at most this long
                              stays ready to run: woken in wakeup_cost, not
                              handoff_latency */
  double wakeup_cost;      /* CPU seconds a waiter's timed wake-up costs; also
                              how long a ready waiter takes to act */
  gboolean draw_latency;   /* each hand-off's latency drawn uniformly from
                              [handoff_latency/2, 3 handoff_latency/2] */
  gboolean eager_timers;   /* fire every time-out one by one (the reference
                              the lazy ring of waitring.h is tested against;
                              also when GILSIM_GIL_EAGER is set) */
} GsGilConfig;

typedef enum {
  GS_GIL_GRANT,      /* the thread now holds the GIL: let it run */
  GS_GIL_INTERRUPT,  /* a drop request is set: stop the holder's Python code */
  GS_GIL_RESUME,     /* a forced switch happened: the thread goes on without the GIL */
} GsGilActionKind;

typedef struct {
  GsGilActionKind kind;
  int tid;
  double time;
} GsGilAction;

typedef enum {
  GS_GIL_DROPPED,      /* released; the thread goes on at once */
  GS_GIL_MUST_WAIT,    /* forced switching: block until GS_GIL_RESUME or GS_GIL_GRANT */
} GsGilDropResult;

typedef struct {
  double wait_s;        /* time spent wanting the GIL without holding it */
  guint64 acquisitions; /* times the thread took the GIL */
  guint64 switches_in;  /* times it took the GIL from another thread */
  guint64 drop_requests;/* drop requests it set as a waiter */
  guint64 wakeups;      /* timed-wait expiries and signals it woke up for */
} GsGilThreadStats;

typedef struct _GsGil GsGil;

/* Creates a GIL with the given configuration (copied).  Never fails. */
GsGil *gs_gil_new (const GsGilConfig *cfg);
void gs_gil_free (GsGil *gil);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsGil, gs_gil_free)

/* Registers a thread and returns its id (0, 1, 2, ... in call order). */
int gs_gil_add_thread (GsGil *gil);

/* Thread TID wants the GIL at time NOW.  Returns TRUE if it holds it at once
 * (the GIL was free); otherwise the thread is waiting and must block until a
 * GS_GIL_GRANT action names it.  TID must not hold or wait for the GIL. */
gboolean gs_gil_request (GsGil *gil, int tid, double now);

/* The holder TID drops the GIL at time NOW.  WANT_BACK says the thread wants
 * it again at once (a Python thread interrupted by a drop request or, in the
 * old GIL, at its check interval); otherwise it goes on without it (I/O,
 * sleep, a native call that releases the GIL, the end of the thread).
 * Returns GS_GIL_MUST_WAIT when forced switching applies: the thread then
 * blocks until an action names it (GS_GIL_GRANT if WANT_BACK, else
 * GS_GIL_RESUME).  With WANT_BACK and GS_GIL_DROPPED the thread is waiting
 * again, or holds the GIL again if gs_gil_holder() says so. */
GsGilDropResult gs_gil_release (GsGil *gil, int tid, double now,
                                gboolean want_back);

/* Says how the cores stand for the wake-up of the next gs_gil_release
 * (by the new GIL's holder, once; then forgotten): CORES cores of which
 * BUSY run other work, the releaser going on running (WAKER_RUNS: a native
 * call) or blocking.  Without an idle core the woken waiter runs a context
 * switch later, or waits for the releaser's core, which a releaser that
 * asks again first takes back (handoff.h).  Not said: the hand-off
 * latency, as if a core were idle. */
void gs_gil_set_cores (GsGil *gil, double cores, double busy,
                       gboolean waker_runs);

/* TRUE if a drop request is pending: the holder must drop at this check
 * point (call gs_gil_release with WANT_BACK). */
gboolean gs_gil_drop_requested (const GsGil *gil);

/* When the engine must next call gs_gil_advance: the time of the next
 * timer that can change anything (a grant, a drop request, a waiter taking
 * a free GIL), or a little earlier; G_MAXDOUBLE if none can.  Time-outs
 * that change nothing are made later, in order, by gs_gil_advance or at the
 * next request or release.  Not const: it drops timers that no longer
 * apply. */
double gs_gil_next_event (GsGil *gil);

/* Fires every timer due at or before NOW, in time order, queueing actions. */
void gs_gil_advance (GsGil *gil, double now);

/* Pops the oldest queued action into OUT; FALSE if there is none. */
gboolean gs_gil_pop_action (GsGil *gil, GsGilAction *out);

/* How many actions are queued, not popped yet. */
guint gs_gil_n_actions (const GsGil *gil);

/* How many threads wait for the GIL (forced-switch waits excluded). */
guint gs_gil_n_waiting (const GsGil *gil);

/* TRUE if thread TID waits for the GIL (forced-switch waits excluded). */
gboolean gs_gil_waiting (const GsGil *gil, int tid);

/* The holder's id, or -1 when the GIL is free. */
int gs_gil_holder (const GsGil *gil);

/* The new GIL's timed wait, seconds: the switch interval floored by the
 * timer slack, plus the wake-up cost of a ready waiter (see gs_gil_ready);
 * 0 for the old GIL and no GIL. */
double gs_gil_wait_period (const GsGil *gil);

/* TRUE if the new GIL's waiters stay ready to run: their timed waits are at
 * most idle_poll long (idle_poll > 0). */
gboolean gs_gil_ready (const GsGil *gil);

/* The share of a core each waiter of the new GIL uses for its timed
 * wake-ups: wakeup_cost over the wait period (0 when either is 0, and for
 * the old GIL and no GIL).  With N waiters, N times this many cores' worth
 * of CPU goes to waking up. */
double gs_gil_waiter_load (const GsGil *gil);

/* Total number of switches (the GIL passing to a different thread). */
guint64 gs_gil_switches (const GsGil *gil);

/* Statistics of thread TID, valid at time NOW (a wait in progress counts). */
GsGilThreadStats gs_gil_thread_stats (const GsGil *gil, int tid, double now);

G_END_DECLS
