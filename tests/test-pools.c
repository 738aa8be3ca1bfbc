/* test-pools.c: pools that hand out work as workers free up, what passes
 * between processes, put_nowait/get_nowait and barrier timeouts.  Each test runs an example of scenarios/pools/
 * (scenarios/ipc/, scenarios/sync/) and checks its prediction against the figures worked
 * out by hand in the file's comments, within the tolerance stated here
 * (the hand figures leave out GIL hand-overs, under a millisecond). */
#include <string.h>
#include "run-gilsim.h"
#include "lang/scenario.h"

static void
run (GilsimPoint *p, const char *path)
{
  gilsim_point_run (p, "run", path, NULL);
}

/* Pool.map's default chunks put both slow items on one worker: 0.2047 s
 * (the first fork pays process.fork.first); the other computes 80 ms and
 * ends at 86 ms. */
static void
test_pool_map (void)
{
  GilsimPoint p;
  run (&p, "scenarios/pools/pool_map.gil");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.2047, 0.001);
  assert_near (gilsim_worker_dbl (&p, "ForkPoolWorker-1", "cpu_s"), 0.200, 0.0005);
  assert_near (gilsim_worker_dbl (&p, "ForkPoolWorker-2", "cpu_s"), 0.080, 0.0005);
  assert_near (gilsim_worker_dbl (&p, "ForkPoolWorker-2", "end_s"), 0.0860, 0.001);
  gilsim_point_clear (&p);
}

/* One item a task, to the first free worker: 140 ms of work each, the
 * program ends at WALL, when SECOND ends. */
static void
check_one_at_a_time (const char *path, const char *first, const char *second,
                     double wall)
{
  GilsimPoint p;
  run (&p, path);
  assert_near (gilsim_dbl (p.res, "wall_s"), wall, 0.001);
  assert_near (gilsim_worker_dbl (&p, first, "cpu_s"), 0.140, 0.0005);
  assert_near (gilsim_worker_dbl (&p, second, "cpu_s"), 0.140, 0.0005);
  assert_near (gilsim_worker_dbl (&p, second, "end_s"), wall, 0.001);
  gilsim_point_clear (&p);
}

static void
test_imap_unordered (void)
{
  check_one_at_a_time ("scenarios/pools/imap_unordered.gil", "ForkPoolWorker-1",
                       "ForkPoolWorker-2", 0.1460);
}

/* as imap_unordered, each result pickled and sent back: 3 us more a call */
static void
test_apply_async (void)
{
  check_one_at_a_time ("scenarios/pools/apply_async.gil", "ForkPoolWorker-1",
                       "ForkPoolWorker-2", 0.1461);
}

/* ProcessPoolExecutor.map with fork: as imap_unordered, its processes
 * named ForkProcess-N */
static void
test_executor_map (void)
{
  check_one_at_a_time ("scenarios/pools/executor_map.gil", "ForkProcess-1",
                       "ForkProcess-2", 0.1460);
}

/* submit with spawn: 77.3 ms of start-up and 11 ms of exit a process */
static void
test_executor_submit (void)
{
  GilsimPoint p;
  run (&p, "scenarios/pools/executor_submit.gil");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.2302, 0.001);
  assert_near (gilsim_worker_dbl (&p, "SpawnProcess-2", "cpu_s"), 0.2283, 0.0005);
  assert_near (gilsim_worker_dbl (&p, "SpawnProcess-1", "cpu_s"), 0.2283, 0.0005);
  gilsim_point_clear (&p);
}

/* A multiprocessing.Queue: the consumer's pace, 22 ms an item after the
 * first item arrives at 14.74 ms. */
static void
test_process_queue (void)
{
  GilsimPoint p;
  run (&p, "scenarios/ipc/process_queue.gil");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.2342, 0.001);
  assert_near (gilsim_worker_dbl (&p, "consumer", "cpu_s"), 0.210, 0.0005);
  assert_near (gilsim_worker_dbl (&p, "QueueFeederThread-1", "cpu_s"), 0.010, 0.0005);
  /* the consumer waits for item 1 (2.96 to 12.65 ms), then reads 10 x 1 ms */
  assert_near (gilsim_blocked_on (&p, "consumer", "process queue jobs"), 0.0197, 0.0005);
  gilsim_point_clear (&p);
}

/* maxsize=2 across processes: the consumer's pace, 20.125 ms an item; the
 * producer waits in put until get 8 frees a slot. */
static void
test_process_queue_bounded (void)
{
  GilsimPoint p;
  run (&p, "scenarios/ipc/process_queue_bounded.gil");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.2075, 0.0005);
  assert_near (gilsim_print_time (&p, "last put"), 0.1456, 0.0005);
  assert_near (gilsim_blocked_on (&p, "MainThread", "process queue jobs"), 0.1341, 0.0005);
  gilsim_point_clear (&p);
}

/* A pipe: five 10 MB messages, 50 ms a message at the reader; the sender
 * waits 170 ms in all for the reader to read. */
static void
test_pipe (void)
{
  GilsimPoint p;
  run (&p, "scenarios/ipc/pipe.gil");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.2630, 0.001);
  assert_near (gilsim_worker_dbl (&p, "worker", "cpu_s"), 0.200, 0.0005);
  assert_near (gilsim_blocked_on (&p, "MainThread", "a reader of pipe results"), 0.1701,
               0.0005);
  /* the worker waits for message 1 (2.96 to 11.50 ms), then reads 5 x 10 ms */
  assert_near (gilsim_blocked_on (&p, "worker", "pipe results"), 0.0585, 0.0005);
  gilsim_point_clear (&p);
}

