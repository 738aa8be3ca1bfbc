/* recording.c: gilsim record's side: the recorder's folder, the recorded run, the scenario. */
#include "record/recording.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/shipped.h"

static GQuark
recording_quark (void)
{
  return g_quark_from_static_string ("gs-recording");
}

char *
gs_recording_package_dir (GError **error)
{
  return gs_shipped_dir ("GILSIM_RECORDER_PATH", "sim/record/python", "recorder",
                         "sitecustomize.py",
                         "the Python recorder (sitecustomize.py and gilsim_recorder/)", error);
}

char *
gs_recording_default_platform (GError **error)
{
  const char *name = g_get_num_processors () <= 4 ? "laptop-2core.xml" : "xeon-16core.xml";
  g_autofree char *found = gs_shipped_dir (NULL, "platforms", "platforms", name,
                                           "a platform (pass --platform FILE)", error);
  return found ? g_build_filename (found, name, NULL) : NULL;
}

/* Whether the file name BASE names a Python interpreter. */
static gboolean
python_name (const char *base)
{
  return g_str_has_prefix (base, "python") || g_str_has_prefix (base, "pypy");
}

/* The first line of the file PATH (at most SIZE - 1 bytes) into HEAD;
 * empty when it cannot be read. */
static void
first_line (const char *path, char *head, size_t size)
{
  head[0] = '\0';
  FILE *f = fopen (path, "rb");
  if (f) {
    size_t n = fread (head, 1, size - 1, f);
    head[n] = '\0';
    fclose (f);
  }
  char *nl = strchr (head, '\n');
  if (nl)
    *nl = '\0';
}

gboolean
gs_recording_check_command (char *const *argv, GError **error)
{
  if (argv == NULL || argv[0] == NULL || argv[0][0] == '\0') {
    g_set_error (error, recording_quark (), 0, "gilsim record: no command after --; give "
                 "one: gilsim record -- python3 prog.py");
    return FALSE;
  }
  g_autofree char *path = g_find_program_in_path (argv[0]);
  if (path == NULL) {
    g_set_error (error, recording_quark (), 0, "gilsim record: command '%s' not found; give "
                 "a Python interpreter and its arguments: gilsim record -- python3 prog.py",
                 argv[0]);
    return FALSE;
  }
  g_autofree char *base = g_path_get_basename (path);
  if (python_name (base))
    return TRUE;
  /* a script: its #! line */
  char head[256];
  first_line (path, head, sizeof head);
  if (g_str_has_prefix (head, "#!") && (strstr (head, "python") || strstr (head, "pypy")))
    return TRUE;
  g_set_error (error, recording_quark (), 0, "gilsim record: '%s' is not Python (neither a "
               "python interpreter nor a script whose #! line names one); give the "
               "interpreter: gilsim record -- python3 prog.py", argv[0]);
  return FALSE;
}

char *
gs_recording_wrapper (const char *command)
{
  g_autofree char *path = g_find_program_in_path (command);
  if (path == NULL)
    return NULL;
  char head[256];
  first_line (path, head, sizeof head);
  if (!g_str_has_prefix (head, "#!") || strstr (head, "python") || strstr (head, "pypy"))
    return NULL;
  return g_steal_pointer (&path);
}

/* In the child, before exec: Ctrl-C and Ctrl-\ act on it as usual (gilsim
 * ignores them meanwhile), and, DATA set, its standard output goes to
 * standard error. */
static void
child_setup (gpointer data)
{
  signal (SIGINT, SIG_DFL);
  signal (SIGQUIT, SIG_DFL);
  if (data)
    dup2 (STDERR_FILENO, STDOUT_FILENO);
}

