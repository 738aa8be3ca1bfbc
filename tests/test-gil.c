/* test-gil.c: the GIL state machine, driven without SimGrid. */
#include <float.h>
#include <math.h>
#include <glib.h>
#include "gil.h"

#define SI 0.005
#define LAT 0.0001

static GsGil *
new_gil (GsGilKind kind, double fifo)
{
  GsGilConfig c = { kind, SI, LAT, fifo, 0.9, 42 };
  return gs_gil_new (&c);
}

static gboolean
pop (GsGil *g, GsGilActionKind kind, int tid, double *time)
{
  GsGilAction a;
  if (!gs_gil_pop_action (g, &a))
    return FALSE;
  if (time)
    *time = a.time;
  return a.kind == kind && a.tid == tid;
}

static void
test_free_gil_is_taken_at_once (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 0.55);
  int a = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, a, 0.0));
  g_assert_cmpint (gs_gil_holder (g), ==, a);
  g_assert_cmpfloat (gs_gil_next_event (g), ==, DBL_MAX);
  GsGilAction act;
  g_assert_false (gs_gil_pop_action (g, &act));
}

static void
test_drop_request_after_one_interval (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 0.55);
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, a, 0.0));
  g_assert_false (gs_gil_request (g, b, 0.001));
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), 0.001 + SI, 1e-12);
  gs_gil_advance (g, 0.003);
  g_assert_false (gs_gil_drop_requested (g));
  gs_gil_advance (g, 0.001 + SI);
  g_assert_true (gs_gil_drop_requested (g));
  double t = 0;
  g_assert_true (pop (g, GS_GIL_INTERRUPT, a, &t));
  g_assert_cmpfloat_with_epsilon (t, 0.006, 1e-12);
  GsGilThreadStats st = gs_gil_thread_stats (g, b, 0.006);
  g_assert_cmpuint (st.drop_requests, ==, 1);
}

static void
test_forced_switching (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 0.55);
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  gs_gil_request (g, a, 0.0);
  gs_gil_request (g, b, 0.0);
  gs_gil_advance (g, SI);
  g_assert_true (pop (g, GS_GIL_INTERRUPT, a, NULL));
  /* the holder drops and must wait for the switch */
  g_assert_cmpint (gs_gil_release (g, a, SI, TRUE), ==, GS_GIL_MUST_WAIT);
  g_assert_cmpint (gs_gil_holder (g), ==, -1);
  /* the woken waiter holds it one hand-off latency later */
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), SI + LAT, 1e-12);
  gs_gil_advance (g, SI + LAT);
  double t = 0;
  g_assert_true (pop (g, GS_GIL_GRANT, b, &t));
  g_assert_cmpfloat_with_epsilon (t, SI + LAT, 1e-12);
  g_assert_cmpint (gs_gil_holder (g), ==, b);
  g_assert_cmpuint (gs_gil_switches (g), ==, 1);
  /* a waits again, from the switch on: its drop request comes an interval later */
  g_assert_false (gs_gil_drop_requested (g));
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), SI + LAT + SI, 1e-12);
  gs_gil_advance (g, 2 * SI + LAT + 1e-12);
  g_assert_true (pop (g, GS_GIL_INTERRUPT, b, NULL));
  GsGilThreadStats sa = gs_gil_thread_stats (g, a, 2 * SI + LAT);
  g_assert_cmpfloat_with_epsilon (sa.wait_s, SI + LAT, 1e-12);
}

