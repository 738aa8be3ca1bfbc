/* gil.c: the GIL state machine (see gil.h for the algorithm). */
#include "gil.h"

#include <float.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "costs.h"
#include "eligible.h"
#include "handoff.h"
#include "timeq.h"
#include "waitring.h"

/* the waiters from which time-outs go to the ring (waitring.h) */
#define RING_MIN_WAITERS 8

typedef enum {
  T_IDLE,        /* runs without the GIL, or not at all */
  T_HOLDER,
  T_WAITING,     /* wants the GIL */
  T_SWITCH_WAIT, /* dropped under forced switching; waits for a switch */
} TState;

typedef struct {
  TState state;
  gboolean want_back;      /* T_SWITCH_WAIT: wait for the GIL afterwards */
  gboolean signalled;      /* T_WAITING: woken by a signal, runs at grant_time */
  double grant_time;
  double deadline;         /* T_WAITING, new GIL: end of the current timed wait */
  guint64 saved_switch;    /* switch_number when the timed wait began */
  double wait_since;       /* start of the current want (for FIFO and stats) */
  guint32 timer_ver;       /* version of its timer in the heap; older are stale */
  gboolean in_ring;        /* its time-outs are a chain in the ring (waitring.h) */
  GsGilThreadStats stats;
} GilThread;

/* A waiting thread's next timer: its grant (signalled) or its timed wait's
 * end.  The timers (timeq.h) keep every one ever set; an entry whose
 * version is not its thread's current one, or whose thread no longer
 * waits, is stale and dropped when it reaches the top.  With thousands of
 * waiters each timing out every interval, a scan of all threads per timer
 * would be quadratic. */
typedef GsTimeEntry Timer;

struct _GsGil {
  GsGilConfig cfg;
  GArray *threads;         /* GilThread */
  gboolean locked;
  int holder;
  int last_holder;
  guint64 switch_number;
  gboolean drop_request;
  double check_time;       /* old GIL: when the holder next releases */
  GRand *rand;
  GsGilAction *acts;       /* the queued actions: acts_len of them from */
  guint acts_head;         /* acts_head on, oldest first (an array that */
  guint acts_len, acts_cap;/* empties at once: no allocation per action) */
  guint64 switches;
  /* Most timers are set in time order (a time-out re-armed one interval
   * on, a wait begun now): those go to the queue's FIFO at O(1) a timer;
   * the others (a woken thread's grant, a timer set before the last
   * queued one) to its heap. */
  GsTimeQueue timers;
  gboolean top_in_fifo;    /* where timers_top found the earliest */
  /* timers_top's last answer, while it holds: no timer added or dropped,
   * no thread's state or timer version changed since (top_stale says
   * not); a look asks for it several times between two changes */
  const Timer *top;
  gboolean top_stale;
  guint n_waiting;         /* threads in T_WAITING */
  double last_switch_time; /* when switch_number last grew */
  int *switch_waiters;     /* threads in T_SWITCH_WAIT: n_switch_waiters */
  guint n_switch_waiters, switch_waiters_cap;
  gboolean ready;          /* waiters stay ready to run (gs_gil_ready) */
  double period;           /* new GIL: a timed wait (gs_gil_wait_period) */
  double cores, busy;      /* the next release's cores (gs_gil_set_cores); */
  gboolean waker_runs;     /* cores 0: not said */
  /* The threads the OS may wake (waiting, not signalled): choose_waiter
   * reads the longest waiter and ranks in O(log n) instead of scanning
   * every thread. */
  GsEligible *elig;
  /* The new GIL's time-outs of waiters not woken by a signal, fired lazily
   * (waitring.h): only those that change something are fired one by one.
   * The heap and the queue above keep the grants and the time-outs the ring
   * cannot take.  NULL: every timer in those (eager_timers). */
  GsWaitRing *ring;
};

static GilThread *
thread_at (const GsGil *gil, int tid)
{
  g_assert (tid >= 0 && (guint) tid < gil->threads->len);
  return &g_array_index (gil->threads, GilThread, tid);
}

