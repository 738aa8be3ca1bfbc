/* test-parser.c: the scenario language's grammar and name checks. */
#include <string.h>
#include <glib.h>
#include "lang/scenario.h"

static GsScenario *
parse (const char *src, GError **error)
{
  return gs_scenario_parse ("dir/t.gil", src, strlen (src), error);
}

static void
test_seed_shape (void)
{
  const char *src =
    "# the seed\n"
    "runtime cpython-3.12 switch_interval = 1ms\n"
    "platform \"../p.xml\"\n"
    "N = 3\n"
    "M = 2 * N\n"
    "lock db, a\n"
    "import threading\n"
    "def worker(name, k):\n"
    "    print \"{name} started.\"\n"
    "    python 10**7 iterations\n"
    "    repeat k:\n"
    "        sleep 1ms\n"
    "        native 20ms nogil lock db\n"
    "    with lock a:\n"
    "        native numpy.random.rand(10**7)\n"
    "threads = start N threads worker(\"Thread-{i}\", i + 1)\n"
    "procs = start M processes worker(\"P-{i}\", 2) using spawn\n"
    "join threads\n"
    "join procs\n"
    "worker(\"inline\", 1)\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = parse (src, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sc->runtime, ==, "cpython-3.12");
  g_assert_cmpuint (sc->options->len, ==, 1);
  g_assert_cmpstr (sc->platform, ==, "p.xml");
  g_assert_cmpuint (sc->params->len, ==, 2);
  g_assert_cmpuint (sc->funcs->len, ==, 1);
  const GsFunc *f = gs_scenario_func (sc, "worker");
  g_assert_nonnull (f);
  g_assert_cmpuint (f->params->len, ==, 2);
  g_assert_cmpuint (f->body->len, ==, 4);
  const GsStmt *rep = f->body->pdata[2];
  g_assert_cmpint (rep->kind, ==, GS_STMT_REPEAT);
  const GsStmt *nat = rep->body->pdata[1];
  g_assert_cmpint (nat->kind, ==, GS_STMT_NATIVE);
  g_assert_true (nat->nogil);
  g_assert_cmpstr (nat->lock, ==, "db");
  const GsStmt *with = f->body->pdata[3];
  g_assert_cmpstr (((GsStmt *) with->body->pdata[0])->preset, ==, "numpy.random.rand");
  g_assert_cmpuint (sc->main->len, ==, 6);
  const GsStmt *st = sc->main->pdata[1];
  g_assert_cmpint (st->kind, ==, GS_STMT_START);
  g_assert_cmpint (st->start_kind, ==, GS_START_THREADS);
  g_assert_cmpstr (st->name, ==, "threads");
  const GsStmt *sp = sc->main->pdata[2];
  g_assert_cmpint (sp->start_kind, ==, GS_START_PROCESSES);
  g_assert_cmpstr (sp->method, ==, "spawn");
}

static void
test_precedence (void)
{
  g_autoptr (GsScenario) sc = parse ("X = -2 ** 2 + 3 * 4\nsleep 1s\n", NULL);
  g_assert_nonnull (sc);
  const GsExpr *e = ((GsParam *) sc->params->pdata[0])->value;
  g_assert_cmpint (e->kind, ==, GS_EXPR_BINARY);
  g_assert_cmpstr (e->text, ==, "+");
  g_assert_cmpint (e->a->kind, ==, GS_EXPR_NEG);        /* -(2**2) */
  g_assert_cmpstr (e->a->a->text, ==, "**");
  g_assert_cmpstr (e->b->text, ==, "*");
}

/* The resource statements: disks, servers and requests, pools, native
 * threads. */
