/* waitring.c: the new GIL's timed waits in phase order, fired lazily. */
#include "waitring.h"

#include "chain.h"

#include <float.h>
#include <limits.h>
#include <math.h>

/* A slot of the ring: a chain, or a ghost (a chain that ended), which keeps
 * its place, its deadlines and its id so that the ring stays in order. */
typedef struct {
  double v;        /* an element of the chain: its next deadline or one before */
  int tid;
  gboolean dead;
} Slot;

typedef struct {
  gboolean on;     /* the thread has a chain in the ring */
  guint phys;      /* its slot's index in the array */
  double first;    /* the chain's first deadline */
} Info;

/* The ring is always full: CAP slots (a power of two), the chains in the
 * order of their next deadlines from HEAD on, ids in order among equal
 * ones; the first STALE of them are stale.  Firing the first K chains is
 * HEAD += K: each goes to the end, one period on, where it already is. */
struct _GsWaitRing {
  GsWaitRingKept k;  /* first: the header's inline calls read it.  Its F is
                        the frontier: every deadline before F fired; those
                        at F too, unless PARTIAL: then only the chains whose
                        slot says a later deadline (they fired at F); UPTO is
                        F, or the time just before it when PARTIAL; EDGE the
                        binade's edge the chains' deadlines stay 2 P below */
  Slot *a;
  guint cap, head, stale;
  double q;          /* the step of a chain there (gs_chain_binade_step) */
  GArray *info;      /* Info, by thread id */
  GsWaitRingEvict evict;
  gpointer data;
};

GsWaitRing *
gs_waitring_new (double period, GsWaitRingEvict evict, gpointer data)
{
  g_return_val_if_fail (period > 0 && evict != NULL, NULL);
  GsWaitRing *r = g_new0 (GsWaitRing, 1);
  r->k.period = period;
  r->evict = evict;
  r->data = data;
  r->k.f = -INFINITY;
  r->k.upto = -INFINITY;
  r->info = g_array_new (FALSE, TRUE, sizeof (Info));
  return r;
}

void
gs_waitring_free (GsWaitRing *r)
{
  if (r == NULL)
    return;
  g_free (r->a);
  g_array_free (r->info, TRUE);
  g_free (r);
}

/* The ring changed: its looks are to be made again. */
static inline void
forget (GsWaitRing *r)
{
  r->k.first = r->k.fresh = 0;
}

static Slot *
at (const GsWaitRing *r, guint i)
{
  return &r->a[(r->head + i) & (r->cap - 1)];
}

static Info *
info (const GsWaitRing *r, int tid)
{
  return &g_array_index (r->info, Info, tid);
}

/* Up to where deadlines fired, for a chain whose slot says V. */
static double
fired_to (const GsWaitRing *r)
{
  return r->k.upto;
}

static void
set_frontier (GsWaitRing *r, double f, gboolean partial)
{
  r->k.f = f;
  r->k.partial = partial;
  r->k.upto = partial ? gs_waitring_below (f) : f;
}

/* next_of's answer for a slot whose element V fired (UPTO: fired_to).
 * Pure (it writes nothing), so that the callers keep the ring's fields in
 * registers across it. */
static G_GNUC_NO_INLINE G_GNUC_PURE double
catch_up (const GsWaitRing *r, double v, double upto)
{
  /* one step on is past: the chain's first addition, as
   * gs_chain_after makes it */
  double a = v + r->k.period;
  if (a > upto)
    return a;
  /* laps behind: the binade's steady step (every deadline in the ring is
   * in [EDGE / 2, EDGE)), checked */
  if (r->q > 0 && v >= r->k.edge / 2) {
    double w = gs_chain_steady_after (a, r->q, upto);
    if (w < r->k.edge)
      return w;
  }
  return gs_chain_after (v, r->k.period, upto, NULL);
}

/* The next deadline (not fired) of slot S; remembered in it.  Inline where
 * no deadline of it fired since (most looks), a call otherwise. */
