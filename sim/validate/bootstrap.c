/* bootstrap.c: a session's calibration drawn again from its records' runs. */
#include "validate/bootstrap.h"

#include <math.h>
#include "lang/random.h"

/* Keeps the bootstrap's draws apart from every other use of the keys. */
#define BOOTSTRAP_TAG 0xb0075c0aULL

guint
gs_bootstrap_pick (guint n, guint64 key, guint sample, guint draw)
{
  g_return_val_if_fail (n > 0, 0);
  guint64 k = gs_random_child_key (gs_random_child_key (key ^ BOOTSTRAP_TAG, sample + 1),
                                   (guint64) draw + 1);
  double u = (double) (k >> 11) * (1.0 / 9007199254740992.0);
  guint i = (guint) (u * n);
  return MIN (i, n - 1);
}

double
gs_bootstrap_mean (const double *runs, guint n, guint64 key, guint sample)
{
  if (n == 0)
    return NAN;
  double sum = 0;
  for (guint d = 0; d < n; d++)
    sum += runs[sample == 0 ? d : gs_bootstrap_pick (n, key, sample, d)];
  return sum / n;
}

double
gs_bootstrap_pooled_mean (const double *runs, const guint *counts, const guint64 *keys,
                          guint r, guint sample)
{
  double sum = 0;
  guint total = 0;
  for (guint k = 0, at = 0; k < r; at += counts[k], k++) {
    if (counts[k] == 0)
      continue;
    sum += counts[k] * gs_bootstrap_mean (runs + at, counts[k], keys[k], sample);
    total += counts[k];
  }
  return total ? sum / total : NAN;
}
