/* points.c: building, resolving and selecting the points of a run. */
#include "run/points.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "costs.h"

#define MAX_POINTS 1000000
#define MAX_CORES 4096

/* ---------------------------------------------------------------------- */
/* Axes                                                                    */

GsAxis *
gs_points_axis_parse (const char *arg, GError **error)
{
  const char *eq = strchr (arg, '=');
  if (eq == NULL || eq == arg || eq[1] == '\0') {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "-L %s: write NAME=v1,v2,... (for example -L N=1,3,8)", arg);
    return NULL;
  }
  GsAxis *a = g_new0 (GsAxis, 1);
  a->name = g_strndup (arg, eq - arg);
  a->option = "-L";
  a->values = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) parts = g_strsplit (eq + 1, ",", -1);
  for (char **s = parts; *s; s++) {
    g_strstrip (*s);
    if (**s == '\0') {
      gs_points_axis_free (a);
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "-L %s: an empty value in the list", arg);
      return NULL;
    }
    g_ptr_array_add (a->values, g_strdup (*s));
  }
  return a;
}

/* Splits TEXT into a number and a unit suffix ("" for none).  The unit,
 * when there is one, must be known.  Returns FALSE on a malformed number
 * or an unknown unit. */
static gboolean
split_quantity (const char *text, double *num, char **unit, double *factor)
{
  char *end = NULL;
  *num = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (*num))
    return FALSE;
  *factor = 1;
  if (*end != '\0') {
    GsDim dim;
    if (!gs_unit_lookup (end, &dim, factor))
      return FALSE;
  }
  *unit = g_strdup (end);
  return TRUE;
}

GsAxis *
gs_points_axis_parse_scan (const char *arg, GError **error)
{
  const char *eq = strchr (arg, '=');
  g_auto (GStrv) parts = eq ? g_strsplit (eq + 1, ":", -1) : NULL;
  guint n = parts ? g_strv_length (parts) : 0;
  if (eq == NULL || eq == arg || n < 2 || n > 3) {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "-P %s: write NAME=MIN:MAX or NAME=MIN:MAX:STEP (for example "
                 "-P N=1:16 or -P switch_interval=1ms:10ms:1ms)", arg);
    return NULL;
  }
  double v[3] = { 0, 0, 1 }, f[3] = { 1, 1, 1 };
  g_autofree char *u0 = NULL, *u1 = NULL, *u2 = NULL;
  char **units[3] = { &u0, &u1, &u2 };
  const char *what[3] = { "MIN", "MAX", "STEP" };
  for (guint i = 0; i < n; i++) {
    g_strstrip (parts[i]);
    if (!split_quantity (parts[i], &v[i], units[i], &f[i])) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "-P %s: %s '%s' is not a number with an optional unit "
                   "(such as 16, 5ms or 2Gf)", arg, what[i], parts[i]);
      return NULL;
    }
  }
  if (strcmp (u0, u1) != 0) {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "-P %s: MIN and MAX must have the same unit ('%s' and '%s')",
                 arg, u0, u1);
    return NULL;
  }
  double step = v[2];
  if (n == 3 && *u2 != '\0') {
    GsDim d0 = GS_DIM_COUNT, d2 = GS_DIM_COUNT;
    double unused;
    if (*u0 != '\0')
      gs_unit_lookup (u0, &d0, &unused);
    gs_unit_lookup (u2, &d2, &unused);
    if (d0 != d2) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "-P %s: STEP's unit '%s' is not a unit of MIN ('%s')", arg,
                   u2, u0);
      return NULL;
    }
    step = v[2] * f[2] / f[0];
  }
  if (!(step > 0) || v[0] > v[1]) {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "-P %s: MIN must not exceed MAX and STEP must be positive", arg);
    return NULL;
  }
  double count = floor ((v[1] - v[0]) / step + 1e-9) + 1;
  if (count > MAX_POINTS) {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "-P %s: more than a million values; use a larger STEP", arg);
    return NULL;
  }
  GsAxis *a = g_new0 (GsAxis, 1);
  a->name = g_strndup (arg, eq - arg);
  a->option = "-P";
  a->values = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < (guint) count; k++) {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd (buf, sizeof buf, "%.12g", v[0] + k * step);
    g_ptr_array_add (a->values, g_strconcat (buf, u0, NULL));
  }
  return a;
}

