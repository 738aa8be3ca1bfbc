/* parse_pool.c: which call a `pool` statement stands for (Pool.map,
 * imap_unordered, apply_async, an executor's map or submit) and which of
 * its options that call takes. */
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
