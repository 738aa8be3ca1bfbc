/* test-record-costs.c: what a recording keeps beyond the program's calls:
 * the interpreter's exit, the reads of a child's pipes (before CPython
 * 3.12 too), and none of the program's imports made free by the
 * recorder's own.  With the machine's python3 (skipped without one);
 * structure only, never wall times. */
#include <stdarg.h>
#include "record-test.h"

#define EXIT_COMMENT "# the interpreter's exit"

/* The last line of TEXT that is not empty. */
static char *
last_line (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (int k = (int) g_strv_length (lines) - 1; k >= 0; k--)
    if (*g_strstrip (lines[k]))
      return g_strdup (lines[k]);
  return g_strdup ("");
}

/* A program that ends normally ends with its interpreter's exit, a C call
 * that keeps the GIL; one that ends with os._exit has no exit to measure. */
static void
test_exit (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("ends", "import time\ntime.sleep(0.01)\n", NULL, &r);
  gilsim_expect_ok (&r);
  g_autofree char *last = last_line (text);
  g_assert_true (g_str_has_prefix (last, "native "));
  g_assert_null (strstr (last, "nogil"));
  assert_has (last, EXIT_COMMENT);
  gilsim_run_clear (&r);

  g_autofree char *cut = record_program ("cut", "import os, time\ntime.sleep(0.01)\n"
                                         "os._exit(0)\n", NULL, &r);
  gilsim_expect_ok (&r);
  g_assert_null (strstr (cut, EXIT_COMMENT));
  assert_has (r.err, "the main thread's events are missing");
  gilsim_run_clear (&r);
}

/* The parent's wait for its child's first line on a pipe is a wait (a
 * sleep after the call's CPU time), whatever the Python: a proxy of the
 * Popen's pipes before 3.12, sys.monitoring from 3.12. */
static void
test_pipe_read (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("piperead",
    "import subprocess, sys\n"
    "child = subprocess.Popen([sys.executable, '-c',\n"
    "    'import time; time.sleep(0.2); print(7, flush=True); time.sleep(0.05)'],\n"
    "    stdout=subprocess.PIPE)\n"
    "line = child.stdout.readline()\n"
    "child.wait()\n"
    "child.stdout.close()\n"
    "print(int(line) * 6)\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "42\n");
  /* its CPU time, then the rest of the wait, at the line of the call */
  const char *read = strstr (text, "readline");
  g_assert_nonnull (read);
  const char *line = strstr (read, "\n");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line + 1, "sleep "));
  assert_has (line, "readline");
  assert_has (line, "piperead.py:5");
  gilsim_run_clear (&r);
}

/* The program's own os.waitpid for a child of os.fork (which is not
 * recorded): its CPU time, then the rest of the wait, at the line of the
 * call, so that the wait does not vanish from the scenario. */
static void
test_fork_wait (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("forkwait",
    "import os, time\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    time.sleep(0.1); os._exit(0)\n"
    "print(os.waitpid(pid, 0)[0] == pid)\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "True\n");
  const char *cpu = strstr (text, "# os.waitpid, its CPU time at forkwait.py:5\n");
  g_assert_nonnull (cpu);
  g_assert_true (g_str_has_prefix (cpu + strlen ("# os.waitpid, its CPU time at forkwait.py:5\n"),
                                   "sleep "));
  assert_has (cpu, "# os.waitpid waited at forkwait.py:5\n");
  gilsim_run_clear (&r);
}

/* The modules loaded when a program starts, one a line, as it prints them
 * with PYTHON, recorded (RECORD) or not. */
static GHashTable *
modules_at_start (gboolean record)
{
  const char *code = "import sys; print('\\n'.join(sorted(sys.modules)))";
  GilsimRun r;
  char *out = NULL;
  if (record) {
    g_autofree char *gil = g_strdup_printf ("%s/modules.gil", tmpdir);
    r = gilsim_run ("record", "-o", gil, "--platform", "platforms/laptop-2core.xml", "--",
                    python, "-c", code, NULL);
    gilsim_expect_ok (&r);
    out = g_strdup (r.out);
    gilsim_run_clear (&r);
  } else {
    const char *argv[] = { python, "-c", code, NULL };
    int status = 0;
    /* as gilsim_run runs it (its deadline's faulthandler) */
    g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "PYTHONFAULTHANDLER", "1", TRUE);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, NULL, &status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  }
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  for (int k = 0; lines[k]; k++)
    if (*lines[k] && !g_str_has_prefix (lines[k], "gilsim record"))
      g_hash_table_add (set, g_strdup (lines[k]));
  g_free (out);
  return set;
}

