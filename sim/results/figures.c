/* figures.c: per-object blocked time and latency figures in JSON (figures.h). */
#include "results/figures.h"

#include <math.h>
#include <string.h>

#include "units.h"
#include "util/jsontext.h"
#include "util/text.h"

double
gs_figures_r9 (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.9g", x);
  return g_ascii_strtod (buf, NULL);
}

void
gs_figures_round (GsResult *r)
{
  for (guint i = 0; i < r->waits->len; i++) {
    GsWait *w = &g_array_index (r->waits, GsWait, i);
    w->seconds = gs_figures_r9 (w->seconds);
  }
  for (guint i = 0; i < r->overheads->len; i++) {
    GsWait *w = &g_array_index (r->overheads, GsWait, i);
    w->seconds = gs_figures_r9 (w->seconds);
  }
  for (guint i = 0; i < r->latency->len; i++) {
    GsLatency *l = &g_array_index (r->latency, GsLatency, i);
    l->q.mean = gs_figures_r9 (l->q.mean);
    l->q.p50 = gs_figures_r9 (l->q.p50);
    l->q.p95 = gs_figures_r9 (l->q.p95);
    l->q.p99 = gs_figures_r9 (l->q.p99);
    l->q.max = gs_figures_r9 (l->q.max);
  }
}

/* Adds the member NAME of worker WORKER's entries of LIST (GsWait). */
static void
add_list (JsonBuilder *b, const char *name, const GArray *list, guint worker)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++) {
    const GsWait *w = &g_array_index (list, GsWait, i);
    if (w->worker != worker)
      continue;
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "on");
    json_builder_add_string_value (b, w->on);
    json_builder_set_member_name (b, "seconds");
    json_builder_add_double_value (b, gs_figures_r9 (w->seconds));
    json_builder_set_member_name (b, "count");
    json_builder_add_int_value (b, (gint64) w->count);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

void
gs_figures_add_waits (JsonBuilder *b, const GsResult *r, guint worker)
{
  add_list (b, "waits", r->waits, worker);
}

void
gs_figures_add_overheads (JsonBuilder *b, const GsResult *r, guint worker)
{
  for (guint i = 0; i < r->overheads->len; i++)
    if (g_array_index (r->overheads, GsWait, i).worker == worker) {
      add_list (b, "overheads", r->overheads, worker);
      return;
    }
}

static void
member_seconds (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, gs_figures_r9 (v));
}

void
gs_figures_add_latency (JsonBuilder *b, const GsResult *r)
{
  json_builder_set_member_name (b, "latency");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->latency->len; i++) {
    const GsLatency *l = &g_array_index (r->latency, GsLatency, i);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "statement");
    json_builder_add_string_value (b, l->what);
    json_builder_set_member_name (b, "line");
    json_builder_add_int_value (b, l->line);
    json_builder_set_member_name (b, "count");
    json_builder_add_int_value (b, (gint64) l->q.count);
    member_seconds (b, "mean_s", l->q.mean);
    member_seconds (b, "p50_s", l->q.p50);
    member_seconds (b, "p95_s", l->q.p95);
    member_seconds (b, "p99_s", l->q.p99);
    member_seconds (b, "max_s", l->q.max);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static gboolean
bad_member (const char *name, GError **error)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "the member '%s'", name);
  return FALSE;
}

/* Reads the member NAME of O into R, with gs_result_add_wait (OVERHEADS
 * FALSE) or gs_result_add_overhead. */
static gboolean
read_list (JsonObject *o, const char *name, gboolean overheads, GsResult *r,
           guint worker, GError **error)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    return bad_member (name, error);
  JsonArray *a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++) {
    JsonNode *e = json_array_get_element (a, i);
    JsonObject *w = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
    JsonNode *on = w ? json_object_get_member (w, "on") : NULL;
    JsonNode *sec = w ? json_object_get_member (w, "seconds") : NULL;
    JsonNode *count = w ? json_object_get_member (w, "count") : NULL;
    if (on == NULL || json_node_get_value_type (on) != G_TYPE_STRING ||
        !gs_jsontext_is_number (sec) || !gs_jsontext_is_number (count) ||
        json_node_get_double (count) < 0 || json_node_get_double (count) > 1e18 ||
        !isfinite (json_node_get_double (sec)))
      return bad_member (name, error);
    (overheads ? gs_result_add_overhead : gs_result_add_wait)
        (r, worker, json_node_get_string (on), json_node_get_double (sec),
         (guint64) json_node_get_double (count));
  }
  return TRUE;
}

