/* test-sync.c: Python's synchronisation objects (queue.Queue, Event,
 * Condition, Semaphore, BoundedSemaphore, Barrier, RLock, timeouts).  Each
 * test runs an example of scenarios/sync/ and checks its prediction, and
 * the blocked time of the per-worker table, against the figures worked
 * out by hand in the file's comments, within the tolerance stated here
 * (the hand figures leave out GIL hand-overs and thread starts, under a
 * millisecond in all). */
#include "run-gilsim.h"

static void
run (GilsimPoint *p, const char *name)
{
  g_autofree char *path = g_strdup_printf ("scenarios/sync/%s.gil", name);
  gilsim_point_run (p, "run", path, NULL);
}

/* 100 items 10 ms apart, four consumers of 30 ms each: they keep up, so
 * the program lasts the producer's sleeps plus the last item's 30 ms. */
static void
test_queue_workers (void)
{
  GilsimPoint p;
  run (&p, "queue_workers");
  assert_near (gilsim_dbl (p.res, "wall_s"), 1.039, 0.005);
  /* one after another, the 100 items' I/O alone takes 3 s */
  g_assert_cmpfloat (gilsim_dbl (p.res, "sequential_s"), >, 3.0);
  /* consumers wait with the GIL released: blocked nearly all the time,
   * and no GIL wait to speak of */
  for (int k = 1; k <= 4; k++) {
    g_autofree char *w = g_strdup_printf ("Thread-%d", k);
    g_assert_cmpfloat (gilsim_worker_dbl (&p, w, "blocked_s"), >, 0.99);
    g_assert_cmpfloat (gilsim_worker_dbl (&p, w, "gil_wait_s"), <, 0.005);
  }
  gilsim_point_clear (&p);
}

/* maxsize=2: the consumer's pace, 20 x 20.088 ms after its first get at
 * 3.2 ms; the producer is blocked in put for the rest. */
static void
test_queue_bounded (void)
{
  GilsimPoint p;
  run (&p, "queue_bounded");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.405, 0.002);
  assert_near (gilsim_worker_dbl (&p, "producer", "end_s"), 0.345, 0.002);
  assert_near (gilsim_worker_dbl (&p, "producer", "blocked_s"), 0.325, 0.003);
  assert_near (gilsim_worker_dbl (&p, "producer", "cpu_s"), 0.020, 0.0005);
  gilsim_point_clear (&p);
}

/* Queue.join returns when the last of 20 items is marked done: four
 * consumers, 5 x 10 ms each, in parallel. */
static void
test_queue_join (void)
{
  GilsimPoint p;
  run (&p, "queue_join");
  assert_near (gilsim_print_time (&p, "all done"), 0.051, 0.001);
  assert_near (gilsim_worker_dbl (&p, "MainThread", "blocked_s"), 0.0506, 0.001);
  /* one consumer after another: 20 x 10.088 ms */
  assert_near (gilsim_dbl (p.res, "sequential_s"), 0.2018, 0.002);
  gilsim_point_clear (&p);
}

/* Each round lasts as long as its slowest thread: 5 x 40 ms.  The fastest
 * waits 30 ms a round at the barrier, the slowest never. */
static void
test_barrier (void)
{
  GilsimPoint p;
  run (&p, "barrier");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.200, 0.002);
  assert_near (gilsim_worker_dbl (&p, "Thread-1", "blocked_s"), 0.150, 0.002);
  assert_near (gilsim_worker_dbl (&p, "Thread-2", "blocked_s"), 0.100, 0.002);
  g_assert_cmpfloat (gilsim_worker_dbl (&p, "Thread-4", "blocked_s"), <, 0.001);
  /* the sequential run: the threads one after another, the barrier does
   * not hold them: (10 + 20 + 30 + 40) ms x 5 */
  assert_near (gilsim_dbl (p.res, "sequential_s"), 0.500, 0.002);
  gilsim_point_clear (&p);
}

/* set at 100 ms releases three workers, whose 3 x 10 ms of Python share
 * the GIL; a wait with a timeout of 50 ms gives up at 50 ms. */
