/* test-sweep.c: sweeps at scale: scans, platform parameters, parallel runs,
 * resuming, shards and merging, reports and output folders.  Every test
 * runs the gilsim program; none asserts a wall-clock time. */
#include <math.h>
#include <signal.h>
#include <glib/gstdio.h>
#include "run-gilsim.h"
#include "scratch.h"

#define CPU "scenarios/seed/cpu_threads.gil"

/* The results array of the JSON export TEXT (parser kept by the caller). */
static JsonArray *
results_of (JsonParser *parser, const char *text)
{
  return json_object_get_array_member (gilsim_json_root (parser, text), "results");
}

/* ---------------------------------------------------------------------- */

/* The first check: ten CSV rows, then a threads-by-runtime table. */
static void
test_csv_and_report_table (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *js = g_build_filename (dir, "r.json", NULL);
  GilsimRun r = gilsim_run ("run", CPU, "-L", "N=1,2,4,8,16", "-L",
                            "runtime=cpython-3.12,cpython-3.13t", "--platform",
                            "platforms/xeon-16core.xml", "--export-csv", "-",
                            "--export-json", js, NULL);
  gilsim_expect_ok (&r);
  g_assert_cmpint (count_lines (r.out), ==, 11);
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  /* the parameters, then the per-worker columns (worker_<name>_...) */
  g_assert_nonnull (strstr (lines[0], ",parameter_N,parameter_runtime,"
                                      "worker_MainThread_start_s,"));
  g_assert_true (g_str_has_suffix (lines[0], ",worker_Thread-15_blocked_s,"
                                              "worker_Thread-15_slowed_s,"
                                              "worker_Thread-15_core_wait_s"));
  g_assert_nonnull (strstr (lines[10], ",16,cpython-3.13t,"));

  GilsimRun t = gilsim_run ("report", js, "--rows", "N", "--cols", "runtime", NULL);
  gilsim_expect_ok (&t);
  g_auto (GStrv) rows = g_strsplit (t.out, "\n", -1);
  g_assert_cmpint (count_lines (t.out), ==, 7);
  g_assert_cmpstr (rows[0], ==, "| N \\ runtime | cpython-3.12 | cpython-3.13t |");
  g_assert_true (g_str_has_prefix (rows[6], "| 16 | 0.9"));
  /* free-threaded: 16 threads run side by side, about 14 times the work */
  g_auto (GStrv) cells = g_strsplit (rows[6], "|", -1);
  g_assert_cmpfloat (g_ascii_strtod (cells[3], NULL), >, 10.0);

  GilsimRun c = gilsim_run ("report", js, "--rows", "N", "--cols", "runtime",
                            "--value", "wall", "--format", "csv", NULL);
  gilsim_expect_ok (&c);
  g_assert_true (g_str_has_prefix (c.out, "N,cpython-3.12,cpython-3.13t\n1,0.5"));
  g_assert_cmpint (count_lines (c.out), ==, 6);

  /* without --rows, report gives the export back: JSON byte for byte */
  GilsimRun j = gilsim_run ("report", js, "--format", "json", NULL);
  gilsim_expect_ok (&j);
  g_autofree char *orig = read_file (js);
  g_assert_cmpstr (j.out, ==, orig);
  tmpdir_remove (dir);
  gilsim_run_clear (&r);
  gilsim_run_clear (&t);
  gilsim_run_clear (&c);
  gilsim_run_clear (&j);
}

/* The time without a full core and what slow vCPUs added, in the CSV
 * (per worker) and in `report --value` (summed): four free threads on two
 * cores wait for a core as long as they run; under the GIL, never. */