/* The recorder loads no module of the standard library that the
 * interpreter does not load by itself (besides built-in atexit, which
 * costs a few microseconds): the program's own `import
 * threading`, `import importlib` is then recorded at its cost, not as
 * free.  Run with `-c`, which CPython 3.13 imports from C. */
static void
test_own_modules (void)
{
  if (!need_python ())
    return;
  g_autoptr (GHashTable) plain = modules_at_start (FALSE);
  g_autoptr (GHashTable) recorded = modules_at_start (TRUE);
  g_assert_true (g_hash_table_contains (recorded, "sys"));
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, recorded);
  while (g_hash_table_iter_next (&it, &key, NULL)) {
    const char *m = key;
    if (g_hash_table_contains (plain, m) || g_str_equal (m, "sitecustomize") ||
        g_str_equal (m, "gilsim_recorder") || g_str_has_prefix (m, "gilsim_recorder.") ||
        g_str_equal (m, "atexit"))
      continue;
    g_test_message ("the recorder loaded %s", m);
    g_assert_not_reached ();
  }
}

/* A program that imports threading: an import statement with its time
 * where the interpreter had not loaded it at start. */
static void
test_import_threading (void)
{
  if (!need_python ())
    return;
  g_autoptr (GHashTable) plain = modules_at_start (FALSE);
  GilsimRun r;
  g_autofree char *text = record_program ("imthreads",
    "import threading\n"
    "t = threading.Thread(target=sum, args=([1, 2],))\n"
    "t.start()\n"
    "t.join()\n", NULL, &r);
  gilsim_expect_ok (&r);
  if (g_hash_table_contains (plain, "threading"))
    g_assert_null (strstr (text, "\nimport threading "));  /* loads nothing */
  else
    assert_has (text, "\nimport threading ");
  assert_has (text, "= start 1 threads sum()");
  gilsim_run_clear (&r);
}

/* Runs the converter (gilsim_recorder.scenario) on the events folder DIR
 * with ARGS (NULL-terminated after --platform laptop-2core); its stdout. */