void
gs_points_axis_free (GsAxis *a)
{
  if (a == NULL)
    return;
  g_free (a->name);
  g_ptr_array_unref (a->values);
  g_free (a);
}

void
gs_points_free (GsPoint *p)
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

/* The option ("-L" or "-P") of the axis NAME among AXES. */
static const char *
option_of (GPtrArray *axes, const char *name)
{
  for (guint i = 0; i < axes->len; i++) {
    const GsAxis *a = axes->pdata[i];
    if (strcmp (a->name, name) == 0 && a->option)
      return a->option;
  }
  return "-L";
}

/* How the command line gave VALUE for NAME, for an error about it: "-L
 * runtime=x" or "-P switch_interval=1" when an axis of AXES gave it (AXIS),
 * else the option FLAG's "--switch-interval 5" (FLAG unused with AXIS). */
static char *
given_as (GPtrArray *axes, const char *name, const char *value, gboolean axis,
          const char *flag)
{
  return axis ? g_strdup_printf ("%s %s=%s", option_of (axes, name), name, value)
              : g_strdup_printf ("%s %s", flag, value);
}

static gboolean
resolve_runtime (GsPoint *pt, const GsScenario *sc, GPtrArray *axes, const char *rt_override,
                 const char *si_override, GError **error)
{
  const char *name = override_of (pt, "runtime");
  const gboolean rt_axis = name != NULL;
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
    else {
      g_autofree char *given = given_as (axes, "runtime", name, rt_axis, "--runtime");
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_NAME,
                   "%s: unknown runtime '%s'; known: %s", given, name, gs_runtime_names ());
    }
    return FALSE;
  }
  pt->switch_interval = GS_COSTS_SWITCH_INTERVAL;
  pt->startup = -1;
  pt->startup_runtime = sc->runtime ? gs_runtime_lookup (sc->runtime) : NULL;
  const GsOption *si_option = NULL;   /* the scenario's, if it gives one */
  for (guint i = 0; i < sc->options->len; i++) {
    const GsOption *o = sc->options->pdata[i];
    if (strcmp (o->name, "switch_interval") == 0) {
      si_option = o;
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
  const gboolean si_axis = si != NULL;
  if (si == NULL)
    si = si_override;
  g_autofree char *si_given =
      si ? given_as (axes, "switch_interval", si, si_axis, "--switch-interval") : NULL;
  if (si != NULL) {
    GError *local = NULL;
    if (!gs_units_parse (si, GS_DIM_DURATION, FALSE, &pt->switch_interval, &local)) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "%s: %s", si_given, local->message);
      g_error_free (local);
      return FALSE;
    }
  }
  if (pt->switch_interval < 1e-6 || pt->switch_interval > 10.0) {
    /* where it was given: the command line's value, or the scenario's */
    g_autofree char *where =
        si ? g_strdup_printf ("%s: ", si_given)
           : si_option ? g_strdup_printf ("%s:%d:%d: ", sc->path, si_option->value->loc.line,
                                          si_option->value->loc.col)
                       : g_strdup ("");
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "%sthe switch interval must be between 1us and 10s (it is %g s)",
                 where, pt->switch_interval);
    return FALSE;
  }
  return TRUE;
}

