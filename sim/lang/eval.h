/* eval.h: values of scenario expressions, and their evaluation.
 *
 * A value is a number with a dimension (a count, a duration in seconds, a
 * size in bytes) or a string.  Arithmetic keeps dimensions honest: 2 * 5ms
 * is a duration, 5ms + 1MiB is an error.  Names are looked up in a chain of
 * environments: a worker's arguments, then the scenario's parameters.
 */
#pragma once

#include <glib.h>
#include "lang/scenario.h"

G_BEGIN_DECLS

typedef struct {
  GsDim dim;
  double num;
  char *str;        /* GS_DIM_STRING only; owned */
} GsValue;

typedef struct _GsEnv GsEnv;
struct _GsEnv {
  const GsEnv *parent;
  guint n;
  const char *const *names;   /* not owned */
  const GsValue *values;      /* not owned */
};

/* Copies SRC into DST (the string is duplicated). */
void gs_value_copy (GsValue *dst, const GsValue *src);

/* Frees the string of V, if any, and resets it to a count of 0. */
void gs_value_clear (GsValue *v);

/* The value bound to NAME in ENV or its parents, or NULL. */
const GsValue *gs_env_lookup (const GsEnv *env, const char *name);

/* Evaluates E in ENV into OUT (which the caller clears).  FILE names the
 * scenario in messages.  Fails with "FILE:LINE:COL: message" for an unknown
 * name, a dimension mismatch (5ms + 1MiB), division by zero or a result that
 * is not finite. */
gboolean gs_eval (const char *file, const GsExpr *e, const GsEnv *env,
                  GsValue *out, GError **error);

/* Evaluates E and checks it is a number of dimension DIM, finite, >= 0 and
 * at most MAX (in base units).  WHAT names the value in messages ("the
 * sleep duration"). */
gboolean gs_eval_quantity (const char *file, const GsExpr *e, const GsEnv *env,
                           GsDim dim, double max, const char *what,
                           double *out, GError **error);

/* Formats V for a printed line: strings as they are, counts as integers
 * when whole, durations and sizes with units.  Returns a new string. */
char *gs_value_format (const GsValue *v);

/* Fills the {name} fields of FMT from ENV.  The fields were checked by the
 * parser; a field that is still unknown is kept as it is.  New string. */
char *gs_format_fields (const char *fmt, const GsEnv *env);

G_END_DECLS
