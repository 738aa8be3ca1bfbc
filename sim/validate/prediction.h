/* prediction.h: predicting the row of one measured record.
 *
 * A row's scenario is simulated the way `gilsim run` simulates a point: its
 * point built (with N from the record for a seed scenario), turned into the
 * engine's configuration by sim/run/point_config.h, and run in a child
 * process (sim/run/simulate.h).  On top of the point, the session's loop
 * speed scales the Python loop's cost (engine.h's loop_scale).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include "platform/platform.h"
#include "validate/validate.h"

G_BEGIN_DECLS

/* What predicting a row needs besides the row. */
typedef struct {
  char *name;          /* the scenario's name in messages, or its file */
  char *n_value;       /* -L N=... for seed scenarios, or NULL */
  gboolean is_file;
  double python;       /* Python loop time of the last prediction */
  GArray *runs;        /* every run's wall time (doubles), maybe empty */
  gboolean main_only;  /* measure.py's kind "main": it runs in the main thread */
  gboolean built;      /* it has a scenario (it may still fail to predict) */
  JsonNode *rec;       /* the record, for calibration */
  char *where;         /* "FILE:LINE" of the record */
  const char *runtime; /* the runtime it was predicted with */
} GsPrediction;

/* Frees J and what it owns (every member but runtime).  NULL allowed. */
void gs_prediction_free (GsPrediction *j);

/* Predicts row V (its scenario: V->scenario, or the file J->name when
 * J->is_file) on HOST of PLATFORM with the Python loop's cost scaled by
 * SCALE: sets V->loop_scale, V->predicted_s and V->error, and J->python to
 * the time of its `python` statements.  When the scenario fails, returns
 * FALSE with V->predicted_s < 0 and V->skipped saying why (V->skipped must
 * be NULL before). */
gboolean gs_prediction_run (GsValidation *v, GsPrediction *j, const GsPlatform *platform,
                            const GsHost *host, double scale);

/* Predicts row V, already predicted (its loop_scale set), SAMPLES more
 * times with the machine's random effects drawn (engine/noise.h, samples
 * 1 to SAMPLES) and sets V->predicted_p5 and predicted_p95 to the 90 %
 * prediction interval of their times (gs_prediction_interval).  Nothing for a
 * skipped row or SAMPLES < 2; left NaN if a sample fails. */
void gs_prediction_sample (GsValidation *v, GsPrediction *j, const GsPlatform *platform,
                           const GsHost *host, guint samples);

/* The time of sample SAMPLE (>= 1) of row V, already predicted, on HOST
 * of PLATFORM with the Python loop's cost scaled by SCALE; -1 if the
 * scenario fails.  Sets nothing. */
double gs_prediction_sample_one (GsValidation *v, GsPrediction *j, const GsPlatform *platform,
                                 const GsHost *host, double scale, guint sample);

/* Sets V->predicted_p5 and predicted_p95 to the bounds of the 90 %
 * prediction interval of WALLS (doubles, sorted in place): the order
 * statistics of ranks 0.05 (K + 1) and 0.95 (K + 1) of its K times,
 * interpolated linearly, the extremes beyond them (so that a new draw
 * falls inside 90 % of the time on average, where the 5 % and 95 %
 * quantiles of 10 samples hold it 74 % of the time), and keeps a
 * reference to WALLS in V->predicted_samples.  Nothing when WALLS is NULL
 * or empty. */
void gs_prediction_interval (GsValidation *v, GArray *walls);

G_END_DECLS
