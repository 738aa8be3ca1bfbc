/* validate.c: a records file's rows, predicted, calibrated and compared. */
#include "validate/validate.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "results/resultset.h"
#include "validate/calibrate.h"
#include "validate/cases.h"
#include "validate/prediction.h"
#include "validate/record.h"
#include "validate/session.h"

void
gs_validation_free (GsValidation *v)
{
  if (v == NULL)
    return;
  g_free (v->case_name);
  g_free (v->variant);
  g_free (v->skipped);
  g_free (v->scenario);
  g_free (v->config);
  g_free (v);
}

/* ---------------------------------------------------------------------- */
/* Records to rows                                                         */

/* Fills row V of record REC, of case C, with what was measured, and its
 * prediction JOB with the runs' times; nothing predicted yet. */
static void
fill_row (GsValidation *v, GsPrediction *job, JsonObject *rec, const char *c)
{
  v->case_name = g_strdup (c);
  v->variant = g_strdup (gs_record_str (rec, "variant") ? gs_record_str (rec, "variant") : "");
  v->config = gs_record_config (rec);
  v->other_s = NAN;
  double nw = gs_record_num (rec, "n_workers");
  if (isnan (nw))
    nw = gs_record_num (rec, "N");
  v->n_workers = isnan (nw) ? 1 : (int) nw;
  v->measured_s = gs_record_median (rec);
  v->measured_min_s = gs_record_num (rec, "wall_seconds_min");
  if (isnan (v->measured_min_s))
    v->measured_min_s = gs_record_num (rec, "min_s");
  v->measured_max_s = gs_record_num (rec, "wall_seconds_max");
  if (isnan (v->measured_max_s))
    v->measured_max_s = gs_record_num (rec, "max_s");
  v->predicted_s = -1;
  job->runs = g_array_new (FALSE, FALSE, sizeof (double));
  job->main_only = g_strcmp0 (gs_record_str (rec, "kind"), "main") == 0;
  v->main_thread = job->main_only;
  JsonNode *all = json_object_get_member (rec, "wall_seconds_all");
  if (all == NULL)
    all = json_object_get_member (rec, "runs");  /* run_seed.py's */
  if (all && JSON_NODE_HOLDS_ARRAY (all)) {
    JsonArray *a = json_node_get_array (all);
    for (guint k = 0; k < json_array_get_length (a); k++) {
      JsonNode *e = json_array_get_element (a, k);
      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) != G_TYPE_STRING) {
        double x = json_node_get_double (e);
        if (x > 0)
          g_array_append_val (job->runs, x);
      }
    }
  }
}

/* Whether the record REC of row V says it has nothing to predict (the
 * harness skipped it, or it has no time); then V->skipped says why. */
static gboolean
skipped_by_record (GsValidation *v, JsonObject *rec)
{
  JsonNode *sk = json_object_get_member (rec, "skipped");
  if (sk && JSON_NODE_HOLDS_VALUE (sk) && json_node_get_boolean (sk)) {
    const char *why = gs_record_str (rec, "error");
    v->skipped = g_strdup_printf ("skipped by the harness: %s", why ? why : "no reason given");
    return TRUE;
  }
  if (isnan (v->measured_s) || v->measured_s <= 0) {
    v->skipped = g_strdup ("the record has no measured time");
    return TRUE;
  }
  return FALSE;
}

/* Writes the scenario of row V from its record ROOT (at WHERE, "FILE:LINE")
 * on HOST, with the seed scenarios of SEED_DIR and FILE_VERSION, the
 * Python version of run_seed.py's files.  Returns FALSE with V->skipped
 * set when the record cannot be modelled. */
