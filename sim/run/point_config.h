/* point_config.h: a point of a sweep as the engine's configuration.
 *
 * `gilsim run` (the runner) and `gilsim validate` simulate points the same
 * way: this is the one place that copies a GsPoint into a GsEngineConfig.
 *
 * Two scales of the engine's configuration are easily confused:
 *   - cpu_scale is the point's: the platform file's speed over the `speed`
 *     the point sweeps (sim/run/points.h); it multiplies every CPU cost.  A
 *     point built without a host has none (0), which the engine reads as 1.
 *   - loop_scale is a measured session's: how much faster or slower the
 *     Python loop alone ran in it than the platform says
 *     (sim/validate/session.h); only validate sets it, after this.
 */
#pragma once

#include <glib.h>
#include "engine/engine.h"
#include "platform/platform.h"
#include "run/points.h"
#include "lang/scenario.h"

G_BEGIN_DECLS

/* Fills CFG to simulate point P of scenario SC on HOST of PLATFORM as
 * written: the point's runtime, switch interval, start-up, CPU scale, seed and
 * parameters, with the SimGrid arguments SIMGRID_ARGS (char*, NULL
 * allowed; SimGrid's own log is silenced when there are none).  The rest
 * of CFG is cleared: loop_scale 0 (the platform's loop), sequential FALSE.
 * CFG points into P, SC, PLATFORM, HOST and SIMGRID_ARGS, which must
 * outlive it.  Can't fail. */
void gs_point_config_fill (GsEngineConfig *cfg, const GsPoint *p, const GsScenario *sc,
                           const GsPlatform *platform, const GsHost *host,
                           GPtrArray *simgrid_args);

G_END_DECLS
