/* eval.c: evaluating scenario expressions. */
#include "lang/eval.h"
#include "lang/draw.h"

#include <math.h>
#include <string.h>

gboolean
gs_eval_fail (const char *file, GsLoc loc, GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
               "%s:%d:%d: %s", file, loc.line, loc.col, msg);
  return FALSE;
}

static gboolean
binary (const char *file, const GsExpr *e, const GsValue *a, const GsValue *b,
        GsValue *out, GError **error)
{
  const char *op = e->text;
  if (a->dim == GS_DIM_STRING || b->dim == GS_DIM_STRING)
    return gs_eval_fail (file, e->loc, error, "'%s' needs numbers, not strings", op);
  GsDim d;
  double v;
  if (strcmp (op, "+") == 0 || strcmp (op, "-") == 0) {
    if (a->dim != b->dim)
      return gs_eval_fail (file, e->loc, error, "cannot %s a %s and a %s",
                   op[0] == '+' ? "add" : "subtract", gs_dim_name (a->dim),
                   gs_dim_name (b->dim));
    d = a->dim;
    v = op[0] == '+' ? a->num + b->num : a->num - b->num;
  } else if (strcmp (op, "*") == 0) {
    if (a->dim != GS_DIM_COUNT && b->dim != GS_DIM_COUNT)
      return gs_eval_fail (file, e->loc, error, "cannot multiply a %s by a %s; one "
                   "side must be a plain number", gs_dim_name (a->dim),
                   gs_dim_name (b->dim));
    d = a->dim == GS_DIM_COUNT ? b->dim : a->dim;
    v = a->num * b->num;
  } else if (strcmp (op, "**") == 0) {
    if (a->dim != GS_DIM_COUNT || b->dim != GS_DIM_COUNT)
      return gs_eval_fail (file, e->loc, error, "'**' needs plain numbers on both sides");
    d = GS_DIM_COUNT;
    v = pow (a->num, b->num);
  } else { /* / // % */
    if (b->num == 0)
      return gs_eval_fail (file, e->loc, error, "division by zero");
    if (b->dim == GS_DIM_COUNT)
      d = a->dim;
    else if (a->dim == b->dim)
      d = strcmp (op, "%") == 0 ? a->dim : GS_DIM_COUNT;  /* 10ms % 4ms is 2ms */
    else
      return gs_eval_fail (file, e->loc, error, "cannot divide a %s by a %s",
                   gs_dim_name (a->dim), gs_dim_name (b->dim));
    if (strcmp (op, "/") == 0)
      v = a->num / b->num;
    else if (strcmp (op, "//") == 0)
      v = floor (a->num / b->num);
    else
      v = a->num - b->num * floor (a->num / b->num);
  }
  if (isnan (v))
    return gs_eval_fail (file, e->loc, error, "the result of '%s' is not a real number", op);
  if (!isfinite (v))
    return gs_eval_fail (file, e->loc, error, "the result of '%s' is too large", op);
  out->dim = d;
  out->num = v;
  return TRUE;
}

/* Python's truth: a number is true unless 0, a string unless empty. */
static gboolean
truth (const GsValue *v)
{
  return v->dim == GS_DIM_STRING ? v->str && v->str[0] : v->num != 0;
}

/* a == b, a < b, ...: of numbers of one dimension, or of two strings */
static gboolean
compare (const char *file, const GsExpr *e, const GsValue *a, const GsValue *b,
         GsValue *out, GError **error)
{
  int c;
  if ((a->dim == GS_DIM_STRING) != (b->dim == GS_DIM_STRING))
    return gs_eval_fail (file, e->loc, error, "cannot compare a %s and a %s",
                 gs_dim_name (a->dim), gs_dim_name (b->dim));
  if (a->dim == GS_DIM_STRING) {
    c = strcmp (a->str ? a->str : "", b->str ? b->str : "");
  } else {
    if (a->dim != b->dim)
      return gs_eval_fail (file, e->loc, error, "cannot compare a %s and a %s; write "
                   "both sides in one dimension", gs_dim_name (a->dim),
                   gs_dim_name (b->dim));
    c = a->num < b->num ? -1 : a->num > b->num ? 1 : 0;
  }
  const char *op = e->text;
  gboolean r = strcmp (op, "==") == 0 ? c == 0
             : strcmp (op, "!=") == 0 ? c != 0
             : strcmp (op, "<") == 0 ? c < 0
             : strcmp (op, "<=") == 0 ? c <= 0
             : strcmp (op, ">") == 0 ? c > 0 : c >= 0;
  out->dim = GS_DIM_COUNT;
  out->num = r;
  return TRUE;
}

/* and, or, not: Python's truth of each side, the right one only when it
 * decides; the result is 1 or 0 */
static gboolean
logic (const char *file, const GsExpr *e, const GsEnv *env, GsValue *out,
       GError **error)
{
  GsValue a = { 0 };
  if (!gs_eval (file, e->a, env, &a, error))
    return FALSE;
  gboolean r = truth (&a);
  gs_value_clear (&a);
  if (e->kind == GS_EXPR_NOT) {
    r = !r;
  } else if ((e->kind == GS_EXPR_AND) == r) {
    GsValue b = { 0 };
    if (!gs_eval (file, e->b, env, &b, error))
      return FALSE;
    r = truth (&b);
    gs_value_clear (&b);
  }
  out->dim = GS_DIM_COUNT;
  out->num = r;
  return TRUE;
}

