// cpu_sharing.cpp: SMT throughput through SimGrid's non-linear CPU sharing.
// C++ because SimGrid exposes set_sharing_policy in s4u only.
#include "engine/cpu_sharing.h"

#include <algorithm>
#include <simgrid/s4u/Host.hpp>

void
gs_cpu_sharing_apply (const char *host_id, int cores, int smt, double throughput)
{
  if (smt <= 1 || cores <= 1)
    return;
  simgrid::s4u::Host *host = simgrid::s4u::Host::by_name (host_id);
  const double physical = std::max (1.0, static_cast<double> (cores) / smt);
  host->set_sharing_policy (
      simgrid::s4u::Host::SharingPolicy::NONLINEAR,
      [cores, physical, throughput] (double capacity, int n) {
        const double per_core = capacity / cores;
        const double busy = std::min (n, cores);
        double effective = busy;
        if (busy > physical)
          effective = physical + (busy - physical) * (throughput - 1.0);
        return per_core * effective;
      });
}
