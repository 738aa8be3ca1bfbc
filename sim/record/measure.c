/* measure.c: gilsim calibrate --measure: the shipped harness, run with the user's Python. */
#include "record/measure.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "record/record.h"

static GQuark
measure_quark (void)
{
  return g_quark_from_static_string ("gs-measure");
}

char *
gs_measure_harness (GError **error)
{
  g_autofree char *dir = gs_record_package_dir (error);
  if (dir == NULL)
    return NULL;
  char *path = g_build_filename (dir, "gilsim_recorder", "measure.py", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, measure_quark (), 0, "gilsim calibrate: the measurement harness "
                 "%s is missing; reinstall gilsim", path);
    g_free (path);
    return NULL;
  }
  return path;
}

/* Draws the progress bar on stderr: ELAPSED of BUDGET seconds, and the
 * harness's last line LAST. */
static void
draw_bar (double elapsed, double budget, const char *last)
{
  const int width = 30;
  double f = budget > 0 ? elapsed / budget : 0;
  if (f > 1)
    f = 1;
  int full = (int) (f * width);
  char bar[64];
  for (int i = 0; i < width; i++)
    bar[i] = i < full ? '#' : '.';
  bar[width] = '\0';
  fprintf (stderr, "\r[%s] %3.0f %% %4.0f/%.0f s  %-40.40s", bar, f * 100, elapsed, budget,
           last);
  fflush (stderr);
}

gboolean
gs_measure_run (const char *python, const char *harness, const char *out, double budget_s,
                GError **error)
{
  g_autofree char *exe = g_find_program_in_path (python);
  if (exe == NULL) {
    g_set_error (error, measure_quark (), 0, "gilsim calibrate: --python %s: not found; "
                 "give a Python interpreter, such as --python python3", python);
    return FALSE;
  }
  g_autofree char *budget = g_strdup_printf ("%.0f", budget_s);
  const char *argv[] = { exe, "-u", harness, out, "--budget-seconds", budget, NULL };
  GPid pid;
  int out_fd = -1;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, error)) {
    g_prefix_error (error, "gilsim calibrate: cannot run %s: ", exe);
    return FALSE;
  }
  gboolean tty = isatty (STDERR_FILENO);
  gint64 t0 = g_get_monotonic_time ();
  FILE *f = fdopen (out_fd, "r");
  char line[4096];
  while (f && fgets (line, sizeof line, f)) {
    if (!tty) {
      fputs (line, stderr);
      continue;
    }
    g_strchomp (line);
    draw_bar ((double) (g_get_monotonic_time () - t0) / 1e6, budget_s, line);
  }
  if (f)
    fclose (f);
  if (tty)
    fputc ('\n', stderr);
  int status = 0;
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0) {
    g_set_error (error, measure_quark (), 0, "gilsim calibrate: the measurements with %s "
                 "failed (exit status %d); see its messages above", exe,
                 WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status));
    return FALSE;
  }
  return TRUE;
}
