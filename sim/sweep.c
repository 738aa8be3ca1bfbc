/* sweep.c: building and resolving the points of a run. */
#include "sweep.h"

#include <math.h>
#include <string.h>

GsAxis *
gs_axis_parse (const char *arg, GError **error)
{
  const char *eq = strchr (arg, '=');
  if (eq == NULL || eq == arg || eq[1] == '\0') {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "-L %s: write NAME=v1,v2,... (for example -L N=1,3,8)", arg);
    return NULL;
  }
  GsAxis *a = g_new0 (GsAxis, 1);
  a->name = g_strndup (arg, eq - arg);
  a->values = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) parts = g_strsplit (eq + 1, ",", -1);
  for (char **s = parts; *s; s++) {
    g_strstrip (*s);
    if (**s == '\0') {
      gs_axis_free (a);
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "-L %s: an empty value in the list", arg);
      return NULL;
    }
    g_ptr_array_add (a->values, g_strdup (*s));
  }
  return a;
}

void
gs_axis_free (GsAxis *a)
{
  if (a == NULL)
    return;
  g_free (a->name);
  g_ptr_array_unref (a->values);
  g_free (a);
}

void
gs_point_free (GsPoint *p)
{
  if (p == NULL)
    return;
  g_ptr_array_unref (p->names);
  g_ptr_array_unref (p->values);
  if (p->globals)
    for (guint i = 0; i < p->env.n; i++)
      gs_value_clear (&p->globals[i]);
  g_free (p->globals);
  g_free ((gpointer) p->env.names);
  gs_result_free (p->result);
  g_free (p);
}

static const char *
override_of (const GsPoint *p, const char *name)
{
  for (guint i = 0; i < p->names->len; i++)
    if (strcmp (p->names->pdata[i], name) == 0)
      return p->values->pdata[i];
  return NULL;
}

static gboolean
resolve_runtime (GsPoint *pt, const GsScenario *sc, const char *rt_override,
                 const char *si_override, GError **error)
{
  const char *name = override_of (pt, "runtime");
  if (name == NULL)
    name = rt_override;
  if (name == NULL)
    name = sc->runtime;
  pt->runtime = name ? gs_runtime_lookup (name) : gs_runtime_default ();
  if (pt->runtime == NULL) {
    if (name == sc->runtime)
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_NAME,
                   "%s:%d:%d: unknown runtime '%s'; known: %s", sc->path,
                   sc->runtime_loc.line, sc->runtime_loc.col, name,
                   gs_runtime_names ());
    else
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_NAME,
                   "unknown runtime '%s'; known: %s", name, gs_runtime_names ());
    return FALSE;
  }
  pt->switch_interval = 0.005;
  pt->startup = -1;
  for (guint i = 0; i < sc->options->len; i++) {
    const GsOption *o = sc->options->pdata[i];
    if (strcmp (o->name, "switch_interval") == 0) {
      if (!gs_eval_quantity (sc->path, o->value, &pt->env, GS_DIM_DURATION, 10.0,
                             "the switch interval", &pt->switch_interval, error))
        return FALSE;
    } else if (strcmp (o->name, "startup") == 0) {
      if (!gs_eval_quantity (sc->path, o->value, &pt->env, GS_DIM_DURATION, 1e4,
                             "the interpreter start-up", &pt->startup, error))
        return FALSE;
    } else {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_NAME,
                   "%s:%d:%d: unknown runtime option '%s'; the runtime takes "
                   "switch_interval = 5ms and startup = 80ms", sc->path,
                   o->loc.line, o->loc.col, o->name);
      return FALSE;
    }
  }
  const char *si = override_of (pt, "switch_interval");
  if (si == NULL)
    si = si_override;
  if (si != NULL) {
    GError *local = NULL;
    if (!gs_units_parse (si, GS_DIM_DURATION, FALSE, &pt->switch_interval, &local)) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "switch_interval: %s", local->message);
      g_error_free (local);
      return FALSE;
    }
  }
  if (pt->switch_interval < 1e-6 || pt->switch_interval > 10.0) {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "the switch interval must be between 1us and 10s (it is %g s)",
                 pt->switch_interval);
    return FALSE;
  }
  return TRUE;
}