static char *
convert (const char *dir, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_ptr_array_add (args, (char *) dir);
  g_ptr_array_add (args, "--platform");
  g_ptr_array_add (args, "platforms/laptop-2core.xml");
  va_list ap;
  va_start (ap, dir);
  for (char *a; (a = va_arg (ap, char *));)
    g_ptr_array_add (args, a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_recorder_module ("scenario", (char **) args->pdata, NULL);
}

/* Writes TEXT to NAME in the folder DIR. */
static void
put (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* Given events (a root process that maps 2 items on a fork pool worker):
 * the worker's CPU outside its items, less the platform's
 * process.fork.child (1.55ms) and two chunks' pool.chunk_overhead (35us
 * by default), is shared out over the items (30 - 1 - 20 - 1.55 - 0.07 ms
 * over 2 items: 3.69ms); the interpreter's exit is t0 + wall - the root's
 * end (99.9 + 1.15 - 101.0 s: 50ms), absent without the wall time. */
/* A new folder NAME in tmpdir, for events written by hand. */
static char *
events_dir (const char *name)
{
  char *dir = g_build_filename (tmpdir, name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

/* Events of a program with a main thread only, recorded with CPython
 * VERSION ("3, 12, 1"), in DIR: it started at 100.0 s and ended at
 * 100.5 s, 0.4 s of Python CPU. */
static void
put_main_with (const char *dir, const char *version)
{
  g_autofree char *proc = g_strdup_printf (
    "{\"pid\": 1, \"ppid\": 0, \"t_start\": 100.0, \"exe\": \"python3\", \"version\": [%s], \"argv\": [\"p.py\"], \"gil\": true, \"implementation\": \"cpython\", \"forked\": false, \"root\": true, \"overhead\": 0.0, \"t_end\": 100.5, \"cpu\": 0.4, \"objects\": {}}\n",
    version);
  put (dir, "p-1.json", proc);
  put (dir, "t-1-0.jsonl",
    "{\"meta\": {\"tid\": 0, \"t_start\": 100.0, \"name\": \"MainThread\", \"state\": \"ended\", \"t_end\": 100.5, \"cpu\": 0.4, \"pid\": 1, \"overhead\": 0.0, \"tail\": 0.4}}\n");
}

/* put_main_with a CPython 3.12.1 program. */
static void
put_main_only (const char *dir)
{
  put_main_with (dir, "3, 12, 1");
}

/* The predicted wall time of the scenario TEXT (written to NAME in
 * tmpdir) with -L runtime=RUNTIME. */
static double
predicted_with (const char *text, const char *name, const char *runtime)
{
  g_autofree char *gil = g_build_filename (tmpdir, name, NULL);
  g_assert_true (g_file_set_contents (gil, text, -1, NULL));
  g_autofree char *param = g_strdup_printf ("runtime=%s", runtime);
  GilsimPoint p;
  gilsim_point_run (&p, "run", gil, "-q", "--no-sequential", "-L", param, NULL);
  double wall = gilsim_dbl (p.res, "wall_s");
  gilsim_point_clear (&p);
  g_remove (gil);
  return wall;
}

/* The platform's python.startup, which replaces the recorded startup when
 * another Python is asked for, is a whole empty program, its exit
 * included: a recording moves that much of its exit into its startup, so
 * that the empty exit is paid once with the platform's (laptop-2core's
 * CPython 3.11) and the recording's own runtime predicts as before. */
static void
test_exit_once (void)
{
  if (!need_python ())
    return;
  g_autofree char *dir = events_dir ("exit-once");
  put_main_only (dir);
  g_autofree char *once = convert (dir, "--t0", "99.9", "--wall", "0.65", "--empty-exit", "0.02",
                                   "--out-dir", tmpdir, NULL);
  g_autofree char *twice = convert (dir, "--t0", "99.9", "--wall", "0.65", "--empty-exit", "0",
                                    "--out-dir", tmpdir, NULL);
  assert_has (once, "runtime cpython-3.12 startup = 120ms\n");
  g_autofree char *last = last_line (once);
  g_assert_true (g_str_has_prefix (last, "native 30ms "));
  assert_has (last, "less an empty program's 20ms, in startup");
  assert_has (twice, "runtime cpython-3.12 startup = 100ms\n");
  g_autofree char *last_twice = last_line (twice);
  g_assert_true (g_str_has_prefix (last_twice, "native 50ms "));

  /* the recording's runtime: the same prediction */
  double own_once = predicted_with (once, "once.gil", "cpython-3.12");
  double own_twice = predicted_with (twice, "twice.gil", "cpython-3.12");
  g_assert_cmpfloat_with_epsilon (own_once, own_twice, 1e-4);
  /* the platform's: its python.startup, then the exit less the empty one */
  double host_once = predicted_with (once, "once.gil", "cpython-3.11");
  double host_twice = predicted_with (twice, "twice.gil", "cpython-3.11");
  g_assert_cmpfloat_with_epsilon (host_twice - host_once, 0.02, 1e-4);

  /* an exit shorter than the empty one measured moves whole; the line
   * stays (a scenario's structure does not depend on durations) */
  g_autofree char *all = convert (dir, "--t0", "99.9", "--wall", "0.65", "--empty-exit", "0.08",
                                  "--out-dir", tmpdir, NULL);
  assert_has (all, "runtime cpython-3.12 startup = 150ms\n");
  g_autofree char *last_all = last_line (all);
  g_assert_true (g_str_has_prefix (last_all, "native 0ns "));
  /* whose comment says why a line of nothing is there */
  assert_has (last_all, "all 50ms of it is in startup, an empty program's exit being no "
                        "shorter; kept at 0 so that every recording of the program has this line "
                        "(--runs)");
  double own_all = predicted_with (all, "all.gil", "cpython-3.12");
  g_assert_cmpfloat_with_epsilon (own_all, own_twice, 1e-4);
  tmpdir_remove (dir);
}

/* The machine's speed just after the program, which the recording's CPU
 * times carry (a virtual CPU's slow spell makes every prediction of the
 * recording long): a comment of the scenario's header, the loop probe's
 * time an iteration against the platform's python.loop for the recording's
 * runtime (laptop-2core's 42.8ns for 3.11, 62.66ns for 3.12); given with
 * --loop-probe, none with 0 or where no program ran just before (no
 * --wall), measured where gilsim record ran one. */
static void
test_loop_probe (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("probe", "x = sum(range(1000))\n", NULL, &r);
  gilsim_expect_ok (&r);
  const char *at = strstr (text, "this Python's loop took ");
  g_assert_nonnull (at);
  char *end = NULL;
  double took = g_ascii_strtod (at + strlen ("this Python's loop took "), &end);
  g_assert_cmpfloat (took, >, 0.0);
  g_assert_true (g_str_has_prefix (end, "ns an iteration, ") ||
                 g_str_has_prefix (end, "us an iteration, "));
  gilsim_run_clear (&r);

  g_autofree char *dir = events_dir ("probe");
  put_main_only (dir);
  g_autofree char *slow = convert (dir, "--t0", "99.9", "--wall", "0.65", "--empty-exit", "0",
                                   "--loop-probe", "94e-9", "--out-dir", tmpdir, NULL);
  assert_has (slow, "\n# the machine's speed just after the program: this Python's loop took "
              "94ns an iteration, 1.50 times the 62.66ns above\nruntime cpython-3.12 ");
  g_autofree char *none = convert (dir, "--t0", "99.9", "--wall", "0.65", "--empty-exit", "0",
                                   "--loop-probe", "0", "--out-dir", tmpdir, NULL);
  g_assert_null (strstr (none, "the machine's speed"));
  g_autofree char *later = convert (dir, "--out-dir", tmpdir, NULL);
  g_assert_null (strstr (later, "the machine's speed"));
  /* the comment only: the same prediction */
  double with = predicted_with (slow, "slow.gil", "cpython-3.12");
  double without = predicted_with (none, "none.gil", "cpython-3.12");
  g_assert_cmpfloat_with_epsilon (with, without, 1e-9);
  tmpdir_remove (dir);
}

static void
test_given_events (void)
{
  if (!need_python ())
    return;
  g_autofree char *dir = events_dir ("events");
  put (dir, "p-1.json",
    "{\"pid\": 1, \"ppid\": 0, \"t_start\": 100.0, \"exe\": \"python3\", \"version\": [3, 11, 7], \"argv\": [\"p.py\"], \"gil\": true, \"implementation\": \"cpython\", \"forked\": false, \"root\": true, \"overhead\": 0.0, \"t_end\": 101.0, \"cpu\": 0.05, \"objects\": {}}\n");
  put (dir, "p-2.json",
    "{\"pid\": 2, \"ppid\": 1, \"t_start\": 100.1, \"exe\": \"python3\", \"forked\": true, \"overhead\": 0.001, \"role\": \"pool\", \"fn\": \"worker\", \"name\": \"ForkPoolWorker-1\", \"t_end\": 100.9, \"cpu\": 0.031, \"objects\": {}}\n");
  put (dir, "t-1-0.jsonl",
    "{\"meta\": {\"tid\": 0, \"t_start\": 100.0, \"name\": \"MainThread\", \"state\": \"ended\", \"t_end\": 101.0, \"cpu\": 0.05, \"pid\": 1, \"overhead\": 0.0, \"tail\": 0.001}}\n"
    "[\"pool\", \"/x/p.py:5\", 0.002, 0.0, 0.5, 100.2, {\"tag\": \"1-1\", \"op\": \"map\", \"processes\": 1, \"items\": 2, \"chunksize\": 1, \"method\": \"fork\", \"fn\": \"work\", \"def\": \"/x/p.py:1\", \"argsize\": 20, \"resultsize\": 20}]\n");
  put (dir, "t-2-0.jsonl",
    "{\"meta\": {\"tid\": 0, \"t_start\": 100.1, \"name\": \"MainThread\", \"state\": \"ended\", \"t_end\": 100.9, \"cpu\": 0.03, \"pid\": 2, \"overhead\": 0.001, \"tail\": 0.0}}\n"
    "[\"task\", \"/x/p.py:5\", 0.004, 0.0, 0.0, 100.2, {\"tag\": \"1-1\", \"edge\": \"begin\"}]\n"
    "[\"task\", \"/x/p.py:5\", 0.010, 0.0, 0.0, 100.3, {\"tag\": \"1-1\", \"edge\": \"end\"}]\n"
    "[\"task\", \"/x/p.py:5\", 0.001, 0.0, 0.0, 100.4, {\"tag\": \"1-1\", \"edge\": \"begin\"}]\n"
    "[\"task\", \"/x/p.py:5\", 0.010, 0.0, 0.0, 100.5, {\"tag\": \"1-1\", \"edge\": \"end\"}]\n");
  g_autofree char *text = convert (dir, "--t0", "99.9", "--wall", "1.15", "--empty-exit", "0",
                                   NULL);
  assert_has (text, "def work():\n    python 234_000 iterations ");
  assert_has (text, "\n    python 86_200 iterations              # 3.69ms of Python CPU, "
              "the workers' CPU outside the items");
  g_autofree char *last = last_line (text);
  g_assert_true (g_str_has_prefix (last, "native 50ms "));
  assert_has (last, EXIT_COMMENT);
  g_autofree char *nowall = convert (dir, NULL);
  g_assert_null (strstr (nowall, EXIT_COMMENT));
  assert_has (nowall, "the workers' CPU outside the items");
  tmpdir_remove (dir);
}

/* A main module that reads a file before it imports anything: from
 * CPython 3.12 on, sys.monitoring starts at the main module's first
 * import or open() call (not before: the code that runs until then is not
 * the program's), and the read is in the scenario; open is the builtin
 * again once it started.  Before 3.12 such reads are not seen. */
static void
test_open_first (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("openfirst",
    "data = open(__file__).read()\n"
    "import io\n"
    "print(len(data) > 0, open is io.open)\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "True True\n");
  const char *runtime = strstr (text, "runtime cpython-3.");
  g_assert_nonnull (runtime);
  if (atoi (runtime + strlen ("runtime cpython-3.")) >= 12)
    assert_has (text, "TextIOWrapper.read");
  gilsim_run_clear (&r);
}

/* A sitecustomize of the user's own on PYTHONPATH, which the recorder's
 * shadows, still runs in the recorded program: the recorder looks for one
 * in the path finder's listings (sitecustomize.py's _shadowed), then
 * imports it. */
static void
test_user_sitecustomize (void)
{
  if (!need_python ())
    return;
  g_autofree char *site = g_build_filename (tmpdir, "usersite", NULL);
  g_assert_cmpint (g_mkdir_with_parents (site, 0755), ==, 0);
  g_autofree char *sc = g_build_filename (site, "sitecustomize.py", NULL);
  g_assert_true (g_file_set_contents (sc, "import builtins\n"
                                      "builtins.USER_SITECUSTOMIZE = 'ran'\n", -1, NULL));
  g_setenv ("PYTHONPATH", site, TRUE);
  GilsimRun r;
  g_autofree char *text = record_program ("usersc",
    "import builtins\n"
    "print(getattr(builtins, 'USER_SITECUSTOMIZE', 'not run'))\n", NULL, &r);
  g_unsetenv ("PYTHONPATH");
  gilsim_expect_ok (&r);
  assert_has (r.out, "ran\n");
  gilsim_run_clear (&r);
  tmpdir_remove (site);
}

/* A program that profiles itself (cProfile takes sys.monitoring's
 * PROFILER_ID from CPython 3.12 on) runs as it does without the recorder,
 * which takes another tool id. */
static void
test_profiler (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("profiled",
    "import cProfile, io, pstats\n"
    "p = cProfile.Profile()\n"
    "p.enable()\n"
    "total = sum(range(100000))\n"
    "p.disable()\n"
    "pstats.Stats(p, stream=io.StringIO())\n"
    "print(total)\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "4999950000\n");
  gilsim_run_clear (&r);
}

/* A thread with hundreds of events (600 with-blocks on a lock) writes them
 * as it ends without loading json, which the program's own `import json`
 * would then find loaded and be recorded as free; the events read back
 * make the loop. */
static void
test_many_events (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("many",
    "import sys, threading\n"
    "lk = threading.Lock()\n"
    "def work():\n"
    "    for _ in range(600):\n"
    "        with lk:\n"
    "            pass\n"
    "t = threading.Thread(target=work)\n"
    "t.start()\n"
    "t.join()\n"
    "print('json loaded:', 'json' in sys.modules)\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "json loaded: False\n");
  assert_has (text, "repeat 600:");
  assert_has (text, "with lock lk:");
  gilsim_run_clear (&r);
}

/* The line of TEXT that starts with PREFIX (after a newline), or "". */
static char *
line_of (const char *text, const char *prefix)
{
  g_autofree char *nl = g_strconcat ("\n", prefix, NULL);
  const char *at = strstr (text, nl);
  if (at == NULL)
    return g_strdup ("");
  at++;
  return g_strndup (at, strcspn (at, "\n"));
}

/* A Python that gilsim does not model is converted as the nearest one it
 * models (scenario.loop_factor, which bench/record-whatif.sh uses too):
 * CPython 3.8 as 3.9, its runtime and its loop (the iterations of the same
 * CPU time), with a note that says so. */
static void
test_unmodelled_version (void)
{
  if (!need_python ())
    return;
  g_autofree char *d38 = events_dir ("v38");
  g_autofree char *d39 = events_dir ("v39");
  put_main_with (d38, "3, 8, 18");
  put_main_with (d39, "3, 9, 18");
  g_autofree char *t38 = convert (d38, NULL);
  g_autofree char *t39 = convert (d39, NULL);
  assert_has (t38, "runtime cpython-3.9");
  assert_has (t38, "CPython 3.8, which gilsim does not model: 3.9 is the nearest");
  g_assert_null (strstr (t39, "does not model"));
  g_autofree char *py38 = line_of (t38, "python ");
  g_autofree char *py39 = line_of (t39, "python ");
  g_assert_true (g_str_has_suffix (py38, "of Python CPU, to the end"));
  g_assert_cmpstr (py38, ==, py39);
  tmpdir_remove (d38);
  tmpdir_remove (d39);
}

/* The names of the files of DIR that start with PREFIX and end with
 * SUFFIX, counted. */
static guint
count_files (const char *dir, const char *prefix, const char *suffix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  guint n = 0;
  for (const char *name; (name = g_dir_read_name (d));)
    n += g_str_has_prefix (name, prefix) && g_str_has_suffix (name, suffix);
  return n;
}

/* Records SOURCE (NAME.py in tmpdir) keeping its events in the folder
 * NAME-events; returns the scenario's text and the folder in *DIR. */
static char *
record_keeping (const char *name, const char *source, char **dir)
{
  g_autofree char *py = g_strdup_printf ("%s/%s.py", tmpdir, name);
  g_autofree char *gil = g_strdup_printf ("%s/%s.gil", tmpdir, name);
  *dir = g_strdup_printf ("%s/%s-events", tmpdir, name);
  g_assert_true (g_file_set_contents (py, source, -1, NULL));
  GilsimRun r = gilsim_run ("record", "--events", *dir, "-o", gil, "--platform",
                            "platforms/laptop-2core.xml", "--", python, py, NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  return read_file (gil);
}

/* The recorder writes marshal's files (p-PID.marshal, t-PID-TID.marshal),
 * but a thread's that marshal refuses (the main thread's, which started a
 * function whose __qualname__ is a subclass of str) as JSON
 * (t-PID-TID.jsonl), and the converter reads both: both threads' sleeps
 * are in the scenario.  A thread that ended before its process was cut
 * short (os._exit) has its file; the process its file of its start. */
static void
test_record_files (void)
{
  if (!need_python ())
    return;
  g_autofree char *dir = NULL;
  g_autofree char *text = record_keeping ("files",
    "import threading, time\n"
    "class Name(str):\n"
    "    pass\n"
    "def odd():\n"
    "    time.sleep(0.02)\n"
    "def plain():\n"
    "    time.sleep(0.03)\n"
    "odd.__qualname__ = Name('odd')\n"
    "a = threading.Thread(target=odd)\n"
    "a.start()\n"
    "a.join()\n"
    "b = threading.Thread(target=plain)\n"
    "b.start()\n"
    "b.join()\n", &dir);
  g_assert_cmpuint (count_files (dir, "p-", ".marshal"), ==, 1);
  g_assert_cmpuint (count_files (dir, "t-", ".marshal"), ==, 2);
  g_assert_cmpuint (count_files (dir, "t-", ".jsonl"), ==, 1);
  assert_has (text, "def odd():\n    python ");
  assert_has (text, "sleep 20ms");
  assert_has (text, "def plain():\n    python ");
  assert_has (text, "sleep 30ms");

  g_autofree char *cut_dir = NULL;
  g_autofree char *cut = record_keeping ("files-cut",
    "import os, threading, time\n"
    "def work():\n"
    "    time.sleep(0.02)\n"
    "t = threading.Thread(target=work)\n"
    "t.start()\n"
    "t.join()\n"
    "os._exit(0)\n", &cut_dir);
  g_assert_cmpuint (count_files (cut_dir, "p-", ".marshal"), ==, 1);
  g_assert_cmpuint (count_files (cut_dir, "t-", ".marshal"), ==, 1);
  g_assert_cmpuint (count_files (cut_dir, "t-", "-0.marshal"), ==, 0);
  tmpdir_remove (dir);
  tmpdir_remove (cut_dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  record_test_setup ("test-record-costs-XXXXXX");
  g_test_add_func ("/record-costs/exit", test_exit);
  g_test_add_func ("/record-costs/pipe-read", test_pipe_read);
  g_test_add_func ("/record-costs/fork-wait", test_fork_wait);
  g_test_add_func ("/record-costs/own-modules", test_own_modules);
  g_test_add_func ("/record-costs/import-threading", test_import_threading);
  g_test_add_func ("/record-costs/given-events", test_given_events);
  g_test_add_func ("/record-costs/exit-once", test_exit_once);
  g_test_add_func ("/record-costs/loop-probe", test_loop_probe);
  g_test_add_func ("/record-costs/profiler", test_profiler);
  g_test_add_func ("/record-costs/open-first", test_open_first);
  g_test_add_func ("/record-costs/many-events", test_many_events);
  g_test_add_func ("/record-costs/user-sitecustomize", test_user_sitecustomize);
  g_test_add_func ("/record-costs/record-files", test_record_files);
  g_test_add_func ("/record-costs/unmodelled-version", test_unmodelled_version);
  int status = g_test_run ();
  record_test_cleanup ();
  return status;
}
