/* value.h: values of scenario expressions, and the environments that bind
 * names to them.
 *
 * A value is a number with a dimension (a count, a duration in seconds, a
 * size in bytes) or a string.  Names are looked up in a chain of
 * environments: a worker's arguments, then the scenario's parameters.
 */
#pragma once

#include <glib.h>
#include "units.h"

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

/* Formats V for a printed line: strings as they are, counts as integers
 * when whole, durations and sizes with units.  Returns a new string. */
char *gs_value_format (const GsValue *v);

/* Fills the {name} fields of FMT from ENV.  The fields were checked by the
 * parser; a field that is still unknown is kept as it is.  New string. */
char *gs_format_fields (const char *fmt, const GsEnv *env);

G_END_DECLS
