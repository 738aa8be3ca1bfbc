/* names.c: the checks of names in a parsed scenario: every name refers to
 * something (parameters, functions, locks, groups, servers), no recursion. */
#include "lang/parser_internal.h"

#include <string.h>
#include "presets.h"

/* ---------------------------------------------------------------------- */
/* Checks: every name refers to something, no recursion                    */

typedef struct {
  Parser *p;
  const GsFunc *func;      /* NULL for main */
  GPtrArray *groups;       /* char*: groups started so far in this body */
  gboolean has_i;          /* inside start's arguments */
  GPtrArray *rounds;       /* char*: the names of the repeats around (as j) */
} Scope;

static gboolean
name_known (const Scope *sc, const char *name)
{
  if (sc->has_i && strcmp (name, "i") == 0)
    return TRUE;
  for (guint i = 0; sc->rounds && i < sc->rounds->len; i++)
    if (strcmp (sc->rounds->pdata[i], name) == 0)
      return TRUE;
  if (gs_scenario_param (sc->p->sc, name))
    return TRUE;
  if (sc->func)
    for (guint i = 0; i < sc->func->params->len; i++)
      if (strcmp (sc->func->params->pdata[i], name) == 0)
        return TRUE;
  return FALSE;
}

static gboolean
unknown_name (const Scope *sc, const char *name, GsLoc loc, GError **error)
{
  const char *where = sc->func ? "function parameters or scenario parameters"
                               : "scenario parameters";
  return error_at (sc->p, error, GS_SCENARIO_ERROR_NAME, loc.line, loc.col,
                   "unknown name '%s'; known here: %s%s", name, where,
                   sc->has_i ? " and i" : "");
}

static gboolean
check_expr (const Scope *sc, const GsExpr *e, GError **error)
{
  if (e == NULL)
    return TRUE;
  if (e->kind == GS_EXPR_NAME && !name_known (sc, e->text))
    return unknown_name (sc, e->text, e->loc, error);
  if (e->kind == GS_EXPR_STRING) {
    /* {field} names in a string */
    const char *s = e->text;
    for (const char *c = s; *c; c++) {
      if (*c == '{' && c[1] == '{') {
        c++;
        continue;
      }
      if (*c == '}' && c[1] == '}') {
        c++;
        continue;
      }
      if (*c == '}') {
        GsLoc l = { e->loc.line, e->loc.col + 1 + (int) (c - s) };
        return error_at (sc->p, error, GS_SCENARIO_ERROR_SYNTAX, l.line, l.col,
                         "single '}' in a string; write '}}' for a brace");
      }
      if (*c != '{')
        continue;
      const char *end = strchr (c, '}');
      GsLoc l = { e->loc.line, e->loc.col + 1 + (int) (c - s) };
      if (end == NULL)
        return error_at (sc->p, error, GS_SCENARIO_ERROR_SYNTAX, l.line, l.col,
                         "'{' without '}' in a string; write '{{' for a brace");
      g_autofree char *field = g_strndup (c + 1, end - c - 1);
      if (!name_known (sc, field))
        return unknown_name (sc, field, l, error);
      c = end;
    }
  }
  return check_expr (sc, e->a, error) && check_expr (sc, e->b, error);
}

static gboolean check_body (Scope *sc, GPtrArray *body, GError **error);

