/* parse_pool.c: which call a `pool` statement stands for (Pool.map,
 * imap_unordered, apply_async, an executor's map or submit) and which of
 * its options that call takes; pipes as the target of send; the
 * exceptions a try catches. */
#include "lang/parser_internal.h"

#include <string.h>

/* The words after `pool N processes|threads [executor]`. */
typedef struct {
  const char *word;
  GsPoolCall call;          /* for processes without 'executor' */
  gboolean executor;        /* an executor's method (map also is one) */
  gboolean pool;            /* a multiprocessing.Pool method */
} CallWord;

static const CallWord calls[] = {
  { "map", GS_POOL_MAP, TRUE, TRUE },
  { "imap_unordered", GS_POOL_IMAP_UNORDERED, FALSE, TRUE },
  { "apply_async", GS_POOL_APPLY_ASYNC, FALSE, TRUE },
  { "submit", GS_POOL_EXECUTOR_SUBMIT, TRUE, FALSE },
};

gboolean
gs_parse_pool_call (Parser *p, GsStmt *s, GError **error)
{
  gboolean threads = s->start_kind == GS_START_THREADS;
  gboolean executor = FALSE;
  if (is_word (peek (p), "executor")) {
    next (p);
    executor = TRUE;
  }
  const GsToken *t = peek (p);
  const CallWord *c = NULL;
  for (guint k = 0; k < G_N_ELEMENTS (calls); k++)
    if (is_word (t, calls[k].word))
      c = &calls[k];
  if (c == NULL)
    return expected (p, error, threads ? "'map' or 'submit' (pool 4 threads map "
                                         "f(i) over 10 items)"
                                       : "'map', 'imap_unordered', 'apply_async' "
                                         "or 'submit' (pool 4 processes map f(i) "
                                         "over 100 items)");
  if ((threads || executor) && !c->executor)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "%s has map and submit; '%s' is a method of "
                     "multiprocessing.Pool: write pool N processes %s ...",
                     threads ? "a thread pool (ThreadPoolExecutor)"
                             : "ProcessPoolExecutor", t->text, t->text);
  next (p);
  if (threads || executor || c->call == GS_POOL_EXECUTOR_SUBMIT)
    s->pool_call = c->call == GS_POOL_MAP ? GS_POOL_EXECUTOR_MAP
                                          : GS_POOL_EXECUTOR_SUBMIT;
  else
    s->pool_call = c->call;
  return TRUE;
}

gboolean
gs_parse_pool_option (Parser *p, const GsStmt *s, const GsToken *t, GError **error)
{
  if (!is_word (t, "chunksize"))
    return TRUE;
  if (s->pool_call == GS_POOL_APPLY_ASYNC)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "apply_async sends each call as a task of its own: "
                     "'chunksize' applies to map and imap_unordered; remove it");
  if (s->pool_call == GS_POOL_EXECUTOR_SUBMIT && s->start_kind == GS_START_PROCESSES)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "submit sends each call as a work item of its own: "
                     "'chunksize' applies to map (executor map f(i) over K "
                     "items chunksize C); remove it");
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Pipes: send SIZE to PIPE                                                */

gboolean
gs_parse_pool_is_pipe (Parser *p, const char *name)
{
  const GsSyncDecl *d = gs_scenario_sync (p->sc, name);
  return d != NULL && d->kind == GS_SYNC_PIPE;
}

gboolean
gs_parse_pool_pipe_ok (Parser *p, const GsStmt *s, GError **error)
{
  if (!gs_parse_pool_is_pipe (p, s->name))
    return TRUE;
  if (gs_scenario_server (p->sc, s->name) != NULL)
    return error_at (p, error, GS_SCENARIO_ERROR_NAME, s->name_loc.line,
                     s->name_loc.col, "'%s' is both a server and a pipe; give "
                     "each its own name", s->name);
  if (s->kind == GS_STMT_RECEIVE)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, s->loc.line, s->loc.col,
                     "'%s' is a pipe: take what was sent with recv %s "
                     "(conn.recv()), which needs no size", s->name, s->name);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* try: ... except NAME:                                                   */

GsException
gs_parse_pool_exception (const char *name)
{
  static const struct { const char *name; GsException exc; } names[] = {
    { "queue.Empty", GS_EXC_EMPTY }, { "Empty", GS_EXC_EMPTY },
    { "queue.Full", GS_EXC_FULL }, { "Full", GS_EXC_FULL },
    { "threading.BrokenBarrierError", GS_EXC_BROKEN_BARRIER },
    { "BrokenBarrierError", GS_EXC_BROKEN_BARRIER },
  };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (names[i].name, name) == 0)
      return names[i].exc;
  return GS_EXC_NONE;
}
