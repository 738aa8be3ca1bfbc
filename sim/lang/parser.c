/* parser.c: scenario statements and blocks (the top level is in
 * parse_toplevel.c). */
#include "lang/parser_internal.h"
#include "util/userfile.h"

#include <string.h>
#include "presets.h"

/* ---------------------------------------------------------------------- */
/* Token helpers                                                           */

static gboolean
expect_op (Parser *p, const char *op, GError **error)
{
  if (!is_op (peek (p), op)) {
    g_autofree char *what = g_strdup_printf ("'%s'", op);
    return expected (p, error, what);
  }
  next (p);
  return TRUE;
}

/* TRUE if WORD is a unit (s, ms, MiB, GBps, ...): "1WORD" is a quantity. */
static gboolean
is_unit (const char *word)
{
  static const GsDim dims[] = { GS_DIM_DURATION, GS_DIM_SIZE, GS_DIM_SPEED,
                                GS_DIM_BANDWIDTH };
  g_autofree char *one = g_strconcat ("1", word, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (dims); i++) {
    double v;
    if (gs_units_parse (one, dims[i], FALSE, &v, NULL))
      return TRUE;
  }
  return FALSE;
}

static gboolean
expect_newline (Parser *p, GError **error)
{
  const GsToken *t = peek (p);
  if (t->kind == TOK_NEWLINE) {
    next (p);
    return TRUE;
  }
  /* sleep 2 s: a unit written apart from its number */
  const GsToken *before = p->pos > 0 ? &g_array_index (p->toks, GsToken, p->pos - 1) : NULL;
  if (t->kind == TOK_NAME && before && before->kind == TOK_NUMBER && before->text &&
      is_unit (t->text))
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "the unit goes right after its number: write %s%s",
                     before->text, t->text);
  return expected (p, error, "end of line");
}

static gboolean
expect_name (Parser *p, const char *what, char **out, GsLoc *loc, GError **error)
{
  const GsToken *t = peek (p);
  if (t->kind != TOK_NAME || is_keyword (t->text))
    return expected (p, error, what);
  next (p);
  *out = g_strdup (t->text);
  if (loc) {
    loc->line = t->line;
    loc->col = t->col;
  }
  return TRUE;
}

/* NAME {'.' NAME}: a dotted name such as numpy.random.rand. */
static gboolean
dotted_name (Parser *p, const char *what, char **out, GsLoc *loc, GError **error)
{
  g_autofree char *first = NULL;
  if (!expect_name (p, what, &first, loc, error))
    return FALSE;
  GString *s = g_string_new (first);
  while (is_op (peek (p), ".")) {
    next (p);
    const GsToken *t = peek (p);
    if (t->kind != TOK_NAME) {
      g_string_free (s, TRUE);
      return expected (p, error, "a name after '.'");
    }
    next (p);
    g_string_append_printf (s, ".%s", t->text);
  }
  *out = g_string_free (s, FALSE);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Statements                                                              */

static GsStmt *
new_stmt (GsStmtKind kind, const GsToken *t)
{
  GsStmt *s = g_new0 (GsStmt, 1);
  s->kind = kind;
  s->loc.line = t->line;
  s->loc.col = t->col;
  return s;
}

static GPtrArray *parse_block (Parser *p, GError **error);

/* After 'using' (taken): the start method of S's processes, fork, spawn or
 * forkserver, into S->method; another name is an error at that name. */
static gboolean
parse_start_method (Parser *p, GsStmt *s, GError **error)
{
  const GsToken *t = peek (p);
  if (!expect_name (p, "a start method (fork, spawn or forkserver)", &s->method,
                    &s->method_loc, error))
    return FALSE;
  if (strcmp (s->method, "fork") && strcmp (s->method, "spawn") &&
      strcmp (s->method, "forkserver"))
    return error_at (p, error, GS_SCENARIO_ERROR_NAME, t->line, t->col,
                     "unknown start method '%s'; use fork, spawn or forkserver",
                     s->method);
  return TRUE;
}

static gboolean
parse_args (Parser *p, GPtrArray **out, GError **error)
{
  const GsToken *open = peek (p);
  if (!expect_op (p, "(", error))
    return FALSE;
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_expr_free);
  if (!is_op (peek (p), ")")) {
    for (;;) {
      GsExpr *e = gs_expr_parse (p, error);
      if (e == NULL)
        return FALSE;
      g_ptr_array_add (args, e);
      if (!is_op (peek (p), ","))
        break;
      next (p);
    }
  }
  if (!close_paren (p, open, error))
    return FALSE;
  *out = g_steal_pointer (&args);
  return TRUE;
}

