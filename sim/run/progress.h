/* progress.h: a progress bar with an ETA, on stderr.
 *
 * Like hyperfine's: redrawn in place on one line while points complete,
 * erased when the run ends, so it never mixes with the report on stdout.
 * `--style none` (the default when stderr is not a terminal, as in CI and
 * pipes) draws nothing.
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GS_PROGRESS_NONE,    /* nothing */
  GS_PROGRESS_BASIC,   /* ASCII: [#####.....] */
  GS_PROGRESS_FULL,    /* Unicode blocks */
} GsProgressStyle;

/* Reads a --style value: "auto" (full when OUT is a terminal, else none),
 * "full", "basic" or "none".  Fails with a one-line message otherwise. */
gboolean gs_progress_style_parse (const char *text, FILE *out,
                                  GsProgressStyle *style, GError **error);

typedef struct GsProgress GsProgress;

/* A bar for TOTAL steps, of which DONE are done before it starts (they do
 * not count towards the ETA).  Draws nothing yet.  Can't fail. */
GsProgress *gs_progress_new (FILE *out, GsProgressStyle style, guint total,
                             guint done);

/* What the bar says: "VERB [####....] DONE/TOTAL UNIT" ("Sweeping",
 * "points" unless set).  VERB and UNIT are not copied: they outlive P. */
void gs_progress_set_words (GsProgress *p, const char *verb, const char *unit);

/* Sets the steps done to DONE and redraws, at most ten times a second
 * (always when DONE reaches the total). */
void gs_progress_update (GsProgress *p, guint done);

/* Erases the bar and frees P.  NULL is allowed. */
void gs_progress_free (GsProgress *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsProgress, gs_progress_free)

G_END_DECLS