/* put_nowait drops 7 of 10 items; the consumer's fourth get times out:
 * 0.1107 s, 30.1 ms blocked in get. */
static void
test_queue_nowait (void)
{
  GilsimPoint p;
  run (&p, "scenarios/sync/queue_nowait.gil");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.1107, 0.0005);
  assert_near (gilsim_blocked_on (&p, "consumer", "queue jobs"), 0.0301, 0.0005);
  /* the try blocks: items 3 to 9 raise queue.Full, the fourth get
   * queue.Empty when it gives up */
  JsonArray *prints = json_object_get_array_member (p.res, "prints");
  guint dropped = 0;
  for (guint i = 0; i < json_array_get_length (prints); i++)
    if (g_str_has_prefix (json_object_get_string_member (
            json_array_get_object_element (prints, i), "text"), "dropped "))
      dropped++;
  g_assert_cmpuint (dropped, ==, 7);
  assert_near (gilsim_print_time (&p, "dropped 3"), 0.0034, 0.0002);
  assert_near (gilsim_print_time (&p, "no item"), 0.0906, 0.0005);
  gilsim_point_clear (&p);
}

/* A barrier wait that times out breaks the barrier: fast and mid end at
 * 70.3 and 80.4 ms instead of waiting for slow's 200 ms. */
static void
test_barrier_timeout (void)
{
  GilsimPoint p;
  run (&p, "scenarios/sync/barrier_timeout.gil");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.2005, 0.0005);
  assert_near (gilsim_worker_dbl (&p, "fast", "end_s"), 0.0703, 0.0005);
  assert_near (gilsim_worker_dbl (&p, "mid", "end_s"), 0.0804, 0.0005);
  assert_near (gilsim_blocked_on (&p, "fast", "barrier b"), 0.050, 0.0005);
  assert_near (gilsim_blocked_on (&p, "mid", "barrier b"), 0.0401, 0.0005);
  /* BrokenBarrierError, caught: at the break, then at once for slow */
  assert_near (gilsim_print_time (&p, "fast: broken"), 0.0602, 0.0005);
  assert_near (gilsim_print_time (&p, "mid: broken"), 0.0603, 0.0005);
  assert_near (gilsim_print_time (&p, "slow: broken"), 0.1004, 0.0005);
  gilsim_point_clear (&p);
}

/* The words after `pool N processes|threads` choose the call; the
 * statements between processes parse into their ops and sizes. */
static void
test_parse (void)
{
  const char *src =
    "process_queue jobs maxsize 4\n"
    "pipe results\n"
    "def w(k):\n"
    "    put jobs 1MB timeout 1s\n"
    "    get_nowait jobs\n"
    "    send 2MB to results\n"
    "    recv results\n"
    "pool 4 processes map w(i) over 8 items\n"
    "pool 4 processes imap_unordered w(i) over 8 items chunksize 2\n"
    "pool 4 processes apply_async w(i) over 8 items\n"
    "pool 4 processes executor map w(i) over 8 items\n"
    "pool 4 processes submit w(i) over 8 items\n"
    "pool 4 processes executor submit w(i) over 8 items\n"
    "pool 4 threads submit w(i) over 8 items\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = gs_scenario_parse ("t.gil", src, strlen (src), &error);
  g_assert_no_error (error);
  static const GsPoolCall want[] = {
    GS_POOL_MAP, GS_POOL_IMAP_UNORDERED, GS_POOL_APPLY_ASYNC, GS_POOL_EXECUTOR_MAP,
    GS_POOL_EXECUTOR_SUBMIT, GS_POOL_EXECUTOR_SUBMIT, GS_POOL_EXECUTOR_SUBMIT,
  };
  g_assert_cmpuint (sc->main->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    g_assert_cmpint (((GsStmt *) sc->main->pdata[i])->pool_call, ==, want[i]);
  g_assert_nonnull (((GsStmt *) sc->main->pdata[1])->chunksize);
  g_assert_cmpint (gs_scenario_sync (sc, "jobs")->kind, ==, GS_SYNC_PROCESS_QUEUE);
  g_assert_cmpint (gs_scenario_sync (sc, "results")->kind, ==, GS_SYNC_PIPE);
  const GsFunc *f = gs_scenario_func (sc, "w");
  const GsStmt *put = f->body->pdata[0], *get = f->body->pdata[1];
  const GsStmt *send = f->body->pdata[2], *recv = f->body->pdata[3];
  g_assert_cmpint (put->sync_op, ==, GS_SYNC_PUT);
  g_assert_nonnull (put->e2);   /* the size */
  g_assert_nonnull (put->e1);   /* the timeout */
  g_assert_cmpint (get->sync_op, ==, GS_SYNC_GET_NOWAIT);
  g_assert_cmpint (send->kind, ==, GS_STMT_SEND);
  g_assert_cmpstr (send->name, ==, "results");
  g_assert_cmpint (recv->sync_op, ==, GS_SYNC_RECV);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pools/parse", test_parse);
  g_test_add_func ("/pools/pool-map", test_pool_map);
  g_test_add_func ("/pools/imap-unordered", test_imap_unordered);
  g_test_add_func ("/pools/apply-async", test_apply_async);
  g_test_add_func ("/pools/executor-map", test_executor_map);
  g_test_add_func ("/pools/executor-submit", test_executor_submit);
  g_test_add_func ("/ipc/process-queue", test_process_queue);
  g_test_add_func ("/ipc/process-queue-bounded", test_process_queue_bounded);
  g_test_add_func ("/ipc/pipe", test_pipe);
  g_test_add_func ("/sync/queue-nowait", test_queue_nowait);
  g_test_add_func ("/sync/barrier-timeout", test_barrier_timeout);
  return g_test_run ();
}
