/* parse_toplevel.c: the top level of a scenario (functions, parameters,
 * runtime, platform, locks, servers, the main program) and the entry
 * points that parse and load a scenario (lang/scenario.h). */
#include "lang/parser_internal.h"
#include "util/userfile.h"

#include <string.h>
#include "presets.h"

/* ---------------------------------------------------------------------- */
/* Top level                                                               */

static gboolean
parse_def (Parser *p, GError **error)
{
  const GsToken *kw = next (p);
  GsFunc *f = g_new0 (GsFunc, 1);
  f->loc.line = kw->line;
  f->loc.col = kw->col;
  f->params = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (p->sc->funcs, f);
  GsLoc loc;
  if (!gs_parse_expect_name (p, "a function name after 'def'", &f->name, &loc, error))
    return FALSE;
  for (guint i = 0; i + 1 < p->sc->funcs->len; i++)
    if (strcmp (((GsFunc *) p->sc->funcs->pdata[i])->name, f->name) == 0)
      return error_at (p, error, GS_SCENARIO_ERROR_NAME, loc.line, loc.col,
                       "function '%s' is defined twice; rename one", f->name);
  f->loc = loc;
  if (!gs_parse_expect_op (p, "(", error))
    return FALSE;
  if (!is_op (peek (p), ")")) {
    for (;;) {
      char *name;
      GsLoc ploc;
      if (!gs_parse_expect_name (p, "a parameter name", &name, &ploc, error))
        return FALSE;
      for (guint i = 0; i < f->params->len; i++)
        if (strcmp (f->params->pdata[i], name) == 0) {
          g_free (name);
          return error_at (p, error, GS_SCENARIO_ERROR_NAME, ploc.line, ploc.col,
                           "parameter '%s' appears twice", (char *) f->params->pdata[i]);
        }
      g_ptr_array_add (f->params, name);
      if (!is_op (peek (p), ","))
        break;
      next (p);
    }
  }
  if (!gs_parse_expect_op (p, ")", error) || !gs_parse_expect_op (p, ":", error))
    return FALSE;
  f->body = gs_parse_block (p, error);
  return f->body != NULL;
}

/* Removes "dir/.." pairs and "./" from a relative path, textually:
 * "scenarios/seed/../../platforms/x.xml" becomes "platforms/x.xml". */
static char *
tidy_path (const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  GPtrArray *out = g_ptr_array_new ();
  for (char **s = parts; *s; s++) {
    if (strcmp (*s, ".") == 0 || (**s == '\0' && out->len > 0))
      continue;
    if (strcmp (*s, "..") == 0 && out->len > 0 &&
        strcmp (out->pdata[out->len - 1], "..") != 0 &&
        *(char *) out->pdata[out->len - 1] != '\0') {
      g_ptr_array_remove_index (out, out->len - 1);
      continue;
    }
    g_ptr_array_add (out, *s);
  }
  g_ptr_array_add (out, NULL);
  char *r = out->len > 1 ? g_strjoinv ("/", (char **) out->pdata) : g_strdup (".");
  g_ptr_array_unref (out);
  return r;
}

/* 'server' NAME 'on' HOST {'service' expr | 'concurrency' expr} */
static gboolean
parse_server (Parser *p, GError **error)
{
  next (p);  /* 'server' */
  GsServer *sv = g_new0 (GsServer, 1);
  g_ptr_array_add (p->sc->servers, sv);
  const GsToken *n = peek (p);
  if (!gs_parse_expect_name (p, "the server's name", &sv->name, &sv->loc, error))
    return FALSE;
  for (guint i = 0; i + 1 < p->sc->servers->len; i++)
    if (strcmp (((GsServer *) p->sc->servers->pdata[i])->name, sv->name) == 0)
      return error_at (p, error, GS_SCENARIO_ERROR_NAME, n->line, n->col,
                       "server '%s' is declared twice; keep one line", sv->name);
  if (!is_word (peek (p), "on"))
    return expected (p, error, "'on HOST' (server web on host2 service 50ms)");
  next (p);
  const GsToken *h = peek (p);
  if (h->kind != TOK_NAME && h->kind != TOK_STRING)
    return expected (p, error, "the id of a host of the platform");
  next (p);
  sv->host = g_strdup (h->text);
  sv->host_loc.line = h->line;
  sv->host_loc.col = h->col;
  for (;;) {
    const GsToken *t = peek (p);
    GsExpr **slot = is_word (t, "service") ? &sv->service
                  : is_word (t, "concurrency") ? &sv->concurrency : NULL;
    if (slot == NULL || *slot != NULL)
      break;
    next (p);
    if ((*slot = gs_expr_parse (p, error)) == NULL)
      return FALSE;
  }
  return gs_parse_expect_newline (p, error);
}