gboolean
gs_figures_read_waits (JsonObject *o, GsResult *r, guint worker, GError **error)
{
  return read_list (o, "waits", FALSE, r, worker, error);
}

gboolean
gs_figures_read_overheads (JsonObject *o, GsResult *r, guint worker,
                           GError **error)
{
  return read_list (o, "overheads", TRUE, r, worker, error);
}

/* The number member NAME of O into *OUT; FALSE when it is not one. */
static gboolean
get_num (JsonObject *o, const char *name, double *out)
{
  JsonNode *n = json_object_get_member (o, name);
  if (!gs_jsontext_is_number (n) || !isfinite (json_node_get_double (n)))
    return FALSE;
  *out = json_node_get_double (n);
  return TRUE;
}

gboolean
gs_figures_read_latency (JsonObject *o, GsResult *r, GError **error)
{
  JsonNode *n = json_object_get_member (o, "latency");
  if (n == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    return bad_member ("latency", error);
  JsonArray *a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++) {
    JsonNode *e = json_array_get_element (a, i);
    JsonObject *l = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
    JsonNode *what = l ? json_object_get_member (l, "statement") : NULL;
    double line, count;
    GsQuantiles q = { 0 };
    if (what == NULL || json_node_get_value_type (what) != G_TYPE_STRING ||
        !get_num (l, "line", &line) || !get_num (l, "count", &count) ||
        !get_num (l, "mean_s", &q.mean) || !get_num (l, "p50_s", &q.p50) ||
        !get_num (l, "p95_s", &q.p95) || !get_num (l, "p99_s", &q.p99) ||
        !get_num (l, "max_s", &q.max) || line < 0 || line > G_MAXINT || count < 0 ||
        count > 1e18)
      return bad_member ("latency", error);
    q.count = (guint64) count;
    gs_result_add_latency (r, json_node_get_string (what), (int) line, &q);
  }
  return TRUE;
}

void
gs_figures_print_latency (FILE *out, const GsResult *r)
{
  if (r->latency->len == 0)
    return;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  int w = (int) strlen ("latency");
  for (guint i = 0; i < r->latency->len; i++) {
    const GsLatency *l = &g_array_index (r->latency, GsLatency, i);
    char *label = g_strdup_printf ("%s line %d", l->what, l->line);
    w = MAX (w, (int) strlen (label));
    g_ptr_array_add (labels, label);
  }
  fprintf (out, "\n%-*s %8s %9s %9s %9s %9s %9s\n", w, "latency", "count", "mean",
           "p50", "p95", "p99", "max");
  for (guint i = 0; i < r->latency->len; i++) {
    const GsLatency *l = &g_array_index (r->latency, GsLatency, i);
    fprintf (out, "%-*s %8" G_GUINT64_FORMAT, w, (const char *) labels->pdata[i],
             l->q.count);
    const double v[] = { l->q.mean, l->q.p50, l->q.p95, l->q.p99, l->q.max };
    for (gsize k = 0; k < G_N_ELEMENTS (v); k++) {
      g_autofree char *d = gs_format_duration (v[k]);
      fprintf (out, " %9s", d);
    }
    fputc ('\n', out);
  }
}

/* Orders waits by worker, then the largest first, then by name. */
static gint
wait_order (gconstpointer a, gconstpointer b)
{
  const GsWait *x = *(const GsWait *const *) a, *y = *(const GsWait *const *) b;
  if (x->worker != y->worker)
    return x->worker < y->worker ? -1 : 1;
  if (x->seconds != y->seconds)
    return x->seconds > y->seconds ? -1 : 1;
  return strcmp (x->on, y->on);
}

/* The largest first, then by worker and name. */
static gint
size_order (gconstpointer a, gconstpointer b)
{
  const GsWait *x = *(const GsWait *const *) a, *y = *(const GsWait *const *) b;
  if (x->seconds != y->seconds)
    return x->seconds > y->seconds ? -1 : 1;
  if (x->worker != y->worker)
    return x->worker < y->worker ? -1 : 1;
  return strcmp (x->on, y->on);
}

#define MAX_WAIT_LINES 20

