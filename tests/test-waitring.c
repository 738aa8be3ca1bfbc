/* test-waitring.c: the lazy ring of time-outs against firing them one by one. */
#include <float.h>
#include <math.h>
#include <glib.h>
#include "gil.h"
#include "chain.h"
#include "waitring.h"

/* The chain computed at once is the chain added one by one, with its count. */
static void
test_chain_after_is_exact (void)
{
  GRand *rand = g_rand_new_with_seed (7);
  const double periods[] = { 0.005, 0.001, 1e-6, 2e-5, 0.0001, 0.1, 1.0 / 3 };
  for (int i = 0; i < 3000; i++) {
    double p = periods[i % G_N_ELEMENTS (periods)];
    double v = g_rand_double_range (rand, 0, i % 3 == 0 ? 1e-3 : 5);
    double t = v + p * g_rand_int_range (rand, 0, i % 5 == 0 ? 200000 : 3000) +
               g_rand_double_range (rand, 0, p);
    guint64 n = 0, m = 0;
    double fast = gs_chain_after (v, p, t, &n);
    double slow = v;
    while (slow <= t) {
      slow += p;
      m++;
    }
    g_assert_cmpfloat (fast, ==, slow);
    g_assert_cmpuint (n, ==, m);
  }
  /* a tie to even at every addition: P an odd number of half ulps */
  double v = 1.0, p = ldexp (3, -53);
  double slow = v;
  guint64 n = 0, m = 0;
  for (int k = 0; k < 100000; k++, m++)
    slow += p;
  double fast = gs_chain_after (v, p, nextafter (slow, 0), &n);
  g_assert_cmpfloat (fast, ==, slow);
  g_assert_cmpuint (n, ==, m);
  g_rand_free (rand);
}

/* A chain's first element above T from the binade's steady step is the one
 * counted by gs_chain_after and the one added one by one, ties to
 * even included, wherever it stays below the binade's edge. */
static void
test_steady_after_is_exact (void)
{
  GRand *rand = g_rand_new_with_seed (13);
  const double periods[] = { 0.005, 0.001, 1e-6, 2e-5, 0.0001, 0.1, 1.0 / 3,
                             ldexp (3, -53), ldexp (5, -50), ldexp (1, -12) };
  guint checked = 0, tie = 0;
  for (int i = 0; i < 40000; i++) {
    double p = periods[i % G_N_ELEMENTS (periods)];
    double edge = ldexp (1.0, g_rand_int_range (rand, -6, 30));
    if (!(p < edge / 8))
      continue;
    double q = gs_chain_binade_step (edge, p);
    if (q == 0) {   /* P below half an ulp there: the chain stalls */
      g_assert_cmpfloat (edge / 2 + p, ==, edge / 2);
      continue;
    }
    /* any element of the binade, an odd last bit too */
    double v = g_rand_double_range (rand, edge / 2, edge - 4 * p);
    if (i % 2 == 0) {
      union { double d; guint64 u; } b = { v };
      b.u |= 1;
      v = b.d;
    }
    double a = v + p;
    guint64 laps = i % 5 == 0 ? 100000 : i % 5 == 1 ? 3 : 400;
    double t = a + g_rand_double_range (rand, 0, laps * p);
    if (i % 7 == 0)   /* at an element itself */
      t = gs_chain_after (v, p, t, NULL);
    double one_by_one = v;
    if (laps <= 400)
      while (one_by_one <= t)
        one_by_one += p;
    double fast = gs_chain_after (v, p, t, NULL);
    if (!(fast < edge))
      continue;
    g_assert_cmpfloat (gs_chain_steady_after (a, q, t), ==, fast);
    if (laps <= 400)
      g_assert_cmpfloat (fast, ==, one_by_one);
    checked++;
    tie += p == ldexp (3, -53) && edge == 2;
  }
  g_assert_cmpuint (checked, >, 20000);
  g_assert_cmpuint (tie, >, 10);
  /* no progress: no step */
  g_assert_cmpfloat (gs_chain_binade_step (ldexp (1, 40), 1e-9), ==, 0);
  g_rand_free (rand);
}

