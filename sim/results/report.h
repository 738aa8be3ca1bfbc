/* report.h: what gilsim shows and exports about the results of a run.
 *
 * The terminal report is for people: the program's printed lines with their
 * simulated times, the prediction against the sequential time, per worker
 * where its time went (and on which objects it was blocked, results/
 * figures.h), why (results/why.h), and a summary like hyperfine's ("'N =
 * 16' ran 3.02 times faster than 'N = 1'"); a sweep, one compact row per
 * point (results/sweeptable.h) unless verbose.  The exports are for programs: JSON (see
 * resultset.h), CSV and Markdown shaped like hyperfine's, with a Relative
 * column against the reference point (--reference) or the fastest; seconds
 * everywhere.  A two-way table (gilsim report --rows N --cols runtime)
 * turns results into one number per pair of parameter values.  An output
 * folder (-o DIR) gathers config.json (every resolved parameter), the
 * three exports and summary.txt.
 *
 * All output is deterministic: the same results give the same bytes.
 */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "platform/platform.h"
#include "results/resultset.h"
#include "lang/scenario.h"
#include "run/points.h"

G_BEGIN_DECLS

/* Writes the human report of SET to OUT: for one point, or with VERBOSE,
 * every row in detail (the program's printed lines when SHOW_PRINTS, the
 * per-worker table, blocked time by object, latency figures and the why,
 * results/why.h); for a sweep, one compact row per point
 * (results/sweeptable.h) and the sweep's why; then the summary. */
void gs_report_terminal (FILE *out, const GsResultSet *set, gboolean show_prints,
                         gboolean verbose);

/* The summary against the reference (or the fastest): "Summary\n  'A' ran
 * ..." with at most MAX_LINES comparisons.  "" for fewer than two rows.
 * New string. */
char *gs_report_summary (const GsResultSet *set, guint max_lines);

/* Renders the export of kind FORMAT ("json", "csv" or "markdown") as a new
 * string. */
char *gs_report_render (const GsResultSet *set, const char *format);

/* Writes TEXT to the file PATH: a regular file (or a new one), or the
 * regular file a link points to, is replaced at once (written beside it,
 * then renamed; a link stays a link), so a reader, a crash or a full disk
 * never leaves half of it; anything else (/dev/stdout, a pipe) is written
 * in place.  Fails with a G_FILE_ERROR. */
gboolean gs_report_save (const char *path, const char *text, GError **error);

/* Writes the export of kind FORMAT to PATH, "-" meaning stdout; a file is
 * replaced at once (written aside, then renamed), so a reader or a crash
 * never sees half of it.  Fails with a G_FILE_ERROR "--export-FORMAT:
 * ..." when PATH cannot be written. */
gboolean gs_report_export (const GsResultSet *set, const char *format,
                           const char *path, GError **error);

/* Whether NAME is a parameter that SET's results sweep; FALSE with the
 * one-line error "OPTION NAME: the results have no swept parameter 'NAME';
 * they have: ..." otherwise. */
gboolean gs_report_check_param (const GsResultSet *set, const char *option,
                                const char *name, GError **error);

/* The two-way table of SET: one row per value of parameter ROWS, one
 * column per value of COLS (NULL: a single column), each cell VALUE
 * ("speedup": sequential / wall, "wall": seconds, "relative", or
 * "gil_switches") as FORMAT ("markdown" or "csv").  Values appear in point
 * order.  Fails with a one-line message when ROWS or COLS is not a swept
 * parameter, VALUE or FORMAT is unknown, or another parameter varies too
 * (a cell would hold several points: the message suggests --where).  New
 * string. */
char *gs_report_table (const GsResultSet *set, const char *rows,
                       const char *cols, const char *value, const char *format,
                       GError **error);

/* What a run resolved, for config.json. */
typedef struct {
  const GsScenario *sc;
  const GsPlatform *platform;  /* the file as given */
  const GsHost *host;          /* in PLATFORM */
  GPtrArray *axes;             /* GsAxis* */
  GPtrArray *points;           /* GsPoint*, the ones this run computes */
  guint total_points;          /* in the whole sweep */
  const char *reference;       /* --reference, or NULL */
  const char *selection;       /* "--point 3", "--shard 1/4" or NULL */
  gboolean sequential;         /* whether sequential runs are made */
  GPtrArray *simgrid_args;     /* char* */
} GsRunConfig;

/* config.json: the command's inputs and, per point, every parameter it
 * runs with, defaults included (scenario parameters, runtime, switch
 * interval, start-up, platform, host, cores, speed).  New string. */
char *gs_report_config (const GsRunConfig *cfg);

/* summary.txt: the sweep in a few lines: what ran, how many points, the
 * fastest and the slowest, and the summary.  New string. */
char *gs_report_summary_text (const GsResultSet *set);

G_END_DECLS
