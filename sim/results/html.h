/* html.h: the HTML report of a run, one self-contained file.
 *
 * No network: the page has no external script, style sheet, font or
 * image.  It shows, per point with a timeline: the timeline as SVG (one
 * row per thread coloured by state, the GIL's holders on a band above each
 * process's threads; zoom with the buttons or the mouse wheel, hover for
 * the state, its duration and the statement), the per-worker table with
 * each worker's time split into has the GIL / waits for the GIL / no GIL
 * and a stacked bar, and the program's printed lines with their simulated
 * times.  For a sweep, first the wall time and the speedup against each
 * swept parameter (SVG line charts, a line per value of the others) and
 * the table of points.
 */
#pragma once

#include <glib.h>
#include "results/resultset.h"

G_BEGIN_DECLS

/* The report of SET as an HTML page.  TIMELINES (may be NULL) holds by
 * point index the path of each point's timeline file (engine/timeline.h);
 * a point whose file is missing or unreadable is shown without one.  New
 * string. */
char *gs_html_render (const GsResultSet *set, GPtrArray *timelines);

G_END_DECLS