static inline double
next_of (const GsWaitRing *r, Slot *s)
{
  double upto = fired_to (r);
  if (s->v > upto)
    return s->v;
  return s->v = catch_up (r, s->v, upto);
}

/* How many deadlines of slot S fired (from its chain's first): those
 * before its next one.  Its first deadline in the ring's binade, they are
 * FIRST, A = FIRST + P, A + Q, A + 2 Q... (A the result of an addition
 * there), so a division counts them, checked; else they are counted. */
static guint64
fired_count (const GsWaitRing *r, Slot *s)
{
  double next = next_of (r, s);
  double first = info (r, s->tid)->first;
  if (!(next > first))
    return 0;
  double a = first + r->k.period;
  if (r->q > 0 && first >= r->k.edge / 2 && next >= a && next < r->k.edge) {
    double k = (next - a) / r->q;
    if (k < 0x1p52 && k == floor (k) && a + k * r->q == next)
      return (guint64) k + 1;
  }
  guint64 n = 0;
  gs_chain_after (first, r->k.period, gs_waitring_below (next), &n);
  return n;
}

/* Lays the chains out again in CAP slots, each followed by ghosts (copies
 * of it) to fill them, in the same order from index 0. */
static void
rebuild (GsWaitRing *r, guint cap)
{
  g_assert (cap >= 2 * r->k.n_live && r->k.n_live > 0);
  Slot *a = g_new (Slot, cap);
  guint ghosts = cap - r->k.n_live, k = 0, seen = 0, stale = cap;
  for (guint i = 0; i < r->cap; i++) {
    Slot *s = at (r, i);
    if (s->dead)
      continue;
    if (i >= r->stale && stale == cap)
      stale = k;
    next_of (r, s);
    guint copies = 1 + ghosts / r->k.n_live + (seen < ghosts % r->k.n_live);
    for (guint c = 0; c < copies; c++) {
      a[k + c] = *s;
      a[k + c].dead = c > 0;
    }
    info (r, s->tid)->phys = k;
    k += copies;
    seen++;
  }
  g_assert (k == cap);
  g_free (r->a);
  r->a = a;
  r->cap = cap;
  r->head = 0;
  r->stale = stale;
}

static guint
pow2_at_least (guint n)
{
  guint c = 8;
  while (c < n)
    c *= 2;
  return c;
}

/* The last chain left: no slot. */
static void
empty (GsWaitRing *r)
{
  g_free (r->a);
  r->a = NULL;
  r->cap = r->head = r->stale = r->k.n_live = 0;
}

/* Whether (V, TID) may follow slot S (next deadline SV) in the ring. */
static gboolean
may_follow (const Slot *s, double sv, double v, int tid)
{
  if (sv == v)
    return s->dead ? s->tid <= tid : s->tid < tid;
  return sv < v;
}

/* Whether deadlines within two periods of X are all in one binade, with
 * their additions: there, adding P adds the same to every chain (after a
 * step or two), so two chains' deadlines keep their order and never become
 * equal.  Across a binade's edge they may (rounding to a coarser grid). */
static gboolean
safe_span (const GsWaitRing *r, double x, double y)
{
  double lo = x - 2 * r->k.period, hi = y + 2 * r->k.period;
  if (!(lo > 0) || !(hi < GS_WAITRING_HORIZON))
    return FALSE;
  if (lo >= DBL_MIN) {   /* normal numbers: the exponent's bits say it */
    union { double d; guint64 u; } x1 = { lo }, x2 = { hi };
    return (x1.u >> 52) == (x2.u >> 52);
  }
  int a, b;
  frexp (lo, &a);
  frexp (hi, &b);
  return a == b;
}

static gboolean
safe (const GsWaitRing *r, double x)
{
  return safe_span (r, x, x);
}

static void move_leading_ghosts (GsWaitRing *r);