static void
test_core_wait_columns (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *js = g_build_filename (dir, "r.json", NULL);
  GilsimRun r = gilsim_run ("run", CPU, "-L", "N=4", "-L",
                            "runtime=cpython-3.12,cpython-3.13t", "--platform",
                            "platforms/laptop-2core.xml", "--export-csv", "-",
                            "--export-json", js, NULL);
  gilsim_expect_ok (&r);
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  /* the columns counted from the end: the first (the point's label,
   * quoted) has commas of its own */
  g_auto (GStrv) head = g_strsplit (lines[0], ",", -1);
  g_auto (GStrv) gil = g_strsplit (lines[1], ",", -1);
  g_auto (GStrv) free_ = g_strsplit (lines[2], ",", -1);
  guint nh = g_strv_length (head), ng = g_strv_length (gil), nf = g_strv_length (free_);
  int core = -1, cpu = -1;
  for (guint i = 0; i < nh; i++) {
    if (strcmp (head[i], "worker_Thread-1_core_wait_s") == 0)
      core = nh - i;
    if (strcmp (head[i], "worker_Thread-1_cpu_s") == 0)
      cpu = nh - i;
  }
  g_assert_cmpint (core, >, 0);
  g_assert_cmpint (cpu, >, 0);
  double cpu_s = g_ascii_strtod (free_[nf - cpu], NULL);
  g_assert_cmpfloat (g_ascii_strtod (gil[ng - core], NULL), ==, 0);
  g_assert_cmpfloat (cpu_s, >, 0);
  assert_near (g_ascii_strtod (free_[nf - core], NULL), cpu_s, 0.01 * cpu_s);

  /* summed over the workers: the JSON's core_wait_s */
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *text = read_file (js);
  JsonArray *res = results_of (parser, text);
  JsonArray *ws = json_object_get_array_member (json_array_get_object_element (res, 1),
                                                "workers");
  double sum = 0;
  for (guint i = 0; i < json_array_get_length (ws); i++)
    sum += json_object_get_double_member_with_default (json_array_get_object_element (ws, i),
                                                        "core_wait_s", 0);
  g_assert_cmpfloat (sum, >, 0);
  GilsimRun t = gilsim_run ("report", js, "--rows", "N", "--cols", "runtime", "--value",
                            "core_wait", "--format", "csv", NULL);
  gilsim_expect_ok (&t);
  g_auto (GStrv) rows = g_strsplit (t.out, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "N,cpython-3.12,cpython-3.13t");
  g_auto (GStrv) cells = g_strsplit (rows[1], ",", -1);
  g_assert_cmpfloat (g_ascii_strtod (cells[1], NULL), ==, 0);
  assert_near (g_ascii_strtod (cells[2], NULL), sum, 1e-3 * sum);
  tmpdir_remove (dir);
  gilsim_run_clear (&r);
  gilsim_run_clear (&t);
}

/* -P scans, several at once, in the order given with -L. */
static void
test_scans (void)
{
  GilsimRun r = gilsim_run ("run", CPU, "-P", "N=1:3", "-L", "runtime=cpython-3.12",
                            "-P", "switch_interval=1ms:2ms:500us", "--list-points", NULL);
  gilsim_expect_ok (&r);
  g_assert_cmpint (count_lines (r.out), ==, 9);
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "0 N=1,runtime=cpython-3.12,switch_interval=1ms");
  g_assert_cmpstr (lines[1], ==, "1 N=1,runtime=cpython-3.12,switch_interval=1.5ms");
  g_assert_cmpstr (lines[8], ==, "8 N=3,runtime=cpython-3.12,switch_interval=2ms");
  GilsimRun f = gilsim_run ("run", CPU, "-P", "N=0.1:0.3:0.1", "--list-points", NULL);
  gilsim_expect_ok (&f);
  g_assert_cmpstr (f.out, ==, "0 N=0.1\n1 N=0.2\n2 N=0.3\n");
  gilsim_run_clear (&r);
  gilsim_run_clear (&f);
}

/* cores and speed change the machine of each point, not the file. */
static void
test_platform_parameters (void)
{
  GilsimRun r = gilsim_run ("run", CPU, "-L", "N=4", "-L", "cores=1,2,16", "-L",
                            "speed=1Gf,2Gf", "--runtime", "cpython-3.13t",
                            "--export-json", "-", NULL);
  gilsim_expect_ok (&r);
  JsonParser *p = json_parser_new ();
  JsonArray *a = results_of (p, r.out);
  g_assert_cmpuint (json_array_get_length (a), ==, 6);
  double wall[6];
  for (guint i = 0; i < 6; i++) {
    JsonObject *o = json_array_get_object_element (a, i);
    wall[i] = json_object_get_double_member (o, "wall_s");
    g_assert_cmpstr (json_object_get_string_member (o, "platform"), ==,
                     "platforms/xeon-16core.xml");
  }
  JsonObject *first = json_array_get_object_element (a, 0);
  g_assert_cmpint (json_object_get_int_member (first, "cores"), ==, 1);
  /* four free-threaded threads: one core runs them one after another;
   * sixteen run them at once, and wait for the slowest of four virtual
   * CPUs (cpu.slow_fraction: about 1.25 times the mean) */
  g_assert_cmpfloat (wall[0], >, 2.5 * wall[4]);
  g_assert_cmpfloat (wall[2], >, wall[4]);
  /* twice the speed, half the time */
  assert_near (wall[4] / wall[5], 2.0, 0.01);
  g_object_unref (p);
  gilsim_run_clear (&r);
}

