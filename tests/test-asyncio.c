/* test-asyncio.c: asyncio event loops, run as scenarios (scenarios/asyncio/).
 * Each test checks a figure worked out by hand in its scenario's comments,
 * from the JSON export. */
#include <math.h>
#include <glib/gstdio.h>
#include "run-gilsim.h"
#include "scratch.h"

#define STARTUP 0.0839   /* python.startup of platforms/xeon-16core.xml */

/* 100 tasks: the loop runs their CPU one at a time and their sleeps
 * together: 202 ms after start-up (0.7 ms of it creating the tasks), not
 * 10 s; each task waits for the loop while the tasks before it compute. */
static void
test_gather_sleeps (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/asyncio/gather_sleeps.gil", NULL);
  double wall = gilsim_dbl (p.res, "wall_s");
  assert_near (wall, (STARTUP + 0.0007 + 0.2012), 0.001);
  assert_near (gilsim_dbl (p.res, "sequential_s"), 10.2, 0.15);
  JsonObject *last = gilsim_worker (p.res, "Task-100");
  g_assert_cmpstr (json_object_get_string_member (last, "kind"), ==, "task");
  /* 2 ms of its own and one step of the loop (asyncio.step, 1.3 us) */
  assert_near (gilsim_dbl (last, "cpu_s"), 0.0020013, 1e-7);
  /* it waited for the loop about 99 ms before its first half, and its
   * second half was ready at once (the loop was free) */
  JsonArray *waits = json_object_get_array_member (last, "waits");
  double loop = 0;
  for (guint i = 0; i < json_array_get_length (waits); i++) {
    JsonObject *w = json_array_get_object_element (waits, i);
    if (g_str_has_prefix (json_object_get_string_member (w, "on"), "the event loop"))
      loop += gilsim_dbl (w, "seconds");
  }
  assert_near (loop, 0.099, 0.002);
  gilsim_point_clear (&p);
}

/* to_thread: 40 blocking calls on min(32, cores + 4) executor threads:
 * two waves of 100 ms on 16 cores, five on 4, after the tasks' creation
 * (40 x 7.1 us) and the executor's thread starts (110 us each). */
static void
test_to_thread (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/asyncio/to_thread.gil", NULL);
  assert_near (gilsim_dbl (p.res, "wall_s"), (STARTUP + 0.0003 + 0.0022 + 0.2002), 0.003);
  gilsim_point_clear (&p);
  gilsim_point_run (&p, "run", "scenarios/asyncio/to_thread.gil", "-L", "cores=4", NULL);
  assert_near (gilsim_dbl (p.res, "wall_s"), (STARTUP + 0.0003 + 0.0009 + 0.5004), 0.003);
  gilsim_point_clear (&p);
}

/* A blocking sleep in a coroutine holds the loop: the ten run one after
 * another; the awaited ones overlap. */
static void
test_blocking_call (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/asyncio/blocking_call.gil", NULL);
  assert_near (gilsim_dbl (p.res, "wall_s"), (STARTUP + 1.101), 0.003);
  gilsim_point_clear (&p);
}

/* create_task and gather in a coroutine: the children start when main
 * awaits, sleep together, then compute one after another. */
static void
test_create_task (void)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/asyncio/create_task.gil", NULL);
  JsonArray *prints = json_object_get_array_member (p.res, "prints");
  g_assert_cmpuint (json_array_get_length (prints), ==, 1);
  double done = gilsim_dbl (json_array_get_object_element (prints, 0), "time_s");
  assert_near (done, (STARTUP + 0.071), 0.002);
  gilsim_point_clear (&p);
}

/* Misuse gets one line naming the place and what to write. */
static void
test_errors (void)
{
  static const struct { const char *text, *message; } cases[] = {
    { "async def h(i):\n    python 1ms\nh(1)\n",
      "t.gil:3:1: 'h' is an async def: calling it makes a coroutine that never runs" },
    { "def h(i):\n    await sleep 1ms\n",
      "t.gil:2:5: 'await' belongs inside an async def" },
    { "def h(i):\n    python 1ms\nrun 2 tasks h(i)\n",
      "t.gil:3:13: 'h' is no async def: tasks run coroutines" },
    { "async def h(i):\n    await python 1ms\nrun 2 tasks h(i)\n",
      "t.gil:2:11: this statement cannot be awaited" },
    { "async def h(i):\n    python 1ms\nw = start 2 threads h(i)\n",
      "t.gil:3:21: 'h' is an async def: run it as a task" },
    { "def h(i):\n    python 1ms\nw = start 2 tasks h(i)\n",
      "t.gil:3:13: tasks are started inside an async def" },
    { "async def h(i):\n    run 2 tasks g(i)\nasync def g(i):\n    python 1ms\n"
      "run 1 task h(1)\n", "t.gil:2:5: run N tasks is asyncio.run, which cannot run "
      "inside a running loop" },
    { "event e\nasync def h(i):\n    await wait e\nrun 3 tasks h(i)\n",
      "t.gil:3:11: deadlock: Task-1 waits for event 'e' forever" },
  };
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "t.gil", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
    GilsimRun r = gilsim_run ("run", path, "--platform", "platforms/xeon-16core.xml",
                              NULL);
    g_autofree char *expected = g_strconcat (dir, "/", cases[i].message, NULL);
    gilsim_expect_error (&r, expected);
    gilsim_run_clear (&r);
  }
  tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/asyncio/gather-sleeps", test_gather_sleeps);
  g_test_add_func ("/asyncio/to-thread", test_to_thread);
  g_test_add_func ("/asyncio/blocking-call", test_blocking_call);
  g_test_add_func ("/asyncio/create-task", test_create_task);
  g_test_add_func ("/asyncio/errors", test_errors);
  return g_test_run ();
}
