/* draw.h: values drawn from distributions, for the expressions
 * uniform(a, b), randint(a, b), exponential(mean), normal(mean, sd) and
 * lognormal(mean, sd) (docs/language.md, "Costs that vary"). */
#pragma once

#include <glib.h>
#include "lang/scenario.h"
#include "lang/value.h"

G_BEGIN_DECLS

/* Draws the value of E (a GS_EXPR_DRAW) whose arguments evaluated to A and
 * B (B unused for exponential) from the generator that gs_random_current
 * gives, into OUT.  FILE names the scenario in messages.  Fails with
 * "FILE:LINE:COL: message" for arguments of the wrong kind (strings,
 * mixed dimensions, a negative spread, randint's bounds not whole or in
 * the wrong order) or where no draw may be made (no generator: a
 * parameter or a runtime option). */
gboolean gs_draw_eval (const char *file, const GsExpr *e, const GsValue *a,
                       const GsValue *b, GsValue *out, GError **error);

G_END_DECLS
