/* shipped.c: finds the files gilsim ships (the measurement harness). */
#include "util/shipped.h"

#include <string.h>

#include "gilsim-config.h"

/* TRUE when the running program is the installed one: its real path lies
 * under the bindir it was configured with. */
static gboolean
running_installed (void)
{
  g_autoptr (GError) ignored = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", &ignored);
  if (exe == NULL)
    return FALSE;
  g_autofree char *dir = g_path_get_dirname (exe);
  g_autofree char *bindir = g_canonicalize_filename (GILSIM_BINDIR, "/");
  return strcmp (dir, bindir) == 0;
}

char *
gs_shipped_path (const char *name, GError **error)
{
  g_autofree char *base = g_path_get_basename (name);
  const char *env = g_getenv ("GILSIM_DATA_DIR");
  char *path;
  if (env != NULL && env[0] != '\0')
    path = g_build_filename (env, base, NULL);
  else if (running_installed ())
    path = g_build_filename (GILSIM_DATADIR, base, NULL);
  else
    path = g_build_filename (GILSIM_SOURCE_DIR, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                 "gilsim's own file %s is missing; reinstall gilsim, or set "
                 "GILSIM_DATA_DIR to the folder that holds %s", path, base);
    g_free (path);
    return NULL;
  }
  return path;
}
