/* fuzz.c: the scratch file, source paths and message checks that the fuzz
 * targets share. */
#include "fuzz.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gilsim-config.h"

static char *scratch_dir;
static char *scratch_path;

static void
remove_scratch (void)
{
  if (scratch_path)
    g_unlink (scratch_path);
  if (scratch_dir)
    g_rmdir (scratch_dir);
}

static void
quiet_log (const char *domain, GLogLevelFlags level, const char *message,
           gpointer data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) {
    fprintf (stderr, "%s: %s\n", domain ? domain : "(null)", message);
    abort ();
  }
}

void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_default_handler (quiet_log, NULL);
}

const char *
fuzz_file (const uint8_t *data, size_t size, const char *suffix)
{
  if (scratch_dir == NULL) {
    GError *error = NULL;
    scratch_dir = g_dir_make_tmp ("gilsim-fuzz-XXXXXX", &error);
    if (scratch_dir == NULL) {
      fprintf (stderr, "fuzz: %s\n", error->message);
      abort ();
    }
    atexit (remove_scratch);
  }
  g_free (scratch_path);
  scratch_path = g_strdup_printf ("%s/input%s", scratch_dir, suffix);
  FILE *f = fopen (scratch_path, "wb");
  if (f == NULL || (size && fwrite (data, 1, size, f) != size) || fclose (f) != 0) {
    perror (scratch_path);
    abort ();
  }
  return scratch_path;
}

char *
fuzz_source_path (const char *rel)
{
  return g_build_filename (GILSIM_SOURCE_DIR, rel, NULL);
}

void
fuzz_check_error (const GError *error, const char *prefix)
{
  if (error == NULL || error->message == NULL || error->message[0] == '\0') {
    fprintf (stderr, "fuzz: failed without a message\n");
    abort ();
  }
  if (prefix && !g_str_has_prefix (error->message, prefix)) {
    fprintf (stderr, "fuzz: message does not start with '%s': %s\n", prefix,
             error->message);
    abort ();
  }
}
