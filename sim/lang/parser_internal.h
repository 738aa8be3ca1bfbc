/* parser_internal.h: the state and token helpers that the parser's files
 * share: parser.c (statements, blocks), parse_toplevel.c (the top level),
 * expr.c (expressions) and names.c (the checks of names after parsing).
 * Internal to sim/lang/; the parsed scenario's public API is
 * lang/scenario.h. */
#pragma once

#include <glib.h>
#include <string.h>
#include "lang/lexer.h"
#include "lang/scenario.h"

G_BEGIN_DECLS

/* The parser's cursor over the tokens of one source. */
typedef struct {
  const char *file;   /* names the source in messages; not owned */
  GArray *toks;       /* GsToken, ending with TOK_EOF; not owned */
  guint pos;          /* index of the next token */
  int depth;          /* nesting of the expression being parsed */
  GsScenario *sc;     /* the scenario being built, or NULL for a lone value
                         (gs_expr_parse_value); not owned */
  gboolean in_async;  /* inside an async def: 'await' is allowed */
} Parser;

/* ---------------------------------------------------------------------- */
/* Token helpers                                                           */

static inline const GsToken *
peek (Parser *p)
{
  return &g_array_index (p->toks, GsToken, p->pos);
}

static inline const GsToken *
peek2 (Parser *p)
{
  guint i = p->pos + 1 < p->toks->len ? p->pos + 1 : p->pos;
  return &g_array_index (p->toks, GsToken, i);
}

static inline const GsToken *
next (Parser *p)
{
  const GsToken *t = peek (p);
  if (t->kind != TOK_EOF)
    p->pos++;
  return t;
}

static inline gboolean
is_op (const GsToken *t, const char *op)
{
  return t->kind == TOK_OP && strcmp (t->text, op) == 0;
}

static inline gboolean
is_word (const GsToken *t, const char *w)
{
  return t->kind == TOK_NAME && strcmp (t->text, w) == 0;
}

static inline gboolean
error_at (Parser *p, GError **error, GsScenarioError code, int line, int col,
          const char *fmt, ...) G_GNUC_PRINTF (6, 7);

static inline gboolean
error_at (Parser *p, GError **error, GsScenarioError code, int line, int col,
          const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, GS_SCENARIO_ERROR, code, "%s:%d:%d: %s", p->file, line,
               col, msg);
  return FALSE;
}

static inline gboolean
expected (Parser *p, GError **error, const char *what)
{
  const GsToken *t = peek (p);
  g_autofree char *got = gs_lexer_token_describe (t);
  return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                   "expected %s, found %s", what, got);
}

/* Words that start statements; the others (threads, lock, nogil, using,
 * iterations) are keywords only where they appear, so a group may be
 * called "threads". */
static const char *const keywords[] = {
  "def", "print", "python", "sleep", "native", "import", "repeat", "with",
  "start", "join", "runtime", "platform", "read", "write", "fsync",
  "server", "request", "pool", "if", "elif", "else", "and", "or", "not",
};

static inline gboolean
is_keyword (const char *s)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (strcmp (keywords[i], s) == 0)
      return TRUE;
  return FALSE;
}

/* Expects the ')' that closes OPEN; a line that ends first is reported at
 * the '(' itself, which is where the fix goes. */
static inline gboolean
close_paren (Parser *p, const GsToken *open, GError **error)
{
  const GsToken *t = peek (p);
  if (is_op (t, ")")) {
    next (p);
    return TRUE;
  }
  if (t->kind == TOK_NEWLINE || t->kind == TOK_EOF)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, open->line, open->col,
                     "'(' is not closed on its line; add ')'");
  return expected (p, error, "')'");
}

/* ---------------------------------------------------------------------- */
/* Shared between the files                                                */

/* A new scenario for PATH with no statements yet; its arrays free what is
 * added to them (in scenario.c).  Free it with gs_scenario_free. */
GsScenario *gs_scenario_new (const char *path);

/* Frees the GsStmt S and everything it owns (its expressions, arguments and
 * body); the free function of arrays of statements.  NULL is allowed. */
void gs_scenario_stmt_free (gpointer s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsStmt, gs_scenario_stmt_free)

/* Parses the expression at P's cursor (in expr.c): + - * / // % ** and
 * parentheses over numbers, strings and names; leaves the cursor after it.
 * Names are not checked here (gs_names_check does that).  Returns a new
 * GsExpr, or NULL with ERROR set to "FILE:LINE:COL: message" for a syntax
 * error or an expression nested too deeply. */
GsExpr *gs_expr_parse (Parser *p, GError **error);

