/* test-resources.c: disks, servers across links, the memory bus, process
 * pools and native threads.  Each test runs a scenario (the examples of
 * scenarios/resources/ or small ones in tests/data/) and checks who waits
 * for what and what is shared, from the JSON export; none holds a number
 * gilsim printed before, and none times gilsim itself. */
#include <math.h>
#include <glib/gstdio.h>
#include "run-gilsim.h"

/* Runs SCENARIO with the -L list LIST (or none) and keeps its result. */
static void
point_run (GilsimPoint *p, const char *scenario, const char *list)
{
  if (list)
    gilsim_point_run (p, "run", scenario, "-L", list, NULL);
  else
    gilsim_point_run (p, "run", scenario, NULL);
}

static double
span (JsonObject *w)
{
  return gilsim_dbl (w, "end_s") - gilsim_dbl (w, "start_s");
}

/* Longest span of the workers of kind KIND. */
static double
longest (JsonObject *res, const char *kind)
{
  JsonArray *ws = json_object_get_array_member (res, "workers");
  double m = 0;
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *w = json_array_get_object_element (ws, i);
    if (g_strcmp0 (json_object_get_string_member (w, "kind"), kind) == 0)
      m = MAX (m, span (w));
  }
  return m;
}

/* Concurrent I/O shares the disk: four threads writing and reading 64 MiB
 * each take four times as long as one, all of it blocked in I/O. */
static void
test_disk_shared (void)
{
  GilsimPoint one, four;
  point_run (&one, "tests/data/disk_threads.gil", "N=1");
  point_run (&four, "tests/data/disk_threads.gil", "N=4");
  double t1 = span (gilsim_worker (one.res, "Thread-1"));
  /* 64 MiB at 1796 MB/s plus 64 MiB at 1675 MB/s */
  g_assert_cmpfloat (t1, >, 0.077 * 0.98);
  g_assert_cmpfloat (t1, <, 0.077 * 1.05);
  double t4 = longest (four.res, "thread");
  g_assert_cmpfloat (t4, >, 3.8 * t1);
  g_assert_cmpfloat (t4, <, 4.2 * t1);
  /* the I/O holds no GIL and uses no CPU */
  JsonObject *w = gilsim_worker (four.res, "Thread-4");
  g_assert_cmpfloat (gilsim_dbl (w, "cpu_s"), <, 1e-6);
  g_assert_cmpfloat (gilsim_dbl (w, "blocked_s"), >, 0.95 * span (w));
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);
}

/* disk.latency: each call waits for it without using the disk, so the
 * calls of other threads overlap it.  One thread pays every call's latency;
 * four threads keep the disk busy meanwhile and are bound by its bandwidth. */
static void
test_disk_latency (void)
{
  GilsimPoint one, four;
  gilsim_point_run (&one, "run", "tests/data/disk_threads.gil", "--platform",
                    "tests/data/latency-disk.xml", "-L", "N=1", NULL);
  gilsim_point_run (&four, "run", "tests/data/disk_threads.gil", "--platform",
                    "tests/data/latency-disk.xml", "-L", "N=4", NULL);
  /* 128 calls of 0.5 ms, and 2 x 64 MiB at 2800 MB/s */
  double lat = 128 * 0.5e-3, bw = 2 * 64 * 1048576 / 2800e6;
  double t1 = span (gilsim_worker (one.res, "Thread-1"));
  g_assert_cmpfloat (t1, >, 0.99 * (lat + bw));
  g_assert_cmpfloat (t1, <, 1.02 * (lat + bw));
  double t4 = longest (four.res, "thread");
  g_assert_cmpfloat (t4, >, 0.99 * 4 * bw);
  g_assert_cmpfloat (t4, <, 4 * bw + lat);
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);
}

/* A page cache (disk.cache_write, disk.cache_read): a write only copies
 * into it, on the thread's own core, and the fsync hands the bytes to the
 * disk; a read copies them out after the disk.  Two threads share the
 * disk but not their copies: they take less than twice one. */
