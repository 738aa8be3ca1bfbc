/* calibrate_files.h: the steps of gilsim calibrate, one records file each.
 *
 * gilsim calibrate starts from a base platform file (the nearest kind of
 * machine) and sets the values that a session's single-worker records time
 * (calibrate.h).  With several records files, each file's values go on top
 * of the ones before: its records are predicted on the platform that the
 * steps so far made.  SimGrid reads platforms from files only, so from the
 * second step on that platform is a temporary file, removed when the steps
 * are freed or, however the program ends (an error exits from anywhere),
 * at exit; the simulations' forked children leave with _exit and so do not
 * remove it.
 *
 * A step takes the session values that gs_validate fitted (validate.h):
 *
 *     cf = gs_calibrate_files_new (base_path, &error);
 *     for each records file RECORDS:
 *       path = gs_calibrate_files_platform (cf, &error);
 *       platform = gs_platform_load (path, &error);
 *       rows = gs_validate (RECORDS, platform, host, seed_dir, TRUE, 0, &fits, &error);
 *       gs_calibrate_files_step (cf, RECORDS, platform, host, fits, &error);
 *     text = gs_calibrate_files_result (cf, output name, &error);
 */
#pragma once

#include <glib.h>
#include "platform/platform.h"

G_BEGIN_DECLS

typedef struct GsCalibrateFiles GsCalibrateFiles;

/* Steps that start from the platform file BASE_PATH, read now.  Fails with
 * a G_FILE_ERROR "BASE_PATH:1:1: cannot read: ..." */
GsCalibrateFiles *gs_calibrate_files_new (const char *base_path, GError **error);

/* Frees CF and removes its temporary file. */
void gs_calibrate_files_free (GsCalibrateFiles *cf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsCalibrateFiles, gs_calibrate_files_free)

/* The platform file that the next step predicts its records on: the base
 * for the first step; after that the temporary file, written now with the
 * values of the steps so far.  The string belongs to CF.  Fails with a
 * G_FILE_ERROR "cannot write a temporary file: ..." */
const char *gs_calibrate_files_platform (GsCalibrateFiles *cf, GError **error);

/* One step: FITS (GsFit *, merged), the session values of the records
 * file PATH predicted on HOST of PLATFORM (read from the file that
 * gs_calibrate_files_platform gave), set in the platform so far, under a
 * comment that says where they come from.  Fails with a one-line message
 * "PATH:1:1: no record here sets a value (...)" when FITS is empty, or as
 * gs_calibrate_apply fails. */
gboolean gs_calibrate_files_step (GsCalibrateFiles *cf, const char *path,
                                  const GsPlatform *platform, const GsHost *host,
                                  GPtrArray *fits, GError **error);

/* The platform file that the steps made, checked as a platform file named
 * NAME (where it goes: the output file, or "(standard output)").  The text
 * belongs to CF.  Fails with the platform checker's message (GS_PLATFORM_ERROR). */
const char *gs_calibrate_files_result (GsCalibrateFiles *cf, const char *name,
                                       GError **error);

G_END_DECLS