gboolean
gs_waitring_add (GsWaitRing *r, int tid, double first)
{
  g_return_val_if_fail (tid >= 0, FALSE);
  if ((guint) tid >= r->info->len)
    g_array_set_size (r->info, tid + 1);
  g_return_val_if_fail (!info (r, tid)->on, FALSE);
  /* (with a frontier, its span holds FIRST's: one look at both) */
  if (!(first > r->k.f) ||
      !(r->k.f > -INFINITY ? safe_span (r, r->k.f, first) : safe (r, first)))
    return FALSE;
  forget (r);
  if (r->k.n_live == 0) {
    g_free (r->a);
    r->cap = 8;
    r->a = g_new (Slot, r->cap);
    for (guint i = 0; i < r->cap; i++)
      r->a[i] = (Slot) { first, tid, i > 0 };
    r->head = 0;
    r->stale = 0;
    r->k.n_live = 1;
    *info (r, tid) = (Info) { TRUE, 0, first };
    int e;
    frexp (first, &e);
    r->k.edge = ldexp (1.0, e);
    r->q = gs_chain_binade_step (r->k.edge, r->k.period);
    return TRUE;
  }
  /* its place: after the last chain keyed before it, a few from the end,
   * not among the stale ones; at the end, before the first one's next lap */
  guint p = r->cap;
  while (p > 1 && r->cap - p < 8 &&
         !may_follow (at (r, p - 1), next_of (r, at (r, p - 1)), first, tid))
    p--;
  if (p < r->stale || !may_follow (at (r, p - 1), next_of (r, at (r, p - 1)), first, tid))
    return FALSE;
  if (p == r->cap) {
    Slot *head = at (r, 0);
    double lap = next_of (r, head) + r->k.period;   /* the first chain's next lap */
    if (!(first == lap ? tid < head->tid : first < lap)) {
      if (!head->dead)
        return FALSE;
      /* a ghost's lap (most often that of the chain that took the GIL at
       * FIRST - P, FIRST with a lower id): the ghosts go to the end, and
       * the first chain's lap is the one that counts; the last slot is
       * then a ghost copying the one P - 1 looked at */
      move_leading_ghosts (r);
      head = at (r, 0);
      lap = next_of (r, head) + r->k.period;
      if (!(first == lap ? tid < head->tid : first < lap))
        return FALSE;
    }
  }
  /* the nearest ghost slot: the chains between move one towards it */
  guint k = 0;
  guint reach = 32 + (guint) sqrt (2.0 * r->cap);   /* shifts against rebuilds */
  /* (past the end, index P + K is K: the ring wraps) */
  guint mask = r->cap - 1, before = r->head + p - 1, after = r->head + p;
  gboolean wraps = p == r->cap;
  const Slot *a = r->a;
  if (wraps && p >= reach) {   /* at the end (most adds): both sides open */
    while (k < reach && !a[(before - k) & mask].dead && !a[(after + k) & mask].dead)
      k++;
  } else {
    while (k < reach && !(p >= k + 1 && a[(before - k) & mask].dead) &&
           !((wraps || p + k < r->cap) && a[(after + k) & mask].dead))
      k++;
  }
  if (k == reach) {
    rebuild (r, pow2_at_least (2 * r->k.n_live + 2));
    return gs_waitring_add (r, tid, first);
  }
  guint pos;
  if (p >= k + 1 && at (r, p - 1 - k)->dead) {
    guint j = p - 1 - k;
    for (guint i = j; i + 1 < p; i++)
      *at (r, i) = *at (r, i + 1);
    if (j < r->stale)
      r->stale--;
    pos = p - 1;
    for (guint i = j; i < pos; i++)
      if (!at (r, i)->dead)
        info (r, at (r, i)->tid)->phys = (r->head + i) & (r->cap - 1);
  } else if (p == r->cap && at (r, k)->dead) {
    /* past the end is the head, most often followed by its ghosts: the
     * chains before the ghost move one on, the new chain takes the head's
     * slot and the head moves past it (it is then the last) */
    guint j = k;
    for (guint i = j; i > 0; i--)
      *at (r, i) = *at (r, i - 1);
    guint phys = r->head;
    r->head = (r->head + 1) & (r->cap - 1);
    for (guint i = 0; i < j; i++)
      if (!at (r, i)->dead)
        info (r, at (r, i)->tid)->phys = (r->head + i) & (r->cap - 1);
    if (j < r->stale)
      r->stale--;
    r->a[phys] = (Slot) { first, tid, FALSE };
    *info (r, tid) = (Info) { TRUE, phys, first };
    r->k.n_live++;
    return TRUE;
  } else {
    guint j = p + k;
    for (guint i = j; i > p; i--)
      *at (r, i) = *at (r, i - 1);
    pos = p;
    for (guint i = p + 1; i <= j; i++)
      if (!at (r, i)->dead)
        info (r, at (r, i)->tid)->phys = (r->head + i) & (r->cap - 1);
  }
  guint phys = (r->head + pos) & (r->cap - 1);
  r->a[phys] = (Slot) { first, tid, FALSE };
  *info (r, tid) = (Info) { TRUE, phys, first };
  r->k.n_live++;
  return TRUE;
}

