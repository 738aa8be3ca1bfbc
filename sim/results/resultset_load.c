/* resultset_load.c: a JSON export read back as a result set. */
#include "results/resultset_load.h"

#include <math.h>
#include <string.h>

#include "results/figures.h"
#include "util/jsontext.h"
#include "util/text.h"
#include "util/userfile.h"

/* A results file is one sweep's rows: 1,000,000 points fit in far less. */
#define MAX_RESULTS_BYTES ((gsize) 1 << 30)

/* The largest count a results file may give: every whole number up to it
 * is exact in a double. */
#define MAX_COUNT 9007199254740992.0  /* 2^53 */


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
  if (!gs_jsontext_is_number (n) || !isfinite (json_node_get_double (n)))
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
  if (!gs_jsontext_is_number (points) || json_node_get_int (points) < 0 ||
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
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s:%s; give a file written by "
                 "gilsim run --export-json", path, local->message);
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
    } else if (!gs_resultset_same_strings (row->names, first_names)) {
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
