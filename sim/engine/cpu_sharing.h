/* cpu_sharing.h: cores that are not full cores (SMT siblings).
 *
 * A virtual machine's vCPUs are often hyper-threads: two of them busy give
 * less than two cores of throughput.  The platform says so with the host
 * properties cpu.smt (hardware threads per physical core) and
 * cpu.smt_throughput (what the threads of one core deliver together, in
 * cores: 1.3 means a busy sibling adds 30 %).  SimGrid's C API cannot
 * express this; this module sets SimGrid's non-linear sharing policy on the
 * host from C++.
 */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

/* On the SimGrid host HOST_ID (loaded already) with CORES cores, SMT
 * threads per physical core and THROUGHPUT cores per busy physical core:
 * k busy logical CPUs deliver gs_smt_capacity (models/smt.h) cores: a
 * full core each up to cores/smt, then (throughput - 1) / (smt - 1) per
 * sibling.  Linux spreads work over physical cores first.
 * Does nothing when SMT is 1.  The host must exist. */
void gs_cpu_sharing_apply (const char *host_id, int cores, int smt,
                           double throughput);

#ifdef __cplusplus
}
#endif
