/* test-record-runs.c: gilsim record --runs K (the per-statement medians of
 * K recordings, gilsim_recorder.runs) and the recorder's imports, with the
 * machine's python3 (skipped without one).  Structure and the medians of
 * given numbers only, never wall times. */
#include "record-test.h"

static void
assert_lacks (const char *text, const char *what)
{
  if (strstr (text, what) != NULL)
    g_test_message ("'%s' in:\n%s", what, text);
  g_assert_null (strstr (text, what));
}

/* A recorded scenario's text with the measurements A (iterations), B (a
 * native duration), C (a sleep) and the repeat count ROUNDS. */
static char *
scenario_text (const char *a, const char *b, const char *c, int rounds, const char *wall)
{
  return g_strdup_printf (
    "# Recorded by gilsim record (docs/record.md): python3 p.py\n"
    "# CPython 3.11.7 (python3), 1 process, 0 threads besides the main ones, 0 pool maps\n"
    "# recorded wall time: %s s; recorder overhead: 1.0 %% of CPU\n"
    "runtime cpython-3.11 startup = 80ms\n"
    "platform \"platforms/laptop-2core.xml\"\n"
    "\n"
    "repeat %d:\n"
    "    python %s iterations%*s# %s iterations' time, up to p.py:3\n"
    "    native %s nogil%*s# hashlib.sha256 of 4096B at p.py:4\n"
    "    sleep %s\n",
    wall, rounds, a, (int) (24 - strlen (a)), "", a, b, (int) (27 - strlen (b)), "", c);
}

/* Runs gilsim_recorder.runs on the texts TEXTS (NULL-terminated); its
 * stdout, and its stderr in ERR. */
static char *
run_median (char **texts, char **err)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  for (int k = 0; texts[k]; k++) {
    char *path = g_strdup_printf ("%s/median-%d.gil", tmpdir, k);
    g_assert_true (g_file_set_contents (path, texts[k], -1, NULL));
    g_ptr_array_add (paths, path);
  }
  g_ptr_array_add (paths, NULL);
  return run_recorder_module ("runs", (char **) paths->pdata, err);
}

/* Four recordings, three of one structure: the scenario takes, number by
 * number, the lower median of the three (whatever its unit), writes it as
 * that recording did, leaves the fourth out and says so. */
static void
test_median (void)
{
  if (!need_python ())
    return;
  char *texts[] = {
    scenario_text ("2_000", "2.5ms", "3ms", 16, "0.4000"),
    scenario_text ("900", "800us", "3ms", 16, "0.2000"),
    scenario_text ("5", "1ms", "3ms", 17, "0.1000"),        /* another loop count */
    scenario_text ("1_200", "1.1ms", "3ms", 16, "0.3000"),
    NULL,
  };
  g_autofree char *err = NULL;
  g_autofree char *out = run_median (texts, &err);
  assert_has (out, "\nrepeat 16:\n");
  /* 900, 1_200, 2_000: 1_200; 800us, 1.1ms, 2.5ms: 1.1ms; the comment's
   * figure is the median of its own */
  /* each line aligned as the converter aligns it: the comment at column 43 */
  g_autofree char *py = g_strdup_printf ("\n%-40s  # 1_200 iterations' time, up to p.py:3\n",
                                         "    python 1_200 iterations");
  g_autofree char *native = g_strdup_printf ("\n%-40s  # hashlib.sha256 of 4096B at p.py:4\n",
                                             "    native 1.1ms nogil");
  assert_has (out, py);
  assert_has (out, native);
  assert_has (out, "    sleep 3ms\n");
  assert_has (out, "# recorded wall time: 0.3000 s");
  assert_has (out, "# median of 3 recordings of the same structure (of 4 made); their wall "
                   "times: 0.4000, 0.2000, 0.3000 s\n");
  assert_lacks (out, "repeat 17");
  assert_has (err, "recording 3 left out: its structure differs");
  assert_has (err, "the scenario is the median of 3 of 4 recordings");
  assert_has (err, "recorder overhead: 1.0 % of CPU (median of 4 recordings");
  for (int k = 0; texts[k]; k++)
    g_free (texts[k]);
}

/* Two recordings of two structures: the first one's (the earliest of the
 * largest classes), unchanged but for the header's note. */
static void
test_median_tie (void)
{
  if (!need_python ())
    return;
  char *texts[] = {
    scenario_text ("100", "1ms", "3ms", 4, "0.1000"),
    scenario_text ("200", "2ms", "3ms", 5, "0.2000"),
    NULL,
  };
  g_autofree char *err = NULL;
  g_autofree char *out = run_median (texts, &err);
  assert_has (out, "repeat 4:\n    python 100 iterations");
  assert_has (out, "    native 1ms nogil");
  assert_has (out, "# median of 1 recordings of the same structure (of 2 made)");
  assert_has (err, "recording 2 left out");
  for (int k = 0; texts[k]; k++)
    g_free (texts[k]);
}

/* --runs 3 on a program of one structure: three runs (the program's
 * output three times), one scenario of the three, its loop kept. */
