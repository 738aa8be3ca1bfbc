/* test-noise-runs.c: random effects of a drawn sample in whole runs
 * (engine/noise.h): a spawned child's start-up and the main process's on
 * their vCPU's state (cpu.start_slow_factor) and the disks' speed
 * (disk.speed_jitter), on tests/data/start-disk-noise.xml, where nothing
 * else is drawn; slow vCPUs drawn in samples only (cpu.slow_drawn_only,
 * tests/data/slow-drawn-only.xml). */
#include <math.h>
#include "run-gilsim.h"

#define SPAWN "tests/data/spawn_start.gil"
#define DISK "tests/data/disk_jitter.gil"
#define MAIN_START "tests/data/main_start.gil"
#define DRAWN_ONLY "tests/data/slow_drawn_only.gil"

/* The platform's figures: a child's start-up of 90 ms, half the vCPUs
 * slow, where a start-up takes twice a fast one's time: 60 ms on a fast
 * vCPU, 120 ms on a slow one (mean 90). */
#define START 0.090
#define FAST (START / 1.5)
#define SLOWED (2 * START / 1.5)

/* Runs FILE on the seeds SEEDS ("seed=1:24"), three drawn samples each,
 * into P (result k: gilsim_point_nth); with AGAIN, runs it once more with
 * one job and asserts the same bytes. */
static void
seeds_run (GilsimPoint *p, const char *file, const char *seeds, gboolean again)
{
  gilsim_point_run (p, "run", file, "-q", "-P", seeds, "--samples", "3", NULL);
  if (!again)
    return;
  g_auto (GilsimRun) one = gilsim_run ("run", file, "-q", "-P", seeds, "--samples", "3",
                                       "--export-json", "-", "-j", "1", NULL);
  gilsim_expect_ok (&one);
  g_assert_cmpstr (p->run.out, ==, one.out);
}

/* Asserts that FILE's expected prediction, and its drawn samples with
 * --no-noise (which draws none), take WALL seconds. */
static void
assert_expected (const char *file, double wall)
{
  GilsimPoint p;
  gilsim_point_run (&p, "run", file, "-q", NULL);
  assert_near (gilsim_dbl (p.res, "wall_s"), wall, 1e-6);
  gilsim_point_clear (&p);
  gilsim_point_run (&p, "run", file, "-q", "--no-noise", "--samples", "5", NULL);
  assert_near (gilsim_dbl (p.res, "wall_s"), wall, 1e-6);
  gilsim_point_clear (&p);
}

/* The children of one result: how many started on a fast and on a slow
 * vCPU, each one's slow_cpu column checked against its state. */
static void
count_states (JsonObject *res, guint *fast, guint *slow)
{
  JsonArray *workers = json_object_get_array_member (res, "workers");
  for (guint i = 0; i < json_array_get_length (workers); i++) {
    JsonObject *w = json_array_get_object_element (workers, i);
    if (g_strcmp0 (json_object_get_string_member (w, "kind"), "process") != 0)
      continue;
    double slowed = json_object_get_double_member_with_default (w, "slowed_s", 0);
    /* its CPU work is the platform's; what the vCPU added is slow_cpu */
    assert_near (gilsim_dbl (w, "cpu_s"), START, 1e-3);
    if (fabs (slowed - (FAST - START)) < 1e-6)
      (*fast)++;
    else if (fabs (slowed - (SLOWED - START)) < 1e-6)
      (*slow)++;
    else
      g_assert_not_reached ();
  }
}

/* The expected prediction of start-ups running at once: each child's,
 * as the n-th started while n - 1 others are still starting, takes the
 * expected slowest of n vCPUs over the mean, (1 + (r - 1)(1 - (1 - p)^n))
 * / (1 + (r - 1) p) (r = 2, p = 0.5: 1, 7/6, ..., 1.3307 for the eighth),
 * the stretch counted as slowed; the run ends with the last, as a row
 * of children waits for the slowest of their vCPUs.  One child alone
 * takes the platform's 90 ms. */
static void
test_spawn_expected (void)
{
  GilsimPoint p = { 0 };
  gilsim_point_run (&p, "run", SPAWN, "-q", NULL);
  for (int k = 0; k < 8; k++) {
    g_autofree char *name = g_strdup_printf ("child-%d", k);
    JsonObject *w = gilsim_worker (p.res, name);
    double f = (1 + (1 - pow (0.5, k + 1))) / 1.5;
    assert_near (json_object_get_double_member_with_default (w, "slowed_s", 0),
                 START * (f - 1), 1e-6);
    assert_near (gilsim_dbl (w, "cpu_s"), START, 1e-3);
  }
  assert_near (gilsim_dbl (p.res, "wall_s"), START * (2 - 1.0 / 256) / 1.5, 1e-3);
  gilsim_point_clear (&p);
  /* one child: the platform's start-up, nothing slowed */
  gilsim_point_run (&p, "run", SPAWN, "-q", "-L", "N=1", NULL);
  assert_near (gilsim_dbl (p.res, "wall_s"), START, 1e-3);
  g_assert_cmpfloat (json_object_get_double_member_with_default (
                         gilsim_worker (p.res, "child-0"), "slowed_s", 0), ==, 0);
  gilsim_point_clear (&p);
}

/* In drawn samples each child starts on a fast or a slow vCPU, about half
 * of them slow (24 points of 8 children: 192 draws, 3 standard errors
 * within 0.108), and the run ends with its slowest child: 120 ms when any
 * drew the slow state.  The same seeds give the same bytes. */
