/* bootstrap.h: a session's calibration drawn again from its records' runs.
 *
 * A session's costs and loop speed come from its single-worker records,
 * each the mean of a few runs (session.h).  Those few runs are themselves
 * a draw of the machine: with `validate --samples K`, sample k (1 to K)
 * calibrates the session from a bootstrap of them, each record's mean
 * taken over as many of its own runs drawn with replacement, so that the
 * predicted interval carries the calibration's own uncertainty besides
 * the machine's random effects (engine/noise.h).  The draws are keyed by
 * the record and the sample only: the same inputs give the same bytes.
 * Sample 0 is the calibration itself (the plain mean).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which of N runs draw DRAW of SAMPLE picks for the record keyed KEY:
 * an index below N, uniform, a function of its arguments only.  N > 0. */
guint gs_bootstrap_pick (guint n, guint64 key, guint sample, guint draw);

/* The mean of RUNS (N doubles) in SAMPLE: for SAMPLE 0 their plain mean;
 * otherwise the mean of N runs drawn with replacement (gs_bootstrap_pick,
 * draws 0 to N - 1).  NAN when N is 0. */
double gs_bootstrap_mean (const double *runs, guint n, guint64 key, guint sample);

/* The mean over several records' runs (the loop speed: the mean of every
 * run of its records) in SAMPLE: RUNS holds COUNTS[r] runs of record r one
 * after the other, R records; each record's runs count with their
 * bootstrap mean in SAMPLE (gs_bootstrap_mean keyed KEYS[r]), weighted by
 * their number.  NAN when there are no runs. */
double gs_bootstrap_pooled_mean (const double *runs, const guint *counts,
                                 const guint64 *keys, guint r, guint sample);

G_END_DECLS