static gboolean
build_row (GsValidation *v, GsPrediction *job, JsonNode *root, const char *where,
           const char *seed_dir, const GsHost *host, const char *file_version)
{
  JsonObject *rec = json_node_get_object (root);
  const char *version = gs_record_str (gs_record_obj (rec, "env"), "python_version");
  GsCaseBuild b = { .text = g_string_new (NULL), .seed_dir = seed_dir,
                    .disk = host->disks->len ? ((GsDisk *) host->disks->pdata[0])->id
                                             : NULL };
  job->runtime = gs_cases_runtime (version ? version : file_version);
  gs_cases_build (&b, rec, job->runtime);
  if (b.skip) {
    v->skipped = b.skip;
    g_string_free (b.text, TRUE);
    return FALSE;
  }
  job->is_file = b.seed_file != NULL;
  job->built = TRUE;
  job->rec = json_node_copy (root);
  job->where = g_strdup (where);
  job->name = b.seed_file ? b.seed_file : g_strdup (where);
  job->n_value = b.seed_file ? g_strdup_printf ("%d", b.seed_n) : NULL;
  v->scenario = b.seed_file ? g_strdup (b.seed_file) : g_string_free (b.text, FALSE);
  if (b.seed_file)
    g_string_free (b.text, TRUE);
  return TRUE;
}

GPtrArray *
gs_validate (const char *path, const GsPlatform *platform, const GsHost *host,
             const char *seed_dir, gboolean recalibrate_session, GPtrArray **fits,
             GError **error)
{
  g_autoptr (GPtrArray) records = gs_record_read_file (path, error);
  if (records == NULL)
    return NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_validation_free);
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_prediction_free);
  const char *file_version = NULL;
  for (guint ri = 0; ri < records->len; ri++) {
    const GsRecord *r = records->pdata[ri];
    const guint cl = r->line - 1;
    JsonNode *root = r->root;
    if (!JSON_NODE_HOLDS_OBJECT (root)) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s:%u:1: a record must be a JSON object", path, cl + 1);
      return NULL;
    }
    JsonObject *rec = json_node_get_object (root);
    const char *c = gs_record_str (rec, "case");
    if (c == NULL) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s:%u:1: a record without \"case\"", path, cl + 1);
      return NULL;
    }
    if (strcmp (c, "_meta") == 0) {
      /* run_seed.py's interpreter version, for its records (RECORDS keeps it) */
      file_version = gs_record_str (rec, "python");
      continue;
    }
    if (c[0] == '_')
      continue;  /* _summary: not a measurement */

    GsValidation *v = g_new0 (GsValidation, 1);
    GsPrediction *job = g_new0 (GsPrediction, 1);
    g_ptr_array_add (rows, v);
    v->superseded = r->superseded;
    g_ptr_array_add (jobs, job);
    fill_row (v, job, rec, c);
    if (skipped_by_record (v, rec))
      continue;
    g_autofree char *where = g_strdup_printf ("%s:%u", path, cl + 1);
    if (!build_row (v, job, root, where, seed_dir, host, file_version))
      continue;
    gs_prediction_run (v, job, platform, host, 1.0);
  }
  if (fits)
    *fits = NULL;
  if (!recalibrate_session)
    return g_steal_pointer (&rows);
  gboolean ok = gs_session_calibrate (rows, jobs, platform, host, fits, error);
  return ok ? g_steal_pointer (&rows) : NULL;
}

/* ---------------------------------------------------------------------- */
/* Another session's measurements                                          */

