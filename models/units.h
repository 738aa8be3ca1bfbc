/* units.h: quantities with units (durations, sizes, speeds, bandwidths).
 *
 * Scenarios, platform properties and the command line all write quantities
 * the same way: a number followed at once by a unit, "5ms", "64MiB", "1Gf",
 * "125MBps".  This module owns that table so the three agree.  Values are
 * kept in base units: seconds, bytes, flop/s, bytes/s.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GS_DIM_COUNT,      /* a plain number: iterations, elements, threads */
  GS_DIM_DURATION,   /* seconds */
  GS_DIM_SIZE,       /* bytes */
  GS_DIM_SPEED,      /* flop/s (SimGrid host speed) */
  GS_DIM_BANDWIDTH,  /* bytes/s */
  GS_DIM_STRING,     /* not a quantity; used by the scenario language */
} GsDim;

#define GS_UNITS_ERROR (gs_units_error_quark ())
GQuark gs_units_error_quark (void);

typedef enum {
  GS_UNITS_ERROR_SYNTAX,
  GS_UNITS_ERROR_UNIT,
  GS_UNITS_ERROR_RANGE,
} GsUnitsError;

/* Looks up a unit suffix such as "ms" or "MiB".  On success stores the
 * dimension and the factor to base units and returns TRUE; returns FALSE for
 * an unknown suffix and leaves the outputs untouched.  Case matters ("MB" is
 * a size, "mb" is unknown). */
gboolean gs_unit_lookup (const char *suffix, GsDim *dim, double *factor);

/* Parses TEXT, a number with an optional unit ("2s", "1.5e-3s", "64MiB",
 * "1e7"), as a quantity of dimension EXPECT.  A bare number is accepted for
 * GS_DIM_COUNT only, except that SimGrid-style plain numbers are read as base
 * units when ALLOW_BARE is TRUE.  Fails with GS_UNITS_ERROR on a malformed
 * number, an unknown unit, a unit of another dimension, a value that is not
 * finite or is negative. */
gboolean gs_units_parse (const char *text, GsDim expect, gboolean allow_bare,
                         double *out, GError **error);

/* The user-facing name of a dimension ("duration", "size", ...). Never NULL. */
const char *gs_dim_name (GsDim dim);

/* A short example of a value of DIM, for error messages ("5ms"). */
const char *gs_dim_example (GsDim dim);

/* Formats SECONDS with a unit chosen for readability ("2.09 s", "340 us").
 * Returns a newly allocated string. */
char *gs_format_duration (double seconds);

G_END_DECLS