/* After `python N iterations`: the loop's kind, `compact` (its sum starts
 * again often enough to stay one 30-bit digit: CPython adds it on its
 * fast path) or nothing; another word is an error at that word. */
static gboolean
parse_loop_kind (Parser *p, GsStmt *s, GError **error)
{
  const GsToken *t = peek (p);
  if (t->kind != TOK_NAME || is_word (t, "touching") || is_word (t, "allocating"))
    return TRUE;
  if (is_word (t, "compact")) {
    next (p);
    s->compact = TRUE;
    return TRUE;
  }
  return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                   "unknown kind of loop '%s': write compact (a loop whose sum "
                   "stays small, python 1000 iterations compact) or nothing",
                   t->text);
}

static GsStmt *
parse_native (Parser *p, const GsToken *kw, GError **error)
{
  g_autoptr (GsStmt) s = new_stmt (GS_STMT_NATIVE, kw);
  const GsToken *t = peek (p);
  if (t->kind == TOK_NAME && !is_keyword (t->text) &&
      (is_op (peek2 (p), ".") || is_op (peek2 (p), "("))) {
    GsLoc loc;
    if (!dotted_name (p, "a native function", &s->preset, &loc, error))
      return NULL;
    s->name_loc = loc;
    if (!is_op (peek (p), "("))
      return expected (p, error, "'(' after the native function's name"), NULL;
    if (gs_preset_lookup (s->preset) == NULL) {
      gsize n;
      const GsPreset *all = gs_preset_all (&n);
      GString *names = g_string_new (NULL);
      for (gsize i = 0; i < n; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", all[i].name);
      error_at (p, error, GS_SCENARIO_ERROR_NAME, loc.line, loc.col,
                "unknown native function '%s'; known: %s; or write its "
                "duration: native 20ms [nogil] [lock NAME]", s->preset, names->str);
      g_string_free (names, TRUE);
      return NULL;
    }
    const GsToken *open = next (p);
    s->e1 = gs_expr_parse (p, error);
    if (s->e1 == NULL || !close_paren (p, open, error))
      return NULL;
  } else {
    s->e1 = gs_expr_parse (p, error);
    if (s->e1 == NULL)
      return NULL;
  }
  for (;;) {
    t = peek (p);
    if (is_word (t, "nogil")) {
      if (s->preset)
        return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                         "'%s' already says whether it releases the GIL; "
                         "remove 'nogil'", s->preset), NULL;
      next (p);
      s->nogil = TRUE;
    } else if (is_word (t, "threads") && s->e2 == NULL) {
      /* a call that runs threads of its own (BLAS): native 100ms threads 8 */
      next (p);
      if ((s->e2 = gs_expr_parse (p, error)) == NULL)
        return NULL;
    } else if (is_word (t, "lock")) {
      if (s->lock)
        return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                         "this call already holds lock '%s'; a native call "
                         "holds one lock: remove one 'lock'", s->lock), NULL;
      next (p);
      if (!dotted_name (p, "a lock name after 'lock'", &s->lock, &s->lock_loc, error))
        return NULL;
    } else {
      break;
    }
  }
  return g_steal_pointer (&s);
}

/* 'write' expr 'to' 'disk' NAME ['chunk' expr], 'read' expr 'from' 'disk'
 * NAME ['chunk' expr], 'fsync' 'disk' NAME; KW is the first word, taken. */
