/* eligible.c: the threads the OS may wake, as a tree (see eligible.h). */
#include "eligible.h"

struct _GsEligible {
  guint size;      /* leaves: a power of two, or 0 */
  guint *count;    /* 2 * size nodes, root at 1 */
  int *best;
  double *since;   /* the SINCE of each node's best (read without a look at
                      the threads) */
};

GsEligible *
gs_eligible_new (void)
{
  return g_new0 (GsEligible, 1);
}

void
gs_eligible_free (GsEligible *e)
{
  if (e == NULL)
    return;
  g_free (e->count);
  g_free (e->best);
  g_free (e->since);
  g_free (e);
}

/* Node I from its children: their count, and the longer waiter of their
 * two (earlier since, then lower id). */
static void
pull (GsEligible *e, guint i)
{
  guint l = 2 * i, r = l + 1;
  e->count[i] = e->count[l] + e->count[r];
  int a = e->best[l], b = e->best[r];
  guint w = l;
  if (a < 0 || (b >= 0 && (e->since[r] < e->since[l] ||
                           (e->since[r] == e->since[l] && b < a))))
    w = r;
  e->best[i] = e->best[w];
  e->since[i] = e->since[w];
}

void
gs_eligible_grow (GsEligible *e, guint len)
{
  if (len <= e->size)
    return;
  guint size = MAX (e->size, 2);
  while (size < len)
    size *= 2;
  guint *count = g_new0 (guint, 2 * size);
  int *best = g_new (int, 2 * size);
  double *since = g_new0 (double, 2 * size);
  for (guint i = 0; i < 2 * size; i++)
    best[i] = -1;
  /* the leaves as they were, then every node above from them */
  for (guint k = 0; k < e->size; k++) {
    count[size + k] = e->count[e->size + k];
    best[size + k] = e->best[e->size + k];
    since[size + k] = e->since[e->size + k];
  }
  g_free (e->count);
  g_free (e->best);
  g_free (e->since);
  e->size = size;
  e->count = count;
  e->best = best;
  e->since = since;
  for (guint i = size - 1; i >= 1; i--)
    pull (e, i);
}

void
gs_eligible_set (GsEligible *e, int tid, gboolean on, double since)
{
  g_assert (tid >= 0 && (guint) tid < e->size);
  guint i = e->size + (guint) tid;
  if (!on)
    since = 0;
  if (e->count[i] == (guint) on && e->since[i] == since)
    return;   /* the leaf as it was: so is its path */
  int delta = (int) on - (int) e->count[i];
  e->count[i] = on;
  e->best[i] = on ? tid : -1;
  e->since[i] = since;
  /* up the path; once a node's longest waiter is as it was, so are those
   * of the nodes above: only their counts change */
  gboolean again = TRUE;
  for (i /= 2; i >= 1; i /= 2) {
    if (!again) {
      e->count[i] += delta;
      continue;
    }
    int best = e->best[i];
    double best_since = e->since[i];
    pull (e, i);
    again = e->best[i] != best || e->since[i] != best_since;
  }
}

guint
gs_eligible_count (const GsEligible *e)
{
  return e->size > 0 ? e->count[1] : 0;
}

int
gs_eligible_longest (const GsEligible *e)
{
  return e->size > 0 ? e->best[1] : -1;
}

guint
gs_eligible_rank (const GsEligible *e, int tid)
{
  guint r = 0;
  for (guint i = e->size + (guint) tid; i > 1; i /= 2)
    if (i & 1)
      r += e->count[i - 1];
  return r;
}

int
gs_eligible_select (const GsEligible *e, guint k)
{
  guint i = 1;
  while (i < e->size) {
    if (k < e->count[2 * i]) {
      i = 2 * i;
    } else {
      k -= e->count[2 * i];
      i = 2 * i + 1;
    }
  }
  return (int) (i - e->size);
}