/* Checks the scenario P->sc once it is parsed (in names.c): every name
 * refers to something (a parameter above it, a function parameter, i in the
 * arguments of start and pool, a function given as many arguments as it has
 * parameters, a declared or preset lock, a group started above in the same
 * block, a server), no function has a parameter's name, none calls or
 * starts itself, and the main program is not empty.  Returns TRUE when all
 * hold, or FALSE with ERROR set to "FILE:LINE:COL: message" for the first
 * that does not. */
gboolean gs_names_check (Parser *p, GError **error);

/* ---------------------------------------------------------------------- */
/* parse_sync.c: queues, events, conditions, semaphores, barriers, rlocks   */

/* TRUE when P's cursor is at a top-level declaration of a synchronisation
 * object: queue, event, condition, semaphore, bounded_semaphore, barrier
 * or rlock followed by a name. */
gboolean gs_parse_sync_is_decl (Parser *p);

/* Parses the declaration at P's cursor, with its NEWLINE, into P->sc->syncs
 * (`queue jobs maxsize 2`, `semaphore slots 3`, `barrier b 4`, `event
 * ready`, `rlock r`).  Returns FALSE with ERROR set to "FILE:LINE:COL:
 * message" for a syntax error or a name declared twice. */
gboolean gs_parse_sync_decl (Parser *p, GError **error);

/* TRUE when P's cursor is at a statement on a synchronisation object: put,
 * get, set, clear, wait, notify, notify_all, acquire or release followed
 * by a name (these words are no keywords: `get(x)` is still a call), or a
 * declaration's word inside a block. */
gboolean gs_parse_sync_is_stmt (Parser *p);

/* Parses the statement at P's cursor, up to (not including) its NEWLINE,
 * into a GS_STMT_SYNC.  Returns NULL with ERROR set to "FILE:LINE:COL:
 * message" for a syntax error or a declaration inside a block. */
GsStmt *gs_parse_sync_stmt (Parser *p, GError **error);

/* Checks that the object of S (a GS_STMT_SYNC, or a GS_STMT_WITH_LOCK on a
 * declared synchronisation object) is declared and of a kind that takes
 * the operation (put and get take a queue, notify a condition, with a
 * lock-like object...).  Returns FALSE with ERROR set otherwise. */
gboolean gs_parse_sync_check_stmt (Parser *p, const GsStmt *s, GError **error);

/* ---------------------------------------------------------------------- */
/* parser.c's helpers for the other statement files                         */

/* One statement at P's cursor, with its NEWLINE (parse_stmt). */
GsStmt *gs_parse_stmt (Parser *p, GError **error);

/* A new statement of KIND at T's place. */
GsStmt *gs_parse_new_stmt (GsStmtKind kind, const GsToken *t);

/* A NAME token into *OUT (new string) and *LOC, or an error "expected WHAT". */
gboolean gs_parse_expect_name (Parser *p, const char *what, char **out,
                               GsLoc *loc, GError **error);

/* '(' [expr {',' expr}] ')' into *OUT, a new array of GsExpr*. */
gboolean gs_parse_args (Parser *p, GPtrArray **out, GError **error);

/* The operator OP at P's cursor, consumed, or an error "expected 'OP'". */
gboolean gs_parse_expect_op (Parser *p, const char *op, GError **error);

/* The end of the line at P's cursor, consumed, or an error (one that says
 * where a unit written apart from its number goes). */
gboolean gs_parse_expect_newline (Parser *p, GError **error);

/* NAME {'.' NAME} into *OUT (new string) and *LOC, or an error "expected
 * WHAT". */
gboolean gs_parse_dotted_name (Parser *p, const char *what, char **out,
                               GsLoc *loc, GError **error);

/* NEWLINE and an indented block of statements (the ':' before them
 * already read): a new array of GsStmt*, or NULL with ERROR set. */
GPtrArray *gs_parse_block (Parser *p, GError **error);

/* ---------------------------------------------------------------------- */
/* parse_async.c: asyncio: await, run N tasks, to_thread                    */

/* TRUE when P's cursor is at `await ...` or at `run N tasks f(...)` (run
 * followed by neither '(' nor '=': a function may still be called run). */
gboolean gs_parse_async_is_stmt (Parser *p);

/* Parses the statement at P's cursor, with its NEWLINE: `await STMT` (in
 * an async def only; STMT one that can be awaited: sleep, request, send,
 * receive, read, write, fsync, a synchronisation statement, join, a call
 * of an async def, or `to_thread f(...)`), or `run N tasks f(...)`.
 * Returns NULL with ERROR set to "FILE:LINE:COL: message" otherwise. */
GsStmt *gs_parse_async_stmt (Parser *p, GError **error);

