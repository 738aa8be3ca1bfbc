/* traces.h: where a run's traces and timelines go, and its HTML reports.
 *
 * `--trace PATH` writes the Chrome trace of each point's run as written
 * (never of its sequential run): a one-point run to PATH; a sweep's point
 * K (its index, as --list-points shows) to PATH with "-K" before its
 * extension (trace.json: trace-3.json).  A PATH that is a folder or ends
 * with "/" gets trace.json, or trace-K.json for a sweep, inside.
 *
 * `--html FILE` and `-o DIR` (DIR/report.html) need each point's timeline
 * (engine/timeline.h): the simulations write them into a temporary folder,
 * which the report reads and gs_traces_clear removes.
 */
#pragma once

#include <glib.h>
#include "lang/scenario.h"
#include "results/resultset.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray *trace_paths;     /* char* by point index, or NULL */
  GPtrArray *timeline_paths;  /* char* by point index, or NULL */
  char *tmp;                  /* the timelines' temporary folder, or NULL */
} GsTraces;

/* The path of point INDEX's trace for --trace PATH, in a sweep of POINTS
 * points.  New string. */
char *gs_traces_path (const char *path, guint index, guint points);

/* Plans the files of a run of POINTS points (indexes 0 to POINTS-1): the
 * traces for TRACE (--trace, or NULL) and, when HTML is TRUE, timelines in
 * a new temporary folder.  Fails with a G_FILE_ERROR when that folder
 * cannot be made. */
gboolean gs_traces_plan (GsTraces *tr, const char *trace, gboolean html,
                         guint points, GError **error);

/* Checks, before anything runs, that the report can be written to PATH
 * (--html): opens it for appending, which makes an empty file if there is
 * none.  Fails with a G_FILE_ERROR "--html PATH: cannot write the report:
 * ...". */
gboolean gs_traces_check_html (const char *path, GError **error);

/* Writes the HTML report of SET (results/html.h) to PATH, with the
 * timelines TR planned.  Fails with a G_FILE_ERROR "--html PATH: ...". */
gboolean gs_traces_write_html (const GsTraces *tr, const GsResultSet *set,
                               const char *path, GError **error);

/* Removes the temporary timelines and frees what TR holds. */
void gs_traces_clear (GsTraces *tr);

G_END_DECLS
