/* empty-simgrid.c: SimGrid's floor for one prediction, for
 * bench/cold-start.sh: loads libsimgrid, starts SimGrid, loads a platform,
 * runs one actor that does nothing, exits.  usage: empty-simgrid PLATFORM */
#include <stdio.h>

#include <simgrid/actor.h>
#include <simgrid/engine.h>
#include <simgrid/host.h>

static void
nothing (int argc, char **argv)
{
}

int
main (int argc, char **argv)
{
  if (argc < 2) {
    fprintf (stderr, "usage: %s PLATFORM.xml [--log=...]\n", argv[0]);
    return 2;
  }
  simgrid_init (&argc, argv);
  simgrid_load_platform (argv[1]);
  sg_host_t *hosts = sg_host_list ();
  sg_actor_create ("nothing", hosts[0], nothing, 0, NULL);
  simgrid_run ();
  return 0;
}
