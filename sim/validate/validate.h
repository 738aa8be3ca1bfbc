/* validate.h: predictions against measured CPython.
 *
 * `gilsim validate FILE.jsonl` reads the records that the ground-truth
 * harness's measure.py and run_seed.py write.  For each record it
 * writes the scenario the record describes, from the record's own fields
 * (case, variant, number of workers, sizes, switch interval, start method,
 * Python version), predicts it, and compares with the measured median.  A record it
 * cannot model is listed as skipped with the reason, never dropped.
 *
 * The virtual machines measured change speed from one session to the next
 * (the same Python loop ran at 40 and at 70 ns an iteration on the Xeon
 * within a minute; hashing and NumPy by 20 %).  So with RECALIBRATE (the
 * default of the command) each file is its own session, calibrated from its
 * own single-worker records the way a platform file is, and only the rest
 * is predicted from the model:
 *   - costs: the records that time one thing alone (hashlib, NumPy and
 *     preset calls in the main thread, an empty process, a thread's file
 *     I/O, sleeps, the interpreter's start) set their properties
 *     (calibrate.h);
 *   - the loop: the records that are mostly Python loop (calib_cpu,
 *     cpu_threads N=1, a process's loop) scale python.loop by the mean
 *     speed their runs imply, one scale for workers and one for the main
 *     thread (see recalibrate in session.c); with one such record
 *     (run_seed.py's files) the platform's speed stays;
 *   - then run_seed.py's one-worker programs set the imports.
 * Those records become calibration: listed, left out of the error
 * statistics.
 *
 * The parts, one file each in sim/validate/: reading records files
 * (record.h), a record's scenario by its case (cases.h), predicting a row
 * (prediction.h), the session's calibration (session.h), the statistics
 * (stats.h), rendering (render.c: gs_validation_render below); and
 * validate.c puts them together.
 */
#pragma once

#include <glib.h>
#include "platform/platform.h"

G_BEGIN_DECLS

typedef struct {
  char *case_name;
  char *variant;
  int n_workers;
  double measured_s;
  double measured_min_s;  /* the fastest and slowest of the record's runs */
  double measured_max_s;  /* (NaN where the record has no such field) */
  double predicted_s;     /* < 0 when skipped */
  double error;           /* predicted / measured - 1 */
  char *skipped;          /* the reason, or NULL */
  gboolean calibration;   /* it set the session's loop speed or a cost */
  double loop_scale;      /* the loop speed factor its prediction used */
  gboolean main_thread;   /* measure.py's kind "main": its loop is the main thread's */
  char *scenario;         /* the scenario text that was simulated */
  guint superseded;       /* records of the same configuration (config_id)
                           * that this one was chosen over */
  char *config;           /* the configuration: measure.py's config_id, or
                           * the case and N of run_seed.py's records */
  double other_s;         /* the same configuration's median in the file
                           * given to gs_validation_compare, or NaN */
  double predicted_p5;    /* the predicted 5 % and 95 % quantiles of drawn */
  double predicted_p95;   /* samples (validate --samples), or NaN */
  GArray *predicted_samples;  /* double: those samples' times, sorted, or NULL */
} GsValidation;

/* Predicts every record of the JSON-lines file PATH on HOST of PLATFORM.
 * SEED_DIR holds the seed scenarios (for run_seed.py's records).  Records
 * of one configuration (the same config_id: measure.py's retries) give one
 * row, from the least disturbed of them that has a time, where the first
 * of them was; the row counts the others in `superseded`.  Returns the rows
 * in file order, or NULL with ERROR for an unreadable file, a line that
 * is not JSON ("PATH:LINE:COL: ..."), a file without measurements or, rarely, a session platform that
 * cannot be written to a temporary file.  With RECALIBRATE and FITS not
 * NULL, *FITS gets the session's values (GsFit *, calibrate.h, merged),
 * python.loop and python.version among them when the loop was rescaled;
 * the array is empty when nothing was fitted, and *FITS is NULL without
 * RECALIBRATE.  With SAMPLES > 1 the predicted rows (calibration left out)
 * get their predicted 90 % interval from that many drawn samples
 * (predicted_p5, predicted_p95). */
GPtrArray *gs_validate (const char *path, const GsPlatform *platform,
                        const GsHost *host, const char *seed_dir,
                        gboolean recalibrate, guint samples, GPtrArray **fits,
                        GError **error);

/* Frees row V and what it owns.  NULL allowed. */
void gs_validation_free (GsValidation *v);

/* Sets each row's other_s to the median that OTHER_PATH, another file of
 * measure.py's or run_seed.py's records (of another session, say), has for
 * the same configuration, chosen among its retries as gs_validate chooses.
 * How far two sessions' measurements are from each other is how close any
 * prediction can get to both.  Fails with the same errors as gs_validate
 * for an unreadable file or a line that is not JSON. */
gboolean gs_validation_compare (GPtrArray *rows, const char *other_path, GError **error);

/* Renders ROWS as "text", "json" or "markdown" (new string), with the
 * session's values FITS (NULL allowed) under the summary, and the
 * comparison with OTHER_PATH when it is not NULL.  In render.c. */
char *gs_validation_render (GPtrArray *rows, GPtrArray *fits, const char *format,
                            const char *path, const GsPlatform *platform,
                            const char *other_path);

G_END_DECLS