/* ---------------------------------------------------------------------- */
/* hints.c: advice for Python calls written as statements                  */

/* When P's cursor is at a dotted Python call, `MODULE.ATTR(...)` or
 * `NAME = MODULE.ATTR(...)`, which no statement or parameter starts with,
 * returns FALSE with ERROR set to "FILE:LINE:COL: MODULE.ATTR is Python;
 * here write ..." (the statement that stands for it, lang/hints.h).
 * Returns TRUE, consuming nothing, otherwise. */
gboolean gs_hints_check_python (Parser *p, GError **error);

/* 'join Q' where Q is no group started above but a declared queue:
 * Queue.join().  Turns S, a GS_STMT_JOIN, into that GS_STMT_SYNC and
 * returns TRUE (check it then with gs_parse_sync_check_stmt); returns
 * FALSE, S untouched, when Q is no queue. */
gboolean gs_parse_sync_join (Parser *p, GsStmt *s);

/* Checks the declarations' expressions (scenario parameters only) and that
 * no declared lock has the name of a synchronisation object.  Returns FALSE
 * with ERROR set to "FILE:LINE:COL: message" for the first that fails. */
gboolean gs_parse_sync_check_decls (Parser *p, GError **error);

/* Frees a GsSyncDecl (the free function of GsScenario.syncs). */
void gs_parse_sync_decl_free (gpointer data);

/* ---------------------------------------------------------------------- */
/* parse_shared.c: objects threads share, and code that touches them       */

/* Parses `shared NAME [dict|list] {, NAME [dict|list]}` at P's cursor
 * ('shared' followed by a name), with its NEWLINE, into P->sc->shared (and
 * the dicts and lists into P->sc->shared_locked too).  Returns FALSE with ERROR
 * set to "FILE:LINE:COL: message" for a syntax error or a name declared
 * twice. */
gboolean gs_parse_shared_decl (Parser *p, GError **error);

/* Parses `touching NAME [expr 'times']` at P's cursor (at 'touching')
 * after a `python` statement S: the object into S->name and S->name_loc,
 * the number of touches, if given, into S->e2.  Returns FALSE with ERROR
 * set for a syntax error. */
gboolean gs_parse_shared_touching (Parser *p, GsStmt *s, GError **error);

/* Parses `allocating expr 'objects'` at P's cursor (at 'allocating')
 * after a `python` statement S (and its touching clause, if any): the
 * number into S->allocs.  Returns FALSE with ERROR set for a syntax
 * error. */
gboolean gs_parse_shared_allocating (Parser *p, GsStmt *s, GError **error);

/* Parses `gc {heap expr 'objects' | threshold expr}` at P's cursor (at
 * 'gc'), with its NEWLINE, into P->sc's gc_heap, gc_threshold and
 * gc_loc.  Returns FALSE with ERROR set for a syntax error, a second gc
 * line or an option given twice. */
gboolean gs_parse_shared_gc (Parser *p, GError **error);

/* Checks that the object a `python ... touching NAME` statement S touches
 * is declared with `shared NAME`.  Returns FALSE with ERROR set
 * otherwise. */
gboolean gs_parse_shared_check (Parser *p, const GsStmt *s, GError **error);
/* parse_pool.c: the call a pool statement stands for                      */

/* After `pool N processes` or `pool N threads` (S's start_kind set):
 * reads `[executor] map|imap_unordered|apply_async|submit` into
 * S->pool_call; a method the pool has not (imap_unordered on an executor
 * or a thread pool) is an error.  Returns FALSE with ERROR set otherwise. */
gboolean gs_parse_pool_call (Parser *p, GsStmt *s, GError **error);

/* Checks that option T (the word before its value: chunksize, argsize...)
 * suits S's call: apply_async and ProcessPoolExecutor.submit take no
 * chunksize.  Returns FALSE with ERROR set otherwise. */
gboolean gs_parse_pool_option (Parser *p, const GsStmt *s, const GsToken *t,
                               GError **error);

/* The exception NAME names in `except NAME:` (queue.Empty, queue.Full,
 * threading.BrokenBarrierError, or the same without the module), or
 * GS_EXC_NONE. */
GsException gs_parse_pool_exception (const char *name);

/* TRUE if NAME is a declared pipe (send SIZE to NAME is then
 * Connection.send, not a transfer to a server). */
gboolean gs_parse_pool_is_pipe (Parser *p, const char *name);

/* Checks a send or receive S: `receive` from a pipe is an error (recv
 * takes the size that was sent), as is a name both a pipe and a server.
 * Returns FALSE with ERROR set then. */
gboolean gs_parse_pool_pipe_ok (Parser *p, const GsStmt *s, GError **error);

G_END_DECLS
