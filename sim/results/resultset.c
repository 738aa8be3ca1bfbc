/* resultset.c: rows of results, their reference, their JSON export. */
#include "results/resultset.h"

#include <math.h>
#include <string.h>

#include "results/figures.h"
#include "results/spread.h"
#include "util/jsontext.h"
#include "util/text.h"
#include "util/userfile.h"

/* A results file is one sweep's rows: 1,000,000 points fit in far less. */
#define MAX_RESULTS_BYTES ((gsize) 1 << 30)

/* The largest count a results file may give: every whole number up to it
 * is exact in a double. */
#define MAX_COUNT 9007199254740992.0  /* 2^53 */

/* The shortest text that reads back as X ("0.134", not json-glib's
 * "0.13400000000000001"), with a decimal point so that it stays a double
 * for a reader. */
static void
append_double (GString *out, double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite (x)) {
    g_string_append (out, "null");  /* JSON has no NaN or infinity */
    return;
  }
  if (x == floor (x) && fabs (x) < 1e15) {
    g_string_append_printf (out, "%.0f.0", x);  /* 1000000000.0, not 1e+09 */
    return;
  }
  for (int prec = 1; prec <= 17; prec++) {
    char format[8];
    g_snprintf (format, sizeof format, "%%.%dg", prec);
    g_ascii_formatd (buf, sizeof buf, format, x);
    if (g_ascii_strtod (buf, NULL) == x)
      break;
  }
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
      g_string_append_printf (out, "%*s", 2 * (depth + 1), "");
      append_string (out, m->data);
      g_string_append (out, ": ");
      append_node (out, json_object_get_member (o, m->data), depth + 1);
      g_string_append (out, m->next ? ",\n" : "\n");
    }
    g_string_append_printf (out, "%*s}", 2 * depth, "");
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
      g_string_append_printf (out, "%*s", 2 * (depth + 1), "");
      append_node (out, json_array_get_element (a, i), depth + 1);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
    g_string_append_printf (out, "%*s]", 2 * depth, "");
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

/* ---------------------------------------------------------------------- */
/* Reading JSON                                                            */

typedef struct {
  const char *path;
  guint index;        /* of the result being read */
  GError **error;
} Reader;

static gboolean
bad (Reader *rd, const char *what, const char *name)
{
  g_set_error (rd->error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "%s: results[%u] has no %s '%s'; give a file written by "
               "gilsim run --export-json", rd->path, rd->index, what, name);
  return FALSE;
}

static gboolean
get_string (Reader *rd, JsonObject *o, const char *name, const char **out)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || json_node_get_value_type (n) != G_TYPE_STRING)
    return bad (rd, "string", name);
  *out = json_node_get_string (n);
  return TRUE;
}

/* A SHA-256 digest in hex, as gilsim writes it. */
static gboolean
get_digest (Reader *rd, JsonObject *o, const char *name, const char **out)
{
  if (!get_string (rd, o, name, out))
    return FALSE;
  gboolean hex = strlen (*out) == 64;
  for (const char *c = *out; hex && *c; c++)
    hex = g_ascii_isxdigit (*c) && !g_ascii_isupper (*c);
  return hex || bad (rd, "SHA-256 digest in lowercase hex", name);
}

static gboolean
is_number (JsonNode *n)
{
  return n && JSON_NODE_HOLDS_VALUE (n) &&
         (json_node_get_value_type (n) == G_TYPE_DOUBLE ||
          json_node_get_value_type (n) == G_TYPE_INT64);
}

/* A number; OPTIONAL ones may be absent or null and then read as DEF. */
static gboolean
get_number (Reader *rd, JsonObject *o, const char *name, gboolean optional,
            double def, double *out)
{
  JsonNode *n = json_object_get_member (o, name);
  if (optional && (n == NULL || JSON_NODE_HOLDS_NULL (n))) {
    *out = def;
    return TRUE;
  }
  /* 1e999 reads as infinity, which an export cannot write back */
  if (!is_number (n) || !isfinite (json_node_get_double (n)))
    return bad (rd, "number", name);
  *out = json_node_get_double (n);
  return TRUE;
}

/* A whole number from 0 to MAX, so that the casts to guint64 and int that
 * follow are defined (a count of -1 or 1e300 is not one). */