/* 'runtime' NAME { NAME '=' expr }: the Python and its options;
 * T is 'runtime'. */
static gboolean
parse_runtime (Parser *p, const GsToken *t, GError **error)
{
  next (p);
  if (p->sc->runtime != NULL)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "a second 'runtime' line; keep one");
  const GsToken *n = peek (p);
  if (n->kind != TOK_NAME)
    return expected (p, error, "a runtime name such as cpython-3.12");
  next (p);
  p->sc->runtime = g_strdup (n->text);
  p->sc->runtime_loc.line = n->line;
  p->sc->runtime_loc.col = n->col;
  while (peek (p)->kind == TOK_NAME) {
    GsOption *o = g_new0 (GsOption, 1);
    const GsToken *on = next (p);
    o->name = g_strdup (on->text);
    o->loc.line = on->line;
    o->loc.col = on->col;
    g_ptr_array_add (p->sc->options, o);
    if (!gs_parse_expect_op (p, "=", error) || (o->value = gs_expr_parse (p, error)) == NULL)
      return FALSE;
  }
  return gs_parse_expect_newline (p, error);
}

/* 'lock' NAME {',' NAME}: the threading.Lock() objects the program
 * uses; T is 'lock'. */
static gboolean
parse_locks (Parser *p, const GsToken *t, GError **error)
{
  next (p);
  for (;;) {
    char *name;
    GsLoc loc;
    if (!gs_parse_dotted_name (p, "a lock name", &name, &loc, error))
      return FALSE;
    for (guint i = 0; i < p->sc->locks->len; i++)
      if (strcmp (p->sc->locks->pdata[i], name) == 0) {
        g_free (name);
        return error_at (p, error, GS_SCENARIO_ERROR_NAME, loc.line, loc.col,
                         "lock '%s' is declared twice", (char *) p->sc->locks->pdata[i]);
      }
    g_ptr_array_add (p->sc->locks, name);
    if (!is_op (peek (p), ","))
      break;
    next (p);
  }
  return gs_parse_expect_newline (p, error);
}

/* 'platform' STRING: the default machine, relative to the scenario's
 * folder; T is 'platform'. */
static gboolean
parse_platform (Parser *p, const GsToken *t, GError **error)
{
  next (p);
  const GsToken *s = peek (p);
  if (s->kind != TOK_STRING)
    return expected (p, error, "the platform file's path as a string");
  next (p);
  if (p->sc->platform != NULL)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                     "a second 'platform' line; keep one");
  if (g_path_is_absolute (s->text)) {
    p->sc->platform = g_strdup (s->text);
  } else {
    g_autofree char *dir = g_path_get_dirname (p->file);
    g_autofree char *joined = g_build_filename (dir, s->text, NULL);
    p->sc->platform = tidy_path (joined);
  }
  p->sc->platform_loc.line = s->line;
  p->sc->platform_loc.col = s->col;
  return gs_parse_expect_newline (p, error);
}