/* Same inputs, same bytes, whatever -j. */
static void
test_jobs_deterministic (void)
{
  const char *jobs[] = { "1", "2", "5" };
  char *out[3];
  for (int i = 0; i < 3; i++) {
    GilsimRun r = gilsim_run ("run", CPU, "-P", "N=1:4", "-L",
                              "runtime=cpython-3.12,cpython-3.13t", "-L", "cores=2,16",
                              "-j", jobs[i], "--export-json", "-", NULL);
    gilsim_expect_ok (&r);
    out[i] = r.out;
    g_free (r.err);
  }
  g_assert_cmpstr (out[0], ==, out[1]);
  g_assert_cmpstr (out[0], ==, out[2]);

  /* three swept parameters: a table needs one of them fixed */
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *js = g_build_filename (dir, "r.json", NULL);
  g_assert_true (g_file_set_contents (js, out[0], -1, NULL));
  GilsimRun bad = gilsim_run ("report", js, "--rows", "N", "--cols", "cores", NULL);
  gilsim_expect_error (&bad, "");
  g_assert_nonnull (strstr (bad.err, "--where runtime=VALUE"));
  GilsimRun t = gilsim_run ("report", js, "--rows", "N", "--cols", "cores", "--where",
                            "runtime=cpython-3.13t", "--value", "wall", NULL);
  gilsim_expect_ok (&t);
  g_auto (GStrv) rows = g_strsplit (t.out, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "| N \\ cores | 2 | 16 |");
  /* four free-threaded threads on two cores take longer than on sixteen */
  g_auto (GStrv) cells = g_strsplit (rows[5], "|", -1);
  g_assert_cmpstr (g_strstrip (cells[1]), ==, "4");
  g_assert_cmpfloat (g_ascii_strtod (cells[2], NULL), >, 1.5 * g_ascii_strtod (cells[3], NULL));
  tmpdir_remove (dir);
  gilsim_run_clear (&bad);
  gilsim_run_clear (&t);
  for (int i = 0; i < 3; i++)
    g_free (out[i]);
}

/* Runs gilsim with ARGV (NULL-terminated, without the program) and kills
 * it once its JSON export at PATH holds at least MIN_RESULTS results.
 * Returns how many it held, or -1 if gilsim finished first. */
static int
kill_midway (const char **args, const char *path, guint min_results)
{
  GPtrArray *argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) g_getenv ("GILSIM"));
  for (const char **a = args; *a; a++)
    g_ptr_array_add (argv, (char *) *a);
  g_ptr_array_add (argv, NULL);
  GPid pid;
  GError *error = NULL;
  g_spawn_async (g_getenv ("GILSIM_SOURCE_ROOT"), (char **) argv->pdata, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                 NULL, &pid, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (argv);
  int held = -1;
  for (int tries = 0; tries < 60000; tries++) {
    int status;
    if (waitpid (pid, &status, WNOHANG) == pid)
      return -1;
    g_autofree char *text = NULL;
    if (g_file_get_contents (path, &text, NULL, NULL)) {
      JsonParser *p = json_parser_new ();
      guint n = json_array_get_length (results_of (p, text));
      g_object_unref (p);
      if (n >= min_results) {
        kill (pid, SIGKILL);
        held = (int) n;
        break;
      }
    }
    g_usleep (1000);
  }
  int status;
  waitpid (pid, &status, 0);
  g_assert_true (WIFSIGNALED (status));
  return held;
}

/* A sweep killed midway and run again with --resume has every point once,
 * and the same export as a sweep that was never interrupted. */
