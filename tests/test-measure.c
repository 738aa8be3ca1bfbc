/* test-measure.c: gilsim calibrate --measure runs the shipped harness.
 *
 * A fake interpreter (a shell script written here) drives the failure
 * paths without Python; with a Python 3.8+ on PATH, a real quick run
 * checks that the records and the platform file come out whole. */
#include <glib/gstdio.h>

#include "run-gilsim.h"
#include "scratch.h"

#define BASE "platforms/laptop-2core.xml"

/* A script that answers the version check as Python VERSION would and
 * then, run as the harness, prints a line and exits with HARNESS_STATUS. */
static char *
fake_python_named (const char *dir, const char *name, const char *version,
                   int harness_status)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = g_strdup_printf (
      "#!/bin/sh\n"
      "case \"$2\" in\n"
      "  *version_info*) echo %s; echo \"$0\"; [ %s = 2.7.18 ] && exit 3; exit 0 ;;\n"
      "  pass) exit 0 ;;\n"
      "esac\n"
      "echo 'measure.py: starting'\n"
      "echo 'Traceback: the harness broke here'\n"
      "exit %d\n", version, version, harness_status);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return g_steal_pointer (&path);
}

/* fake_python_named() as "python-fake". */
static char *
fake_python (const char *dir, const char *version, int harness_status)
{
  return fake_python_named (dir, "python-fake", version, harness_status);
}

/* R failed with exit status 2, and the last line of its stderr is the
 * error, holding NEEDLE: one line (before it, at most the line saying
 * that the measurement starts, and the bar, erased with \r). */
static void
assert_one_line_error (const GilsimRun *r, const char *needle)
{
  gilsim_expect_exit (r, 2);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  g_auto (GStrv) lines = g_strsplit (r->err, "\n", -1);
  guint n = g_strv_length (lines);
  g_assert_cmpuint (n, <=, 3);
  if (n == 3)
    g_assert_true (g_str_has_prefix (lines[0], "measuring this machine with Python"));
  const char *last = strrchr (lines[n - 2], '\r');
  last = last ? last + 1 : lines[n - 2];
  g_assert_true (g_str_has_prefix (last, "gilsim calibrate: "));
  g_assert_nonnull (strstr (last, needle));
}

static void
test_bad_uses (void)
{
  struct { const char *a, *b, *c, *needle; } cases[] = {
    { "--python", "/nonexistent/python", NULL, "--python /nonexistent/python: no such program;" },
    { "--python", "no-such-python-here", NULL, "no such program on PATH" },
    { "--python", "/bin/false", NULL, "not a Python 3.8 or later" },
    { "--budget", "5s", NULL, "give between 10s and 24h" },
    { "--budget", "300", NULL, "has no unit" },
    { "tests/data/py312-2core.jsonl", NULL, NULL, "either measurements files or --measure" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_auto (GilsimRun) r = gilsim_run ("calibrate", "--measure", "--platform", BASE,
                                       cases[i].a, cases[i].b, NULL);
    assert_one_line_error (&r, cases[i].needle);
  }
  g_auto (GilsimRun) r = gilsim_run ("calibrate", "--python", "python3", "--platform", BASE,
                                     "tests/data/py312-2core.jsonl", NULL);
  assert_one_line_error (&r, "--python goes with --measure");
}

static void
test_fake_interpreters (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *records = g_build_filename (dir, "r.jsonl", NULL);
  g_autofree char *old = fake_python (dir, "2.7.18", 0);
  g_auto (GilsimRun) r1 = gilsim_run ("calibrate", "--measure", "--platform", BASE,
                                      "--python", old, "--records", records, NULL);
  assert_one_line_error (&r1, "not a Python 3.8 or later (it says 2.7.18)");
  g_autofree char *broken = fake_python (dir, "3.12.1", 1);
  g_auto (GilsimRun) r2 = gilsim_run ("calibrate", "--measure", "--platform", BASE,
                                      "--python", broken, "--records", records,
                                      "--style", "basic", NULL);
  assert_one_line_error (&r2, "the measurement harness failed (exit status 1): "
                              "Traceback: the harness broke here");
  /* a missing harness is named, with what to do */
  g_autofree char *good = fake_python (dir, "3.12.1", 0);
  g_autofree char *argv0 = g_strdup (g_getenv ("GILSIM"));
  const char *root = g_getenv ("GILSIM_SOURCE_ROOT");
  const char *argv[] = { argv0, "calibrate", "--measure", "--platform", BASE, "--python",
                         good, "--records", records, NULL };
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "GILSIM_DATA_DIR", dir, TRUE);
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_assert_true (g_spawn_sync (root, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, NULL));
  GilsimRun r3 = { WIFEXITED (status) ? WEXITSTATUS (status) : -1, out, err };
  out = err = NULL;  /* r3's now */
  assert_one_line_error (&r3, "cannot find measure.py in ");
  gilsim_run_clear (&r3);
  tmpdir_remove (dir);
}

