/* draw.c: values drawn from distributions in scenario expressions. */
#include "lang/draw.h"

#include <math.h>
#include <string.h>
#include "lang/eval.h"
#include "lang/random.h"

/* A standard normal draw (Box-Muller, one value per pair of uniforms). */
static double
standard_normal (GsRandom *r)
{
  double u1 = gs_random_double (r), u2 = gs_random_double (r);
  return sqrt (-2.0 * log1p (-u1)) * cos (2.0 * G_PI * u2);
}

/* Checks the arguments of E: numbers, and for two, of one dimension. */
static gboolean
check_args (const char *file, const GsExpr *e, const GsValue *a, const GsValue *b,
            GError **error)
{
  if (a->dim == GS_DIM_STRING || (e->nargs > 1 && b->dim == GS_DIM_STRING))
    return gs_eval_fail (file, e->loc, error, "%s() draws numbers; its arguments cannot "
                 "be strings", e->text);
  if (e->nargs > 1 && a->dim != b->dim)
    return gs_eval_fail (file, e->loc, error, "the arguments of %s() must be of one "
                 "dimension (it has a %s and a %s): write %s", e->text,
                 gs_dim_name (a->dim), gs_dim_name (b->dim),
                 strcmp (e->text, "uniform") == 0 ? "uniform(1ms, 3ms)"
                 : strcmp (e->text, "randint") == 0 ? "randint(1, 6)"
                 : strcmp (e->text, "normal") == 0 ? "normal(10ms, 2ms)"
                                                   : "lognormal(10ms, 5ms)");
  return TRUE;
}

gboolean
gs_draw_eval (const char *file, const GsExpr *e, const GsValue *a,
              const GsValue *b, GsValue *out, GError **error)
{
  GsRandom *r = gs_random_current ();
  if (r == NULL)
    return gs_eval_fail (file, e->loc, error, "%s() draws a new value each time a "
                 "statement runs; use it in a statement (sleep exponential(10ms)), "
                 "not in a parameter or an option", e->text);
  if (!check_args (file, e, a, b, error))
    return FALSE;
  const char *f = e->text;
  double v;
  if (strcmp (f, "uniform") == 0) {
    v = a->num + (b->num - a->num) * gs_random_double (r);
  } else if (strcmp (f, "randint") == 0) {
    if (a->dim != GS_DIM_COUNT || a->num != floor (a->num) || b->num != floor (b->num))
      return gs_eval_fail (file, e->loc, error, "randint() takes whole numbers, such as "
                   "randint(1, 6)");
    if (a->num > b->num)
      return gs_eval_fail (file, e->loc, error, "randint(%g, %g) has no values; the low "
                   "bound comes first", a->num, b->num);
    v = a->num + floor ((b->num - a->num + 1) * gs_random_double (r));
    v = MIN (v, b->num);
  } else if (strcmp (f, "exponential") == 0) {
    if (a->num < 0)
      return gs_eval_fail (file, e->loc, error, "the mean of exponential() must not be "
                   "negative (it is %g)", a->num);
    v = -a->num * log1p (-gs_random_double (r));
  } else {
    if (b->num < 0)
      return gs_eval_fail (file, e->loc, error, "the standard deviation of %s() must not "
                   "be negative (it is %g)", f, b->num);
    double z = standard_normal (r);
    if (strcmp (f, "normal") == 0) {
      v = a->num + b->num * z;
    } else {
      /* lognormal(mean, sd): the mean and standard deviation of the value
       * drawn, not of its logarithm */
      if (a->num <= 0)
        return gs_eval_fail (file, e->loc, error, "the mean of lognormal() must be above "
                     "0 (it is %g)", a->num);
      double s2 = log1p ((b->num / a->num) * (b->num / a->num));
      v = exp (log (a->num) - s2 / 2 + sqrt (s2) * z);
    }
    /* a duration or a size cannot be negative: the tail below 0 counts as 0 */
    if (v < 0 && (a->dim == GS_DIM_DURATION || a->dim == GS_DIM_SIZE))
      v = 0;
  }
  if (!isfinite (v))
    return gs_eval_fail (file, e->loc, error, "the value drawn by %s() is too large", f);
  out->dim = a->dim;
  out->num = v;
  return TRUE;
}