/* Whether TM is still its thread's timer (else it is stale). */
static gboolean
timer_live (const GsGil *gil, const Timer *tm)
{
  const GilThread *t = &g_array_index (gil->threads, GilThread, tm->tid);
  return t->state == T_WAITING && t->timer_ver == tm->ver;
}

/* timer_live for gs_timeq_first_live (DATA: the GIL). */
static gboolean
keep_timer (gconstpointer data, const Timer *tm)
{
  return timer_live (data, tm);
}

static void
timer_add (GsGil *gil, Timer tm)
{
  gil->top_stale = TRUE;
  gs_timeq_push (&gil->timers, tm);
}

/* The earliest live timer, or NULL; drops the stale ones above it. */
static const Timer *
timers_top (GsGil *gil)
{
  if (!gil->top_stale)
    return gil->top;
  gil->top = gs_timeq_first_live (&gil->timers, keep_timer, gil, &gil->top_in_fifo);
  gil->top_stale = FALSE;
  return gil->top;
}

/* Drops the timer timers_top returned last. */
static void
timers_pop (GsGil *gil)
{
  gil->top_stale = TRUE;
  if (gil->top_in_fifo)
    gs_timeq_fifo_pop (&gil->timers);
  else
    gs_timeq_heap_pop (&gil->timers);
}

/* T's timer changed (or it stopped waiting): the old entry goes stale, and a
 * waiting thread gets its new one. */
static void
retime (GsGil *gil, int tid)
{
  GilThread *t = &g_array_index (gil->threads, GilThread, tid);
  t->timer_ver++;
  gil->top_stale = TRUE;
  if (t->in_ring) {
    t->in_ring = FALSE;
    t->stats.wakeups += gs_waitring_remove (gil->ring, tid);
  }
  if (t->state != T_WAITING)
    return;
  double when = t->signalled ? t->grant_time : t->deadline;
  if (when < DBL_MAX) {
    /* a few waiters: the heap is as cheap, and the ring's bookkeeping is not */
    if (!t->signalled && gil->ring != NULL && gil->n_waiting >= RING_MIN_WAITERS &&
        t->saved_switch == gil->switch_number &&
        gs_waitring_add (gil->ring, tid, when)) {
      t->in_ring = TRUE;
      return;
    }
    Timer tm = { when, tid, t->timer_ver };
    timer_add (gil, tm);
  }
}

/* Whether the OS may wake T when the GIL is dropped. */
static gboolean
eligible (const GilThread *t)
{
  return t->state == T_WAITING && !t->signalled;
}

/* Puts thread TID in the tree of eligible threads or takes it out. */
static void
elig_update (GsGil *gil, int tid)
{
  const GilThread *t = &g_array_index (gil->threads, GilThread, tid);
  gs_eligible_set (gil->elig, tid, eligible (t), t->wait_since);
}

/* Moves T to STATE, keeping the count of waiters. */
static void
set_state (GsGil *gil, GilThread *t, TState state)
{
  gil->n_waiting += (state == T_WAITING) - (t->state == T_WAITING);
  if (state == T_SWITCH_WAIT && t->state != T_SWITCH_WAIT) {
    int tid = (int) (t - (GilThread *) gil->threads->data);
    if (gil->n_switch_waiters == gil->switch_waiters_cap) {
      gil->switch_waiters_cap = MAX (8, 2 * gil->switch_waiters_cap);
      gil->switch_waiters = g_renew (int, gil->switch_waiters, gil->switch_waiters_cap);
    }
    gil->switch_waiters[gil->n_switch_waiters++] = tid;
  }
  t->state = state;
  gil->top_stale = TRUE;
  elig_update (gil, (int) (t - (GilThread *) gil->threads->data));
}

