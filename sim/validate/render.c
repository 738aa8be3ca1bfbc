/* render.c: a validation's rows as a text table, Markdown or JSON. */
#include "validate/validate.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "results/resultset.h"
#include "validate/calibrate.h"
#include "validate/json_members.h"
#include "validate/record.h"
#include "validate/stats.h"

/* Row V as a JSON object, with other_measured_s when comparing. */
static void
json_row (JsonBuilder *b, const GsValidation *v, const char *other_path)
{
  json_builder_begin_object (b);
  gs_json_member_str (b, "case", v->case_name);
  gs_json_member_str (b, "variant", v->variant);
  gs_json_member_int (b, "n_workers", v->n_workers);
  gs_json_member_num (b, "measured_s", v->measured_s);
  gs_json_member_num (b, "measured_min_s", v->measured_min_s);
  gs_json_member_num (b, "measured_max_s", v->measured_max_s);
  gs_json_member_num (b, "predicted_s", v->skipped ? NAN : v->predicted_s);
  gs_json_member_num (b, "error", v->skipped ? NAN : v->error);
  gs_json_member_num (b, "loop_scale", v->loop_scale);
  if (!isnan (v->predicted_p5) && !isnan (v->predicted_p95)) {
    gs_json_member_num (b, "predicted_p5_s", v->predicted_p5);
    gs_json_member_num (b, "predicted_p95_s", v->predicted_p95);
  }
  if (v->predicted_samples) {
    json_builder_set_member_name (b, "predicted_samples_s");
    json_builder_begin_array (b);
    for (guint k = 0; k < v->predicted_samples->len; k++)
      json_builder_add_double_value (
          b, gs_stats_round6 (g_array_index (v->predicted_samples, double, k)));
    json_builder_end_array (b);
  }
  if (other_path)
    gs_json_member_num (b, "other_measured_s", v->other_s > 0 ? v->other_s : NAN);
  gs_json_member_bool (b, "calibration", v->calibration);
  if (v->skipped)
    gs_json_member_str (b, "skipped", v->skipped);
  json_builder_end_object (b);
}

