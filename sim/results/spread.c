/* spread.c: a prediction's samples as hyperfine reports runs. */
#include "results/spread.h"

#include <math.h>

#include "units.h"

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* R's samples sorted (new array), or its wall time alone. */
static GArray *
sorted (const GsResult *r)
{
  GArray *v = g_array_new (FALSE, FALSE, sizeof (double));
  if (r->samples && r->samples->len)
    g_array_append_vals (v, r->samples->data, r->samples->len);
  else
    g_array_append_val (v, r->wall_s);
  g_array_sort (v, cmp_double);
  return v;
}

double
gs_spread_quantile (const GsResult *r, double q)
{
  g_autoptr (GArray) v = sorted (r);
  const double *d = (const double *) v->data;
  double pos = q * (v->len - 1);
  guint lo = (guint) floor (pos);
  guint hi = MIN (lo + 1, v->len - 1);
  return d[lo] + (d[hi] - d[lo]) * (pos - lo);
}

GsSpread
gs_spread_of (const GsResult *r)
{
  g_autoptr (GArray) v = sorted (r);
  const double *d = (const double *) v->data;
  GsSpread s = { v->len, 0, 0, 0, d[0], d[v->len - 1] };
  for (guint i = 0; i < v->len; i++)
    s.mean += d[i];
  s.mean /= v->len;
  for (guint i = 0; v->len > 1 && i < v->len; i++)
    s.stddev += (d[i] - s.mean) * (d[i] - s.mean);
  s.stddev = v->len > 1 ? sqrt (s.stddev / (v->len - 1)) : 0;
  s.median = gs_spread_quantile (r, 0.5);
  if (v->len == 1)
    s.mean = s.median = s.min = s.max = r->wall_s;
  return s;
}

char *
gs_spread_text (const GsResult *r)
{
  GsSpread s = gs_spread_of (r);
  g_autofree char *mean = gs_format_duration (s.mean);
  if (s.n == 1)
    return g_steal_pointer (&mean);
  g_autofree char *sd = gs_format_duration (s.stddev);
  g_autofree char *lo = gs_format_duration (s.min);
  g_autofree char *hi = gs_format_duration (s.max);
  return g_strdup_printf ("%s +- %s (range %s to %s, %u samples)", mean, sd, lo, hi, s.n);
}
