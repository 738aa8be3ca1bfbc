/* test-handoff.c: a woken thread's delay from the cores it finds
 * (models/handoff.h) and the GIL's hand-off on one core (gs_gil_set_cores). */
#include <float.h>
#include <glib.h>
#include "gil.h"
#include "handoff.h"

#define SI 0.005
#define LAT 90e-6
#define SWITCH 3e-6

static void
test_latency_by_cores (void)
{
  /* an idle core beside the waker: the idle core's wake-up */
  g_assert_cmpfloat (gs_handoff_latency (2, 0, FALSE, LAT, SWITCH), ==, LAT);
  g_assert_cmpfloat (gs_handoff_latency (2, 0, TRUE, LAT, SWITCH), ==, LAT);
  g_assert_cmpfloat (gs_handoff_latency (16, 14, TRUE, LAT, SWITCH), ==, LAT);
  /* none: the waker's core, at once when it blocks */
  g_assert_cmpfloat (gs_handoff_latency (1, 0, FALSE, LAT, SWITCH), ==, SWITCH);
  g_assert_cmpfloat (gs_handoff_latency (2, 1, FALSE, LAT, SWITCH), ==, SWITCH);
  g_assert_cmpfloat (gs_handoff_latency (2, 5, FALSE, LAT, SWITCH), ==, SWITCH);
  /* ... after its slice when it runs on */
  g_assert_cmpfloat (gs_handoff_latency (1, 0, TRUE, LAT, SWITCH), ==, GS_HANDOFF_SLICE);
  g_assert_cmpfloat (gs_handoff_latency (1, 0, TRUE, 0.01, SWITCH), ==, 0.01);
  /* a platform without latencies keeps none */
  g_assert_cmpfloat (gs_handoff_latency (1, 0, FALSE, 0, SWITCH), ==, 0);
}

static GsGil *
new_gil (void)
{
  GsGilConfig c = { GS_GIL_NEW, SI, LAT, 1.0, 0.9, 7 };
  c.wakeup_cost = SWITCH;
  return gs_gil_new (&c);
}

static gboolean
next_grant (GsGil *g, int *tid, double *time)
{
  GsGilAction a;
  while (gs_gil_pop_action (g, &a))
    if (a.kind == GS_GIL_GRANT) {
      *tid = a.tid;
      *time = a.time;
      return TRUE;
    }
  return FALSE;
}

/* A holds the GIL, B waits; A releases at 1 ms for a native call of 245
 * us and asks again when it ends.  Returns who holds the GIL just after. */
static int
native_call (gboolean say, double cores)
{
  g_autoptr (GsGil) g = new_gil ();
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, a, 0.0));
  g_assert_false (gs_gil_request (g, b, 0.0005));
  if (say)
    gs_gil_set_cores (g, cores, 0, TRUE);
  g_assert_cmpint (gs_gil_release (g, a, 0.001, FALSE), ==, GS_GIL_DROPPED);
  gs_gil_advance (g, 0.001245);
  int who = -1;
  double when = 0;
  if (next_grant (g, &who, &when))
    return who;
  g_assert_true (gs_gil_request (g, a, 0.001245));
  /* B, woken, finds the GIL held at the end of the slice: waits again */
  gs_gil_advance (g, 0.001 + GS_HANDOFF_SLICE + 1e-6);
  g_assert_false (next_grant (g, &who, &when));
  g_assert_cmpint (gs_gil_holder (g), ==, a);
  (void) b;
  return a;
}

static void
test_native_call_on_one_core (void)
{
  /* two cores, or nothing said: B takes the GIL during the call */
  g_assert_cmpint (native_call (FALSE, 0), ==, 1);
  g_assert_cmpint (native_call (TRUE, 2), ==, 1);
  /* one core: A keeps it, and takes the free GIL back first */
  g_assert_cmpint (native_call (TRUE, 1), ==, 0);
}

static void
test_blocking_release_on_one_core (void)
{
  g_autoptr (GsGil) g = new_gil ();
  int a = gs_gil_add_thread (g), b = gs_gil_add_thread (g);
  g_assert_true (gs_gil_request (g, a, 0.0));
  g_assert_false (gs_gil_request (g, b, 0.0005));
  gs_gil_set_cores (g, 1, 0, FALSE);
  gs_gil_release (g, a, 0.001, FALSE);
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), 0.001 + SWITCH, 1e-12);
  gs_gil_advance (g, 0.001 + SWITCH);
  int who = -1;
  double when = 0;
  g_assert_true (next_grant (g, &who, &when));
  g_assert_cmpint (who, ==, b);
  /* said once: the next release has the idle core's latency again */
  g_assert_false (gs_gil_request (g, a, 0.002));
  gs_gil_release (g, b, 0.003, FALSE);
  g_assert_cmpfloat_with_epsilon (gs_gil_next_event (g), 0.003 + LAT, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/handoff/latency-by-cores", test_latency_by_cores);
  g_test_add_func ("/handoff/gil/native-call-one-core", test_native_call_on_one_core);
  g_test_add_func ("/handoff/gil/blocking-release-one-core", test_blocking_release_on_one_core);
  return g_test_run ();
}
