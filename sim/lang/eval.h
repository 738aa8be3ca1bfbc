/* eval.h: evaluating scenario expressions into values (lang/value.h).
 *
 * Arithmetic keeps dimensions honest: 2 * 5ms is a duration, 5ms + 1MiB is
 * an error.  Names are looked up in an environment (GsEnv).  This header
 * includes lang/value.h, so its users have GsValue, GsEnv and their
 * functions too.
 */
#pragma once

#include <glib.h>
#include "lang/scenario.h"
#include "lang/value.h"

G_BEGIN_DECLS

/* Evaluates E in ENV into OUT (which the caller clears).  FILE names the
 * scenario in messages.  Fails with "FILE:LINE:COL: message" for an unknown
 * name, a dimension mismatch (5ms + 1MiB), division by zero or a result that
 * is not finite. */
gboolean gs_eval (const char *file, const GsExpr *e, const GsEnv *env,
                  GsValue *out, GError **error);

/* Evaluates E as a condition into *OUT, with Python's truth: a number is
 * true unless 0, a string unless empty.  Fails as gs_eval does. */
gboolean gs_eval_truth (const char *file, const GsExpr *e, const GsEnv *env,
                        gboolean *out, GError **error);

/* Evaluates E and checks it is a number of dimension DIM, finite, >= 0 and
 * at most MAX (in base units).  WHAT names the value in messages ("the
 * sleep duration"). */
gboolean gs_eval_quantity (const char *file, const GsExpr *e, const GsEnv *env,
                           GsDim dim, double max, const char *what,
                           double *out, GError **error);

/* Sets ERROR to "FILE:LINE:COL: message" at LOC (GS_SCENARIO_ERROR_VALUE):
 * a value an expression or a statement cannot take, printf-style FMT.
 * Returns FALSE, for "return gs_eval_fail (...)". */
gboolean gs_eval_fail (const char *file, GsLoc loc, GError **error, const char *fmt, ...)
    G_GNUC_PRINTF (4, 5);

G_END_DECLS
