/* resultset.c: rows of results, their reference, their JSON export. */
#include "results/resultset.h"

#include <math.h>
#include <string.h>

#include "results/figures.h"
#include "results/spread.h"
#include "util/text.h"

/* The shortest text that reads back as X ("0.134", not json-glib's
 * "0.13400000000000001"), with a decimal point so that it stays a double
 * for a reader. */
static void
append_double (GString *out, double x)
{
  static const char *const formats[] = {   /* nine to 17 digits */
    "%.9g", "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
  };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite (x)) {
    g_string_append (out, "null");  /* JSON has no NaN or infinity */
    return;
  }
  if (x == floor (x) && fabs (x) < 1e15) {
    g_string_append_printf (out, "%.0f.0", x);  /* 1000000000.0, not 1e+09 */
    return;
  }
  /* Most figures are rounded to nine digits (r9).  When X's nine digits
   * read back as X, no shorter text does better (two texts of at most nine
   * digits are further apart than a double's precision), and %g has
   * already dropped the trailing zeros: the text of D significant digits
   * is this one, in the same notation (a non-integer has a digit after
   * the point, so its exponent is below D).  One try, not two.  When they
   * do not read back, no text of fewer digits does either: ten to 17. */
  g_ascii_formatd (buf, sizeof buf, formats[0], x);
  for (guint k = 1; k < G_N_ELEMENTS (formats) && g_ascii_strtod (buf, NULL) != x; k++)
    g_ascii_formatd (buf, sizeof buf, formats[k], x);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_string (GString *out, const char *str)
{
  g_string_append_c (out, '"');
  for (const unsigned char *c = (const unsigned char *) str; *c; c++) {
    switch (*c) {
    case '"': g_string_append (out, "\\\""); break;
    case '\\': g_string_append (out, "\\\\"); break;
    case '\n': g_string_append (out, "\\n"); break;
    case '\t': g_string_append (out, "\\t"); break;
    case '\r': g_string_append (out, "\\r"); break;
    default:
      if (*c < 0x20)
        g_string_append_printf (out, "\\u%04x", *c);
      else
        g_string_append_c (out, (char) *c);
    }
  }
  g_string_append_c (out, '"');
}

static void
indent (GString *out, int depth)
{
  for (int i = 0; i < depth; i++)
    g_string_append_len (out, "  ", 2);
}