/* Reads the platform values of point PT (cores, speed) for HOST. */
static gboolean
resolve_platform (GsPoint *pt, const GsScenario *sc, const GsHost *host,
                  GError **error)
{
  if (host == NULL)
    return TRUE;
  pt->cores = host->cores;
  pt->speed = host->speed;
  pt->cpu_scale = 1;
  const char *cores = gs_scenario_param (sc, "cores") ? NULL : override_of (pt, "cores");
  if (cores) {
    char *end = NULL;
    guint64 c = g_ascii_strtoull (cores, &end, 10);
    if (end == cores || *end != '\0' || c < 1 || c > MAX_CORES) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "cores=%s: a core count is a whole number from 1 to %d",
                   cores, MAX_CORES);
      return FALSE;
    }
    pt->cores = (int) c;
  }
  const char *speed = gs_scenario_param (sc, "speed") ? NULL : override_of (pt, "speed");
  if (speed) {
    GError *local = NULL;
    if (!gs_units_parse (speed, GS_DIM_SPEED, TRUE, &pt->speed, &local) ||
        !(pt->speed >= GS_PLATFORM_MIN_SPEED && pt->speed <= GS_PLATFORM_MAX_SPEED)) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "speed=%s: %s", speed, local ? local->message
                   : "a speed per core is from 1Mf to 1000Tf, such as 2Gf");
      g_clear_error (&local);
      return FALSE;
    }
    pt->cpu_scale = host->speed / pt->speed;
  }
  return TRUE;
}

/* Reads the seed of the draws of point PT: its axis `seed`, unless the
 * scenario has a parameter of that name. */
static gboolean
resolve_seed (GsPoint *pt, const GsScenario *sc, GError **error)
{
  pt->seed = GS_POINTS_DEFAULT_SEED;
  const char *seed = gs_scenario_param (sc, "seed") ? NULL : override_of (pt, "seed");
  if (seed && !g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &pt->seed, NULL)) {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "seed=%s: a seed is a whole number from 0 to %" G_GUINT64_FORMAT,
                 seed, G_MAXUINT64);
    return FALSE;
  }
  return TRUE;
}

/* Finds the machine of point PT in MACHINES (may be NULL: then HOST, which
 * may be NULL too): its axes `platform` and `host`, else the default. */
static gboolean
resolve_machine (GsPoint *pt, const GsScenario *sc, GsMachines *machines,
                 const GsHost **host, GError **error)
{
  if (machines == NULL)
    return TRUE;
  /* a scenario parameter of the same name wins */
  const char *pl = gs_scenario_param (sc, "platform") ? NULL : override_of (pt, "platform");
  const char *h = gs_scenario_param (sc, "host") ? NULL : override_of (pt, "host");
  if (!gs_machines_resolve (machines, pl, h, &pt->platform, &pt->host, error))
    return FALSE;
  *host = pt->host;
  return TRUE;
}

/* Whether V, the value given on the command line for the parameter PA of
 * SC (GIVEN: "-L T=5", given_as), has the dimension of PA's own value in
 * SC (evaluated in ENV), else FALSE with an error that says which ("-L
 * T=5: T is a duration in FILE (line 2), not a number; give values such
 * as T=5ms").  Strings, and a value of the file that cannot be evaluated
 * alone, pass. */
static gboolean
same_dim (const GsScenario *sc, const GsParam *pa, const GsEnv *env, const GsValue *v,
          const char *given, GError **error)
{
  GsValue own = { 0 };
  if (!gs_eval (sc->path, pa->value, env, &own, NULL))
    return TRUE;
  GsDim dim = own.dim;
  gs_value_clear (&own);
  if (dim == v->dim || dim == GS_DIM_STRING || v->dim == GS_DIM_STRING)
    return TRUE;
  g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
               "%s: %s is a %s in %s (line %d), not a %s; give values such as "
               "%s=%s", given, pa->name, gs_dim_name (dim), sc->path, pa->loc.line,
               gs_dim_name (v->dim), pa->name, gs_dim_example (dim));
  return FALSE;
}