static GsStmt *
parse_disk (Parser *p, const GsToken *kw, GError **error)
{
  g_autoptr (GsStmt) s = new_stmt (GS_STMT_DISK, kw);
  s->io = is_word (kw, "read") ? GS_IO_READ : is_word (kw, "write") ? GS_IO_WRITE
                                                                    : GS_IO_FSYNC;
  if (s->io != GS_IO_FSYNC) {
    const char *prep = s->io == GS_IO_READ ? "from" : "to";
    if ((s->e1 = gs_expr_parse (p, error)) == NULL)
      return NULL;
    if (!is_word (peek (p), prep)) {
      g_autofree char *what = g_strdup_printf ("'%s disk NAME' (%s 64MiB %s disk ssd)",
                                               prep, kw->text, prep);
      return expected (p, error, what), NULL;
    }
    next (p);
  }
  if (!is_word (peek (p), "disk"))
    return expected (p, error, "'disk NAME'"), NULL;
  next (p);
  if (!expect_name (p, "the disk's name (the id of a <disk> of the host)",
                    &s->name, &s->name_loc, error))
    return NULL;
  if (s->io != GS_IO_FSYNC && is_word (peek (p), "chunk")) {
    next (p);
    if ((s->e2 = gs_expr_parse (p, error)) == NULL)
      return NULL;
  }
  return g_steal_pointer (&s);
}

/* 'request' expr 'from' NAME ['sending' expr]; KW, taken, is 'request'. */
static GsStmt *
parse_request (Parser *p, const GsToken *kw, GError **error)
{
  g_autoptr (GsStmt) s = new_stmt (GS_STMT_REQUEST, kw);
  if ((s->e1 = gs_expr_parse (p, error)) == NULL)
    return NULL;
  if (!is_word (peek (p), "from"))
    return expected (p, error, "'from SERVER' (request 100KB from web)"), NULL;
  next (p);
  if (!expect_name (p, "a server's name", &s->name, &s->name_loc, error))
    return NULL;
  if (is_word (peek (p), "sending")) {
    next (p);
    if ((s->e2 = gs_expr_parse (p, error)) == NULL)
      return NULL;
  }
  return g_steal_pointer (&s);
}

/* 'send' expr 'to' NAME, or 'receive' expr 'from' NAME; KW, taken, is the
 * first word. */
static GsStmt *
parse_transfer (Parser *p, const GsToken *kw, GError **error)
{
  gboolean send = is_word (kw, "send");
  g_autoptr (GsStmt) s = new_stmt (send ? GS_STMT_SEND : GS_STMT_RECEIVE, kw);
  if (is_word (peek (p), "to") || is_word (peek (p), "from"))
    return expected (p, error, send ? "the size to send (send 1MB to web)"
                                    : "the size to receive (receive 1MB from web)"), NULL;
  if ((s->e1 = gs_expr_parse (p, error)) == NULL)
    return NULL;
  if (!is_word (peek (p), send ? "to" : "from"))
    return expected (p, error, send ? "'to SERVER' (send 1MB to web)"
                                    : "'from SERVER' (receive 1MB from web)"), NULL;
  next (p);
  if (!expect_name (p, "a server's name", &s->name, &s->name_loc, error))
    return NULL;
  return g_steal_pointer (&s);
}

/* 'pool' expr 'processes' 'map' NAME args 'over' expr 'items' {option};
 * KW, taken, is 'pool'. */
static GsStmt *
parse_pool (Parser *p, const GsToken *kw, GError **error)
{
  g_autoptr (GsStmt) s = new_stmt (GS_STMT_POOL, kw);
  s->start_kind = GS_START_PROCESSES;
  if ((s->e1 = gs_expr_parse (p, error)) == NULL)
    return NULL;
  if (is_word (peek (p), "threads") || is_word (peek (p), "thread"))
    s->start_kind = GS_START_THREADS;   /* ThreadPoolExecutor(W).map */
  else if (!is_word (peek (p), "processes") && !is_word (peek (p), "process"))
    return expected (p, error, "'processes' or 'threads' (pool 4 processes map "
                               "f(i) over 100 items)"), NULL;
  next (p);
  if (!gs_parse_pool_call (p, s, error))
    return NULL;
  if (!expect_name (p, "the worker function's name", &s->func, &s->func_loc, error) ||
      !parse_args (p, &s->args, error))
    return NULL;
  if (!is_word (peek (p), "over"))
    return expected (p, error, "'over K items'"), NULL;
  next (p);
  if ((s->items = gs_expr_parse (p, error)) == NULL)
    return NULL;
  if (!is_word (peek (p), "items") && !is_word (peek (p), "item"))
    return expected (p, error, "'items'"), NULL;
  next (p);
  for (;;) {
    const GsToken *t = peek (p);
    GsExpr **slot = is_word (t, "chunksize") ? &s->chunksize
                  : is_word (t, "argsize") ? &s->argsize
                  : is_word (t, "resultsize") ? &s->resultsize : NULL;
    if (slot && !gs_parse_pool_option (p, s, t, error))
      return NULL;
    if (slot && s->start_kind == GS_START_THREADS)
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                       "a thread pool hands out one item at a time and pickles "
                       "nothing: '%s' applies to process pools; remove it",
                       t->text), NULL;
    if (is_word (t, "using") && s->start_kind == GS_START_THREADS)
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                       "'using' chooses how processes start; a thread pool has "
                       "none: remove it"), NULL;
    if (slot && *slot == NULL) {
      next (p);
      if ((*slot = gs_expr_parse (p, error)) == NULL)
        return NULL;
    } else if (is_word (t, "using") && s->method == NULL) {
      next (p);
      if (!parse_start_method (p, s, error))
        return NULL;
    } else {
      break;
    }
  }
  return g_steal_pointer (&s);
}

