/* runs.c: gilsim record --runs K: the median scenario of K recordings. */
#include "record/runs.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/wait.h>

#include "record/recording.h"

static GQuark
runs_quark (void)
{
  return g_quark_from_static_string ("gs-runs");
}

/* Writes the N texts SCENARIOS into DIR as run-K.gil; their paths, NULL
 * terminated, in FILES (a GPtrArray of strings).  FALSE with an error. */
static gboolean
write_scenarios (const char *dir, char *const *scenarios, guint n, GPtrArray *files,
                 GError **error)
{
  for (guint k = 0; k < n; k++) {
    g_autofree char *name = g_strdup_printf ("run-%u.gil", k + 1);
    char *path = g_build_filename (dir, name, NULL);
    g_ptr_array_add (files, path);
    if (!g_file_set_contents (path, scenarios[k], -1, error))
      return FALSE;
  }
  return TRUE;
}

char *
gs_runs_median (const char *package_dir, const char *python, char *const *scenarios, guint n,
                GError **error)
{
  g_return_val_if_fail (n >= 1, NULL);
  g_autofree char *dir = g_dir_make_tmp ("gilsim-runs-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup (python));
  g_ptr_array_add (argv, g_strdup ("-m"));
  g_ptr_array_add (argv, g_strdup ("gilsim_recorder.runs"));
  char *out = NULL;
  if (write_scenarios (dir, scenarios, n, argv, error)) {
    g_ptr_array_add (argv, NULL);
    g_auto (GStrv) env = g_get_environ ();
    env = g_environ_unsetenv (env, "GILSIM_RECORD_OUT");
    env = g_environ_setenv (env, "PYTHONPATH", package_dir, TRUE);
    int wait_status = 0;
    fflush (stderr);
    if (!g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_CHILD_INHERITS_STDIN, NULL,
                       NULL, &out, NULL, &wait_status, error)) {
      g_prefix_error (error, "gilsim record: cannot run %s for the median of the runs: ",
                      python);
    } else if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0) {
      g_clear_pointer (&out, g_free);
      g_set_error (error, runs_quark (), 0, "gilsim record: the median of the %u recordings "
                   "could not be made (see the message above)", n);
    }
  }
  gs_recording_remove_dir (dir);
  return out;
}