static GsPoint *
resolve (const GsScenario *sc, GsMachines *machines, const GsHost *host,
         GPtrArray *axes, GPtrArray *names, GPtrArray *values, const char *rt_override,
         const char *si_override, GError **error)
{
  GsPoint *pt = g_new0 (GsPoint, 1);
  pt->names = names;
  pt->values = values;
  if (!resolve_machine (pt, sc, machines, &host, error)) {
    gs_points_free (pt);
    return NULL;
  }
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
      g_autofree char *what = g_strdup_printf ("%s %s", option_of (axes, pa->name), pa->name);
      g_autofree char *given = given_as (axes, pa->name, ov, TRUE, NULL);
      GsExpr *e = gs_expr_parse_value (what, ov, error);
      ok = e != NULL && gs_eval (what, e, &pt->env, &pt->globals[i], error) &&
           same_dim (sc, pa, &pt->env, &pt->globals[i], given, error);
      gs_expr_free (e);
    } else {
      ok = gs_eval (sc->path, pa->value, &pt->env, &pt->globals[i], error);
    }
    pt->env.n = i + 1;
    if (!ok) {
      gs_points_free (pt);
      return NULL;
    }
  }
  if (!resolve_runtime (pt, sc, axes, rt_override, si_override, error) ||
      !resolve_platform (pt, sc, host, error) || !resolve_seed (pt, sc, error)) {
    gs_points_free (pt);
    return NULL;
  }
  return pt;
}

static gboolean
is_disk_name (const char *name)
{
  static const char *const disk[] = { "disk", "disk_bw", "read_bw", "write_bw",
                                      "disk_read_bw", "disk_write_bw", NULL };
  return g_strv_contains (disk, name);
}

/* Checks that every axis names something SC (or HOST) knows, once, and
 * gives each of its values once (as written: 4 and 4.0 are two). */
static gboolean
check_axes (const GsScenario *sc, const GsHost *host, gboolean machines,
            GPtrArray *axes, GError **error)
{
  for (guint i = 0; i < axes->len; i++) {
    const GsAxis *a = axes->pdata[i];
    const char *opt = a->option ? a->option : "-L";
    gboolean scenario = gs_scenario_param (sc, a->name) != NULL;
    gboolean platform = host && (strcmp (a->name, "cores") == 0 ||
                                 strcmp (a->name, "speed") == 0 ||
                                 (machines && (strcmp (a->name, "platform") == 0 ||
                                               strcmp (a->name, "host") == 0)));
    if (!scenario && is_disk_name (a->name)) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_NAME,
                   "%s %s: disk bandwidth cannot be swept yet (scenarios do no "
                   "disk I/O); the platform parameters are cores and speed",
                   opt, a->name);
      return FALSE;
    }
    if (strcmp (a->name, "runtime") && strcmp (a->name, "switch_interval") &&
        strcmp (a->name, "seed") && !scenario && !platform) {
      GString *known = g_string_new ("runtime, switch_interval");
      if (host)
        g_string_append (known, machines ? ", platform, host, cores, speed"
                                         : ", cores, speed");
      for (guint j = 0; j < sc->params->len; j++)
        g_string_append_printf (known, ", %s", ((GsParam *) sc->params->pdata[j])->name);
      /* a name that differs only in case: -L n=1,2 for N */
      const char *near = NULL;
      g_auto (GStrv) names = g_strsplit (known->str, ", ", -1);
      for (guint j = 0; names[j] && !near; j++)
        if (g_ascii_strcasecmp (names[j], a->name) == 0)
          near = names[j];
      g_autofree char *hint = near ? g_strdup_printf (" (did you mean %s?)", near) : NULL;
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_NAME,
                   "%s %s: %s has no parameter '%s'%s; known: %s", opt, a->name,
                   sc->path, a->name, hint ? hint : "", known->str);
      g_string_free (known, TRUE);
      return FALSE;
    }
    if (a->values->len == 0) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "%s %s: no values", opt, a->name);
      return FALSE;
    }
    /* a value twice would run the same point twice */
    g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint k = 0; k < a->values->len; k++)
      if (!g_hash_table_add (seen, a->values->pdata[k])) {
        g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                     "%s %s=%s: that value is given twice; give each value once",
                     opt, a->name, (const char *) a->values->pdata[k]);
        return FALSE;
      }
    for (guint j = 0; j < i; j++)
      if (strcmp (((GsAxis *) axes->pdata[j])->name, a->name) == 0) {
        g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_NAME,
                     "%s is swept twice (-L or -P); give all its values in one",
                     a->name);
        return FALSE;
      }
  }
  return TRUE;
}

