/* trace.h: what every thread of a simulation did, as a timeline.
 *
 * The engine's central functions (threads.c: gs_threads_block,
 * gs_threads_nogil_begin, the GIL's acquire and release, the CPU work)
 * tell the trace when a thread changes state; the trace turns that into
 * contiguous slices, one state at a time, per thread: running Python,
 * native code with or without the GIL, waiting for the GIL, sleeping,
 * waiting for something named, I/O, joining, starting.  A wait that goes
 * through those functions is traced without more work.
 *
 * Each slice belongs to a category that matches the per-worker table:
 * "gil_wait" (the table's gil_wait, a GIL switch outside a blocking call
 * included), "blocked" (its blocked: a forked child's start-up and exit
 * waited for) and "cpu" (running: Python, native code, the interpreter's
 * start-up and a spawned child's start-up and exit work: the table's
 * cpu_s, with the stretch of its slow_cpu and core_wait).  The slices of
 * a thread tile its life, from its start to its end.
 *
 * Two outputs, each optional: a Chrome trace event file (JSON object
 * format, which Perfetto and chrome://tracing open), written as the run
 * goes, and a timeline (timeline.h), merged at a resolution that keeps it
 * small, for the HTML report.  The hooks cost one test of a pointer when
 * nothing is traced (GS_TRACE below).
 */
#pragma once

#include <glib.h>
#include "engine/internal.h"

G_BEGIN_DECLS

typedef enum {
  GS_TRACE_PYTHON,       /* running Python code, holding the GIL */
  GS_TRACE_NATIVE_GIL,   /* native code that keeps the GIL */
  GS_TRACE_NATIVE,       /* native code (or the interpreter) without the GIL */
  GS_TRACE_GIL_WAIT,     /* wanting the GIL */
  GS_TRACE_SWITCH,       /* dropped the GIL, waits for the forced switch */
  GS_TRACE_SLEEP,
  GS_TRACE_WAIT,         /* a lock, queue, event, server reply... (named) */
  GS_TRACE_IO,           /* disk and network I/O (named) */
  GS_TRACE_JOIN,
  GS_TRACE_START,        /* Thread.start(): waiting for the new thread */
  GS_TRACE_STARTUP,      /* a process's or the interpreter's start-up */
  GS_TRACE_EXIT,         /* a process's exit */
  GS_TRACE_N_STATES
} GsTraceState;

/* The table's categories of the states. */
typedef enum {
  GS_TRACE_CAT_CPU,
  GS_TRACE_CAT_GIL_WAIT,
  GS_TRACE_CAT_BLOCKED,
  GS_TRACE_N_CATS
} GsTraceCat;

/* The state's words ("running Python", "waiting for the GIL"...), its
 * short key ("python", "gil_wait"...) and category: static. */
const char *gs_trace_state_label (GsTraceState s);
const char *gs_trace_state_key (GsTraceState s);
GsTraceCat gs_trace_state_cat (GsTraceState s);
const char *gs_trace_cat_key (GsTraceCat c);

/* Starts tracing the run of ENG: the Chrome trace to CHROME_PATH and the
 * timeline to TIMELINE_PATH (either may be NULL).  Fails with a
 * G_FILE_ERROR "--trace PATH: ..." when the trace file cannot be made. */
GsTrace *gs_trace_new (Engine *eng, const char *chrome_path,
                       const char *timeline_path, GError **error);

/* Ends the trace of a run that ended well (every thread ended): closes its
 * slices, writes the timeline, finishes the Chrome file.  Fails with a
 * G_FILE_ERROR when a file cannot be written.  Frees TR. */
gboolean gs_trace_finish (GsTrace *tr, GError **error);

/* Ends the trace of a run that failed with MESSAGE, now: closes every
 * open slice here and finishes the Chrome file with the error in its
 * otherData (no timeline).  Frees TR; errors writing are ignored (the
 * run's error is the one to report). */
void gs_trace_fail (GsTrace *tr, const char *message);

/* Frees TR without writing anything more. */
void gs_trace_free (GsTrace *tr);

/* The hooks.  Each runs at the current simulated time, in T's actor. */

/* T starts (its actor runs): its start-up until the next state. */
void gs_trace_thread_start (GsTrace *tr, Thread *t);
/* T ends: its last slice is closed. */
void gs_trace_thread_end (GsTrace *tr, Thread *t);
/* T begins the statement at LOC (the slices' "at" until the next). */
void gs_trace_statement (GsTrace *tr, Thread *t, GsLoc loc);
/* T blocks on a semaphore for WHAT NAME (gs_threads_block's words). */
void gs_trace_block (GsTrace *tr, Thread *t, const char *what, const char *name,
                     GsLoc loc);
/* T's block for WHAT ended. */
void gs_trace_unblock (GsTrace *tr, Thread *t, const char *what);
/* T begins a blocking call for WHAT NAME (gs_threads_nogil_begin): the
 * state holds until T asks for the GIL again. */
void gs_trace_nogil (GsTrace *tr, Thread *t, const char *what, const char *name,
                     GsLoc loc);
/* T took the GIL at once (TAKEN) or dropped it (not TAKEN). */
void gs_trace_gil (GsTrace *tr, Thread *t, gboolean taken);
/* T runs CPU work: Python code (PYTHON) or native code on WEIGHT threads
 * (inside a blocking call or the start-up: that state goes on). */
void gs_trace_cpu (GsTrace *tr, Thread *t, gboolean python, double weight,
                   GsLoc loc);
/* The CPU work of T ended: only the counters change. */
void gs_trace_cpu_end (GsTrace *tr, Thread *t);
/* T's process exit. */
void gs_trace_exit (GsTrace *tr, Thread *t);
/* The GIL of P passes to HOLDER (NULL: free). */
void gs_trace_holder (GsTrace *tr, Proc *p, Thread *holder);
/* An instant on P's GIL track: WHAT ("drop request", "forced switch")
 * about thread T. */
void gs_trace_instant (GsTrace *tr, Proc *p, const char *what, Thread *t);

/* Calls a hook when ENG traces: GS_TRACE (eng, block (eng->trace, ...)). */
#define GS_TRACE(eng, call) \
  do { if (G_UNLIKELY ((eng)->trace != NULL)) gs_trace_##call; } while (0)

G_END_DECLS