static void
test_resources (void)
{
  const char *src =
    "server web on host2 service 50ms concurrency 4\n"
    "server db on \"db-1\"\n"
    "def w(k):\n"
    "    write 64MiB to disk ssd chunk 1MiB\n"
    "    fsync disk ssd\n"
    "    read 64MiB from disk ssd\n"
    "    request 100KB from web sending 1KB\n"
    "    native 100ms threads 8 nogil\n"
    "pool 4 processes map w(i) over 100 items chunksize 10 argsize 1MB "
    "resultsize 1KB using spawn\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = parse (src, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc->servers->len, ==, 2);
  const GsServer *web = gs_scenario_server (sc, "web");
  g_assert_cmpstr (web->host, ==, "host2");
  g_assert_nonnull (web->service);
  g_assert_nonnull (web->concurrency);
  g_assert_cmpstr (gs_scenario_server (sc, "db")->host, ==, "db-1");
  g_assert_null (gs_scenario_server (sc, "db")->service);
  const GsFunc *f = gs_scenario_func (sc, "w");
  const GsStmt *wr = f->body->pdata[0], *fs = f->body->pdata[1], *rd = f->body->pdata[2];
  g_assert_cmpint (wr->kind, ==, GS_STMT_DISK);
  g_assert_cmpint (wr->io, ==, GS_IO_WRITE);
  g_assert_cmpstr (wr->name, ==, "ssd");
  g_assert_nonnull (wr->e2);
  g_assert_cmpint (fs->io, ==, GS_IO_FSYNC);
  g_assert_null (fs->e1);
  g_assert_cmpint (rd->io, ==, GS_IO_READ);
  g_assert_null (rd->e2);
  const GsStmt *rq = f->body->pdata[3];
  g_assert_cmpint (rq->kind, ==, GS_STMT_REQUEST);
  g_assert_cmpstr (rq->name, ==, "web");
  g_assert_nonnull (rq->e2);
  const GsStmt *nat = f->body->pdata[4];
  g_assert_nonnull (nat->e2);
  g_assert_true (nat->nogil);
  const GsStmt *pool = sc->main->pdata[0];
  g_assert_cmpint (pool->kind, ==, GS_STMT_POOL);
  g_assert_cmpstr (pool->func, ==, "w");
  g_assert_cmpstr (pool->method, ==, "spawn");
  g_assert_nonnull (pool->items);
  g_assert_nonnull (pool->chunksize);
  g_assert_nonnull (pool->argsize);
  g_assert_nonnull (pool->resultsize);
}

typedef struct {
  const char *src;
  const char *prefix;
  const char *word;
} Bad;

