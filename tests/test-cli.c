/* test-cli.c: gilsim's command line, exports and sweeps. */
#include <glib/gstdio.h>
#include "run-gilsim.h"
#include "scratch.h"

static void
test_version_and_help (void)
{
  GilsimRun v = gilsim_run ("--version", NULL);
  gilsim_expect_ok (&v);
  g_assert_true (g_str_has_prefix (v.out, "gilsim "));
  /* gilsim --help lists the commands, each with its one-line summary, and
   * leaves their options to their own help */
  GilsimRun h = gilsim_run ("--help", NULL);
  gilsim_expect_ok (&h);
  g_assert_nonnull (strstr (h.out, "Commands:\n"
                                   "  run SCENARIO               predict how long SCENARIO "
                                   "takes, and why\n"
                                   "  validate FILE              compare predictions with "
                                   "CPython measurements\n"));
  g_assert_nonnull (strstr (h.out, "\n  calibrate FILE...  "));
  g_assert_nonnull (strstr (h.out, "\n  merge A.json B.json ...    merge the JSON exports"));
  g_assert_nonnull (strstr (h.out, "\n  report RESULTS.json        a JSON export"));
  g_assert_nonnull (strstr (h.out, "gilsim COMMAND --help"));
  g_assert_nonnull (strstr (h.out, "-V, --version"));
  g_assert_null (strstr (h.out, "--export-json"));
  g_assert_null (strstr (h.out, "--platform"));
  gilsim_run_clear (&v);
  gilsim_run_clear (&h);
}

/* COMMAND --help: its usage line, its own options (and no other
 * command's), and its text. */
static GilsimRun
command_help (const char *command)
{
  GilsimRun h = gilsim_run (command, "--help", NULL);
  gilsim_expect_ok (&h);
  g_assert_cmpstr (h.err, ==, "");
  g_autofree char *usage = g_strdup_printf ("Usage:\n  gilsim %s [OPTION", command);
  g_assert_true (g_str_has_prefix (h.out, usage));
  return h;
}

static void
test_command_help (void)
{
  GilsimRun run = command_help ("run");
  g_assert_nonnull (strstr (run.out, "] SCENARIO\n\npredict how long SCENARIO takes"));
  const char *run_options[] = { "-p, --platform=FILE", "--host=NAME", "-r, --runtime=NAME",
                                "--switch-interval=DURATION", "-L, --parameter-list",
                                "-P, --parameter-scan", "-j, --jobs=N", "--style=STYLE",
                                "--export-json=FILE", "--export-csv=FILE",
                                "--export-markdown=FILE", "--reference=", "--resume",
                                "--list-points", "--point=K", "--shard=I/N",
                                "--no-sequential", "-q, --quiet" };
  for (gsize i = 0; i < G_N_ELEMENTS (run_options); i++)
    g_assert_nonnull (strstr (run.out, run_options[i]));
  /* -o means one thing per command, said in its own help */
  g_assert_nonnull (strstr (run.out, "-o, --output=DIR"));
  g_assert_nonnull (strstr (run.out, "summary.txt to the folder DIR\n"));
  g_assert_nonnull (strstr (run.out, "Sweeps: -L and -P"));
  g_assert_nonnull (strstr (run.out, "--cfg=item:value"));
  g_assert_nonnull (strstr (run.out, "Examples:\n  gilsim run scenarios/seed/io_threads.gil\n"));
  g_assert_null (strstr (run.out, "--rows"));
  g_assert_null (strstr (run.out, "--compare-with"));
  g_assert_null (strstr (run.out, "--version"));

  GilsimRun validate = command_help ("validate");
  g_assert_nonnull (strstr (validate.out, "] FILE\n"));
  g_assert_nonnull (strstr (validate.out, "-p, --platform=FILE"));
  g_assert_nonnull (strstr (validate.out, "--compare-with=FILE"));
  g_assert_nonnull (strstr (validate.out, "--no-recalibrate"));
  g_assert_nonnull (strstr (validate.out, "--export-markdown=FILE"));
  g_assert_null (strstr (validate.out, "--output"));
  g_assert_null (strstr (validate.out, "--export-csv"));
  g_assert_null (strstr (validate.out, "-L,"));

  GilsimRun calibrate = command_help ("calibrate");
  g_assert_nonnull (strstr (calibrate.out, "] FILE...\n"));
  g_assert_nonnull (strstr (calibrate.out, "-o, --output=FILE"));
  g_assert_nonnull (strstr (calibrate.out, "write the platform file to FILE"));
  g_assert_null (strstr (calibrate.out, "--export-json"));
  g_assert_null (strstr (calibrate.out, "--no-recalibrate"));

  GilsimRun merge = command_help ("merge");
  g_assert_nonnull (strstr (merge.out, "] A.json B.json ...\n"));
  g_assert_nonnull (strstr (merge.out, "-o, --output=FILE"));
  g_assert_nonnull (strstr (merge.out, "write the merged JSON export to FILE"));
  g_assert_nonnull (strstr (merge.out, "gilsim merge part*.json -o results.json"));
  g_assert_null (strstr (merge.out, "--platform"));

  GilsimRun report = command_help ("report");
  g_assert_nonnull (strstr (report.out, "] RESULTS.json\n"));
  const char *report_options[] = { "--rows=NAME", "--cols=NAME", "--value=WHAT",
                                   "--where=", "--format=FORMAT", "--reference=" };
  for (gsize i = 0; i < G_N_ELEMENTS (report_options); i++)
    g_assert_nonnull (strstr (report.out, report_options[i]));
  /* every value --value takes (its error lists them) */
  g_assert_nonnull (strstr (report.out, "blocked, slowed, core_wait (the workers' sums"));
  g_assert_nonnull (strstr (report.out, "_blocked_s, _slowed_s, _core_wait_s)"));
  g_assert_null (strstr (report.out, "--output"));
  /* paragraphs apart by one blank line, in every command's help */
  const char *commands[] = { "run", "validate", "calibrate", "merge", "report", "platform",
                             "record" };
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++) {
    GilsimRun h = command_help (commands[i]);
    g_assert_null (strstr (h.out, "\n\n\n"));
    gilsim_run_clear (&h);
  }
  g_assert_null (strstr (report.out, "--platform"));
  gilsim_run_clear (&run);
  gilsim_run_clear (&validate);
  gilsim_run_clear (&calibrate);
  gilsim_run_clear (&merge);
  gilsim_run_clear (&report);
}

