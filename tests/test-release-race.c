/* test-release-race.c: the race at a release (issue 15, mechanism 2), on the
 * GIL state machine alone.
 *
 * An I/O thread (an echo server) holds the GIL beside a CPU-bound waiter.
 * Each short call (send, a recv that returns at once) releases the GIL and
 * signals the waiter; the waiter holds the GIL hand-off latency later unless
 * the releaser is back first.  Who wins decides whether the I/O thread pays
 * a whole switch interval: these tests drive both outcomes. */
#include <float.h>
#include <glib.h>
#include "gil.h"

#define SI 0.005
#define LAT 0.0001

static GsGil *
new_gil (void)
{
  GsGilConfig c = { GS_GIL_NEW, SI, LAT, 1.0, 0.9, 7 };
  return gs_gil_new (&c);
}

/* The I/O thread holds the GIL at T0 with the CPU thread waiting since 0. */
static GsGil *
io_holds (int *cpu, int *io, double t0)
{
  GsGil *g = new_gil ();
  *cpu = gs_gil_add_thread (g);
  *io = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, *io, 0.0));
  g_assert_false (gs_gil_request (g, *cpu, 0.0));
  gs_gil_advance (g, t0);
  g_assert_cmpint (gs_gil_holder (g), ==, *io);
  return g;
}

static int
pop_grant (GsGil *g, double *time)
{
  GsGilAction a;
  while (gs_gil_pop_action (g, &a))
    if (a.kind == GS_GIL_GRANT) {
      *time = a.time;
      return a.tid;
    }
  return -1;
}

/* Back before the waiter wakes: the releaser takes the free GIL again, the
 * waiter woke for nothing and waits another whole interval from then. */
static void
test_back_first_wins (void)
{
  int cpu, io;
  g_autoptr (GsGil) g = io_holds (&cpu, &io, 0.001);
  gs_gil_release (g, io, 0.001, FALSE);                  /* send() */
  g_assert_true (gs_gil_request (g, io, 0.001 + LAT / 4)); /* back at once */
  gs_gil_advance (g, 0.001 + LAT);
  double t = 0;
  g_assert_cmpint (pop_grant (g, &t), ==, -1);
  g_assert_cmpint (gs_gil_holder (g), ==, io);
  /* the waiter's next chance: a time-out one interval after its wake-up */
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), 0.001 + LAT + SI, 1e-12);
  GsGilThreadStats st = gs_gil_thread_stats (g, cpu, 0.001 + LAT);
  g_assert_cmpuint (st.acquisitions, ==, 0);
  g_assert_cmpuint (st.wakeups, >=, 1);
}

/* Away longer than the waiter's wake-up (a recv that blocks): the waiter
 * takes the GIL, and the I/O thread, back, waits a whole interval before it
 * may even ask for it: the convoy's cost, once per lost race. */
static void
test_away_longer_loses_an_interval (void)
{
  int cpu, io;
  g_autoptr (GsGil) g = io_holds (&cpu, &io, 0.001);
  gs_gil_release (g, io, 0.001, FALSE);                  /* recv() blocks */
  gs_gil_advance (g, 0.001 + LAT);
  double t = 0;
  g_assert_cmpint (pop_grant (g, &t), ==, cpu);
  g_assert_cmpfloat_with_epsilon (t, 0.001 + LAT, 1e-12);
  double back = 0.001 + 2 * LAT;                         /* the reply came */
  g_assert_false (gs_gil_request (g, io, back));
  gs_gil_advance (g, back + SI - 1e-9);
  g_assert_false (gs_gil_drop_requested (g));
  gs_gil_advance (g, back + SI);
  g_assert_true (gs_gil_drop_requested (g));
}

/* The echo's cycle: send() (won: back at once), then recv() blocks before
 * the waiter signalled at send() has woken.  That waiter is still on its
 * way: it takes the GIL at its wake-up, LAT after send(), not after recv():
 * the time the I/O thread may be away is LAT less the send-to-recv gap. */
static void
test_signal_at_send_wins_during_recv (void)
{
  int cpu, io;
  g_autoptr (GsGil) g = io_holds (&cpu, &io, 0.001);
  double send = 0.001;
  gs_gil_release (g, io, send, FALSE);
  g_assert_true (gs_gil_request (g, io, send + LAT / 10));
  double recv = send + LAT / 5;
  gs_gil_release (g, io, recv, FALSE);
  gs_gil_advance (g, send + LAT);
  double t = 0;
  g_assert_cmpint (pop_grant (g, &t), ==, cpu);
  g_assert_cmpfloat_with_epsilon (t, send + LAT, 1e-12);
}

/* A recv() that comes after the waiter woke for nothing signals it anew:
 * the waiter needs a whole hand-off latency again, so a reply faster than
 * that keeps the GIL with the I/O thread. */
static void
test_signal_anew_after_woken_for_nothing (void)
{
  int cpu, io;
  g_autoptr (GsGil) g = io_holds (&cpu, &io, 0.001);
  double send = 0.001;
  gs_gil_release (g, io, send, FALSE);
  g_assert_true (gs_gil_request (g, io, send + LAT / 10));
  gs_gil_advance (g, send + LAT);                        /* woke for nothing */
  double recv = send + 2 * LAT;
  gs_gil_release (g, io, recv, FALSE);
  /* the reply comes back before the new wake-up: the I/O thread wins */
  g_assert_true (gs_gil_request (g, io, recv + LAT / 2));
  gs_gil_advance (g, recv + LAT);
  double t = 0;
  g_assert_cmpint (pop_grant (g, &t), ==, -1);
  g_assert_cmpint (gs_gil_holder (g), ==, io);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/release-race/back-first-wins", test_back_first_wins);
  g_test_add_func ("/release-race/away-longer-loses-an-interval",
                   test_away_longer_loses_an_interval);
  g_test_add_func ("/release-race/signal-at-send-wins-during-recv",
                   test_signal_at_send_wins_during_recv);
  g_test_add_func ("/release-race/signal-anew-after-woken-for-nothing",
                   test_signal_anew_after_woken_for_nothing);
  return g_test_run ();
}