static void
test_resume_after_kill (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *js = g_build_filename (dir, "r.json", NULL);
  g_autofree char *full = g_build_filename (dir, "full.json", NULL);
  const char *args[] = { "run", CPU, "-P", "N=1:8", "-P", "switch_interval=1ms:12ms:1ms",
                         "-j", "1", "--export-json", js, NULL };
  /* The kill must land between the third point and the last: on a loaded
   * machine the poll can sleep through the whole sweep (96 points take
   * well under a second), so a try that missed the window is made again,
   * from nothing. */
  int held = -1;
  for (int attempt = 0; attempt < 8 && (held < 3 || held >= 96); attempt++) {
    g_unlink (js);
    held = kill_midway (args, js, 3);
  }
  g_assert_cmpint (held, >=, 3);
  g_assert_cmpint (held, <, 96);

  GilsimRun r = gilsim_run ("run", CPU, "-P", "N=1:8", "-P", "switch_interval=1ms:12ms:1ms",
                            "-j", "2", "--export-json", js, "--resume", "--style",
                            "basic", "-q", NULL);
  gilsim_expect_ok (&r);
  /* the progress bar starts after the points already done */
  g_autofree char *next = g_strdup_printf (" %d/96 points", held + 1);
  g_assert_nonnull (strstr (r.err, next));
  g_autofree char *resumed = read_file (js);
  JsonParser *p = json_parser_new ();
  JsonArray *a = results_of (p, resumed);
  g_assert_cmpuint (json_array_get_length (a), ==, 96);
  for (guint i = 0; i < 96; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, i),
                                                 "point"), ==, i);
  g_object_unref (p);

  GilsimRun f = gilsim_run ("run", CPU, "-P", "N=1:8", "-P", "switch_interval=1ms:12ms:1ms",
                            "--export-json", full, "-q", NULL);
  gilsim_expect_ok (&f);
  g_autofree char *whole = read_file (full);
  g_assert_cmpstr (resumed, ==, whole);

  /* nothing left: a third run simulates nothing and changes nothing */
  GilsimRun again = gilsim_run ("run", CPU, "-P", "N=1:8", "-P",
                                "switch_interval=1ms:12ms:1ms", "--export-json", js,
                                "--resume", "-q", NULL);
  gilsim_expect_ok (&again);
  g_autofree char *third = read_file (js);
  g_assert_cmpstr (third, ==, whole);
  tmpdir_remove (dir);
  gilsim_run_clear (&r);
  gilsim_run_clear (&f);
  gilsim_run_clear (&again);
}

/* --shard and --point parts, merged, give the unsharded export. */
static void
test_shards_and_points_merge (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *all = g_build_filename (dir, "all.json", NULL);
  GilsimRun r = gilsim_run ("run", CPU, "-P", "N=1:5", "-L", "runtime=cpython-3.12,cpython-3.13t",
                            "--reference", "N=1,runtime=cpython-3.12",
                            "--export-json", all, "-q", NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  g_autofree char *whole = read_file (all);

  g_autoptr (GPtrArray) merge = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (merge, g_strdup ("merge"));
  for (int i = 3; i >= 1; i--) {
    g_autofree char *shard = g_strdup_printf ("%d/3", i);
    char *part = g_strdup_printf ("%s/shard-%d.json", dir, i);
    GilsimRun s = gilsim_run ("run", CPU, "-P", "N=1:5", "-L",
                              "runtime=cpython-3.12,cpython-3.13t", "--reference",
                              "N=1,runtime=cpython-3.12", "--shard", shard,
                              "--export-json", part, "-q", NULL);
    gilsim_expect_ok (&s);
    gilsim_run_clear (&s);
    g_ptr_array_add (merge, part);
  }
  g_autofree char *merged = g_build_filename (dir, "merged.json", NULL);
  g_ptr_array_add (merge, g_strdup ("-o"));
  g_ptr_array_add (merge, g_strdup (merged));
  GilsimRun m = gilsim_run (merge->pdata[0], merge->pdata[1], merge->pdata[2],
                            merge->pdata[3], merge->pdata[4], merge->pdata[5], NULL);
  gilsim_expect_ok (&m);
  g_assert_cmpstr (m.err, ==, "");
  g_autofree char *text = read_file (merged);
  g_assert_cmpstr (text, ==, whole);
  gilsim_run_clear (&m);

  /* one point at a time, as a SLURM job array would; two points missing */
  for (int k = 0; k < 8; k++) {
    g_autofree char *point = g_strdup_printf ("%d", k);
    g_autofree char *part = g_strdup_printf ("%s/point-%d.json", dir, k);
    GilsimRun s = gilsim_run ("run", CPU, "-P", "N=1:5", "-L",
                              "runtime=cpython-3.12,cpython-3.13t", "--reference",
                              "N=1,runtime=cpython-3.12", "--point", point,
                              "--export-json", part, "-q", NULL);
    gilsim_expect_ok (&s);
    gilsim_run_clear (&s);
  }
  g_autofree char *p8 = g_strdup_printf ("%s/point-7.json", dir);
  g_autofree char *p0 = g_strdup_printf ("%s/point-0.json", dir);
  g_autofree char *p3 = g_strdup_printf ("%s/point-3.json", dir);
  GilsimRun partial = gilsim_run ("merge", p8, p3, p0, NULL);
  gilsim_expect_ok (&partial);
  g_assert_cmpstr (partial.err, ==, "gilsim merge: 3 of 10 points; missing: 1, 2, 4, "
                   "5, 6, 8, 9\n");
  JsonParser *p = json_parser_new ();
  JsonArray *a = results_of (p, partial.out);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 1),
                                               "point"), ==, 3);
  g_object_unref (p);
  gilsim_run_clear (&partial);
  tmpdir_remove (dir);
}