/* Whether a chain has more than M elements up to T, as the count says,
 * where T is at the chain's element M or a few ulps from it, and far. */
static void
test_more_than_is_exact (void)
{
  GRand *rand = g_rand_new_with_seed (11);
  const double periods[] = { 0.005, 0.001, 1e-6, 2e-5, 0.0001, 0.1, 1.0 / 3 };
  guint checked_near = 0;
  for (int i = 0; i < 20000; i++) {
    double p = periods[i % G_N_ELEMENTS (periods)];
    double v = g_rand_double_range (rand, 0, i % 3 == 0 ? 1e-3 : i % 7 == 0 ? 5e5 : 5);
    guint64 m = 1 + (guint64) g_rand_int_range (rand, 0, i % 5 == 0 ? 10000 : 40);
    /* the chain's element M, one by one, then T near it or one step off */
    double x = v;
    for (guint64 k = 0; k < m; k++)
      x += p;
    double t = x;
    switch (i % 4) {
    case 0: break;
    case 1:
      for (int k = g_rand_int_range (rand, 1, 4); k > 0; k--)
        t = nextafter (t, 0);
      break;
    case 2:
      for (int k = g_rand_int_range (rand, 1, 4); k > 0; k--)
        t = nextafter (t, INFINITY);
      break;
    default:
      t = x + g_rand_double_range (rand, -1.5, 1.5) * p;
    }
    checked_near += i % 4 != 3;
    guint64 n = 0;
    gs_chain_after (v, p, t, &n);
    g_assert_cmpint (gs_chain_more_than (v, p, t, m), ==, n > m);
  }
  g_assert_cmpuint (checked_near, >, 10000);
  g_rand_free (rand);
}

/* How many elements of the chain V, V + P... are not above T, one by one. */
static guint64
naive_count (double v, double p, double t)
{
  guint64 n = 0;
  for (; v <= t; v += p)
    n++;
  return n;
}

static void
no_evict (gpointer data, int tid, double when, gboolean stale, guint64 fired)
{
  g_assert_not_reached ();
}

