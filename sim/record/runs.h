/* runs.h: gilsim record --runs K: one scenario from K recordings of one
 * program, the per-statement medians of theirs (docs/record.md). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The scenario whose measured numbers (Python iterations, durations, the
 * comments' figures) are, statement by statement, the lower medians of
 * the N scenarios SCENARIOS (texts made by gs_recording_scenario from N
 * recordings of one command), made by the recorder's module
 * gilsim_recorder.runs of PACKAGE_DIR run with PYTHON.  Recordings whose
 * structure (the statements once their measurements are set aside)
 * differs from the largest class of one structure are left out; the
 * module says so on stderr, with the recorder's median overhead.  N is at
 * least 1.  NULL with an error when the module could not run or failed. */
char *gs_runs_median (const char *package_dir, const char *python, char *const *scenarios,
                      guint n, GError **error);

G_END_DECLS
