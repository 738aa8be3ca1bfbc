/* outputs.h: the files a run rewrites as its points finish.
 *
 * A run's exports that go to files (--export-json FILE, --export-csv FILE,
 * --export-markdown FILE) and its output folder (-o DIR: config.json,
 * results.json, results.csv, results.md and summary.txt) are rewritten as
 * points finish, each file replaced at once (gs_report_save), so a sweep
 * that is killed keeps what it did and --resume can go on from there.  An
 * export to "-" (standard output) is not a file: the caller writes it once,
 * at the end.  Rewriting all of them after every point would cost big
 * sweeps of fast points more than their simulations, so a rewrite is due
 * only when the last one took at most a tenth of the time since.
 */
#pragma once

#include <glib.h>
#include "results/report.h"
#include "results/resultset.h"

G_BEGIN_DECLS

typedef struct {
  const char *json;       /* --export-json FILE; NULL or "-": not a file */
  const char *csv;        /* --export-csv FILE, the same */
  const char *markdown;   /* --export-markdown FILE, the same */
  const char *dir;        /* the output folder (-o DIR), or NULL */
  gint64 last_write;      /* monotonic microseconds; 0 before the first */
  gint64 write_cost;      /* how long the last rewrite took, microseconds */
} GsOutputs;

/* The JSON export of the output folder DIR, DIR/results.json (--resume
 * goes on from it).  New string. */
char *gs_outputs_dir_json (const char *dir);

/* Removes what a killed run of the same exports left (their temporary
 * files, EXPORT.XXXXXX), makes the output folder OUT->dir, parents
 * included, and writes its config.json for CFG (nothing of that without a
 * folder).  Fails with a
 * G_FILE_ERROR "-o DIR: ..." when the folder or the file cannot be made. */
gboolean gs_outputs_start (const GsOutputs *out, const GsRunConfig *cfg, GError **error);

/* Whether a rewrite is due now: the time since the last one is at least
 * ten times what it took. */
gboolean gs_outputs_due (const GsOutputs *out);

/* Rewrites, from SET, every export of OUT that goes to a file, then the
 * output folder's results.json, results.csv, results.md and summary.txt,
 * and notes when and how long.  Stops at the first file that cannot be
 * written, failing with a G_FILE_ERROR "--export-FORMAT: ..." or "-o DIR:
 * ...". */
gboolean gs_outputs_write (GsOutputs *out, const GsResultSet *set, GError **error);

/* gs_outputs_write while points still run: an export to a stream (a FIFO
 * such as the shell's >(...), a device, /dev/stdout) is left for the last
 * gs_outputs_write, so that its reader gets one whole export. */
gboolean gs_outputs_write_partial (GsOutputs *out, const GsResultSet *set,
                                   GError **error);

G_END_DECLS