/* Every combination of AXES, on MACHINES (may be NULL) or else HOST. */
static GPtrArray *
build (const GsScenario *sc, GsMachines *machines, const GsHost *host,
       GPtrArray *axes, const char *runtime_override, const char *switch_override,
       GError **error)
{
  if (!check_axes (sc, host, machines != NULL, axes, error))
    return NULL;
  guint total = 1;
  for (guint i = 0; i < axes->len; i++) {
    guint len = ((GsAxis *) axes->pdata[i])->values->len;
    if (total > MAX_POINTS / len) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "the -L and -P lists make more than a million points; "
                   "sweep fewer");
      return NULL;
    }
    total *= len;
  }
  g_autoptr (GPtrArray) points = g_ptr_array_new_full (total, (GDestroyNotify) gs_points_free);
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
    GsPoint *pt = resolve (sc, machines, host, axes, names, values, runtime_override,
                           switch_override, error);
    if (pt == NULL)
      return NULL;
    pt->index = k;
    g_ptr_array_add (points, pt);
  }
  return g_steal_pointer (&points);
}

GPtrArray *
gs_points_build_on (const GsScenario *sc, const GsHost *host, GPtrArray *axes,
                    const char *runtime_override, const char *switch_override,
                    GError **error)
{
  return build (sc, NULL, host, axes, runtime_override, switch_override, error);
}

GPtrArray *
gs_points_build_machines (const GsScenario *sc, GsMachines *machines,
                          GPtrArray *axes, const char *runtime_override,
                          const char *switch_override, GError **error)
{
  return build (sc, machines, gs_machines_base_host (machines), axes,
                runtime_override, switch_override, error);
}

GPtrArray *
gs_points_build (const GsScenario *sc, GPtrArray *axes,
                 const char *runtime_override, const char *switch_override,
                 GError **error)
{
  return gs_points_build_on (sc, NULL, axes, runtime_override, switch_override,
                             error);
}

char *
gs_points_param_text (const GsPoint *p, const GsScenario *sc, const char *name)
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

char *
gs_points_key (const GsPoint *p)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < p->names->len; i++)
    g_string_append_printf (s, "%s%s=%s", i ? "," : "",
                            (const char *) p->names->pdata[i],
                            (const char *) p->values->pdata[i]);
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Selection                                                               */

/* Parses TEXT as a whole number in [MIN, MAX]. */
static gboolean
whole (const char *text, guint64 min, guint64 max, guint64 *out)
{
  char *end = NULL;
  if (!g_ascii_isdigit (*text))
    return FALSE;
  *out = g_ascii_strtoull (text, &end, 10);
  return *end == '\0' && *out >= min && *out <= max;
}

GPtrArray *
gs_points_select (GPtrArray *points, const char *point_arg,
                  const char *shard_arg, GError **error)
{
  g_return_val_if_fail (point_arg == NULL || shard_arg == NULL, NULL);
  guint64 k = 0, shard = 1, shards = 1;
  if (point_arg && !whole (point_arg, 0, points->len - 1, &k)) {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                 "--point %s: the sweep has %u point%s, numbered 0 to %u "
                 "(see --list-points)", point_arg, points->len,
                 points->len == 1 ? "" : "s", points->len - 1);
    return NULL;
  }
  if (shard_arg) {
    g_auto (GStrv) parts = g_strsplit (shard_arg, "/", -1);
    if (g_strv_length (parts) != 2 || !whole (parts[1], 1, MAX_POINTS, &shards) ||
        !whole (parts[0], 1, shards, &shard)) {
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_VALUE,
                   "--shard %s: write I/N with 1 <= I <= N, such as --shard 2/4 "
                   "(the second of four shards)", shard_arg);
      return NULL;
    }
  }
  GPtrArray *picked = g_ptr_array_new ();
  for (guint i = 0; i < points->len; i++) {
    GsPoint *p = points->pdata[i];
    if (point_arg ? p->index == k : p->index % shards == shard - 1)
      g_ptr_array_add (picked, p);
  }
  return picked;
}
