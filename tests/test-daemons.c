/* test-daemons.c: daemon threads stopped where they are when the program
 * ends, in every kind of process and in every kind of wait.
 *
 * SimGrid kills the daemon threads' actors once the last other thread has
 * ended.  A daemon killed while its Python code ran (the engine's timed
 * wait on an execution) used to abort the simulation ("The Impossible Did
 * Happen", issue #17): the scenario of the first case below.  Each case of
 * the table writes a scenario whose daemon threads are doing one thing
 * (running Python, waiting for the GIL, a lock, a queue, an event, a
 * sleep, a native call, I/O...) in one place (the main process, a forked,
 * spawned or forkserver child, a grandchild) when the program ends, and
 * checks that the run ends with a result in which the daemons were
 * stopped with the program, or, for the few a scenario cannot express,
 * with its one-line error. */
#include <glib/gstdio.h>
#include "run-gilsim.h"
#include "scratch.h"

/* What the daemons do: the body of d(name), and more lines before they
 * start (in the same function). */
typedef struct {
  const char *name;
  const char *body;
  const char *before;   /* or NULL */
  int count;            /* daemons started */
  const char *error;    /* a part of the expected one-line error, or NULL */
} Body;

static const Body bodies[] = {
  { "python", "    repeat forever:\n        python 1ms\n", NULL, 1, NULL },
  { "python2", "    repeat forever:\n        python 1ms\n", NULL, 2, NULL },
  { "gc", "    repeat forever:\n        python 1ms allocating 10000 objects\n", NULL, 1, NULL },
  { "lock", "    acquire L\n", "h = start 1 daemon thread hold(\"holder\")\n", 1, NULL },
  { "queue", "    get Q\n", NULL, 1, NULL },
  { "event", "    wait E\n", NULL, 1, NULL },
  { "semaphore", "    acquire S\n", NULL, 1, NULL },
  { "condition", "    with C:\n        wait C\n", NULL, 1, NULL },
  { "barrier", "    wait B\n", NULL, 1, NULL },
  { "process_queue", "    get PQ\n", NULL, 1, NULL },
  { "sleep", "    repeat forever:\n        sleep 1ms\n", NULL, 1, NULL },
  { "native", "    repeat forever:\n        native 1ms\n", NULL, 1, NULL },
  { "nogil", "    repeat forever:\n        native 1ms nogil\n", NULL, 1, NULL },
  { "read", "    repeat forever:\n        read 10MB from disk ssd\n", NULL, 1, NULL },
  { "write", "    repeat forever:\n        write 10MB to disk ssd\n        fsync disk ssd\n",
    NULL, 1, NULL },
  { "join", "    t = start 1 thread tick()\n    join t\n", NULL, 1, NULL },
  { "thread_pool", "    repeat forever:\n        pool 2 threads map item(i) over 4 items\n",
    NULL, 1, NULL },
  { "process_pool", "    repeat forever:\n        pool 2 processes map item(i) over 4 items\n",
    NULL, 1, NULL },
  { "process", "    repeat forever:\n        p = start 1 process item(1)\n        join p\n",
    NULL, 1, NULL },
  /* an event loop's tasks are not daemons: a task's endless loop is an
   * error wherever it runs */
  { "tasks", "    run 2 tasks coro()\n", NULL, 1, "would loop forever" },
};

/* Where they run: the main program, with START (the lines that start the
 * daemons) in it or in a child process. */
typedef struct {
  const char *name;
  const char *program;  /* @START@ stands for START, indented by 4 spaces
                           in a function */
} Place;

static const Place places[] = {
  /* the crash of issue #17: a forked child is still running when the main
   * thread ends; the daemon runs Python in the main process */
  { "main-with-child", "def child():\n    sleep 5ms\n"
                       "G = start 1 processes child() using fork\n@START@python 1ms\n" },
  { "main", "@START@sleep 5ms\n" },
  { "fork", "def child():\n@START@    sleep 5ms\nG = start 1 processes child() using fork\njoin G\n" },
  { "spawn", "def child():\n@START@    sleep 5ms\nG = start 1 processes child() using spawn\njoin G\n" },
  { "forkserver", "def child():\n@START@    sleep 5ms\n"
                  "G = start 1 processes child() using forkserver\njoin G\n" },
  { "fork-not-joined", "def child():\n@START@    sleep 5ms\n"
                       "G = start 1 processes child() using fork\nsleep 1ms\n" },
  { "grandchild", "def child():\n@START@    sleep 5ms\ndef mid():\n"
                  "    G = start 1 processes child() using fork\n    join G\n"
                  "M = start 1 processes mid() using fork\njoin M\n" },
};

