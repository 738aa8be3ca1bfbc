/* session.h: a measured session's loop speed and costs, from its own records.
 *
 * The virtual machines measured change speed from one session to the next,
 * so each records file is its own session (see validate.h), calibrated in
 * three stages, each predicting the rows again with what it found:
 *   - costs: the records that time one thing alone set their properties
 *     (GS_CALIBRATE_COSTS of calibrate.h) on a copy of the platform, a
 *     temporary file for SimGrid;
 *   - the loop: the single-worker records that are mostly Python loop scale
 *     python.loop by the mean speed their runs imply, one scale for workers
 *     and one for the main thread (GsValidation's loop_scale);
 *   - then run_seed.py's one-worker programs set the imports
 *     (GS_CALIBRATE_IMPORTS).
 * The records that set a value become calibration rows.
 */
#pragma once

#include <glib.h>
#include "platform/platform.h"

G_BEGIN_DECLS

/* Calibrates the session of ROWS (GsValidation *, validate.h), already
 * predicted on HOST of PLATFORM, whose predictions JOBS (GsPrediction *,
 * prediction.h, one per row) keep what predicting needs.  Marks the rows
 * that set a value as calibration and predicts every row again with the
 * session's values; a message about the session's temporary platform
 * names PLATFORM's file instead.  When FITS is not NULL, *FITS gets the
 * session's values (GsFit *, calibrate.h, merged; python.loop and
 * python.version among them when the loop was rescaled), left as it was
 * on failure.  With SAMPLES > 1, each predicted row but calibration ones
 * gets its predicted interval from that many drawn samples, sample k on
 * the session's platform and loop speed as the k-th bootstrap of its
 * calibration draws them (bootstrap.h: each value from its record's own
 * runs) and with the machine's random effects drawn
 * (gs_prediction_sample_one).  Fails (G_FILE_ERROR or GS_PLATFORM_ERROR)
 * only when the session's platform cannot be written or read. */
gboolean gs_session_calibrate (GPtrArray *rows, GPtrArray *jobs, const GsPlatform *platform,
                               const GsHost *host, guint samples, GPtrArray **fits,
                               GError **error);

G_END_DECLS