/* The ring's order and staleness, by hand (in [1, 2), far from its edges). */
static void
test_ring_by_hand (void)
{
  g_autoptr (GsWaitRing) r = gs_waitring_new (0.001, no_evict, NULL);
  double w;
  int tid;
  gboolean stale;
  g_assert_false (gs_waitring_first (r, &w, &tid, &stale));
  g_assert_true (gs_waitring_add (r, 3, 1.5012));
  g_assert_true (gs_waitring_add (r, 1, 1.5015));
  g_assert_true (gs_waitring_add (r, 2, 1.5015));     /* a tie, ids in order */
  g_assert_true (gs_waitring_add (r, 0, 1.5015));     /* a tie: goes before */
  g_assert_true (gs_waitring_first (r, &w, &tid, &stale));
  g_assert_cmpint (tid, ==, 3);
  g_assert_cmpuint (gs_waitring_remove (r, 0), ==, 0);
  g_assert_false (gs_waitring_add (r, 0, 1.5001));    /* before the last */
  g_assert_false (gs_waitring_add (r, 0, 1.5023));    /* after 3's next lap */
  g_assert_true (gs_waitring_first (r, &w, &tid, &stale));
  g_assert_cmpfloat (w, ==, 1.5012);
  g_assert_cmpint (tid, ==, 3);
  g_assert_false (stale);
  gs_waitring_switch (r);
  /* fresh: the first stale one's deadline after next */
  g_assert_true (gs_waitring_first_fresh (r, &w, &tid));
  g_assert_cmpfloat (w, ==, 1.5012 + 0.001);
  g_assert_cmpint (tid, ==, 3);
  /* 3 fires at 1.5012; 1 at 1.5015 too, not 2 */
  gs_waitring_advance (r, 1.5015, 2);
  g_assert_true (gs_waitring_first (r, &w, &tid, &stale));
  g_assert_cmpfloat (w, ==, 1.5015);
  g_assert_cmpint (tid, ==, 2);
  g_assert_true (stale);
  g_assert_cmpuint (gs_waitring_fired (r, 3), ==, 1);
  g_assert_cmpuint (gs_waitring_fired (r, 1), ==, 1);
  g_assert_cmpuint (gs_waitring_fired (r, 2), ==, 0);
  g_assert_true (gs_waitring_first_fresh (r, &w, &tid));
  g_assert_cmpfloat (w, ==, 1.5012 + 0.001);
  g_assert_cmpint (tid, ==, 3);
  /* a hundred laps on, each fired a hundred more times, none stale */
  gs_waitring_advance (r, 1.6015, G_MAXINT);
  g_assert_cmpuint (gs_waitring_fired (r, 2), ==, naive_count (1.5015, 0.001, 1.6015));
  g_assert_cmpuint (gs_waitring_fired (r, 3), ==, naive_count (1.5012, 0.001, 1.6015));
  g_assert_cmpuint (gs_waitring_remove (r, 1), ==, naive_count (1.5015, 0.001, 1.6015));
  double w2 = gs_chain_after (1.5015, 0.001, 1.6015, NULL);
  double w3 = gs_chain_after (1.5012, 0.001, 1.6015, NULL);
  g_assert_true (gs_waitring_first (r, &w, &tid, &stale));
  g_assert_cmpint (tid, ==, w2 < w3 ? 2 : 3);
  g_assert_cmpfloat (w, ==, MIN (w2, w3));
  g_assert_false (stale);
  g_assert_cmpuint (gs_waitring_size (r), ==, 2);
  /* emptied, with the looks forgotten (a removal, a switch): no chain, and
   * a chain added after is seen */
  gs_waitring_remove (r, 2);
  gs_waitring_remove (r, 3);
  gs_waitring_switch (r);
  g_assert_false (gs_waitring_first (r, &w, &tid, &stale));
  g_assert_false (gs_waitring_first_fresh (r, &w, &tid));
  g_assert_cmpuint (gs_waitring_size (r), ==, 0);
  g_assert_true (gs_waitring_add (r, 1, 1.7));
  g_assert_true (gs_waitring_first_fresh (r, &w, &tid));
  g_assert_cmpfloat (w, ==, 1.7);
  g_assert_cmpint (tid, ==, 1);
}

/* A chain added at the lap of a ghost at the head (the chain that took the
 * GIL at FIRST - P, of a lower id) goes in: the lap that counts is the
 * first chain's, not the ghost's (refused, the GIL's heap would fire the
 * new chain one by one); the order stays. */
static void
test_ring_add_after_a_ghost_head (void)
{
  g_autoptr (GsWaitRing) r = gs_waitring_new (0.001, no_evict, NULL);
  double w;
  int tid;
  gboolean stale;
  g_assert_true (gs_waitring_add (r, 1, 1.501));
  g_assert_true (gs_waitring_add (r, 5, 1.5014));
  /* 1 times out at 1.501 and takes the GIL: its chain ends, a ghost first */
  gs_waitring_advance (r, 1.501, 1);
  g_assert_cmpuint (gs_waitring_remove (r, 1), ==, 0);
  /* a wait begun then: its first deadline is the ghost's next lap */
  g_assert_true (gs_waitring_add (r, 4, 1.501 + 0.001));
  g_assert_cmpuint (gs_waitring_size (r), ==, 2);
  g_assert_true (gs_waitring_first (r, &w, &tid, &stale));
  g_assert_cmpint (tid, ==, 5);
  g_assert_cmpfloat (w, ==, 1.5014);
  /* 5 fires, then 4, each once, in that order */
  gs_waitring_advance (r, 1.5016, G_MAXINT);
  g_assert_true (gs_waitring_first (r, &w, &tid, &stale));
  g_assert_cmpint (tid, ==, 4);
  g_assert_cmpfloat (w, ==, 1.501 + 0.001);
  gs_waitring_advance (r, 1.5021, G_MAXINT);
  g_assert_true (gs_waitring_first (r, &w, &tid, &stale));
  g_assert_cmpint (tid, ==, 5);
  g_assert_cmpfloat (w, ==, 1.5014 + 0.001);
  g_assert_cmpuint (gs_waitring_fired (r, 4), ==, 1);
  g_assert_cmpuint (gs_waitring_fired (r, 5), ==, 1);
  /* a chain due at the first chain's lap with a higher id is still
   * refused (the first chain, 5, fires there before it) */
  g_assert_false (gs_waitring_add (r, 6, 1.5014 + 0.001 + 0.001));
}