gboolean
gs_waitring_has (const GsWaitRing *r, int tid)
{
  return tid >= 0 && (guint) tid < r->info->len && info (r, tid)->on;
}

guint64
gs_waitring_fired (const GsWaitRing *r, int tid)
{
  if (!gs_waitring_has (r, tid))
    return 0;
  return fired_count (r, &r->a[info (r, tid)->phys]);
}

guint64
gs_waitring_remove (GsWaitRing *r, int tid)
{
  g_return_val_if_fail (gs_waitring_has (r, tid), 0);
  forget (r);
  Slot *s = &r->a[info (r, tid)->phys];
  guint64 n = fired_count (r, s);
  s->dead = TRUE;
  info (r, tid)->on = FALSE;
  r->k.n_live--;
  if (r->k.n_live == 0) {
    empty (r);
  } else if (r->cap > 64 && 32 * r->k.n_live < r->cap) {
    rebuild (r, pow2_at_least (2 * r->k.n_live));
  }
  return n;
}

void
gs_waitring_switch (GsWaitRing *r)
{
  /* (an empty ring: its looks say no chain, without a call) */
  r->k.first = r->k.fresh = r->k.n_live == 0;
  r->stale = r->cap;
}

/* Firing the first K chains: they go to the end, fresh. */
static void
rotate (GsWaitRing *r, guint k)
{
  r->head = (r->head + k) & (r->cap - 1);
  r->stale = r->stale > k ? r->stale - k : 0;
}

/* Whether more than M deadlines of the chain at I are up to T (M = 0: the
 * next one is, and the chain moves on from it, as gs_chain_after
 * counts): TRUE for the first chains of the ring, FALSE from some on. */
static inline gboolean
more_due (const GsWaitRing *r, guint i, double t, guint64 m)
{
  double v = next_of (r, at (r, i));
  if (m == 0)
    return v <= t && v + r->k.period > v;
  return gs_chain_more_than (v, r->k.period, t, m);
}

/* The first index in [LO, HI] whose chain has no more than M deadlines up
 * to T (HI's has not, and those before the index have), found from the
 * guess G: probes 1, 2, 4... away from it, then halving, so that a good
 * guess costs a few probes whatever the ring's size. */
