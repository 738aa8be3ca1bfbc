/* test-gil-slack.c: the new GIL's timed waits as the OS makes them (timer
 * slack, ready waiters, the CPU of wake-ups), driven without SimGrid. */
#include <float.h>
#include <glib.h>
#include "gil.h"
#include "wakeshare.h"

#define LAT 100e-6   /* hand-off latency of a waiter whose core sleeps */
#define WAKE 3e-6    /* a ready waiter's wake-up */

static GsGil *
new_gil (double interval, double slack, double idle_poll)
{
  GsGilConfig c = { GS_GIL_NEW, interval, LAT, 1.0, 0.9, 7 };
  c.timer_slack = slack;
  c.idle_poll = idle_poll;
  c.wakeup_cost = WAKE;
  return gs_gil_new (&c);
}

/* A holds the GIL from 0; B asks at 0.  Returns the time of the drop
 * request B sets, after checking that nothing happens a moment before. */
static double
drop_request_time (GsGil *g)
{
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, a, 0.0));
  g_assert_false (gs_gil_request (g, b, 0.0));
  double when = gs_gil_next_event (g);
  gs_gil_advance (g, when - 1e-9);
  g_assert_false (gs_gil_drop_requested (g));
  gs_gil_advance (g, when);
  g_assert_true (gs_gil_drop_requested (g));
  GsGilAction act;
  g_assert_true (gs_gil_pop_action (g, &act));
  g_assert_cmpint (act.kind, ==, GS_GIL_INTERRUPT);
  g_assert_cmpint (act.tid, ==, a);
  return act.time;
}

/* A 1 us interval under Linux's 50 us timer slack: the timed wait lasts
 * the slack. */
static void
test_slack_floors_the_wait (void)
{
  g_autoptr (GsGil) g = new_gil (1e-6, 50e-6, 0);
  g_assert_cmpfloat_with_epsilon (gs_gil_wait_period (g), 50e-6, 1e-15);
  g_assert_cmpfloat_with_epsilon (drop_request_time (g), 50e-6, 1e-15);
}

/* Without slack the interval stands. */
static void
test_no_slack (void)
{
  g_autoptr (GsGil) g = new_gil (1e-6, 0, 0);
  g_assert_cmpfloat_with_epsilon (drop_request_time (g), 1e-6, 1e-15);
}

/* An interval longer than the slack is not changed by it. */
static void
test_slack_below_interval (void)
{
  g_autoptr (GsGil) g = new_gil (5e-3, 50e-6, 0);
  g_assert_false (gs_gil_ready (g));
  g_assert_cmpfloat_with_epsilon (drop_request_time (g), 5e-3, 1e-15);
}

/* A waiter whose timed waits (the 50 us slack) are within idle_poll is
 * ready: it asks for the drop one wake-up after its time-out, and once
 * signalled takes the GIL one wake-up later, not a hand-off latency. */
static void
test_ready_waiter_wakes_fast (void)
{
  g_autoptr (GsGil) g = new_gil (1e-6, 50e-6, 1e-3);
  g_assert_true (gs_gil_ready (g));
  double t = drop_request_time (g);
  g_assert_cmpfloat_with_epsilon (t, 50e-6 + WAKE, 1e-15);
  g_assert_cmpint (gs_gil_release (g, 0, t, TRUE), ==, GS_GIL_MUST_WAIT);
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), t + WAKE, 1e-15);
  gs_gil_advance (g, t + WAKE);
  GsGilAction act;
  g_assert_true (gs_gil_pop_action (g, &act));
  g_assert_cmpint (act.kind, ==, GS_GIL_GRANT);
  g_assert_cmpint (act.tid, ==, 1);
  g_assert_cmpfloat_with_epsilon (act.time, t + WAKE, 1e-15);
}

/* A waiter whose timed waits are longer than idle_poll sleeps deeply: the
 * hand-off latency applies, as without idle_poll. */
static void
test_sleeping_waiter_wakes_slowly (void)
{
  g_autoptr (GsGil) g = new_gil (5e-3, 50e-6, 1e-3);
  g_assert_false (gs_gil_ready (g));
  double t = drop_request_time (g);
  g_assert_cmpfloat_with_epsilon (t, 5e-3, 1e-15);
  gs_gil_release (g, 0, t, TRUE);
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), t + LAT, 1e-15);
}

