/* capacity.c: the throughput of hosts with SMT, efficiency cores and turbo. */
#include "capacity.h"

#include "smt.h"

gboolean
gs_capacity_is_plain (const GsCapacity *c)
{
  return (c->smt <= 1 || c->cores <= 1) && c->efficiency_cores <= 0 &&
         c->allcore_speed >= 1;
}

double
gs_capacity_clock (int physical, double allcore, double busy_physical)
{
  if (physical <= 1 || busy_physical <= 1 || allcore >= 1)
    return 1;
  double b = MIN (busy_physical, physical);
  return 1 - (1 - allcore) * (b - 1) / (physical - 1);
}

/* The logical CPUs of C that are performance cores' first hardware
 * threads (at least one when there are performance cores). */
static double
performance_physical (const GsCapacity *c)
{
  int logical = c->cores - MAX (0, c->efficiency_cores);
  if (logical <= 0)
    return 0;
  if (c->smt <= 1 || logical <= 1)
    return logical;
  return MAX (1.0, (double) logical / c->smt);
}

double
gs_capacity_cores (const GsCapacity *c, int busy)
{
  if (busy <= 0 || c->cores <= 0)
    return 0;
  double used = MIN (busy, c->cores);
  int e = CLAMP (c->efficiency_cores, 0, c->cores);
  double physical = performance_physical (c);
  double work, busy_physical;
  if (e == 0) {
    /* SMT alone, exactly as smt.h says */
    work = gs_smt_capacity (c->cores, c->smt, c->smt_throughput, busy);
    busy_physical = MIN (used, physical);
  } else {
    double p = MIN (used, physical);
    double eff = MIN (used - p, e);
    double siblings = used - p - eff;
    double share = c->smt > 1 ? (c->smt_throughput - 1.0) / (c->smt - 1) : 0;
    work = p + eff * c->efficiency_speed + siblings * share;
    busy_physical = p + eff;
  }
  double total_physical = physical + e;
  return work * gs_capacity_clock ((int) total_physical, c->allcore_speed,
                                   busy_physical);
}
