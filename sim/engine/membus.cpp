// membus.cpp: the memory bus as a hidden SimGrid disk (see membus.h).
// C++ because SimGrid's C API cannot create disks.
#include "engine/membus.h"

#include <simgrid/s4u/Disk.hpp>
#include <simgrid/s4u/Host.hpp>

void
gs_membus_create (const char *host_id, double read_bw, double write_bw)
{
  simgrid::s4u::Host *host = simgrid::s4u::Host::by_name (host_id);
  host->create_disk (GS_MEMBUS_NAME, read_bw, write_bw)->seal ();
}
