/* validate.c: a records file's rows, predicted, calibrated and compared. */
#include "validate/validate.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

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
  if (v->predicted_samples)
    g_array_unref (v->predicted_samples);
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
  v->predicted_p5 = v->predicted_p95 = NAN;
  /* n_workers, or run_seed.py's N; 1 when neither is a number; -1 when
   * the number is not a count */
  const char *field = isnan (gs_record_num (rec, "n_workers")) ? "N" : "n_workers";
  v->n_workers = isnan (gs_record_num (rec, field))
                     ? 1 : gs_record_count (rec, field, G_MAXINT);
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
  if (v->measured_s > GS_RECORD_MAX_SECONDS) {
    v->skipped = g_strdup ("the record's measured time is more than 1e7 s");
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
             const char *seed_dir, gboolean recalibrate_session, guint samples,
             GPtrArray **fits, GError **error)
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
  if (rows->len == 0) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s:1:1: no measurement here; give a file written by measure.py, "
                 "run_seed.py or bench/calibrate-presets.py (a JSON record a line)", path);
    return NULL;
  }
  if (fits)
    *fits = NULL;
  if (!recalibrate_session) {
    for (guint i = 0; samples > 1 && i < rows->len; i++)
      gs_prediction_sample (rows->pdata[i], jobs->pdata[i], platform, host, samples);
    return g_steal_pointer (&rows);
  }
  gboolean ok = gs_session_calibrate (rows, jobs, platform, host, samples, fits, error);
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

