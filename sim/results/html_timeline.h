/* html_timeline.h: a run's timeline file (engine/timeline.h) drawn as SVG
 * for the HTML report (html.h). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct GsHtmlTimeline GsHtmlTimeline;

/* Loads the timeline file at PATH; NULL if it is missing or unreadable. */
GsHtmlTimeline *gs_html_timeline_load (const char *path);
void gs_html_timeline_free (GsHtmlTimeline *tl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsHtmlTimeline, gs_html_timeline_free)

/* Appends to OUT the timeline as a zoomable SVG (inside a <div
 * class="tl">, with its buttons and legend): the rows of each process,
 * its GIL first, at most about BUDGET rectangles in all (neighbours
 * narrower than the drawing's resolution merge).  FILE names the
 * scenario in the hovers. */
void gs_html_timeline_svg (GString *out, const GsHtmlTimeline *tl, const char *file,
                           guint budget);

/* The seconds thread NAME spent holding the GIL (SHARES[0]), waiting for
 * it (SHARES[1]) and without it (SHARES[2]); FALSE if it has no row. */
gboolean gs_html_timeline_shares (const GsHtmlTimeline *tl, const char *name,
                                  double shares[3]);

/* The colour of the timeline's state KEY ("python", "gil_wait"...), and
 * its words; static. */
const char *gs_html_timeline_colour (const char *key);
const char *gs_html_timeline_label (const char *key);

/* Appends HTML-escaped TEXT to OUT. */
void gs_html_escape (GString *out, const char *text);

G_END_DECLS
