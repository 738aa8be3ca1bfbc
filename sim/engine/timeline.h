/* timeline.h: a run's timeline merged at a drawing's resolution.
 *
 * One row per thread (its states) and one per process (the GIL's
 * holders).  Pieces come in time order per row; neighbours closer than the
 * resolution merge into one rectangle that keeps how long each state lasted
 * in it and the label of its longest piece.  When a row would hold more
 * than GS_TIMELINE_ROW_MAX rectangles, or all rows together more than
 * GS_TIMELINE_TOTAL_MAX, the resolution doubles and the rows merge again:
 * a simulated hour of 5 ms switches stays a few thousand rectangles a row.
 *
 * The file is JSON, read by the HTML report (results/html.h):
 *   {"format": "gilsim-timeline-1", "wall": S, "resolution": S,
 *    "states": [KEY...], "rows": [{"kind": "thread"|"gil", "process": P,
 *    "name": N, "start": S, "end": S,
 *    "rects": [[T0, T1, STATE, LINE, "LABEL", D0, D1, ...], ...]}]}
 * with times in seconds, STATE the index in "states" of the longest
 * piece, LINE its statement's line, and Dk the seconds of state k.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GS_TIMELINE_ROW_MAX 2000
#define GS_TIMELINE_TOTAL_MAX 60000

typedef struct GsTimeline GsTimeline;

/* An empty timeline whose pieces have N_STATES states named by KEYS
 * (static strings, N_STATES of them). */
GsTimeline *gs_timeline_new (guint n_states, const char *const *keys);
void gs_timeline_free (GsTimeline *tl);

/* A new row of KIND ("thread" or "gil") for thread NAME of process PROC
 * (copied); returns its index. */
guint gs_timeline_row (GsTimeline *tl, const char *kind, const char *proc,
                       const char *name, double start);

/* Sets the end of ROW's life. */
void gs_timeline_row_end (GsTimeline *tl, guint row, double end);

/* Appends to ROW the piece [T0, T1] of STATE at LINE, with LABEL (words
 * shown on hover; copied when it is kept).  T0 is at least the previous
 * piece's end. */
void gs_timeline_add (GsTimeline *tl, guint row, double t0, double t1,
                      guint state, int line, const char *label);

/* Writes the timeline as JSON to PATH, WALL being the run's wall time. */
gboolean gs_timeline_write (const GsTimeline *tl, const char *path, double wall,
                            GError **error);

G_END_DECLS