static void
push_action (GsGil *gil, GsGilActionKind kind, int tid, double now)
{
  if (gil->acts_head + gil->acts_len == gil->acts_cap) {
    if (gil->acts_head > 0) {   /* the popped ones make room */
      memmove (gil->acts, gil->acts + gil->acts_head, gil->acts_len * sizeof *gil->acts);
      gil->acts_head = 0;
    }
    if (gil->acts_len == gil->acts_cap) {
      gil->acts_cap = MAX (8, 2 * gil->acts_cap);
      gil->acts = g_renew (GsGilAction, gil->acts, gil->acts_cap);
    }
  }
  GsGilAction *a = &gil->acts[gil->acts_head + gil->acts_len++];
  a->kind = kind;
  a->tid = tid;
  a->time = now;
}

static void ring_evicted (gpointer data, int tid, double when, gboolean stale,
                          guint64 fired);

GsGil *
gs_gil_new (const GsGilConfig *cfg)
{
  g_return_val_if_fail (cfg != NULL, NULL);
  GsGil *gil = g_new0 (GsGil, 1);
  gil->cfg = *cfg;
  if (gil->cfg.switch_interval <= 0)
    gil->cfg.switch_interval = GS_COSTS_SWITCH_INTERVAL;
  double floored = MAX (gil->cfg.switch_interval, gil->cfg.timer_slack);
  gil->ready = gil->cfg.kind == GS_GIL_NEW && gil->cfg.idle_poll > 0 &&
               floored <= gil->cfg.idle_poll;
  /* a ready waiter runs its wake-up before it can ask for a drop */
  gil->period = floored + (gil->ready ? gil->cfg.wakeup_cost : 0);
  gil->threads = g_array_new (FALSE, TRUE, sizeof (GilThread));
  gil->holder = -1;
  gil->last_holder = -1;
  gil->check_time = DBL_MAX;
  gil->rand = g_rand_new_with_seed (cfg->seed);
  gil->elig = gs_eligible_new ();
  gil->top_stale = TRUE;
  if (gil->cfg.kind == GS_GIL_NEW && !gil->cfg.eager_timers &&
      g_getenv ("GILSIM_GIL_EAGER") == NULL)
    gil->ring = gs_waitring_new (gil->period, ring_evicted, gil);
  return gil;
}

void
gs_gil_free (GsGil *gil)
{
  if (gil == NULL)
    return;
  g_free (gil->acts);
  g_array_free (gil->threads, TRUE);
  gs_timeq_clear (&gil->timers);
  g_free (gil->switch_waiters);
  gs_eligible_free (gil->elig);
  gs_waitring_free (gil->ring);
  g_rand_free (gil->rand);
  g_free (gil);
}

int
gs_gil_add_thread (GsGil *gil)
{
  GilThread t = { 0 };
  t.state = T_IDLE;
  g_array_append_val (gil->threads, t);
  gs_eligible_grow (gil->elig, gil->threads->len);
  elig_update (gil, (int) gil->threads->len - 1);
  return (int) gil->threads->len - 1;
}

/* Draws how many check intervals the old GIL's holder keeps the lock while
 * others wait: each release it wins again with probability old_rewin. */
static int
old_rounds (GsGil *gil)
{
  int k = 1;
  while (k < 100000 && g_rand_double (gil->rand) < gil->cfg.old_rewin)
    k++;
  return k;
}

/* Arms the old GIL's release timer when the holder has company. */
static void
old_arm (GsGil *gil, double now)
{
  if (gil->cfg.kind != GS_GIL_OLD || !gil->locked || gil->check_time != DBL_MAX)
    return;
  if (gil->n_waiting == 0)
    return;
  gil->check_time = now + gil->cfg.switch_interval * old_rounds (gil);
}

/* Thread TID, waiting, begins a timed wait at NOW (none for the old GIL). */
static void
start_timed_wait (GsGil *gil, int tid, double now)
{
  GilThread *t = thread_at (gil, tid);
  if (t->signalled) {
    t->signalled = FALSE;
    elig_update (gil, tid);
  }
  t->saved_switch = gil->switch_number;
  t->deadline = gil->cfg.kind == GS_GIL_NEW ? now + gil->period : DBL_MAX;
  retime (gil, tid);
}