static void
test_spawn_samples (void)
{
  GilsimPoint p;
  seeds_run (&p, SPAWN, "seed=1:24", TRUE);
  guint fast = 0, slow = 0;
  for (guint k = 0; k < 24; k++) {
    JsonObject *res = gilsim_point_nth (&p, k);
    guint f = 0, s = 0;
    count_states (res, &f, &s);
    g_assert_cmpuint (f + s, ==, 8);
    double wall = gilsim_dbl (res, "wall_s");
    assert_near (wall, (s ? SLOWED : FAST), 1e-3);
    fast += f;
    slow += s;
  }
  assert_near ((double) slow / (fast + slow), 0.5, 0.108);
  gilsim_point_clear (&p);
}

/* The disks' speed: the expected prediction is the platform's (100 MB
 * written at 500 MB/s, read at 1000 MB/s: 0.3 s), and so is --no-noise;
 * 40 drawn samples spread about it, of mean 0.3 s (the write's factor and
 * the read's, of mean 1 and sd 0.2: the sum's sd is 0.045 s, so within
 * 3 standard errors, 0.021) and with a spread of that size. */
static void
test_disk_samples (void)
{
  assert_expected (DISK, 0.3);
  GilsimPoint p;
  gilsim_point_run (&p, "run", DISK, "-q", "--samples", "40", NULL);
  JsonArray *times = json_object_get_array_member (p.res, "times");
  g_assert_cmpuint (json_array_get_length (times), ==, 40);
  assert_near (gilsim_dbl (p.res, "mean"), 0.3, 0.021);
  double sd = gilsim_dbl (p.res, "stddev");
  g_assert_cmpfloat (sd, >, 0.025);
  g_assert_cmpfloat (sd, <, 0.07);
  gilsim_point_clear (&p);
}

/* The main process's start-up (90 ms, the runtime's `startup`) runs on
 * its vCPU's state as a spawned child's does: the expected prediction at
 * the mean, nothing slowed; each drawn sample 60 ms or 120 ms, about half
 * of them slow (48 points: 3 standard errors within 0.22), what its vCPU
 * added in the main thread's slowed_s and not in its CPU.  The same seeds
 * give the same bytes. */
static void
test_main_start (void)
{
  GilsimPoint p = { 0 };
  gilsim_point_run (&p, "run", MAIN_START, "-q", NULL);
  assert_near (gilsim_dbl (p.res, "wall_s"), START, 1e-6);
  g_assert_cmpfloat (json_object_get_double_member_with_default (
                       gilsim_worker (p.res, "MainThread"), "slowed_s", 0), ==, 0);
  gilsim_point_clear (&p);
  seeds_run (&p, MAIN_START, "seed=1:48", TRUE);
  guint slow = 0;
  for (guint k = 0; k < 48; k++) {
    JsonObject *res = gilsim_point_nth (&p, k);
    JsonObject *w = gilsim_worker (res, "MainThread");
    double wall = gilsim_dbl (res, "wall_s");
    double slowed = json_object_get_double_member_with_default (w, "slowed_s", 0);
    assert_near (gilsim_dbl (w, "cpu_s"), START, 1e-6);
    if (fabs (wall - SLOWED) < 1e-6) {
      assert_near (slowed, (SLOWED - START), 1e-6);
      slow++;
    } else {
      assert_near (wall, FAST, 1e-6);
      assert_near (slowed, (FAST - START), 1e-6);
    }
  }
  assert_near (slow / 48.0, 0.5, 0.22);
  gilsim_point_clear (&p);
}

/* cpu.slow_drawn_only: four children of 0.1 s of Python together.  The
 * expected prediction runs them at the mean speed, not stretched by the
 * slowest of four vCPUs (0.1 s; 0.129 s with the flag at 0), and so does
 * --no-noise; a drawn sample runs each child on a fast vCPU (2/3 of the
 * mean time) or a slow one (4/3), about half of them slow (24 points of
 * 4 children: 3 standard errors within 0.11). */
static void
test_slow_drawn_only (void)
{
  assert_expected (DRAWN_ONLY, 0.1);
  GilsimPoint p;
  seeds_run (&p, DRAWN_ONLY, "seed=1:24", FALSE);
  guint fast = 0, slow = 0;
  for (guint k = 0; k < 24; k++) {
    JsonObject *res = gilsim_point_nth (&p, k);
    JsonArray *workers = json_object_get_array_member (res, "workers");
    for (guint i = 0; i < json_array_get_length (workers); i++) {
      JsonObject *w = json_array_get_object_element (workers, i);
      if (g_strcmp0 (json_object_get_string_member (w, "kind"), "process") != 0)
        continue;
      double slowed = json_object_get_double_member_with_default (w, "slowed_s", 0);
      assert_near (gilsim_dbl (w, "cpu_s"), 0.1, 1e-6);
      if (fabs (slowed - 0.1 / 3) < 1e-6)
        slow++;
      else if (fabs (slowed + 0.1 / 3) < 1e-6)
        fast++;
      else
        g_assert_not_reached ();
    }
  }
  g_assert_cmpuint (fast + slow, ==, 96);
  assert_near (slow / 96.0, 0.5, 0.11);
  gilsim_point_clear (&p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/noise-runs/spawn-expected", test_spawn_expected);
  g_test_add_func ("/noise-runs/spawn-samples", test_spawn_samples);
  g_test_add_func ("/noise-runs/disk-samples", test_disk_samples);
  g_test_add_func ("/noise-runs/main-start", test_main_start);
  g_test_add_func ("/noise-runs/slow-drawn-only", test_slow_drawn_only);
  return g_test_run ();
}