static void
test_errors (void)
{
  static const Bad bad[] = {
    { "sleep\n", "dir/t.gil:1:6:", "expected a value" },
    { "def w()\n    sleep 1s\nw()\n", "dir/t.gil:1:8:", "expected ':'" },
    { "def w():\nsleep 1s\n", "dir/t.gil:2:1:", "indented block" },
    { "frobnicate 3\n", "dir/t.gil:1:1:", "unknown statement" },
    { "sleep x\n", "dir/t.gil:1:7:", "unknown name 'x'" },
    { "def w(a):\n    print \"{b}\"\nw(1)\n", "dir/t.gil:2:12:", "unknown name 'b'" },
    { "w()\n", "dir/t.gil:1:1:", "unknown function 'w'" },
    { "def w(a):\n    sleep 1s\nw()\n", "dir/t.gil:3:1:", "takes 1 argument" },
    { "join t\n", "dir/t.gil:1:6:", "names no group" },
    { "def a():\n    b()\ndef b():\n    a()\na()\n", "dir/t.gil:", "itself" },
    { "def w():\n    sleep 1s\ndef w():\n    sleep 1s\nw()\n", "dir/t.gil:3:5:", "defined twice" },
    { "N = 1\nN = 2\nsleep 1s\n", "dir/t.gil:2:1:", "set twice" },
    { "native foo.bar(3)\n", "dir/t.gil:1:8:", "unknown native function" },
    { "def w():\n    sleep 1s\nt = start 2 threads w() using fork\n", "dir/t.gil:3:25:", "processes only" },
    { "def w():\n    sleep 1s\nt = start 2 processes w() using vfork\n", "dir/t.gil:3:33:", "unknown start method" },
    { "def w():\n    def v():\n        sleep 1s\nw()\n", "dir/t.gil:2:5:", "top level" },
    { "N = 3\n", "dir/t.gil:1:1:", "no main program" },
    { "write 1MB disk ssd\n", "dir/t.gil:1:11:", "'to disk NAME'" },
    { "read 1MB from ssd\n", "dir/t.gil:1:15:", "'disk NAME'" },
    { "request 1KB from web\n", "dir/t.gil:1:18:", "unknown server 'web'" },
    { "server web on h\nserver web on h\nrequest 1KB from web\n", "dir/t.gil:2:8:",
      "declared twice" },
    { "def w():\n    server web on h\nw()\n", "dir/t.gil:2:5:", "top level" },
    { "def w(k):\n    sleep 1s\npool 2 processes map w(j) over 4 items\n",
      "dir/t.gil:3:24:", "unknown name 'j'" },
    { "def w(k):\n    sleep 1s\npool 2 processes map w(i) over 4\n",
      "dir/t.gil:3:", "'items'" },
    { "runtime\n", "dir/t.gil:1:8:", "runtime name" },
    { "print \"a } b\"\n", "dir/t.gil:1:10:", "single '}'" },
    { "sleep ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1s\n",
      "dir/t.gil:1:", "nested too deeply" },
    { "if 1 < 2 < 3:\n    sleep 1s\n", "dir/t.gil:1:10:", "do not chain" },
    { "N = 1\nif N = 1:\n    sleep 1s\n", "dir/t.gil:2:6:", "compare with '=='" },
    { "if 1\n    sleep 1s\n", "dir/t.gil:1:5:", "expected ':'" },
    { "else:\n    sleep 1s\n", "dir/t.gil:1:1:", "without an 'if'" },
    { "sleep 1s\nelif 1:\n    sleep 1s\n", "dir/t.gil:2:1:", "without an 'if'" },
    { "if x > 1:\n    sleep 1s\n", "dir/t.gil:1:4:", "unknown name 'x'" },
    { "if 1:\n    sleep 1s\nelse:\n    sleep y\n", "dir/t.gil:4:11:", "unknown name 'y'" },
    { "not = 3\nsleep 1s\n", "dir/t.gil:1:1:", "keyword" },
    { "sleep 1s if 1\n", "dir/t.gil:1:10:", "end of line" },
    { "sleep gauss(1ms, 2ms)\n", "dir/t.gil:1:7:", "unknown function 'gauss'" },
    { "sleep exponential(1ms, 2ms)\n", "dir/t.gil:1:7:", "takes 1 argument, 2 given" },
    { "sleep normal(1ms)\n", "dir/t.gil:1:7:", "takes 2 arguments, 1 given" },
    { "sleep uniform(1ms, 2ms\n", "dir/t.gil:1:14:", "not closed" },
    { "sleep uniform(1ms 2ms)\n", "dir/t.gil:1:", "" },
    { "sleep uniform(x, 2ms)\n", "dir/t.gil:1:15:", "unknown name 'x'" },
    { "def w():\n    sleep 1s\nt = start 1 daemon processes w()\n", "dir/t.gil:3:20:",
      "applies to threads" },
    { "def w():\n    sleep 1s\nt = start 1 daemon w()\n", "dir/t.gil:3:20:",
      "'threads' after 'daemon'" },
    { "while 1:\n    sleep 1s\n", "dir/t.gil:1:1:", "repeat forever" },
    { "def w(k):\n    sleep 1s\npool 2 threads map w(i) over 4 items argsize 1MB\n",
      "dir/t.gil:3:38:", "'argsize' applies to process pools" },
    { "def w(k):\n    sleep 1s\npool 2 threads map w(i) over 4 items using fork\n",
      "dir/t.gil:3:38:", "a thread pool has none" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    GError *error = NULL;
    GsScenario *sc = parse (bad[i].src, &error);
    g_assert_null (sc);
    g_assert_nonnull (error);
    if (!g_str_has_prefix (error->message, bad[i].prefix) ||
        strstr (error->message, bad[i].word) == NULL)
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, error->message);
    g_assert_true (g_str_has_prefix (error->message, bad[i].prefix));
    g_assert_nonnull (strstr (error->message, bad[i].word));
    g_assert_null (strchr (error->message, '\n'));
    g_error_free (error);
  }
}