static guint evicted;

static void
count_evict (gpointer data, int tid, double when, gboolean stale, guint64 fired)
{
  g_assert_cmpfloat (when, >, 1.99);
  evicted++;
}

/* Near 2, the edge of [1, 2): chains whose deadlines stay distinct past it
 * stay in the ring; a new tie there (two deadlines an ulp apart below 2,
 * equal above) too, if their ids come in the ring's order; else the one
 * out of turn leaves. */
static void
test_ring_crosses_an_edge (void)
{
  g_autoptr (GsWaitRing) r = gs_waitring_new (0.001, count_evict, NULL);
  evicted = 0;
  for (int i = 0; i < 5; i++)
    g_assert_true (gs_waitring_add (r, i, 1.9 + 1e-4 * i));
  gs_waitring_advance (r, 1.9985, G_MAXINT);
  gs_waitring_advance (r, 2.0104, G_MAXINT);
  g_assert_cmpuint (evicted, ==, 0);
  g_assert_cmpuint (gs_waitring_size (r), ==, 5);
  double w, v = 1.9;
  int tid;
  gboolean stale;
  gs_waitring_first (r, &w, &tid, &stale);
  while (v <= 2.0104)
    v += 0.001;
  g_assert_cmpint (tid, ==, 0);
  g_assert_cmpfloat (w, ==, v);
  g_assert_true (gs_waitring_add (r, 9, 2.0115));

  /* A and the double after it: past 2 they round to one (or not, by A's
   * last bit and the period's: one of a few A does) */
  double a = 1.9;
  gboolean tie = FALSE;
  for (int k = 0; k < 8 && !tie; k++, a = nextafter (a, 3)) {
    double x = a, y = nextafter (a, 3);
    while (x < 2.01) {
      x += 0.001;
      y += 0.001;
    }
    tie = x == y;
  }
  g_assert_true (tie);
  a = nextafter (a, 0);
  /* ids in the order of the deadlines: the tie keeps the ring's order */
  g_autoptr (GsWaitRing) t = gs_waitring_new (0.001, count_evict, NULL);
  evicted = 0;
  g_assert_true (gs_waitring_add (t, 0, a));
  g_assert_true (gs_waitring_add (t, 1, nextafter (a, 3)));
  g_assert_true (gs_waitring_add (t, 2, a + 0.0005));
  gs_waitring_advance (t, 1.99, G_MAXINT);
  double x0 = a;
  while (x0 <= 2.015)
    x0 += 0.001;
  gs_waitring_advance (t, x0 - 0.0002, G_MAXINT);
  g_assert_cmpuint (evicted, ==, 0);
  g_assert_cmpuint (gs_waitring_size (t), ==, 3);
  g_assert_true (gs_waitring_first (t, &w, &tid, &stale));
  g_assert_cmpint (tid, ==, 0);
  g_assert_cmpfloat (w, ==, x0);
  gs_waitring_advance (t, w, 1);          /* chain 0 fires at W, not 1 */
  double w1;
  g_assert_true (gs_waitring_first (t, &w1, &tid, &stale));
  g_assert_cmpint (tid, ==, 1);
  g_assert_cmpfloat (w1, ==, w);
  /* ids against it: chain 0 (after 1, below it) leaves */
  g_autoptr (GsWaitRing) u = gs_waitring_new (0.001, count_evict, NULL);
  g_assert_true (gs_waitring_add (u, 1, a));
  g_assert_true (gs_waitring_add (u, 0, nextafter (a, 3)));
  g_assert_true (gs_waitring_add (u, 2, a + 0.0005));
  gs_waitring_advance (u, 1.99, G_MAXINT);
  gs_waitring_advance (u, 1.9985, G_MAXINT);
  g_assert_cmpuint (evicted, ==, 1);
  g_assert_cmpuint (gs_waitring_size (u), ==, 2);
  g_assert_false (gs_waitring_has (u, 0));
  g_assert_false (gs_waitring_add (u, 0, 2.0005));
  gs_waitring_advance (u, 2.003, G_MAXINT);
  g_assert_true (gs_waitring_first (u, &w, &tid, &stale));
  g_assert_cmpint (tid, !=, 0);
  g_assert_true (gs_waitring_add (u, 0, w + 0.0009));
}

