/* gilbatch.c: GIL hand-offs between pure-Python threads, played at once. */
#include "gilbatch.h"

#include <float.h>

/* The batch in progress: the one thread whose state it holds now. */
typedef struct {
  GsGil *gil;
  const GsGilBatchConfig *cfg;
  int tid;              /* the thread in T, or -1 */
  GsGilBatchThread t;
  gboolean bad;         /* something it cannot play happened */
  gboolean stop;        /* the GIL went to a thread it cannot play */
  GArray *wake;         /* GsGilAction: the last grant's actions, for the
                           engine to carry out */
} Batch;

/* Empties WAKE, an array with neither zero termination nor a clear
 * function (gilbatch.h): all g_array_set_size (WAKE, 0) would do, without
 * its calls (one a grant). */
static inline void
wake_clear (GArray *wake)
{
  wake->len = 0;
}

/* Brings thread TID's state into B (writing back the one there). */
static gboolean
load (Batch *b, int tid)
{
  if (b->tid == tid)
    return TRUE;
  if (b->tid >= 0)
    b->cfg->store (b->cfg->data, b->tid, &b->t);
  b->tid = -1;
  if (!b->cfg->load (b->cfg->data, tid, &b->t))
    return FALSE;
  b->tid = tid;
  return TRUE;
}

/* Carries out the model's queued actions as the engine would, without
 * waking anyone. */
static void
apply_actions (Batch *b)
{
  GsGilAction a;
  while (gs_gil_pop_action (b->gil, &a)) {
    switch (a.kind) {
    case GS_GIL_GRANT:
      wake_clear (b->wake);
      g_array_append_val (b->wake, a);
      if (!load (b, a.tid)) {
        b->stop = TRUE;   /* the engine grants it (see gilbatch.h) */
        break;
      }
      b->t.holds = TRUE;
      b->t.penalty += b->cfg->switch_cost;
      break;
    case GS_GIL_RESUME:
      /* a thread outside Python code goes on: the engine's to do, now */
      g_array_append_val (b->wake, a);
      b->stop = TRUE;
      break;
    case GS_GIL_INTERRUPT:
      break;           /* seen by the holder at its next look */
    }
  }
}

static double
stretch (const Batch *b)
{
  return b->cfg->stretch ? b->cfg->stretch (b->cfg->data) : 1;
}

/* Whether the hold that B's thread begins lasts more than the margin, its
 * switch cost paid. */
static gboolean
long_enough (const Batch *b)
{
  const GsGilBatchThread *t = &b->t;
  double extra = t->extra + t->pending + t->penalty * b->cfg->speed;
  return (t->work + extra) * stretch (b) / b->cfg->rate > b->cfg->margin;
}

/* Pays the switch cost at the start of a hold (the engine's arithmetic). */
static void
pay (const GsGilBatchConfig *cfg, GsGilBatchThread *t)
{
  t->pending += t->penalty * cfg->speed;
  t->penalty = 0;
  t->cpu += t->pending / cfg->speed;
  t->extra += t->pending;
  t->pending = 0;
}

/* Plays the hold of B's thread from *NOW to its drop at a look; FALSE if
 * its work might end first (the thread is then as at its last look, *NOW
 * that look's time). */
static gboolean
play_hold (Batch *b, double *now)
{
  const GsGilBatchConfig *cfg = b->cfg;
  GsGilBatchThread *t = &b->t;
  int tid = b->tid;
  double seen = t->work + t->extra;
  const double seen0 = seen;
  const double f = 1 * stretch (b);
  double rem = seen * f;         /* the execution's flops left */
  double last = *now;            /* when REM was last brought up to date */
  const double floor_flops = cfg->margin / 4 * cfg->rate;
  for (;;) {
    double next = gs_gil_next_event (b->gil);
    double dt = MAX (MIN (next - *now, cfg->poll), cfg->min_wait);
    double at = *now + dt;
    /* the execution must outlast this look by far: else the engine plays it */
    if (rem - cfg->rate * (at - last) <= floor_flops) {
      t->slow_pos += MAX (0, (seen0 - seen) / cfg->speed);
      return FALSE;
    }
    rem -= cfg->rate * (at - last);
    double look = at - last;
    last = at;
    *now = at;
    double left = rem / f;
    double ran = seen - left;
    if (look - ran / cfg->rate > 1e-12 * MAX (1, at))
      t->core_wait += look - ran / cfg->rate;
    double ran_work = seen > 0 ? ran * t->work / seen : 0;
    t->work = MAX (0, t->work - ran_work);
    t->extra = MAX (0, t->extra - (ran - ran_work));
    seen = left;
    gs_gil_advance (b->gil, *now + cfg->time_eps);
    apply_actions (b);
    if (b->stop) {
      /* an action for the engine (never seen: a grant or a resume needs a
       * free GIL): it ends the batch at this look */
      t->slow_pos += MAX (0, (seen0 - seen) / cfg->speed);
      return FALSE;
    }
    if (gs_gil_drop_requested (b->gil) && gs_gil_holder (b->gil) == tid) {
      t->slow_pos += MAX (0, (seen0 - seen) / cfg->speed);
      /* the check point: drop, wanting the GIL back */
      t->holds = FALSE;
      wake_clear (b->wake);
      if (cfg->cores > 0)   /* as the engine does before a drop */
        gs_gil_set_cores (b->gil, cfg->cores, cfg->busy, FALSE);
      gs_gil_release (b->gil, tid, *now, TRUE);
      apply_actions (b);
      return TRUE;
    }
  }
}

guint64
gs_gil_batch_run (GsGil *gil, const GsGilBatchConfig *cfg, double *now,
                  gboolean *aborted, GArray *wake)
{
  *aborted = FALSE;
  wake_clear (wake);
  Batch b = { gil, cfg, -1, { 0 }, FALSE, FALSE, wake };
  int tid = gs_gil_holder (gil);
  /* actions queued: the engine is carrying them out (its controller woke
   * this holder and has yet to resume a thread); the batch would take them */
  if (gs_gil_n_actions (gil) > 0)
    return 0;
  if (tid < 0 || !load (&b, tid) || !b.t.holds || !long_enough (&b)) {
    b.tid = -1;   /* nothing changed: nothing to write back */
    return 0;
  }
  guint64 holds = 0;
  const double start = *now;
  for (;;) {
    if (!play_hold (&b, now)) {
      if (holds == 0 && *now == start) {
        /* stopped at its first look: nothing played, nothing changed (a
         * hold counted here would have the engine ask again, for ever) */
        b.tid = -1;
        return 0;
      }
      *aborted = TRUE;
      holds++;
      break;
    }
    holds++;
    /* the GIL is free until a timer grants it: the engine's controller */
    while (gs_gil_holder (gil) < 0 && !b.bad && !b.stop) {
      double next = gs_gil_next_event (gil);
      if (next >= DBL_MAX / 2) {
        b.bad = TRUE;
        break;
      }
      *now = *now + MAX (next - *now, cfg->min_wait);
      gs_gil_advance (gil, *now + cfg->time_eps);
      apply_actions (&b);
    }
    if (b.bad || b.stop || gs_gil_holder (gil) != b.tid || !long_enough (&b))
      break;
    pay (cfg, &b.t);
  }
  if (b.bad)
    *aborted = TRUE;
  if (b.tid >= 0)
    cfg->store (cfg->data, b.tid, &b.t);
  return holds;
}
