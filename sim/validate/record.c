/* record.c: reading measured records: their files and their fields. */
#include "validate/record.h"

#include <math.h>

#include "util/jsontext.h"
#include "util/userfile.h"

/* A records file holds a session's measurements: thousands of lines. */
#define MAX_RECORDS_BYTES ((gsize) 256 << 20)

const char *
gs_record_str (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE ||
      json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

double
gs_record_num (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE)
    return NAN;
  GType t = json_node_get_value_type (n);
  if (t == G_TYPE_DOUBLE || t == G_TYPE_INT64 || t == G_TYPE_INT)
    return json_node_get_double (n);
  return NAN;
}

int
gs_record_count (JsonObject *o, const char *name, int max)
{
  double v = gs_record_num (o, name);
  if (!(v >= 0 && v <= max) || v != floor (v))
    return -1;
  return (int) v;
}

JsonObject *
gs_record_obj (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

double
gs_record_extra (JsonObject *o, const char *name)
{
  return gs_record_num (gs_record_obj (gs_record_obj (o, "extra"), name), "median");
}

/* ---------------------------------------------------------------------- */
/* A record's configuration                                                */

char *
gs_record_config (JsonObject *rec)
{
  const char *id = gs_record_str (rec, "config_id");
  if (id)
    return g_strdup (id);
  double n = gs_record_num (rec, "n_workers");
  if (isnan (n))
    n = gs_record_num (rec, "N");
  const char *v = gs_record_str (rec, "variant");
  return g_strdup_printf ("%s|%s|%g", gs_record_str (rec, "case"), v ? v : "",
                          isnan (n) ? 1 : n);
}

double
gs_record_median (JsonObject *rec)
{
  double m = gs_record_num (rec, "wall_seconds_median");
  return isnan (m) ? gs_record_num (rec, "median_s") : m;
}

/* ---------------------------------------------------------------------- */
/* A records file                                                          */

/* How much other programs disturbed a record, as measure.py ranks them:
 * a record it marked contended after one that it did not, then by the
 * other programs' user-mode cores. */
static double
disturbance (JsonObject *rec)
{
  JsonNode *c = json_object_get_member (rec, "contended");
  gboolean contended = c && JSON_NODE_HOLDS_VALUE (c)
                       && json_node_get_value_type (c) == G_TYPE_BOOLEAN
                       && json_node_get_boolean (c);
  double cores = gs_record_num (gs_record_obj (rec, "contention"), "foreign_user_cores");
  if (isnan (cores) || cores < 0)
    cores = 0;
  return (contended ? 1e6 : 0) + MIN (cores, 1e5);
}

/* Frees one of choose_records' ROOTS: a line's parsed value, or NULL. */
static void
free_root (gpointer root)
{
  if (root)
    json_node_unref (root);
}

/* measure.py measures a disturbed configuration once more at the end and
 * writes both records; its own summary keeps, per config_id, the least
 * disturbed record that has a time.  Fills CHOSEN[i] with the line whose
 * record stands for line I's configuration, where line I is the first of
 * them; -1 for the lines that another one stands for; I itself for every
 * other line (no config_id, no time in any of its configuration's records,
 * or not JSON: the main pass reports those).  Fills ROOTS[i] with line
 * I's parsed value (NULL for a blank line or one that is not JSON), so
 * that each line is parsed once. */
static void
choose_records (char **lines, gint *chosen, guint *superseded, GPtrArray *roots)
{
  g_autoptr (GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) score = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  for (guint li = 0; lines[li]; li++) {
    chosen[li] = (gint) li;
    superseded[li] = 0;
    double none = 0;
    g_array_append_val (score, none);
    g_ptr_array_add (ids, NULL);
    g_ptr_array_add (roots, NULL);
    g_autoptr (JsonParser) parser = json_parser_new ();
    if (*lines[li] == '\0' || !gs_jsontext_parse (parser, lines[li], -1, NULL))
      continue;
    JsonNode *root = json_parser_get_root (parser);
    roots->pdata[li] = json_node_ref (root);
    if (!JSON_NODE_HOLDS_OBJECT (root))
      continue;
    JsonObject *rec = json_node_get_object (root);
    const char *id = gs_record_str (rec, "config_id");
    if (id == NULL)
      continue;
    ids->pdata[li] = g_strdup (id);
    if (!g_hash_table_contains (first, id))
      g_hash_table_insert (first, g_strdup (id), GINT_TO_POINTER (li + 1));
    double median = gs_record_num (rec, "wall_seconds_median");
    if (isnan (median) || median <= 0 || median > GS_RECORD_MAX_SECONDS)
      continue;  /* no time: a candidate only if no record of it has one */
    double d = disturbance (rec);
    g_array_index (score, double, li) = d;
    gpointer b = g_hash_table_lookup (best, id);
    if (b == NULL || d < g_array_index (score, double, GPOINTER_TO_INT (b) - 1))
      g_hash_table_insert (best, g_strdup (id), GINT_TO_POINTER (li + 1));
  }
  for (guint li = 0; lines[li]; li++) {
    const char *id = ids->pdata[li];
    if (id == NULL)
      continue;
    gpointer b = g_hash_table_lookup (best, id);
    if (b == NULL)
      continue;  /* no record of it has a time: each is listed as skipped */
    gint f = GPOINTER_TO_INT (g_hash_table_lookup (first, id)) - 1;
    chosen[li] = (gint) li == f ? GPOINTER_TO_INT (b) - 1 : -1;
    if ((gint) li != f)
      superseded[f]++;
  }
}

void
gs_record_free (GsRecord *r)
{
  if (r == NULL)
    return;
  json_node_unref (r->root);
  g_free (r);
}

GPtrArray *
gs_record_read_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  GError *local = NULL;
  if (!gs_userfile_read (path, MAX_RECORDS_BYTES, &contents, NULL, &local)) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s:1:1: cannot read: %s",
                 path, local->message);
    g_error_free (local);
    return NULL;
  }
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  for (guint li = 0; lines[li]; li++)
    g_strstrip (lines[li]);
  guint n_lines = g_strv_length (lines);
  g_autofree gint *chosen = g_new (gint, n_lines + 1);
  g_autofree guint *superseded = g_new (guint, n_lines + 1);
  g_autoptr (GPtrArray) roots = g_ptr_array_new_full (n_lines,
                                                     (GDestroyNotify) free_root);
  choose_records (lines, chosen, superseded, roots);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_record_free);
  for (guint li = 0; lines[li]; li++) {
    if (*lines[li] == '\0' || chosen[li] < 0)
      continue;
    const guint cl = (guint) chosen[li];  /* the line that stands for it */
    g_autoptr (JsonParser) parser = json_parser_new ();
    /* parsed again only for the message */
    if (roots->pdata[cl] == NULL && !gs_jsontext_parse (parser, lines[cl], -1, &local)) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s:%u:1: not a JSON record (%s); give a file written by "
                   "measure.py or run_seed.py", path, cl + 1, local->message);
      g_error_free (local);
      return NULL;
    }
    GsRecord *r = g_new0 (GsRecord, 1);
    r->line = cl + 1;
    r->superseded = superseded[li];
    r->root = json_node_ref (roots->pdata[cl] ? roots->pdata[cl]
                                              : json_parser_get_root (parser));
    g_ptr_array_add (out, r);
  }
  return g_steal_pointer (&out);
}

