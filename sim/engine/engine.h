/* engine.h: runs one scenario on one SimGrid platform and predicts it.
 *
 * Each Python thread is a SimGrid actor on the process's host; CPU work is a
 * SimGrid execution, so SimGrid's CPU model shares the host's cores when
 * more work is runnable than there are cores.  Each Python process has its
 * own GIL (models/gil.h) and a daemon actor, its GIL controller, that fires
 * the GIL's timers.  A thread running Python code waits for its execution
 * no longer than the GIL's next timer or one switch interval, looks at the
 * GIL, and when a drop request is pending cancels its execution, drops the
 * GIL and starts again with what remained once the GIL is back.
 *
 * SimGrid allows one engine per process and exits on some errors: call
 * gs_engine_run() at most once per process, in a child (see sim/run/simulate.h).
 */
#pragma once

#include <glib.h>
#include "lang/eval.h"
#include "platform/platform.h"
#include "engine/result.h"
#include "runtime.h"
#include "lang/scenario.h"

G_BEGIN_DECLS

typedef struct {
  const GsScenario *sc;
  const GsPlatform *platform;
  const GsHost *host;          /* where the main process runs */
  const GsRuntime *runtime;
  double switch_interval;      /* seconds */
  double startup;              /* interpreter start-up; < 0: the platform's */
  const GsRuntime *startup_runtime; /* whose start-up that is (startup.h);
                                       NULL: the default runtime */
  double loop_scale;           /* multiplies the Python loop's cost (0 means
                                  1): the machine's speed in a measured
                                  session (see validate.h) */
  double cpu_scale;            /* multiplies every CPU cost (0 means 1): the
                                  file's speed over a point's `speed`
                                  (sim/run/point_config.h) */
  const GsEnv *globals;        /* the scenario's parameters, resolved */
  gboolean sequential;         /* run started workers one after another */
  guint64 seed;                /* the draws' seed: the main thread's key
                                  (lang/random.h) */
  guint sample;                /* 0: the expected prediction; k >= 1: the
                                  k-th sample of the machine's random
                                  effects drawn (noise.h) */
  gboolean no_noise;           /* no slow virtual CPUs (noise.h) */
  GPtrArray *simgrid_args;     /* extra --cfg=/--log= arguments (char*) */
  gboolean quiet_simgrid;      /* silence SimGrid's own log output */
  const char *trace_path;      /* write the Chrome trace there (trace.h), or NULL */
  const char *timeline_path;   /* write the timeline there (timeline.h), or NULL */
  gboolean note_sequential;    /* a run as written (sequential FALSE) whose
                                  sequential run would be the same run, step
                                  for step, sets its result's sequential_s to
                                  its wall_s: no group started a second
                                  worker, no barrier was waited on, no gather
                                  had two tasks, no pool several processes
                                  (the only places the sequential run differs) */
} GsEngineConfig;

/* Starts SimGrid for CFG: simgrid_init with CFG's SimGrid arguments, its
 * platform file loaded, its host's CPU sharing set.  At most once per
 * process.  A process forked afterwards inherits the started engine and
 * calls gs_engine_run once with a config of the same platform, host and
 * SimGrid arguments: a sweep pays for start-up once per platform, not once
 * per point (see sim/run/simulate.h).  Can't fail on a platform that
 * gs_platform_load accepted. */
void gs_engine_start (const GsEngineConfig *cfg);

/* Whether gs_engine_start ran in this process (or in the process this one
 * was forked from). */
gboolean gs_engine_started (void);

/* Simulates the scenario of CFG (starting SimGrid first unless
 * gs_engine_start did).  Returns the prediction, or NULL with ERROR
 * set to a one-line "FILE:LINE:COL: message" for a failure the scenario
 * causes at run time: a missing platform property, a value out of range, a
 * deadlock (with who waits for what), or a simulation too large to run. */
GsResult *gs_engine_run (const GsEngineConfig *cfg, GError **error);

/* Called with the first error of a simulation as soon as it is known,
 * before the engine stops the other actors (which SimGrid may abort on
 * when several fail at the same instant).  A forked child can send the
 * error there and end at once.  NULL, the default, calls nothing. */
typedef void (*GsEngineErrorHook) (const GError *error, gpointer data);
void gs_engine_set_error_hook (GsEngineErrorHook hook, gpointer data);

G_END_DECLS