static gboolean fire_one (GsGil *gil, double now);

/* A time-out leaves the ring (waitring.h): the heap fires it. */
static void
ring_evicted (gpointer data, int tid, double when, gboolean stale, guint64 fired)
{
  GsGil *gil = data;
  GilThread *t = thread_at (gil, tid);
  t->in_ring = FALSE;
  t->stats.wakeups += fired;
  t->deadline = when;
  t->saved_switch = stale ? gil->switch_number - 1 : gil->switch_number;
  t->timer_ver++;
  gil->top_stale = TRUE;
  Timer tm = { when, tid, t->timer_ver };
  timer_add (gil, tm);
}

/* Makes the firings due before NOW, which the engine may not have woken
 * for (see gs_gil_next_event), before a request or release changes the
 * state they depend on. */
static void
flush (GsGil *gil, double now)
{
  while (fire_one (gil, now - 1e-12))
    ;
}

static int
cmp_int (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

static void
take (GsGil *gil, int tid, double now)
{
  GilThread *t = thread_at (gil, tid);
  g_assert (!gil->locked);
  if (t->state == T_WAITING)
    t->stats.wait_s += now - t->wait_since;
  set_state (gil, t, T_HOLDER);
  t->signalled = FALSE;   /* not eligible either way: it holds the GIL */
  retime (gil, tid);
  t->stats.acquisitions++;
  gil->locked = TRUE;
  gil->holder = tid;
  gil->drop_request = FALSE;
  gil->check_time = DBL_MAX;
  if (gil->last_holder != tid) {
    if (gil->last_holder >= 0) {
      gil->switches++;
      t->stats.switches_in++;
    }
    gil->last_holder = tid;
    gil->switch_number++;
    gil->last_switch_time = now;
    if (gil->ring != NULL)
      gs_waitring_switch (gil->ring);
    /* The switch releases the threads in the forced-switch wait, in the
     * order of their ids (most switches have none to sort). */
    if (gil->n_switch_waiters > 1)
      qsort (gil->switch_waiters, gil->n_switch_waiters, sizeof (int), cmp_int);
    for (guint k = 0; k < gil->n_switch_waiters; k++) {
      int i = gil->switch_waiters[k];
      GilThread *w = thread_at (gil, i);
      if (w->state != T_SWITCH_WAIT)
        continue;
      if (w->want_back) {
        set_state (gil, w, T_WAITING);
        start_timed_wait (gil, i, now);
      } else {
        w->stats.wait_s += now - w->wait_since;
        set_state (gil, w, T_IDLE);
        push_action (gil, GS_GIL_RESUME, i, now);
      }
    }
    gil->n_switch_waiters = 0;
  }
  old_arm (gil, now);
}

gboolean
gs_gil_request (GsGil *gil, int tid, double now)
{
  flush (gil, now);
  GilThread *t = thread_at (gil, tid);
  g_return_val_if_fail (t->state == T_IDLE, FALSE);
  t->wait_since = now;   /* idle: not in the tree of eligible threads */
  if (gil->cfg.kind == GS_GIL_NONE) {
    set_state (gil, t, T_HOLDER);
    t->stats.acquisitions++;
    return TRUE;
  }
  if (!gil->locked) {
    set_state (gil, t, T_WAITING);
    take (gil, tid, now);
    return TRUE;
  }
  set_state (gil, t, T_WAITING);
  start_timed_wait (gil, tid, now);
  old_arm (gil, now);
  return FALSE;
}

/* Chooses the waiter the OS wakes: the longest waiter with probability
 * fifo_bias, otherwise one of the others, uniformly.  Returns -1 if no
 * waiter is left to wake. */
static int
choose_waiter (GsGil *gil, int exclude)
{
  /* the tree of eligible threads, EXCLUDE taken out for the choice */
  gboolean out = exclude >= 0 && eligible (thread_at (gil, exclude));
  if (out)
    gs_eligible_set (gil->elig, exclude, FALSE, 0);
  int oldest = gs_eligible_longest (gil->elig);
  guint n = gs_eligible_count (gil->elig);
  int chosen = oldest;
  if (n > 1 && g_rand_double (gil->rand) >= gil->cfg.fifo_bias) {
    /* one of the others, uniformly, in id order */
    guint pick = (guint) g_rand_int_range (gil->rand, 0, (gint32) n - 1);
    chosen = gs_eligible_select (gil->elig, pick < gs_eligible_rank (gil->elig, oldest)
                                                ? pick : pick + 1);
  }
  if (out)
    elig_update (gil, exclude);
  return chosen;
}

static void
signal_one (GsGil *gil, int exclude, double now)
{
  int w = choose_waiter (gil, exclude);
  if (w < 0)
    return;
  GilThread *t = thread_at (gil, w);
  t->signalled = TRUE;
  elig_update (gil, w);
  /* waking a sleeping thread takes the hand-off latency (its wake-up cost
   * if its core is still ready); one that began waiting less than that ago
   * has not gone to sleep yet; a drawn sample draws the latency */
  double latency = gil->ready ? gil->cfg.wakeup_cost : gil->cfg.handoff_latency;
  double base = latency;
  if (gil->cores > 0)  /* no idle core: the waker's own (handoff.h) */
    latency = gs_handoff_latency (gil->cores, gil->busy, gil->waker_runs,
                                  latency, gil->cfg.wakeup_cost);
  double wait = latency > base ? latency : MIN (latency, now - t->wait_since);
  /* drawn after the waiter's own time asleep is taken into account, so
   * that a sample's latency has the expected one's mean */
  if (gil->cfg.draw_latency)
    wait *= 0.5 + g_rand_double (gil->rand);
  t->grant_time = now + wait;
  t->stats.wakeups++;
  retime (gil, w);
}

GsGilDropResult
gs_gil_release (GsGil *gil, int tid, double now, gboolean want_back)
{
  flush (gil, now);
  GilThread *t = thread_at (gil, tid);
  g_return_val_if_fail (t->state == T_HOLDER, GS_GIL_DROPPED);
  if (gil->cfg.kind == GS_GIL_NONE) {
    set_state (gil, t, T_IDLE);
    return GS_GIL_DROPPED;
  }
  g_assert (gil->holder == tid);
  gboolean forced = gil->drop_request && gil->last_holder == tid &&
                    gil->cfg.kind == GS_GIL_NEW;
  gil->locked = FALSE;
  gil->holder = -1;
  gil->check_time = DBL_MAX;
  t->wait_since = now;

  if (gil->cfg.kind == GS_GIL_OLD && want_back) {
    /* The old GIL's check interval: release, signal, and race for it again.
     * The round count drawn in old_arm already says the holder lost. */
    signal_one (gil, tid, now);
    set_state (gil, t, T_WAITING);
    start_timed_wait (gil, tid, now);
    return GS_GIL_DROPPED;
  }

  signal_one (gil, tid, now);
  gil->cores = 0;
  if (forced) {
    set_state (gil, t, T_SWITCH_WAIT);
    t->want_back = want_back;
    return GS_GIL_MUST_WAIT;
  }
  if (want_back) {
    set_state (gil, t, T_WAITING);
    start_timed_wait (gil, tid, now);
  } else {
    set_state (gil, t, T_IDLE);
  }
  return GS_GIL_DROPPED;
}

void
gs_gil_set_cores (GsGil *gil, double cores, double busy, gboolean waker_runs)
{
  g_return_if_fail (gil != NULL);
  gil->cores = cores > 0 && gil->cfg.kind == GS_GIL_NEW ? cores : 0;
  gil->busy = MAX (0, busy);
  gil->waker_runs = waker_runs;
}

gboolean
gs_gil_drop_requested (const GsGil *gil)
{
  return gil->drop_request;
}

/* The time of the next timer that can change anything, or earlier.  A
 * waiter's time-out while the GIL is held only asks for a drop if none is
 * pending and no switch happened during its wait; the others just wait
 * another interval, and a woken waiter that finds the GIL held does too.
 * So while the GIL is held, the first entry counts only if it is a time-out
 * of a wait begun since the last switch; otherwise nothing can happen
 * before one interval after it, nor before one interval after that switch
 * (a wait begun since then ends no sooner), unless that is earlier than
 * the first entry itself, the earliest any wait ends: the bound is never
 * in the past, so an engine that waits for it never spins.  Those firings are still made,
 * in order, by gs_gil_advance or before the next request or release: with
 * thousands of waiters the engine need not wake for each. */
double
gs_gil_next_event (GsGil *gil)
{
  const Timer *top = timers_top (gil);
  double next = gil->check_time;
  double when = DBL_MAX;
  int tid = INT_MAX;
  gboolean stale = FALSE;
  if (top != NULL) {
    const GilThread *t = thread_at (gil, top->tid);
    when = top->when;
    tid = top->tid;
    stale = t->signalled || t->saved_switch != gil->switch_number;
  }
  double rw;
  int rt;
  gboolean rs;
  gboolean ring = gil->ring != NULL && gs_waitring_first (gil->ring, &rw, &rt, &rs) &&
                  (rw < when || (rw == when && rt < tid));
  if (ring) {
    when = rw;
    stale = rs;
  }
  if (top == NULL && !ring)
    return next;
  if (gil->locked) {
    if (gil->drop_request)
      return next;
    /* a fresh wait ends no sooner than one interval after the switch, nor
     * sooner than the first entry (the earliest of all); the first entry's
     * own next wait ends one interval after it */
    if (stale)
      when = MAX (when, MIN (when, gil->last_switch_time) + gil->period);
  }
  return MIN (next, when);
}

/* The ring's earliest time-out that changes something (takes the free GIL,
 * or asks for a drop), if it is due at NOW and comes before the heap's and
 * the queue's first timer TOP. */
static gboolean
ring_event (GsGil *gil, const Timer *top, double now, double *when, int *tid)
{
  if (gil->ring == NULL || (gil->locked && gil->drop_request))
    return FALSE;
  gboolean any = gil->locked ? gs_waitring_first_fresh (gil->ring, when, tid)
                             : gs_waitring_first (gil->ring, when, tid, NULL);
  return any && *when <= now &&
         (top == NULL || *when < top->when || (*when == top->when && *tid < top->tid));
}

/* Fires the ring's time-out (WHEN, TID) found by ring_event. */
static void
fire_ring (GsGil *gil, double when, int tid)
{
  GilThread *t = thread_at (gil, tid);
  /* the time-outs before it change nothing: fired at once */
  gs_waitring_advance (gil->ring, when, tid);
  if (!t->in_ring)
    return;   /* every chain left the ring: the heap fires it */
  if (!gil->locked) {
    t->stats.wakeups++;
    push_action (gil, GS_GIL_GRANT, tid, when);
    take (gil, tid, when);
    return;
  }
  /* it asks for a drop, and waits one more interval */
  gs_waitring_advance (gil->ring, when, tid + 1);
  gil->drop_request = TRUE;
  t->stats.drop_requests++;
  push_action (gil, GS_GIL_INTERRUPT, gil->holder, when);
}

/* Fires the single earliest timer due at or before NOW; FALSE if none.
 * The old GIL's check wins a tie with a thread's timer; threads' timers
 * tie-break by id. */
static gboolean
fire_one (GsGil *gil, double now)
{
  const Timer *top = timers_top (gil);
  double when = gil->check_time;
  if (when <= now && (top == NULL || when <= top->when)) {
    /* Old GIL: the holder reaches its check interval and has lost. */
    gil->check_time = DBL_MAX;
    gil->drop_request = TRUE;
    push_action (gil, GS_GIL_INTERRUPT, gil->holder, when);
    return TRUE;
  }
  int rtid;
  double rwhen;
  if (ring_event (gil, top, now, &rwhen, &rtid)) {
    fire_ring (gil, rwhen, rtid);
    return TRUE;
  }
  if (top == NULL || top->when > now) {
    if (gil->ring == NULL)
      return FALSE;
    /* the time-outs up to NOW change nothing (unless they left the ring:
     * then the heap fires them; an empty ring moves its frontier only) */
    gboolean chains = gs_waitring_size (gil->ring) > 0;
    gs_waitring_advance (gil->ring, now, INT_MAX);
    if (!chains)
      return FALSE;
    top = timers_top (gil);
    return top != NULL && top->when <= now;
  }
  when = top->when;
  if (gil->ring != NULL) {
    /* the ring's time-outs before it change nothing (unless they left
     * the ring: then the heap fires them, in order) */
    int tid = top->tid;
    gboolean chains = gs_waitring_size (gil->ring) > 0;
    gs_waitring_advance (gil->ring, when, tid);
    if (chains) {
      top = timers_top (gil);
      if (top == NULL || top->when != when || top->tid != tid)
        return TRUE;
    }
  }
  int best = top->tid;
  timers_pop (gil);
  GilThread *t = thread_at (gil, best);
  t->stats.wakeups += t->signalled ? 0 : 1;
  if (!gil->locked) {
    push_action (gil, GS_GIL_GRANT, best, when);
    take (gil, best, when);
    return TRUE;
  }
  if (!t->signalled && gil->switch_number == t->saved_switch &&
      !gil->drop_request) {
    gil->drop_request = TRUE;
    t->stats.drop_requests++;
    push_action (gil, GS_GIL_INTERRUPT, gil->holder, when);
  }
  /* Woken for nothing, or timed out: wait one more full interval. */
  start_timed_wait (gil, best, when);
  return TRUE;
}

void
gs_gil_advance (GsGil *gil, double now)
{
  /* Bounded: each firing either grants (one per thread at most before the
   * GIL is taken) or pushes a deadline one interval ahead. */
  while (fire_one (gil, now))
    ;
}

gboolean
gs_gil_pop_action (GsGil *gil, GsGilAction *out)
{
  if (gil->acts_len == 0)
    return FALSE;
  *out = gil->acts[gil->acts_head];
  gil->acts_len--;
  gil->acts_head = gil->acts_len == 0 ? 0 : gil->acts_head + 1;
  return TRUE;
}

guint
gs_gil_n_actions (const GsGil *gil)
{
  return gil->acts_len;
}

guint
gs_gil_n_waiting (const GsGil *gil)
{
  return gil->n_waiting;
}

gboolean
gs_gil_waiting (const GsGil *gil, int tid)
{
  return tid >= 0 && (guint) tid < gil->threads->len &&
         thread_at (gil, tid)->state == T_WAITING;
}

int
gs_gil_holder (const GsGil *gil)
{
  return gil->holder;
}

double
gs_gil_wait_period (const GsGil *gil)
{
  return gil->cfg.kind == GS_GIL_NEW ? gil->period : 0;
}

gboolean
gs_gil_ready (const GsGil *gil)
{
  return gil->ready;
}

double
gs_gil_waiter_load (const GsGil *gil)
{
  if (gil->cfg.kind != GS_GIL_NEW || gil->cfg.wakeup_cost <= 0)
    return 0;
  return gil->cfg.wakeup_cost / MAX (gil->period, gil->cfg.wakeup_cost);
}

guint64
gs_gil_switches (const GsGil *gil)
{
  return gil->switches;
}

GsGilThreadStats
gs_gil_thread_stats (const GsGil *gil, int tid, double now)
{
  const GilThread *t = thread_at (gil, tid);
  GsGilThreadStats s = t->stats;
  if (gil->ring != NULL)
    s.wakeups += gs_waitring_fired (gil->ring, tid);
  if (t->state == T_WAITING || t->state == T_SWITCH_WAIT)
    s.wait_s += now - t->wait_since;
  return s;
}
