/* smt.c: the throughput of cores whose hardware threads are busy. */
#include "smt.h"

double
gs_smt_capacity (int cores, int smt, double throughput, int busy)
{
  if (busy <= 0 || cores <= 0)
    return 0;
  double used = MIN (busy, cores);
  if (smt <= 1 || cores <= 1)
    return used;
  double physical = MAX (1.0, (double) cores / smt);
  if (used <= physical)
    return used;
  double sibling = (throughput - 1.0) / (smt - 1);
  return physical + (used - physical) * sibling;
}

double
gs_smt_share (int cores, int smt, double throughput, int busy)
{
  return busy <= 0 ? 1.0 : gs_smt_capacity (cores, smt, throughput, busy) / busy;
}
