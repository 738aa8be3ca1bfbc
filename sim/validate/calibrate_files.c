/* calibrate_files.c: gilsim calibrate's steps, one records file each, and their temporary platform. */
#include "validate/calibrate_files.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "platform/reader.h"
#include "util/userfile.h"
#include "validate/calibrate.h"

struct GsCalibrateFiles {
  char *base_path;   /* the platform file to start from, as given */
  char *text;        /* the platform file so far */
  guint steps;       /* steps done */
  char *tmp;         /* the steps' platform, for SimGrid to read; NULL until needed */
};

/* The temporary platform file of calibrate's steps, removed at exit however
 * the program ends (die() exits from anywhere; the simulations' forked
 * children leave with _exit, so they do not remove it). */
static char *calibrate_tmp;

static void
calibrate_tmp_remove (void)
{
  if (calibrate_tmp)
    g_remove (calibrate_tmp);
}

GsCalibrateFiles *
gs_calibrate_files_new (const char *base_path, GError **error)
{
  g_autofree char *text = NULL;
  GError *local = NULL;
  if (!gs_userfile_read (base_path, GS_READER_MAX_FILE_SIZE, &text, NULL, &local)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s:1:1: cannot read: %s",
                 base_path, local->message);
    g_error_free (local);
    return NULL;
  }
  GsCalibrateFiles *cf = g_new0 (GsCalibrateFiles, 1);
  cf->base_path = g_strdup (base_path);
  cf->text = g_steal_pointer (&text);
  return cf;
}

void
gs_calibrate_files_free (GsCalibrateFiles *cf)
{
  if (cf == NULL)
    return;
  if (cf->tmp) {
    g_remove (cf->tmp);
    if (calibrate_tmp == cf->tmp)
      calibrate_tmp = NULL;
  }
  g_free (cf->base_path);
  g_free (cf->text);
  g_free (cf->tmp);
  g_free (cf);
}

/* Writes the platform so far into CF's temporary file, made at the first
 * call. */
static gboolean
write_tmp (GsCalibrateFiles *cf, GError **error)
{
  static gboolean remove_at_exit;
  if (cf->tmp == NULL) {
    int fd = g_file_open_tmp ("gilsim-calibrate-XXXXXX.xml", &cf->tmp, error);
    if (fd < 0)
      return FALSE;
    close (fd);
    calibrate_tmp = cf->tmp;
    if (!remove_at_exit)
      atexit (calibrate_tmp_remove);
    remove_at_exit = TRUE;
  }
  return g_file_set_contents (cf->tmp, cf->text, -1, error);
}

const char *
gs_calibrate_files_platform (GsCalibrateFiles *cf, GError **error)
{
  if (cf->steps == 0)
    return cf->base_path;
  if (!write_tmp (cf, error)) {
    g_prefix_error (error, "cannot write a temporary file: ");
    return NULL;
  }
  return cf->tmp;
}

gboolean
gs_calibrate_files_step (GsCalibrateFiles *cf, const char *path, const GsPlatform *platform,
                         const GsHost *host, GPtrArray *fits, GError **error)
{
  if (fits->len == 0) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s:1:1: no record here sets a value (calibration needs measure.py's "
                 "or run_seed.py's single-worker records: calib_cpu, cpu_threads N=1, "
                 "hashlib calib-main, ...)", path);
    return FALSE;
  }
  g_autofree char *header = cf->steps == 0
      ? g_strdup_printf ("Calibrated by gilsim calibrate from the single-worker records "
                         "of %s, starting from %s.  The values below were set from "
                         "those records (each names its record; a mean where several "
                         "set one), and replace the base's, whose comments beside "
                         "them still describe the base's measurements; every other "
                         "value is the base's.", path, cf->base_path)
      : g_strdup_printf ("Then from the single-worker records of %s, on top of the "
                         "values above:", path);
  char *text = gs_calibrate_apply (cf->text, platform->path, host, fits, header, error);
  if (text == NULL)
    return FALSE;
  g_free (cf->text);
  cf->text = text;
  cf->steps++;
  return TRUE;
}

const char *
gs_calibrate_files_result (GsCalibrateFiles *cf, const char *name, GError **error)
{
  g_autoptr (GsPlatform) check = gs_platform_parse (name, cf->text, strlen (cf->text),
                                                    error);
  return check ? cf->text : NULL;
}
