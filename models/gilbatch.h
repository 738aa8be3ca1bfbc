/* gilbatch.h: many GIL hand-offs between pure-Python threads, computed at once.
 *
 * While the only threads that can act are Python threads of one process
 * that compete for its GIL (the holder runs Python code, every other one
 * waits for the GIL in the middle of its own Python code, and nothing else
 * is scheduled), the sequence of hand-offs depends on the GIL model alone.
 * gs_gil_batch_run plays it: it makes the very calls the engine's
 * step-by-step path makes (gs_gil_next_event, gs_gil_advance,
 * gs_gil_release), at the same simulated times, and does the holder's
 * accounting (work done, switch costs, CPU) with the same arithmetic, so
 * the GIL's state, its random draws and every thread's figures end as the
 * step-by-step run leaves them.  The engine then lets the simulated time
 * pass in one go.  A hold with the holder's work about to end is left to
 * the engine: the batch stops at the grant that begins it.
 *
 * The holder's execution is modelled as SimGrid runs it alone on a core:
 * RATE flops a second, its remaining flops updated at each look (the
 * engine's polls).  Pure: no SimGrid here.
 */
#pragma once

#include <glib.h>

#include "gil.h"

G_BEGIN_DECLS

/* One thread's Python statement in progress, as the engine keeps it. */
typedef struct {
  double work;      /* flops of the statement's own code left */
  double extra;     /* flops of overheads left (switch costs) */
  double pending;   /* flops of overheads incurred, not yet added */
  double penalty;   /* seconds of switch cost to pay at its next hold */
  double cpu;       /* its CPU seconds so far (switch costs add to it) */
  double slow_pos;  /* seconds of work done so far (noise.h) */
  gboolean holds;   /* the engine's view: it holds the GIL */
  double core_wait; /* seconds its holds took beyond its work at RATE: the
                       waiters' wake-ups took its core (GsWorker) */
} GsGilBatchThread;

typedef struct {
  double speed;      /* flops per second of cost */
  double rate;       /* flops per second the holder's execution runs at */
  double poll;       /* longest wait of the holder between looks at the GIL */
  double min_wait;   /* shortest timed wait */
  double time_eps;   /* how far past now a look fires timers */
  double switch_cost;/* seconds each grant adds to the new holder's penalty */
  double margin;     /* seconds: a hold starts in the batch only if its
                        holder's work lasts longer than this */
  double cores;      /* the host's cores and how many of them run other */
  double busy;       /* work, told the GIL before each drop (gs_gil_set_cores,
                        the releaser blocking); cores 0: not told */
  /* the factor of the holder's execution for its waiters' wake-ups, called
   * at the start of each hold (the engine's gs_wakeups_stretch) */
  double (*stretch) (gpointer data);
  /* the engine's state of thread TID: read into OUT when it is granted the
   * GIL (FALSE: not a thread the batch can play), written back when
   * another one is and at the end */
  gboolean (*load) (gpointer data, int tid, GsGilBatchThread *out);
  void (*store) (gpointer data, int tid, const GsGilBatchThread *t);
  gpointer data;
} GsGilBatchConfig;

/* Plays hand-offs on GIL from *NOW, where the holder has just begun a
 * hold with its switch cost paid and no action is queued (else it plays
 * nothing: those are the engine's to carry out first), until the grant of a hold whose holder's
 * work might end within CFG->margin (that grant done, its switch cost not
 * yet paid), or until something the batch cannot play happens: a grant to
 * a thread CFG->load refuses, or one that resumes a thread outside Python
 * code, ends it too.  WAKE (of GsGilAction, neither
 * zero-terminated nor with a clear function) gets the actions of the last
 * grant, in order, for the engine to carry out at *NOW: wake the new
 * holder (the batch did its accounting unless CFG->load refused it: then
 * the engine gives it the GIL) and resume the threads named.  Threads
 * are read and written through CFG->load and CFG->store, one at a time: a
 * batch costs the holds it plays, whatever the number of threads.  Returns the
 * number of holds played (0: nothing changed); sets *NOW to the time of
 * the last grant and *ABORTED when it had to stop in the middle of a hold
 * (the holder's state is then as at a look; the engine goes on from there). */
guint64 gs_gil_batch_run (GsGil *gil, const GsGilBatchConfig *cfg, double *now,
                          gboolean *aborted, GArray *wake);

G_END_DECLS
