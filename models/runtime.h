/* runtime.h: the Python runtimes gilsim knows, and what differs between them.
 *
 * A runtime names a GIL model and a cost profile: how much slower or faster
 * its interpreter runs the same Python code than the version a platform was
 * calibrated with, and its default multiprocessing start method.  Costs
 * themselves come from the platform; a runtime only scales them.
 */
#pragma once

#include <glib.h>
#include "gil.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;          /* "cpython-3.12" */
  GsGilKind gil;
  int major, minor;          /* version, to compare with a platform's calibration */
  gboolean free_threaded;
  double loop_factor;        /* cost of the same Python loop relative to
                                CPython 3.12 (measured, see runtime.c) */
  double single_thread_factor; /* interpreter cost relative to the GIL build
                                  of the same version (1.4 for 3.13t) */
  double check_interval_iters; /* old GIL: loop iterations per check interval */
  const char *start_method;  /* multiprocessing default on Linux */
  const char *summary;       /* one line for --help and reports */
} GsRuntime;

/* Finds a runtime by name; NULL if unknown. */
const GsRuntime *gs_runtime_lookup (const char *name);

/* The relative cost of Python code under runtime TO when a platform's
 * python.loop was measured with Python version FROM ("3.11", "3.12.3"; NULL
 * or unknown: the same as TO). */
double gs_runtime_cost_ratio (const GsRuntime *to, const char *from);

/* TRUE if runtimes A and B run the same interpreter version (3.13 and
 * 3.13t are two). */
gboolean gs_runtime_same_version (const GsRuntime *a, const GsRuntime *b);

/* The runtime scenarios get when they name none. */
const GsRuntime *gs_runtime_default (void);

/* A comma-separated list of the known names, for error messages.  Static. */
const char *gs_runtime_names (void);

/* All runtimes, NULL-terminated order of the table; *N_OUT gets the count. */
const GsRuntime *gs_runtime_all (gsize *n_out);

G_END_DECLS
