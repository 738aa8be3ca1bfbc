/* parse_sync.c: the synchronisation objects of the language: their
 * top-level declarations (queue, event, condition, semaphore,
 * bounded_semaphore, barrier, rlock), the statements on them (put, get,
 * set, clear, wait, notify, notify_all, acquire, release, with) and the
 * checks of their names. */
#include "lang/parser_internal.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* Words                                                                   */

typedef struct {
  const char *word;       /* as written in a scenario */
  GsSyncKind kind;
  const char *python;     /* what it models */
} KindWord;

static const KindWord kinds[] = {
  { "queue", GS_SYNC_QUEUE, "queue.Queue" },
  { "event", GS_SYNC_EVENT, "threading.Event" },
  { "condition", GS_SYNC_CONDITION, "threading.Condition" },
  { "semaphore", GS_SYNC_SEMAPHORE, "threading.Semaphore" },
  { "bounded_semaphore", GS_SYNC_BOUNDED_SEMAPHORE, "threading.BoundedSemaphore" },
  { "barrier", GS_SYNC_BARRIER, "threading.Barrier" },
  { "rlock", GS_SYNC_RLOCK, "threading.RLock" },
  { "process_queue", GS_SYNC_PROCESS_QUEUE, "multiprocessing.Queue" },
  { "pipe", GS_SYNC_PIPE, "multiprocessing.Pipe" },
};

typedef struct {
  const char *word;
  GsSyncOp op;
  guint kinds;            /* bit (1 << GsSyncKind) per kind that takes it */
  gboolean timeout;       /* takes 'timeout D' */
  const char *takes;      /* for messages: what it takes */
} OpWord;

#define K(k) (1u << (k))
#define LOCKLIKE (K (GS_SYNC_RLOCK) | K (GS_SYNC_SEMAPHORE) | \
                  K (GS_SYNC_BOUNDED_SEMAPHORE) | K (GS_SYNC_CONDITION))
#define QUEUES (K (GS_SYNC_QUEUE) | K (GS_SYNC_PROCESS_QUEUE))

static const OpWord ops[] = {
  { "put", GS_SYNC_PUT, QUEUES, TRUE, "a queue" },
  { "get", GS_SYNC_GET, QUEUES, TRUE, "a queue" },
  { "put_nowait", GS_SYNC_PUT_NOWAIT, QUEUES, FALSE, "a queue" },
  { "get_nowait", GS_SYNC_GET_NOWAIT, QUEUES, FALSE, "a queue" },
  { "recv", GS_SYNC_RECV, K (GS_SYNC_PIPE), FALSE, "a pipe" },
  { "set", GS_SYNC_SET, K (GS_SYNC_EVENT), FALSE, "an event" },
  { "clear", GS_SYNC_CLEAR, K (GS_SYNC_EVENT), FALSE, "an event" },
  { "wait", GS_SYNC_WAIT, K (GS_SYNC_EVENT) | K (GS_SYNC_CONDITION) | K (GS_SYNC_BARRIER),
    TRUE, "an event, a condition or a barrier" },
  { "notify", GS_SYNC_NOTIFY, K (GS_SYNC_CONDITION), FALSE, "a condition" },
  { "notify_all", GS_SYNC_NOTIFY_ALL, K (GS_SYNC_CONDITION), FALSE, "a condition" },
  { "acquire", GS_SYNC_ACQUIRE, LOCKLIKE, TRUE,
    "a lock, an rlock, a semaphore or a condition" },
  { "release", GS_SYNC_RELEASE, LOCKLIKE, FALSE,
    "a lock, an rlock, a semaphore or a condition" },
  { "task_done", GS_SYNC_TASK_DONE, K (GS_SYNC_QUEUE), FALSE, "a queue" },
  /* not a word of its own: 'join Q' on a queue (gs_parse_sync_join) */
  { "join", GS_SYNC_JOIN, K (GS_SYNC_QUEUE), FALSE, "a queue" },
};

static const KindWord *
kind_word (const char *w)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].word, w) == 0)
      return &kinds[i];
  return NULL;
}

static const KindWord *
kind_of (GsSyncKind k)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == k)
      return &kinds[i];
  return &kinds[0];
}

static const OpWord *
op_word (const char *w)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    if (strcmp (ops[i].word, w) == 0)
      return &ops[i];
  return NULL;
}

static const OpWord *
op_of (GsSyncOp op)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    if (ops[i].op == op)
      return &ops[i];
  return &ops[0];
}

/* ---------------------------------------------------------------------- */
/* Declarations                                                            */