static void
test_disk_cache (void)
{
  GilsimPoint one, two;
  gilsim_point_run (&one, "run", "tests/data/disk_threads.gil", "--platform",
                    "tests/data/cache-disk.xml", "-L", "N=1", NULL);
  gilsim_point_run (&two, "run", "tests/data/disk_threads.gil", "--platform",
                    "tests/data/cache-disk.xml", "-L", "N=2", NULL);
  double b = 64 * 1048576.0, copy = b * 1e-9 + b * 0.5e-9, dev = 2 * b / 1000e6;
  JsonObject *w = gilsim_worker (one.res, "Thread-1");
  double t1 = span (w);
  g_assert_cmpfloat (t1, >, 0.99 * (copy + dev));
  g_assert_cmpfloat (t1, <, 1.01 * (copy + dev));
  /* the copies are CPU work, the GIL released; the disk is the fsync's
   * and the reads' wait */
  g_assert_cmpfloat (gilsim_dbl (w, "cpu_s"), >, 0.99 * copy);
  g_assert_cmpfloat (gilsim_dbl (w, "cpu_s"), <, 1.01 * copy);
  g_assert_cmpfloat (gilsim_dbl (w, "blocked_s"), >, 0.99 * dev);
  double t2 = longest (two.res, "thread");
  g_assert_cmpfloat (t2, >, 2 * dev + b * 0.5e-9);
  g_assert_cmpfloat (t2, <, 2 * dev + copy + 0.001);
  g_assert_cmpfloat (t2, <, 1.8 * t1);
  gilsim_point_clear (&one);
  gilsim_point_clear (&two);
}

/* os.halt_wake: a sleep longer than os.idle_poll wakes a halted vCPU, and
 * so does the join that waited for it; a 1 ms sleep and its join do not. */
static void
test_halt_wake (void)
{
  GilsimPoint longer, shorter;
  point_run (&longer, "tests/data/halt_wake.gil", "S=500ms");
  point_run (&shorter, "tests/data/halt_wake.gil", "S=1ms");
  JsonObject *w = gilsim_worker (longer.res, "Thread-1");
  assert_near (gilsim_dbl (w, "blocked_s"), 0.5002, 1e-6);
  assert_near (gilsim_dbl (longer.res, "wall_s"), 0.5004, 1e-6);
  assert_near (gilsim_dbl (shorter.res, "wall_s"), 0.001, 1e-6);
  gilsim_point_clear (&longer);
  gilsim_point_clear (&shorter);
}

/* Beside a CPU-bound thread, each write costs the writer about a switch
 * interval of waiting for the GIL (the convoy effect). */
static void
test_disk_convoy (void)
{
  GilsimPoint alone, beside;
  point_run (&alone, "tests/data/disk_convoy.gil", "CPU=0");
  point_run (&beside, "tests/data/disk_convoy.gil", "CPU=1");
  JsonObject *a = gilsim_worker (alone.res, "Thread-1");
  JsonObject *b = gilsim_worker (beside.res, "Thread-2");
  g_assert_cmpfloat (gilsim_dbl (a, "gil_wait_s"), <, 0.001);
  /* 50 writes, each waiting most of a 5 ms interval */
  g_assert_cmpfloat (gilsim_dbl (b, "gil_wait_s"), >, 50 * 0.005 * 0.8);
  g_assert_cmpfloat (gilsim_dbl (b, "gil_wait_s"), <, 50 * 0.005 * 1.3);
  g_assert_cmpfloat (span (b), >, 5 * span (a));
  gilsim_point_clear (&alone);
  gilsim_point_clear (&beside);
}

/* The scraper: threads overlap their requests until the server's 4 slots
 * are full; then more threads only queue. */
static void
test_scraper (void)
{
  GilsimPoint one, four, eight;
  point_run (&one, "scenarios/resources/scraper.gil", "N=1");
  point_run (&four, "scenarios/resources/scraper.gil", "N=4");
  point_run (&eight, "scenarios/resources/scraper.gil", "N=8");
  /* one thread: 32 requests of 20 ms + 80 ms + 20 ms + 10 ms */
  double t1 = span (gilsim_worker (one.res, "Thread-0"));
  g_assert_cmpfloat (t1, >, 32 * 0.130);
  g_assert_cmpfloat (t1, <, 32 * 0.130 * 1.02);
  double t4 = longest (four.res, "thread"), t8 = longest (eight.res, "thread");
  /* four in flight share the link: better than 2x, worse than 4x */
  g_assert_cmpfloat (t1 / t4, >, 2.5);
  g_assert_cmpfloat (t1 / t4, <, 4.0);
  /* the server is the limit: 8 threads are no faster than 4 */
  g_assert_cmpfloat (t8, >, 0.98 * t4);
  /* the threads wait for the network, not for the GIL */
  JsonObject *w = gilsim_worker (eight.res, "Thread-7");
  g_assert_cmpfloat (gilsim_dbl (w, "blocked_s"), >, 0.9 * span (w));
  g_assert_cmpfloat (gilsim_dbl (w, "gil_wait_s"), <, 0.05 * span (w));
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);
  gilsim_point_clear (&eight);
}