/* The table of LIST (GsWait), headed WHAT and COUNT. */
static void
print_list (FILE *out, const GsResult *r, const GArray *list, int name_w,
            const char *what, const char *count)
{
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  for (guint i = 0; i < list->len; i++) {
    GsWait *w = &g_array_index (list, GsWait, i);
    if (w->worker < r->workers->len)
      g_ptr_array_add (shown, w);
  }
  if (shown->len == 0)
    return;
  guint more = 0;
  if (shown->len > MAX_WAIT_LINES) {
    g_ptr_array_sort (shown, size_order);
    more = shown->len - MAX_WAIT_LINES;
    g_ptr_array_set_size (shown, MAX_WAIT_LINES);
  }
  g_ptr_array_sort (shown, wait_order);
  int on_w = (int) strlen (what);
  for (guint i = 0; i < shown->len; i++)
    on_w = MAX (on_w, (int) strlen (((GsWait *) shown->pdata[i])->on));
  fprintf (out, "\n%-*s %-*s %9s %8s\n", name_w, "worker", on_w, what,
           "seconds", count);
  for (guint i = 0; i < shown->len; i++) {
    const GsWait *w = shown->pdata[i];
    const GsWorker *k = &g_array_index (r->workers, GsWorker, w->worker);
    fprintf (out, "%-*s %-*s %9.4f %8" G_GUINT64_FORMAT "\n", name_w, k->name, on_w,
             w->on, w->seconds, w->count);
  }
  if (more)
    fprintf (out, "... and %u more (see the exports)\n", more);
}

void
gs_figures_print_waits (FILE *out, const GsResult *r, int name_w)
{
  print_list (out, r, r->waits, name_w, "blocked on", "calls");
}

void
gs_figures_print_overheads (FILE *out, const GsResult *r, int name_w)
{
  print_list (out, r, r->overheads, name_w, "cpu lost to", "times");
}

/* ---------------------------------------------------------------------- */
/* CSV columns and table values                                            */

const char *const gs_figures_worker_fields[] = { "start_s", "end_s", "cpu_s",
                                                 "gil_wait_s", "blocked_s", "slowed_s",
                                                 "core_wait_s", NULL };

static double
worker_field (const GsWorker *w, guint f)
{
  const double v[] = { w->start_s, w->end_s, w->cpu_s, w->gil_wait_s, w->blocked_s,
                       w->slowed_s, w->core_wait_s };
  return v[f];
}

/* The column names of ROW's workers: NAME, or NAME_K for the K-th worker
 * of a name already seen in the row.  New array of new strings. */
static GPtrArray *
worker_keys (const GsResult *r)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    guint k = GPOINTER_TO_UINT (g_hash_table_lookup (seen, w->name)) + 1;
    g_hash_table_insert (seen, w->name, GUINT_TO_POINTER (k));
    g_ptr_array_add (keys, k == 1 ? g_strdup (w->name)
                                  : g_strdup_printf ("%s_%u", w->name, k));
  }
  return keys;
}

static char *
latency_key (const GsLatency *l)
{
  g_autofree char *what = g_strdelimit (g_strdup (l->what), " ", '_');
  return g_strdup_printf ("%s_line%d", what, l->line);
}

/* The union over SET's rows of the worker keys (WORKERS) and latency keys
 * (LATENCY), in order of first appearance. */
static void
all_keys (const GsResultSet *set, GPtrArray *workers, GPtrArray *latency)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       NULL);
  for (guint i = 0; i < set->rows->len; i++) {
    const GsResult *r = ((const GsRow *) set->rows->pdata[i])->result;
    g_autoptr (GPtrArray) keys = worker_keys (r);
    for (guint k = 0; k < keys->len; k++)
      if (!g_hash_table_contains (seen, keys->pdata[k])) {
        g_hash_table_add (seen, g_strdup (keys->pdata[k]));
        g_ptr_array_add (workers, g_strdup (keys->pdata[k]));
      }
    for (guint k = 0; k < r->latency->len; k++) {
      char *key = latency_key (&g_array_index (r->latency, GsLatency, k));
      g_autofree char *tagged = g_strconcat ("\x01", key, NULL);
      if (g_hash_table_contains (seen, tagged)) {
        g_free (key);
        continue;
      }
      g_hash_table_add (seen, g_steal_pointer (&tagged));
      g_ptr_array_add (latency, key);
    }
  }
}

static void
csv_text (GString *s, const char *v)
{
  g_string_append_c (s, ',');
  gs_text_csv_field (s, v);
}

static void
csv_cell (GString *s, double x)
{
  g_string_append_c (s, ',');
  if (isnan (x))
    return;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.9g", x);
  g_string_append (s, buf);
}