static GsStmt *
parse_start (Parser *p, const GsToken *group, GError **error)
{
  /* NAME '=' 'start' expr ('threads'|'processes') NAME '(' args ')' ['using' NAME] */
  g_autoptr (GsStmt) s = new_stmt (GS_STMT_START, group);
  s->name = g_strdup (group->text);
  s->name_loc = s->loc;
  next (p); /* the group's name */
  next (p); /* '=' */
  next (p); /* 'start' */
  s->e1 = gs_expr_parse (p, error);
  if (s->e1 == NULL)
    return NULL;
  const GsToken *t = peek (p);
  if (is_word (t, "daemon")) {
    /* start N daemon threads f(): Thread(target=f, daemon=True) */
    next (p);
    s->daemon = TRUE;
    t = peek (p);
    if (is_word (t, "processes") || is_word (t, "process"))
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                       "'daemon' applies to threads here: start N daemon "
                       "threads f(...)"), NULL;
    if (!is_word (t, "threads") && !is_word (t, "thread"))
      return expected (p, error, "'threads' after 'daemon'"), NULL;
  }
  if (is_word (t, "threads") || is_word (t, "thread"))
    s->start_kind = GS_START_THREADS;
  else if (is_word (t, "processes") || is_word (t, "process"))
    s->start_kind = GS_START_PROCESSES;
  else if ((is_word (t, "tasks") || is_word (t, "task")) && p->in_async && !s->daemon)
    s->start_kind = GS_START_TASKS;   /* asyncio.create_task */
  else if (is_word (t, "tasks") || is_word (t, "task"))
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "tasks are started inside an async def (asyncio.create_task); "
                     "elsewhere write run N tasks f(...) (asyncio.run)"), NULL;
  else
    return expected (p, error, "'threads' or 'processes'"), NULL;
  next (p);
  if (!expect_name (p, "the worker function's name", &s->func, &s->func_loc, error))
    return NULL;
  if (!parse_args (p, &s->args, error))
    return NULL;
  if (is_word (peek (p), "using")) {
    t = next (p);
    if (s->start_kind != GS_START_PROCESSES)
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                       "'using' chooses a start method and applies to "
                       "processes only"), NULL;
    if (!parse_start_method (p, s, error))
      return NULL;
  }
  return g_steal_pointer (&s);
}

static GsStmt *parse_stmt (Parser *p, GError **error);

/* 'if' expr ':' block { 'elif' expr ':' block } [ 'else' ':' block ]; KW,
 * taken, is 'if' or 'elif' (an elif is an if in the else branch). */