static void
test_switch_during_wait_gives_another_interval (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 1.0);
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g), c = gs_gil_add_thread (g);
  gs_gil_request (g, a, 0.0);
  gs_gil_request (g, b, 0.0);
  gs_gil_request (g, c, 0.002);
  gs_gil_advance (g, SI);                  /* b's timeout: drop request */
  g_assert_true (pop (g, GS_GIL_INTERRUPT, a, NULL));
  gs_gil_release (g, a, SI, TRUE);
  gs_gil_advance (g, SI + LAT);            /* b (longest waiter) takes it */
  g_assert_true (pop (g, GS_GIL_GRANT, b, NULL));
  /* c timed out at 0.007: a switch happened meanwhile, so no request */
  gs_gil_advance (g, 0.002 + SI);
  g_assert_false (gs_gil_drop_requested (g));
  GsGilAction act;
  g_assert_false (gs_gil_pop_action (g, &act));
  /* its next timeout is a full interval later */
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), SI + LAT + SI, 1e-12);
}

/* The next event is never in the past.  A holder that drops the GIL and
 * takes it back before the woken waiter runs makes no switch, so the last
 * switch can lie far back; the waiter's wake-up still lies ahead, and an
 * engine waiting for the next event must not be told a time already gone
 * (it would spin in steps of a nanosecond). */
static void
test_next_event_never_in_the_past (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 0.55);
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, a, 0.0));
  /* b asks long after the last switch; a drops the GIL before b's time-out
   * and takes it back before b, woken, runs */
  double now = 4 * SI;
  g_assert_false (gs_gil_request (g, b, now));
  g_assert_cmpint (gs_gil_release (g, a, now + SI / 2, FALSE), ==, GS_GIL_DROPPED);
  now += SI / 2 + LAT / 2;
  g_assert_true (gs_gil_request (g, a, now));
  g_assert_cmpint (gs_gil_holder (g), ==, a);
  g_assert_false (gs_gil_drop_requested (g));
  g_assert_cmpfloat (gs_gil_next_event (g), >, now);
}

static void
test_voluntary_release_no_forced_wait (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 0.55);
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  gs_gil_request (g, a, 0.0);
  gs_gil_request (g, b, 0.0);
  g_assert_cmpint (gs_gil_release (g, a, 0.001, FALSE), ==, GS_GIL_DROPPED);
  gs_gil_advance (g, 0.001 + LAT);
  g_assert_true (pop (g, GS_GIL_GRANT, b, NULL));
}

static void
test_forced_release_for_io_resumes_after_switch (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 0.55);
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  gs_gil_request (g, a, 0.0);
  gs_gil_request (g, b, 0.0);
  gs_gil_advance (g, SI);
  g_assert_true (pop (g, GS_GIL_INTERRUPT, a, NULL));
  /* a reaches a blocking call with the request pending: forced switching */
  g_assert_cmpint (gs_gil_release (g, a, SI, FALSE), ==, GS_GIL_MUST_WAIT);
  gs_gil_advance (g, SI + LAT);
  g_assert_true (pop (g, GS_GIL_GRANT, b, NULL));
  g_assert_true (pop (g, GS_GIL_RESUME, a, NULL));
}

/* The convoy effect: a thread back from I/O waits a whole interval for a
 * CPU-bound holder before it may even ask it to drop. */
static void
test_convoy_delay (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 0.55);
  int cpu = gs_gil_add_thread (g), io = gs_gil_add_thread (g);
  gs_gil_request (g, cpu, 0.0);
  double back = 0.0123;
  g_assert_false (gs_gil_request (g, io, back));
  gs_gil_advance (g, back + SI - 1e-9);
  g_assert_false (gs_gil_drop_requested (g));
  gs_gil_advance (g, back + SI);
  g_assert_true (pop (g, GS_GIL_INTERRUPT, cpu, NULL));
  gs_gil_release (g, cpu, back + SI, TRUE);
  gs_gil_advance (g, back + SI + LAT);
  double t = 0;
  g_assert_true (pop (g, GS_GIL_GRANT, io, &t));
  g_assert_cmpfloat_with_epsilon (t - back, SI + LAT, 1e-12);
}

