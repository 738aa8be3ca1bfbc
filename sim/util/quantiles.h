/* quantiles.h: the figures of a set of samples: count, mean, percentiles.
 *
 * A percentile is read between the two closest ranks of the sorted samples
 * (linear interpolation, numpy's default): the p-th percentile of n
 * samples sorted as x[0] <= ... <= x[n-1] lies at rank p/100 * (n - 1).
 * So p50 is the median, p100 the maximum, and one sample is every
 * percentile.  Sums run over the sorted samples: the same samples give
 * the same bits.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 count;
  double mean, p50, p95, p99, max;
} GsQuantiles;

/* The P-th percentile (0 to 100) of the N samples SORTED (ascending);
 * NAN without samples. */
double gs_quantiles_at (const double *sorted, gsize n, double p);

/* Sorts the N samples V in place, ascending. */
void gs_quantiles_sort (double *v, gsize n);

/* Sorts the N samples V in place and fills OUT with their figures; all
 * zero (count 0) without samples. */
void gs_quantiles_of (double *v, gsize n, GsQuantiles *out);

G_END_DECLS