static void
test_terminal_report (void)
{
  GilsimRun r = gilsim_run ("run", "scenarios/seed/io_threads.gil", NULL);
  gilsim_expect_ok (&r);
  g_assert_nonnull (strstr (r.out, "Thread-0 started."));
  g_assert_nonnull (strstr (r.out, "Thread-2 finished."));
  g_assert_nonnull (strstr (r.out, "Predicted wall time: 2.09 s; sequential 6.09 s"));
  g_assert_nonnull (strstr (r.out, "gil_wait"));
  g_assert_cmpstr (r.err, ==, "");
  gilsim_run_clear (&r);
}

static void
test_sweep_csv (void)
{
  GilsimRun r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=1,2,4",
                            "-L", "runtime=cpython-3.12,cpython-3.13t",
                            "--export-csv", "-", NULL);
  gilsim_expect_ok (&r);
  g_assert_cmpint (count_lines (r.out), ==, 7);
  g_assert_nonnull (strstr (r.out, ",parameter_N,parameter_runtime,worker_"));
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  /* the last -L varies fastest */
  g_assert_nonnull (strstr (lines[1], ",1,cpython-3.12,"));
  g_assert_nonnull (strstr (lines[2], ",1,cpython-3.13t,"));
  g_assert_nonnull (strstr (lines[6], ",4,cpython-3.13t,"));
  gilsim_run_clear (&r);
}

/* Free-threaded Python runs the 4 threads in parallel on 16 cores, each
 * slower than with the GIL; the GIL build serialises them. */
static void
test_free_threaded (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/seed/cpu_threads.gil", "-L", "N=4",
                    "-L", "runtime=cpython-3.12,cpython-3.13t", NULL);
  double wall_gil = json_object_get_double_member (p.res, "wall_s");
  JsonObject *ft = gilsim_point_nth (&p, 1);
  g_assert_cmpstr (json_object_get_string_member (ft, "runtime"), ==, "cpython-3.13t");
  double wall_ft = json_object_get_double_member (ft, "wall_s");
  g_assert_cmpfloat (wall_ft * 2, <, wall_gil);
  g_assert_cmpint (json_object_get_int_member (ft, "gil_switches"), ==, 0);
  gilsim_point_clear (&p);
}