static GsPoint *
resolve (const GsScenario *sc, GPtrArray *names, GPtrArray *values,
         const char *rt_override, const char *si_override, GError **error)
{
  GsPoint *pt = g_new0 (GsPoint, 1);
  pt->names = names;
  pt->values = values;
  guint n = sc->params->len;
  pt->globals = g_new0 (GsValue, n + 1);
  const char **pnames = g_new0 (const char *, n + 1);
  pt->env.names = pnames;
  pt->env.values = pt->globals;
  for (guint i = 0; i < n; i++) {
    const GsParam *pa = sc->params->pdata[i];
    pnames[i] = pa->name;
    const char *ov = override_of (pt, pa->name);
    gboolean ok;
    if (ov) {
      g_autofree char *what = g_strdup_printf ("-L %s", pa->name);
      GsExpr *e = gs_expr_parse_value (what, ov, error);
      ok = e != NULL && gs_eval (what, e, &pt->env, &pt->globals[i], error);
      gs_expr_free (e);
    } else {
      ok = gs_eval (sc->path, pa->value, &pt->env, &pt->globals[i], error);
    }
    pt->env.n = i + 1;
    if (!ok) {
      gs_point_free (pt);
      return NULL;
    }
  }
  if (!resolve_runtime (pt, sc, rt_override, si_override, error)) {
    gs_point_free (pt);
    return NULL;
  }
  return pt;
}

GPtrArray *
gs_points_build (const GsScenario *sc, GPtrArray *axes,
                 const char *runtime_override, const char *switch_override,
                 GError **error)
{
  for (guint i = 0; i < axes->len; i++) {
    const GsAxis *a = axes->pdata[i];
    if (strcmp (a->name, "runtime") && strcmp (a->name, "switch_interval") &&
        gs_scenario_param (sc, a->name) == NULL) {
      GString *known = g_string_new ("runtime, switch_interval");
      for (guint j = 0; j < sc->params->len; j++)
        g_string_append_printf (known, ", %s", ((GsParam *) sc->params->pdata[j])->name);
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_NAME,
                   "-L %s: %s has no parameter '%s'; known: %s", a->name,
                   sc->path, a->name, known->str);
      g_string_free (known, TRUE);
      return NULL;
    }
    for (guint j = 0; j < i; j++)
      if (strcmp (((GsAxis *) axes->pdata[j])->name, a->name) == 0) {
        g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_NAME,
                     "-L %s is given twice; list all values in one -L",
                     a->name);
        return NULL;
      }
  }
  g_autoptr (GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_point_free);
  guint total = 1;
  for (guint i = 0; i < axes->len; i++) {
    guint len = ((GsAxis *) axes->pdata[i])->values->len;
    if (total > 1000000 / len) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "the -L lists make more than a million points; sweep fewer");
      return NULL;
    }
    total *= len;
  }
  for (guint k = 0; k < total; k++) {
    GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
    GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
    guint rest = k;
    for (guint i = axes->len; i-- > 0;) {
      const GsAxis *a = axes->pdata[i];
      guint len = a->values->len;
      g_ptr_array_insert (names, 0, g_strdup (a->name));
      g_ptr_array_insert (values, 0, g_strdup (a->values->pdata[rest % len]));
      rest /= len;
    }
    GsPoint *pt = resolve (sc, names, values, runtime_override, switch_override, error);
    if (pt == NULL)
      return NULL;
    g_ptr_array_add (points, pt);
  }
  return g_steal_pointer (&points);
}

char *
gs_point_param_text (const GsPoint *p, const GsScenario *sc, const char *name)
{
  const char *ov = override_of (p, name);
  if (ov)
    return g_strdup (ov);
  const GsValue *v = gs_env_lookup (&p->env, name);
  if (v)
    return gs_value_format (v);
  if (strcmp (name, "runtime") == 0)
    return g_strdup (p->runtime->name);
  return g_strdup ("");
}
