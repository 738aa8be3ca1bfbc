/* handoff.c: a woken thread's delay from the cores it finds (handoff.h). */
#include "handoff.h"

double
gs_handoff_latency (double cores, double busy, gboolean waker_runs,
                    double idle_latency, double switch_cost)
{
  g_return_val_if_fail (cores > 0, idle_latency);
  if (busy + 1 < cores - 1e-9)
    return idle_latency;
  if (!waker_runs)
    return MIN (switch_cost, idle_latency);
  return MAX (GS_HANDOFF_SLICE, idle_latency);
}