static void
test_exports_to_files (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *md = g_build_filename (dir, "r.md", NULL);
  g_autofree char *js = g_build_filename (dir, "r.json", NULL);
  GilsimRun r = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-L", "N=1,3",
                            "--export-markdown", md, "--export-json", js, NULL);
  gilsim_expect_ok (&r);
  g_autofree char *mdtext = read_file (md);
  g_assert_true (g_str_has_prefix (mdtext, "| N | runtime | wall [s] |"));
  g_assert_cmpint (count_lines (mdtext), ==, 4);
  g_autofree char *jstext = read_file (js);
  g_assert_nonnull (strstr (jstext, "\"parameters\": {\n        \"N\": \"3\""));
  /* numbers in their shortest form: 0.005, not 0.0050000000000000001 */
  g_assert_nonnull (strstr (jstext, "\"switch_interval_s\": 0.005,"));
  tmpdir_remove (dir);
  gilsim_run_clear (&r);
}

static void
check_usage_error (GilsimRun r, const char *word)
{
  gilsim_expect_error (&r, "");
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, word));
  gilsim_run_clear (&r);
}

static void
test_usage_errors (void)
{
  check_usage_error (gilsim_run (NULL), "no command");
  check_usage_error (gilsim_run ("fly", NULL), "unknown command");
  check_usage_error (gilsim_run ("run", NULL), "exactly one scenario");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "-L", "M=1", NULL),
                     "has no parameter 'M'");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "-L", "N", NULL),
                     "NAME=v1,v2");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--host", "zz", NULL),
                     "no host 'zz'");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "-L",
                                 "runtime=pypy", NULL), "unknown runtime 'pypy'");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--switch-interval",
                                 "5", NULL), "no unit");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--bogus", NULL),
                     "Unknown option");
  check_usage_error (gilsim_run ("report", NULL), "exactly one JSON export");
  check_usage_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "-P", "N=1:x",
                                 NULL), "-P N=1:x");
}

/* An option of another command is an error that says whose it is. */
static void
check_wrong_command (GilsimRun r, const char *message)
{
  gilsim_expect_error (&r, "");
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, ==, message);
  gilsim_run_clear (&r);
}

static void
test_wrong_command (void)
{
  check_wrong_command (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--rows", "N",
                                   NULL),
                       "gilsim run: --rows is an option of gilsim report, not of run "
                       "(see gilsim run --help)\n");
  check_wrong_command (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--format=csv",
                                   NULL),
                       "gilsim run: --format is an option of gilsim report, not of run "
                       "(see gilsim run --help)\n");
  check_wrong_command (gilsim_run ("validate", "tests/data/laptop-subset.jsonl", "-o",
                                   "out.xml", NULL),
                       "gilsim validate: -o is an option of gilsim run, calibrate, "
                       "merge and record, not of validate (see gilsim validate --help)\n");
  check_wrong_command (gilsim_run ("calibrate", "tests/data/session-costs.jsonl",
                                   "--no-recalibrate", NULL),
                       "gilsim calibrate: --no-recalibrate is an option of gilsim "
                       "validate, not of calibrate (see gilsim calibrate --help)\n");
  check_wrong_command (gilsim_run ("merge", "a.json", "--platform", "platforms/laptop-2core.xml",
                                   NULL),
                       "gilsim merge: --platform is an option of gilsim run, validate, "
                       "calibrate and record, not of merge (see gilsim merge --help)\n");
  check_wrong_command (gilsim_run ("report", "a.json", "-L", "N=1", NULL),
                       "gilsim report: -L is an option of gilsim run, not of report "
                       "(see gilsim report --help)\n");
  /* options go after their command */
  check_wrong_command (gilsim_run ("-q", "run", "scenarios/seed/io_threads.gil", NULL),
                       "gilsim: -q is an option of gilsim run: give it after the command "
                       "(see gilsim run --help)\n");
  /* SimGrid's settings go to run's simulations only */
  check_wrong_command (gilsim_run ("validate", "tests/data/laptop-subset.jsonl",
                                   "--cfg=network/model:LV08", NULL),
                       "gilsim validate: --cfg=network/model:LV08 goes to the simulations "
                       "of gilsim run only (see gilsim validate --help)\n");
  /* an option of no command */
  check_wrong_command (gilsim_run ("merge", "a.json", "--bogus", NULL),
                       "gilsim merge: Unknown option --bogus (see gilsim merge --help)\n");
  /* a parameter named in another case: the one meant is suggested */
  check_wrong_command (gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "n=1,2",
                                   NULL),
                       "-L n: scenarios/seed/cpu_threads.gil has no parameter 'n' (did "
                       "you mean N?); known: runtime, switch_interval, platform, host, cores, speed, N\n");
  /* -j has a bound: 4 workers per CPU (-j 400 once ran 565 processes);
   * 0, -0 (once taken as the default), a sign, a fraction, hexadecimal
   * and blanks get the same line */
  guint max = 4 * g_get_num_processors ();
  static const char *const bad_jobs[] = { "100000", "0", "-0", "-1", "+2", "1.5",
                                          "0x2", " 2", "", "99999999999" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad_jobs); i++) {
    g_autofree char *want = g_strdup_printf (
        "-j %s: give the number of simulations to run at once (4 per CPU at most), "
        "a whole number from 1 to %u\n", bad_jobs[i], max);
    check_wrong_command (gilsim_run ("run", "scenarios/seed/io_threads.gil", "-j",
                                     bad_jobs[i], NULL), want);
  }
  /* --samples 0 once ran one sample */
  check_wrong_command (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--samples",
                                   "0", NULL),
                       "--samples 0: give the number of samples of each point, a "
                       "whole number from 1 to 100000\n");
}

