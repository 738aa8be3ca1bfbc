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

G_BEGIN_DECLS

/* Nine significant digits: the rounding of every number of a row. */
double gs_figures_r9 (double x);

/* Rounds the figures of R in place (gs_figures_r9). */
void gs_figures_round (GsResult *r);

/* Adds the member "waits" of worker WORKER of R to the object being built
 * in B: an array, by object in the order first seen. */
void gs_figures_add_waits (JsonBuilder *b, const GsResult *r, guint worker);

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

G_END_DECLS
