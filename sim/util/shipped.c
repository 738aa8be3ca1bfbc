/* shipped.c: finds the files gilsim ships (harness, recorder, platforms). */
#include "util/shipped.h"

#include <string.h>

#include "gilsim-config.h"

/* The folder of the running gilsim executable, or NULL. */
static char *
exe_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  return exe ? g_path_get_dirname (exe) : NULL;
}

/* Whether gilsim runs from its build tree (build/sim/gilsim). */
static gboolean
in_build_tree (const char *dir)
{
  g_autofree char *build = g_canonicalize_filename (GILSIM_BUILD_DIR "/sim", NULL);
  return dir && strcmp (dir, build) == 0;
}

char *
gs_shipped_dir (const char *env, const char *source_rel, const char *installed_rel,
                const char *probe, const char *what, GError **error)
{
  const char *env_value = env ? g_getenv (env) : NULL;
  g_autofree char *dir = exe_dir ();
  g_autofree char *source = g_build_filename (GILSIM_SOURCE_DIR, source_rel, NULL);
  g_autofree char *relocated = dir ? g_build_filename (dir, "..", "share", "gilsim",
                                                        installed_rel, NULL) : NULL;
  g_autofree char *installed = g_build_filename (GILSIM_DATADIR, installed_rel, NULL);
  const char *candidates[] = {
    env_value && *env_value ? env_value : NULL,
    in_build_tree (dir) ? source : NULL,
    relocated, installed, source,
  };
  g_autoptr (GString) tried = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++) {
    if (candidates[i] == NULL)
      continue;
    g_autofree char *path = g_build_filename (candidates[i], probe, NULL);
    if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
      return g_strdup (candidates[i]);
    g_string_append_printf (tried, "%s%s", tried->len ? ", " : "", candidates[i]);
    if (i == 0)
      break;  /* the user's folder, when given, is the only one */
  }
  g_autofree char *missing = strcmp (what, probe) == 0
      ? g_strdup_printf ("cannot find %s in %s", what, tried->str)
      : g_strdup_printf ("cannot find %s: no %s in %s", what, probe, tried->str);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s; reinstall gilsim%s%s%s", missing,
               env ? ", or set " : "", env ? env : "", env ? " to the folder that holds it" : "");
  return NULL;
}

char *
gs_shipped_path (const char *env, const char *name, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (name);
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *found = gs_shipped_dir (env, folder, "", base, base, error);
  return found ? g_build_filename (found, base, NULL) : NULL;
}