static void
test_running_thread_takes_free_gil_first (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 0.55);
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g), c = gs_gil_add_thread (g);
  gs_gil_request (g, a, 0.0);
  gs_gil_request (g, b, 0.0);
  gs_gil_release (g, a, 0.001, FALSE);   /* b is signalled */
  g_assert_true (gs_gil_request (g, c, 0.001 + LAT / 2)); /* c is running: wins */
  gs_gil_advance (g, 0.001 + LAT);
  GsGilAction act;
  g_assert_false (gs_gil_pop_action (g, &act));  /* b woke for nothing */
  g_assert_cmpint (gs_gil_holder (g), ==, c);
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), 0.001 + LAT + SI, 1e-12);
}

/* A drawn sample's hand-off latency (draw_latency) keeps the expected
 * one's mean: a waiter that began waiting LAT/4 before the release has not
 * gone to sleep, so it runs LAT/4 after it on average (never LAT or more),
 * each sample uniform on [LAT/8, 3 LAT/8]. */
static void
test_drawn_latency_mean (void)
{
  const double w = LAT / 4, at = 0.001 + w;
  double sum = 0;
  for (guint32 seed = 1; seed <= 400; seed++) {
    GsGilConfig c = { GS_GIL_NEW, SI, LAT, 0.55, 0.9, seed, 0, 0, 0, TRUE };
    g_autoptr (GsGil) g = gs_gil_new (&c);
    int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
    gs_gil_request (g, a, 0.0);
    gs_gil_request (g, b, 0.001);
    gs_gil_release (g, a, at, FALSE);
    gs_gil_advance (g, at + LAT * 2);
    double t = 0;
    g_assert_true (pop (g, GS_GIL_GRANT, b, &t));
    g_assert_cmpfloat (t - at, >=, w / 2 - 1e-12);
    g_assert_cmpfloat (t - at, <=, 1.5 * w + 1e-12);
    sum += t - at;
  }
  g_assert_cmpfloat (fabs (sum / 400 / w - 1), <, 0.05);
}

static void
test_no_gil (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NONE, 0.55);
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, a, 0.0));
  g_assert_true (gs_gil_request (g, b, 0.0));
  g_assert_cmpfloat (gs_gil_next_event (g), ==, DBL_MAX);
  g_assert_cmpint (gs_gil_release (g, a, 1.0, FALSE), ==, GS_GIL_DROPPED);
}

static void
test_fifo_bias_one_picks_longest_waiter (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 1.0);
  int a = gs_gil_add_thread (g);
  int w[4];
  gs_gil_request (g, a, 0.0);
  for (int i = 0; i < 4; i++) {
    w[i] = gs_gil_add_thread (g);
    gs_gil_request (g, w[i], 0.0001 * (i + 1));
  }
  gs_gil_release (g, a, 0.001, FALSE);
  gs_gil_advance (g, 0.001 + LAT);
  g_assert_true (pop (g, GS_GIL_GRANT, w[0], NULL));
}

static void
test_choices_are_deterministic (void)
{
  int picks[2][20];
  for (int run = 0; run < 2; run++) {
    g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 0.3);
    int n = 5;
    for (int i = 0; i < n; i++)
      gs_gil_add_thread (g);
    for (int i = 0; i < n; i++)
      gs_gil_request (g, i, 0.0);
    double t = 0;
    for (int k = 0; k < 20; k++) {
      int h = gs_gil_holder (g);
      t += 0.001;
      gs_gil_release (g, h, t, TRUE);
      t += LAT;
      gs_gil_advance (g, t);
      GsGilAction act;
      g_assert_true (gs_gil_pop_action (g, &act));
      g_assert_cmpint (act.kind, ==, GS_GIL_GRANT);
      picks[run][k] = act.tid;
      while (gs_gil_pop_action (g, &act))
        ;
    }
  }
  for (int k = 0; k < 20; k++)
    g_assert_cmpint (picks[0][k], ==, picks[1][k]);
}

