/* test-parse-sync.c: the grammar of the synchronisation objects
 * (sim/lang/parse_sync.c): declarations, statements, and the words that
 * stay ordinary names where no object's name follows them. */
#include <string.h>
#include <glib.h>
#include "lang/scenario.h"

static GsScenario *
parse (const char *src, GError **error)
{
  return gs_scenario_parse ("t.gil", src, strlen (src), error);
}

static const GsStmt *
stmt (const GsScenario *sc, guint k)
{
  g_assert_cmpuint (k, <, sc->main->len);
  return sc->main->pdata[k];
}

static void
test_declarations (void)
{
  const char *src =
    "N = 2\n"
    "queue jobs maxsize N + 1\n"
    "queue unbounded\n"
    "event ready\n"
    "condition c\n"
    "semaphore slots 3\n"
    "semaphore one\n"
    "bounded_semaphore conns 2\n"
    "barrier b 4\n"
    "rlock r\n"
    "put jobs\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = parse (src, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc->syncs->len, ==, 9);
  const GsSyncDecl *d = gs_scenario_sync (sc, "jobs");
  g_assert_cmpint (d->kind, ==, GS_SYNC_QUEUE);
  g_assert_nonnull (d->value);
  g_assert_cmpint (d->loc.line, ==, 2);
  g_assert_null (gs_scenario_sync (sc, "unbounded")->value);
  g_assert_null (gs_scenario_sync (sc, "one")->value);
  g_assert_cmpint (gs_scenario_sync (sc, "conns")->kind, ==, GS_SYNC_BOUNDED_SEMAPHORE);
  g_assert_cmpint (gs_scenario_sync (sc, "b")->kind, ==, GS_SYNC_BARRIER);
  g_assert_cmpint (gs_scenario_sync (sc, "r")->kind, ==, GS_SYNC_RLOCK);
  g_assert_null (gs_scenario_sync (sc, "nothing"));
}

static void
test_statements (void)
{
  const char *src =
    "lock L\n"
    "queue jobs maxsize 2\n"
    "event ready\n"
    "condition c\n"
    "semaphore slots 2\n"
    "def get(x):\n"             /* 'get' stays a function's name */
    "    sleep x\n"
    "get(1ms)\n"
    "put jobs\n"
    "get jobs timeout 5ms\n"
    "set ready\n"
    "wait ready timeout 1s\n"
    "with c:\n"
    "    notify c 2\n"
    "    notify_all c\n"
    "with slots:\n"
    "    sleep 1ms\n"
    "acquire L timeout 10ms\n"
    "release L\n"
    "task_done jobs\n"
    "join jobs\n"
    "w = start 1 thread get(1ms)\n"
    "join w timeout 1s\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = parse (src, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stmt (sc, 0)->kind, ==, GS_STMT_CALL);
  const GsStmt *s = stmt (sc, 1);
  g_assert_cmpint (s->kind, ==, GS_STMT_SYNC);
  g_assert_cmpint (s->sync_op, ==, GS_SYNC_PUT);
  g_assert_cmpstr (s->name, ==, "jobs");
  g_assert_null (s->e1);
  s = stmt (sc, 2);
  g_assert_cmpint (s->sync_op, ==, GS_SYNC_GET);
  g_assert_nonnull (s->e1);
  g_assert_cmpint (s->e1->dim, ==, GS_DIM_DURATION);
  g_assert_cmpint (stmt (sc, 3)->sync_op, ==, GS_SYNC_SET);
  g_assert_cmpint (stmt (sc, 4)->sync_op, ==, GS_SYNC_WAIT);
  s = stmt (sc, 5);
  g_assert_cmpint (s->kind, ==, GS_STMT_WITH_LOCK);
  g_assert_cmpstr (s->name, ==, "c");
  const GsStmt *n = s->body->pdata[0];
  g_assert_cmpint (n->sync_op, ==, GS_SYNC_NOTIFY);
  g_assert_nonnull (n->e2);
  g_assert_cmpint (((GsStmt *) s->body->pdata[1])->sync_op, ==, GS_SYNC_NOTIFY_ALL);
  g_assert_cmpint (stmt (sc, 6)->kind, ==, GS_STMT_WITH_LOCK);
  s = stmt (sc, 7);
  g_assert_cmpint (s->sync_op, ==, GS_SYNC_ACQUIRE);
  g_assert_nonnull (s->e1);
  g_assert_cmpint (stmt (sc, 8)->sync_op, ==, GS_SYNC_RELEASE);
  g_assert_cmpint (stmt (sc, 9)->sync_op, ==, GS_SYNC_TASK_DONE);
  /* join on a queue is Queue.join(); on a group, Thread.join() */
  s = stmt (sc, 10);
  g_assert_cmpint (s->kind, ==, GS_STMT_SYNC);
  g_assert_cmpint (s->sync_op, ==, GS_SYNC_JOIN);
  s = stmt (sc, 12);
  g_assert_cmpint (s->kind, ==, GS_STMT_JOIN);
  g_assert_nonnull (s->e1);
}

/* Each bad input fails with its message at the place to fix. */
static void
test_errors (void)
{
  static const struct {
    const char *src, *prefix;
  } cases[] = {
    { "queue q\nput r\n", "t.gil:2:5: unknown queue 'r'" },
    { "event e\nput e\n", "t.gil:2:5: 'e' is a threading.Event (line 1); 'put' takes a queue" },
    { "queue q\nwith q:\n    sleep 1ms\n", "t.gil:2:6: 'q' is a queue.Queue" },
    { "event e\nset e timeout 1s\n", "t.gil:2:7: 'set' does not wait" },
    { "barrier b\nsleep 1ms\n", "t.gil:1:10: expected the number of threads" },
    { "queue q\nevent q\nsleep 1ms\n", "t.gil:2:7: 'q' is declared twice" },
    { "lock a\nrlock a\nsleep 1ms\n", "t.gil:2:7: 'a' is also declared as a lock" },
    { "def f():\n    event e\nf()\n", "t.gil:2:5: 'event' declares a threading.Event" },
    { "queue q maxsize\nsleep 1ms\n", "t.gil:1:16: expected a value" },
    { "queue q size 2\nsleep 1ms\n", "t.gil:1:9: expected end of line or 'maxsize N'" },
    { "acquire nolock\n", "t.gil:1:9: unknown lock 'nolock'" },
    { "queue q\njoin q timeout 1s\n", "t.gil:2:16: Queue.join takes no timeout" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    GError *error = NULL;
    GsScenario *sc = parse (cases[i].src, &error);
    g_assert_null (sc);
    g_assert_nonnull (error);
    if (!g_str_has_prefix (error->message, cases[i].prefix))
      g_test_message ("case %" G_GSIZE_FORMAT ": got \"%s\"", i, error->message);
    g_assert_true (g_str_has_prefix (error->message, cases[i].prefix));
    g_error_free (error);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/parse-sync/declarations", test_declarations);
  g_test_add_func ("/parse-sync/statements", test_statements);
  g_test_add_func ("/parse-sync/errors", test_errors);
  return g_test_run ();
}