static GsStmt *
parse_if (Parser *p, const GsToken *kw, GError **error)
{
  g_autoptr (GsStmt) s = new_stmt (GS_STMT_IF, kw);
  if ((s->e1 = gs_expr_parse (p, error)) == NULL)
    return NULL;
  if (is_op (peek (p), "=")) {
    const GsToken *t = peek (p);
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "'=' assigns; compare with '=='"), NULL;
  }
  if (!expect_op (p, ":", error) || (s->body = parse_block (p, error)) == NULL)
    return NULL;
  const GsToken *t = peek (p);
  if (is_word (t, "elif")) {
    next (p);
    GsStmt *inner = parse_if (p, t, error);
    if (inner == NULL)
      return NULL;
    s->orelse = g_ptr_array_new_with_free_func (gs_scenario_stmt_free);
    g_ptr_array_add (s->orelse, inner);
  } else if (is_word (t, "else")) {
    next (p);
    if (!expect_op (p, ":", error) || (s->orelse = parse_block (p, error)) == NULL)
      return NULL;
  }
  return g_steal_pointer (&s);
}

/* 'try' ':' block 'except' dotted ':' block; KW, taken, is 'try'. */
static GsStmt *
parse_try (Parser *p, const GsToken *kw, GError **error)
{
  g_autoptr (GsStmt) s = new_stmt (GS_STMT_TRY, kw);
  if (!expect_op (p, ":", error) || (s->body = parse_block (p, error)) == NULL)
    return NULL;
  const GsToken *t = peek (p);
  if (!is_word (t, "except"))
    return expected (p, error, "'except queue.Empty:' (or queue.Full, "
                               "threading.BrokenBarrierError) after the try "
                               "block"), NULL;
  next (p);
  t = peek (p);
  g_autofree char *name = NULL;
  GsLoc loc;
  if (!dotted_name (p, "an exception's name (queue.Empty)", &name, &loc, error))
    return NULL;
  if ((s->exc = gs_parse_pool_exception (name)) == GS_EXC_NONE)
    return error_at (p, error, GS_SCENARIO_ERROR_NAME, t->line, t->col,
                     "gilsim raises no '%s'; a try catches queue.Empty, "
                     "queue.Full or threading.BrokenBarrierError", name), NULL;
  if (!expect_op (p, ":", error) || (s->orelse = parse_block (p, error)) == NULL)
    return NULL;
  if (is_word (peek (p), "except"))
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, peek (p)->line,
                     peek (p)->col, "a try takes one except clause here; nest "
                     "a second try for another exception"), NULL;
  return g_steal_pointer (&s);
}