/* Reading from one SSD and hashing: the hashing overlaps on 16 cores, the
 * disk does not, so 8 threads take at least 8 files' disk time. */
static void
test_file_hashing (void)
{
  GilsimPoint one, eight;
  point_run (&one, "scenarios/resources/file_hashing.gil", "N=1");
  point_run (&eight, "scenarios/resources/file_hashing.gil", "N=8");
  double disk = 256.0 * 1048576 / 1619e6;  /* one file at lab.xml's read_bw */
  double t1 = span (gilsim_worker (one.res, "Thread-0"));
  double t8 = longest (eight.res, "thread");
  g_assert_cmpfloat (t1, >, disk);
  g_assert_cmpfloat (t8, >, 8 * disk);
  g_assert_cmpfloat (t8, <, 8 * disk + t1);
  /* but better than one after another */
  g_assert_cmpfloat (t8, <, 8 * t1 * 0.5);
  gilsim_point_clear (&one);
  gilsim_point_clear (&eight);
}

/* Memory bandwidth: the same work per thread takes as long for 1 and 4
 * threads, longer for 16 on 16 cores, because the sums share the bus. */
static void
test_memory_bus (void)
{
  GilsimPoint one, four, sixteen;
  point_run (&one, "scenarios/resources/numpy_sum.gil", "N=1");
  point_run (&four, "scenarios/resources/numpy_sum.gil", "N=4");
  point_run (&sixteen, "scenarios/resources/numpy_sum.gil", "N=16");
  double t1 = span (gilsim_worker (one.res, "Thread-0"));
  double t4 = longest (four.res, "thread"), t16 = longest (sixteen.res, "thread");
  g_assert_cmpfloat (t4, <, 1.05 * t1);
  /* 16 x 10 sums of 80 MB through a 40 GB/s bus: at least 320 ms */
  g_assert_cmpfloat (t16, >, 16 * 10 * 80e6 / 40e9);
  g_assert_cmpfloat (t16, >, 2 * t1);
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);
  gilsim_point_clear (&sixteen);
}

/* Wall time of tests/data/fault_threads.gil with N threads on PLATFORM. */
static double
fault_wall (const char *platform, const char *n)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "tests/data/fault_threads.gil", "--platform", platform,
                    "-L", n, NULL);
  double wall = gilsim_dbl (p.res, "wall_s");
  gilsim_point_clear (&p);
  return wall;
}

/* A fresh output's page faults (memory.alloc_cost) run before the call's
 * arithmetic and share memory.alloc_bandwidth: 80 MB of faults at 0.2 ns a
 * byte are 16 ms of a 40 ms call alone; 8 threads fault 640 MB through a
 * 16 GB/s bus, 40 ms, then compute their 24 ms.  Without memory.alloc_cost
 * the fill overlaps the arithmetic, and 8 threads take as long as one. */
static void
test_memory_faults (void)
{
  const char *xml = "tests/data/fault-bus.xml";
  double alone = fault_wall (xml, "N=1"), two = fault_wall (xml, "N=2");
  double eight = fault_wall (xml, "N=8");
  /* alone, the call costs what cost.numpy.rng.random says, faults included */
  assert_near (alone, 0.040, 1e-6);
  /* two threads fault 160 MB in 10 ms at 16 GB/s: each keeps its own 16 ms */
  assert_near (two, 0.040, 1e-6);
  assert_near (eight, (8 * 80e6 / 16e9 + 0.024), 1e-6);
  /* the same platform without memory.alloc_cost: the bus is written beside
   * the arithmetic, max (40 ms, 40 ms) */
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("GILSIM_SOURCE_ROOT"), xml, NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_autofree char *tmp = g_build_filename (g_get_tmp_dir (), "gilsim-nofault-XXXXXX.xml", NULL);
  int fd = g_mkstemp (tmp);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_autoptr (GRegex) re = g_regex_new ("<prop id=\"memory.alloc_cost\"[^>]*>", 0, 0, NULL);
  g_autofree char *plain = g_regex_replace_literal (re, text, -1, 0, "", 0, NULL);
  g_assert_true (strstr (plain, "alloc_cost\"") == NULL);
  g_assert_true (g_file_set_contents (tmp, plain, -1, NULL));
  double overlapped = fault_wall (tmp, "N=8");
  assert_near (overlapped, 0.040, 1e-6);
  g_unlink (tmp);
}