gboolean
gs_validation_compare (GPtrArray *rows, const char *other_path, GError **error)
{
  g_autoptr (GPtrArray) records = gs_record_read_file (other_path, error);
  if (records == NULL)
    return FALSE;
  g_autoptr (GHashTable) medians = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  for (guint ri = 0; ri < records->len; ri++) {
    JsonNode *root = ((const GsRecord *) records->pdata[ri])->root;
    if (!JSON_NODE_HOLDS_OBJECT (root))
      continue;
    JsonObject *rec = json_node_get_object (root);
    const char *c = gs_record_str (rec, "case");
    double m = gs_record_median (rec);
    if (c == NULL || c[0] == '_' || !(m > 0))
      continue;
    g_hash_table_insert (medians, gs_record_config (rec), g_memdup2 (&m, sizeof m));
  }
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    const double *m = g_hash_table_lookup (medians, v->config);
    v->other_s = m ? *m : NAN;
  }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Summaries and reports                                                   */

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The P-th percentile (0..1) of sorted V, interpolated linearly. */
static double
percentile (const double *v, guint n, double p)
{
  if (n == 0)
    return 0;
  double pos = p * (n - 1);
  guint lo = (guint) floor (pos);
  guint hi = MIN (lo + 1, n - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

/* Sorts V and sets its median, 90th percentile and maximum (0 if empty). */
static void
stats_of (GArray *v, double *median, double *p90, double *max)
{
  g_array_sort (v, cmp_double);
  const double *d = (const double *) v->data;
  *median = percentile (d, v->len, 0.5);
  *p90 = percentile (d, v->len, 0.9);
  *max = v->len ? d[v->len - 1] : 0;
}

GsValidationSummary
gs_validation_summarize (GPtrArray *rows)
{
  GsValidationSummary s = { 0 };
  s.worker_scale = s.main_scale = 1;
  for (guint i = 0; i < rows->len; i++) {
    const GsValidation *v = rows->pdata[i];
    if (!v->skipped && v->main_thread)
      s.main_scale = v->loop_scale;
    else if (!v->skipped)
      s.worker_scale = v->loop_scale;
  }
  g_autoptr (GArray) errs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) others = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) same = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    if (v->skipped) {
      s.skipped++;
      continue;
    }
    if (v->calibration) {
      s.calibration++;
      continue;
    }
    double e = fabs (v->error);
    g_array_append_val (errs, e);
    if (v->predicted_s >= v->measured_min_s && v->predicted_s <= v->measured_max_s)
      s.within_runs++;
    if (v->other_s > 0) {
      double o = fabs (v->measured_s / v->other_s - 1);
      g_array_append_val (others, o);
      g_array_append_val (same, e);
    }
  }
  for (guint i = 0; i < rows->len; i++)
    s.superseded += ((GsValidation *) rows->pdata[i])->superseded;
  s.count = errs->len;
  stats_of (errs, &s.median_abs_error, &s.p90_abs_error, &s.max_abs_error);
  s.compared = others->len;
  stats_of (others, &s.other_median, &s.other_p90, &s.other_max);
  stats_of (same, &s.same_median, &s.same_p90, &s.same_max);
  return s;
}

static double
r6 (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.6g", x);
  return g_ascii_strtod (buf, NULL);
}

/* X rounded (gs_resultset_json_text writes a NaN as null). */
static void
add_number (JsonBuilder *b, double x)
{
  json_builder_add_double_value (b, r6 (x));
}

