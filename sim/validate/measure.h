/* measure.h: measuring this machine with the shipped harness, for calibrate.
 *
 * `gilsim calibrate --measure` turns the user's own machine into a
 * platform file in one command: it runs the measurement harness that ships
 * with gilsim (sim/validate/harness/measure.py, standard library only, the
 * NumPy cases only where NumPy imports) with the user's interpreter, times
 * that interpreter's start-up, and hands the records to calibrate.  This
 * module is the first half: the run, with a progress bar and a time
 * budget.
 */
#pragma once

#include <glib.h>

#include "run/progress.h"

G_BEGIN_DECLS

typedef struct {
  const char *python;     /* the interpreter: a name on PATH or a path */
  const char *const *also;/* other interpreters (NULL-terminated, or NULL),
                             of other versions: their start-ups only */
  double budget_s;        /* the harness's time budget, seconds */
  gboolean quick;         /* the harness's smoke run: tiny sizes, one run each */
  const char *records;    /* the JSON-lines file to write (overwritten) */
  GsProgressStyle style;  /* a bar on stderr; with GS_PROGRESS_NONE the
                             harness's own lines go to stderr instead */
} GsMeasureOptions;

/* Checks that O->python is a Python 3.8 or later, times its start-up
 * (`python -c pass`, five times), runs the harness with O->budget_s as its
 * budget into O->records, and appends an "interpreter_start" record (the
 * start-up's median, minimum, maximum and runs, as run_seed.py writes it);
 * then one for each interpreter of O->also, each a Python 3.8+ of a
 * version of its own (calibrate makes them python.startup.VERSION).
 * The harness scales its work to fit the budget; one that runs much past
 * it (a quarter and two minutes) is stopped.  Fails with a one-line
 * message saying what to do when the interpreter is missing or is not
 * Python 3.8+, the harness is not installed, fails (its last line is
 * quoted) or is stopped, or the records cannot be written. */
gboolean gs_measure_run (const GsMeasureOptions *o, GError **error);

G_END_DECLS