/* The "session_values" member: FITS (NULL allowed). */
static void
json_session_values (JsonBuilder *b, GPtrArray *fits)
{
  json_builder_set_member_name (b, "session_values");
  json_builder_begin_array (b);
  for (guint i = 0; fits && i < fits->len; i++) {
    const GsFit *f = fits->pdata[i];
    json_builder_begin_object (b);
    g_autofree char *name = strcmp (f->attr, "value") == 0
                                ? g_strdup (f->id)
                                : g_strdup_printf ("%s %s %s", f->element, f->id, f->attr);
    gs_json_member_str (b, "property", name);
    g_autofree char *value = gs_calibrate_fit_value_text (f);
    gs_json_member_str (b, "value", value);
    gs_json_member_int (b, "records", f->records);
    gs_json_member_str (b, "source", f->source);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

/* The "summary" member of ROWS, with the session's values FITS in it. */
static void
json_summary (JsonBuilder *b, GPtrArray *rows, GPtrArray *fits, const char *other_path)
{
  GsValidationSummary s = gs_stats_summarize (rows);
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  gs_json_member_int (b, "count", s.count);
  gs_json_member_int (b, "skipped", s.skipped);
  gs_json_member_int (b, "calibration", s.calibration);
  gs_json_member_num (b, "median_abs_error", s.median_abs_error);
  gs_json_member_num (b, "p90_abs_error", s.p90_abs_error);
  gs_json_member_num (b, "max_abs_error", s.max_abs_error);
  gs_json_member_int (b, "within_runs", s.within_runs);
  gs_json_member_int (b, "superseded", s.superseded);
  gs_json_member_num (b, "worker_loop_scale", s.worker_scale);
  gs_json_member_num (b, "main_thread_loop_scale", s.main_scale);
  if (s.intervals) {
    gs_json_member_int (b, "intervals", s.intervals);
    gs_json_member_int (b, "covered", s.covered);
    gs_json_member_num (b, "mean_interval_width", s.mean_width);
  }
  if (other_path) {
    json_builder_set_member_name (b, "compared");
    json_builder_begin_object (b);
    gs_json_member_str (b, "measurements", other_path);
    gs_json_member_int (b, "count", s.compared);
    gs_json_member_num (b, "measured_median_abs_difference", s.other_median);
    gs_json_member_num (b, "measured_p90_abs_difference", s.other_p90);
    gs_json_member_num (b, "measured_max_abs_difference", s.other_max);
    gs_json_member_num (b, "predicted_median_abs_error", s.same_median);
    gs_json_member_num (b, "predicted_p90_abs_error", s.same_p90);
    gs_json_member_num (b, "predicted_max_abs_error", s.same_max);
    json_builder_end_object (b);
  }
  json_session_values (b, fits);
  json_builder_end_object (b);
}

static char *
render_json (GPtrArray *rows, GPtrArray *fits, const char *path, const GsPlatform *platform,
             const char *other_path)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  gs_json_member_str (b, "measurements", path);
  gs_json_member_str (b, "platform", platform->path);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    json_row (b, rows->pdata[i], other_path);
  json_builder_end_array (b);
  json_summary (b, rows, fits, other_path);
  json_builder_end_object (b);
  return gs_resultset_json_text (b);
}

/* Row V as a line of the text table, or of the Markdown one when MD. */
static void
text_row (GString *s, const GsValidation *v, gboolean md)
{
  /* a skipped record's absurd times (1e308 s) in a few characters */
  gboolean runs_ok = fabs (v->measured_min_s) < GS_RECORD_MAX_SECONDS &&
                     fabs (v->measured_max_s) < GS_RECORD_MAX_SECONDS;
  g_autofree char *runs = isnan (v->measured_min_s) || isnan (v->measured_max_s)
                              ? g_strdup ("")
                              : runs_ok ? g_strdup_printf ("%.4f-%.4f", v->measured_min_s,
                                                           v->measured_max_s)
                              : g_strdup_printf ("%.4g-%.4g", v->measured_min_s,
                                                 v->measured_max_s);
  g_autofree char *measured = isnan (v->measured_s) ? g_strdup ("")
                              : fabs (v->measured_s) < GS_RECORD_MAX_SECONDS
                              ? g_strdup_printf ("%.4f", v->measured_s)
                              : g_strdup_printf ("%.4g", v->measured_s);
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

/* The lines under the table: the summary of ROWS, the session's values
 * FITS (NULL allowed), the comparison with OTHER_PATH (NULL: none). */
static void
text_summary (GString *s, GPtrArray *rows, GPtrArray *fits, const char *other_path)
{
  GsValidationSummary sum = gs_stats_summarize (rows);
  g_string_append_printf (s, "\n%u predicted, %u calibration, %u skipped; "
                          "|error| of the predicted: median %.1f%%, 90th "
                          "percentile %.1f%%, max %.1f%%; %u of %u between the "
                          "fastest and the slowest run\n", sum.count,
                          sum.calibration, sum.skipped, sum.median_abs_error * 100,
                          sum.p90_abs_error * 100, sum.max_abs_error * 100,
                          sum.within_runs, sum.count);
  if (sum.intervals)
    g_string_append_printf (s, "the predicted 90%% interval: %u of %u measured medians "
                            "inside (coverage %.1f%%), mean width %.1f%% of the "
                            "prediction\n", sum.covered, sum.intervals,
                            100.0 * sum.covered / sum.intervals, sum.mean_width * 100);
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
  for (guint i = 0; i < rows->len; i++)
    text_row (s, rows->pdata[i], md);
  text_summary (s, rows, fits, other_path);
  return g_string_free (s, FALSE);
}