/* The CI's check: shards run by GNU parallel, merged, equal the sweep. */
static void
test_gnu_parallel (void)
{
  g_autofree char *parallel = g_find_program_in_path ("parallel");
  g_autofree char *version = NULL;
  if (parallel)
    g_spawn_command_line_sync ("parallel --version", &version, NULL, NULL, NULL);
  if (version == NULL || strstr (version, "GNU parallel") == NULL) {
    g_test_skip ("GNU parallel is not installed");
    return;
  }
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *all = g_build_filename (dir, "all.json", NULL);
  GilsimRun r = gilsim_run ("run", CPU, "-P", "N=1:6", "-L", "switch_interval=1ms,5ms",
                            "--export-json", all, "-q", NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  g_autofree char *part = g_build_filename (dir, "part-{}.json", NULL);
  g_autofree char *joblog = g_build_filename (dir, "joblog", NULL);
  const char *argv[] = { parallel, "--will-cite", "--halt", "now,fail=1", "-j", "2",
                         "--joblog", joblog, g_getenv ("GILSIM"), "run", CPU, "-P",
                         "N=1:6", "-L", "switch_interval=1ms,5ms", "--shard", "{}/4",
                         "-j", "1", "-q", "--export-json", part, ":::", "1", "2",
                         "3", "4", NULL };
  int status = 0;
  g_autofree char *err = NULL;
  GError *error = NULL;
  g_spawn_sync (g_getenv ("GILSIM_SOURCE_ROOT"), (char **) argv, NULL,
                G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("parallel: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_autofree char *merged = g_build_filename (dir, "merged.json", NULL);
  g_autofree char *p1 = g_build_filename (dir, "part-1.json", NULL);
  g_autofree char *p2 = g_build_filename (dir, "part-2.json", NULL);
  g_autofree char *p3 = g_build_filename (dir, "part-3.json", NULL);
  g_autofree char *p4 = g_build_filename (dir, "part-4.json", NULL);
  GilsimRun m = gilsim_run ("merge", p2, p4, p1, p3, "-o", merged, NULL);
  gilsim_expect_ok (&m);
  g_autofree char *a = read_file (all), *b = read_file (merged);
  g_assert_cmpstr (a, ==, b);
  gilsim_run_clear (&m);
  tmpdir_remove (dir);
}

/* -o DIR: config.json with every resolved parameter, results, summary. */
static void
test_output_folder (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  GilsimRun r = gilsim_run ("run", CPU, "-L", "N=1,2", "-L", "cores=4", "-o", out,
                            NULL);
  gilsim_expect_ok (&r);
  g_autofree char *config = g_build_filename (out, "config.json", NULL);
  JsonParser *p = json_parser_new ();
  JsonObject *root = gilsim_json_file (p, config);
  g_assert_cmpstr (json_object_get_string_member (root, "platform"), ==,
                   "platforms/xeon-16core.xml");
  JsonArray *points = json_object_get_array_member (root, "points");
  g_assert_cmpuint (json_array_get_length (points), ==, 2);
  JsonObject *pt = json_array_get_object_element (points, 1);
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (pt, "scenario_parameters"), "N"),
                   ==, "2");
  g_assert_cmpstr (json_object_get_string_member (pt, "runtime"), ==, "cpython-3.12");
  g_assert_cmpfloat (json_object_get_double_member (pt, "switch_interval_s"), ==, 0.005);
  g_assert_cmpstr (json_object_get_string_member (pt, "host"), ==, "xeon");
  g_assert_cmpint (json_object_get_int_member (pt, "cores"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (pt, "startup_s"), >, 0);
  g_object_unref (p);
  const char *names[] = { "results.json", "results.csv", "results.md", "summary.txt" };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autofree char *path = g_build_filename (out, names[i], NULL);
    g_autofree char *text = read_file (path);
    g_assert_cmpint (strlen (text), >, 0);
  }
  g_autofree char *summary_path = g_build_filename (out, "summary.txt", NULL);
  g_autofree char *summary = read_file (summary_path);
  g_assert_nonnull (strstr (summary, "2 of 2 points done"));
  g_assert_nonnull (strstr (summary, "'N = 1, cores = 4' ran "));
  g_autofree char *md_path = g_build_filename (out, "results.md", NULL);
  g_autofree char *md = read_file (md_path);
  g_assert_true (g_str_has_prefix (md, "| N | cores | runtime | wall [s] |"));
  tmpdir_remove (dir);
  gilsim_run_clear (&r);
}

/* --reference: Relative and the summary compare with the named point. */
static void
test_reference (void)
{
  GilsimRun r = gilsim_run ("run", CPU, "-L", "N=1,4,16", "--reference", "N=16", "-q",
                            NULL);
  gilsim_expect_ok (&r);
  const char *summary = strstr (r.out, "Summary\n");
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_prefix (summary, "Summary\n  'N = 16' ran\n    "));
  g_assert_nonnull (strstr (summary, " times slower than 'N = 1'\n"));
  GilsimRun j = gilsim_run ("run", CPU, "-L", "N=1,4,16", "--reference", "N=16",
                            "--export-json", "-", NULL);
  gilsim_expect_ok (&j);
  JsonParser *p = json_parser_new ();
  JsonArray *a = results_of (p, j.out);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (a, 2),
                                                    "relative"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (a, 0),
                                                    "relative"), <, 0.2);
  g_object_unref (p);
  /* two points: one line, as hyperfine says it */
  GilsimRun two = gilsim_run ("run", CPU, "-L", "N=1,16", "-q", NULL);
  gilsim_expect_ok (&two);
  g_assert_nonnull (strstr (two.out, "Summary\n  'N = 1' ran "));
  g_assert_nonnull (strstr (two.out, " times faster than 'N = 16'\n"));
  gilsim_run_clear (&r);
  gilsim_run_clear (&j);
  gilsim_run_clear (&two);
}

