/* test-record-limits.c: gilsim record's limit on the processes a recorded
 * program starts (--max-processes, sim/record/proclimit.h): a fork bomb
 * stops at the limit, a program within it is left alone. */
#include <string.h>

#include "record-test.h"

/* Each process forks until os.fork fails, prints one line, and ends: the
 * processes would double without end. */
static const char bomb[] =
  "import os, time\n"
  "n = 0\n"
  "try:\n"
  "    while True:\n"
  "        if os.fork() == 0:\n"
  "            n = 0\n"
  "            continue\n"
  "        n += 1\n"
  "except BlockingIOError as e:\n"
  "    print('refused after', n, 'forks:', e, flush=True)\n"
  "time.sleep(0.1)\n";

/* Records SOURCE (NAME.py) with --max-processes MAX into NAME.gil; returns
 * the scenario's text (NULL if none was written). */
static char *
record_limited (const char *name, const char *source, const char *max, GilsimRun *r)
{
  g_autofree char *py = g_strdup_printf ("%s/%s.py", tmpdir, name);
  g_autofree char *gil = g_strdup_printf ("%s/%s.gil", tmpdir, name);
  g_assert_true (g_file_set_contents (py, source, -1, NULL));
  *r = gilsim_run ("record", "--max-processes", max, "-o", gil, "--platform",
                   "platforms/laptop-2core.xml", "--", python, py, NULL);
  char *text = NULL;
  g_file_get_contents (gil, &text, NULL, NULL);
  return text;
}

/* How many times WHAT stands in TEXT. */
static guint
count_occurrences (const char *text, const char *what)
{
  guint n = 0;
  for (const char *p = text; (p = strstr (p, what)); p += strlen (what))
    n++;
  return n;
}

static void
test_fork_bomb (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *gil = record_limited ("bomb", bomb, "8", &r);
  gilsim_expect_ok (&r);
  /* eight processes in all, each refused its next fork */
  g_assert_cmpuint (count_occurrences (r.out, "refused after"), ==, 8);
  assert_has (r.out, "the program has started 8 processes, the most --max-processes "
              "allows");
  assert_has (r.err, "warning: the program tried to start more than 8 processes");
  g_assert_nonnull (gil);
  assert_has (gil, ", 8 processes,");
  /* the limit's own I/O is not the program's */
  g_assert_null (strstr (gil, "os.write"));
  /* and it runs */
  g_autofree char *path = g_strdup_printf ("%s/bomb.gil", tmpdir);
  GilsimRun sim = gilsim_run ("run", path, "-q", NULL);
  gilsim_expect_ok (&sim);
  gilsim_run_clear (&sim);
  gilsim_run_clear (&r);
}

/* A Python started by subprocess beyond the limit stops at once. */
static void
test_started_python (void)
{
  if (!need_python ())
    return;
  static const char source[] =
    "import subprocess, sys\n"
    "codes = [subprocess.run([sys.executable, '-c', 'pass']).returncode for _ in range(3)]\n"
    "print('codes', codes, flush=True)\n";
  GilsimRun r;
  g_autofree char *gil = record_limited ("sub", source, "3", &r);
  g_assert_nonnull (gil);
  gilsim_expect_ok (&r);
  /* itself and two children; the third child is refused */
  assert_has (r.out, "codes [0, 0, 1]");
  assert_has (r.err, "the most --max-processes allows; this one stops");
  assert_has (r.err, "warning: the program tried to start more than 3 processes");
  gilsim_run_clear (&r);
}

/* At the limit, nothing is refused and nothing is said. */
static void
test_within (void)
{
  if (!need_python ())
    return;
  static const char source[] =
    "import os\n"
    "pids = [os.fork() for _ in range(1)]\n"
    "if pids[0] == 0:\n"
    "    os._exit(0)\n"
    "os.waitpid(pids[0], 0)\n"
    "child = os.fork()\n"
    "if child == 0:\n"
    "    os._exit(0)\n"
    "os.waitpid(child, 0)\n"
    "print('done', flush=True)\n";
  GilsimRun r;
  g_autofree char *gil = record_limited ("within", source, "3", &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "done");
  g_assert_null (strstr (r.err, "max-processes"));
  g_assert_nonnull (gil);
  gilsim_run_clear (&r);
}