static gboolean
get_count (Reader *rd, JsonObject *o, const char *name, double max, double *out)
{
  double x;
  if (!get_number (rd, o, name, FALSE, 0, &x))
    return FALSE;
  if (x < 0 || x > max || x != floor (x))
    return bad (rd, "whole number", name);
  *out = x;
  return TRUE;
}

static gboolean
get_array (Reader *rd, JsonObject *o, const char *name, JsonArray **out)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return bad (rd, "array", name);
  *out = json_node_get_array (n);
  return TRUE;
}

static gboolean
read_params (Reader *rd, JsonNode *node, GPtrArray *names, GPtrArray *values)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad (rd, "object", "parameters");
  JsonObject *o = json_node_get_object (node);
  g_autoptr (GList) members = json_object_get_members (o);
  for (GList *l = members; l; l = l->next) {
    JsonNode *v = json_object_get_member (o, l->data);
    if (json_node_get_value_type (v) != G_TYPE_STRING)
      return bad (rd, "string parameter", l->data);
    g_ptr_array_add (names, g_strdup (l->data));
    g_ptr_array_add (values, g_strdup (json_node_get_string (v)));
  }
  return TRUE;
}

static gboolean
read_worker (Reader *rd, JsonObject *o, GsResult *r)
{
  GsWorker w = { 0 };
  const char *name, *kind;
  double switches;
  if (!get_string (rd, o, "name", &name) || !get_string (rd, o, "kind", &kind) ||
      !get_number (rd, o, "start_s", FALSE, 0, &w.start_s) ||
      !get_number (rd, o, "end_s", FALSE, 0, &w.end_s) ||
      !get_number (rd, o, "cpu_s", FALSE, 0, &w.cpu_s) ||
      !get_number (rd, o, "gil_wait_s", FALSE, 0, &w.gil_wait_s) ||
      !get_number (rd, o, "blocked_s", FALSE, 0, &w.blocked_s) ||
      !get_count (rd, o, "switches", MAX_COUNT, &switches))
    return FALSE;
  w.name = (char *) name;
  w.kind = (char *) kind;
  w.switches = (guint64) switches;
  if (!get_number (rd, o, "slowed_s", TRUE, 0, &w.slowed_s) ||
      !get_number (rd, o, "core_wait_s", TRUE, 0, &w.core_wait_s))
    return FALSE;
  guint k = gs_result_add_worker (r, &w);
  GError *local = NULL;
  if (!gs_figures_read_waits (o, r, k, &local) ||
      !gs_figures_read_overheads (o, r, k, &local)) {
    g_set_error (rd->error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s: results[%u].workers[%u]: %s is not an array of {\"on\", "
                 "\"seconds\", \"count\"}; give a file written by gilsim run "
                 "--export-json", rd->path, rd->index, k, local->message);
    g_error_free (local);
    return FALSE;
  }
  return TRUE;
}

/* The samples of result O ("times", when more than one) into R. */
static gboolean
read_times (Reader *rd, JsonObject *o, GsResult *r)
{
  JsonNode *n = json_object_get_member (o, "times");
  if (n == NULL)
    return TRUE;  /* older exports may lack it */
  if (!JSON_NODE_HOLDS_ARRAY (n))
    return bad (rd, "array", "times");
  JsonArray *a = json_node_get_array (n);
  guint len = json_array_get_length (a);
  if (len <= 1)
    return TRUE;
  r->samples = g_array_sized_new (FALSE, FALSE, sizeof (double), len);
  for (guint i = 0; i < len; i++) {
    JsonNode *e = json_array_get_element (a, i);
    if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) == G_TYPE_STRING ||
        json_node_get_value_type (e) == G_TYPE_BOOLEAN || !(json_node_get_double (e) >= 0))
      return bad (rd, "number in array", "times");
    double x = json_node_get_double (e);
    g_array_append_val (r->samples, x);
  }
  return TRUE;
}

