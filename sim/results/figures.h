/* figures.h: the figures of a result beyond its table, in JSON.
 *
 * A worker's blocked time by object ("waits": [{"on": "lock numpy.random",
 * "seconds": 0.0766, "count": 3}]) and, per repeated statement, its
 * latency figures ("latency": [...], see result.h).  An export of an older
 * gilsim has neither: reading it gives none, and the figures are absent
 * from what is shown.  Numbers are rounded to nine significant digits, as
 * every number of a row (resultset.h).
 */
#pragma once

#include <stdio.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include "engine/result.h"
#include "results/resultset.h"

G_BEGIN_DECLS

/* Nine significant digits: the rounding of every number of a row. */
double gs_figures_r9 (double x);

/* Rounds the figures of R in place (gs_figures_r9). */
void gs_figures_round (GsResult *r);

/* Adds the member "waits" of worker WORKER of R to the object being built
 * in B: an array, by object in the order first seen. */
void gs_figures_add_waits (JsonBuilder *b, const GsResult *r, guint worker);

/* Adds the member "overheads" of worker WORKER of R (its CPU time lost to
 * contention, object locks and collections) to the object being built in
 * B, like "waits"; nothing when the worker has none. */
void gs_figures_add_overheads (JsonBuilder *b, const GsResult *r, guint worker);

/* Reads the member "overheads" of worker WORKER from O into R, as
 * gs_figures_read_waits reads "waits". */
gboolean gs_figures_read_overheads (JsonObject *o, GsResult *r, guint worker,
                                    GError **error);

/* Reads the member "waits" of worker WORKER from O (a worker object of an
 * export) into R; absent means none.  Fails with "the member 'waits'" (the
 * caller says where) when it is not an array of {"on": string, "seconds":
 * number, "count": number}. */
gboolean gs_figures_read_waits (JsonObject *o, GsResult *r, guint worker,
                                GError **error);

/* Adds the member "latency" of R to the object being built in B: an
 * array of {"statement", "line", "count", "mean_s", "p50_s", "p95_s",
 * "p99_s", "max_s"}, by line. */
void gs_figures_add_latency (JsonBuilder *b, const GsResult *r);

/* Reads the member "latency" of O (a result of an export) into R; absent
 * means none.  Fails with "the member 'latency'" when it is malformed. */
gboolean gs_figures_read_latency (JsonObject *o, GsResult *r, GError **error);

/* Writes to OUT the latency figures of R, one line per statement
 * ("print line 12", count, mean, p50, p95, p99, max); nothing without. */
void gs_figures_print_latency (FILE *out, const GsResult *r);

/* Writes to OUT, under the per-worker table whose name column is NAME_W
 * wide, the blocked time of R by worker and object ("worker  blocked on
 * seconds  calls"), each worker's largest first; at most 20 lines, the
 * largest, and a line saying how many more the exports hold.  Nothing
 * without waits. */
void gs_figures_print_waits (FILE *out, const GsResult *r, int name_w);

/* The table of R's overheads, as gs_figures_print_waits's: "worker, cpu
 * lost to, seconds, times" (the statements' slices or collections that
 * lost it); nothing when there are none. */
void gs_figures_print_overheads (FILE *out, const GsResult *r, int name_w);

/* The per-worker fields of the CSV export and of `report --value`. */
extern const char *const gs_figures_worker_fields[];   /* "start_s", ..., NULL */

/* The CSV columns beyond the fixed ones, for the rows of a set: per
 * worker name (the union over the rows, in order of first appearance; the
 * K-th worker of a row with a name already seen in it is NAME_K),
 * "worker_NAME_FIELD" for each of gs_figures_worker_fields; then per
 * latency statement, "latency_WHAT_lineN_FIGURE" (WHAT with spaces as
 * '_'; FIGURE count, mean_s, p50_s, p95_s, p99_s, max_s). */
typedef struct {
  GPtrArray *workers;   /* char*: worker keys */
  GPtrArray *latency;   /* char*: latency keys */
} GsFiguresCsv;

/* Finds the columns of SET's rows into C (cleared with
 * gs_figures_csv_clear). */
void gs_figures_csv_init (GsFiguresCsv *c, const GsResultSet *set);
void gs_figures_csv_clear (GsFiguresCsv *c);

/* Appends ",NAME" for each column of C to S. */
void gs_figures_csv_header (GString *s, const GsFiguresCsv *c);

/* Appends to S the cells of C's columns for ROW (empty where ROW has no
 * such worker or statement). */
void gs_figures_csv_row (GString *s, const GsFiguresCsv *c, const GsRow *row);

/* The value of VALUE for ROW, for `report --value`: "gil_wait" (the
 * workers' GIL wait, summed), "cpu" (their CPU work), "blocked",
 * "slowed" (what slow vCPUs added), "core_wait" (time without a full
 * core), or a
 * per-worker column "worker_NAME_FIELD" as in the CSV (NAN when ROW has
 * no such worker).  Returns FALSE when VALUE is none of these. */
gboolean gs_figures_value (const GsRow *row, const char *value, double *out);

G_END_DECLS
