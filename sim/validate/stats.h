/* stats.h: how far a validation's predictions are from the measurements.
 *
 * The summary of validate's rows: the |error| of the predicted rows
 * (calibration rows left out) as a median, 90th percentile and maximum,
 * how many fell between the fastest and the slowest measured run, and,
 * against another session's file (--compare-with), how far the two
 * measurements are from each other: the noise floor that no prediction
 * can beat on both.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint count;            /* predicted, calibration records excluded */
  guint calibration;      /* records that set the session's loop speed */
  guint skipped;
  guint within_runs;      /* predicted between the fastest and slowest run */
  guint superseded;       /* records left out for a less disturbed one */
  double worker_scale;    /* the loop speed factors of the session (1 when */
  double main_scale;      /* the file did not rescale the platform) */
  double median_abs_error, p90_abs_error, max_abs_error;
  /* against another file (gs_validation_compare): the predicted rows whose
   * configuration it measured too, how far its medians are from these,
   * |this / other - 1|, and the predictions' |error| on the same rows */
  guint compared;
  double other_median, other_p90, other_max;
  double same_median, same_p90, same_max;
  /* with predicted intervals (validate --samples): the predicted rows that
   * have one, those whose measured median is inside, the mean width of
   * the interval over the prediction */
  guint intervals, covered;
  double mean_width;
} GsValidationSummary;

/* The summary of ROWS (GsValidation *, validate.h).  The loop scales are
 * those of the last predicted row of each kind (workers, main thread), 1
 * without one; percentiles are interpolated linearly, and 0 without rows.
 * Can't fail. */
GsValidationSummary gs_stats_summarize (GPtrArray *rows);

/* X rounded to six significant digits: how the validation's exports
 * write their figures. */
double gs_stats_round6 (double x);

/* The P-th percentile (0 to 100) of V (doubles), interpolated linearly
 * (util/quantiles.h); sorts V.  0 when V is empty. */
double gs_stats_percentile (GArray *v, double p);

G_END_DECLS
