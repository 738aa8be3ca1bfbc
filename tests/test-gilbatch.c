/* test-gilbatch.c: many GIL holds played at once (models/gilbatch.h),
 * driven without SimGrid. */
#include <math.h>
#include <glib.h>
#include "gilbatch.h"

#define SI 0.001     /* switch interval */
#define LAT 0.0001   /* hand-off latency */
#define SPEED 1e9

typedef struct {
  GsGilBatchThread t[8];
  gboolean playable[8];
  int loads, stores;
  GArray *wake;
} Engine;

static gboolean
load (gpointer data, int tid, GsGilBatchThread *out)
{
  Engine *e = data;
  if (!e->playable[tid])
    return FALSE;
  e->loads++;
  *out = e->t[tid];
  return TRUE;
}

static void
store (gpointer data, int tid, const GsGilBatchThread *t)
{
  Engine *e = data;
  e->stores++;
  e->t[tid] = *t;
}

static GsGilBatchConfig
config (Engine *e)
{
  GsGilBatchConfig c = { SPEED, SPEED, SI, 1e-9, 1e-12, 0.0, 3 * (SI + LAT), 0, 0,
                         NULL, load, store, e };
  return c;
}

/* A GIL with N threads: thread 0 holds it from T0, the others wait since T0
 * (their timed waits begun then), every one with SECONDS of Python work. */
static GsGil *
setup (Engine *e, int n, double t0, double seconds, double fifo)
{
  GsGilConfig gc = { GS_GIL_NEW, SI, LAT, fifo, 0, 7 };
  GsGil *gil = gs_gil_new (&gc);
  e->wake = g_array_new (FALSE, FALSE, sizeof (GsGilAction));
  for (int i = 0; i < n; i++) {
    g_assert_cmpint (gs_gil_add_thread (gil), ==, i);
    g_assert_cmpint (gs_gil_request (gil, i, t0), ==, i == 0);
    GsGilBatchThread t = { seconds * SPEED, 0, 0, 0, seconds, 0, i == 0 };
    e->t[i] = t;
    e->playable[i] = TRUE;
  }
  return gil;
}

/* Two threads: the holder drops one interval after the other began to
 * wait, the other holds one hand-off latency later; each hold runs one
 * interval of work; the batch stops before a hold whose work could end. */
static void
test_two_threads_take_turns (void)
{
  Engine e = { 0 };
  g_autoptr (GsGil) gil = setup (&e, 2, 1.0, 0.0105, 1.0);
  GsGilBatchConfig c = config (&e);
  double now = 1.0;
  gboolean aborted = TRUE;
  guint64 holds = gs_gil_batch_run (gil, &c, &now, &aborted, e.wake);
  g_assert_false (aborted);
  /* 10.5 ms of work each, 1 ms a hold, a hold played while more than
   * 3.3 ms are left: each thread holds 8 times (10.5 ms left to 3.5), and
   * thread 0 is granted its ninth, with 2.5 ms left, for the engine */
  g_assert_cmpuint (holds, ==, 16);
  g_assert_cmpuint (gs_gil_switches (gil), ==, 16);
  g_assert_cmpint (gs_gil_holder (gil), ==, 0);
  g_assert_true (e.t[0].holds);
  g_assert_false (e.t[1].holds);
  g_assert_cmpfloat_with_epsilon (now, 1.0 + 16 * (SI + LAT), 1e-12);
  /* the work done is the time held: one interval a hold */
  g_assert_cmpfloat_with_epsilon (e.t[0].work / SPEED, 0.0105 - 8 * SI, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.t[1].work / SPEED, 0.0105 - 8 * SI, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.t[0].slow_pos, 8 * SI, 1e-12);
  /* one thread in the batch's hands at a time */
  g_assert_cmpint (e.stores, ==, e.loads);
}

/* A switch cost is paid by each new holder, into its overheads and CPU,
 * except the last grant's, left to the engine. */
static void
test_switch_cost_is_paid (void)
{
  Engine e = { 0 };
  g_autoptr (GsGil) gil = setup (&e, 2, 1.0, 0.0105, 1.0);
  GsGilBatchConfig c = config (&e);
  c.switch_cost = 1e-6;
  double now = 1.0;
  gboolean aborted;
  guint64 holds = gs_gil_batch_run (gil, &c, &now, &aborted, e.wake);
  g_assert_cmpuint (holds, >, 2);
  g_assert_cmpuint (holds, ==, 16);
  g_assert_cmpfloat (e.t[0].penalty, ==, 1e-6);   /* granted last, not paid */
  g_assert_cmpfloat (e.t[1].penalty, ==, 0);
  /* thread 1 paid its 8 grants, thread 0 its 7 before the last */
  g_assert_cmpfloat_with_epsilon (e.t[1].cpu, 0.0105 + 8 * 1e-6, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.t[0].cpu, 0.0105 + 7 * 1e-6, 1e-12);
}

