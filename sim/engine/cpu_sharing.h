/* cpu_sharing.h: cores that are not full cores (SMT siblings, efficiency
 * cores) or not at one clock (turbo).
 *
 * A virtual machine's vCPUs are often hyper-threads: two of them busy give
 * less than two cores of throughput.  A laptop's efficiency cores are
 * slower than its performance cores, and every core's clock falls as more
 * of them are busy.  The platform says so with the host properties
 * cpu.smt and cpu.smt_throughput, cpu.efficiency_cores and
 * cpu.efficiency_speed, and cpu.allcore_speed (models/capacity.h).
 * SimGrid's C API cannot express this; this module sets SimGrid's
 * non-linear sharing policy on the host from C++.
 */
#pragma once

#include "capacity.h"

#ifdef __cplusplus
extern "C" {
#endif

/* On the SimGrid host HOST_ID (loaded already), whose cores are as C
 * says: k busy executions share gs_capacity_cores (C, k) cores, evenly.
 * Does nothing when gs_capacity_is_plain (C).  The host must exist; C is
 * copied. */
void gs_cpu_sharing_apply (const char *host_id, const GsCapacity *c);

#ifdef __cplusplus
}
#endif