/* ---------------------------------------------------------------------- */
/* The ring against a reference that keeps every chain's next deadline and  */
/* adds the period one firing at a time.                                   */

typedef struct {
  gboolean on;
  double next;     /* the next deadline, not fired */
  guint64 fired;
  gboolean stale;  /* fired last before the latest switch (or added before) */
} RefChain;

typedef struct {
  RefChain *c;
  guint evicted;
} Ref;

/* A chain leaves: what the ring says of it is the reference's. */
static void
ref_evict (gpointer data, int tid, double when, gboolean stale, guint64 fired)
{
  Ref *ref = data;
  RefChain *c = &ref->c[tid];
  g_assert_true (c->on);
  g_assert_cmpfloat (when, ==, c->next);
  g_assert_cmpint (stale, ==, c->stale);
  g_assert_cmpuint (fired, ==, c->fired);
  c->on = FALSE;
  ref->evicted++;
}

/* The reference's first chain by (deadline, id), its deadline after next
 * when STALE_NEXT and the chain is stale (the first fresh firing). */
static int
ref_first (const Ref *ref, int n, double period, gboolean stale_next, double *when)
{
  int best = -1;
  for (int i = 0; i < n; i++) {
    const RefChain *c = &ref->c[i];
    if (!c->on)
      continue;
    double w = stale_next && c->stale ? c->next + period : c->next;
    if (best < 0 || w < *when) {
      best = i;
      *when = w;
    }
  }
  return best;
}

/* One random run: adds (at the ring's end, as the GIL adds them, or
 * anywhere), removals, switches and advances on a grid (ties between
 * chains) or off it, across binades' edges; every answer of the ring is the
 * reference's. */