/* A pool with a big argument is bound by the parent's pickling and pipe;
 * with a small one it scales. */
static void
test_process_pool (void)
{
  GilsimPoint big2, big8, small2, small8;
  point_run (&big2, "scenarios/resources/process_pool.gil", "P=2");
  point_run (&big8, "scenarios/resources/process_pool.gil", "P=8");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (big8.res, "workers")),
                    ==, 9);
  double b2 = gilsim_dbl (big2.res, "wall_s"), b8 = gilsim_dbl (big8.res, "wall_s");
  g_assert_cmpfloat (b8, >, 0.98 * b2);
  /* 64 items x (10 MB pickled at 1 ns/B + 10 MB through a 1 GB/s pipe) */
  JsonObject *main = gilsim_worker (big8.res, "MainThread");
  g_assert_cmpfloat (gilsim_dbl (main, "blocked_s"), >, 64 * 0.020);
  gilsim_point_clear (&big2);
  gilsim_point_clear (&big8);
  gilsim_point_run (&small2, "run", "scenarios/resources/process_pool.gil", "-L", "P=2",
                    "-L", "ARG=10KB", NULL);
  gilsim_point_run (&small8, "run", "scenarios/resources/process_pool.gil", "-L", "P=8",
                    "-L", "ARG=10KB", NULL);
  /* the pool's own time, after start-up and import */
  double start = gilsim_dbl (gilsim_worker (small8.res, "MainThread"), "cpu_s");
  double s2 = gilsim_dbl (small2.res, "wall_s") - start, s8 = gilsim_dbl (small8.res, "wall_s") - start;
  g_assert_cmpfloat (s2 / s8, >, 3.0);
  gilsim_point_clear (&small2);
  gilsim_point_clear (&small8);
}

/* send and receive: one-way transfers that share the link and release the
 * GIL.  Four uploads at once take about four times one; the CPU-bound
 * thread beside them never waits for the GIL. */
static void
test_transfers (void)
{
  GilsimPoint one, four;
  point_run (&one, "scenarios/resources/upload.gil", "N=1");
  point_run (&four, "scenarios/resources/upload.gil", "N=4");
  JsonObject *w1 = gilsim_worker (one.res, "Thread-0");
  double t1 = span (w1), t4 = longest (four.res, "thread");
  /* 5 MB + 1 MB at 10 MB/s and two 20 ms latencies, at least */
  g_assert_cmpfloat (t1, >, 0.64);
  g_assert_cmpfloat (t1, <, 0.72);
  g_assert_cmpfloat (gilsim_dbl (w1, "blocked_s"), >, 0.99 * t1);
  g_assert_cmpfloat (gilsim_dbl (w1, "cpu_s"), <, 1e-6);
  /* the link is shared: no faster than one after another, less the
   * latencies that overlap */
  g_assert_cmpfloat (t4, >, 3.6 * t1);
  g_assert_cmpfloat (t4, <, 4.0 * t1);
  JsonObject *c = gilsim_worker (four.res, "Checksum");
  g_assert_cmpfloat (gilsim_dbl (c, "gil_wait_s"), <, 0.001);
  g_assert_cmpfloat (span (c), <, 1.01 * gilsim_dbl (c, "cpu_s"));
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);

  /* send() is still a call; a server on the program's own host costs
   * nothing to receive from */
  GilsimPoint p;
  point_run (&p, "tests/data/send_call.gil", NULL);
  JsonObject *w = gilsim_worker (p.res, "Thread-0");
  g_assert_cmpfloat (gilsim_dbl (w, "cpu_s"), >, 1000 * 45.5e-9 * 0.99);
  g_assert_cmpfloat (gilsim_dbl (w, "blocked_s"), >, 0.02 + 0.1);
  g_assert_cmpfloat (gilsim_dbl (w, "blocked_s"), <, 0.02 + 0.1 * 1.1);
  gilsim_point_clear (&p);
}

/* A native call with 16 threads of its own takes 1/16 of its CPU time on
 * 16 free cores; four such calls at once share the cores. */
