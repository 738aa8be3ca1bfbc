/* startup.h: which interpreter start-up a run pays.
 *
 * A scenario's `runtime NAME startup = D` gives the start-up of the
 * interpreter NAME (a recording measures it); the host's python.startup is
 * that of the host's python.version.  A start-up belongs to its
 * interpreter: run with another runtime (`-L runtime=...`), the scenario's
 * no longer applies.  The pyenv interpreters of one machine differ by tens
 * of milliseconds (site-packages, .pth files: CPython 3.11.7 starts in 84
 * ms of CPU on the 2-core machine, 3.12.1 and 3.13.0 in 35), far more
 * than any other cost of a short program; the loop factor of runtime.h
 * does not scale it.  No SimGrid here: the tests drive it alone.
 */
#pragma once

#include <glib.h>

#include "runtime.h"

G_BEGIN_DECLS

/* The start-up, seconds, of a run with runtime RT: SCENARIO_S (>= 0, the
 * scenario's `startup`, measured with SCENARIO_RT, NULL for the default
 * runtime), unless RT is another version and the host measured RT's own
 * (HOST_VERSION, "3.11", names RT's version): then HOST_S; with no
 * scenario start-up (SCENARIO_S < 0), HOST_S. */
double gs_startup_choose (const GsRuntime *rt, double scenario_s,
                          const GsRuntime *scenario_rt,
                          const char *host_version, double host_s);

G_END_DECLS
