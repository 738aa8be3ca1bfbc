/* quantiles.c: count, mean and percentiles of samples (util/quantiles.h). */
#include "util/quantiles.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double
gs_quantiles_at (const double *sorted, gsize n, double p)
{
  if (n == 0)
    return NAN;
  double pos = CLAMP (p, 0, 100) / 100 * (double) (n - 1);
  gsize lo = (gsize) floor (pos);
  if (lo + 1 >= n)
    return sorted[n - 1];
  double frac = pos - (double) lo;
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

void
gs_quantiles_sort (double *v, gsize n)
{
  qsort (v, n, sizeof *v, cmp_double);
}

void
gs_quantiles_of (double *v, gsize n, GsQuantiles *out)
{
  memset (out, 0, sizeof *out);
  if (n == 0)
    return;
  qsort (v, n, sizeof *v, cmp_double);
  double sum = 0;
  for (gsize i = 0; i < n; i++)
    sum += v[i];
  out->count = n;
  out->mean = sum / (double) n;
  out->p50 = gs_quantiles_at (v, n, 50);
  out->p95 = gs_quantiles_at (v, n, 95);
  out->p99 = gs_quantiles_at (v, n, 99);
  out->max = v[n - 1];
}