/* Each waiter's timed wake-ups use wakeup_cost per wait period of a core. */
static void
test_waiter_load (void)
{
  g_autoptr (GsGil) ready = new_gil (1e-6, 0, 1e-3);
  g_assert_cmpfloat_with_epsilon (gs_gil_waiter_load (ready), WAKE / (1e-6 + WAKE), 1e-12);
  g_autoptr (GsGil) floored = new_gil (1e-6, 50e-6, 1e-3);
  g_assert_cmpfloat_with_epsilon (gs_gil_waiter_load (floored), WAKE / (50e-6 + WAKE), 1e-12);
  g_autoptr (GsGil) slow = new_gil (5e-3, 50e-6, 1e-3);
  g_assert_cmpfloat_with_epsilon (gs_gil_waiter_load (slow), WAKE / 5e-3, 1e-12);
  GsGilConfig c = { GS_GIL_OLD, 1e-6, 0, 1.0, 0.9, 7 };
  c.wakeup_cost = WAKE;
  g_autoptr (GsGil) old = gs_gil_new (&c);
  g_assert_cmpfloat (gs_gil_waiter_load (old), ==, 0);
  g_assert_cmpfloat (gs_gil_wait_period (old), ==, 0);
}

/* New GIL: waiters that fit on the spare cores cost the holder nothing;
 * beyond, they and the holder share the cores. */
static void
test_share_new (void)
{
  /* 1 waiter at 75 % of a core beside the holder on 2 cores: fits */
  g_assert_cmpfloat (gs_wakeshare_new (2, 0, 1, 0.75), ==, 1);
  /* 7 waiters at 75 %: each gets the fair 2/8 of a core, so does the holder */
  g_assert_cmpfloat_with_epsilon (gs_wakeshare_new (2, 0, 7, 0.75), 0.25, 1e-12);
  /* 7 waiters at 10 %: 0.7 of a core, they fit beside the holder */
  g_assert_cmpfloat (gs_wakeshare_new (2, 0, 7, 0.1), ==, 1);
  /* 7 waiters at 20 %: 1.4 cores, under their fair share each; the holder
   * gets what is left, 0.6 */
  g_assert_cmpfloat_with_epsilon (gs_wakeshare_new (2, 0, 7, 0.2), 0.6, 1e-12);
  /* 16 cores hold 7 such waiters and 2 other executions with room to spare */
  g_assert_cmpfloat (gs_wakeshare_new (16, 2, 7, 0.75), ==, 1);
  g_assert_cmpfloat (gs_wakeshare_new (2, 0, 0, 0.75), ==, 1);
}

/* Old GIL on 2 cores: 1 or 2 waiters stay on the spare core (the holder
 * keeps its own); 3 and more spread over both cores, and the share stops
 * falling once the releases' wake-ups (3 us each, one per 1.5 us) are
 * all taken up.  On 16 cores, 15 waiters fit. */
static void
test_share_old (void)
{
  double between = 1.5e-6, wake = 3e-6;
  g_assert_cmpfloat (gs_wakeshare_old (2, 0, 1, wake, between), ==, 1);
  g_assert_cmpfloat (gs_wakeshare_old (2, 0, 2, wake, between), ==, 1);
  double s3 = gs_wakeshare_old (2, 0, 3, wake, between);
  g_assert_cmpfloat_with_epsilon (s3, 2.0 / 3.0, 1e-12);
  g_assert_cmpfloat (gs_wakeshare_old (2, 0, 15, wake, between), ==, s3);
  /* fewer wake-ups per release: less taken */
  g_assert_cmpfloat (gs_wakeshare_old (2, 0, 3, wake / 4, between), >, s3);
  g_assert_cmpfloat (gs_wakeshare_old (16, 0, 15, wake, between), ==, 1);
  g_assert_cmpfloat (gs_wakeshare_old (2, 0, 15, 0, between), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gil-slack/slack-floors-the-wait", test_slack_floors_the_wait);
  g_test_add_func ("/gil-slack/no-slack", test_no_slack);
  g_test_add_func ("/gil-slack/slack-below-interval", test_slack_below_interval);
  g_test_add_func ("/gil-slack/ready-waiter-wakes-fast", test_ready_waiter_wakes_fast);
  g_test_add_func ("/gil-slack/sleeping-waiter-wakes-slowly", test_sleeping_waiter_wakes_slowly);
  g_test_add_func ("/gil-slack/waiter-load", test_waiter_load);
  g_test_add_func ("/gil-slack/share-new", test_share_new);
  g_test_add_func ("/gil-slack/share-old", test_share_old);
  return g_test_run ();
}
