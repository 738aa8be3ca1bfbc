/* resultset.h: the results of a sweep, and their JSON export.
 * (resultset_load.h reads an export back, resultset_merge.h merges the
 * exports of parts of one sweep.)
 *
 * A result set holds one row per simulated point: what the point ran (the
 * scenario, the machine, the runtime, the swept parameters as written) and
 * what it predicted.  Rows are kept in point order, one per point, so a
 * set built from a run, from a JSON export (--resume, `gilsim report`) or
 * from several exports (`gilsim merge`) renders the same bytes when it
 * holds the same points.  To make that hold, every number of a row is
 * rounded to nine significant digits when the row is made: a row read back
 * from its export is the row that was written.
 *
 * The JSON export is shaped like hyperfine's: {"results": [...]}, each
 * result with "command", "mean" (the predicted wall time; a prediction has
 * no spread, so "stddev" is 0 and "median", "min" and "max" equal it) and
 * "parameters" ({"N": "3"}), plus gilsim's own members, seconds everywhere;
 * and {"sweep": {"points": P, "reference": {...} or null}} naming the size
 * of the whole sweep and its --reference, so partial exports can be merged.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include "engine/result.h"

G_BEGIN_DECLS

typedef struct {
  guint point;             /* index of the point in the whole sweep */
  char *scenario;
  char *platform;          /* the platform file as given (never a copy) */
  char *host;
  int cores;
  double speed;            /* flop/s per core */
  char *runtime;
  double switch_interval;  /* seconds */
  GPtrArray *names;        /* char*: swept parameters, in axis order */
  GPtrArray *values;       /* char*: their values here */
  GsResult *result;        /* owned, rounded */
  char *scenario_sha256;   /* the files' contents when it ran (hex), or
                              NULL: read from an export that lacks them */
  char *platform_sha256;
} GsRow;

typedef struct {
  guint points;            /* points in the whole sweep */
  GPtrArray *ref_names;    /* char*: --reference names; empty: the fastest */
  GPtrArray *ref_values;   /* char* */
  GPtrArray *rows;         /* GsRow*, by point, each point once */
} GsResultSet;

/* A row that takes RESULT (rounded in place) and copies the strings and
 * arrays.  Can't fail. */
GsRow *gs_resultset_row_new (guint point, const char *scenario, const char *platform,
                   const char *host, int cores, double speed,
                   const char *runtime, double switch_interval,
                   GPtrArray *names, GPtrArray *values, GsResult *result);
void gs_resultset_row_free (GsRow *row);

/* "N = 1, runtime = cpython-3.12": the row's parameters, or the scenario
 * when nothing was swept.  New string. */
char *gs_resultset_row_label (const GsRow *row);

/* The value of swept parameter NAME in ROW, or NULL. */
const char *gs_resultset_row_param (const GsRow *row, const char *name);

/* sequential / wall, or 0 when either is unknown. */
double gs_resultset_row_speedup (const GsRow *row);

/* An empty set of a sweep of POINTS points whose reference is REF (a
 * --reference argument "N=1,runtime=cpython-3.12", or NULL for the
 * fastest).  Fails with a one-line message for a malformed REF. */
GsResultSet *gs_resultset_new (guint points, const char *ref, GError **error);
void gs_resultset_free (GsResultSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsResultSet, gs_resultset_free)

/* Adds ROW (taken) in point order.  Returns FALSE and frees ROW when SET
 * already has its point. */
gboolean gs_resultset_add (GsResultSet *set, GsRow *row);

/* The row of SET whose swept parameters are exactly NAMES = VALUES
 * (char* arrays), or NULL. */
GsRow *gs_resultset_find (const GsResultSet *set, GPtrArray *names,
                          GPtrArray *values);

/* The row the Relative column divides by: the one that matches the
 * reference, else the fastest.  NULL when the reference point is not in
 * SET, or SET is empty. */
const GsRow *gs_resultset_reference (const GsResultSet *set);

/* Whether A and B hold the same strings in the same order (names or
 * values of parameters). */
gboolean gs_resultset_same_strings (GPtrArray *a, GPtrArray *b);

/* ROW as one line of JSON, as the export writes it (without the speedup,
 * which depends on the set): equal texts, equal rows.  New string. */
char *gs_resultset_row_json (const GsRow *row);

/* The document built in B as gilsim writes JSON: pretty, two-space
 * indent, final newline.  New string. */
char *gs_resultset_json_text (JsonBuilder *b);

/* The JSON export of SET (pretty, two-space indent, final newline).  New
 * string. */
char *gs_resultset_to_json (const GsResultSet *set);

G_END_DECLS
