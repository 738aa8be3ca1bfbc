/* expr.c: parsing scenario expressions (sums, products, powers, atoms). */
#include "lang/parser_internal.h"

#include <string.h>

#define MAX_EXPR_DEPTH 64

/* ---------------------------------------------------------------------- */
/* Expressions                                                             */

void
gs_expr_free (GsExpr *e)
{
  if (e == NULL)
    return;
  gs_expr_free (e->a);
  gs_expr_free (e->b);
  g_free (e->text);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsExpr, gs_expr_free)

static GsExpr *
new_expr (GsExprKind kind, const GsToken *t)
{
  GsExpr *e = g_new0 (GsExpr, 1);
  e->kind = kind;
  e->loc.line = t->line;
  e->loc.col = t->col;
  return e;
}

static GsExpr *
parse_atom (Parser *p, GError **error)
{
  const GsToken *t = peek (p);
  if (t->kind == TOK_NUMBER) {
    next (p);
    GsExpr *e = new_expr (GS_EXPR_NUMBER, t);
    e->num = t->num;
    e->dim = t->dim;
    return e;
  }
  if (t->kind == TOK_STRING) {
    next (p);
    GsExpr *e = new_expr (GS_EXPR_STRING, t);
    e->text = g_strdup (t->text);
    e->dim = GS_DIM_STRING;
    return e;
  }
  if (t->kind == TOK_NAME && !is_keyword (t->text)) {
    next (p);
    GsExpr *e = new_expr (GS_EXPR_NAME, t);
    e->text = g_strdup (t->text);
    return e;
  }
  if (is_op (t, "(")) {
    next (p);
    g_autoptr (GsExpr) e = gs_expr_parse (p, error);
    if (e == NULL || !close_paren (p, t, error))
      return NULL;
    return g_steal_pointer (&e);
  }
  expected (p, error, "a value (a number such as 3, 5ms or 64MiB, a string "
                      "or a parameter name)");
  return NULL;
}

static GsExpr *parse_unary (Parser *p, GError **error);

/* power := atom ['**' unary]   (right-associative, binds tighter than unary minus on its left) */
static GsExpr *
parse_power (Parser *p, GError **error)
{
  g_autoptr (GsExpr) a = parse_atom (p, error);
  if (a == NULL)
    return NULL;
  if (is_op (peek (p), "**")) {
    const GsToken *t = next (p);
    g_autoptr (GsExpr) b = parse_unary (p, error);
    if (b == NULL)
      return NULL;
    GsExpr *e = new_expr (GS_EXPR_BINARY, t);
    e->text = g_strdup ("**");
    e->a = g_steal_pointer (&a);
    e->b = g_steal_pointer (&b);
    return e;
  }
  return g_steal_pointer (&a);
}

static GsExpr *
parse_unary (Parser *p, GError **error)
{
  if (++p->depth > MAX_EXPR_DEPTH) {
    const GsToken *t = peek (p);
    error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
              "expression nested too deeply (at most %d levels)", MAX_EXPR_DEPTH);
    return NULL;
  }
  GsExpr *r;
  const GsToken *t = peek (p);
  if (is_op (t, "-") || is_op (t, "+")) {
    gboolean neg = is_op (t, "-");
    next (p);
    g_autoptr (GsExpr) a = parse_unary (p, error);
    if (a == NULL) {
      p->depth--;
      return NULL;
    }
    if (!neg) {
      r = g_steal_pointer (&a);
    } else {
      r = new_expr (GS_EXPR_NEG, t);
      r->a = g_steal_pointer (&a);
    }
  } else {
    r = parse_power (p, error);
  }
  p->depth--;
  return r;
}

static GsExpr *
parse_binary (Parser *p, int level, GError **error)
{
  static const char *const levels[][4] = {
    { "+", "-", NULL },
    { "*", "/", "//", "%" },
  };
  if (level >= 2)
    return parse_unary (p, error);
  g_autoptr (GsExpr) a = parse_binary (p, level + 1, error);
  if (a == NULL)
    return NULL;
  for (;;) {
    const GsToken *t = peek (p);
    const char *op = NULL;
    for (int i = 0; i < 4 && levels[level][i]; i++)
      if (is_op (t, levels[level][i]))
        op = levels[level][i];
    if (op == NULL)
      break;
    next (p);
    g_autoptr (GsExpr) b = parse_binary (p, level + 1, error);
    if (b == NULL)
      return NULL;
    GsExpr *e = new_expr (GS_EXPR_BINARY, t);
    e->text = g_strdup (op);
    e->a = g_steal_pointer (&a);
    e->b = g_steal_pointer (&b);
    a = e;
  }
  return g_steal_pointer (&a);
}

GsExpr *
gs_expr_parse (Parser *p, GError **error)
{
  return parse_binary (p, 0, error);
}

GsExpr *
gs_expr_parse_value (const char *what, const char *text, GError **error)
{
  if (g_ascii_isalpha (text[0]) || text[0] == '_') {
    /* a bare word is a string value: -L runtime=cpython-3.13t, -L name=x */
    GsExpr *e = g_new0 (GsExpr, 1);
    e->kind = GS_EXPR_STRING;
    e->loc.line = e->loc.col = 1;
    e->text = g_strdup (text);
    e->dim = GS_DIM_STRING;
    return e;
  }
  GArray *toks = gs_lexer_lex (what, text, strlen (text), error);
  if (toks == NULL)
    return NULL;
  Parser p = { what, toks, 0, 0, NULL };  /* a lone value: no scenario */
  GsExpr *e = gs_expr_parse (&p, error);
  if (e != NULL && peek (&p)->kind != TOK_NEWLINE && peek (&p)->kind != TOK_EOF) {
    expected (&p, error, "the end of the value");
    gs_expr_free (e);
    e = NULL;
  }
  gs_lexer_tokens_free (toks);
  return e;
}
