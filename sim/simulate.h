/* simulate.h: one simulation in a child process.
 *
 * SimGrid allows one engine per process and may abort the process on
 * internal errors; so every simulation runs in a fork()ed child that sends
 * its result (or its error message) back through a pipe.  A child that dies
 * becomes an error, never a crash of gilsim.
 */
#pragma once

#include <glib.h>
#include "engine.h"

G_BEGIN_DECLS

/* Runs gs_engine_run (CFG) in a child process and returns its result, or
 * NULL with ERROR set to the child's error message, or to a message saying
 * how the child died. */
GsResult *gs_simulate (const GsEngineConfig *cfg, GError **error);

G_END_DECLS
