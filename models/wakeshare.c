/* wakeshare.c: a GIL holder's share of a core beside its waiters' wake-ups. */
#include "wakeshare.h"

double
gs_wakeshare_new (double cores, double others, double n, double load)
{
  g_return_val_if_fail (cores > 0, 1);
  if (n <= 0 || load <= 0 || 1 + others + n * load <= cores)
    return 1;
  double fair = cores / (1 + others + n);
  if (load >= fair)
    return fair;
  return MIN (1, (cores - n * load) / (1 + others));
}

double
gs_wakeshare_old (double cores, double others, double n, double wake,
                  double between)
{
  g_return_val_if_fail (cores > 0, 1);
  double spare = cores - 1 - others;
  if (n <= 0 || wake <= 0 || between <= 0 || n <= 2 * spare)
    return 1;
  double d = MIN (n, wake / between);
  return MIN (1, MAX (0, cores - others) / (1 + d));
}