static GsRow *
read_row (Reader *rd, JsonNode *node)
{
  if (!JSON_NODE_HOLDS_OBJECT (node)) {
    bad (rd, "object", "results[]");
    return NULL;
  }
  JsonObject *o = json_node_get_object (node);
  const char *scenario, *platform, *host, *runtime;
  double point, cores, speed, si, switches;
  JsonArray *workers, *prints;
  g_autoptr (GsResult) r = gs_result_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  if (!get_number (rd, o, "point", TRUE, rd->index, &point) ||
      !get_string (rd, o, "scenario", &scenario) ||
      !get_string (rd, o, "platform", &platform) ||
      !get_string (rd, o, "host", &host) ||
      !get_count (rd, o, "cores", G_MAXINT, &cores) ||
      !get_number (rd, o, "speed_flops", TRUE, 0, &speed) ||
      !get_string (rd, o, "runtime", &runtime) ||
      !get_number (rd, o, "switch_interval_s", FALSE, 0, &si) ||
      !read_params (rd, json_object_get_member (o, "parameters"), names, values) ||
      !get_number (rd, o, "wall_s", FALSE, 0, &r->wall_s) ||
      !get_number (rd, o, "sequential_s", TRUE, -1, &r->sequential_s) ||
      !get_count (rd, o, "gil_switches", MAX_COUNT, &switches) ||
      !get_array (rd, o, "workers", &workers) || !get_array (rd, o, "prints", &prints))
    return NULL;
  if (point < 0 || point >= G_MAXUINT || point != floor (point)) {
    bad (rd, "point index", "point");
    return NULL;
  }
  r->gil_switches = (guint64) switches;
  if (!read_times (rd, o, r))
    return NULL;
  GError *local = NULL;
  if (!gs_figures_read_latency (o, r, &local)) {
    g_set_error (rd->error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s: results[%u]: %s is not an array of {\"statement\", "
                 "\"line\", \"count\", \"mean_s\", ...}; give a file written "
                 "by gilsim run --export-json", rd->path, rd->index, local->message);
    g_error_free (local);
    return NULL;
  }
  for (guint i = 0; i < json_array_get_length (workers); i++) {
    JsonNode *w = json_array_get_element (workers, i);
    if (!JSON_NODE_HOLDS_OBJECT (w)) {
      bad (rd, "object", "workers[]");
      return NULL;
    }
    if (!read_worker (rd, json_node_get_object (w), r))
      return NULL;
  }
  for (guint i = 0; i < json_array_get_length (prints); i++) {
    JsonNode *pn = json_array_get_element (prints, i);
    const char *who, *text;
    double t;
    if (!JSON_NODE_HOLDS_OBJECT (pn)) {
      bad (rd, "object", "prints[]");
      return NULL;
    }
    JsonObject *p = json_node_get_object (pn);
    if (!get_number (rd, p, "time_s", FALSE, 0, &t) || !get_string (rd, p, "who", &who) ||
        !get_string (rd, p, "text", &text))
      return NULL;
    gs_result_add_print (r, t, who, text);
  }
  GsRow *row = gs_resultset_row_new ((guint) point, scenario, platform, host, (int) cores,
                                     speed, runtime, si, names, values, g_steal_pointer (&r));
  /* the contents' digests: absent in exports of older gilsim */
  const char *sd = NULL, *pd = NULL;
  if (json_object_has_member (o, "scenario_sha256") &&
      (!get_digest (rd, o, "scenario_sha256", &sd) ||
       !get_digest (rd, o, "platform_sha256", &pd))) {
    gs_resultset_row_free (row);
    return NULL;
  }
  row->scenario_sha256 = g_strdup (sd);
  row->platform_sha256 = g_strdup (pd);
  return row;
}

/* Reads the "sweep" member into SET; absent in exports of older gilsim. */
static gboolean
read_sweep (const char *path, JsonObject *root, GsResultSet *set, GError **error)
{
  JsonNode *n = json_object_get_member (root, "sweep");
  if (n == NULL)
    return TRUE;
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
  JsonNode *points = o ? json_object_get_member (o, "points") : NULL;
  JsonNode *ref = o ? json_object_get_member (o, "reference") : NULL;
  if (!is_number (points) || json_node_get_int (points) < 0 ||
      (ref && !JSON_NODE_HOLDS_NULL (ref) && !JSON_NODE_HOLDS_OBJECT (ref))) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s: \"sweep\" must be {\"points\": N, \"reference\": {...} or "
                 "null}; give a file written by gilsim run --export-json", path);
    return FALSE;
  }
  set->points = (guint) json_node_get_int (points);
  if (ref && JSON_NODE_HOLDS_OBJECT (ref)) {
    Reader rd = { path, 0, error };
    if (!read_params (&rd, ref, set->ref_names, set->ref_values))
      return FALSE;
  }
  return TRUE;
}