/* A shorter switch interval means more switches. */
static void
test_switch_interval (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/seed/cpu_threads.gil", "-L", "N=2",
                    "-L", "switch_interval=1ms,5ms", NULL);
  gint64 fast = json_object_get_int_member (p.res, "gil_switches");
  gint64 slow = json_object_get_int_member (gilsim_point_nth (&p, 1), "gil_switches");
  g_assert_cmpint (fast, >, 3 * slow);
  gilsim_point_clear (&p);
}

/* gilsim platform: each host's gilsim properties, given or defaulted, and
 * the registry of them all; a bad file is one line and status 2. */
static void
test_platform_command (void)
{
  GilsimRun r = gilsim_run ("platform", "platforms/laptop-2core.xml", "--host", "laptop",
                            NULL);
  gilsim_expect_ok (&r);
  g_assert_true (g_str_has_prefix (r.out, "platforms/laptop-2core.xml: 1 host\n\n"
                                   "host laptop: 2 cores at 1e+09 flop/s a core\n"));
  g_assert_nonnull (strstr (r.out, "| `python.loop` | 42.8ns | the file |\n"));
  g_assert_nonnull (strstr (r.out, "| `disk.fsync` | 0s | default |\n"));
  g_assert_nonnull (strstr (r.out, "| `gil.old_rewin` | 0.993 | default |\n"));
  g_assert_nonnull (strstr (r.out, "| `cost.hashlib.sha256` | 0.560ns | the file |\n"));
  gilsim_run_clear (&r);

  r = gilsim_run ("platform", "--properties", NULL);
  gilsim_expect_ok (&r);
  g_assert_true (g_str_has_prefix (r.out, "| property |"));
  g_assert_nonnull (strstr (r.out, "`gil.old_rewin`"));
  g_assert_nonnull (strstr (r.out, "`cost.NAME`"));
  gilsim_run_clear (&r);

  r = gilsim_run ("platform", "tests/data/platforms/bad-prop.xml", NULL);
  gilsim_expect_error (&r, "tests/data/platforms/bad-prop.xml:");
  g_assert_cmpstr (r.out, ==, "");
  gilsim_run_clear (&r);
}

/* A run killed between writing an export aside and renaming it leaves
 * EXPORT.XXXXXX behind; the next run of the same export removes it, and
 * only it. */
static void
test_stale_temps (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *json = g_build_filename (dir, "r.json", NULL);
  g_autofree char *stale = g_build_filename (dir, "r.json.Ab12Cd", NULL);
  g_autofree char *keep1 = g_build_filename (dir, "r.json.keep", NULL);
  g_autofree char *keep2 = g_build_filename (dir, "other.json.Ab12Cd", NULL);
  g_assert_true (g_file_set_contents (stale, "{", -1, NULL));
  g_assert_true (g_file_set_contents (keep1, "x", -1, NULL));
  g_assert_true (g_file_set_contents (keep2, "x", -1, NULL));
  GilsimRun r = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-q", "--export-json",
                            json, NULL);
  gilsim_expect_ok (&r);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (keep1, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (keep2, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

/* repeat K as j numbers the rounds from 0; each worker's sleeps of 10, 20
 * and 30 ms block it 60 ms and three sleep overheads (115 us each). */
static void
test_repeat_as (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "tests/data/repeat_as.gil", NULL);
  JsonObject *res = p.res;
  JsonArray *prints = json_object_get_array_member (res, "prints");
  g_assert_cmpuint (json_array_get_length (prints), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (prints, 4),
                                                  "text"), ==, "T0 round 2");
  JsonArray *ws = json_object_get_array_member (res, "workers");
  JsonObject *t0 = json_array_get_object_element (ws, 1);
  g_assert_cmpstr (json_object_get_string_member (t0, "name"), ==, "T0");
  assert_near (json_object_get_double_member (t0, "blocked_s"), 0.060345, 1e-6);
  gilsim_point_clear (&p);
}