/* Programs that go on asking for processes once the limit refuses them:
 * each would run for ever.  The recorder stops the process that asks
 * after the recording's GS_PROCLIMIT_REFUSALS refusals; gilsim says it in
 * one line, makes the scenario of what ran, and exits with the program's
 * status (1). */
static const char retry_fork[] =      /* catches the error and forks again */
  "import os\n"
  "while True:\n"
  "    try:\n"
  "        pid = os.fork()\n"
  "    except BlockingIOError:\n"
  "        continue\n"
  "    if pid == 0:\n"
  "        os._exit(0)\n"
  "    os.waitpid(pid, 0)\n";
static const char thread_forks[] =    /* forks from four threads, children too */
  "import os, threading, time\n"
  "def bomb():\n"
  "    while True:\n"
  "        try:\n"
  "            if os.fork() == 0:\n"
  "                continue\n"
  "        except BlockingIOError:\n"
  "            time.sleep(0.001)\n"
  "ts = [threading.Thread(target=bomb) for _ in range(4)]\n"
  "for t in ts: t.start()\n"
  "for t in ts: t.join()\n";
static const char retry_spawn[] =     /* os.posix_spawn of itself, each refused child again */
  "import os, sys\n"
  "while True:\n"
  "    pid = os.posix_spawn(sys.executable, [sys.executable, __file__], os.environ)\n"
  "    os.waitpid(pid, 0)\n";
static const char retry_subprocess[] = /* a child Python that fails, started again */
  "import subprocess, sys\n"
  "while True:\n"
  "    subprocess.run([sys.executable, '-c', 'pass'])\n";

static void
check_stopped (gconstpointer data)
{
  if (!need_python ())
    return;
  const char *const *c = data;
  GilsimRun r;
  g_autofree char *gil = record_limited (c[0], c[1], "3", &r);
  gilsim_expect_exit (&r, 1);
  /* one line says it, once; a Python refused at start-up says so once */
  g_assert_cmpuint (count_occurrences (r.err, "went on starting processes after the recorder "
                                 "had refused 32 (--max-processes 3): the recorder "
                                 "stopped it"), ==, 1);
  g_assert_cmpuint (count_occurrences (r.err, "this one stops"), <=, 1);
  g_assert_null (strstr (r.err, "Traceback"));
  /* the tried-to-start warning is the stopped one's, not a second line */
  g_assert_null (strstr (r.err, "tried to start more than"));
  /* the scenario of what ran until then */
  g_assert_nonnull (gil);
  assert_has (gil, "# WARNING: the program exited with status 1");
  gilsim_run_clear (&r);
}

static void
test_bad_limit (void)
{
  static const char *const bad[] = { "0", "-1", "5001" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    GilsimRun r = gilsim_run ("record", "--max-processes", bad[i], "--", "python3", "-c",
                              "pass", NULL);
    gilsim_expect_error (&r, "");
    assert_has (r.err, "give a number of processes from 1 to 5000");
    gilsim_run_clear (&r);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  record_test_setup ("test-record-limits-XXXXXX");
  g_test_add_func ("/record-limits/fork-bomb", test_fork_bomb);
  g_test_add_func ("/record-limits/started-python", test_started_python);
  g_test_add_func ("/record-limits/within", test_within);
  g_test_add_func ("/record-limits/bad-limit", test_bad_limit);
  static const char *const retry[] = { "retry", retry_fork };
  static const char *const threads[] = { "threads", thread_forks };
  static const char *const spawn[] = { "spawn", retry_spawn };
  static const char *const sub[] = { "sub-retry", retry_subprocess };
  g_test_add_data_func ("/record-limits/retry-fork", retry, check_stopped);
  g_test_add_data_func ("/record-limits/fork-from-threads", threads, check_stopped);
  g_test_add_data_func ("/record-limits/retry-posix-spawn", spawn, check_stopped);
  g_test_add_data_func ("/record-limits/retry-subprocess", sub, check_stopped);
  int status = g_test_run ();
  record_test_cleanup ();
  return status;
}