static gboolean
same_strings (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* NAMES as "a, b" (or "none"), one line for a message. */
static char *
names_text (GPtrArray *names)
{
  if (names->len == 0)
    return g_strdup ("none");
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", (const char *) names->pdata[i]);
  g_autofree char *joined = g_string_free (s, FALSE);
  return gs_text_one_line (joined);
}

GsResultSet *
gs_resultset_load (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  gsize len = 0;
  GError *local = NULL;
  if (!gs_userfile_read (path, MAX_RESULTS_BYTES, &text, &len, &local)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s: cannot read the results: %s; give a file written by "
                 "gilsim run --export-json", path, local->message);
    g_error_free (local);
    return NULL;
  }
  if (!gs_jsontext_parse (parser, text, (gssize) len, &local)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s:%s", path,
                 local->message);
    g_error_free (local);
    return NULL;
  }
  JsonNode *root = json_parser_get_root (parser);
  JsonNode *results = root && JSON_NODE_HOLDS_OBJECT (root)
                          ? json_object_get_member (json_node_get_object (root), "results")
                          : NULL;
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s: no \"results\" array; give a file written by gilsim run "
                 "--export-json", path);
    return NULL;
  }
  g_autoptr (GsResultSet) set = gs_resultset_new (0, NULL, NULL);
  if (!read_sweep (path, json_node_get_object (root), set, error))
    return NULL;
  JsonArray *a = json_node_get_array (results);
  Reader rd = { path, 0, error };
  GPtrArray *first_names = NULL;   /* the first row's parameter names */
  for (rd.index = 0; rd.index < json_array_get_length (a); rd.index++) {
    GsRow *row = read_row (&rd, json_array_get_element (a, rd.index));
    if (row == NULL)
      return NULL;
    if (first_names == NULL) {
      first_names = row->names;
    } else if (!same_strings (row->names, first_names)) {
      g_autofree char *these = names_text (row->names);
      g_autofree char *first = names_text (first_names);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: results[%u] has the parameters %s, but results[0] "
                   "has %s; the points of one sweep have the same parameters: "
                   "give a file written by gilsim run --export-json", path,
                   rd.index, these, first);
      gs_resultset_row_free (row);
      return NULL;
    }
    guint point = row->point;
    if (!gs_resultset_add (set, row)) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: point %u appears twice", path, point);
      return NULL;
    }
    set->points = MAX (set->points, point + 1);
  }
  return g_steal_pointer (&set);
}

/* ---------------------------------------------------------------------- */
/* Merging                                                                 */

/* One row's JSON, to compare rows. */
static char *
row_json (const GsRow *row)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  add_row (b, row, NULL);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gboolean
gs_resultset_merge (GsResultSet *into, GsResultSet *from, const char *from_name,
                    GError **error)
{
  if (into->rows->len + into->points > 0 &&
      (into->points != from->points || !same_strings (into->ref_names, from->ref_names) ||
       !same_strings (into->ref_values, from->ref_values))) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s: another sweep (%u points) than the files before it (%u "
                 "points), or another --reference; merge the exports of one "
                 "sweep", from_name, from->points, into->points);
    return FALSE;
  }
  into->points = from->points;
  if (into->ref_names->len == 0)
    for (guint i = 0; i < from->ref_names->len; i++) {
      g_ptr_array_add (into->ref_names, g_strdup (from->ref_names->pdata[i]));
      g_ptr_array_add (into->ref_values, g_strdup (from->ref_values->pdata[i]));
    }
  while (from->rows->len) {
    GsRow *row = g_ptr_array_steal_index (from->rows, 0);
    guint point = row->point;
    g_autofree char *mine = row_json (row);
    if (!gs_resultset_add (into, row)) {
      GsRow *old = NULL;
      for (guint i = 0; i < into->rows->len && old == NULL; i++)
        if (((GsRow *) into->rows->pdata[i])->point == point)
          old = into->rows->pdata[i];
      g_autofree char *theirs = row_json (old);
      if (strcmp (mine, theirs) != 0) {
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                     "%s: point %u differs from the same point in a file "
                     "before it; merge the exports of one sweep", from_name,
                     point);
        return FALSE;
      }
    }
  }
  return TRUE;
}