static gboolean
check_call (Scope *sc, const GsStmt *s, GError **error)
{
  const GsFunc *f = gs_scenario_func (sc->p->sc, s->func);
  if (f == NULL)
    return error_at (sc->p, error, GS_SCENARIO_ERROR_NAME, s->func_loc.line,
                     s->func_loc.col, "unknown function '%s'; define it with "
                     "'def %s(...):' first", s->func, s->func);
  if (f->params->len != s->args->len)
    return error_at (sc->p, error, GS_SCENARIO_ERROR_VALUE, s->func_loc.line,
                     s->func_loc.col, "'%s' takes %u argument%s, %u given",
                     s->func, f->params->len, f->params->len == 1 ? "" : "s",
                     s->args->len);
  Scope args = *sc;
  args.has_i = s->kind == GS_STMT_START || s->kind == GS_STMT_POOL;
  for (guint i = 0; i < s->args->len; i++)
    if (!check_expr (&args, s->args->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* An async def runs as a task (run N tasks f(), start N tasks f() in an
 * async def) or awaited from a task (await f()); every other function
 * runs in a thread, a process, a pool or to_thread, or is called plainly. */
static gboolean
check_async (Scope *sc, const GsStmt *s, GError **error)
{
  const GsFunc *f = gs_scenario_func (sc->p->sc, s->func);
  gboolean task = s->kind == GS_STMT_START && s->start_kind == GS_START_TASKS;
  gboolean coroutine = task || (s->kind == GS_STMT_CALL && s->awaited);
  const char *n = s->func;
  g_autofree char *msg = NULL;
  if (f->is_async && !coroutine && s->kind == GS_STMT_CALL)
    msg = g_strdup_printf ("'%s' is an async def: calling it makes a coroutine "
                           "that never runs; write await %s(...) inside an async "
                           "def, or run 1 task %s(...)", n, n, n);
  else if (f->is_async && !coroutine)
    msg = g_strdup_printf ("'%s' is an async def: run it as a task (run N tasks "
                           "%s(...)), or await %s(...) inside an async def", n, n, n);
  else if (!f->is_async && task)
    msg = g_strdup_printf ("'%s' is no async def: tasks run coroutines; write "
                           "async def %s(...):, or start threads of %s", n, n, n);
  else if (!f->is_async && coroutine)
    msg = g_strdup_printf ("'%s' is no async def: await only an async def's call, "
                           "or call %s(...) without await (it then holds the "
                           "loop while it runs)", n, n);
  if (msg == NULL)
    return TRUE;
  return error_at (sc->p, error, GS_SCENARIO_ERROR_VALUE, s->func_loc.line,
                   s->func_loc.col, "%s", msg);
}

/* A lock is known when the scenario declares it (`lock NAME`) or a native
 * preset holds it (NumPy's numpy.random). */
static gboolean
check_lock (Scope *sc, const char *name, GsLoc loc, GError **error)
{
  GsScenario *scn = sc->p->sc;
  for (guint i = 0; i < scn->locks->len; i++)
    if (strcmp (scn->locks->pdata[i], name) == 0)
      return TRUE;
  gsize n;
  const GsPreset *all = gs_preset_all (&n);
  for (gsize i = 0; i < n; i++)
    if (all[i].lock && strcmp (all[i].lock, name) == 0)
      return TRUE;
  return error_at (sc->p, error, GS_SCENARIO_ERROR_NAME, loc.line, loc.col,
                   "unknown lock '%s'; declare it at the top level: lock %s",
                   name, name);
}

static gboolean
check_stmt (Scope *sc, GsStmt *s, GError **error)
{
  if (!check_expr (sc, s->e1, error) || !check_expr (sc, s->e2, error))
    return FALSE;
  if (s->kind == GS_STMT_NATIVE && s->lock && !check_lock (sc, s->lock, s->lock_loc, error))
    return FALSE;
  if (s->kind == GS_STMT_PYTHON && s->name && !gs_parse_shared_check (sc->p, s, error))
    return FALSE;
  if (!check_expr (sc, s->allocs, error))
    return FALSE;
  switch (s->kind) {
  case GS_STMT_WITH_LOCK:
    if (gs_scenario_sync (sc->p->sc, s->name)
            ? !gs_parse_sync_check_stmt (sc->p, s, error)
            : !check_lock (sc, s->name, s->name_loc, error))
      return FALSE;
    return check_body (sc, s->body, error);
  case GS_STMT_REPEAT: {
    if (s->name == NULL)
      return check_body (sc, s->body, error);
    if (name_known (sc, s->name))
      return error_at (sc->p, error, GS_SCENARIO_ERROR_NAME, s->name_loc.line,
                       s->name_loc.col, "'%s' already names a value here; call "
                       "the round otherwise", s->name);
    if (sc->rounds == NULL)
      sc->rounds = g_ptr_array_new ();
    g_ptr_array_add (sc->rounds, s->name);
    gboolean ok = check_body (sc, s->body, error);
    g_ptr_array_remove_index (sc->rounds, sc->rounds->len - 1);
    if (sc->rounds->len == 0)
      g_clear_pointer (&sc->rounds, g_ptr_array_unref);
    return ok;
  }
  case GS_STMT_IF:
  case GS_STMT_TRY:
    return check_body (sc, s->body, error) &&
           (s->orelse == NULL || check_body (sc, s->orelse, error));
  case GS_STMT_SYNC:
    /* acquire and release also take a threading.Lock */
    if (!gs_scenario_sync (sc->p->sc, s->name) &&
        (s->sync_op == GS_SYNC_ACQUIRE || s->sync_op == GS_SYNC_RELEASE))
      return check_lock (sc, s->name, s->name_loc, error);
    return gs_parse_sync_check_stmt (sc->p, s, error);
  case GS_STMT_CALL:
  case GS_STMT_TO_THREAD:
    return check_call (sc, s, error) && check_async (sc, s, error);
  case GS_STMT_START:
    if (!check_call (sc, s, error) || !check_async (sc, s, error))
      return FALSE;
    if (s->name)   /* run N tasks f() has no group */
      g_ptr_array_add (sc->groups, s->name);
    return TRUE;
  case GS_STMT_POOL:
    return check_expr (sc, s->items, error) && check_expr (sc, s->chunksize, error) &&
           check_expr (sc, s->argsize, error) && check_expr (sc, s->resultsize, error) &&
           check_call (sc, s, error) && check_async (sc, s, error);
  case GS_STMT_REQUEST:
  case GS_STMT_SEND:
  case GS_STMT_RECEIVE:
    if (s->kind != GS_STMT_REQUEST && !gs_parse_pool_pipe_ok (sc->p, s, error))
      return FALSE;
    if (gs_scenario_server (sc->p->sc, s->name) == NULL &&
        !gs_parse_pool_is_pipe (sc->p, s->name))
      return error_at (sc->p, error, GS_SCENARIO_ERROR_NAME, s->name_loc.line,
                       s->name_loc.col, "unknown server '%s'; declare it at the "
                       "top level: server %s on HOST service 50ms concurrency 4",
                       s->name, s->name);
    return TRUE;
  case GS_STMT_JOIN:
    for (guint i = 0; i < sc->groups->len; i++)
      if (strcmp (sc->groups->pdata[i], s->name) == 0)
        return TRUE;
    if (gs_parse_sync_join (sc->p, s))   /* join jobs: Queue.join() */
      return gs_parse_sync_check_stmt (sc->p, s, error);
    return error_at (sc->p, error, GS_SCENARIO_ERROR_NAME, s->name_loc.line,
                     s->name_loc.col, "'%s' names no group started above in "
                     "this block; start it first: %s = start N threads "
                     "worker(...)", s->name, s->name);
  default:
    return TRUE;
  }
}

static gboolean
check_body (Scope *sc, GPtrArray *body, GError **error)
{
  for (guint i = 0; i < body->len; i++)
    if (!check_stmt (sc, body->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* Depth-first search for a function that calls or starts itself. */
static gboolean
find_cycle (Parser *p, const GsFunc *f, GHashTable *on_path, GHashTable *done,
            GPtrArray *body, GError **error)
{
  for (guint i = 0; i < body->len; i++) {
    GsStmt *s = body->pdata[i];
    if (s->body && !find_cycle (p, f, on_path, done, s->body, error))
      return FALSE;
    if (s->orelse && !find_cycle (p, f, on_path, done, s->orelse, error))
      return FALSE;
    if (s->kind != GS_STMT_CALL && s->kind != GS_STMT_START && s->kind != GS_STMT_POOL &&
        s->kind != GS_STMT_TO_THREAD)
      continue;
    const GsFunc *g = gs_scenario_func (p->sc, s->func);
    if (g == NULL || g_hash_table_contains (done, g))
      continue;
    if (g_hash_table_contains (on_path, g))
      return error_at (p, error, GS_SCENARIO_ERROR_VALUE, s->func_loc.line,
                       s->func_loc.col, "'%s' calls or starts itself (through "
                       "'%s'); recursion never ends, remove the cycle",
                       g->name, f->name);
    g_hash_table_add (on_path, (gpointer) g);
    if (!find_cycle (p, g, on_path, done, g->body, error))
      return FALSE;
    g_hash_table_remove (on_path, g);
    g_hash_table_add (done, (gpointer) g);
  }
  return TRUE;
}

gboolean
gs_names_check (Parser *p, GError **error)
{
  GsScenario *sc = p->sc;
  /* parameters may use the ones above them */
  for (guint i = 0; i < sc->params->len; i++) {
    GsParam *pa = sc->params->pdata[i];
    GPtrArray *saved = sc->params;
    GPtrArray *prefix = g_ptr_array_new ();
    for (guint j = 0; j < i; j++)
      g_ptr_array_add (prefix, saved->pdata[j]);
    sc->params = prefix;
    Scope scope = { p, NULL, NULL, FALSE };
    gboolean ok = check_expr (&scope, pa->value, error);
    sc->params = saved;
    g_ptr_array_unref (prefix);
    if (!ok)
      return FALSE;
  }
  for (guint i = 0; i < sc->funcs->len; i++) {
    GsFunc *f = sc->funcs->pdata[i];
    if (gs_scenario_param (sc, f->name))
      return error_at (p, error, GS_SCENARIO_ERROR_NAME, f->loc.line, f->loc.col,
                       "'%s' is both a parameter and a function; rename one",
                       f->name);
    g_autoptr (GPtrArray) groups = g_ptr_array_new ();
    Scope scope = { p, f, groups, FALSE };
    if (!check_body (&scope, f->body, error))
      return FALSE;
  }
  g_autoptr (GPtrArray) groups = g_ptr_array_new ();
  Scope scope = { p, NULL, groups, FALSE };
  if (!check_body (&scope, sc->main, error))
    return FALSE;
  for (guint i = 0; i < sc->servers->len; i++) {
    GsServer *sv = sc->servers->pdata[i];
    Scope none = { p, NULL, NULL, FALSE };
    if (!check_expr (&none, sv->service, error) ||
        !check_expr (&none, sv->concurrency, error))
      return FALSE;
  }
  for (guint i = 0; i < sc->syncs->len; i++) {
    GsSyncDecl *d = sc->syncs->pdata[i];
    Scope none = { p, NULL, NULL, FALSE };
    if (!check_expr (&none, d->value, error))
      return FALSE;
  }
  if (!gs_parse_sync_check_decls (p, error))
    return FALSE;
  Scope none = { p, NULL, NULL, FALSE };
  if (!check_expr (&none, sc->gc_heap, error) ||
      !check_expr (&none, sc->gc_threshold, error))
    return FALSE;
  g_autoptr (GHashTable) on_path = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) done = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < sc->funcs->len; i++) {
    GsFunc *f = sc->funcs->pdata[i];
    g_hash_table_add (on_path, f);
    if (!find_cycle (p, f, on_path, done, f->body, error))
      return FALSE;
    g_hash_table_remove (on_path, f);
    g_hash_table_add (done, f);
  }
  if (sc->main->len == 0)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, 1, 1,
                     "the scenario has no main program; add statements at the "
                     "top level, such as: threads = start N threads worker(i) "
                     "and join threads");
  return TRUE;
}