/* The batch plays nothing when the holder's work might end in its hold. */
static void
test_short_work_is_left_to_the_engine (void)
{
  Engine e = { 0 };
  g_autoptr (GsGil) gil = setup (&e, 2, 1.0, 0.002, 1.0);
  GsGilBatchConfig c = config (&e);
  double now = 1.0;
  gboolean aborted;
  g_assert_cmpuint (gs_gil_batch_run (gil, &c, &now, &aborted, e.wake), ==, 0);
  g_assert_cmpfloat (now, ==, 1.0);
  g_assert_cmpint (e.loads, ==, 1);
  g_assert_cmpint (e.stores, ==, 0);
  g_assert_cmpuint (gs_gil_switches (gil), ==, 0);
}

/* A hold whose work might end before the first look's end, though longer
 * than a margin shorter than a look, plays nothing: the batch returns 0
 * (the engine then runs it step by step), not a hold that changed nothing,
 * which had the engine ask again for ever. */
static void
test_first_look_too_short_plays_nothing (void)
{
  Engine e = { 0 };
  g_autoptr (GsGil) gil = setup (&e, 2, 1.0, 0.0005, 1.0);
  GsGilBatchConfig c = config (&e);
  c.margin = SI / 8;
  double now = 1.0;
  gboolean aborted = TRUE;
  g_assert_cmpuint (gs_gil_batch_run (gil, &c, &now, &aborted, e.wake), ==, 0);
  g_assert_false (aborted);
  g_assert_cmpfloat (now, ==, 1.0);
  g_assert_cmpint (e.stores, ==, 0);
  g_assert_cmpuint (e.wake->len, ==, 0);
  g_assert_cmpint (gs_gil_holder (gil), ==, 0);
  g_assert_cmpuint (gs_gil_switches (gil), ==, 0);
  g_assert_cmpfloat (e.t[0].work, ==, 0.0005 * SPEED);
  g_array_unref (e.wake);
}

/* A grant to a thread the engine must run itself ends the batch: that
 * thread holds the GIL in the model. */
static void
test_grant_to_another_thread_stops (void)
{
  Engine e = { 0 };
  g_autoptr (GsGil) gil = setup (&e, 3, 1.0, 1.0, 1.0);
  e.playable[2] = FALSE;
  GsGilBatchConfig c = config (&e);
  double now = 1.0;
  gboolean aborted;
  guint64 holds = gs_gil_batch_run (gil, &c, &now, &aborted, e.wake);
  g_assert_cmpuint (holds, >=, 1);
  g_assert_cmpint (gs_gil_holder (gil), ==, 2);
  g_assert_false (e.t[2].holds);   /* not carried out: the engine's to do */
  g_assert_false (e.t[0].holds || e.t[1].holds);
  g_assert_cmpuint (e.wake->len, ==, 1);
  g_assert_cmpint (g_array_index (e.wake, GsGilAction, 0).kind, ==, GS_GIL_GRANT);
  g_assert_cmpint (g_array_index (e.wake, GsGilAction, 0).tid, ==, 2);
}

/* With the OS choosing among several waiters, the batch draws what the
 * step-by-step calls draw: the same model driven by hand, one call at a
 * time, makes the same choices (the holders' sequence). */
static void
test_choices_match_a_hand_driven_gil (void)
{
  Engine e = { 0 };
  g_autoptr (GsGil) gil = setup (&e, 5, 1.0, 1.0, 0.55);
  GsGilBatchConfig c = config (&e);
  c.margin = 0.5;   /* about 450 holds */
  double now = 1.0;
  gboolean aborted;
  guint64 holds = gs_gil_batch_run (gil, &c, &now, &aborted, e.wake);
  g_assert_cmpuint (holds, >, 300);

  /* by hand: drop at the first timer asking for it, grant at the next */
  GsGilConfig gc = { GS_GIL_NEW, SI, LAT, 0.55, 0, 7 };
  g_autoptr (GsGil) ref = gs_gil_new (&gc);
  for (int i = 0; i < 5; i++) {
    gs_gil_add_thread (ref);
    gs_gil_request (ref, i, 1.0);
  }
  double t = 1.0;
  GsGilAction a;
  for (guint64 k = 0; k < holds; k++) {
    while (!gs_gil_drop_requested (ref)) {
      t = gs_gil_next_event (ref);
      gs_gil_advance (ref, t + 1e-12);
    }
    gs_gil_release (ref, gs_gil_holder (ref), t, TRUE);
    while (gs_gil_holder (ref) < 0) {
      t = gs_gil_next_event (ref);
      gs_gil_advance (ref, t + 1e-12);
    }
    while (gs_gil_pop_action (ref, &a))
      ;
  }
  g_assert_cmpint (gs_gil_holder (ref), ==, gs_gil_holder (gil));
  g_assert_cmpuint (gs_gil_switches (ref), ==, gs_gil_switches (gil));
  for (int i = 0; i < 5; i++) {
    GsGilThreadStats x = gs_gil_thread_stats (ref, i, t);
    GsGilThreadStats y = gs_gil_thread_stats (gil, i, now);
    g_assert_cmpuint (x.acquisitions, ==, y.acquisitions);
    g_assert_cmpuint (x.switches_in, ==, y.switches_in);
    g_assert_cmpfloat_with_epsilon (x.wait_s, y.wait_s, 1e-9);
  }
}