/* --also-python: each other interpreter is checked before anything is
 * measured, must be of a version of its own, and its start-up becomes
 * python.startup.VERSION beside --python's python.startup. */
static void
test_other_interpreters (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *records = g_build_filename (dir, "r.jsonl", NULL);
  g_autofree char *xml = g_build_filename (dir, "mine.xml", NULL);
  g_autofree char *py312 = fake_python_named (dir, "py312", "3.12.1", 0);
  g_autofree char *py311 = fake_python_named (dir, "py311", "3.11.7", 0);
  g_autofree char *py313 = fake_python_named (dir, "py313", "3.13.0", 0);
  g_autofree char *also312 = fake_python_named (dir, "also312", "3.12.4", 0);
  struct { const char *a, *b, *needle; } bad[] = {
    { "/bin/false", NULL, "--also-python /bin/false: not a Python 3.8 or later; "
                          "give --also-python PATH" },
    { "no-such-python-here", NULL, "--also-python no-such-python-here: no such program on PATH" },
    { also312, NULL, "Python 3.12.4, a version measured already (--python's)" },
    { py311, py311, "Python 3.11.7, a version measured already; give interpreters of "
                    "other versions" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_auto (GilsimRun) r = gilsim_run ("calibrate", "--measure", "--platform", BASE,
                                       "--python", py312, "--records", records, "--style",
                                       "none", "--also-python", bad[i].a,
                                       bad[i].b ? "--also-python" : NULL, bad[i].b, NULL);
    assert_one_line_error (&r, bad[i].needle);
  }
  g_auto (GilsimRun) r = gilsim_run ("calibrate", "--measure", "--platform", BASE,
                                     "--python", py312, "--also-python", py311,
                                     "--also-python", py313, "--style", "none",
                                     "--records", records, "-o", xml, NULL);
  gilsim_expect_ok (&r);
  g_autofree char *set = g_strdup_printf ("%s: python.startup = ", records);
  g_autofree char *set311 = g_strdup_printf ("%s: python.startup.3.11 = ", records);
  g_autofree char *set313 = g_strdup_printf ("%s: python.startup.3.13 = ", records);
  g_assert_nonnull (strstr (r.err, set));
  g_assert_nonnull (strstr (r.err, set311));
  g_assert_nonnull (strstr (r.err, set313));
  g_autofree char *text = read_file (xml);
  g_assert_nonnull (strstr (text, "<prop id=\"python.startup.3.11\" value=\""));
  g_auto (GilsimRun) run = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-q",
                                       "-L", "runtime=cpython-3.11", "--platform", xml, NULL);
  gilsim_expect_ok (&run);
  g_auto (GilsimRun) old = gilsim_run ("calibrate", "--also-python", py311, "--platform", BASE,
                                       "tests/data/py312-2core.jsonl", NULL);
  assert_one_line_error (&old, "--also-python goes with --measure");
  tmpdir_remove (dir);
}

/* The first Python 3.8+ on PATH, or NULL. */
static char *
find_python3 (void)
{
  g_autofree char *py = g_find_program_in_path ("python3");
  if (py == NULL)
    return NULL;
  const char *argv[] = { py, "-c", "import sys; sys.exit(sys.version_info < (3, 8))", NULL };
  int status = 1;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&py);
}

static void
test_quick_measurement (void)
{
  g_autofree char *py = find_python3 ();
  if (py == NULL) {
    g_test_skip ("no Python 3.8+ on PATH");
    return;
  }
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *xml = g_build_filename (dir, "mine.xml", NULL);
  g_autofree char *records = g_build_filename (dir, "mine.jsonl", NULL);
  g_auto (GilsimRun) r = gilsim_run ("calibrate", "--measure", "--quick", "--budget", "10s",
                                     "--style", "none", "--python", py, "--platform", BASE,
                                     "-o", xml, NULL);
  gilsim_expect_ok (&r);
  g_assert_nonnull (strstr (r.err, "measuring this machine with Python 3."));
  /* the records went beside -o's file, the harness's and the start-up's */
  g_autofree char *text = read_file (records);
  g_assert_true (g_str_has_prefix (text, "{\"case\": \"_meta\""));
  g_assert_nonnull (strstr (text, "\"case\": \"calib_cpu\""));
  g_assert_nonnull (strstr (text, "\"case\": \"interpreter_start\""));
  /* calibrate set values from them, and the platform runs a scenario */
  g_autofree char *set = g_strdup_printf ("%s: python.startup = ", records);
  g_assert_nonnull (strstr (r.err, set));
  g_auto (GilsimRun) run = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-q",
                                       "--platform", xml, NULL);
  gilsim_expect_ok (&run);
  g_assert_nonnull (strstr (run.out, "Predicted wall time:"));
  tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/measure/bad-uses", test_bad_uses);
  g_test_add_func ("/measure/fake-interpreters", test_fake_interpreters);
  g_test_add_func ("/measure/other-interpreters", test_other_interpreters);
  g_test_add_func ("/measure/quick-measurement", test_quick_measurement);
  return g_test_run ();
}