gboolean
gs_eval_truth (const char *file, const GsExpr *e, const GsEnv *env,
               gboolean *out, GError **error)
{
  GsValue v = { 0 };
  if (!gs_eval (file, e, env, &v, error))
    return FALSE;
  *out = truth (&v);
  gs_value_clear (&v);
  return TRUE;
}

gboolean
gs_eval (const char *file, const GsExpr *e, const GsEnv *env, GsValue *out,
         GError **error)
{
  switch (e->kind) {
  case GS_EXPR_AND:
  case GS_EXPR_OR:
  case GS_EXPR_NOT:
    return logic (file, e, env, out, error);
  case GS_EXPR_COMPARE:
  case GS_EXPR_DRAW: {
    GsValue a = { 0 }, b = { 0 };
    gboolean ok = gs_eval (file, e->a, env, &a, error) &&
                  (e->b == NULL || gs_eval (file, e->b, env, &b, error)) &&
                  (e->kind == GS_EXPR_COMPARE
                       ? compare (file, e, &a, &b, out, error)
                       : gs_draw_eval (file, e, &a, &b, out, error));
    gs_value_clear (&a);
    gs_value_clear (&b);
    return ok;
  }
  case GS_EXPR_NUMBER:
    out->dim = e->dim;
    out->num = e->num;
    return TRUE;
  case GS_EXPR_STRING:
    out->dim = GS_DIM_STRING;
    out->num = 0;
    out->str = gs_format_fields (e->text, env);
    return TRUE;
  case GS_EXPR_NAME: {
    const GsValue *v = gs_env_lookup (env, e->text);
    if (v == NULL)
      return gs_eval_fail (file, e->loc, error, "unknown name '%s'", e->text);
    gs_value_copy (out, v);
    return TRUE;
  }
  case GS_EXPR_NEG: {
    GsValue a = { 0 };
    if (!gs_eval (file, e->a, env, &a, error))
      return FALSE;
    if (a.dim == GS_DIM_STRING) {
      gs_value_clear (&a);
      return gs_eval_fail (file, e->loc, error, "cannot negate a string");
    }
    out->dim = a.dim;
    out->num = -a.num;
    return TRUE;
  }
  case GS_EXPR_BINARY: {
    GsValue a = { 0 }, b = { 0 };
    gboolean ok = gs_eval (file, e->a, env, &a, error) &&
                  gs_eval (file, e->b, env, &b, error) &&
                  binary (file, e, &a, &b, out, error);
    gs_value_clear (&a);
    gs_value_clear (&b);
    return ok;
  }
  }
  return gs_eval_fail (file, e->loc, error, "bad expression");
}

/* V for a message about a bound: a count from ten million on as 1e14
 * (not 100000000000000, not 1e+14), anything else as gs_value_format. */
static char *
bound_text (const GsValue *v)
{
  if (v->dim != GS_DIM_COUNT || !(fabs (v->num) >= 1e7))
    return gs_value_format (v);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%g", v->num);
  char *exp = strchr (buf, 'e');
  if (exp == NULL)
    return g_strdup (buf);
  const char *digits = exp + 1;
  gboolean minus = *digits == '-';
  if (*digits == '+' || *digits == '-')
    digits++;
  while (*digits == '0' && digits[1] != '\0')
    digits++;
  *exp = '\0';
  return g_strdup_printf ("%se%s%s", buf, minus ? "-" : "", digits);
}

gboolean
gs_eval_quantity (const char *file, const GsExpr *e, const GsEnv *env,
                  GsDim dim, double max, const char *what, double *out,
                  GError **error)
{
  GsValue v = { 0 };
  if (!gs_eval (file, e, env, &v, error))
    return FALSE;
  GsDim got = v.dim;
  double num = v.num;
  gs_value_clear (&v);
  if (got != dim) {
    if (dim == GS_DIM_DURATION && got == GS_DIM_COUNT)
      return gs_eval_fail (file, e->loc, error, "%s needs a unit; write %g%s",
                   what, num, "s");
    return gs_eval_fail (file, e->loc, error, "%s must be a %s such as %s, not a %s",
                 what, gs_dim_name (dim), gs_dim_example (dim),
                 gs_dim_name (got));
  }
  GsValue shown = { dim, num, NULL }, limit = { dim, max, NULL };
  if (num < 0) {
    g_autofree char *txt = gs_value_format (&shown);
    return gs_eval_fail (file, e->loc, error, "%s must not be negative (it is %s)", what, txt);
  }
  if (num > max) {
    g_autofree char *txt = bound_text (&shown);
    g_autofree char *m = bound_text (&limit);
    return gs_eval_fail (file, e->loc, error, "%s is absurdly large (%s; at most %s)",
                 what, txt, m);
  }
  *out = num;
  return TRUE;
}
