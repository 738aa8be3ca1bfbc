/* contention.c: cache-line contention on shared objects, by mean-value analysis. */
#include "contention.h"

/* Exact mean-value analysis of K threads that each do THINK seconds of
 * their own work, then hold the line (one server) for SERVICE seconds. */
static double
mva (int k, double think, double service)
{
  double queue = 0;   /* mean threads at the line with n - 1 threads */
  double response = service;
  for (int n = 1; n <= k; n++) {
    response = service * (1 + queue);
    double throughput = n / (response + think);
    queue = throughput * response;
  }
  return response + think;
}

double
gs_contention_cycle (int k, double think, double transfer)
{
  g_return_val_if_fail (think >= 0 && transfer >= 0, think);
  if (k <= 1 || transfer <= 0)
    return think;
  return mva (k, think, transfer * (k - 1) / k);
}

double
gs_contention_cycle_locked (int k, double think, double transfer, double hold)
{
  g_return_val_if_fail (think >= 0 && transfer >= 0 && hold >= 0, think);
  hold = MIN (hold, think);
  if (k <= 1 || (transfer <= 0 && hold <= 0))
    return think;
  return mva (k, think - hold, hold + transfer * (k - 1) / k);
}

double
gs_contention_extra (int k, double touches, double think, double transfer)
{
  if (touches <= 0)
    return 0;
  return touches * (gs_contention_cycle (k, think, transfer) - think);
}

double
gs_contention_extra_locked (int k, double touches, double think,
                            double transfer, double hold)
{
  if (touches <= 0)
    return 0;
  return touches * (gs_contention_cycle_locked (k, think, transfer, hold) - think);
}
