/* report.h: what gilsim shows and exports about the points of a run.
 *
 * The terminal report is for people: the program's printed lines with their
 * simulated times, the prediction against the sequential time, and per
 * worker where its time went.  The exports are for programs: JSON, CSV and
 * Markdown shaped like hyperfine's ("results" with "parameters"), seconds
 * everywhere.  All output is deterministic: the same points give the same
 * bytes.
 */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "platform.h"
#include "scenario.h"
#include "sweep.h"

G_BEGIN_DECLS

typedef struct {
  const GsScenario *sc;
  const GsPlatform *platform;
  const GsHost *host;
  GPtrArray *axes;      /* GsAxis*: the parameter columns */
  GPtrArray *points;    /* GsPoint*, simulated */
} GsReport;

/* Writes the human report of every point to OUT. */
void gs_report_terminal (FILE *out, const GsReport *rep, gboolean show_prints);

/* Writes the export of kind FORMAT ("json", "csv" or "markdown") to PATH,
 * "-" meaning stdout.  Fails with a G_FILE_ERROR when PATH cannot be
 * written. */
gboolean gs_report_export (const GsReport *rep, const char *format,
                           const char *path, GError **error);

/* Renders the export of kind FORMAT as a string (new). */
char *gs_report_render (const GsReport *rep, const char *format);

G_END_DECLS
