/* test-record.c: gilsim record on small Python programs, with the machine's
 * python3 (skipped without one).  Each test checks the structure of the
 * scenario (its workers, waits, loops, the objects waited on) and that
 * gilsim run reads it, never wall times; and the malformed uses get one
 * line and exit status 2. */
#include "record-test.h"

/* Three threads of one function, each five rounds of work under a lock
 * and a sleep: one group of N threads, a loop of 5 with the lock and the
 * sleep inside, the lock declared, the group joined; the program's stdout
 * passes through. */
static void
test_threads (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("threads",
    "import threading, time\n"
    "counter_lock = threading.Lock()\n"
    "def worker():\n"
    "    for k in range(5):\n"
    "        with counter_lock:\n"
    "            sum(range(20000))\n"
    "        time.sleep(0.01)\n"
    "ts = [threading.Thread(target=worker) for _ in range(3)]\n"
    "for t in ts: t.start()\n"
    "for t in ts: t.join()\n"
    "print('done')\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "done");
  assert_has (r.err, "recorder overhead: ");
  assert_has (text, "\nN = 3\n");
  assert_has (text, "\nlock counter_lock");
  assert_has (text, "def worker():\n    repeat 5:\n");
  assert_has (text, "        with lock counter_lock:");
  assert_has (text, "        sleep 10ms");
  assert_has (text, "worker_threads = start N threads worker()");
  assert_has (text, "join worker_threads");
  assert_has (text, "threads.py:9");   /* the comment names the start's line */
  assert_has (text, "runtime cpython-3.");
  assert_has (text, "platform \"");
  gilsim_run_clear (&r);
}

/* Two processes of one function, and a pool map: a group of processes
 * with its start method, and a pool statement with its items. */
static void
test_processes (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("procs",
    "import multiprocessing as mp\n"
    "def work(n):\n"
    "    return sum(range(n))\n"
    "def proc():\n"
    "    work(100000)\n"
    "if __name__ == '__main__':\n"
    "    ps = [mp.Process(target=proc) for _ in range(2)]\n"
    "    for p in ps: p.start()\n"
    "    for p in ps: p.join()\n"
    "    with mp.Pool(2) as pool:\n"
    "        print(len(pool.map(work, [1000] * 8, chunksize=2)))\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "8");
  assert_has (text, "proc_processes = start N processes proc() using ");
  assert_has (text, "join proc_processes");
  assert_has (text, "pool 2 processes map work() over 8 items chunksize 2");
  assert_has (text, "def work():");
  gilsim_run_clear (&r);
}

/* A pool worker that cannot act on the SIGTERM of `with Pool()`'s end (here
 * it blocks the signal; a Python handler can also miss one that comes
 * just before a blocking call): the pool sends it again, then kills the
 * worker, and the program ends, with a warning, instead of waiting for it
 * for ever (docs/record.md, Fork safety). */
static void
test_pool_stuck_worker (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("stuckpool",
    "import multiprocessing as mp, os, signal, sys, time\n"
    "def stuck(path):\n"
    "    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})\n"
    "    open(path, 'w').close()\n"
    "    time.sleep(600)\n"
    "def work(n):\n"
    "    return n\n"
    "if __name__ == '__main__':\n"
    "    ready = sys.argv[0] + '.ready'\n"
    "    with mp.Pool(2) as pool:\n"
    "        print(sum(pool.map(work, range(4))))\n"
    "        pool.apply_async(stuck, (ready,))\n"
    "        while not os.path.exists(ready):\n"
    "            time.sleep(0.01)\n"
    "    print('done')\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "6\ndone\n");
  assert_has (r.err, "did not end on SIGTERM in 5 s: killed, its events are lost");
  assert_has (text, "pool 2 processes map work() over 4 items");
  gilsim_run_clear (&r);
}

/* A producer and a consumer around a queue.Queue: the queue is declared,
 * and its puts and gets are statements on it, not recorded waits. */
static void
test_queue (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("jobqueue",
    "import queue, threading, time\n"
    "jobs = queue.Queue()\n"
    "def consume():\n"
    "    while jobs.get() is not None:\n"
    "        pass\n"
    "c = threading.Thread(target=consume)\n"
    "c.start()\n"
    "for k in range(20):\n"
    "    time.sleep(0.002)\n"
    "    jobs.put(k)\n"
    "jobs.put(None)\n"
    "c.join()\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (text, "\nqueue jobs ");
  assert_has (text, "    get jobs ");
  assert_has (text, "    put jobs ");
  assert_has (text, "queue.get() on queue 'jobs'");
  g_assert_null (strstr (text, "waited at jobqueue.py:4"));
  assert_has (text, "repeat ");
  assert_has (text, "consume_threads = start 1 threads consume()");
  gilsim_run_clear (&r);
}

/* The seconds WORKER was blocked on WHAT, from gilsim run's table of
 * blocked time ("MainThread     queue jobs      0.1234        5"); 0 when
 * it has no such line. */
static double
blocked_on (const char *out, const char *worker, const char *what)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  for (char **l = lines; *l; l++) {
    if (!g_str_has_prefix (*l, worker) || (*l)[strlen (worker)] != ' ')
      continue;
    const char *at = strstr (*l, what);
    if (at != NULL && at[strlen (what)] == ' ')
      return g_ascii_strtod (at + strlen (what), NULL);
  }
  return 0.0;
}

/* The producer's blocked time on the queue when the consumer's sleep per
 * item, in the recorded scenario TEXT, is replaced by SLEEP. */
static double
producer_blocked (const char *text, const char *sleep)
{
  g_autofree char *gil = g_strdup_printf ("%s/slow-%s.gil", tmpdir, sleep);
  g_auto (GStrv) parts = g_strsplit (text, "sleep 4ms ", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);   /* the consumer's one sleep */
  g_autofree char *with = g_strdup_printf ("sleep %s ", sleep);
  g_autofree char *edited = g_strjoinv (with, parts);
  g_assert_true (g_file_set_contents (gil, edited, -1, NULL));
  GilsimRun sim = gilsim_run ("run", gil, "-q", "--no-sequential", NULL);
  gilsim_expect_ok (&sim);
  double blocked = blocked_on (sim.out, "MainThread", "queue jobs");
  gilsim_run_clear (&sim);
  return blocked;
}

/* What-if on a recorded producer and consumer: the producer puts 30
 * items and a None into a queue of 2 while the consumer spends 4 ms on
 * each.  The producer's last put gets in when the consumer takes item 28
 * (the queue holds the two after it), at 28 times the consumer's time per
 * item.  Made three times slower (12 ms an item), the consumer holds the
 * producer back 28 x 8 ms more: the simulation re-creates the waits.
 * Recorded as fixed waits, the producer's blocked time on the queue would
 * not move at all. */
static void
test_queue_whatif (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("slowconsumer",
    "import queue, threading, time\n"
    "jobs = queue.Queue(maxsize=2)\n"
    "def consume():\n"
    "    while True:\n"
    "        if jobs.get() is None:\n"
    "            return\n"
    "        time.sleep(0.004)\n"
    "c = threading.Thread(target=consume)\n"
    "c.start()\n"
    "for k in range(30):\n"
    "    jobs.put(k)\n"
    "jobs.put(None)\n"
    "c.join()\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (text, "\nqueue jobs maxsize 2");
  assert_has (text, "    put jobs ");
  assert_has (text, "    get jobs ");
  double fast = producer_blocked (text, "4ms");
  double slow = producer_blocked (text, "12ms");
  double expected = 28 * 0.008;
  g_test_message ("blocked on the queue: %.4f s, then %.4f s; expected %.4f s more",
                  fast, slow, expected);
  g_assert_cmpfloat (fast, >, 0.0);
  g_assert_cmpfloat (slow - fast, >, 0.8 * expected);
  g_assert_cmpfloat (slow - fast, <, 1.2 * expected);
  gilsim_run_clear (&r);
}

/* Three consumers of one queue: one group whose loop shares out the 30
 * items and 3 Nones they took among N threads, by their index, so that
 * the scenario runs to its end with 1, 4 or 8 consumers too (a loop of
 * fixed rounds would ask for items nobody puts, or leave the producer
 * blocked on a full queue). */
static void
test_consumers_share (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("consumers",
    "import queue, threading, time\n"
    "jobs = queue.Queue(maxsize=4)\n"
    "def consume():\n"
    "    while jobs.get() is not None:\n"
    "        time.sleep(0.005)\n"
    "cs = [threading.Thread(target=consume) for _ in range(3)]\n"
    "for c in cs: c.start()\n"
    "for k in range(30):\n"
    "    jobs.put(k)\n"
    "for c in cs: jobs.put(None)\n"
    "for c in cs: c.join()\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (text, "\nN = 3\n");
  assert_has (text, "\ndef consume(idx):\n");
  assert_has (text, "    repeat (33 - N) // N + (idx < (33 - N) % N):");
  assert_has (text, "consume_threads = start N threads consume(i)");
  g_autofree char *gil = g_strdup_printf ("%s/consumers.gil", tmpdir);
  GilsimRun sim = gilsim_run ("run", gil, "-q", "--no-sequential", "-L", "N=1,4,8", NULL);
  gilsim_expect_ok (&sim);
  g_assert_null (strstr (sim.err, "deadlock"));
  gilsim_run_clear (&sim);
  gilsim_run_clear (&r);
}

/* Events, a condition, semaphores and a barrier: each declared with what
 * it was made with (the barrier's parties as N: only the group of N
 * workers waits there), each call a statement on it (the condition's
 * inside its 'with' block); an event set by a thread that is not recorded
 * keeps its wait as the sleep recorded, and gilsim record says why. */
/* The recorder loads its view of threading's objects (sync.py) at the
 * program's first one, not with threading, which makes Events and
 * Conditions for itself: a program whose first is an RLock, then a Lock,
 * then an Event, gets all three named, and the objects threading made
 * before none. */
static void
test_sync_first (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("syncfirst",
    "import threading\n"
    "def w():\n"
    "    with r:\n"
    "        pass\n"
    "    with lk:\n"
    "        pass\n"
    "    ev.set()\n"
    "t = threading.Thread(target=w)\n"
    "r = threading.RLock()\n"
    "lk = threading.Lock()\n"
    "ev = threading.Event()\n"
    "t.start()\n"
    "ev.wait()\n"
    "t.join()\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (text, "\nrlock r ");
  assert_has (text, "\nlock lk ");
  assert_has (text, "\nevent ev ");
  assert_has (text, "    with r:");
  assert_has (text, "    with lock lk:");
  assert_has (text, "\nwait ev");
  g_assert_null (strstr (text, "event event_"));
  gilsim_run_clear (&r);
}

static void
test_sync_objects (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("syncobjects",
    "import threading, time, _thread\n"
    "ready = threading.Event()\n"
    "entered = threading.Event()\n"
    "elsewhere = threading.Event()\n"
    "cv = threading.Condition()\n"
    "slots = threading.BoundedSemaphore(2)\n"
    "bar = threading.Barrier(3)\n"
    "def worker():\n"
    "    ready.wait()\n"
    "    with slots:\n"
    "        time.sleep(0.001)\n"
    "    bar.wait()\n"
    "def waiter():\n"
    "    with cv:\n"
    "        entered.set()\n"
    "        cv.wait()\n"
    "ws = [threading.Thread(target=worker) for _ in range(3)]\n"
    "for t in ws: t.start()\n"
    "w = threading.Thread(target=waiter)\n"
    "w.start()\n"
    "ready.set()\n"
    "entered.wait()\n"
    "with cv:\n"
    "    cv.notify_all()\n"
    "_thread.start_new_thread(lambda: (time.sleep(0.01), elsewhere.set()), ())\n"
    "elsewhere.wait()\n"
    "for t in ws + [w]: t.join()\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (text, "\nevent ready ");
  assert_has (text, "\nbounded_semaphore slots 2 ");
  assert_has (text, "\nbarrier bar N ");   /* only the group of N meets there */
  assert_has (text, "\ncondition cv ");
  assert_has (text, "    wait ready ");
  assert_has (text, "\nset ready ");
  assert_has (text, "    acquire slots ");
  assert_has (text, "    release slots ");
  assert_has (text, "    wait bar ");
  assert_has (text, "    with cv:");
  assert_has (text, "        wait cv ");
  assert_has (text, "    notify_all cv ");
  g_assert_null (strstr (text, "\nevent elsewhere"));
  assert_has (text, "(as recorded: waited on, never set) waited at syncobjects.py:26");
  assert_has (r.err, "the waits on event 'elsewhere' are written as the sleeps recorded: "
              "waited on, never set");
  /* with fewer or more workers, the barrier still has all its parties */
  g_autofree char *gil = g_strdup_printf ("%s/syncobjects.gil", tmpdir);
  GilsimRun sim = gilsim_run ("run", gil, "-q", "--no-sequential", "-L", "N=1,5", NULL);
  gilsim_expect_ok (&sim);
  gilsim_run_clear (&sim);
  gilsim_run_clear (&r);
}

/* A thread whose calls follow no pattern (3000 random choices between two
 * sleeps and a lock) is summed up in loops of its mean round: the
 * scenario stays short, says so, and keeps the lock. */
static void
test_irregular (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("irregular",
    "import random, threading, time\n"
    "random.seed(1)\n"
    "guard = threading.Lock()\n"
    "def w():\n"
    "    for k in range(3000):\n"
    "        x = random.random()\n"
    "        if x < 0.3:\n"
    "            time.sleep(0.00001)\n"
    "        elif x < 0.6:\n"
    "            with guard:\n"
    "                pass\n"
    "        else:\n"
    "            time.sleep(0.00002)\n"
    "t = threading.Thread(target=w)\n"
    "t.start()\n"
    "t.join()\n", NULL, &r);
  gilsim_expect_ok (&r);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), <, 2000);
  assert_has (text, "statements summed up: ");
  assert_has (text, "with lock guard:");
  gilsim_run_clear (&r);
}

/* A loop that starts a thread and joins it each round is one repeat of a
 * start and a join. */
static void
test_start_join_loop (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("rounds",
    "import threading, time\n"
    "def f():\n"
    "    time.sleep(0.001)\n"
    "for k in range(6):\n"
    "    t = threading.Thread(target=f)\n"
    "    t.start()\n"
    "    t.join()\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (text, "repeat 6:\n");
  assert_has (text, "    f_threads = start 1 threads f()");
  assert_has (text, "    join f_threads");
  gilsim_run_clear (&r);
}

/* A program that fails: its status passes through, with a warning, and
 * the scenario of what it did is still written. */
/* The predicted wall time of the scenario at GIL with PARAM (NAME=VALUE). */
static double
predicted_wall (const char *gil, const char *param)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", gil, "-q", "--no-sequential", "-L", param, NULL);
  double wall = gilsim_dbl (p.res, "wall_s");
  gilsim_point_clear (&p);
  return wall;
}

/* Two ThreadPoolExecutors of one function: one used with map inside a
 * with block, one with submit and never shut down.  Each is a thread pool
 * statement over the items it was given, its threads a parameter, the
 * function's body the items' own work (a 10 ms sleep); none is a group of
 * the executor's _worker threads.  With one thread, the first pool's 12
 * items take their sleeps in turn: at least 12 x 10 ms, where its 4
 * threads overlap them. */
static void
test_thread_pool (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("threadpool",
    "import time\n"
    "from concurrent.futures import ThreadPoolExecutor\n"
    "def fetch(k):\n"
    "    time.sleep(0.01)\n"
    "    return sum(range(2000))\n"
    "with ThreadPoolExecutor(max_workers=4) as ex:\n"
    "    print(sum(ex.map(fetch, range(12))))\n"
    "ex2 = ThreadPoolExecutor(3)\n"
    "futs = [ex2.submit(fetch, k) for k in range(6)]\n"
    "print(sum(f.result() for f in futs))\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "23988000");
  assert_has (text, "\nN_FETCH = 4\n");
  assert_has (text, "\nN_FETCH_2 = 3\n");
  assert_has (text, "\npool N_FETCH threads map fetch() over 12 items ");
  assert_has (text, "\npool N_FETCH_2 threads map fetch() over 6 items ");
  assert_has (text, "\ndef fetch():\n");
  assert_has (text, "    sleep 10ms ");
  g_assert_null (strstr (text, "_worker"));
  g_autofree char *gil = g_strdup_printf ("%s/threadpool.gil", tmpdir);
  double one = predicted_wall (gil, "N_FETCH=1");
  double four = predicted_wall (gil, "N_FETCH=4");
  g_test_message ("one thread %.4f s, four %.4f s", one, four);
  g_assert_cmpfloat (one - four, >, 0.75 * 9 * 0.010);
  gilsim_run_clear (&r);
}

/* Two ProcessPoolExecutors of one function: submit with a keyword
 * argument that doubles the work, then map in chunks of 3.  Each is a
 * process pool statement over its items with its own call (submit,
 * executor map with the chunk size); the second gets a def of its own,
 * its items doing half the work of the first's. */
static void
test_process_executor (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("procexec",
    "from concurrent.futures import ProcessPoolExecutor, as_completed\n"
    "def work(k, scale=1):\n"
    "    return sum(range(300000 * scale))\n"
    "if __name__ == '__main__':\n"
    "    with ProcessPoolExecutor(max_workers=3) as ex:\n"
    "        futs = [ex.submit(work, k, scale=4) for k in range(6)]\n"
    "        print(len([f.result() for f in as_completed(futs)]))\n"
    "    with ProcessPoolExecutor(2) as ex:\n"
    "        print(len(list(ex.map(work, range(10), chunksize=3))))\n", NULL, &r);
  gilsim_expect_ok (&r);
  assert_has (r.out, "6\n10\n");
  assert_has (text, "\npool 3 processes submit work() over 6 items");
  assert_has (text, "\npool 2 processes executor map work_2() over 10 items chunksize 3");
  assert_has (text, "\ndef work_2():\n");
  gilsim_run_clear (&r);
}

static void
test_failing (void)
{
  if (!need_python ())
    return;
  GilsimRun r;
  g_autofree char *text = record_program ("fails",
    "import time, sys\n"
    "time.sleep(0.01)\n"
    "sys.exit(3)\n", NULL, &r);
  gilsim_expect_exit (&r, 3);
  assert_has (r.err, "warning: the program exited with status 3");
  assert_has (text, "WARNING: the program exited with status 3");
  assert_has (text, "sleep 10ms");
  gilsim_run_clear (&r);
}

/* A command that is a shell script starting Python (a pyenv shim): the
 * recording says that its start counts in the start-up, and names the
 * interpreter itself; the interpreter itself gets no such warning. */
static void
test_wrapper (void)
{
  if (!need_python ())
    return;
  g_autofree char *py = g_strdup_printf ("%s/wrapped.py", tmpdir);
  g_autofree char *gil = g_strdup_printf ("%s/wrapped.gil", tmpdir);
  g_autofree char *sh = g_strdup_printf ("%s/python-wrapper", tmpdir);
  g_assert_true (g_file_set_contents (py, "import time\ntime.sleep(0.01)\n", -1, NULL));
  g_autofree char *body = g_strdup_printf ("#!/bin/sh\nexec '%s' \"$@\"\n", python);
  g_assert_true (g_file_set_contents (sh, body, -1, NULL));
  g_assert_cmpint (g_chmod (sh, 0755), ==, 0);
  GilsimRun r = gilsim_run ("record", "-o", gil, "--platform", "platforms/laptop-2core.xml",
                            "--", sh, py, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_autofree char *warning = g_strdup_printf ("gilsim record: warning: %s is a script", sh);
  assert_has (r.err, warning);
  assert_has (r.err, "record with the interpreter itself: gilsim record -- /");
  /* the interpreter it named */
  const char *named = strstr (r.err, "gilsim record -- ") + strlen ("gilsim record -- ");
  g_autofree char *exe = g_strndup (named, strcspn (named, " "));
  gilsim_run_clear (&r);
  r = gilsim_run ("record", "-o", gil, "--platform", "platforms/laptop-2core.xml", "--",
                  exe, py, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.err, "is a script"));
  gilsim_run_clear (&r);
}

/* Runs gilsim record with ARGS and asserts one line on stderr that starts
 * with PREFIX, nothing on stdout, and exit status 2. */
static void
assert_usage_error (const char *prefix, const char *first, ...)
{
  va_list ap;
  va_start (ap, first);
  GilsimRun r = gilsim_runv (first, ap, NULL);
  va_end (ap);
  gilsim_expect_error (&r, prefix);
  g_assert_cmpstr (r.out, ==, "");
  gilsim_run_clear (&r);
}

static void
test_malformed (void)
{
  assert_usage_error ("gilsim record: put the command to record after --", "record",
                      "python3", "x.py", NULL);
  assert_usage_error ("gilsim record: no command after --", "record", "--", NULL);
  assert_usage_error ("gilsim record: command 'no-such-python-here' not found", "record",
                      "--", "no-such-python-here", "x.py", NULL);
  assert_usage_error ("gilsim record: 'true' is not Python", "record", "--", "true", NULL);
  assert_usage_error ("gilsim record: 'x' goes after --", "record", "x", "--", "true",
                      NULL);
}

/* In the child: a process group of its own, as a shell's job. */
static void
own_group (gpointer data)
{
  setpgid (0, 0);
}

/* A program that never ends, stopped by Ctrl-C (the program sends SIGINT
 * to its process group, gilsim's, as the terminal would): gilsim ignores
 * it while the program runs, the recorder writes the events, and the
 * scenario of what the program did until then is made, with the warning
 * of status 130 (130 is also gilsim's exit status: the program's). */
static void
test_interrupted (void)
{
  if (!need_python ())
    return;
  g_autofree char *py = g_build_filename (tmpdir, "forever.py", NULL);
  g_autofree char *gil = g_build_filename (tmpdir, "forever.gil", NULL);
  g_assert_true (g_file_set_contents (py,
      "import os, signal, threading, time\n"
      "def tick():\n"
      "    while True:\n"
      "        time.sleep(0.01)\n"
      "threading.Thread(target=tick, daemon=True).start()\n"
      "threading.Timer(0.3, lambda: os.killpg(0, signal.SIGINT)).start()\n"
      "while True:\n"
      "    time.sleep(0.01)\n", -1, NULL));
  const char *argv[] = { g_getenv ("GILSIM"), "record", "-o", gil, "--platform",
                         "platforms/laptop-2core.xml", "--", python, py, NULL };
  int status = 0;
  g_autofree char *err = NULL;
  g_assert_true (g_spawn_sync (g_getenv ("GILSIM_SOURCE_ROOT"), (char **) argv, NULL,
                               G_SPAWN_DEFAULT, own_group, NULL, NULL, &err, &status, NULL));
  /* gilsim record exits with the program's status */
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 130)
    g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 130);
  assert_has (err, "the program exited with status 130");
  g_autofree char *text = read_file (gil);
  assert_has (text, "WARNING: the program exited with status 130");
  assert_has (text, "start 1 threads tick()");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  record_test_setup ("test-record-XXXXXX");
  g_test_add_func ("/record/threads", test_threads);
  g_test_add_func ("/record/processes", test_processes);
  g_test_add_func ("/record/pool-stuck-worker", test_pool_stuck_worker);
  g_test_add_func ("/record/queue", test_queue);
  g_test_add_func ("/record/queue-whatif", test_queue_whatif);
  g_test_add_func ("/record/sync-objects", test_sync_objects);
  g_test_add_func ("/record/sync-first", test_sync_first);
  g_test_add_func ("/record/consumers-share", test_consumers_share);
  g_test_add_func ("/record/irregular", test_irregular);
  g_test_add_func ("/record/start-join-loop", test_start_join_loop);
  g_test_add_func ("/record/thread-pool", test_thread_pool);
  g_test_add_func ("/record/process-executor", test_process_executor);
  g_test_add_func ("/record/failing", test_failing);
  g_test_add_func ("/record/wrapper", test_wrapper);
  g_test_add_func ("/record/malformed", test_malformed);
  g_test_add_func ("/record/interrupted", test_interrupted);
  int status = g_test_run ();
  record_test_cleanup ();
  return status;
}
