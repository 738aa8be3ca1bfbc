/* spread.h: a prediction's samples (run --samples K) as hyperfine reports runs.
 *
 * A point simulated K times with the machine's random effects drawn
 * (engine/noise.h) has K wall times, the result's `samples`; its other
 * figures (workers, prints) are those of the sample at the median (the
 * lower of the two middle ones for an even K), whose time is wall_s.  One
 * prediction is a spread of one: stddev 0, the rest its wall time.
 */
#pragma once

#include <glib.h>
#include "engine/result.h"

G_BEGIN_DECLS

typedef struct {
  guint n;           /* samples, >= 1 */
  double mean;
  double stddev;     /* the samples' (n - 1), as hyperfine; 0 for one */
  double median;     /* interpolated between the two middle ones */
  double min, max;
} GsSpread;

/* The spread of R's samples, or of its wall time when it has none. */
GsSpread gs_spread_of (const GsResult *r);

/* The Q-th quantile (0..1) of R's samples, interpolated linearly; its
 * wall time when it has none. */
double gs_spread_quantile (const GsResult *r, double q);

/* "1.234 s +- 0.056 s (range 1.150 s to 1.402 s, 20 samples)": new
 * string; for one prediction, its wall time alone. */
char *gs_spread_text (const GsResult *r);

G_END_DECLS