/* if / elif / else: an elif is an if in the else branch. */
static void
test_if (void)
{
  const char *src =
    "def w(k, name):\n"
    "    if k % 2 == 0 and name != \"x\":\n"
    "        python 1ms\n"
    "        sleep 1ms\n"
    "    elif not k > 3:\n"
    "        sleep 2ms\n"
    "    else:\n"
    "        sleep 3ms\n"
    "    if k:\n"
    "        print \"{name}\"\n"
    "t = start 2 threads w(i, \"T{i}\")\n"
    "join t\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = parse (src, &error);
  g_assert_no_error (error);
  const GsFunc *f = gs_scenario_func (sc, "w");
  g_assert_cmpuint (f->body->len, ==, 2);
  const GsStmt *s = f->body->pdata[0];
  g_assert_cmpint (s->kind, ==, GS_STMT_IF);
  g_assert_cmpint (s->e1->kind, ==, GS_EXPR_AND);
  g_assert_cmpint (s->e1->a->kind, ==, GS_EXPR_COMPARE);
  g_assert_cmpstr (s->e1->a->text, ==, "==");
  g_assert_cmpstr (s->e1->a->a->text, ==, "%");
  g_assert_cmpuint (s->body->len, ==, 2);
  g_assert_cmpuint (s->orelse->len, ==, 1);
  const GsStmt *elif = s->orelse->pdata[0];
  g_assert_cmpint (elif->kind, ==, GS_STMT_IF);
  g_assert_cmpint (elif->e1->kind, ==, GS_EXPR_NOT);
  g_assert_cmpuint (elif->orelse->len, ==, 1);
  const GsStmt *plain = f->body->pdata[1];
  g_assert_null (plain->orelse);
}

/* start N daemon threads, repeat forever; 'forever' and 'daemon' stay
 * names elsewhere. */
static void
test_daemon (void)
{
  const char *src =
    "forever = 2\n"
    "def hb(daemon):\n"
    "    repeat forever as k:\n"
    "        sleep 1ms\n"
    "    repeat forever:\n"
    "        sleep 1ms\n"
    "    repeat forever + 1:\n"
    "        sleep daemon\n"
    "h = start 1 daemon thread hb(1ms)\n"
    "w = start 2 threads hb(1ms)\n"
    "join w\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = parse (src, &error);
  g_assert_no_error (error);
  const GsFunc *f = gs_scenario_func (sc, "hb");
  const GsStmt *r0 = f->body->pdata[0], *r1 = f->body->pdata[1], *r2 = f->body->pdata[2];
  g_assert_true (r0->forever);
  g_assert_null (r0->e1);
  g_assert_cmpstr (r0->name, ==, "k");
  g_assert_true (r1->forever);
  g_assert_false (r2->forever);
  g_assert_cmpstr (r2->e1->text, ==, "+");
  g_assert_true (((GsStmt *) sc->main->pdata[0])->daemon);
  g_assert_false (((GsStmt *) sc->main->pdata[1])->daemon);
  const char *pools =
    "def w(k):\n    sleep 1s\n"
    "pool 3 threads map w(i) over 10 items\n"
    "pool 3 processes map w(i) over 10 items chunksize 2\n";
  g_autoptr (GsScenario) ps = parse (pools, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((GsStmt *) ps->main->pdata[0])->start_kind, ==, GS_START_THREADS);
  g_assert_cmpint (((GsStmt *) ps->main->pdata[1])->start_kind, ==, GS_START_PROCESSES);
}