static void
test_old_gil_releases_at_check_interval (void)
{
  GsGilConfig c = { GS_GIL_OLD, 5e-6, LAT, 0.55, 0.0, 1 };
  g_autoptr (GsGil) g = gs_gil_new (&c);
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  gs_gil_request (g, a, 0.0);
  g_assert_cmpfloat (gs_gil_next_event (g), ==, DBL_MAX);  /* alone: no release */
  gs_gil_request (g, b, 0.0);
  /* never wins again (old_rewin = 0): loses at its first check interval */
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), 5e-6, 1e-15);
  gs_gil_advance (g, 5e-6);
  g_assert_true (pop (g, GS_GIL_INTERRUPT, a, NULL));
  g_assert_cmpint (gs_gil_release (g, a, 5e-6, TRUE), ==, GS_GIL_DROPPED);
  gs_gil_advance (g, 5e-6 + LAT);
  g_assert_true (pop (g, GS_GIL_GRANT, b, NULL));
}

/* Many waiters, all since 1 ms: the drop request comes one interval later;
 * the longest waiter (the first, at fifo 1) takes the GIL a hand-off
 * latency after the holder drops it.  The others' waits began before that
 * switch, so their time-outs at 11 ms ask for nothing: the new holder keeps
 * the GIL until 16 ms, a whole interval of waiting with no switch. */
static void
test_many_waiters (void)
{
  g_autoptr (GsGil) g = new_gil (GS_GIL_NEW, 1.0);
  int h = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, h, 0.0));
  int w[1000];
  for (int i = 0; i < 1000; i++) {
    w[i] = gs_gil_add_thread (g);
    g_assert_false (gs_gil_request (g, w[i], 0.001));
  }
  g_assert_cmpuint (gs_gil_n_waiting (g), ==, 1000);
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), 0.001 + SI, 1e-12);
  gs_gil_advance (g, 0.001 + SI);
  double t = 0;
  g_assert_true (pop (g, GS_GIL_INTERRUPT, h, &t));
  g_assert_cmpfloat_with_epsilon (t, 0.001 + SI, 1e-12);
  GsGilAction act;
  g_assert_false (gs_gil_pop_action (g, &act));  /* one request, not 1000 */
  /* with a drop request pending, no time-out can change anything */
  g_assert_cmpfloat (gs_gil_next_event (g), ==, DBL_MAX);
  g_assert_cmpint (gs_gil_release (g, h, 0.006, FALSE), ==, GS_GIL_MUST_WAIT);
  gs_gil_advance (g, 0.006 + LAT);
  g_assert_true (pop (g, GS_GIL_GRANT, w[0], NULL));
  g_assert_true (pop (g, GS_GIL_RESUME, h, NULL));
  g_assert_cmpint (gs_gil_holder (g), ==, w[0]);
  g_assert_cmpuint (gs_gil_n_waiting (g), ==, 999);
  /* the engine need not wake for the 999 time-outs at 11 ms that ask for
   * nothing, but no later than the one at 16 ms that asks */
  double next = gs_gil_next_event (g);
  g_assert_cmpfloat (next, >, 0.011 + 1e-9);
  g_assert_cmpfloat (next, <=, 0.016);
  gs_gil_advance (g, 0.016 - 1e-6);
  g_assert_false (gs_gil_drop_requested (g));
  gs_gil_advance (g, 0.016 + 1e-9);
  g_assert_true (gs_gil_drop_requested (g));
  g_assert_true (pop (g, GS_GIL_INTERRUPT, w[0], &t));
  g_assert_cmpfloat_with_epsilon (t, 0.016, 1e-9);
}

/* Hands the GIL on RELEASES times from holder to holder (each drops it for
 * good) among 1 + K threads whose requests come at times with ties, and
 * records who got it: the OS's choice of a waiter, over many threads. */
