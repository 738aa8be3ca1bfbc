/* test-stackpool.c: SimGrid's actor stacks from engine/stackpool.h: made
 * once, reused after their actors end, and glibc's beyond the pool's room.
 * SimGrid starts once a process: each case runs in a subprocess. */
#include <glib.h>

#include <simgrid/actor.h>
#include <simgrid/engine.h>
#include <simgrid/host.h>

#include "engine/stackpool.h"

#define STACK_KIB 64

static sg_host_t host;
static int finished;     /* children that ran to their end */
static int deepest;      /* the sum of their recursions' answers */

/* a little recursion, so that a child uses more than its stack's top */
static int
depth (int n)
{
  volatile char pad[512];
  pad[0] = (char) n;
  return n == 0 ? pad[0] : 1 + depth (n - 1);
}

static void
child (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  sg_actor_sleep_for (1);
  deepest += depth (40);
  finished++;
}

/* starts N children: one after another (each joined and its actor gone
 * before the next), or all at once */
static void
parent (int argc, char **argv)
{
  int n = atoi (argv[1]);
  gboolean one_by_one = argc > 2;
  sg_actor_t *kids = g_new (sg_actor_t, n);
  for (int i = 0; i < n; i++) {
    g_autofree char *name = g_strdup_printf ("child-%d", i);
    kids[i] = sg_actor_create (name, host, child, 0, NULL);
    if (one_by_one) {
      sg_actor_join (kids[i], -1);
      sg_actor_sleep_for (1);   /* SimGrid frees an ended actor's stack later */
    }
  }
  if (!one_by_one)
    for (int i = 0; i < n; i++)
      sg_actor_join (kids[i], -1);
  g_free (kids);
}

/* Runs PARENT with N children (ONE_BY_ONE or not) and room for MAX stacks. */
static void
run (int n, gboolean one_by_one, size_t max)
{
  int argc = 3;
  char *argv[] = { (char *) "test-stackpool",
                   (char *) "--cfg=contexts/stack-size:" G_STRINGIFY (STACK_KIB),
                   (char *) "--cfg=contexts/guard-size:0", NULL };
  simgrid_init (&argc, argv);
  g_autofree char *platform = g_test_build_filename (G_TEST_DIST, "..", "platforms",
                                                     "laptop-2core.xml", NULL);
  simgrid_load_platform (platform);
  host = sg_host_list ()[0];
  gs_stackpool_init (STACK_KIB * 1024, max);
  g_autofree char *count = g_strdup_printf ("%d", n);
  char *args[] = { (char *) "parent", count, (char *) "1", NULL };
  sg_actor_create ("parent", host, parent, one_by_one ? 3 : 2, args);
  simgrid_run ();
}

static gboolean
pool_left_out (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return TRUE;
#endif
#endif
  return FALSE;
}

/* Children one after another: each takes the stack the one before left. */
static void
test_reuse (void)
{
  if (pool_left_out ()) {
    g_test_skip ("AddressSanitizer's build leaves the pool out");
    return;
  }
  if (g_test_subprocess ()) {
    run (5, TRUE, 100);
    size_t made, reused;
    gs_stackpool_counts (&made, &reused);
    g_assert_true (gs_stackpool_active ());
    g_assert_cmpint (finished, ==, 5);
    g_assert_cmpint (deepest, ==, 5 * 40);
    g_assert_cmpuint (made, ==, 2);      /* the parent's and the first child's */
    g_assert_cmpuint (reused, ==, 4);
    return;
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* More children at once than the pool has room for: the rest come from
 * glibc, and every child runs. */
static void
test_full (void)
{
  if (pool_left_out ()) {
    g_test_skip ("AddressSanitizer's build leaves the pool out");
    return;
  }
  if (g_test_subprocess ()) {
    run (9, FALSE, 4);
    size_t made, reused;
    gs_stackpool_counts (&made, &reused);
    g_assert_cmpint (finished, ==, 9);
    g_assert_cmpint (deepest, ==, 9 * 40);
    g_assert_cmpuint (made, ==, 4);
    g_assert_cmpuint (reused, ==, 0);
    return;
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* GILSIM_STACK_POOL=0 leaves the pool out: the same run, glibc's stacks. */
static void
test_off (void)
{
  if (g_test_subprocess ()) {
    g_setenv ("GILSIM_STACK_POOL", "0", TRUE);
    run (5, TRUE, 100);
    size_t made, reused;
    gs_stackpool_counts (&made, &reused);
    g_assert_false (gs_stackpool_active ());
    g_assert_cmpint (finished, ==, 5);
    g_assert_cmpuint (made + reused, ==, 0);
    return;
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stackpool/reuse", test_reuse);
  g_test_add_func ("/stackpool/full", test_full);
  g_test_add_func ("/stackpool/off", test_off);
  return g_test_run ();
}
