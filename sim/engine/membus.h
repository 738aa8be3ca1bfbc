/* membus.h: a host's memory bandwidth as a SimGrid resource.
 *
 * Native code that streams through memory (np.sum over a big array) is
 * limited by the memory bus as well as by its core, and threads on one host
 * share the bus.  SimGrid has no memory model, but a disk is exactly a
 * per-host bandwidth that concurrent transfers share fairly; its C API
 * cannot create one, so this module adds a hidden disk, GS_MEMBUS_NAME,
 * from C++ when the host has the property memory.bandwidth.  The engine
 * reads the streamed bytes from it while the call's CPU work runs, so the
 * call takes as long as the slower of the two.  A call's fresh output is
 * written to it likewise, or, with memory.alloc_cost, while the call's
 * page faults run, before the rest of its work (threads_cpu.c).
 */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

#define GS_MEMBUS_NAME "gilsim:membus"

/* Adds the disk GS_MEMBUS_NAME to the SimGrid host HOST_ID (loaded already,
 * the simulation not yet run): reads are streaming through memory at
 * READ_BW bytes/s, writes are filling fresh memory (page faults, zeroing)
 * at WRITE_BW bytes/s.  Can't fail on an existing host; call it once per
 * host. */
void gs_membus_create (const char *host_id, double read_bw, double write_bw);

#ifdef __cplusplus
}
#endif