void
gs_parse_sync_decl_free (gpointer data)
{
  GsSyncDecl *d = data;
  g_free (d->name);
  gs_expr_free (d->value);
  g_free (d);
}

gboolean
gs_parse_sync_is_decl (Parser *p)
{
  const GsToken *t = peek (p);
  return t->kind == TOK_NAME && kind_word (t->text) && peek2 (p)->kind == TOK_NAME;
}

gboolean
gs_parse_sync_decl (Parser *p, GError **error)
{
  const KindWord *kw = kind_word (next (p)->text);
  GsSyncDecl *d = g_new0 (GsSyncDecl, 1);
  d->kind = kw->kind;
  g_ptr_array_add (p->sc->syncs, d);
  g_autofree char *what = g_strdup_printf ("the %s's name", kw->word);
  if (!gs_parse_expect_name (p, what, &d->name, &d->loc, error))
    return FALSE;
  for (guint i = 0; i + 1 < p->sc->syncs->len; i++)
    if (strcmp (((GsSyncDecl *) p->sc->syncs->pdata[i])->name, d->name) == 0)
      return error_at (p, error, GS_SCENARIO_ERROR_NAME, d->loc.line, d->loc.col,
                       "'%s' is declared twice; keep one line", d->name);
  const GsToken *t = peek (p);
  switch (d->kind) {
  case GS_SYNC_QUEUE:
  case GS_SYNC_PROCESS_QUEUE:
    /* queue jobs [maxsize N] */
    if (is_word (t, "maxsize")) {
      next (p);
      if ((d->value = gs_expr_parse (p, error)) == NULL)
        return FALSE;
    }
    break;
  case GS_SYNC_SEMAPHORE:
  case GS_SYNC_BOUNDED_SEMAPHORE:
    /* semaphore slots [N]: the initial value, 1 by default */
    if (t->kind != TOK_NEWLINE && (d->value = gs_expr_parse (p, error)) == NULL)
      return FALSE;
    break;
  case GS_SYNC_BARRIER:
    /* barrier b N: the parties */
    if (t->kind == TOK_NEWLINE)
      return expected (p, error, "the number of threads that meet at the barrier "
                                 "(barrier b 4)");
    if ((d->value = gs_expr_parse (p, error)) == NULL)
      return FALSE;
    break;
  default:
    break;
  }
  if (peek (p)->kind != TOK_NEWLINE) {
    const char *hint = d->kind == GS_SYNC_QUEUE || d->kind == GS_SYNC_PROCESS_QUEUE
                       ? " or 'maxsize N'" : "";
    g_autofree char *exp = g_strdup_printf ("end of line%s", hint);
    return expected (p, error, exp);
  }
  next (p);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Statements                                                              */

gboolean
gs_parse_sync_is_stmt (Parser *p)
{
  const GsToken *t = peek (p);
  return t->kind == TOK_NAME && !is_word (t, "join") &&
         (op_word (t->text) || kind_word (t->text)) && peek2 (p)->kind == TOK_NAME;
}

GsStmt *
gs_parse_sync_stmt (Parser *p, GError **error)
{
  const GsToken *t = next (p);
  if (kind_word (t->text)) {
    error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
              "'%s' declares a %s, which a program creates once: declare it at "
              "the top level, not inside a block", t->text, kind_word (t->text)->python);
    return NULL;
  }
  const OpWord *ow = op_word (t->text);
  g_assert (ow != NULL);
  GsStmt *s = g_new0 (GsStmt, 1);
  s->kind = GS_STMT_SYNC;
  s->sync_op = ow->op;
  s->loc.line = t->line;
  s->loc.col = t->col;
  if (!gs_parse_expect_name (p, "the object's name", &s->name, &s->name_loc, error))
    goto fail;
  const GsToken *n = peek (p);
  if ((ow->op == GS_SYNC_PUT || ow->op == GS_SYNC_PUT_NOWAIT) &&
      n->kind != TOK_NEWLINE && !is_word (n, "timeout")) {
    /* put jobs 1MB: the item's pickled size (a process_queue's) */
    if ((s->e2 = gs_expr_parse (p, error)) == NULL)
      goto fail;
    n = peek (p);
  }
  if (ow->timeout && is_word (n, "timeout")) {
    next (p);
    if ((s->e1 = gs_expr_parse (p, error)) == NULL)
      goto fail;
  } else if (ow->op == GS_SYNC_NOTIFY && n->kind != TOK_NEWLINE) {
    /* notify c N: wakes N waiters, as c.notify(N) */
    if ((s->e2 = gs_expr_parse (p, error)) == NULL)
      goto fail;
  } else if (is_word (n, "timeout")) {
    error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, n->line, n->col,
              "'%s' does not wait, so it takes no timeout; remove 'timeout ...'",
              ow->word);
    goto fail;
  }
  return s;
