/* fuzz.c: the scratch file, source paths and message checks that the fuzz
 * targets share. */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "gilsim-config.h"

static char *scratch_dir;
static char *scratch_path;
static const char *scratch_suffix;  /* interned */
static int scratch_fd = -1;

static void
remove_scratch (void)
{
  if (scratch_fd >= 0)
    close (scratch_fd);
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

static void
scratch_fail (const char *what)
{
  fprintf (stderr, "fuzz: %s %s: %s\n", what, scratch_path ? scratch_path : "scratch",
           g_strerror (errno));
  abort ();
}

/* The scratch folder: in /dev/shm where there is one (memory, no disk
 * writes per input), else in the temporary folder. */
static char *
make_scratch_dir (void)
{
  GError *error = NULL;
  char *dir = NULL;
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0) {
    dir = g_build_filename ("/dev/shm", "gilsim-fuzz-XXXXXX", NULL);
    if (g_mkdtemp (dir) != NULL)
      return dir;
    g_clear_pointer (&dir, g_free);
  }
  dir = g_dir_make_tmp ("gilsim-fuzz-XXXXXX", &error);
  if (dir == NULL) {
    fprintf (stderr, "fuzz: %s\n", error->message);
    abort ();
  }
  return dir;
}

const char *
fuzz_file (const uint8_t *data, size_t size, const char *suffix)
{
  if (scratch_dir == NULL) {
    scratch_dir = make_scratch_dir ();
    atexit (remove_scratch);
  }
  /* one file per suffix, kept open: each input rewrites it in place */
  if (scratch_suffix == NULL || strcmp (scratch_suffix, suffix) != 0) {
    if (scratch_fd >= 0) {
      close (scratch_fd);
      g_unlink (scratch_path);
    }
    g_free (scratch_path);
    scratch_path = g_strdup_printf ("%s/input%s", scratch_dir, suffix);
    scratch_suffix = g_intern_string (suffix);
    scratch_fd = open (scratch_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (scratch_fd < 0)
      scratch_fail ("cannot create");
  }
  size_t done = 0;
  while (done < size) {
    ssize_t n = pwrite (scratch_fd, data + done, size - done, (off_t) done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      scratch_fail ("cannot write");
    done += (size_t) n;
  }
  if (ftruncate (scratch_fd, (off_t) size) != 0)
    scratch_fail ("cannot truncate");
  return scratch_path;
}

char *
fuzz_source_path (const char *rel)
{
  return g_build_filename (GILSIM_SOURCE_DIR, rel, NULL);
}

GsPlatform *
fuzz_laptop_platform (char **text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fuzz_source_path ("platforms/laptop-2core.xml");
  GsPlatform *platform = gs_platform_load (path, &error);
  if (platform == NULL || (text && !g_file_get_contents (path, text, NULL, &error)))
    g_error ("%s", error->message);
  return platform;
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