static GsStmt *
parse_stmt (Parser *p, GError **error)
{
  const GsToken *t = peek (p);
  if (t->kind != TOK_NAME) {
    if (t->kind == TOK_INDENT)
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                       "unexpected indentation; only the lines of a block "
                       "(after def, repeat or with ... :) are indented"), NULL;
    return expected (p, error, "a statement (print, python, sleep, native, "
                               "repeat, with, start, join or a call)"), NULL;
  }
  g_autoptr (GsStmt) s = NULL;
  if (t->kind == TOK_NAME && is_keyword (t->text) && is_op (peek2 (p), "=")) {
    return error_at (p, error, GS_SCENARIO_ERROR_NAME, t->line, t->col,
                     "'%s' is a keyword of the language; choose another name "
                     "(workers = start ..., N = 3)", t->text), NULL;
  } else if (is_word (t, "print")) {
    next (p);
    s = new_stmt (GS_STMT_PRINT, t);
    if ((s->e1 = gs_expr_parse (p, error)) == NULL)
      return NULL;
  } else if (is_word (t, "python")) {
    next (p);
    s = new_stmt (GS_STMT_PYTHON, t);
    if ((s->e1 = gs_expr_parse (p, error)) == NULL)
      return NULL;
    if (is_word (peek (p), "iterations") || is_word (peek (p), "iteration")) {
      next (p);
      s->iterations = TRUE;
      if (!parse_loop_kind (p, s, error))
        return NULL;
    } else if (is_word (peek (p), "compact")) {
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, peek (p)->line,
                       peek (p)->col, "'compact' says what a loop adds: write "
                       "it after a count and 'iterations' (python 1000 "
                       "iterations compact)"), NULL;
    }
    if (is_word (peek (p), "touching") && !gs_parse_shared_touching (p, s, error))
      return NULL;
    if (is_word (peek (p), "allocating") && !gs_parse_shared_allocating (p, s, error))
      return NULL;
  } else if (is_word (t, "sleep")) {
    next (p);
    s = new_stmt (GS_STMT_SLEEP, t);
    if ((s->e1 = gs_expr_parse (p, error)) == NULL)
      return NULL;
  } else if (is_word (t, "native")) {
    next (p);
    if ((s = parse_native (p, t, error)) == NULL)
      return NULL;
  } else if (is_word (t, "import")) {
    next (p);
    s = new_stmt (GS_STMT_IMPORT, t);
    if (!dotted_name (p, "a module name", &s->name, &s->name_loc, error))
      return NULL;
    if (is_word (peek (p), "as") && peek2 (p)->kind == TOK_NAME)
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, peek (p)->line,
                       peek (p)->col, "a scenario refers to no module by name: "
                       "write import %s (its cost after it, or import.%s on the "
                       "host)", s->name, s->name), NULL;
    if (peek (p)->kind != TOK_NEWLINE && (s->e1 = gs_expr_parse (p, error)) == NULL)
      return NULL;
  } else if (is_word (t, "repeat")) {
    next (p);
    s = new_stmt (GS_STMT_REPEAT, t);
    const GsToken *f = peek (p);
    if (is_word (f, "forever") && (is_op (peek2 (p), ":") || is_word (peek2 (p), "as"))) {
      /* repeat forever: a daemon's endless loop, while True: */
      next (p);
      s->forever = TRUE;
    } else if ((s->e1 = gs_expr_parse (p, error)) == NULL) {
      return NULL;
    }
    /* repeat K as j: the round's number, from 0, like for j in range(K) */
    if (is_word (peek (p), "as")) {
      next (p);
      if (!expect_name (p, "the round's name after 'as', such as j", &s->name,
                        &s->name_loc, error))
        return NULL;
    }
    if (!expect_op (p, ":", error))
      return NULL;
    if ((s->body = parse_block (p, error)) == NULL)
      return NULL;
    return g_steal_pointer (&s);
  } else if (is_word (t, "if")) {
    next (p);
    return parse_if (p, t, error);
  } else if (is_word (t, "try") && is_op (peek2 (p), ":")) {
    next (p);
    return parse_try (p, t, error);
  } else if (is_word (t, "except") && !is_op (peek2 (p), "(") && !is_op (peek2 (p), "=")) {
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "'except' without a 'try' just above it at the same "
                     "indentation"), NULL;
  } else if (is_word (t, "else") || is_word (t, "elif")) {
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "'%s' without an 'if' just above it at the same "
                     "indentation", t->text), NULL;
  } else if (is_word (t, "with")) {
    next (p);
    s = new_stmt (GS_STMT_WITH_LOCK, t);
    /* with lock L:, or with NAME: for any lock-like object (parse_sync.c) */
    if (is_word (peek (p), "lock") && peek2 (p)->kind == TOK_NAME)
      next (p);
    else if (peek (p)->kind != TOK_NAME)
      return expected (p, error, "a lock's name (with lock NAME: or with NAME:)"), NULL;
    if (!dotted_name (p, "a lock name", &s->name, &s->name_loc, error) ||
        !expect_op (p, ":", error))
      return NULL;
    if ((s->body = parse_block (p, error)) == NULL)
      return NULL;
    return g_steal_pointer (&s);
  } else if (is_word (t, "read") || is_word (t, "write") || is_word (t, "fsync")) {
    next (p);
    if ((s = parse_disk (p, t, error)) == NULL)
      return NULL;
  } else if (is_word (t, "request")) {
    next (p);
    if ((s = parse_request (p, t, error)) == NULL)
      return NULL;
  } else if ((is_word (t, "send") || is_word (t, "receive")) && !is_op (peek2 (p), "(")) {
    /* not keywords: a function may still be called send() */
    next (p);
    if ((s = parse_transfer (p, t, error)) == NULL)
      return NULL;
  } else if (is_word (t, "pool")) {
    next (p);
    if ((s = parse_pool (p, t, error)) == NULL)
      return NULL;
  } else if (is_word (t, "join")) {
    next (p);
    s = new_stmt (GS_STMT_JOIN, t);
    if (!expect_name (p, "the name of a started group", &s->name, &s->name_loc, error))
      return NULL;
    /* join G timeout D: for t in G: t.join(timeout=D) */
    if (is_word (peek (p), "timeout")) {
      next (p);
      if ((s->e1 = gs_expr_parse (p, error)) == NULL)
        return NULL;
    }
  } else if (gs_parse_async_is_stmt (p)) {
    return gs_parse_async_stmt (p, error);
  } else if (gs_parse_sync_is_stmt (p)) {
    if ((s = gs_parse_sync_stmt (p, error)) == NULL)
      return NULL;
  } else if (!gs_hints_check_python (p, error)) {
    return NULL;
  } else if (!is_keyword (t->text) && is_op (peek2 (p), "=")) {
    if (!is_word (&g_array_index (p->toks, GsToken, p->pos + 2), "start"))
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                       "parameters ('%s = ...') belong at the top level; inside "
                       "a function only 'NAME = start ...' assigns", t->text), NULL;
    if ((s = parse_start (p, t, error)) == NULL)
      return NULL;
  } else if (!is_keyword (t->text) && is_op (peek2 (p), "(")) {
    next (p);
    s = new_stmt (GS_STMT_CALL, t);
    s->func = g_strdup (t->text);
    s->func_loc = s->loc;
    if (!parse_args (p, &s->args, error))
      return NULL;
  } else if (is_word (t, "from") && peek2 (p)->kind == TOK_NAME) {
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "'from %s import ...' is written import %s here (the "
                     "module's import cost is the same)", peek2 (p)->text,
                     peek2 (p)->text), NULL;
  } else if (is_word (t, "while")) {
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "a Python 'while' loop is written 'repeat COUNT:' here, or "
                     "'repeat forever:' for 'while True:' (in a daemon thread)"), NULL;
  } else if (is_word (t, "for")) {
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "a Python '%s' loop is written 'repeat COUNT:' here, such as "
                     "repeat 10 as i: for 'for i in range(10):'", t->text), NULL;
  } else {
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "unknown statement '%s'; expected print, python, sleep, "
                     "native, import, read, write, fsync, request, send, "
                     "receive, pool, "
                     "repeat, with lock, start, join, put, get, set, wait, "
                     "notify, acquire, release or a call", t->text), NULL;
  }
  if (!expect_newline (p, error))
    return NULL;
  return g_steal_pointer (&s);
}