/* An export through a link writes the file it points to; the link stays
 * (so --export-csv /dev/stdout never replaces /dev/stdout). */
static void
test_export_through_link (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *target = g_build_filename (dir, "target.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_assert_true (g_file_set_contents (target, "old\n", -1, NULL));
  g_assert_cmpint (symlink ("target.csv", link), ==, 0);
  GilsimRun r = gilsim_run ("run", CPU, "-L", "N=1,2", "--export-csv", link, "-q", NULL);
  gilsim_expect_ok (&r);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_autofree char *text = read_file (target);
  g_assert_true (g_str_has_prefix (text, "command,mean,"));
  g_assert_cmpint (count_lines (text), ==, 3);
  tmpdir_remove (dir);
  gilsim_run_clear (&r);
}

static void
check_error (GilsimRun r, const char *word)
{
  gilsim_expect_error (&r, "");
  if (strstr (r.err, word) == NULL)
    g_test_message ("stderr: %s", r.err);
  g_assert_nonnull (strstr (r.err, word));
  gilsim_run_clear (&r);
}

/* The mean of result K of the JSON export TEXT. */
static double
mean_of (const char *text, guint k)
{
  JsonParser *p = json_parser_new ();
  JsonArray *a = results_of (p, text);
  double mean = json_object_get_double_member (json_array_get_object_element (a, k),
                                               "mean");
  g_object_unref (p);
  return mean;
}

#define LAPTOP "platforms/laptop-2core.xml"
#define XEON "platforms/xeon-16core.xml"

/* -L platform=a,b runs each point on its own machine: the same prediction
 * as a run on that machine alone; the exports of one machine at a time,
 * merged, are the sweep's export; the report puts machines in columns. */
static void
test_platform_axis (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *both = g_build_filename (dir, "both.json", NULL);
  g_autofree char *lap = g_build_filename (dir, "lap.json", NULL);
  g_autofree char *xeon = g_build_filename (dir, "xeon.json", NULL);
  GilsimRun r = gilsim_run ("run", CPU, "-p", XEON, "-L", "platform=" LAPTOP "," XEON,
                            "-L", "N=1,3", "--export-json", both, NULL);
  gilsim_expect_ok (&r);
  g_assert_nonnull (strstr (r.out, "on several machines"));
  gilsim_run_clear (&r);
  GilsimRun a = gilsim_run ("run", CPU, "-p", LAPTOP, "-L", "N=1,3",
                            "--export-json", lap, "-q", NULL);
  gilsim_expect_ok (&a);
  gilsim_run_clear (&a);
  GilsimRun b = gilsim_run ("run", CPU, "-p", XEON, "-L", "N=1,3",
                            "--export-json", xeon, "-q", NULL);
  gilsim_expect_ok (&b);
  gilsim_run_clear (&b);
  g_autofree char *tb = read_file (both), *tl = read_file (lap), *tx = read_file (xeon);
  for (guint k = 0; k < 2; k++) {
    g_assert_cmpfloat (mean_of (tb, k), ==, mean_of (tl, k));
    g_assert_cmpfloat (mean_of (tb, k + 2), ==, mean_of (tx, k));
  }
  /* the machines really differ: the 2-core laptop is slower per loop */
  g_assert_cmpfloat (mean_of (tl, 0), !=, mean_of (tx, 0));

  GilsimRun m = gilsim_run ("merge", lap, xeon, NULL);
  gilsim_expect_ok (&m);
  g_assert_cmpstr (m.out, ==, tb);
  gilsim_run_clear (&m);
  GilsimRun t = gilsim_run ("report", both, "--rows", "N", "--cols", "platform", NULL);
  gilsim_expect_ok (&t);
  g_assert_nonnull (strstr (t.out, "| N \\ platform | " LAPTOP " | " XEON " |"));
  gilsim_run_clear (&t);

  /* a resume of the finished sweep keeps every point */
  GilsimRun again = gilsim_run ("run", CPU, "-p", XEON, "-L", "platform=" LAPTOP "," XEON,
                                "-L", "N=1,3", "--export-json", both, "--resume", "-q",
                                NULL);
  gilsim_expect_ok (&again);
  g_autofree char *ta = read_file (both);
  g_assert_cmpstr (ta, ==, tb);
  gilsim_run_clear (&again);
  tmpdir_remove (dir);
}

/* -L host=a,b picks hosts of one platform file; a host missing from a
 * platform file, or a file that is no platform, is a one-line error. */
static void
test_host_axis (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *laptop = g_build_filename (g_getenv ("GILSIM_SOURCE_ROOT"), LAPTOP,
                                              NULL);
  g_autofree char *text = read_file (laptop);
  /* a second host, "small", with one core: the laptop's element copied */
  const char *start = strstr (text, "<host id=\"laptop\"");
  const char *end = strstr (start, "</host>") + strlen ("</host>");
  g_autofree char *element = g_strndup (start, end - start);
  g_autofree char *small = g_strdup (element);
  char *id = strstr (small, "\"laptop\"");
  memcpy (id, "\"small\" ", 8);
  char *core = strstr (small, "core=\"2\"");
  g_assert_nonnull (core);
  core[6] = '1';
  g_autofree char *two = g_strdup_printf ("%.*s%s\n    %s%s", (int) (end - text), text,
                                          "", small, end);
  g_autofree char *pl = g_build_filename (dir, "two.xml", NULL);
  g_assert_true (g_file_set_contents (pl, two, -1, NULL));
  g_autofree char *out = g_build_filename (dir, "hosts.json", NULL);
  GilsimRun r = gilsim_run ("run", CPU, "-p", pl, "-L", "host=laptop,small", "-L", "N=2",
                            "--export-json", out, "-q", NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  g_autofree char *t = read_file (out);
  g_assert_nonnull (strstr (t, "\"host\": \"small\""));
  g_assert_nonnull (strstr (t, "\"cores\": 1"));
  g_assert_nonnull (strstr (t, "\"cores\": 2"));
  check_error (gilsim_run ("run", CPU, "-p", LAPTOP, "-L", "host=nope", NULL),
               "-L host=nope: " LAPTOP " has no host 'nope'; its hosts: laptop");
  check_error (gilsim_run ("run", CPU, "-p", LAPTOP, "--host", "laptop", "-L",
                           "platform=" XEON, NULL), "has no host 'laptop'");
  check_error (gilsim_run ("run", CPU, "-L", "platform=" CPU, NULL),
               "-L platform=" CPU ": " CPU ":1:1: this is a scenario");
  tmpdir_remove (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (bad, "{\"results\": [{\"point\": 0}]}", -1, NULL));
  g_autofree char *a = g_build_filename (dir, "a.json", NULL);
  g_autofree char *b = g_build_filename (dir, "b.json", NULL);
  GilsimRun ra = gilsim_run ("run", CPU, "-L", "N=1,2", "--export-json", a, "-q", NULL);
  gilsim_expect_ok (&ra);
  gilsim_run_clear (&ra);
  GilsimRun rb = gilsim_run ("run", CPU, "-L", "N=1,2,3", "--export-json", b, "-q", NULL);
  gilsim_expect_ok (&rb);
  gilsim_run_clear (&rb);

  check_error (gilsim_run ("run", CPU, "-P", "N=1", NULL), "NAME=MIN:MAX");
  check_error (gilsim_run ("run", CPU, "-P", "N=4:1", NULL), "MIN must not exceed MAX");
  check_error (gilsim_run ("run", CPU, "-P", "switch_interval=1ms:2s", NULL), "same unit");
  check_error (gilsim_run ("run", CPU, "-L", "disk_bw=1GBps", NULL), "disk bandwidth");
  check_error (gilsim_run ("run", CPU, "-L", "cores=0", NULL), "whole number from 1");
  /* a value without the unit of the parameter's own (ARG = 10MB) */
  check_error (gilsim_run ("run", "scenarios/resources/process_pool.gil", "-L", "ARG=10",
                           NULL), "-L ARG=10: ARG is a size in "
                                  "scenarios/resources/process_pool.gil (line ");
  check_error (gilsim_run ("run", CPU, "-L", "N=2s", NULL), "N is a number");
  check_error (gilsim_run ("run", CPU, "-L", "speed=2GB", NULL), "speed=2GB");
  check_error (gilsim_run ("run", CPU, "-L", "N=1", "-P", "N=1:2", NULL), "swept twice");
  check_error (gilsim_run ("run", CPU, "-L", "N=1,2", "--point", "2", NULL),
               "numbered 0 to 1");
  check_error (gilsim_run ("run", CPU, "--shard", "0/2", NULL), "I/N");
  check_error (gilsim_run ("run", CPU, "--shard", "1/2", "--point", "0", NULL),
               "one of them");
  check_error (gilsim_run ("run", CPU, "-j", "-1", NULL), "-j -1");
  check_error (gilsim_run ("run", CPU, "--style", "fancy", NULL), "--style fancy");
  check_error (gilsim_run ("run", CPU, "-L", "N=1,2", "-L", "runtime=cpython-3.12,"
                           "cpython-3.13t", "--reference", "N=1", NULL), "several points");
  check_error (gilsim_run ("run", CPU, "-L", "N=1,2", "--reference", "N=3", NULL),
               "no point");
  check_error (gilsim_run ("run", CPU, "-L", "N=1,2", "--reference", "M=3", NULL),
               "'M' is not swept");
  check_error (gilsim_run ("run", CPU, "--resume", NULL), "--resume");
  check_error (gilsim_run ("run", "scenarios/seed/io_threads.gil", "--resume",
                           "--export-json", a, NULL), "not of this run");
  check_error (gilsim_run ("run", CPU, "--rows", "N", NULL), "gilsim report");
  check_error (gilsim_run ("merge", NULL), "give the JSON exports");
  check_error (gilsim_run ("merge", a, b, NULL), "another sweep");
  check_error (gilsim_run ("merge", bad, NULL), "has no string 'scenario'");
  check_error (gilsim_run ("report", "no-such.json", NULL), "no-such.json");
  /* a file cut short: json-glib's message, and what to give instead */
  g_autofree char *cut = g_build_filename (dir, "cut.json", NULL);
  g_assert_true (g_file_set_contents (cut, "{\"results\": [\n", -1, NULL));
  check_error (gilsim_run ("report", cut, NULL), "; give a file written by gilsim run "
               "--export-json");
  check_error (gilsim_run ("merge", cut, NULL), "; give a file written by gilsim run "
               "--export-json");
  check_error (gilsim_run ("report", a, "--rows", "M", NULL), "no swept parameter 'M'");
  check_error (gilsim_run ("report", a, "--where", "M=3", NULL),
               "--where M: the results have no swept parameter 'M'");
  check_error (gilsim_run ("report", a, "--rows", "N", "--value", "x", NULL),
               "--value x");
  check_error (gilsim_run ("report", a, "--format", "xml", NULL), "--format xml");
  tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep/csv-and-report-table", test_csv_and_report_table);
  g_test_add_func ("/sweep/core-wait-columns", test_core_wait_columns);
  g_test_add_func ("/sweep/scans", test_scans);
  g_test_add_func ("/sweep/platform-parameters", test_platform_parameters);
  g_test_add_func ("/sweep/jobs-deterministic", test_jobs_deterministic);
  g_test_add_func ("/sweep/resume-after-kill", test_resume_after_kill);
  g_test_add_func ("/sweep/shards-and-points-merge", test_shards_and_points_merge);
  g_test_add_func ("/sweep/gnu-parallel", test_gnu_parallel);
  g_test_add_func ("/sweep/output-folder", test_output_folder);
  g_test_add_func ("/sweep/reference", test_reference);
  g_test_add_func ("/sweep/export-through-link", test_export_through_link);
  g_test_add_func ("/sweep/errors", test_errors);
  g_test_add_func ("/sweep/platform-axis", test_platform_axis);
  g_test_add_func ("/sweep/host-axis", test_host_axis);
  return g_test_run ();
}