static void
test_native_threads (void)
{
  GilsimPoint one, four;
  point_run (&one, "scenarios/resources/blas_oversubscribed.gil", "P=1");
  point_run (&four, "scenarios/resources/blas_oversubscribed.gil", "P=4");
  double t1 = longest (one.res, "process"), t4 = longest (four.res, "process");
  g_assert_cmpfloat (t1, >, 0.050);
  g_assert_cmpfloat (t1, <, 0.060);
  /* 64 threads on 16 cores: each call takes about 4 x 50 ms */
  g_assert_cmpfloat (t4, >, 0.195);
  g_assert_cmpfloat (t4, <, 0.215);
  /* the sequential run is no slower: the parallelism was already used */
  g_assert_cmpfloat (gilsim_dbl (four.res, "sequential_s"), <, 1.05 * gilsim_dbl (four.res, "wall_s"));
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);
}

/* Virtual CPUs in a slow state (tests/data/slow-vcpus.xml: half of them,
 * twice as slow, so a mean cost of 1.5 times the fast one): one worker runs
 * at the mean cost; of four started together, the last to start ends with
 * the expected slowest of four draws, 1 + (1 - 0.5^4) = 1.9375 times the
 * fast cost, 1.2917 times the mean; Python code and NumPy's Generator are
 * slowed, sha256 is not, and threads under the GIL run one at a time, so
 * one draw at a time. */
static void
test_slow_vcpus (void)
{
  GilsimPoint one, four;
  point_run (&one, "tests/data/slow_vcpus.gil", "N=1");
  point_run (&four, "tests/data/slow_vcpus.gil", "N=4");
  static const char *const kinds[] = { "proc-0", "rng-0", "sha-0", "gil-0" };
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_assert_cmpfloat_with_epsilon (span (gilsim_worker (one.res, kinds[k])), 0.1, 0.1 * 0.01);
  const double g4 = (1 + (1 - pow (0.5, 4))) / 1.5;
  static const char *const slowed[] = { "proc-", "rng-" };
  for (guint k = 0; k < 2; k++) {
    double last = 0, first = 1e9, end = 0;
    for (int i = 0; i < 4; i++) {
      g_autofree char *name = g_strdup_printf ("%s%d", slowed[k], i);
      JsonObject *w = gilsim_worker (four.res, name);
      last = MAX (last, span (w));
      first = MIN (first, span (w));
      end = MAX (end, gilsim_dbl (w, "end_s"));
    }
    g_assert_cmpfloat_with_epsilon (last, 0.1 * g4, 0.1 * g4 * 0.01);
    g_assert_cmpfloat_with_epsilon (first, 0.1, 0.1 * 0.01);
  }
  for (int i = 0; i < 4; i++) {
    g_autofree char *name = g_strdup_printf ("sha-%d", i);
    g_assert_cmpfloat_with_epsilon (span (gilsim_worker (four.res, name)), 0.1, 0.1 * 0.01);
  }
  /* four GIL threads: four mean-cost loops one after another */
  double start = 1e9, end = 0;
  for (int i = 0; i < 4; i++) {
    g_autofree char *name = g_strdup_printf ("gil-%d", i);
    JsonObject *w = gilsim_worker (four.res, name);
    start = MIN (start, gilsim_dbl (w, "start_s"));
    end = MAX (end, gilsim_dbl (w, "end_s"));
  }
  g_assert_cmpfloat (end - start, >, 0.4);
  g_assert_cmpfloat (end - start, <, 0.4 * 1.03);
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);
}

/* A lone fork against a row of forks: the first fork of each `start`
 * statement and of each pool pays process.fork.first (0.5 ms) on top of
 * process.fork.parent (1 ms); the next forks of the row only the parent's
 * part (tests/data/fork-first.xml). */