typedef struct {
  const char *runtime;
  const Body *body;
  const Place *place;
} Case;

/* The lines that start the daemons, indented by INDENT spaces. */
static char *
start_lines (const Body *b, int indent)
{
  GString *s = g_string_new (NULL);
  if (b->before)
    g_string_append_printf (s, "%*s%s", indent, "", b->before);
  g_string_append_printf (s, "%*sD = start %d daemon threads d(\"daemon-{i}\")\n",
                          indent, "", b->count);
  return g_string_free (s, FALSE);
}

static char *
scenario_text (const Case *c)
{
  const char *root = g_getenv ("GILSIM_SOURCE_ROOT");
  gboolean in_child = strstr (c->place->program, "def child():\n@START@") != NULL;
  g_autofree char *start = start_lines (c->body, in_child ? 4 : 0);
  g_autoptr (GString) program = g_string_new (c->place->program);
  g_string_replace (program, "@START@", start, 1);
  return g_strdup_printf (
      "runtime %s\n"
      "platform \"%s/platforms/laptop-2core.xml\"\n"
      "lock L\nqueue Q\nevent E\nsemaphore S 0\ncondition C\nbarrier B 3\n"
      "process_queue PQ\n"
      "def hold(name):\n    acquire L\n    repeat forever:\n        sleep 10ms\n"
      "def tick():\n    repeat forever:\n        sleep 1ms\n"
      "def item(i):\n    python 1ms\n"
      "async def coro():\n    repeat forever:\n        await sleep 1ms\n"
      "def d(name):\n%s"
      "%s",
      c->runtime, root, c->body->body, program->str);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  /* a daemon killed inside a pool's map unwinds through that function's
   * automatic cleanups, where AddressSanitizer's no-return handler, on a
   * SimGrid actor's stack, reports its own sigaltstack call as a stack
   * overflow (google/sanitizers#189, as tests/sanitize.sh says) */
  if (g_getenv ("GILSIM_SANITIZED") && g_str_has_suffix (c->body->name, "_pool")) {
    g_test_skip ("AddressSanitizer's false report on a killed actor's stack");
    return;
  }
  g_autofree char *text = scenario_text (c);
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "daemons.gil", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  GilsimRun r = gilsim_run ("run", path, "--export-json", "-", NULL);
  if (c->body->error) {
    /* one line "FILE:LINE:COL: ...", exit 2 */
    gilsim_expect_error (&r, path);
    g_assert_nonnull (strstr (r.err, c->body->error));
  } else {
    if (r.status != 0)
      g_test_message ("scenario:\n%s", text);
    gilsim_expect_ok (&r);
    JsonParser *parser = json_parser_new ();
    JsonObject *res = gilsim_result (parser, &r, 0);
    double wall = gilsim_dbl (res, "wall_s");
    for (int k = 0; k < c->body->count; k++) {
      /* every daemon is reported, stopped when the program ended */
      g_autofree char *name = g_strdup_printf ("daemon-%d", k);
      JsonObject *w = gilsim_worker (res, name);
      g_assert_cmpstr (json_object_get_string_member (w, "kind"), ==, "daemon");
      g_assert_cmpfloat (gilsim_dbl (w, "end_s"), ==, wall);
    }
    g_object_unref (parser);
  }
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

/* Adds the case RUNTIME x B x P. */
static void
add_case (GPtrArray *keep, const char *runtime, const Body *b, const Place *p)
{
  Case *c = g_new (Case, 1);
  c->runtime = runtime;
  c->body = b;
  c->place = p;
  g_ptr_array_add (keep, c);
  g_autofree char *name = g_strdup_printf ("/daemons/%s/%s/%s", runtime, p->name, b->name);
  g_test_add_data_func (name, c, test_case);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  /* every wait in a forked child, with and without a GIL; the waits that
   * crashed (Python code running or waiting for the GIL) everywhere, and
   * under the old GIL */
  static const char *const runtimes[] = { "cpython-3.12", "cpython-3.13t" };
  const gsize fork = 2, n_running = 3;  /* places[2]; bodies[0..2] run Python */
  for (gsize r = 0; r < G_N_ELEMENTS (runtimes); r++) {
    for (gsize b = 0; b < G_N_ELEMENTS (bodies); b++)
      add_case (keep, runtimes[r], &bodies[b], &places[fork]);
    for (gsize p = 0; p < G_N_ELEMENTS (places); p++)
      for (gsize b = 0; b < n_running && p != fork; b++)
        add_case (keep, runtimes[r], &bodies[b], &places[p]);
  }
  for (gsize p = 0; p < G_N_ELEMENTS (places); p++)
    add_case (keep, "cpython-2.7", &bodies[1], &places[p]);
  return g_test_run ();
}