static void
ring_against_reference (guint32 seed, int n, double period, double start, int steps,
                        guint *adds, guint *refused)
{
  GRand *rand = g_rand_new_with_seed (seed);
  GRand *looks_rand = g_rand_new_with_seed (seed + 1000);   /* the steps stay */
  Ref ref = { g_new0 (RefChain, n), 0 };
  g_autoptr (GsWaitRing) r = gs_waitring_new (period, ref_evict, &ref);
  double grid = seed % 2 ? period / 8 : 0;
  double now = start;
  for (int s = 0; s < steps; s++) {
    int op = g_rand_int_range (rand, 0, 20);
    int i = g_rand_int_range (rand, 0, n);
    if (op < 7) {
      /* an advance: up to a time, before a thread's deadline there */
      double dt = grid > 0 ? grid * g_rand_int_range (rand, 0, 4)
                           : g_rand_double_range (rand, 0, period / 3);
      if (op == 0)
        dt = period * g_rand_int_range (rand, 1, 30);   /* laps on */
      now += dt;
      int upto = op % 2 ? G_MAXINT : i;
      gs_waitring_advance (r, now, upto);
      for (int k = 0; k < n; k++) {
        RefChain *c = &ref.c[k];
        while (c->on && (c->next < now || (c->next == now && k < upto))) {
          c->next += period;
          c->fired++;
          c->stale = FALSE;
        }
      }
    } else if (op < 9) {
      gs_waitring_switch (r);
      for (int k = 0; k < n; k++)
        ref.c[k].stale = TRUE;
    } else if (op < 16 && !ref.c[i].on) {
      /* a wait begun about now (the GIL's), or one on the grid near it */
      double first = now + period;
      if (op >= 14)
        first = now + (grid > 0 ? grid * g_rand_int_range (rand, 1, 12)
                                : g_rand_double_range (rand, 0, 1.5 * period));
      int j = g_rand_int_range (rand, 0, n);
      if (op == 13 && ref.c[j].on) {
        /* an ulp or a few after another chain's next deadline: past a
         * binade's edge (a coarser grid) the two may become equal */
        first = ref.c[j].next;
        for (int u = g_rand_int_range (rand, 1, 4); u > 0; u--)
          first = nextafter (first, INFINITY);
      }
      (*adds)++;
      if (gs_waitring_add (r, i, first))
        ref.c[i] = (RefChain) { TRUE, first, 0, FALSE };
      else
        (*refused)++;
    } else if (op < 19 && ref.c[i].on) {
      g_assert_cmpuint (gs_waitring_remove (r, i), ==, ref.c[i].fired);
      ref.c[i].on = FALSE;
    }
    /* every answer: the looks after most steps (none, one or both of
     * them, maybe twice: the ring keeps their answers between its changes,
     * and an advance with none due reads them) */
    int looks = g_rand_int_range (looks_rand, 0, 8);
    for (int twice = looks == 7 ? 2 : 1; twice > 0; twice--) {
      double w = 0, rw = 0;
      int tid = -1;
      gboolean stale;
      int best = ref_first (&ref, n, period, FALSE, &rw);
      if (looks != 1 && looks != 2) {
        g_assert_cmpint (gs_waitring_first (r, &w, &tid, &stale), ==, best >= 0);
        if (best >= 0) {
          g_assert_cmpint (tid, ==, best);
          g_assert_cmpfloat (w, ==, rw);
          g_assert_cmpint (stale, ==, ref.c[best].stale);
        }
      }
      if (looks != 1 && looks != 3) {
        best = ref_first (&ref, n, period, TRUE, &rw);
        g_assert_cmpint (gs_waitring_first_fresh (r, &w, &tid), ==, best >= 0);
        if (best >= 0) {
          g_assert_cmpint (tid, ==, best);
          g_assert_cmpfloat (w, ==, rw);
        }
      }
    }
    guint live = 0;
    for (int k = 0; k < n; k++)
      live += ref.c[k].on;
    g_assert_cmpuint (gs_waitring_size (r), ==, live);
    g_assert_cmpint (gs_waitring_has (r, i), ==, ref.c[i].on);
    g_assert_cmpuint (gs_waitring_fired (r, i), ==, ref.c[i].on ? ref.c[i].fired : 0);
  }
  if (g_getenv ("WR_DEBUG"))
    g_printerr ("seed %u: %u evicted, %u left\n", seed, ref.evicted, gs_waitring_size (r));
  g_free (ref.c);
  g_rand_free (looks_rand);
  g_rand_free (rand);
}

static void
test_ring_against_reference (void)
{
  const double periods[] = { 0.001, 0.0001, 0.005, 1.0 / 3000 };
  const double starts[] = { 1.5, 0.97, 3.9, 7.2, 0.25, 15.99 };
  const int counts[] = { 3, 16, 64, 300 };
  guint adds = 0, refused = 0;
  for (guint32 seed = 1; seed <= 48; seed++)
    ring_against_reference (seed, counts[seed % G_N_ELEMENTS (counts)],
                            periods[seed % G_N_ELEMENTS (periods)],
                            starts[seed % G_N_ELEMENTS (starts)], 3000, &adds, &refused);
  /* the chains went in most often, and not always */
  g_assert_cmpuint (refused, >, 0);
  g_assert_cmpuint (refused, <, adds / 2);
}