static void
test_value_parse (void)
{
  GError *error = NULL;
  GsExpr *e = gs_expr_parse_value ("-L N", "10**7", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->text, ==, "**");
  gs_expr_free (e);
  e = gs_expr_parse_value ("-L runtime", "cpython-3.13t", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->kind, ==, GS_EXPR_STRING);
  g_assert_cmpstr (e->text, ==, "cpython-3.13t");
  gs_expr_free (e);
  e = gs_expr_parse_value ("-L N", "3 3", &error);
  g_assert_null (e);
  g_assert_true (g_str_has_prefix (error->message, "-L N:1:3:"));
  g_clear_error (&error);
}

/* `shared NAME` declares objects threads share; `python ... touching NAME
 * [N times]` says how often code touches one (once an iteration without
 * a count); the words stay usable as names elsewhere. */
/* Shared dicts and lists, allocations and the gc line. */
static void
test_gc (void)
{
  const char *src =
    "shared a dict, b, c list\n"
    "gc heap 10**6 objects threshold 700\n"
    "def w():\n"
    "    python 5ms touching a 100 times allocating 1e4 objects\n"
    "    python 5ms allocating 2 * 10 objects\n"
    "t = start 2 threads w()\n"
    "join t\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = parse (src, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc->shared->len, ==, 3);
  g_assert_cmpuint (sc->shared_locked->len, ==, 2);
  g_assert_cmpstr (sc->shared_locked->pdata[0], ==, "a");
  g_assert_cmpstr (sc->shared_locked->pdata[1], ==, "c");
  g_assert_nonnull (sc->gc_heap);
  g_assert_nonnull (sc->gc_threshold);
  g_assert_cmpint (sc->gc_loc.line, ==, 2);
  const GsFunc *f = gs_scenario_func (sc, "w");
  const GsStmt *a = f->body->pdata[0], *b = f->body->pdata[1];
  g_assert_cmpstr (a->name, ==, "a");
  g_assert_nonnull (a->e2);
  g_assert_nonnull (a->allocs);
  g_assert_null (b->name);
  g_assert_cmpint (b->allocs->kind, ==, GS_EXPR_BINARY);
  /* without a gc line, nothing is set */
  g_autoptr (GsScenario) plain = parse ("python 1ms\n", &error);
  g_assert_no_error (error);
  g_assert_null (plain->gc_heap);
  g_assert_cmpint (plain->gc_loc.line, ==, 0);
}

/* Each of the N cases BAD (source, the message's start, a part of it)
 * fails to parse with that message. */
static void
assert_bad (const char *const bad[][3], gsize n)
{
  for (gsize i = 0; i < n; i++) {
    GError *err = NULL;
    g_autoptr (GsScenario) none = parse (bad[i][0], &err);
    g_assert_null (none);
    g_assert_nonnull (err);
    if (!g_str_has_prefix (err->message, bad[i][1]) || !strstr (err->message, bad[i][2]))
      g_error ("%s: %s", bad[i][0], err->message);
    g_error_free (err);
  }
}