/* --resume keeps a point's result only if it was run with what this run
 * gives it: another runtime is refused, naming both; the same scenario by
 * its absolute path is the same run. */
static void
test_resume_other_options (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *json = g_build_filename (dir, "r.json", NULL);
  GilsimRun r = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-q", "--export-json",
                            json, NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  r = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-q", "--export-json", json,
                  "--resume", "--runtime", "cpython-3.13t", NULL);
  gilsim_expect_error (&r, "");
  g_assert_nonnull (strstr (r.err, "run with cpython-3.12"));
  g_assert_nonnull (strstr (r.err, "this run gives cpython-3.13t"));
  gilsim_run_clear (&r);
  g_autofree char *abs = g_build_filename (g_getenv ("GILSIM_SOURCE_ROOT"), "scenarios",
                                           "seed", "io_threads.gil", NULL);
  r = gilsim_run ("run", abs, "-q", "--export-json", json, "--resume", NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

/* --resume refuses an export whose scenario or platform was edited since:
 * each result keeps the SHA-256 of both files' contents. */
static void
test_resume_edited_files (void)
{
  const char *root = g_getenv ("GILSIM_SOURCE_ROOT");
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *json = g_build_filename (dir, "r.json", NULL);
  g_autofree char *sc = g_build_filename (dir, "s.gil", NULL);
  g_autofree char *pl = g_build_filename (dir, "p.xml", NULL);
  g_autofree char *sc_src = g_build_filename (root, "scenarios", "seed", "io_threads.gil", NULL);
  g_autofree char *pl_src = g_build_filename (root, "platforms", "xeon-16core.xml", NULL);
  g_autofree char *sc_text = read_file (sc_src);
  g_autofree char *pl_text = read_file (pl_src);
  g_assert_true (g_file_set_contents (sc, sc_text, -1, NULL));
  g_assert_true (g_file_set_contents (pl, pl_text, -1, NULL));
  GilsimRun r = gilsim_run ("run", sc, "--platform", pl, "-q", "--export-json", json,
                            "-L", "N=1,2", NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  g_autofree char *exported = read_file (json);
  g_assert_nonnull (strstr (exported, "\"scenario_sha256\": \""));
  g_assert_nonnull (strstr (exported, "\"platform_sha256\": \""));
  /* unchanged: every point is kept */
  r = gilsim_run ("run", sc, "--platform", pl, "-q", "--export-json", json, "-L", "N=1,2",
                  "--resume", NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  /* an edited scenario, then an edited platform, are refused by name */
  const char *edited[] = { sc, pl };
  const char *texts[] = { sc_text, pl_text };
  const char *comment[] = { "# edited\n", "<!-- edited -->\n" };
  for (guint i = 0; i < 2; i++) {
    g_autofree char *changed = g_strconcat (texts[i], comment[i], NULL);
    g_assert_true (g_file_set_contents (edited[i], changed, -1, NULL));
    r = gilsim_run ("run", sc, "--platform", pl, "-q", "--export-json", json, "-L", "N=1,2",
                    "--resume", NULL);
    gilsim_expect_error (&r, "");
    g_autofree char *want = g_strdup_printf ("holds results of %s as it was before an edit",
                                             edited[i]);
    g_assert_nonnull (strstr (r.err, want));
    gilsim_run_clear (&r);
    g_assert_true (g_file_set_contents (edited[i], texts[i], -1, NULL));
  }
  tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/command-help", test_command_help);
  g_test_add_func ("/cli/terminal-report", test_terminal_report);
  g_test_add_func ("/cli/sweep-csv", test_sweep_csv);
  g_test_add_func ("/cli/free-threaded", test_free_threaded);
  g_test_add_func ("/cli/exports-to-files", test_exports_to_files);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/wrong-command", test_wrong_command);
  g_test_add_func ("/cli/switch-interval", test_switch_interval);
  g_test_add_func ("/cli/platform-command", test_platform_command);
  g_test_add_func ("/cli/stale-temps", test_stale_temps);
  g_test_add_func ("/cli/repeat-as", test_repeat_as);
  g_test_add_func ("/cli/resume-other-options", test_resume_other_options);
  g_test_add_func ("/cli/resume-edited-files", test_resume_edited_files);
  return g_test_run ();
}