/* ---------------------------------------------------------------------- */
/* The GIL with the ring against the GIL firing every time-out: a random  */
/* engine drives both with the same calls; every answer must be the same.  */

typedef struct {
  GsGil *g[2];
  int n;
  int *state;      /* 0 runs without the GIL, 1 holds it, 2 waits */
  double *back;    /* state 0: when it asks again */
  double now;
  GRand *rand;
} Drive;

static void
same_stats (Drive *d)
{
  for (int i = 0; i < d->n; i++) {
    GsGilThreadStats a = gs_gil_thread_stats (d->g[0], i, d->now);
    GsGilThreadStats b = gs_gil_thread_stats (d->g[1], i, d->now);
    g_assert_cmpfloat (a.wait_s, ==, b.wait_s);
    g_assert_cmpuint (a.acquisitions, ==, b.acquisitions);
    g_assert_cmpuint (a.switches_in, ==, b.switches_in);
    g_assert_cmpuint (a.drop_requests, ==, b.drop_requests);
    g_assert_cmpuint (a.wakeups, ==, b.wakeups);
  }
  g_assert_cmpuint (gs_gil_switches (d->g[0]), ==, gs_gil_switches (d->g[1]));
}

/* Pops both GILs' actions, which must be the same, and carries them out. */
static void
actions (Drive *d)
{
  GsGilAction a, b;
  for (;;) {
    gboolean x = gs_gil_pop_action (d->g[0], &a);
    gboolean y = gs_gil_pop_action (d->g[1], &b);
    g_assert_cmpint (x, ==, y);
    if (!x)
      break;
    g_assert_cmpint (a.kind, ==, b.kind);
    g_assert_cmpint (a.tid, ==, b.tid);
    g_assert_cmpfloat (a.time, ==, b.time);
    if (a.kind == GS_GIL_GRANT)
      d->state[a.tid] = 1;
    else if (a.kind == GS_GIL_RESUME)
      d->state[a.tid] = 0;
  }
  g_assert_cmpint (gs_gil_holder (d->g[0]), ==, gs_gil_holder (d->g[1]));
  g_assert_cmpint (gs_gil_drop_requested (d->g[0]), ==, gs_gil_drop_requested (d->g[1]));
  g_assert_cmpuint (gs_gil_n_waiting (d->g[0]), ==, gs_gil_n_waiting (d->g[1]));
}