static gboolean
parse_toplevel (Parser *p, GError **error)
{
  const GsToken *t = peek (p);
  if (is_word (t, "def"))
    return parse_def (p, error);
  if (is_word (t, "async") && is_word (peek2 (p), "def")) {
    /* async def: a coroutine function, whose body may await */
    next (p);
    p->in_async = TRUE;
    gboolean ok = parse_def (p, error);
    p->in_async = FALSE;
    ((GsFunc *) p->sc->funcs->pdata[p->sc->funcs->len - 1])->is_async = TRUE;
    return ok;
  }
  if (is_word (t, "runtime"))
    return parse_runtime (p, t, error);
  if (is_word (t, "lock") && peek2 (p)->kind == TOK_NAME)
    return parse_locks (p, t, error);
  if (is_word (t, "platform"))
    return parse_platform (p, t, error);
  if (is_word (t, "shared") && peek2 (p)->kind == TOK_NAME)
    return gs_parse_shared_decl (p, error);
  if (is_word (t, "gc") && peek2 (p)->kind == TOK_NAME)
    return gs_parse_shared_gc (p, error);
  if (gs_parse_sync_is_decl (p))
    return gs_parse_sync_decl (p, error);
  if (is_word (t, "server"))
    return parse_server (p, error);
  if (!gs_hints_check_python (p, error))
    return FALSE;
  if (t->kind == TOK_NAME && !is_keyword (t->text) && is_op (peek2 (p), "=") &&
      !is_word (&g_array_index (p->toks, GsToken, p->pos + 2), "start")) {
    next (p);
    next (p);
    if (gs_scenario_param (p->sc, t->text) != NULL)
      return error_at (p, error, GS_SCENARIO_ERROR_NAME, t->line, t->col,
                       "parameter '%s' is set twice; keep one line", t->text);
    if (strcmp (t->text, "i") == 0)
      return error_at (p, error, GS_SCENARIO_ERROR_NAME, t->line, t->col,
                       "'i' is the worker index in start ...; name the "
                       "parameter otherwise");
    GsParam *pa = g_new0 (GsParam, 1);
    pa->name = g_strdup (t->text);
    pa->loc.line = t->line;
    pa->loc.col = t->col;
    g_ptr_array_add (p->sc->params, pa);
    if ((pa->value = gs_expr_parse (p, error)) == NULL)
      return FALSE;
    return gs_parse_expect_newline (p, error);
  }
  GsStmt *s = gs_parse_stmt (p, error);
  if (s == NULL)
    return FALSE;
  g_ptr_array_add (p->sc->main, s);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Public API                                                              */

GsScenario *
gs_scenario_parse (const char *path, const char *text, gsize len, GError **error)
{
  g_return_val_if_fail (path != NULL && text != NULL, NULL);
  GArray *toks = gs_lexer_lex (path, text, len, error);
  if (toks == NULL)
    return NULL;
  g_autoptr (GsScenario) sc = gs_scenario_new (path);
  Parser p = { path, toks, 0, 0, sc };
  gboolean ok = TRUE;
  while (ok && peek (&p)->kind != TOK_EOF) {
    if (peek (&p)->kind == TOK_NEWLINE) {
      next (&p);
      continue;
    }
    ok = parse_toplevel (&p, error);
  }
  if (ok)
    ok = gs_names_check (&p, error);
  gs_lexer_tokens_free (toks);
  if (ok)
    sc->digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);
  return ok ? g_steal_pointer (&sc) : NULL;
}

#define MAX_SCENARIO_BYTES (4 * 1024 * 1024)

GsScenario *
gs_scenario_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  GError *local = NULL;
  if (g_str_has_suffix (path, ".py")) {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_IO,
                 "%s:1:1: this is a Python program, not a scenario; write the "
                 "scenario that models it (docs/language.md shows each "
                 "statement beside the Python it stands for)", path);
    return NULL;
  }
  if (!gs_userfile_read (path, MAX_SCENARIO_BYTES, &text, &len, &local)) {
    if (g_error_matches (local, GS_USERFILE_ERROR, GS_USERFILE_ERROR_FOLDER))
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_IO,
                   "%s:1:1: is a folder; give a scenario file", path);
    else if (g_error_matches (local, GS_USERFILE_ERROR, GS_USERFILE_ERROR_TOO_BIG))
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_IO,
                   "%s:1:1: the scenario is too big: %s", path, local->message);
    else if (g_error_matches (local, GS_USERFILE_ERROR, GS_USERFILE_ERROR_SPECIAL))
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_IO,
                   "%s:1:1: %s; give a scenario file", path, local->message);
    else
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_IO,
                   "%s:1:1: cannot read the scenario: %s", path, local->message);
    g_error_free (local);
    return NULL;
  }
  const char *start = text + strspn (text, " \t\r\n");
  if (g_str_has_prefix (start, "<?xml") || g_str_has_prefix (start, "<platform") ||
      g_str_has_prefix (start, "<!DOCTYPE")) {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_IO,
                 "%s:1:1: this is a platform file, not a scenario; give it with "
                 "--platform %s after the scenario to run", path, path);
    return NULL;
  }
  return gs_scenario_parse (path, text, len, error);
}