static GPtrArray *
parse_block (Parser *p, GError **error)
{
  if (!expect_newline (p, error))
    return NULL;
  if (peek (p)->kind != TOK_INDENT) {
    expected (p, error, "an indented block");
    return NULL;
  }
  next (p);
  g_autoptr (GPtrArray) body = g_ptr_array_new_with_free_func (gs_scenario_stmt_free);
  while (peek (p)->kind != TOK_DEDENT && peek (p)->kind != TOK_EOF) {
    const GsToken *t = peek (p);
    if (is_word (t, "def") || is_word (t, "runtime") || is_word (t, "platform") ||
        is_word (t, "server")) {
      error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                "'%s' belongs at the top level, not inside a block", t->text);
      return NULL;
    }
    GsStmt *s = parse_stmt (p, error);
    if (s == NULL)
      return NULL;
    g_ptr_array_add (body, s);
  }
  if (peek (p)->kind == TOK_DEDENT)
    next (p);
  return g_steal_pointer (&body);
}

GsStmt *
gs_parse_stmt (Parser *p, GError **error)
{
  return parse_stmt (p, error);
}

GsStmt *
gs_parse_new_stmt (GsStmtKind kind, const GsToken *t)
{
  return new_stmt (kind, t);
}

gboolean
gs_parse_expect_name (Parser *p, const char *what, char **out, GsLoc *loc,
                      GError **error)
{
  return expect_name (p, what, out, loc, error);
}

gboolean
gs_parse_args (Parser *p, GPtrArray **out, GError **error)
{
  return parse_args (p, out, error);
}

gboolean
gs_parse_expect_op (Parser *p, const char *op, GError **error)
{
  return expect_op (p, op, error);
}

gboolean
gs_parse_expect_newline (Parser *p, GError **error)
{
  return expect_newline (p, error);
}

gboolean
gs_parse_dotted_name (Parser *p, const char *what, char **out, GsLoc *loc,
                      GError **error)
{
  return dotted_name (p, what, out, loc, error);
}

GPtrArray *
gs_parse_block (Parser *p, GError **error)
{
  return parse_block (p, error);
}