static void
test_event (void)
{
  GilsimPoint p;
  run (&p, "event");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.130, 0.002);
  assert_near (gilsim_print_time (&p, "done waiting"), 0.050, 0.001);
  for (int k = 1; k <= 3; k++) {
    g_autofree char *w = g_strdup_printf ("Thread-%d", k);
    assert_near (gilsim_worker_dbl (&p, w, "blocked_s"), 0.100, 0.001);
  }
  assert_near (gilsim_worker_dbl (&p, "impatient", "blocked_s"), 0.050, 0.0005);
  gilsim_point_clear (&p);
}

/* notify wakes the longest waiter (Thread-1) at 50 ms, notify_all the
 * other two at 100 ms. */
static void
test_condition (void)
{
  GilsimPoint p;
  run (&p, "condition");
  assert_near (gilsim_worker_dbl (&p, "Thread-1", "end_s"), 0.055, 0.001);
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.110, 0.002);
  assert_near (gilsim_worker_dbl (&p, "Thread-2", "blocked_s"), 0.100, 0.001);
  /* one after another, the second waiter would wait for a notify that
   * has already happened: that run deadlocks, so there is no sequential
   * time, and the prediction stands */
  g_assert_true (json_node_is_null (json_object_get_member (p.res, "sequential_s")));
  gilsim_point_clear (&p);
}

/* Semaphore(2): six 100 ms downloads in three waves. */
static void
test_semaphore (void)
{
  GilsimPoint p;
  run (&p, "semaphore");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.301, 0.002);
  assert_near (gilsim_worker_dbl (&p, "d0", "blocked_s"), 0.100, 0.001);
  assert_near (gilsim_worker_dbl (&p, "d2", "blocked_s"), 0.200, 0.001);
  assert_near (gilsim_worker_dbl (&p, "d5", "blocked_s"), 0.300, 0.001);
  gilsim_point_clear (&p);
}

/* BoundedSemaphore(3): nine 50 ms queries in three rounds. */
static void
test_bounded_semaphore (void)
{
  GilsimPoint p;
  run (&p, "bounded_semaphore");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.151, 0.002);
  assert_near (gilsim_worker_dbl (&p, "q0", "blocked_s"), 0.050, 0.001);
  assert_near (gilsim_worker_dbl (&p, "q8", "blocked_s"), 0.150, 0.001);
  gilsim_point_clear (&p);
}

/* RLock: the owner re-enters (a Lock would deadlock); the four threads
 * hold it one after another, 3.088 ms each. */
static void
test_rlock (void)
{
  GilsimPoint p;
  run (&p, "rlock");
  assert_near (gilsim_dbl (p.res, "wall_s"), 0.0127, 0.0005);
  /* Thread-4 waits for the three others (about 9.2 ms), then sleeps 2.1 */
  assert_near (gilsim_worker_dbl (&p, "Thread-4", "blocked_s"), 0.0113, 0.0005);
  gilsim_point_clear (&p);
}

/* Lock.acquire(timeout=0.05), Queue.get(timeout=0.03) and
 * join(timeout=0.1) give up and go on; the program still waits for the
 * slow thread. */
static void
test_timeouts (void)
{
  GilsimPoint p;
  run (&p, "timeouts");
  assert_near (gilsim_print_time (&p, "stopped trying"), 0.0511, 0.0005);
  assert_near (gilsim_print_time (&p, "queue empty"), 0.0303, 0.0005);
  assert_near (gilsim_print_time (&p, "stopped waiting for slow"), 0.1511, 0.0005);
  assert_near (gilsim_dbl (p.res, "wall_s"), 1.0001, 0.001);
  assert_near (gilsim_worker_dbl (&p, "try_lock", "blocked_s"), 0.051, 0.0005);
  gilsim_point_clear (&p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/queue-workers", test_queue_workers);
  g_test_add_func ("/sync/queue-bounded", test_queue_bounded);
  g_test_add_func ("/sync/queue-join", test_queue_join);
  g_test_add_func ("/sync/barrier", test_barrier);
  g_test_add_func ("/sync/event", test_event);
  g_test_add_func ("/sync/condition", test_condition);
  g_test_add_func ("/sync/semaphore", test_semaphore);
  g_test_add_func ("/sync/bounded-semaphore", test_bounded_semaphore);
  g_test_add_func ("/sync/rlock", test_rlock);
  g_test_add_func ("/sync/timeouts", test_timeouts);
  return g_test_run ();
}
