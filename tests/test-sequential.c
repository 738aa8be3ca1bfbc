/* test-sequential.c: a run as written that stands for its sequential run
 * (GsEngineConfig.note_sequential) against the sequential run simulated,
 * on every scenario, and the outputs of sweeps that use it against those
 * that simulate every sequential run.  None asserts a wall-clock time. */
#include <signal.h>
#include <glib/gstdio.h>
#include "run-gilsim.h"

#define CPU "scenarios/seed/cpu_threads.gil"

/* Runs gilsim with ARGS (NULL-terminated) from the source root, with
 * the environment variable VAR set to VALUE (NULL: unset). */
static GilsimRun
run_env (const char *var, const char *value, const char *const *args)
{
  if (value)
    g_setenv (var, value, TRUE);
  else
    g_unsetenv (var);
  GPtrArray *argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) g_getenv ("GILSIM"));
  for (const char *const *a = args; *a; a++)
    g_ptr_array_add (argv, (char *) *a);
  g_ptr_array_add (argv, NULL);
  GilsimRun r = { -1, NULL, NULL, gilsim_command_line ((char **) argv->pdata) };
  int wait_status = 0;
  GError *error = NULL;
  g_assert_true (g_spawn_sync (g_getenv ("GILSIM_SOURCE_ROOT"), (char **) argv->pdata,
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, &r.out, &r.err,
                               &wait_status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (wait_status))
    r.status = WEXITSTATUS (wait_status);
  g_ptr_array_unref (argv);
  g_unsetenv (var);
  return r;
}

/* The same with GILSIM_SEQUENTIAL_RUNS set to MODE (NULL: unset). */
static GilsimRun
run_mode (const char *mode, const char *const *args)
{
  return run_env ("GILSIM_SEQUENTIAL_RUNS", mode, args);
}

/* The runs as written that stood for their sequential runs, from the line
 * GILSIM_SEQUENTIAL_RUNS=check writes on stderr ("... N of M ..."), or -1. */
static int
stood_of (const char *err)
{
  const char *line = strstr (err, "GILSIM_SEQUENTIAL_RUNS=check: ");
  if (line == NULL)
    return -1;
  return atoi (line + strlen ("GILSIM_SEQUENTIAL_RUNS=check: "));
}

/* The scenarios of the source tree: scenarios/ASTERISK/ and tests/data/. */
static GPtrArray *
all_scenarios (void)
{
  const char *root = g_getenv ("GILSIM_SOURCE_ROOT");
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *scen = g_build_filename (root, "scenarios", NULL);
  g_autoptr (GDir) top = g_dir_open (scen, 0, NULL);
  g_assert_nonnull (top);
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (top)))
    g_ptr_array_add (dirs, g_build_filename ("scenarios", name, NULL));
  g_ptr_array_add (dirs, g_strdup ("tests/data"));
  for (guint i = 0; i < dirs->len; i++) {
    g_autofree char *abs = g_build_filename (root, dirs->pdata[i], NULL);
    g_autoptr (GDir) d = g_dir_open (abs, 0, NULL);
    if (d == NULL)
      continue;
    while ((name = g_dir_read_name (d)))
      if (g_str_has_suffix (name, ".gil"))
        g_ptr_array_add (paths, g_build_filename (dirs->pdata[i], name, NULL));
  }
  g_ptr_array_unref (dirs);
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  return paths;
}

/* Every scenario, one point, one worker (so the sequential run waits for
 * the run as written): with every sequential run simulated and checked
 * against the run as written that stood for it (a point fails where they
 * differ by a bit), and as users run it; the JSON exports, the terminal
 * reports and the exit statuses must be the same.  Some scenarios' runs
 * stand for their sequential runs (one worker), others' do not. */
static void
test_every_scenario (void)
{
  g_autoptr (GPtrArray) paths = all_scenarios ();
  g_assert_cmpuint (paths->len, >, 20);
  guint stood = 0, not_stood = 0;
  for (guint i = 0; i < paths->len; i++) {
    const char *args[] = { "run", paths->pdata[i], "-j", "1", "--style", "none",
                           "--export-json", "-", NULL };
    GilsimRun check = run_mode ("check", args);
    GilsimRun plain = run_mode (NULL, args);
    g_test_message ("%s: exit %d, %s", (const char *) paths->pdata[i], check.status,
                    check.err);
    g_assert_cmpint (check.status, ==, plain.status);
    g_assert_cmpstr (check.out, ==, plain.out);
    g_assert_null (strstr (check.err, "said it was its own sequential run"));
    int n = stood_of (check.err);
    if (check.status == 0) {
      g_assert_cmpint (n, >=, 0);
      stood += n == 1;
      not_stood += n == 0;
    }
    gilsim_run_clear (&check);
    gilsim_run_clear (&plain);
  }
  /* both kinds occur: the comparison above covers the shortcut */
  g_assert_cmpuint (stood, >, 5);
  g_assert_cmpuint (not_stood, >, 5);
}

/* Sweeps where one worker, two and three take the shortcut: the exports
 * are those of sweeps that simulate every sequential run, in every
 * format; points with one thread stand for their sequential runs, those
 * with several do not. */