static void
test_shared (void)
{
  const char *src =
    "shared handler, module.double\n"
    "times = 3\n"
    "def w():\n"
    "    python 10**6 iterations touching handler\n"
    "    python 5ms touching module.double 2 * 10**4 times\n"
    "    python 10 iterations\n"
    "t = start times threads w()\n"
    "join t\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = parse (src, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc->shared->len, ==, 2);
  g_assert_cmpstr (sc->shared->pdata[0], ==, "handler");
  g_assert_cmpstr (sc->shared->pdata[1], ==, "module.double");
  const GsFunc *f = gs_scenario_func (sc, "w");
  const GsStmt *a = f->body->pdata[0], *b = f->body->pdata[1], *c = f->body->pdata[2];
  g_assert_cmpint (a->kind, ==, GS_STMT_PYTHON);
  g_assert_true (a->iterations);
  g_assert_cmpstr (a->name, ==, "handler");
  g_assert_null (a->e2);
  g_assert_cmpint (a->name_loc.col, ==, 38);
  g_assert_cmpstr (b->name, ==, "module.double");
  g_assert_nonnull (b->e2);
  g_assert_cmpint (b->e2->kind, ==, GS_EXPR_BINARY);
  g_assert_null (c->name);
  g_assert_null (c->e2);

  static const char *const bad[][3] = {
    { "python 1 iterations touching x\n", "dir/t.gil:1:30:", "unknown shared object 'x'" },
    { "shared x\nshared x\npython 1\n", "dir/t.gil:2:8:", "declared twice" },
    { "shared x\npython 1ms touching x 3\n", "dir/t.gil:2:24:", "'times'" },
    { "shared x y\npython 1\n", "dir/t.gil:1:10:", "a dict, a list or neither" },
    { "shared x dict y\npython 1\n", "dir/t.gil:1:15:", "',' and another name" },
    { "python 1ms allocating 5\n", "dir/t.gil:1:24:", "'objects'" },
    { "gc heap 5 objects\ngc threshold 7\npython 1\n", "dir/t.gil:2:1:",
      "described twice" },
    { "gc threshold 7 threshold 8\npython 1\n", "dir/t.gil:1:16:", "given twice" },
    { "gc heap 5\npython 1\n", "dir/t.gil:1:10:", "'objects' after the heap" },
    { "gc heap 5 objects bytes\npython 1\n", "dir/t.gil:1:19:", "'heap N objects'" },
    { "shared x\npython 1ms touching\n", "dir/t.gil:2:20:", "the shared object" },
  };
  assert_bad (bad, G_N_ELEMENTS (bad));
}

/* `python N iterations compact`: a loop whose sum stays one digit; a
 * wrong word after `iterations`, or `compact` without it, is an error at
 * that word */
static void
test_compact (void)
{
  const char *src =
    "def w():\n"
    "    repeat 2000:\n"
    "        python 1000 iterations compact\n"
    "    python 10 iterations\n"
    "    python 5 iteration compact touching h\n"
    "shared h\n"
    "t = start 2 threads w()\n"
    "join t\n";
  GError *error = NULL;
  g_autoptr (GsScenario) sc = parse (src, &error);
  g_assert_no_error (error);
  const GsFunc *f = gs_scenario_func (sc, "w");
  const GsStmt *rep = f->body->pdata[0];
  const GsStmt *a = rep->body->pdata[0], *b = f->body->pdata[1], *c = f->body->pdata[2];
  g_assert_cmpint (a->kind, ==, GS_STMT_PYTHON);
  g_assert_true (a->iterations);
  g_assert_true (a->compact);
  g_assert_true (b->iterations);
  g_assert_false (b->compact);
  g_assert_true (c->compact);
  g_assert_cmpstr (c->name, ==, "h");

  static const char *const bad[][3] = {
    { "python 1000 iterations compcat\n", "dir/t.gil:1:24:", "unknown kind of loop 'compcat'" },
    { "python 1000 compact\n", "dir/t.gil:1:13:", "after a count and 'iterations'" },
    { "python 1ms compact\n", "dir/t.gil:1:12:", "'compact' says what a loop adds" },
    { "python 10 iterations compact compact\n", "dir/t.gil:1:30:", "end of line" },
  };
  assert_bad (bad, G_N_ELEMENTS (bad));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/parser/seed-shape", test_seed_shape);
  g_test_add_func ("/parser/precedence", test_precedence);
  g_test_add_func ("/parser/resources", test_resources);
  g_test_add_func ("/parser/errors", test_errors);
  g_test_add_func ("/parser/if", test_if);
  g_test_add_func ("/parser/daemon", test_daemon);
  g_test_add_func ("/parser/value", test_value_parse);
  g_test_add_func ("/parser/shared", test_shared);
  g_test_add_func ("/parser/gc", test_gc);
  g_test_add_func ("/parser/compact", test_compact);
  return g_test_run ();
}