static void
append_node (GString *out, JsonNode *node, int depth)
{
  switch (json_node_get_node_type (node)) {
  case JSON_NODE_OBJECT: {
    JsonObject *o = json_node_get_object (node);
    GList *members = json_object_get_members (o);  /* insertion order */
    if (members == NULL) {
      g_string_append (out, "{}");
      break;
    }
    g_string_append (out, "{\n");
    for (GList *m = members; m; m = m->next) {
      indent (out, depth + 1);
      append_string (out, m->data);
      g_string_append (out, ": ");
      append_node (out, json_object_get_member (o, m->data), depth + 1);
      g_string_append (out, m->next ? ",\n" : "\n");
    }
    indent (out, depth);
    g_string_append_c (out, '}');
    g_list_free (members);
    break;
  }
  case JSON_NODE_ARRAY: {
    JsonArray *a = json_node_get_array (node);
    guint n = json_array_get_length (a);
    if (n == 0) {
      g_string_append (out, "[]");
      break;
    }
    g_string_append (out, "[\n");
    for (guint i = 0; i < n; i++) {
      indent (out, depth + 1);
      append_node (out, json_array_get_element (a, i), depth + 1);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
    indent (out, depth);
    g_string_append_c (out, ']');
    break;
  }
  case JSON_NODE_NULL:
    g_string_append (out, "null");
    break;
  case JSON_NODE_VALUE:
    switch (json_node_get_value_type (node)) {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      append_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      append_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
    }
    break;
  }
}

char *
gs_resultset_json_text (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  GString *out = g_string_new (NULL);
  append_node (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Rows                                                                    */

/* Nine significant digits: enough for any prediction, stable as text. */
static double
r9 (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.9g", x);
  return g_ascii_strtod (buf, NULL);
}

static void
round_result (GsResult *r)
{
  r->wall_s = r9 (r->wall_s);
  for (guint i = 0; r->samples && i < r->samples->len; i++)
    g_array_index (r->samples, double, i) = r9 (g_array_index (r->samples, double, i));
  if (r->sequential_s >= 0)
    r->sequential_s = r9 (r->sequential_s);
  for (guint i = 0; i < r->prints->len; i++) {
    GsPrint *p = &g_array_index (r->prints, GsPrint, i);
    p->time = r9 (p->time);
  }
  for (guint i = 0; i < r->workers->len; i++) {
    GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    w->start_s = r9 (w->start_s);
    w->end_s = r9 (w->end_s);
    w->cpu_s = r9 (w->cpu_s);
    w->gil_wait_s = r9 (w->gil_wait_s);
    w->blocked_s = r9 (w->blocked_s);
    w->slowed_s = r9 (w->slowed_s);
    w->core_wait_s = r9 (w->core_wait_s);
  }
  gs_figures_round (r);
}

static GPtrArray *
copy_strings (GPtrArray *a)
{
  GPtrArray *c = g_ptr_array_new_full (a ? a->len : 0, g_free);
  for (guint i = 0; a && i < a->len; i++)
    g_ptr_array_add (c, g_strdup (a->pdata[i]));
  return c;
}

GsRow *
gs_resultset_row_new (guint point, const char *scenario, const char *platform,
            const char *host, int cores, double speed, const char *runtime,
            double switch_interval, GPtrArray *names, GPtrArray *values,
            GsResult *result)
{
  GsRow *row = g_new0 (GsRow, 1);
  row->point = point;
  row->scenario = g_strdup (scenario);
  row->platform = g_strdup (platform);
  row->host = g_strdup (host);
  row->cores = cores;
  row->speed = r9 (speed);
  row->runtime = g_strdup (runtime);
  row->switch_interval = r9 (switch_interval);
  row->names = copy_strings (names);
  row->values = copy_strings (values);
  round_result (result);
  row->result = result;
  return row;
}

void
gs_resultset_row_free (GsRow *row)
{
  if (row == NULL)
    return;
  g_free (row->scenario);
  g_free (row->platform);
  g_free (row->host);
  g_free (row->runtime);
  g_free (row->scenario_sha256);
  g_free (row->platform_sha256);
  g_ptr_array_unref (row->names);
  g_ptr_array_unref (row->values);
  gs_result_free (row->result);
  g_free (row);
}

char *
gs_resultset_row_label (const GsRow *row)
{
  /* shown on terminals and in tables: one line, whatever a results file
   * read back holds */
  if (row->names->len == 0)
    return gs_text_one_line (row->scenario);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < row->names->len; i++)
    g_string_append_printf (s, "%s%s = %s", i ? ", " : "",
                            (const char *) row->names->pdata[i],
                            (const char *) row->values->pdata[i]);
  g_autofree char *raw = g_string_free (s, FALSE);
  return gs_text_one_line (raw);
}

const char *
gs_resultset_row_param (const GsRow *row, const char *name)
{
  for (guint i = 0; i < row->names->len; i++)
    if (strcmp (row->names->pdata[i], name) == 0)
      return row->values->pdata[i];
  return NULL;
}

double
gs_resultset_row_speedup (const GsRow *row)
{
  const GsResult *r = row->result;
  return r->sequential_s > 0 && r->wall_s > 0 ? r->sequential_s / r->wall_s : 0;
}

/* ---------------------------------------------------------------------- */
/* Sets                                                                    */

/* Splits "N=1,runtime=x" into names and values. */
static gboolean
parse_reference (const char *ref, GPtrArray *names, GPtrArray *values,
                 GError **error)
{
  g_auto (GStrv) parts = g_strsplit (ref, ",", -1);
  for (char **p = parts; *p; p++) {
    g_strstrip (*p);
    const char *eq = strchr (*p, '=');
    if (eq == NULL || eq == *p || eq[1] == '\0') {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--reference %s: write NAME=VALUE[,NAME=VALUE...] with the "
                   "swept parameters, such as --reference N=1", ref);
      return FALSE;
    }
    g_ptr_array_add (names, g_strndup (*p, eq - *p));
    g_ptr_array_add (values, g_strdup (eq + 1));
  }
  return TRUE;
}

GsResultSet *
gs_resultset_new (guint points, const char *ref, GError **error)
{
  g_autoptr (GsResultSet) set = g_new0 (GsResultSet, 1);
  set->points = points;
  set->ref_names = g_ptr_array_new_with_free_func (g_free);
  set->ref_values = g_ptr_array_new_with_free_func (g_free);
  set->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_resultset_row_free);
  if (ref && !parse_reference (ref, set->ref_names, set->ref_values, error))
    return NULL;
  return g_steal_pointer (&set);
}

