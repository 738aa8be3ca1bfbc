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

/* The draws an expression may make, and how many arguments each takes. */
static const struct {
  const char *name;
  int nargs;
  const char *usage;
} draws[] = {
  { "uniform", 2, "uniform(LOW, HIGH)" },
  { "randint", 2, "randint(LOW, HIGH)" },
  { "exponential", 1, "exponential(MEAN)" },
  { "normal", 2, "normal(MEAN, SD)" },
  { "lognormal", 2, "lognormal(MEAN, SD)" },
};

/* NAME '(' expr {',' expr} ')': a draw from a distribution, such as
 * uniform(1ms, 3ms); the cursor is on NAME. */
static GsExpr *
parse_draw (Parser *p, GError **error)
{
  const GsToken *t = next (p);
  int want = -1;
  const char *usage = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (draws); i++)
    if (strcmp (draws[i].name, t->text) == 0) {
      want = draws[i].nargs;
      usage = draws[i].usage;
    }
  if (want < 0) {
    error_at (p, error, GS_SCENARIO_ERROR_NAME, t->line, t->col,
              "unknown function '%s' in an expression; a value may be drawn "
              "with uniform(a, b), randint(a, b), exponential(mean), "
              "normal(mean, sd) or lognormal(mean, sd)", t->text);
    return NULL;
  }
  const GsToken *open = next (p);
  g_autoptr (GsExpr) e = new_expr (GS_EXPR_DRAW, t);
  e->text = g_strdup (t->text);
  while (!is_op (peek (p), ")") && peek (p)->kind != TOK_NEWLINE &&
         peek (p)->kind != TOK_EOF) {
    if (e->nargs > 0) {
      if (!is_op (peek (p), ","))
        return close_paren (p, open, error), NULL;
      next (p);
    }
    GsExpr *arg = gs_expr_parse (p, error);
    if (arg == NULL)
      return NULL;
    if (e->nargs == 0)
      e->a = arg;
    else if (e->nargs == 1)
      e->b = arg;
    else
      gs_expr_free (arg);
    e->nargs++;
  }
  if (!close_paren (p, open, error))
    return NULL;
  if (e->nargs != want) {
    error_at (p, error, GS_SCENARIO_ERROR_VALUE, t->line, t->col,
              "%s() takes %d argument%s, %d given: write %s", t->text, want,
              want == 1 ? "" : "s", e->nargs, usage);
    return NULL;
  }
  return g_steal_pointer (&e);
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
  if (t->kind == TOK_NAME && !is_keyword (t->text) && is_op (peek2 (p), "("))
    return parse_draw (p, error);
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

/* comparison := arith [ ('==' | '!=' | '<' | '<=' | '>' | '>=') arith ] */
static GsExpr *
parse_comparison (Parser *p, GError **error)
{
  static const char *const ops[] = { "==", "!=", "<", "<=", ">", ">=" };
  g_autoptr (GsExpr) a = parse_binary (p, 0, error);
  if (a == NULL)
    return NULL;
  const GsToken *t = peek (p);
  const char *op = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    if (is_op (t, ops[i]))
      op = ops[i];
  if (op == NULL)
    return g_steal_pointer (&a);
  next (p);
  g_autoptr (GsExpr) b = parse_binary (p, 0, error);
  if (b == NULL)
    return NULL;
  const GsToken *u = peek (p);
  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    if (is_op (u, ops[i])) {
      error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, u->line, u->col,
                "comparisons do not chain here; write a < b and b < c");
      return NULL;
    }
  GsExpr *e = new_expr (GS_EXPR_COMPARE, t);
  e->text = g_strdup (op);
  e->a = g_steal_pointer (&a);
  e->b = g_steal_pointer (&b);
  return e;
}

/* not_test := 'not' not_test | comparison */
static GsExpr *
parse_not (Parser *p, GError **error)
{
  const GsToken *t = peek (p);
  if (!is_word (t, "not"))
    return parse_comparison (p, error);
  if (++p->depth > MAX_EXPR_DEPTH) {
    error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, t->line, t->col,
              "expression nested too deeply (at most %d levels)", MAX_EXPR_DEPTH);
    return NULL;
  }
  next (p);
  GsExpr *a = parse_not (p, error);
  p->depth--;
  if (a == NULL)
    return NULL;
  GsExpr *e = new_expr (GS_EXPR_NOT, t);
  e->a = a;
  return e;
}

/* or_test := and_test { 'or' and_test }; and_test := not_test { 'and' not_test } */
static GsExpr *
parse_logic (Parser *p, gboolean or_level, GError **error)
{
  const char *word = or_level ? "or" : "and";
  g_autoptr (GsExpr) a = or_level ? parse_logic (p, FALSE, error) : parse_not (p, error);
  if (a == NULL)
    return NULL;
  while (is_word (peek (p), word)) {
    const GsToken *t = next (p);
    g_autoptr (GsExpr) b = or_level ? parse_logic (p, FALSE, error) : parse_not (p, error);
    if (b == NULL)
      return NULL;
    GsExpr *e = new_expr (or_level ? GS_EXPR_OR : GS_EXPR_AND, t);
    e->a = g_steal_pointer (&a);
    e->b = g_steal_pointer (&b);
    a = e;
  }
  return g_steal_pointer (&a);
}

GsExpr *
gs_expr_parse (Parser *p, GError **error)
{
  return parse_logic (p, TRUE, error);
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
