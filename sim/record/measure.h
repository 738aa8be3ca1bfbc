/* measure.h: gilsim calibrate --measure: running the shipped measurement
 * harness (sim/record/python/gilsim_recorder/measure.py, the one that
 * measured the shipped platforms) with the user's interpreter, with a
 * progress bar, into a JSON-lines file that gilsim calibrate reads.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The harness's path: measure.py in the recorder's package
 * (gs_record_package_dir).  NULL with an error when it is not there. */
char *gs_measure_harness (GError **error);

/* Runs the harness HARNESS with the interpreter PYTHON (a name on PATH or
 * a path), writing its records into OUT, in at most BUDGET_S seconds (the
 * harness scales its sizes to fit).  Its output goes to stderr: a progress
 * bar when stderr is a terminal, its lines as they come otherwise.  FALSE
 * with a one-line error when PYTHON is not found, cannot run or the
 * harness fails. */
gboolean gs_measure_run (const char *python, const char *harness, const char *out,
                         double budget_s, GError **error);

G_END_DECLS