static void
test_record_runs (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("runs3",
    "import time\n"
    "for k in range(4):\n"
    "    sum(range(20000))\n"
    "    time.sleep(0.005)\n"
    "print('round done')\n", "3", &r);
  gilsim_expect_ok (&r);
  g_auto (GStrv) outs = g_strsplit (r.out, "round done", -1);
  g_assert_cmpuint (g_strv_length (outs), ==, 4);
  assert_has (r.err, "the scenario is the median of 3 of 3 recordings");
  assert_has (r.err, "recorder overhead: ");
  assert_has (text, "# median of 3 recordings of the same structure (of 3 made)");
  assert_has (text, "\nrepeat 4:\n");
  assert_has (text, "    sleep 5ms");
  gilsim_run_clear (&r);
}

/* A failing program stops the runs at the first: its scenario alone. */
static void
test_record_runs_failing (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("runsfail",
    "import sys, time\n"
    "time.sleep(0.01)\n"
    "sys.exit(4)\n", "3", &r);
  gilsim_expect_exit (&r, 4);
  assert_has (r.err, "run 1 of 3 failed: the scenario is that run's alone");
  assert_has (text, "WARNING: the program exited with status 4");
  assert_lacks (text, "# median of");
  gilsim_run_clear (&r);
}

/* Imports: a library module the program imports (not one already
 * loaded) is an `import` statement with its time, one under a word of the
 * language is renamed, the program's own module stays Python CPU. */
static void
test_imports (void)
{
  if (!need_python ())
    return;
  g_autofree char *mod = g_strdup_printf ("%s/mymod_rec.py", tmpdir);
  g_assert_true (g_file_set_contents (mod, "TABLE = sum(range(200000))\n", -1, NULL));
  GilsimRun r;
  g_autofree char *text = record_program ("imports",
    "import decimal\n"
    "import platform\n"
    "import importlib\n"
    "importlib.import_module('fractions')\n"
    "import multiprocessing\n"
    "import mymod_rec\n"
    "import decimal\n"
    "print(mymod_rec.TABLE)\n", "1", &r);
  gilsim_expect_ok (&r);
  assert_has (text, "\nimport decimal ");
  assert_has (text, "# import of decimal (");
  assert_has (text, "\nimport platform_module ");
  assert_has (text, "\nimport fractions ");
  /* multiprocessing puts the main module in sys.modules again, as
   * __mp_main__: not a module the import loaded */
  assert_has (text, "\nimport multiprocessing ");
  assert_lacks (text, "import mymod_rec");
  /* the second `import decimal` loads nothing */
  const char *first = strstr (text, "\nimport decimal ");
  g_assert_null (strstr (first + 1, "\nimport decimal "));
  gilsim_run_clear (&r);
}

/* The file of CACHE whose name starts with PREFIX, or NULL. */
static char *
cached_file (const char *cache, const char *prefix)
{
  g_autoptr (GDir) d = g_dir_open (cache, 0, NULL);
  for (const char *n; d && (n = g_dir_read_name (d));)
    if (g_str_has_prefix (n, prefix))
      return g_build_filename (cache, n, NULL);
  return NULL;
}

/* The recorder's bytecode cache: made by a recording, used by the next,
 * and a file that is not bytecode (damaged) is made again. */
static void
test_pycache (void)
{
  if (!need_python ())
    return;
  g_autofree char *home = g_build_filename (tmpdir, "cache", NULL);
  g_autofree char *cache = g_build_filename (home, "gilsim", "pycache", NULL);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  GilsimRun r;
  g_autofree char *first = record_program ("cached", "import time\ntime.sleep(0.01)\n", "1", &r);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  /* (proclimit.py's and recorder.py's, which every process loads, in one file) */
  g_autofree char *pyc = cached_file (cache, "gilsim_recorder.proclimit+recorder.");
  g_assert_nonnull (pyc);
  g_assert_true (g_file_set_contents (pyc, "not bytecode", -1, NULL));
  g_autofree char *second = record_program ("cached", "import time\ntime.sleep(0.01)\n", "1", &r);
  gilsim_expect_ok (&r);
  assert_has (second, "\nsleep 10ms");
  assert_lacks (r.err, "did not start");
  gilsim_run_clear (&r);
  g_autofree char *text = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (pyc, &text, &len, NULL));
  g_assert_cmpuint (len, >, 1000);     /* bytecode again, after its stamp line */
  g_unsetenv ("XDG_CACHE_HOME");
  tmpdir_remove (home);
}

static void
test_malformed (void)
{
  GilsimRun r = gilsim_run ("record", "--runs", "0", "--", "python3", "x.py", NULL);
  gilsim_expect_error (&r, "gilsim record: --runs 0: give a number of runs");
  gilsim_run_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  record_test_setup ("test-record-runs-XXXXXX");
  g_test_add_func ("/record-runs/median", test_median);
  g_test_add_func ("/record-runs/median-tie", test_median_tie);
  g_test_add_func ("/record-runs/record", test_record_runs);
  g_test_add_func ("/record-runs/failing", test_record_runs_failing);
  g_test_add_func ("/record-runs/imports", test_imports);
  g_test_add_func ("/record-runs/pycache", test_pycache);
  g_test_add_func ("/record-runs/malformed", test_malformed);
  int status = g_test_run ();
  record_test_cleanup ();
  return status;
}
