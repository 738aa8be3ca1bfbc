/* escape.c: a lone running thread's escape from a slow virtual CPU. */
#include "escape.h"

gboolean
gs_escape_enabled (double p, double r, double tau)
{
  return p > 0 && r > 1 && tau > 0;
}

double
gs_escape_fast_factor (double p, double r)
{
  if (p <= 0 || r <= 1)
    return 1;
  return 1 / (1 + p * (r - 1));
}

double
gs_escape_work (double p, double r, double tau)
{
  if (!gs_escape_enabled (p, r, tau))
    return G_MAXDOUBLE;
  return tau * (1 + p * (r - 1)) / r;
}

double
gs_escape_time (double pos, double seconds, double p, double r, double tau)
{
  if (seconds <= 0)
    return 0;
  double x = gs_escape_work (p, r, tau);
  if (pos + seconds <= x)
    return seconds;   /* exactly: the mean cost */
  double before = CLAMP (x - MAX (0, pos), 0, seconds);
  return before + (seconds - before) * gs_escape_fast_factor (p, r);
}

double
gs_escape_work_for (double pos, double time, double p, double r, double tau)
{
  if (time <= 0)
    return 0;
  double x = gs_escape_work (p, r, tau);
  double before = x >= G_MAXDOUBLE ? time : CLAMP (x - MAX (0, pos), 0, time);
  if (time <= before)
    return time;   /* exactly: the mean cost */
  return before + (time - before) / gs_escape_fast_factor (p, r);
}
