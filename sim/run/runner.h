/* runner.h: simulating the points of a sweep, several at once.
 *
 * Each point is simulated as written and, unless told not to, with its
 * workers run one after another (its sequential time): two jobs, which a
 * pool of workers (sim/run/simulate.h) runs in parallel.  When there are
 * more jobs than workers, a point's sequential run waits for its run as
 * written and is not simulated where that run stands for it (the two would
 * be the same run: GsEngineConfig.note_sequential); GILSIM_SEQUENTIAL_RUNS
 * =always simulates every one, =check every one and fails a point where
 * the two differ.  Jobs are started in
 * point order; a point whose core count differs from the platform file's
 * runs on a rewritten copy of the file (sim/platform/platform_variant.h).  After
 * each point the caller is told, so it can rewrite its exports.  Results
 * never depend on the number of workers.
 *
 * With R->samples K > 1 on a host with random effects, a point is K jobs,
 * its samples 1 to K (each keyed by the point's seed and its index), and
 * its result is the median sample's (the lower middle one for an even K)
 * with every sample's wall time in `samples` (results/spread.h); only the
 * first sample is traced.  The sequential time is the expected one.
 */
#pragma once

#include <glib.h>
#include "platform/platform.h"
#include "run/progress.h"
#include "run/points.h"

G_BEGIN_DECLS

/* Called when point P has its result (P->result set, sequential time
 * included); DONE counts the points finished so far. */
typedef void (*GsRunnerFunc) (GsPoint *p, guint done, gpointer data);

typedef struct {
  const GsScenario *sc;
  const GsPlatform *platform;
  const GsHost *host;          /* in PLATFORM */
  GPtrArray *points;           /* GsPoint*: the points to simulate */
  guint jobs;                  /* simulations at once, >= 1 */
  gboolean sequential;         /* also simulate the sequential time */
  gboolean fork_server;        /* start SimGrid once per worker */
  GPtrArray *simgrid_args;     /* char*: --cfg= and --log= arguments */
  GsProgress *progress;        /* may be NULL */
  guint progress_base;         /* points done before this run */
  GsRunnerFunc on_point;       /* may be NULL */
  gpointer data;
  GPtrArray *trace_paths;      /* char* by point index (GsPoint.index): where
                                  the point's run as written writes its
                                  Chrome trace, or NULL; may be NULL */
  GPtrArray *timeline_paths;   /* the same, for its timeline */
  guint samples;               /* simulations of each point with the
                                  machine's random effects drawn
                                  (engine/noise.h); 0 or 1: the expected
                                  prediction alone, as does a host without
                                  random effects */
  gboolean no_noise;           /* no slow virtual CPUs (engine/noise.h) */
} GsRunner;

/* Simulates every point of R->points, in parallel on R->jobs workers.
 * On the first failure stops starting points, lets the running ones
 * finish (reporting them), and fails with the error of the failed point
 * of lowest index: the error a one-worker run would give.  Also fails
 * with a G_FILE_ERROR when no process or platform copy can be made. */
gboolean gs_runner_run (const GsRunner *r, GError **error);

/* How many samples each point of R gets: R->samples, or 1 when that is 0
 * or 1, when R->no_noise, or when R's host has no random effects to draw
 * (engine/noise.h). */
guint gs_runner_samples (const GsRunner *r);

G_END_DECLS
