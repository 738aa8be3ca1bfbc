/* record-test.h: what the tests of gilsim record share: the machine's
 * python3, a scratch folder, and recording a program written there. */
#pragma once

#include "run-gilsim.h"
#include "scratch.h"

static char *python;   /* python3 on PATH, or NULL: set by main */
static char *tmpdir;   /* the test's scratch folder: set by main */

/* Finds python3 and makes the scratch folder named after TEMPLATE
 * ("test-record-XXXXXX"); call it from main before g_test_run. */
static inline void
record_test_setup (const char *template)
{
  python = g_find_program_in_path ("python3");
  tmpdir = g_dir_make_tmp (template, NULL);
}

/* Removes the scratch folder and what is in it; call it from main after
 * g_test_run. */
static inline void
record_test_cleanup (void)
{
  tmpdir_remove (tmpdir);
}

/* Whether python3 is there; skips the test when it is not. */
static inline gboolean
need_python (void)
{
  if (python == NULL) {
    g_test_skip ("no python3 on PATH");
    return FALSE;
  }
  return TRUE;
}

/* Asserts that TEXT contains WHAT, showing TEXT when it does not. */
static inline void
assert_has (const char *text, const char *what)
{
  if (strstr (text, what) == NULL)
    g_test_message ("no '%s' in:\n%s", what, text);
  g_assert_nonnull (strstr (text, what));
}

/* Runs python3 -m gilsim_recorder.MODULE with ARGS (NULL-terminated) from
 * the source root, the recorder's package on PYTHONPATH, and asserts that
 * it exits with status 0; returns its stdout, and its stderr in *ERR (NULL:
 * stderr is dropped). */
static inline char *
run_recorder_module (const char *module, char **args, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup (python));
  g_ptr_array_add (argv, g_strdup ("-m"));
  g_ptr_array_add (argv, g_strconcat ("gilsim_recorder.", module, NULL));
  for (char **a = args; *a; a++)
    g_ptr_array_add (argv, g_strdup (*a));
  g_ptr_array_add (argv, NULL);
  const char *root = g_getenv ("GILSIM_SOURCE_ROOT");
  g_autofree char *pkg = g_build_filename (root, "sim", "record", "python", NULL);
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "PYTHONPATH", pkg, TRUE);
  char *out = NULL;
  int status = 0;
  g_assert_true (g_spawn_sync (root, (char **) argv->pdata, env,
                               err ? G_SPAWN_DEFAULT : G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, err, &status, NULL));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return out;
}

/* Writes SOURCE to NAME.py in tmpdir and records it with gilsim record
 * (with --runs RUNS unless RUNS is NULL) on laptop-2core into NAME.gil;
 * R gets the recording's run.  Asserts that gilsim run reads the scenario
 * written, and returns its text. */
static inline char *
record_program (const char *name, const char *source, const char *runs, GilsimRun *r)
{
  g_autofree char *py = g_strdup_printf ("%s/%s.py", tmpdir, name);
  g_autofree char *gil = g_strdup_printf ("%s/%s.gil", tmpdir, name);
  g_assert_true (g_file_set_contents (py, source, -1, NULL));
  if (runs)
    *r = gilsim_run ("record", "--runs", runs, "-o", gil, "--platform",
                     "platforms/laptop-2core.xml", "--", python, py, NULL);
  else
    *r = gilsim_run ("record", "-o", gil, "--platform", "platforms/laptop-2core.xml", "--",
                     python, py, NULL);
  char *text = read_file (gil);
  /* what gilsim record writes, gilsim run reads */
  GilsimRun sim = gilsim_run ("run", gil, "-q", NULL);
  if (sim.status != 0)
    g_test_message ("the scenario that gilsim record wrote:\n%s", text);
  gilsim_expect_ok (&sim);
  gilsim_run_clear (&sim);
  return text;
}
