/* cores.c: whether a woken thread finds an idle core (see cores.h). */
#include "engine/cores.h"

#include <simgrid/host.h>

#include "handoff.h"

/* The host's cores, and how many of them run executions now (SimGrid's
 * load over one core's speed; the caller is not executing). */
static double
busy_cores (const Thread *t, double *cores)
{
  const Engine *eng = t->proc->eng;
  *cores = eng->cfg->host->cores;
  double speed = sg_host_get_speed (t->proc->host);
  return speed > 0 ? sg_host_get_load (t->proc->host) / speed : 0;
}

double
gs_cores_busy (const Thread *t, double *cores)
{
  return busy_cores (t, cores);
}

void
gs_cores_before_release (Thread *t, gboolean waker_runs)
{
  if (!t->holds_gil || t->proc->eng->cfg->runtime->gil != GS_GIL_NEW)
    return;
  double cores, busy = busy_cores (t, &cores);
  gs_gil_set_cores (t->proc->gil, cores, busy, waker_runs);
}

double
gs_cores_wake_latency (const Thread *t)
{
  const GsCosts *c = &t->proc->eng->costs;
  double cores, busy = busy_cores (t, &cores);
  return gs_handoff_latency (cores, busy, FALSE, c->gil_handoff_latency,
                             c->gil_wakeup_cost);
}