void
gs_resultset_free (GsResultSet *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->ref_names);
  g_ptr_array_unref (set->ref_values);
  g_ptr_array_unref (set->rows);
  g_free (set);
}

gboolean
gs_resultset_add (GsResultSet *set, GsRow *row)
{
  guint lo = 0, hi = set->rows->len;
  while (lo < hi) {
    guint mid = (lo + hi) / 2;
    if (((GsRow *) set->rows->pdata[mid])->point < row->point)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < set->rows->len && ((GsRow *) set->rows->pdata[lo])->point == row->point) {
    gs_resultset_row_free (row);
    return FALSE;
  }
  g_ptr_array_insert (set->rows, (gint) lo, row);
  return TRUE;
}

static gboolean
same_params (const GsRow *row, GPtrArray *names, GPtrArray *values)
{
  if (row->names->len != names->len)
    return FALSE;
  for (guint i = 0; i < names->len; i++) {
    const char *v = gs_resultset_row_param (row, names->pdata[i]);
    if (v == NULL || strcmp (v, values->pdata[i]) != 0)
      return FALSE;
  }
  return TRUE;
}

GsRow *
gs_resultset_find (const GsResultSet *set, GPtrArray *names, GPtrArray *values)
{
  for (guint i = 0; i < set->rows->len; i++)
    if (same_params (set->rows->pdata[i], names, values))
      return set->rows->pdata[i];
  return NULL;
}

const GsRow *
gs_resultset_reference (const GsResultSet *set)
{
  const GsRow *best = NULL;
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    if (set->ref_names->len) {
      gboolean match = TRUE;
      for (guint j = 0; j < set->ref_names->len && match; j++) {
        const char *v = gs_resultset_row_param (row, set->ref_names->pdata[j]);
        match = v && strcmp (v, set->ref_values->pdata[j]) == 0;
      }
      if (match)
        return row;
    } else if (best == NULL || row->result->wall_s < best->result->wall_s) {
      best = row;
    }
  }
  return best;
}

gboolean
gs_resultset_same_strings (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Writing JSON                                                            */

static void
member_double (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, r9 (v));  /* a NaN becomes null */
}

static void
member_string (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, v);
}