fail:
  gs_scenario_stmt_free (s);
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* Checks                                                                  */

const GsSyncDecl *
gs_scenario_sync (const GsScenario *sc, const char *name)
{
  for (guint i = 0; i < sc->syncs->len; i++)
    if (strcmp (((GsSyncDecl *) sc->syncs->pdata[i])->name, name) == 0)
      return sc->syncs->pdata[i];
  return NULL;
}

gboolean
gs_parse_sync_check_stmt (Parser *p, const GsStmt *s, GError **error)
{
  const GsSyncDecl *d = gs_scenario_sync (p->sc, s->name);
  if (s->kind == GS_STMT_WITH_LOCK) {
    if (d && (K (d->kind) & LOCKLIKE))
      return TRUE;
    return error_at (p, error, GS_SCENARIO_ERROR_NAME, s->name_loc.line,
                     s->name_loc.col, "'%s' is a %s; 'with' takes a lock, an "
                     "rlock, a semaphore or a condition", s->name,
                     d ? kind_of (d->kind)->python : "name");
  }
  const OpWord *ow = op_of (s->sync_op);
  if (d == NULL) {
    /* the object's kind from the operation: put jobs wants a queue */
    const char *noun = ow->op == GS_SYNC_PUT || ow->op == GS_SYNC_GET ||
                       ow->op == GS_SYNC_PUT_NOWAIT || ow->op == GS_SYNC_GET_NOWAIT ||
                       ow->op == GS_SYNC_TASK_DONE ? "queue"
                     : ow->op == GS_SYNC_RECV ? "pipe"
                     : ow->op == GS_SYNC_SET || ow->op == GS_SYNC_CLEAR ? "event"
                     : ow->op == GS_SYNC_WAIT ? "event, condition or barrier"
                     : ow->op == GS_SYNC_NOTIFY || ow->op == GS_SYNC_NOTIFY_ALL
                       ? "condition" : "lock";
    const char *decl = ow->op == GS_SYNC_WAIT ? "event" : noun;
    return error_at (p, error, GS_SCENARIO_ERROR_NAME, s->name_loc.line,
                     s->name_loc.col, "unknown %s '%s'; declare it at the top "
                     "level: %s %s", noun, s->name, decl, s->name);
  }
  if (!(ow->kinds & K (d->kind)))
    return error_at (p, error, GS_SCENARIO_ERROR_NAME, s->name_loc.line,
                     s->name_loc.col, "'%s' is a %s (line %d); '%s' takes %s",
                     s->name, kind_of (d->kind)->python, d->loc.line, ow->word,
                     ow->takes);
  if (s->e2 && (ow->op == GS_SYNC_PUT || ow->op == GS_SYNC_PUT_NOWAIT) &&
      d->kind == GS_SYNC_QUEUE)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, s->e2->loc.line,
                     s->e2->loc.col, "a queue.Queue passes a reference between "
                     "threads and pickles nothing: remove the size (a "
                     "process_queue takes one: put %s 1MB)", s->name);
  if (s->e1 && !ow->timeout)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, s->e1->loc.line,
                     s->e1->loc.col, "Queue.join takes no timeout; remove it");
  return TRUE;
}

gboolean
gs_parse_sync_join (Parser *p, GsStmt *s)
{
  const GsSyncDecl *d = gs_scenario_sync (p->sc, s->name);
  if (d == NULL || d->kind != GS_SYNC_QUEUE)
    return FALSE;
  s->kind = GS_STMT_SYNC;
  s->sync_op = GS_SYNC_JOIN;
  return TRUE;
}

gboolean
gs_parse_sync_check_decls (Parser *p, GError **error)
{
  for (guint i = 0; i < p->sc->syncs->len; i++) {
    const GsSyncDecl *d = p->sc->syncs->pdata[i];
    for (guint k = 0; k < p->sc->locks->len; k++)
      if (strcmp (p->sc->locks->pdata[k], d->name) == 0)
        return error_at (p, error, GS_SCENARIO_ERROR_NAME, d->loc.line, d->loc.col,
                         "'%s' is also declared as a lock; give each object "
                         "its own name", d->name);
  }
  return TRUE;
}
