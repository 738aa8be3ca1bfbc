// cpu_sharing.cpp: SMT throughput through SimGrid's non-linear CPU sharing.
// C++ because SimGrid exposes set_sharing_policy in s4u only.
#include "engine/cpu_sharing.h"

#include <simgrid/s4u/Host.hpp>

#include "smt.h"

void
gs_cpu_sharing_apply (const char *host_id, int cores, int smt, double throughput)
{
  if (smt <= 1 || cores <= 1)
    return;
  simgrid::s4u::Host *host = simgrid::s4u::Host::by_name (host_id);
  host->set_sharing_policy (
      simgrid::s4u::Host::SharingPolicy::NONLINEAR,
      [cores, smt, throughput] (double capacity, int n) {
        return capacity / cores * gs_smt_capacity (cores, smt, throughput, n);
      });
}
