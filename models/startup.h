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
 * does not scale it.  So a host can give the start-up of each interpreter
 * it has, besides python.version's: python.startup.3.11, written by
 * `gilsim calibrate --measure --also-python`.  No SimGrid here: the tests
 * drive it alone.
 */
#pragma once

#include <glib.h>

#include "runtime.h"

G_BEGIN_DECLS

/* The start-up, seconds, of a run with runtime RT, from the best measure
 * of RT's own interpreter: SCENARIO_S (>= 0, the scenario's `startup`,
 * measured with SCENARIO_RT, NULL for the default runtime) when RT is that
 * version; else HOST_S when the host's python.version (HOST_VERSION,
 * "3.11") names RT's version; else RT_S (>= 0, the host's
 * python.startup.VERSION for RT, < 0 when it has none).  Failing all
 * three, the nearest guess: SCENARIO_S when given, HOST_S otherwise. */
double gs_startup_choose (const GsRuntime *rt, double scenario_s,
                          const GsRuntime *scenario_rt,
                          const char *host_version, double host_s, double rt_s);

/* The host property that gives the start-up of RT's interpreter on a host
 * whose python.version is another: "python.startup.3.11" (a free-threaded
 * build: "python.startup.3.13t").  Free with g_free(). */
char *gs_startup_prop (const GsRuntime *rt);

G_END_DECLS