static char *
render_json (GPtrArray *rows, GPtrArray *fits, const char *path, const GsPlatform *platform,
             const char *other_path)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "measurements");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "platform");
  json_builder_add_string_value (b, platform->path);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "case");
    json_builder_add_string_value (b, v->case_name);
    json_builder_set_member_name (b, "variant");
    json_builder_add_string_value (b, v->variant);
    json_builder_set_member_name (b, "n_workers");
    json_builder_add_int_value (b, v->n_workers);
    json_builder_set_member_name (b, "measured_s");
    add_number (b, v->measured_s);
    json_builder_set_member_name (b, "measured_min_s");
    add_number (b, v->measured_min_s);
    json_builder_set_member_name (b, "measured_max_s");
    add_number (b, v->measured_max_s);
    json_builder_set_member_name (b, "predicted_s");
    if (v->skipped)
      json_builder_add_null_value (b);
    else
      add_number (b, v->predicted_s);
    json_builder_set_member_name (b, "error");
    if (v->skipped)
      json_builder_add_null_value (b);
    else
      add_number (b, v->error);
    json_builder_set_member_name (b, "loop_scale");
    add_number (b, v->loop_scale);
    if (other_path) {
      json_builder_set_member_name (b, "other_measured_s");
      if (v->other_s > 0)
        add_number (b, v->other_s);
      else
        json_builder_add_null_value (b);
    }
    json_builder_set_member_name (b, "calibration");
    json_builder_add_boolean_value (b, v->calibration);
    if (v->skipped) {
      json_builder_set_member_name (b, "skipped");
      json_builder_add_string_value (b, v->skipped);
    }
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  GsValidationSummary s = gs_validation_summarize (rows);
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, s.count);
  json_builder_set_member_name (b, "skipped");
  json_builder_add_int_value (b, s.skipped);
  json_builder_set_member_name (b, "calibration");
  json_builder_add_int_value (b, s.calibration);
  json_builder_set_member_name (b, "median_abs_error");
  add_number (b, s.median_abs_error);
  json_builder_set_member_name (b, "p90_abs_error");
  add_number (b, s.p90_abs_error);
  json_builder_set_member_name (b, "max_abs_error");
  add_number (b, s.max_abs_error);
  json_builder_set_member_name (b, "within_runs");
  json_builder_add_int_value (b, s.within_runs);
  json_builder_set_member_name (b, "superseded");
  json_builder_add_int_value (b, s.superseded);
  json_builder_set_member_name (b, "worker_loop_scale");
  add_number (b, s.worker_scale);
  json_builder_set_member_name (b, "main_thread_loop_scale");
  add_number (b, s.main_scale);
  if (other_path) {
    json_builder_set_member_name (b, "compared");
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "measurements");
    json_builder_add_string_value (b, other_path);
    json_builder_set_member_name (b, "count");
    json_builder_add_int_value (b, s.compared);
    json_builder_set_member_name (b, "measured_median_abs_difference");
    add_number (b, s.other_median);
    json_builder_set_member_name (b, "measured_p90_abs_difference");
    add_number (b, s.other_p90);
    json_builder_set_member_name (b, "measured_max_abs_difference");
    add_number (b, s.other_max);
    json_builder_set_member_name (b, "predicted_median_abs_error");
    add_number (b, s.same_median);
    json_builder_set_member_name (b, "predicted_p90_abs_error");
    add_number (b, s.same_p90);
    json_builder_set_member_name (b, "predicted_max_abs_error");
    add_number (b, s.same_max);
    json_builder_end_object (b);
  }
  json_builder_set_member_name (b, "session_values");
  json_builder_begin_array (b);
  for (guint i = 0; fits && i < fits->len; i++) {
    const GsFit *f = fits->pdata[i];
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "property");
    g_autofree char *name = strcmp (f->attr, "value") == 0
                                ? g_strdup (f->id)
                                : g_strdup_printf ("%s %s %s", f->element, f->id, f->attr);
    json_builder_add_string_value (b, name);
    g_autofree char *value = gs_calibrate_fit_value_text (f);
    json_builder_set_member_name (b, "value");
    json_builder_add_string_value (b, value);
    json_builder_set_member_name (b, "records");
    json_builder_add_int_value (b, f->records);
    json_builder_set_member_name (b, "source");
    json_builder_add_string_value (b, f->source);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return gs_resultset_json_text (b);
}

