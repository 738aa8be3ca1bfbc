/* parse_async.c: asyncio in a scenario: await, run N tasks, to_thread.
 *
 *   async def handle(i):          async def handle(i):
 *       python 2ms                    ... Python code ...
 *       await sleep 50ms              await asyncio.sleep(0.05)
 *       await to_thread io(i)         await asyncio.to_thread(io, i)
 *   run 100 tasks handle(i)       asyncio.run(gather(*(handle(i) for i in range(100))))
 */
#include "lang/parser_internal.h"

gboolean
gs_parse_async_is_stmt (Parser *p)
{
  const GsToken *t = peek (p), *t2 = peek2 (p);
  if (!is_word (t, "await") && !is_word (t, "run"))
    return FALSE;
  return !is_op (t2, "(") && !is_op (t2, "=") && t2->kind != TOK_NEWLINE;
}

/* The statements an await may precede: those that wait, with the GIL
 * released, for something outside the thread. */
static gboolean
awaitable (const GsStmt *s)
{
  switch (s->kind) {
  case GS_STMT_SLEEP: case GS_STMT_REQUEST: case GS_STMT_SEND:
  case GS_STMT_RECEIVE: case GS_STMT_DISK: case GS_STMT_SYNC:
  case GS_STMT_JOIN: case GS_STMT_CALL: case GS_STMT_TO_THREAD:
    return TRUE;
  default:
    return FALSE;
  }
}

/* 'to_thread' NAME args, after 'await' */
static GsStmt *
parse_to_thread (Parser *p, GError **error)
{
  const GsToken *kw = next (p);
  g_autoptr (GsStmt) s = gs_parse_new_stmt (GS_STMT_TO_THREAD, kw);
  s->name = g_strdup ("to_thread");
  if (!gs_parse_expect_name (p, "the function to run in a thread", &s->func,
                             &s->func_loc, error) ||
      !gs_parse_args (p, &s->args, error))
    return NULL;
  const GsToken *t = peek (p);
  if (t->kind != TOK_NEWLINE)
    return expected (p, error, "end of line"), NULL;
  next (p);
  return g_steal_pointer (&s);
}

/* 'await' STMT */
static GsStmt *
parse_await (Parser *p, GError **error)
{
  const GsToken *kw = next (p);
  if (!p->in_async)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, kw->line, kw->col,
                     "'await' belongs inside an async def; a thread waits "
                     "without it (sleep 10ms)"), NULL;
  if (is_word (peek (p), "await"))
    return expected (p, error, "a statement after 'await'"), NULL;
  GsStmt *s = is_word (peek (p), "to_thread") ? parse_to_thread (p, error)
                                              : gs_parse_stmt (p, error);
  if (s == NULL)
    return NULL;
  if (!awaitable (s)) {
    error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, s->loc.line, s->loc.col,
              "this statement cannot be awaited; await sleep, request, send, "
              "receive, read, write, fsync, get, put, wait, join, to_thread "
              "f(...) or a call of an async def (python and native run "
              "without await)");
    gs_scenario_stmt_free (s);
    return NULL;
  }
  s->awaited = TRUE;
  return s;
}

/* 'run' expr ('tasks'|'task') NAME args: asyncio.run of a gather */
static GsStmt *
parse_run (Parser *p, GError **error)
{
  const GsToken *kw = next (p);
  g_autoptr (GsStmt) s = gs_parse_new_stmt (GS_STMT_START, kw);
  s->start_kind = GS_START_TASKS;
  if ((s->e1 = gs_expr_parse (p, error)) == NULL)
    return NULL;
  const GsToken *t = peek (p);
  if (!is_word (t, "tasks") && !is_word (t, "task"))
    return expected (p, error, "'tasks' (run N tasks f(...))"), NULL;
  next (p);
  if (!gs_parse_expect_name (p, "the async def to run", &s->func, &s->func_loc,
                             error) ||
      !gs_parse_args (p, &s->args, error))
    return NULL;
  if (peek (p)->kind != TOK_NEWLINE)
    return expected (p, error, "end of line"), NULL;
  next (p);
  return g_steal_pointer (&s);
}

GsStmt *
gs_parse_async_stmt (Parser *p, GError **error)
{
  if (is_word (peek (p), "await"))
    return parse_await (p, error);
  return parse_run (p, error);
}