static void
test_first_fork (void)
{
  GilsimPoint one, four, pool4;
  point_run (&one, "tests/data/fork_first.gil", "N=1");
  point_run (&four, "tests/data/fork_first.gil", "N=4");
  gilsim_point_run (&pool4, "run", "tests/data/fork_first.gil", "-L", "N=4", "-L", "POOL=1",
                    NULL);
  /* the first child starts after the first fork and its extra, the next
   * one 1 ms later */
  double s1 = gilsim_dbl (gilsim_worker (four.res, "Process-1"), "start_s");
  double s2 = gilsim_dbl (gilsim_worker (four.res, "Process-2"), "start_s");
  double s4 = gilsim_dbl (gilsim_worker (four.res, "Process-4"), "start_s");
  g_assert_cmpfloat_with_epsilon (s1, 1.5e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (s2 - s1, 1e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (s4 - s1, 3e-3, 1e-9);
  /* the second statement's first fork pays the extra again: its first
   * child starts 1.5 ms after the first row's join */
  double joined = gilsim_dbl (gilsim_worker (four.res, "Process-4"), "end_s");
  double s5 = gilsim_dbl (gilsim_worker (four.res, "Process-5"), "start_s");
  g_assert_cmpfloat_with_epsilon (s5 - joined, 1.5e-3, 1e-9);
  /* a lone fork: the extra, the fork, the child's 2 ms start-up, its 1 ms
   * of work and 1 ms exit, twice; three more forks add 1 ms each */
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (one.res, "wall_s"), 2 * 5.5e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (four.res, "wall_s") - gilsim_dbl (one.res, "wall_s"),
                                  2 * 3e-3, 1e-9);
  /* a pool's row of forks: the same (its wall depends on which worker
   * takes which item) */
  double p1 = gilsim_dbl (gilsim_worker (pool4.res, "ForkPoolWorker-1"), "start_s");
  double p2 = gilsim_dbl (gilsim_worker (pool4.res, "ForkPoolWorker-2"), "start_s");
  g_assert_cmpfloat_with_epsilon (p1, 1.5e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (p2 - p1, 1e-3, 1e-9);
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);
  gilsim_point_clear (&pool4);
}

/* A lone thread start against a row: a thread started more than
 * os.idle_poll (2 ms) after its process's last start (the first of a row,
 * of a thread pool) waits thread.first (0.5 ms) for its vCPU before it
 * runs, and the parent's Thread.start() with it; the next threads of the
 * row start thread.start (1 ms) apart (tests/data/thread-first.xml). */
static void
test_first_thread (void)
{
  GilsimPoint one, four, pool4;
  point_run (&one, "tests/data/thread_first.gil", "N=1");
  point_run (&four, "tests/data/thread_first.gil", "N=4");
  gilsim_point_run (&pool4, "run", "tests/data/thread_first.gil", "-L", "N=4", "-L",
                    "POOL=1", NULL);
  /* the first thread waits for its vCPU; the parent's next start begins
   * when it has run, and the next threads wait for nothing */
  double s1 = gilsim_worker_dbl (&four, "Thread-1", "start_s");
  double s2 = gilsim_worker_dbl (&four, "Thread-2", "start_s");
  double s4 = gilsim_worker_dbl (&four, "Thread-4", "start_s");
  g_assert_cmpfloat_with_epsilon (s1, 1e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (s2 - s1, 1.5e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (s4 - s2, 2e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (gilsim_blocked_on (&four, "Thread-1", "its vCPU's wake-up"),
                                  0.5e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (gilsim_worker_dbl (&four, "Thread-2", "blocked_s"), 10e-3,
                                  1e-9);
  /* the second statement's first thread, started 10 ms after the first
   * row's last, waits again */
  g_assert_cmpfloat_with_epsilon (gilsim_blocked_on (&four, "Thread-5", "its vCPU's wake-up"),
                                  0.5e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (gilsim_worker_dbl (&four, "Thread-6", "blocked_s"), 10e-3,
                                  1e-9);
  /* a lone thread: its start, the wait, its 10 ms sleep, twice; three
   * more threads add a start each */
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (one.res, "wall_s"), 2 * 11.5e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (gilsim_dbl (four.res, "wall_s") - gilsim_dbl (one.res, "wall_s"),
                                  2 * 3e-3, 1e-9);
  /* a thread pool's first thread waits as well, its next ones do not */
  double p1 = gilsim_worker_dbl (&pool4, "ThreadPoolExecutor-0_0", "start_s");
  double p2 = gilsim_worker_dbl (&pool4, "ThreadPoolExecutor-0_1", "start_s");
  g_assert_cmpfloat_with_epsilon (p2 - p1, 1.5e-3, 1e-9);
  g_assert_cmpfloat_with_epsilon (gilsim_worker_dbl (&pool4, "ThreadPoolExecutor-0_1",
                                                     "blocked_s"), 10e-3, 1e-9);
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);
  gilsim_point_clear (&pool4);
}

/* On macOS (python.os darwin) processes start with spawn by default. */
static void
test_default_method_macos (void)
{
  GilsimPoint p;
  point_run (&p, "tests/data/default_method.gil", NULL);
  /* spawn's child start-up (100 ms of CPU), not fork's (1 ms) */
  g_assert_cmpfloat (gilsim_dbl (gilsim_worker (p.res, "Process-1"), "cpu_s"), >, 0.099);
  gilsim_point_clear (&p);
}

/* The log pipeline: json.loads and re.search keep the GIL, zlib.compress
 * releases it.  Four threads' parsing and searching run one after another
 * (at least four times one thread's), only the compressions overlap; a
 * thread inside a GIL-holding call delays even the main thread's next
 * start; without a GIL the four share the two cores. */
static void
test_log_pipeline (void)
{
  GilsimPoint one, four, free4;
  point_run (&one, "scenarios/resources/log_pipeline.gil", "N=1");
  point_run (&four, "scenarios/resources/log_pipeline.gil", "N=4");
  gilsim_point_run (&free4, "run", "scenarios/resources/log_pipeline.gil", "-L", "N=4",
                    "-r", "cpython-3.13t", NULL);
  const double batch = 4.0 * 1048576;
  const double held = batch * (28.8e-9 + 88.9e-9);  /* json + re: the laptop's costs */
  const double zlib = batch * 23.8e-9;
  JsonObject *t0 = gilsim_worker (one.res, "Thread-0");
  g_assert_cmpfloat_with_epsilon (span (t0), held + zlib, 1e-3);
  double w4 = gilsim_dbl (four.res, "wall_s");
  g_assert_cmpfloat (w4, >, 4 * held);
  g_assert_cmpfloat (w4, <, gilsim_dbl (four.res, "sequential_s"));
  g_assert_cmpfloat (w4, <, 4 * (held + zlib) + 0.2);
  /* the third thread starts after the first thread's GIL-holding calls */
  g_assert_cmpfloat (gilsim_dbl (gilsim_worker (four.res, "Thread-2"), "start_s"),
                     >, gilsim_dbl (t0, "start_s") + held);
  /* free-threaded: four batches on two cores, all started at once */
  double f4 = gilsim_dbl (free4.res, "wall_s");
  g_assert_cmpfloat (f4, <, 0.6 * w4);
  g_assert_cmpfloat (f4, >, 2 * (held + zlib));
  g_assert_cmpfloat (gilsim_dbl (gilsim_worker (free4.res, "Thread-3"), "start_s"), <, 0.2);
  gilsim_point_clear (&one);
  gilsim_point_clear (&four);
  gilsim_point_clear (&free4);
}

/* Same inputs, byte-identical outputs, with servers and pools too. */
static void
test_deterministic (void)
{
  const char *files[] = { "scenarios/resources/scraper.gil",
                          "scenarios/resources/process_pool.gil" };
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++) {
    GilsimRun a = gilsim_run_twice ("run", files[i], "--export-json", "-", NULL);
    gilsim_run_clear (&a);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/resources/slow-vcpus", test_slow_vcpus);
  g_test_add_func ("/resources/disk/shared", test_disk_shared);
  g_test_add_func ("/resources/disk/convoy", test_disk_convoy);
  g_test_add_func ("/resources/disk/latency", test_disk_latency);
  g_test_add_func ("/resources/disk/cache", test_disk_cache);
  g_test_add_func ("/resources/halt-wake", test_halt_wake);
  g_test_add_func ("/resources/network/scraper", test_scraper);
  g_test_add_func ("/resources/network/transfers", test_transfers);
  g_test_add_func ("/resources/disk/file-hashing", test_file_hashing);
  g_test_add_func ("/resources/memory/bus", test_memory_bus);
  g_test_add_func ("/resources/memory/faults", test_memory_faults);
  g_test_add_func ("/resources/pool/big-argument", test_process_pool);
  g_test_add_func ("/resources/native/threads", test_native_threads);
  g_test_add_func ("/resources/pool/default-method-macos", test_default_method_macos);
  g_test_add_func ("/resources/process/first-fork", test_first_fork);
  g_test_add_func ("/resources/thread/first-start", test_first_thread);
  g_test_add_func ("/resources/native/log-pipeline", test_log_pipeline);
  g_test_add_func ("/resources/deterministic", test_deterministic);
  return g_test_run ();
}