/* A thread that ends its work while a drop request is pending waits for
 * the switch, and the switch resumes it (a GS_GIL_RESUME after the grant).
 * The engine's controller may wake the new holder with the resume still
 * queued: a batch begun then must leave it queued for the engine, else
 * the ended thread is never resumed (tests/data/fastpath_end.gil
 * deadlocked so). */
static void
test_queued_resume_is_left_to_the_engine (void)
{
  Engine e = { 0 };
  g_autoptr (GsGil) gil = setup (&e, 3, 1.0, 1.0, 1.0);
  GsGilBatchConfig c = config (&e);
  GsGilAction a;
  /* a waiter's time-out sets the drop request */
  gs_gil_advance (gil, 1.0 + SI + 1e-12);
  g_assert_true (gs_gil_drop_requested (gil));
  while (gs_gil_pop_action (gil, &a))
    ;
  /* thread 0 ends its work there: it drops for good, and must wait */
  g_assert_cmpint (gs_gil_release (gil, 0, 1.0 + SI, FALSE), ==, GS_GIL_MUST_WAIT);
  e.t[0].holds = FALSE;
  gs_gil_advance (gil, gs_gil_next_event (gil) + 1e-12);
  g_assert_true (gs_gil_pop_action (gil, &a));
  g_assert_cmpint (a.kind, ==, GS_GIL_GRANT);
  int holder = a.tid;
  e.t[holder].holds = TRUE;
  g_assert_cmpuint (gs_gil_n_actions (gil), ==, 1);   /* the resume */
  double now = a.time;
  gboolean aborted;
  g_assert_cmpuint (gs_gil_batch_run (gil, &c, &now, &aborted, e.wake), ==, 0);
  g_assert_cmpfloat (now, ==, a.time);
  g_assert_cmpint (gs_gil_holder (gil), ==, holder);
  g_assert_true (gs_gil_pop_action (gil, &a));
  g_assert_cmpint (a.kind, ==, GS_GIL_RESUME);
  g_assert_cmpint (a.tid, ==, 0);
  /* once the engine has carried it out, the batch plays */
  g_assert_cmpuint (gs_gil_batch_run (gil, &c, &now, &aborted, e.wake), >, 0);
}

/* On a host whose cores are all busy (one core, the holder's), the woken
 * waiter runs a context switch after the drop, not an idle core's wake-up
 * (models/handoff.h): the batch tells the GIL so before each drop, as the
 * engine does (gs_cores_before_release).  Here a context switch costs
 * nothing: the holds follow each other one interval apart. */
static void
test_one_core_hand_off (void)
{
  Engine e = { 0 };
  g_autoptr (GsGil) gil = setup (&e, 2, 1.0, 0.0105, 1.0);
  GsGilBatchConfig c = config (&e);
  c.cores = 1;
  c.busy = 0;
  double now = 1.0;
  gboolean aborted;
  guint64 holds = gs_gil_batch_run (gil, &c, &now, &aborted, e.wake);
  g_assert_cmpuint (holds, ==, 16);
  g_assert_cmpfloat_with_epsilon (now, 1.0 + 16 * SI, 1e-9);
  /* two cores: one idle, the hand-off latency as without cores told */
  Engine e2 = { 0 };
  g_autoptr (GsGil) gil2 = setup (&e2, 2, 1.0, 0.0105, 1.0);
  c = config (&e2);
  c.cores = 2;
  now = 1.0;
  g_assert_cmpuint (gs_gil_batch_run (gil2, &c, &now, &aborted, e2.wake), ==, 16);
  g_assert_cmpfloat_with_epsilon (now, 1.0 + 16 * (SI + LAT), 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gilbatch/two-threads", test_two_threads_take_turns);
  g_test_add_func ("/gilbatch/switch-cost", test_switch_cost_is_paid);
  g_test_add_func ("/gilbatch/short-work", test_short_work_is_left_to_the_engine);
  g_test_add_func ("/gilbatch/first-look-too-short", test_first_look_too_short_plays_nothing);
  g_test_add_func ("/gilbatch/foreign-grant", test_grant_to_another_thread_stops);
  g_test_add_func ("/gilbatch/choices", test_choices_match_a_hand_driven_gil);
  g_test_add_func ("/gilbatch/one-core", test_one_core_hand_off);
  g_test_add_func ("/gilbatch/queued-resume", test_queued_resume_is_left_to_the_engine);
  return g_test_run ();
}
