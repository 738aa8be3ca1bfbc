/* parse_shared.c: objects threads share (`shared NAME [dict|list]`), the
 * Python code that touches them or allocates, and the collector (`gc`). */
#include "lang/parser_internal.h"

#include <string.h>

static gboolean
declared (const GsScenario *sc, const char *name)
{
  for (guint i = 0; i < sc->shared->len; i++)
    if (strcmp (sc->shared->pdata[i], name) == 0)
      return TRUE;
  return FALSE;
}

gboolean
gs_parse_shared_decl (Parser *p, GError **error)
{
  next (p);  /* 'shared' */
  for (;;) {
    char *name;
    GsLoc loc;
    if (!gs_parse_dotted_name (p, "the name of a shared object (shared handler)",
                               &name, &loc, error))
      return FALSE;
    if (declared (p->sc, name)) {
      error_at (p, error, GS_SCENARIO_ERROR_NAME, loc.line, loc.col,
                "shared object '%s' is declared twice; keep one", name);
      g_free (name);
      return FALSE;
    }
    g_ptr_array_add (p->sc->shared, name);
    const GsToken *k = peek (p);
    if (is_word (k, "dict") || is_word (k, "list")) {
      next (p);
      g_ptr_array_add (p->sc->shared_locked, g_strdup (name));
    } else if (k->kind == TOK_NAME) {
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, k->line, k->col,
                       "a shared object is a dict, a list or neither: "
                       "shared %s dict, shared %s list or shared %s", name,
                       name, name);
    }
    if (!is_op (peek (p), ","))
      break;
    next (p);
  }
  const GsToken *t = peek (p);
  if (t->kind != TOK_NEWLINE)
    return expected (p, error, "',' and another name, 'dict', 'list', or the "
                     "end of the line");
  next (p);
  return TRUE;
}

gboolean
gs_parse_shared_touching (Parser *p, GsStmt *s, GError **error)
{
  next (p);  /* 'touching' */
  if (!gs_parse_dotted_name (p, "the shared object it touches (python 1e6 iterations "
                             "touching cache)", &s->name, &s->name_loc, error))
    return FALSE;
  const GsToken *t = peek (p);
  if (t->kind == TOK_NEWLINE || t->kind == TOK_EOF || is_word (t, "allocating"))
    return TRUE;
  if ((s->e2 = gs_expr_parse (p, error)) == NULL)
    return FALSE;
  if (!is_word (peek (p), "times") && !is_word (peek (p), "time"))
    return expected (p, error, "'times' after the number of touches "
                     "(python 10ms touching cache 1e5 times)");
  next (p);
  return TRUE;
}

gboolean
gs_parse_shared_check (Parser *p, const GsStmt *s, GError **error)
{
  if (declared (p->sc, s->name))
    return TRUE;
  return error_at (p, error, GS_SCENARIO_ERROR_NAME, s->name_loc.line,
                   s->name_loc.col, "unknown shared object '%s'; declare it "
                   "at the top level: shared %s", s->name, s->name);
}

gboolean
gs_parse_shared_allocating (Parser *p, GsStmt *s, GError **error)
{
  next (p);  /* 'allocating' */
  if ((s->allocs = gs_expr_parse (p, error)) == NULL)
    return FALSE;
  if (!is_word (peek (p), "objects") && !is_word (peek (p), "object"))
    return expected (p, error, "'objects' after the number of objects "
                     "(python 10ms allocating 1e5 objects)");
  next (p);
  return TRUE;
}

gboolean
gs_parse_shared_gc (Parser *p, GError **error)
{
  const GsToken *kw = next (p);  /* 'gc' */
  GsScenario *sc = p->sc;
  if (sc->gc_loc.line)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, kw->line, kw->col,
                     "the collector is described twice (line %d); keep one "
                     "gc line", sc->gc_loc.line);
  sc->gc_loc.line = kw->line;
  sc->gc_loc.col = kw->col;
  for (;;) {
    const GsToken *t = peek (p);
    GsExpr **slot = is_word (t, "heap") ? &sc->gc_heap
                    : is_word (t, "threshold") ? &sc->gc_threshold : NULL;
    if (slot == NULL)
      break;
    if (*slot)
      return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
                       "'%s' is given twice; keep one", t->text);
    next (p);
    if ((*slot = gs_expr_parse (p, error)) == NULL)
      return FALSE;
    if (slot == &sc->gc_heap) {
      if (!is_word (peek (p), "objects") && !is_word (peek (p), "object"))
        return expected (p, error, "'objects' after the heap's size "
                         "(gc heap 1e6 objects)");
      next (p);
    }
  }
  const GsToken *t = peek (p);
  if (t->kind != TOK_NEWLINE && t->kind != TOK_EOF)
    return expected (p, error, "'heap N objects' or 'threshold N' "
                     "(gc heap 1e6 objects threshold 2000)");
  if (sc->gc_heap == NULL && sc->gc_threshold == NULL)
    return expected (p, error, "'heap N objects' or 'threshold N' after gc "
                     "(gc heap 1e6 objects threshold 2000)");
  if (t->kind == TOK_NEWLINE)
    next (p);
  return TRUE;
}