char *
gs_validation_render (GPtrArray *rows, GPtrArray *fits, const char *format,
                      const char *path, const GsPlatform *platform,
                      const char *other_path)
{
  if (strcmp (format, "json") == 0)
    return render_json (rows, fits, path, platform, other_path);
  gboolean md = strcmp (format, "markdown") == 0;
  GString *s = g_string_new (NULL);
  if (md)
    g_string_append (s, "| case | variant | N | measured [s] | runs [s] | predicted [s] | error |\n"
                        "|:---|:---|---:|---:|---:|---:|---:|\n");
  else
    g_string_append_printf (s, "%-20s %-24s %3s %12s %15s %12s %8s\n", "case", "variant",
                            "N", "measured_s", "runs_s", "predicted_s", "error");
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    g_autofree char *runs = isnan (v->measured_min_s) || isnan (v->measured_max_s)
                                ? g_strdup ("")
                                : g_strdup_printf ("%.4f-%.4f", v->measured_min_s,
                                                   v->measured_max_s);
    g_autofree char *measured = isnan (v->measured_s) ? g_strdup ("")
                                : g_strdup_printf ("%.4f", v->measured_s);
    if (md && v->skipped)
      g_string_append_printf (s, "| %s | %s | %d | %s | %s | skipped: %s | |\n",
                              v->case_name, v->variant, v->n_workers, measured,
                              runs, v->skipped);
    else if (md)
      g_string_append_printf (s, "| %s | %s | %d | %.4f | %s | %.4f | %+.1f%%%s |\n",
                              v->case_name, v->variant, v->n_workers, v->measured_s,
                              runs, v->predicted_s, v->error * 100,
                              v->calibration ? " (calibration)" : "");
    else if (v->skipped)
      g_string_append_printf (s, "%-20s %-24s %3d %12s %15s  skipped: %s\n", v->case_name,
                              v->variant, v->n_workers, measured, runs, v->skipped);
    else
      g_string_append_printf (s, "%-20s %-24s %3d %12.4f %15s %12.4f %+7.1f%%%s\n",
                              v->case_name, v->variant, v->n_workers, v->measured_s,
                              runs, v->predicted_s, v->error * 100,
                              v->calibration ? "  calibration" : "");
  }
  GsValidationSummary sum = gs_validation_summarize (rows);
  g_string_append_printf (s, "\n%u predicted, %u calibration, %u skipped; "
                          "|error| of the predicted: median %.1f%%, 90th "
                          "percentile %.1f%%, max %.1f%%; %u of %u between the "
                          "fastest and the slowest run\n", sum.count,
                          sum.calibration, sum.skipped, sum.median_abs_error * 100,
                          sum.p90_abs_error * 100, sum.max_abs_error * 100,
                          sum.within_runs, sum.count);
  if (sum.worker_scale != 1 || sum.main_scale != 1)
    g_string_append_printf (s, "the session's loop speed: the platform's python.loop "
                            "times %.3f in workers, %.3f in the main thread\n",
                            sum.worker_scale, sum.main_scale);
  g_autoptr (GString) costs = g_string_new (NULL);
  for (guint i = 0; fits && i < fits->len; i++) {
    const GsFit *f = fits->pdata[i];
    if (f->dim == GS_DIM_STRING || strcmp (f->id, "python.loop") == 0)
      continue;  /* said by the loop speed's line */
    g_autofree char *value = gs_calibrate_fit_value_text (f);
    gboolean prop = strcmp (f->attr, "value") == 0;
    g_string_append_printf (costs, "%s%s%s%s%s = %s", costs->len ? ", " : "",
                            prop ? "" : "disk ", f->id, prop ? "" : " ",
                            prop ? "" : f->attr, value);
  }
  if (costs->len)
    g_string_append_printf (s, "the session's costs, from its single-worker records: "
                            "%s\n", costs->str);
  if (other_path)
    g_string_append_printf (s, "against %s: %u of the predicted configurations measured "
                            "there too; the two measurements differ by a median of "
                            "%.1f%%, 90th percentile %.1f%%, max %.1f%%; the predictions' "
                            "|error| on the same ones: median %.1f%%, 90th percentile "
                            "%.1f%%, max %.1f%%\n", other_path, sum.compared,
                            sum.other_median * 100, sum.other_p90 * 100, sum.other_max * 100,
                            sum.same_median * 100, sum.same_p90 * 100, sum.same_max * 100);
  if (sum.superseded)
    g_string_append_printf (s, "%u record(s) left out for another of the same "
                            "configuration (measure.py measures disturbed ones "
                            "again; the least disturbed one with a time stands "
                            "for them)\n", sum.superseded);
  return g_string_free (s, FALSE);
}
