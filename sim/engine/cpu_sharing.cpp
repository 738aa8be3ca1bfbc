// cpu_sharing.cpp: SMT, efficiency cores and turbo through SimGrid's
// non-linear CPU sharing.  C++ because SimGrid exposes set_sharing_policy
// in s4u only.
#include "engine/cpu_sharing.h"

#include <simgrid/s4u/Host.hpp>

void
gs_cpu_sharing_apply (const char *host_id, const GsCapacity *c)
{
  if (gs_capacity_is_plain (c))
    return;
  simgrid::s4u::Host *host = simgrid::s4u::Host::by_name (host_id);
  const GsCapacity cap = *c;
  host->set_sharing_policy (
      simgrid::s4u::Host::SharingPolicy::NONLINEAR,
      [cap] (double capacity, int n) {
        return capacity / cap.cores * gs_capacity_cores (&cap, n);
      });
}
