/* yardstick.h: predictions against several sessions of the same machine.
 *
 * One session's medians are one draw of a machine whose speed changes
 * from session to session (two 16-core sessions differ by a median of
 * 13 %), so a prediction is judged against all the sessions that measured
 * its configuration (issue #15's yardstick):
 *   - the range of a configuration measured (and predicted, calibration
 *     left out) in two or more sessions is [min, max] of their medians; a
 *     session's prediction inside it counts 0, outside it its distance to
 *     the nearer bound over that session's median; the yardstick is the
 *     90th percentile and the maximum of that error over every session's
 *     prediction of such configurations;
 *   - the plain |error| of the same predictions, as a median, over the
 *     median difference between two sessions of the same configuration,
 *     |a / b - 1| over every ordered pair of sessions that measured it:
 *     their ratio says how close the predictions come against how far the
 *     machine is from itself;
 *   - each family (case, variant): the mean signed error of its
 *     predictions over all sessions (every configuration, measured twice
 *     or not); a family beyond +-5 % is biased;
 *   - with predicted intervals (validate --samples), the coverage: the
 *     share of all the predictions (a configuration measured once
 *     included) whose session's median lies inside the
 *     predicted [5 %, 95 %] interval, and the interval's mean width over
 *     the prediction; the same for each family.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A family (case, variant) is biased beyond this mean signed error. */
#define GS_YARDSTICK_BIAS 0.05

typedef struct {
  char *config;          /* the configuration (GsValidation's config) */
  char *case_name, *variant;
  int n_workers;
  guint sessions;        /* sessions that predicted it */
  double lo, hi;         /* [min, max] of their medians */
  double pred_lo, pred_hi;  /* the lowest and highest of their predictions */
  double worst;          /* the largest yardstick error of its predictions */
} GsYardstickConfig;

typedef struct {
  char *case_name, *variant;
  guint predictions;     /* over all sessions */
  double mean_error;     /* mean signed error */
  gboolean biased;       /* |mean_error| > GS_YARDSTICK_BIAS */
  guint intervals;       /* its predictions with an interval (0: no --samples) */
  guint covered;         /* of them, the session's median inside it */
  double mean_width;     /* mean of (p95 - p5) / predicted over them */
} GsYardstickFamily;

typedef struct {
  guint sessions;
  GPtrArray *configs;    /* GsYardstickConfig *, measured in >= 2 sessions,
                            in the order first met */
  GPtrArray *families;   /* GsYardstickFamily *, in the order first met */
  guint predictions;     /* session predictions of those configurations */
  double p90, max;       /* the yardstick error */
  double median_error;   /* plain |error| of the same predictions */
  guint pairs;           /* ordered pairs of sessions' medians compared */
  double median_difference;
  double ratio;          /* median_error / median_difference (NaN if 0) */
  guint biased;          /* families beyond GS_YARDSTICK_BIAS */
  guint intervals;       /* predictions with an interval (0: no --samples) */
  guint covered;         /* of them, the session's median inside it */
  double mean_width;     /* mean of (p95 - p5) / predicted */
} GsYardstick;

/* The yardstick of SESSIONS, a GPtrArray * per session of its rows
 * (GsValidation *, validate.h), in the order given.  Rows skipped or used
 * for calibration are left out.  Percentiles are interpolated linearly
 * (0 without predictions).  Can't fail. */
GsYardstick *gs_yardstick_compute (GPtrArray *sessions);

void gs_yardstick_free (GsYardstick *y);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsYardstick, gs_yardstick_free)

/* Renders Y of the sessions PATHS (char *) on the platform file PLATFORM
 * as "text", "json" or "markdown" (new string): a line per session with
 * its own summary (SUMMARIES: GsValidationSummary, stats.h, by session),
 * the configurations, the families, then the yardstick.  In
 * yardstick_render.c. */
char *gs_yardstick_render (const GsYardstick *y, GPtrArray *paths, GArray *summaries,
                           const char *platform, const char *format);

G_END_DECLS
