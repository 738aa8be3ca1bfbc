/* scratch.h: what tests that write files share: a scratch folder, removed
 * with what is in it, reading a file back, and counting its lines. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A new empty folder under the system's temporary folder; remove it with
 * tmpdir_remove. */
static inline char *
tmpdir_new (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("gilsim-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

/* Removes DIR and everything in it, folders included (a link is removed,
 * not followed), asserting that each removal succeeds. */
static inline void
tmpdir_remove (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  const char *name;
  while ((name = g_dir_read_name (d))) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
      tmpdir_remove (path);
    else
      g_assert_cmpint (g_remove (path), ==, 0);
  }
  g_dir_close (d);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The text of the file PATH (a test failure if it cannot be read).  Not
 * inline: inlined, GCC 12's -Wdangling-pointer takes its result for a
 * pointer to the local it was read into. */
G_GNUC_UNUSED static char *
read_file (const char *path)
{
  char *text = NULL;
  GError *error = NULL;
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* How many lines S has: its newlines. */
static inline int
count_lines (const char *s)
{
  int n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}
