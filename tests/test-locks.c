/* test-locks.c: threading.Lock as CPython has it.  A release frees the
 * lock and wakes one waiter; whoever asks first takes it, so the thread
 * that released it and asks again at once (it holds the GIL) usually
 * does.  Each test checks a figure worked out by hand in its scenario's
 * comments, from the JSON export. */
#include <math.h>
#include "run-gilsim.h"

/* The holder takes the lock back after each of its five releases; the
 * waiter gets it only after the last, one OS wake-up (the laptop's
 * gil.handoff_latency, 90 us) later, and was blocked all that time. */
static void
test_barging (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "tests/data/lock_barging.gil", NULL);
  JsonObject *holder = gilsim_worker (p.res, "Thread-1");
  JsonObject *other = gilsim_worker (p.res, "Thread-2");
  double released = gilsim_dbl (holder, "end_s");
  double got = gilsim_dbl (other, "end_s") - gilsim_dbl (other, "cpu_s");
  assert_near (got, (released + 90e-6), 5e-6);
  /* blocked from 1 ms (and its sleep's overhead) to the last release */
  g_assert_cmpfloat (gilsim_dbl (other, "blocked_s"), >, 0.049);
  gilsim_point_clear (&p);
}

/* Two threads incrementing a counter under a lock run as fast as one
 * after the other, with a handful of GIL switches: no convoy. */
static void
test_counter (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "tests/data/lock_counter.gil", NULL);
  double wall = gilsim_dbl (p.res, "wall_s");
  double seq = gilsim_dbl (p.res, "sequential_s");
  g_assert_cmpfloat (wall / seq, <, 1.05);
  g_assert_cmpfloat (wall / seq, >, 0.95);
  g_assert_cmpfloat (gilsim_dbl (p.res, "gil_switches"), <, 20);
  gilsim_point_clear (&p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/locks/barging", test_barging);
  g_test_add_func ("/locks/counter", test_counter);
  return g_test_run ();
}