static void
hand_on (double fifo, int k, int *got)
{
  GsGilConfig c = { GS_GIL_NEW, 100.0, LAT, fifo, 0.9, 7 };  /* no time-outs */
  g_autoptr (GsGil) g = gs_gil_new (&c);
  int h = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, h, 0.0));
  for (int i = 0; i < k; i++) {
    int w = gs_gil_add_thread (g);
    /* ids in one order, request times in another, with ties */
    g_assert_false (gs_gil_request (g, w, 0.001 * ((i * 37) % 11 + 1)));
  }
  double now = 0.02;
  for (int r = 0; r < k; r++) {
    g_assert_cmpint (gs_gil_release (g, h, now, FALSE), ==, GS_GIL_DROPPED);
    gs_gil_advance (g, now + LAT);
    GsGilAction a;
    g_assert_true (gs_gil_pop_action (g, &a));
    g_assert_cmpint (a.kind, ==, GS_GIL_GRANT);
    g_assert_cmpint (gs_gil_holder (g), ==, a.tid);
    got[r] = a.tid;
    h = a.tid;
    now += 2 * LAT;
  }
  g_assert_cmpuint (gs_gil_n_waiting (g), ==, 0);
}

static void
test_waiter_choice_many_threads (void)
{
  enum { K = 300 };
  int got[K];
  /* fifo_bias 1: the longest waiter each time, ties by lowest id */
  hand_on (1.0, K, got);
  for (int r = 1; r < K; r++) {
    int a = got[r - 1] - 1, b = got[r] - 1;   /* request numbers */
    int ta = (a * 37) % 11, tb = (b * 37) % 11;
    g_assert_true (ta < tb || (ta == tb && a < b));
  }
  /* fifo_bias 0: never the longest waiter while another waits, so the
   * first to ask (id 1... the lowest id of the earliest time) goes last;
   * each thread gets the GIL once */
  hand_on (0.0, K, got);
  int oldest = -1;
  for (int i = 0; i < K && oldest < 0; i++)
    if ((i * 37) % 11 == 0)
      oldest = i + 1;
  g_assert_cmpint (got[K - 1], ==, oldest);
  gboolean seen[K + 1] = { FALSE };
  for (int r = 0; r < K; r++) {
    g_assert_false (seen[got[r]]);
    seen[got[r]] = TRUE;
  }
  /* in between, the choice is spread: not in id order */
  int ascending = 0;
  for (int r = 1; r < K; r++)
    ascending += got[r] > got[r - 1];
  g_assert_cmpint (ascending, <, K * 3 / 4);
  g_assert_cmpint (ascending, >, K / 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gil/new/free-is-taken-at-once", test_free_gil_is_taken_at_once);
  g_test_add_func ("/gil/new/drop-request-after-one-interval", test_drop_request_after_one_interval);
  g_test_add_func ("/gil/new/forced-switching", test_forced_switching);
  g_test_add_func ("/gil/new/switch-during-wait", test_switch_during_wait_gives_another_interval);
  g_test_add_func ("/gil/new/voluntary-release", test_voluntary_release_no_forced_wait);
  g_test_add_func ("/gil/new/next-event-never-in-the-past", test_next_event_never_in_the_past);
  g_test_add_func ("/gil/new/forced-release-for-io", test_forced_release_for_io_resumes_after_switch);
  g_test_add_func ("/gil/new/convoy-delay", test_convoy_delay);
  g_test_add_func ("/gil/new/running-thread-wins", test_running_thread_takes_free_gil_first);
  g_test_add_func ("/gil/new/fifo-bias", test_fifo_bias_one_picks_longest_waiter);
  g_test_add_func ("/gil/new/deterministic", test_choices_are_deterministic);
  g_test_add_func ("/gil/new/many-waiters", test_many_waiters);
  g_test_add_func ("/gil/new/waiter-choice-many-threads", test_waiter_choice_many_threads);
  g_test_add_func ("/gil/none/always-granted", test_no_gil);
  g_test_add_func ("/gil/new/drawn-latency-mean", test_drawn_latency_mean);
  g_test_add_func ("/gil/old/check-interval", test_old_gil_releases_at_check_interval);
  return g_test_run ();
}
