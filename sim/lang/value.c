/* value.c: values of scenario expressions, their environments and their
 * printed form. */
#include "lang/value.h"

#include <math.h>
#include <string.h>

void
gs_value_copy (GsValue *dst, const GsValue *src)
{
  *dst = *src;
  dst->str = g_strdup (src->str);
}

void
gs_value_clear (GsValue *v)
{
  g_clear_pointer (&v->str, g_free);
  v->dim = GS_DIM_COUNT;
  v->num = 0;
}

const GsValue *
gs_env_lookup (const GsEnv *env, const char *name)
{
  for (const GsEnv *e = env; e != NULL; e = e->parent)
    for (guint i = 0; i < e->n; i++)
      if (strcmp (e->names[i], name) == 0)
        return &e->values[i];
  return NULL;
}

char *
gs_value_format (const GsValue *v)
{
  switch (v->dim) {
  case GS_DIM_STRING:
    return g_strdup (v->str ? v->str : "");
  case GS_DIM_COUNT:
    if (v->num == floor (v->num) && fabs (v->num) < 1e15)
      return g_strdup_printf ("%.0f", v->num);
    return g_strdup_printf ("%g", v->num);
  case GS_DIM_DURATION:
    return gs_format_duration (v->num);
  case GS_DIM_SIZE:
    return g_strdup_printf ("%.0f B", v->num);
  default:
    return g_strdup_printf ("%g", v->num);
  }
}

char *
gs_format_fields (const char *fmt, const GsEnv *env)
{
  GString *s = g_string_new (NULL);
  for (const char *c = fmt; *c; c++) {
    if ((c[0] == '{' && c[1] == '{') || (c[0] == '}' && c[1] == '}')) {
      g_string_append_c (s, *c);
      c++;
      continue;
    }
    const char *end = c[0] == '{' ? strchr (c, '}') : NULL;
    if (end == NULL) {
      g_string_append_c (s, *c);
      continue;
    }
    g_autofree char *name = g_strndup (c + 1, end - c - 1);
    const GsValue *v = gs_env_lookup (env, name);
    if (v == NULL) {
      g_string_append_len (s, c, end - c + 1);
    } else {
      g_autofree char *txt = gs_value_format (v);
      g_string_append (s, txt);
    }
    c = end;
  }
  return g_string_free (s, FALSE);
}