static guint
boundary (const GsWaitRing *r, guint lo, guint hi, guint g, double t, guint64 m)
{
  if (g < hi && more_due (r, g, t, m)) {   /* after G */
    lo = g + 1;
    for (guint step = 1; lo < hi; step *= 2) {
      guint probe = lo + step - 1;
      if (probe >= hi)
        break;
      if (!more_due (r, probe, t, m)) {
        hi = probe;
        break;
      }
      lo = probe + 1;
    }
  } else {                                 /* at G or before */
    hi = g;
    for (guint step = 1; lo < hi && hi - lo >= step; step *= 2) {
      guint probe = hi - step;
      if (more_due (r, probe, t, m)) {
        lo = probe + 1;
        break;
      }
      hi = probe;
    }
  }
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (more_due (r, mid, t, m))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Fires every deadline up to T (included). */
static void
advance_to (GsWaitRing *r, double t)
{
  /* how many deadlines of each chain are up to T: M or M + 1, M + 1 for
   * the first L chains (those earlier in phase) */
  if (next_of (r, at (r, 0)) > t) {    /* none due */
    set_frontier (r, t, FALSE);
    return;
  }
  guint64 m = 0;
  double last = next_of (r, at (r, r->cap - 1));
  if (last <= t)   /* else none laps: M = 0 (no call) */
    gs_chain_after (last, r->k.period, t, &m);
  guint lo = 0, hi = r->cap - 1;
  if (m == 0 && r->stale > 0 && r->stale < r->cap) {
    /* most often exactly the stale ones fire (the first look after a
     * switch): two looks say so */
    if (next_of (r, at (r, r->stale - 1)) <= t) {
      if (next_of (r, at (r, r->stale)) > t)
        lo = hi = r->stale;
      else
        lo = r->stale;
    } else {
      hi = r->stale - 1;
    }
  }
  /* the deadlines M laps on lie between the first chain's and the last
   * one's, about evenly spread: the boundary's place is guessed from T
   * between them, then found from there */
  if (lo < hi) {   /* else the two looks found it */
    double v0 = next_of (r, at (r, 0)), vl = next_of (r, at (r, r->cap - 1));
    double g = (t - (double) m * r->k.period - v0) / (vl - v0) * (r->cap - 1) + 1;
    guint guess = g >= lo && g <= hi ? (guint) g : g > hi ? hi : lo;
    lo = boundary (r, lo, hi, guess, t, m);
  }
  if (m > 0)
    r->stale = 0;
  rotate (r, lo);
  set_frontier (r, t, FALSE);
}

/* The index of the first chain (not ghost) from I on; CAP if none. */
static guint
first_live (const GsWaitRing *r, guint i)
{
  while (i < r->cap && at (r, i)->dead)
    i++;
  return i;
}

/* Chain S (at index I) leaves the ring through EVICT, its slot a ghost. */
static void
evict_one (GsWaitRing *r, guint i)
{
  Slot *s = at (r, i);
  guint64 n = fired_count (r, s);
  double next = next_of (r, s);
  s->dead = TRUE;
  info (r, s->tid)->on = FALSE;
  r->k.n_live--;
  r->evict (r->data, s->tid, next, i < r->stale, n);
}

/* Near a binade's edge: every chain leaves, with its next deadline. */
static void
evict_all (GsWaitRing *r)
{
  for (guint i = 0; i < r->cap; i++)
    if (!at (r, i)->dead)
      evict_one (r, i);
  empty (r);
}

/* Crossing the binade's edge E (= EDGE) in the ring.  Rounding is
 * monotone, so the ring's order of (deadline, id) stays, but two deadlines
 * may become equal there, and equal ones fire in id order, maybe not the
 * ring's.  Equal ones stay equal, so a new tie shows after the edge: each
 * slot's element K (K laps on from its next deadline, past E + 3 P for the
 * first slot; from there each addition adds the binade's step exactly, no
 * new tie comes) is compared with its neighbour's, and with the first
 * slot's element K + 1 for the last one.  In a run of equal elements K
 * whose next deadlines are not all equal, the ids must come in order (then
 * every tie, whenever it comes, is in the ring's order): a chain whose id
 * is below its predecessor's leaves through EVICT, its slot a ghost that
 * copies the predecessor (in its place in the order); the others stay.
 * FALSE (nothing changed) where that cannot be done: every chain must
 * leave. */
static gboolean
cross_in_ring (GsWaitRing *r)
{
  double e = r->k.edge, cut = e + 3 * r->k.period;
  if (!(2 * e < GS_WAITRING_HORIZON) || !(r->k.period < e / 8) || e < DBL_MIN)
    return FALSE;
  g_autofree double *n = g_new (double, r->cap + 1);
  g_autofree double *x = g_new (double, r->cap + 1);
  guint64 k = 0;
  n[0] = next_of (r, at (r, 0));
  x[0] = gs_chain_after (n[0], r->k.period, cut, &k);
  if (k == 0)
    return FALSE;
  for (guint i = 1; i < r->cap; i++) {
    guint64 c = 0;
    n[i] = next_of (r, at (r, i));
    x[i] = gs_chain_after (n[i], r->k.period, cut, &c);
    if (c + 1 == k)
      x[i] = x[i] + r->k.period;        /* one addition on: element K */
    else if (c != k)
      return FALSE;
    if (!(x[i - 1] <= x[i]))
      return FALSE;
  }
  n[r->cap] = n[0] + r->k.period;       /* the first slot, one lap on */
  x[r->cap] = x[0] + r->k.period;
  if (!(x[r->cap - 1] <= x[r->cap]) || !(x[r->cap] < 2 * e) ||
      (x[r->cap - 1] == x[r->cap] && n[r->cap - 1] != n[r->cap]))
    return FALSE;
  /* the runs of equal elements K with a new tie: their slots' ids in
   * order, none fires out of turn; a slot whose id is below the one
   * before it leaves (its chain through EVICT), a ghost copying that one */
  for (guint a = 0, b; a < r->cap; a = b) {
    gboolean mixed = FALSE;
    for (b = a + 1; b < r->cap && x[b] == x[a]; b++)
      mixed |= n[b] != n[a];
    if (!mixed)
      continue;
    for (guint i = a + 1; i < b; i++) {
      Slot *prev = at (r, i - 1), *s = at (r, i);
      if (s->tid >= prev->tid)
        continue;
      if (!s->dead)
        evict_one (r, i);
      s->v = prev->v;
      s->tid = prev->tid;
    }
  }
  return TRUE;
}

/* Deadlines that would cross the binade's edge: the chains stay in the
 * ring, in the next binade, but those that would become equal to another
 * (cross_in_ring); where that cannot be, every chain leaves. */
static void
cross_edge (GsWaitRing *r)
{
  if (!cross_in_ring (r)) {
    evict_all (r);
    return;
  }
  if (r->k.n_live == 0) {
    empty (r);
    return;
  }
  r->k.edge *= 2;
  r->q = gs_chain_binade_step (r->k.edge, r->k.period);
}

/* The first look's answer kept, the first slot a chain. */
static inline void
keep_first (GsWaitRing *r)
{
  GsWaitRingKept *k = &r->k;
  k->first = 2;
  k->first_when = next_of (r, at (r, 0));
  k->first_tid = at (r, 0)->tid;
  k->first_stale = r->stale > 0;
}

/* gs_waitring_advance with chains in the ring (its own function: the
 * empty ring's path stays short). */
static G_GNUC_NO_INLINE void
advance_chains (GsWaitRing *r, double when, int tid)
{
  /* deadlines that would cross a binade's edge */
  while (r->k.n_live > 0 && !(when + 2 * r->k.period < r->k.edge))
    cross_edge (r);
  if (r->k.n_live == 0) {
    set_frontier (r, when, TRUE);
    return;
  }
  if (next_of (r, at (r, 0)) > when) {   /* none due */
    set_frontier (r, when, TRUE);
    return;
  }
  double t1 = gs_waitring_below (when);
  if (t1 > r->k.f || (t1 == r->k.f && r->k.partial))
    advance_to (r, t1);
  /* the chains due at WHEN itself: those before TID fire (ids in order);
   * they are few, at the head: found by probes 1, 2, 4... from it, then
   * halving (far chains' next deadlines are not computed) */
  guint lo = 0, hi = next_of (r, at (r, 0)) == when ? r->cap : 0;
  /* most often the head alone (the chain that asked for a drop) */
  if (hi > 1 && at (r, 0)->tid < tid &&
      !(next_of (r, at (r, 1)) == when && at (r, 1)->tid < tid))
    lo = hi = 1;
  for (guint step = 1; lo < hi; step *= 2) {
    guint probe = MIN (lo + step - 1, hi - 1);
    if (next_of (r, at (r, probe)) == when && at (r, probe)->tid < tid) {
      lo = probe + 1;
    } else {
      hi = probe;
      break;
    }
  }
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (next_of (r, at (r, mid)) == when && at (r, mid)->tid < tid)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (guint i = 0; i < lo; i++)
    at (r, i)->v = when + r->k.period;
  rotate (r, lo);
  set_frontier (r, when, TRUE);
}

void
gs_waitring_advance_slow (GsWaitRing *r, double when, int tid)
{
  if (when < r->k.f || (when == r->k.f && !r->k.partial))
    return;
  /* (the ring is not empty: gs_waitring_advance saw to it)  None due and
   * no edge near: the frontier moves only */
  if (when + 2 * r->k.period < r->k.edge && next_of (r, at (r, 0)) > when) {
    set_frontier (r, when, TRUE);   /* the looks' answers stay: later */
    if (!at (r, 0)->dead)
      keep_first (r);
    return;
  }
  forget (r);
  advance_chains (r, when, tid);
  forget (r);   /* (EVICT may have looked in between) */
}

/* Ghosts at the head go to the end, copies of the last slot (the order
 * stays, ghosts need no deadline of their own), so that the first chain is
 * found at once next time. */
static G_GNUC_NO_INLINE void
move_leading_ghosts (GsWaitRing *r)
{
  Slot *last = at (r, r->cap - 1);
  double v = next_of (r, last);
  int tid = last->tid;
  guint k = 0;
  for (; at (r, k)->dead; k++) {
    at (r, k)->v = v;
    at (r, k)->tid = tid;
  }
  rotate (r, k);
}

/* A chain first: most often (the test inline, the moves not). */
static inline void
drop_leading_ghosts (GsWaitRing *r)
{
  if (at (r, 0)->dead)
    move_leading_ghosts (r);
}

gboolean
gs_waitring_first_slow (GsWaitRing *r, double *when, int *tid, gboolean *stale)
{
  GsWaitRingKept *k = &r->k;
  if (r->k.n_live == 0) {
    k->first = 1;
    return FALSE;
  }
  drop_leading_ghosts (r);
  keep_first (r);
  *when = k->first_when;
  *tid = k->first_tid;
  if (stale != NULL)
    *stale = k->first_stale;
  return TRUE;
}

gboolean
gs_waitring_first_fresh_slow (GsWaitRing *r, double *when, int *tid)
{
  GsWaitRingKept *k = &r->k;
  if (r->k.n_live == 0) {
    k->fresh = 1;
    return FALSE;
  }
  if (k->first != 2) {   /* (known: the first slot is its chain) */
    drop_leading_ghosts (r);
    keep_first (r);
  }
  *when = k->first_when;
  *tid = k->first_tid;
  if (r->stale > 0) {
    /* the first stale chain's deadline after next, or the first fresh
     * one's */
    *when += r->k.period;
    guint j = first_live (r, r->stale);
    if (j < r->cap) {
      double w = next_of (r, at (r, j));
      if (w < *when || (w == *when && at (r, j)->tid < *tid)) {
        *when = w;
        *tid = at (r, j)->tid;
      }
    }
  }
  k->fresh = 2;
  k->fresh_when = *when;
  k->fresh_tid = *tid;
  return TRUE;
}