static void
member_int (JsonBuilder *b, const char *name, gint64 v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

static void
add_params (JsonBuilder *b, GPtrArray *names, GPtrArray *values)
{
  json_builder_begin_object (b);
  for (guint i = 0; i < names->len; i++)
    member_string (b, names->pdata[i], values->pdata[i]);
  json_builder_end_object (b);
}

static void
add_row (JsonBuilder *b, const GsRow *row, const GsRow *ref)
{
  const GsResult *r = row->result;
  g_autofree char *label = gs_resultset_row_label (row);
  json_builder_begin_object (b);
  member_string (b, "command", label);
  member_int (b, "point", row->point);
  GsSpread sp = gs_spread_of (r);
  member_double (b, "mean", sp.mean);
  member_double (b, "stddev", sp.stddev);
  member_double (b, "median", sp.median);
  member_double (b, "min", sp.min);
  member_double (b, "max", sp.max);
  /* hyperfine's runs: the samples, or the one prediction */
  json_builder_set_member_name (b, "times");
  json_builder_begin_array (b);
  for (guint i = 0; r->samples && i < r->samples->len; i++)
    json_builder_add_double_value (b, r9 (g_array_index (r->samples, double, i)));
  if (r->samples == NULL)
    json_builder_add_double_value (b, r9 (r->wall_s));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "parameters");
  add_params (b, row->names, row->values);
  member_string (b, "scenario", row->scenario);
  member_string (b, "platform", row->platform);
  if (row->scenario_sha256 && row->platform_sha256) {
    member_string (b, "scenario_sha256", row->scenario_sha256);
    member_string (b, "platform_sha256", row->platform_sha256);
  }
  member_string (b, "host", row->host);
  member_int (b, "cores", row->cores);
  member_double (b, "speed_flops", row->speed);
  member_string (b, "runtime", row->runtime);
  member_double (b, "switch_interval_s", row->switch_interval);
  member_double (b, "wall_s", r->wall_s);
  json_builder_set_member_name (b, "sequential_s");
  if (r->sequential_s >= 0)
    json_builder_add_double_value (b, r->sequential_s);
  else
    json_builder_add_null_value (b);
  member_double (b, "speedup", gs_resultset_row_speedup (row));
  json_builder_set_member_name (b, "relative");
  if (ref && ref->result->wall_s > 0)
    json_builder_add_double_value (b, r9 (r->wall_s / ref->result->wall_s));
  else
    json_builder_add_null_value (b);
  member_int (b, "gil_switches", (gint64) r->gil_switches);
  json_builder_set_member_name (b, "workers");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    json_builder_begin_object (b);
    member_string (b, "name", w->name);
    member_string (b, "kind", w->kind);
    member_double (b, "start_s", w->start_s);
    member_double (b, "end_s", w->end_s);
    member_double (b, "cpu_s", w->cpu_s);
    member_double (b, "gil_wait_s", w->gil_wait_s);
    member_double (b, "blocked_s", w->blocked_s);
    member_int (b, "switches", (gint64) w->switches);
    if (fabs (w->slowed_s) >= GS_RESULT_SLOWED_SHOWN)  /* slow vCPUs stretched it */
      member_double (b, "slowed_s", w->slowed_s);
    if (w->core_wait_s >= GS_RESULT_CORE_WAIT_SHOWN)  /* without a full core */
      member_double (b, "core_wait_s", w->core_wait_s);
    gs_figures_add_waits (b, r, i);
    gs_figures_add_overheads (b, r, i);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  gs_figures_add_latency (b, r);
  json_builder_set_member_name (b, "prints");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->prints->len; i++) {
    const GsPrint *p = &g_array_index (r->prints, GsPrint, i);
    json_builder_begin_object (b);
    member_double (b, "time_s", p->time);
    member_string (b, "who", p->who);
    member_string (b, "text", p->text);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

char *
gs_resultset_to_json (const GsResultSet *set)
{
  const GsRow *ref = gs_resultset_reference (set);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < set->rows->len; i++)
    add_row (b, set->rows->pdata[i], ref);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "sweep");
  json_builder_begin_object (b);
  member_int (b, "points", set->points);
  json_builder_set_member_name (b, "reference");
  if (set->ref_names->len)
    add_params (b, set->ref_names, set->ref_values);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return gs_resultset_json_text (b);
}

char *
gs_resultset_row_json (const GsRow *row)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  add_row (b, row, NULL);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}