static void
test_sweeps (void)
{
  const char *jobs[] = { "1", "2", "3" };
  for (gsize i = 0; i < G_N_ELEMENTS (jobs); i++) {
    const char *json[] = { "run", CPU, "-L", "N=1,2,4", "-L", "switch_interval=1ms,5ms",
                           "-j", jobs[i], "--style", "none", "-q", "--export-json", "-",
                           NULL };
    const char *csv[] = { "run", "scenarios/seed/io_threads.gil", "-L",
                          "runtime=cpython-3.12,cpython-3.13t", "-j", jobs[i],
                          "--style", "none", "-q", "--export-csv", "-", NULL };
    const char *const *cases[] = { json, csv };
    for (gsize c = 0; c < G_N_ELEMENTS (cases); c++) {
      GilsimRun always = run_mode ("always", cases[c]);
      GilsimRun plain = run_mode (NULL, cases[c]);
      gilsim_expect_ok (&always);
      gilsim_expect_ok (&plain);
      g_assert_cmpstr (always.out, ==, plain.out);
      g_assert_nonnull (strstr (plain.out, "sequential"));
      gilsim_run_clear (&always);
      gilsim_run_clear (&plain);
    }
  }
  const char *args[] = { "run", CPU, "-L", "N=1,4", "-j", "1", "--style", "none", "-q",
                         "--export-json", "-", NULL };
  GilsimRun check = run_mode ("check", args);
  gilsim_expect_ok (&check);
  g_assert_cmpint (stood_of (check.err), ==, 1);
  gilsim_run_clear (&check);
}

/* --no-sequential: no sequential time, even where the run as written
 * would stand for it. */
static void
test_no_sequential (void)
{
  const char *args[] = { "run", CPU, "-L", "N=1,2", "-j", "1", "--style", "none", "-q",
                         "--no-sequential", "--export-csv", "-", NULL };
  GilsimRun r = run_mode (NULL, args);
  gilsim_expect_ok (&r);
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  g_auto (GStrv) head = g_strsplit (lines[0], ",", -1);
  g_auto (GStrv) row = g_strsplit (lines[1], ",", -1);
  guint col = 0;
  while (head[col] && strcmp (head[col], "sequential_s") != 0)
    col++;
  g_assert_nonnull (head[col]);
  g_assert_cmpuint (g_strv_length (row), >, col);
  g_assert_cmpstr (row[col], ==, "");
  gilsim_run_clear (&r);
}

/* A single prediction starts SimGrid once, in gilsim, and forks its run
 * as written and its sequential run from there (run/simulate.h,
 * gs_simulate_pool_start_here); with GILSIM_FORK_SERVER=0 each starts
 * SimGrid itself.  Every scenario: the same exports, messages and exit
 * statuses both ways. */
static void
test_start_once (void)
{
  g_autoptr (GPtrArray) paths = all_scenarios ();
  g_assert_cmpuint (paths->len, >, 20);
  for (guint i = 0; i < paths->len; i++) {
    const char *args[] = { "run", paths->pdata[i], "-j", "2", "--style", "none",
                           "--export-json", "-", NULL };
    GilsimRun once = run_env ("GILSIM_FORK_SERVER", NULL, args);
    GilsimRun each = run_env ("GILSIM_FORK_SERVER", "0", args);
    g_test_message ("%s: exit %d", (const char *) paths->pdata[i], once.status);
    g_assert_cmpint (once.status, ==, each.status);
    g_assert_cmpstr (once.out, ==, each.out);
    g_assert_cmpstr (once.err, ==, each.err);
    gilsim_run_clear (&once);
    gilsim_run_clear (&each);
  }
}

/* gilsim keeps its own signal handlers where it started SimGrid for its
 * simulations (SimGrid's would catch Ctrl-C, print and exit with 1): an
 * interrupt stops it as it stops any program, and its simulations with it. */
static void
test_interrupt (void)
{
  const char *argv[] = { g_getenv ("GILSIM"), "run", CPU, "-L", "switch_interval=1us",
                         "-j", "2", "-q", NULL };
  GPid pid;
  GError *error = NULL;
  int err_fd;
  g_assert_true (g_spawn_async_with_pipes (g_getenv ("GILSIM_SOURCE_ROOT"), (char **) argv,
                                           NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                                           G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                                           NULL, NULL, &err_fd, &error));
  g_assert_no_error (error);
  /* interrupted once its two simulations run */
  g_autofree char *children = g_strdup_printf ("/proc/%d/task/%d/children", pid, pid);
  gboolean running = FALSE;
  for (int tries = 0; tries < 30000 && !running; tries++) {
    g_autofree char *text = NULL;
    running = g_file_get_contents (children, &text, NULL, NULL) &&
              strchr (text, ' ') != strrchr (text, ' ');
    if (!running)
      g_usleep (1000);
  }
  g_assert_true (running);
  kill (pid, SIGINT);
  int status;
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGINT);
  char buf[4096];
  ssize_t n = read (err_fd, buf, sizeof buf - 1);
  buf[MAX (n, 0)] = '\0';
  g_assert_null (strstr (buf, "CTRL-C"));
  close (err_fd);
  g_spawn_close_pid (pid);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sequential/every-scenario", test_every_scenario);
  g_test_add_func ("/sequential/sweeps", test_sweeps);
  g_test_add_func ("/sequential/no-sequential", test_no_sequential);
  g_test_add_func ("/sequential/start-once", test_start_once);
  g_test_add_func ("/sequential/interrupt", test_interrupt);
  return g_test_run ();
}