static const char *const latency_figures[] = { "count", "mean_s", "p50_s", "p95_s",
                                               "p99_s", "max_s" };

void
gs_figures_csv_init (GsFiguresCsv *c, const GsResultSet *set)
{
  c->workers = g_ptr_array_new_with_free_func (g_free);
  c->latency = g_ptr_array_new_with_free_func (g_free);
  all_keys (set, c->workers, c->latency);
}

void
gs_figures_csv_clear (GsFiguresCsv *c)
{
  g_clear_pointer (&c->workers, g_ptr_array_unref);
  g_clear_pointer (&c->latency, g_ptr_array_unref);
}

void
gs_figures_csv_header (GString *s, const GsFiguresCsv *c)
{
  for (guint i = 0; i < c->workers->len; i++)
    for (guint f = 0; gs_figures_worker_fields[f]; f++) {
      g_autofree char *col = g_strdup_printf ("worker_%s_%s", (char *) c->workers->pdata[i],
                                              gs_figures_worker_fields[f]);
      csv_text (s, col);
    }
  for (guint i = 0; i < c->latency->len; i++)
    for (gsize f = 0; f < G_N_ELEMENTS (latency_figures); f++) {
      g_autofree char *col = g_strdup_printf ("latency_%s_%s", (char *) c->latency->pdata[i],
                                              latency_figures[f]);
      csv_text (s, col);
    }
}

void
gs_figures_csv_row (GString *s, const GsFiguresCsv *c, const GsRow *row)
{
  const GsResult *r = row->result;
  g_autoptr (GPtrArray) mine = worker_keys (r);
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < mine->len; k++)
    g_hash_table_insert (index, mine->pdata[k], GUINT_TO_POINTER (k + 1));
  for (guint i = 0; i < c->workers->len; i++) {
    guint k = GPOINTER_TO_UINT (g_hash_table_lookup (index, c->workers->pdata[i]));
    const GsWorker *w = k ? &g_array_index (r->workers, GsWorker, k - 1) : NULL;
    for (guint f = 0; gs_figures_worker_fields[f]; f++)
      csv_cell (s, w ? worker_field (w, f) : NAN);
  }
  for (guint i = 0; i < c->latency->len; i++) {
    const GsLatency *l = NULL;
    for (guint k = 0; k < r->latency->len && l == NULL; k++) {
      g_autofree char *key = latency_key (&g_array_index (r->latency, GsLatency, k));
      if (strcmp (key, c->latency->pdata[i]) == 0)
        l = &g_array_index (r->latency, GsLatency, k);
    }
    if (l == NULL) {
      g_string_append (s, ",,,,,,");
      continue;
    }
    g_string_append_printf (s, ",%" G_GUINT64_FORMAT, l->q.count);
    csv_cell (s, l->q.mean);
    csv_cell (s, l->q.p50);
    csv_cell (s, l->q.p95);
    csv_cell (s, l->q.p99);
    csv_cell (s, l->q.max);
  }
}

gboolean
gs_figures_value (const GsRow *row, const char *value, double *out)
{
  const GsResult *r = row->result;
  static const char *const sums[] = { "cpu", "gil_wait", "blocked", "slowed", "core_wait",
                                       NULL };
  for (guint f = 0; sums[f]; f++)
    if (strcmp (value, sums[f]) == 0) {
      double sum = 0;
      for (guint i = 0; i < r->workers->len; i++)
        sum += worker_field (&g_array_index (r->workers, GsWorker, i), f + 2);
      *out = sum;
      return TRUE;
    }
  if (!g_str_has_prefix (value, "worker_"))
    return FALSE;
  for (guint f = 0; gs_figures_worker_fields[f]; f++) {
    g_autofree char *suffix = g_strconcat ("_", gs_figures_worker_fields[f], NULL);
    if (!g_str_has_suffix (value, suffix) ||
        strlen (value) <= strlen ("worker_") + strlen (suffix))
      continue;
    g_autofree char *name = g_strndup (value + strlen ("worker_"),
                                       strlen (value) - strlen ("worker_") - strlen (suffix));
    g_autoptr (GPtrArray) keys = worker_keys (r);
    *out = NAN;
    for (guint k = 0; k < keys->len; k++)
      if (strcmp (keys->pdata[k], name) == 0)
        *out = worker_field (&g_array_index (r->workers, GsWorker, k), f);
    return TRUE;
  }
  return FALSE;
}