gboolean
gs_recording_run (char *const *argv, const char *package_dir, const char *events_dir,
               gboolean stdout_to_stderr, GsRecordingRun *run, GError **error)
{
  g_auto (GStrv) env = g_get_environ ();
  const char *old = g_environ_getenv (env, "PYTHONPATH");
  g_autofree char *path = old && *old ? g_strconcat (package_dir, ":", old, NULL)
                                      : g_strdup (package_dir);
  g_autofree char *parent = g_strdup_printf ("%d", (int) getpid ());
  env = g_environ_setenv (env, "PYTHONPATH", path, TRUE);
  env = g_environ_setenv (env, "GILSIM_RECORD_OUT", events_dir, TRUE);
  env = g_environ_setenv (env, "GILSIM_RECORD_PARENT", parent, TRUE);
  fflush (stdout);
  fflush (stderr);
  int wait_status = 0;
  run->t0 = (double) g_get_monotonic_time () / 1e6;
  /* as a shell does for its foreground job: Ctrl-C stops the program,
   * whose recorder writes its events, and gilsim goes on to make the
   * scenario of what it did until then */
  void (*old_int) (int) = signal (SIGINT, SIG_IGN);
  void (*old_quit) (int) = signal (SIGQUIT, SIG_IGN);
  gboolean ok = g_spawn_sync (NULL, (char **) argv, env,
                              G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                              child_setup, stdout_to_stderr ? GINT_TO_POINTER (1) : NULL,
                              NULL, NULL, &wait_status, error);
  signal (SIGINT, old_int);
  signal (SIGQUIT, old_quit);
  run->wall = (double) g_get_monotonic_time () / 1e6 - run->t0;
  if (!ok) {
    g_prefix_error (error, "gilsim record: cannot run '%s': ", argv[0]);
    return FALSE;
  }
  if (WIFEXITED (wait_status))
    run->status = WEXITSTATUS (wait_status);
  else if (WIFSIGNALED (wait_status))
    run->status = 128 + WTERMSIG (wait_status);
  else
    run->status = 1;
  return TRUE;
}

/* The recorder writes it in EVENTS_DIR/python.txt. */
char *
gs_recording_python (const char *events_dir)
{
  g_autofree char *file = g_build_filename (events_dir, "python.txt", NULL);
  char *text = NULL;
  if (!g_file_get_contents (file, &text, NULL, NULL))
    return NULL;
  g_strstrip (text);
  if (*text == '\0') {
    g_free (text);
    return NULL;
  }
  return text;
}

char *
gs_recording_scenario (const char *package_dir, const char *events_dir, const char *platform,
                    const char *out_dir, const char *command, const GsRecordingRun *run,
                    GError **error)
{
  g_autofree char *python = gs_recording_python (events_dir);
  if (python == NULL) {
    g_set_error (error, recording_quark (), 0, "gilsim record: '%s' ran no Python program "
                 "with the recorder (is it a Python interpreter or script, and does it "
                 "honour PYTHONPATH?)", command);
    return NULL;
  }
  g_autofree char *t0 = g_strdup_printf ("%.6f", run->t0);
  g_autofree char *wall = g_strdup_printf ("%.6f", run->wall);
  g_autofree char *status = g_strdup_printf ("%d", run->status);
  const char *argv[] = {
    python, "-m", "gilsim_recorder.scenario", events_dir, "--platform", platform,
    "--out-dir", out_dir, "--t0", t0, "--wall", wall, "--status", status,
    "--command", command, NULL,
  };
  g_auto (GStrv) env = g_get_environ ();
  env = g_environ_unsetenv (env, "GILSIM_RECORD_OUT");
  env = g_environ_setenv (env, "PYTHONPATH", package_dir, TRUE);
  char *out = NULL;
  int wait_status = 0;
  fflush (stderr);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &wait_status, error)) {
    g_prefix_error (error, "gilsim record: cannot run %s for the scenario: ", python);
    return NULL;
  }
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0) {
    g_free (out);
    g_set_error (error, recording_quark (), 0, "gilsim record: the scenario could not be made "
                 "from the events in %s (see the message above; --events DIR keeps them)",
                 events_dir);
    return NULL;
  }
  return out;
}

void
gs_recording_remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL) {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_remove (path);
  }
  g_dir_close (d);
  g_rmdir (dir);
}
