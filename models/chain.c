/* chain.c: a timed wait's chain of deadlines, computed (see chain.h). */
#include "chain.h"

#include <float.h>
#include <math.h>

double
gs_chain_after (double v, double p, double t, guint64 *steps)
{
  guint64 n = 0;
  while (v <= t) {
    double a = v + p;
    if (a <= v)
      break;         /* no progress: P below half an ulp of V */
    n++;
    if (a > t || v <= 0) {
      v = a;
      continue;
    }
    union { double d; guint64 u; } bits = { v };
    bits.u &= G_GUINT64_CONSTANT (0x7ff0000000000000);
    double top = 2 * bits.d;          /* V in [top / 2, top) */
    double b = a + p;
    if (a >= top || b > t || b >= top || b - a != a - v) {
      v = a;
      continue;
    }
    /* V, A and B in one binade, two equal steps: from A on, below TOP,
     * each addition adds Q exactly (ties to even repeat once steady) */
    double q = b - a;
    double kmax = floor ((top - a) / q);
    while (kmax > 0 && a + kmax * q >= top)
      kmax--;
    while (a + (kmax + 1) * q < top)
      kmax++;
    double k = floor ((t - a) / q) + 1;
    k = CLAMP (k, 1, kmax);
    while (k > 1 && a + (k - 1) * q > t)
      k--;
    while (k < kmax && a + k * q <= t)
      k++;
    n += (guint64) k;   /* A, A + Q, ..., A + (K - 1) Q are not above T */
    v = a + k * q;
  }
  if (steps != NULL)
    *steps += n;
  return v;
}

double
gs_chain_binade_step (double edge, double p)
{
  /* from EDGE / 2 (an even last bit): the steady step */
  double v = edge / 2, a = v + p, b = a + p;
  return b > a && b < edge ? b - a : 0;
}

/* V + M P is the chain's element M but for the roundings of M additions
 * (each at most half an ulp of the larger of V and it, and two more for
 * the sum itself): where T is farther from it than they can reach, it
 * says so; else the elements are counted as gs_chain_after
 * counts them. */
gboolean
gs_chain_more_than (double v, double p, double t, guint64 m)
{
  double y = v + (double) m * p;
  double scale = fabs (v) + fabs (y) + fabs (t);
  double err = ((double) m + 4) * DBL_EPSILON * scale;
  /* P far above an ulp: each addition moves on (none stalls) */
  if (p > 16 * DBL_EPSILON * scale && isfinite (err)) {
    if (y + err < t)
      return TRUE;
    if (y - err > t)
      return FALSE;
  }
  guint64 c = 0;
  gs_chain_after (v, p, t, &c);
  return c > m;
}