static void
drive_one (guint32 seed, int n, double interval, int steps)
{
  Drive d = { { NULL, NULL }, n, g_new0 (int, n), g_new0 (double, n), 0,
              g_rand_new_with_seed (seed) };
  GsGilConfig c = { GS_GIL_NEW, interval, 1e-4, 0.55, 0.9, seed };
  if (seed % 3 == 1) {
    c.timer_slack = 5e-5;
    c.idle_poll = 1e-4;
    c.wakeup_cost = 3e-6;
  }
  c.draw_latency = seed % 4 == 2;
  for (int k = 0; k < 2; k++) {
    c.eager_timers = k == 0;
    d.g[k] = gs_gil_new (&c);
    for (int i = 0; i < n; i++)
      gs_gil_add_thread (d.g[k]);
  }
  /* times on a grid half of the time: ties between timers */
  double grid = seed % 2 ? interval / 4 : 0;
  for (int s = 0; s < steps; s++) {
    double ne0 = gs_gil_next_event (d.g[0]);
    double ne1 = gs_gil_next_event (d.g[1]);
    if (ne0 != ne1)
      g_printerr ("seed %u n %d step %d now %.17g holder %d drop %d\n", seed, n, s,
                  d.now, gs_gil_holder (d.g[0]), gs_gil_drop_requested (d.g[0]));
    g_assert_cmpfloat (ne0, ==, ne1);
    int op = g_rand_int_range (d.rand, 0, 10);
    int i = g_rand_int_range (d.rand, 0, n);
    int h = gs_gil_holder (d.g[0]);
    if (g_getenv ("WR_DEBUG"))
      g_printerr ("step %d op %d i %d h %d now %.17g ne %.17g\n", s, op, i, h, d.now, ne0);
    if (op < 4) {
      /* the engine looks at the GIL: at its next event, or sooner */
      double dt = g_rand_double_range (d.rand, 0, 2 * interval);
      if (grid > 0)
        dt = grid * g_rand_int_range (d.rand, 0, 8);
      double at = op < 2 && ne0 < DBL_MAX / 2 ? MAX (ne0, d.now) : d.now + dt;
      d.now = at;
      double eps = op == 0 ? 1e-12 : 0;
      for (int k = 0; k < 2; k++)
        gs_gil_advance (d.g[k], d.now + eps);
      actions (&d);
    } else if (op < 7 && h >= 0) {
      /* the holder drops: interrupted (wants it back) or going off */
      gboolean back = op < 6 || gs_gil_drop_requested (d.g[0]);
      if (g_rand_int_range (d.rand, 0, 3) == 0) {
        int busy = g_rand_int_range (d.rand, 0, 3);
        for (int k = 0; k < 2; k++)
          gs_gil_set_cores (d.g[k], 2, busy, FALSE);
      }
      GsGilDropResult r0 = gs_gil_release (d.g[0], h, d.now, back);
      GsGilDropResult r1 = gs_gil_release (d.g[1], h, d.now, back);
      g_assert_cmpint (r0, ==, r1);
      d.state[h] = r0 == GS_GIL_MUST_WAIT ? 2 : back ? 2 : 0;
      d.back[h] = d.now + g_rand_double_range (d.rand, 0, 3 * interval);
      actions (&d);
      if (gs_gil_holder (d.g[0]) == h)
        d.state[h] = 1;
    } else if (d.state[i] == 0 && !gs_gil_waiting (d.g[0], i) &&
               gs_gil_holder (d.g[0]) != i) {
      /* a thread back from its I/O asks for the GIL */
      d.now = MAX (d.now, grid > 0 ? d.now : d.back[i]);
      gboolean x = gs_gil_request (d.g[0], i, d.now);
      gboolean y = gs_gil_request (d.g[1], i, d.now);
      g_assert_cmpint (x, ==, y);
      d.state[i] = x ? 1 : 2;
      actions (&d);
    }
    if (s % 97 == 0)
      same_stats (&d);
  }
  same_stats (&d);
  for (int k = 0; k < 2; k++)
    gs_gil_free (d.g[k]);
  g_free (d.state);
  g_free (d.back);
  g_rand_free (d.rand);
}

static void
test_gil_same_as_eager (void)
{
  const double intervals[] = { 0.005, 0.001, 2e-5, 1e-6 };
  const int counts[] = { 2, 3, 5, 16, 64, 300 };
  for (guint32 seed = 1; seed <= 96; seed++)
    drive_one (seed, counts[seed % G_N_ELEMENTS (counts)],
               intervals[seed % G_N_ELEMENTS (intervals)], 4000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/waitring/chain-after-is-exact", test_chain_after_is_exact);
  g_test_add_func ("/waitring/more-than-is-exact", test_more_than_is_exact);
  g_test_add_func ("/waitring/steady-after-is-exact", test_steady_after_is_exact);
  g_test_add_func ("/waitring/by-hand", test_ring_by_hand);
  g_test_add_func ("/waitring/add-after-a-ghost-head", test_ring_add_after_a_ghost_head);
  g_test_add_func ("/waitring/crosses-an-edge", test_ring_crosses_an_edge);
  g_test_add_func ("/waitring/against-a-reference", test_ring_against_reference);
  g_test_add_func ("/waitring/gil-same-as-eager", test_gil_same_as_eager);
  return g_test_run ();
}
