/* yardstick_render.c: the yardstick of several sessions as text, Markdown or JSON. */
#include "validate/yardstick.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "results/resultset.h"
#include "validate/json_members.h"
#include "validate/stats.h"

/* How many of INTERVALS predicted intervals COVERED their measurement, and
 * their mean width: nothing when there were none. */
static void
members_coverage (JsonBuilder *b, guint intervals, guint covered, double mean_width)
{
  if (intervals == 0)
    return;
  gs_json_member_int (b, "intervals", intervals);
  gs_json_member_int (b, "covered", covered);
  gs_json_member_num (b, "coverage", (double) covered / intervals);
  gs_json_member_num (b, "mean_interval_width", mean_width);
}

/* The "sessions" member: each file with its own summary. */
static void
json_sessions (JsonBuilder *b, GPtrArray *paths, GArray *summaries)
{
  json_builder_set_member_name (b, "sessions");
  json_builder_begin_array (b);
  for (guint i = 0; i < paths->len; i++) {
    const GsValidationSummary *s = &g_array_index (summaries, GsValidationSummary, i);
    json_builder_begin_object (b);
    gs_json_member_str (b, "measurements", paths->pdata[i]);
    gs_json_member_int (b, "count", s->count);
    gs_json_member_int (b, "calibration", s->calibration);
    gs_json_member_int (b, "skipped", s->skipped);
    gs_json_member_num (b, "median_abs_error", s->median_abs_error);
    gs_json_member_num (b, "p90_abs_error", s->p90_abs_error);
    gs_json_member_num (b, "max_abs_error", s->max_abs_error);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static void
json_tables (JsonBuilder *b, const GsYardstick *y)
{
  json_builder_set_member_name (b, "configurations");
  json_builder_begin_array (b);
  for (guint i = 0; i < y->configs->len; i++) {
    const GsYardstickConfig *c = y->configs->pdata[i];
    json_builder_begin_object (b);
    gs_json_member_str (b, "case", c->case_name);
    gs_json_member_str (b, "variant", c->variant);
    gs_json_member_int (b, "n_workers", c->n_workers);
    gs_json_member_int (b, "sessions", c->sessions);
    gs_json_member_num (b, "measured_min_s", c->lo);
    gs_json_member_num (b, "measured_max_s", c->hi);
    gs_json_member_num (b, "predicted_min_s", c->pred_lo);
    gs_json_member_num (b, "predicted_max_s", c->pred_hi);
    gs_json_member_num (b, "max_outside_error", c->worst);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "families");
  json_builder_begin_array (b);
  for (guint i = 0; i < y->families->len; i++) {
    const GsYardstickFamily *f = y->families->pdata[i];
    json_builder_begin_object (b);
    gs_json_member_str (b, "case", f->case_name);
    gs_json_member_str (b, "variant", f->variant);
    gs_json_member_int (b, "predictions", f->predictions);
    gs_json_member_num (b, "mean_error", f->mean_error);
    gs_json_member_bool (b, "biased", f->biased);
    members_coverage (b, f->intervals, f->covered, f->mean_width);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static char *
render_json (const GsYardstick *y, GPtrArray *paths, GArray *summaries, const char *platform)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  gs_json_member_str (b, "platform", platform);
  json_sessions (b, paths, summaries);
  json_tables (b, y);
  json_builder_set_member_name (b, "yardstick");
  json_builder_begin_object (b);
  gs_json_member_int (b, "sessions", y->sessions);
  gs_json_member_int (b, "configurations", y->configs->len);
  gs_json_member_int (b, "predictions", y->predictions);
  gs_json_member_num (b, "p90_outside_error", y->p90);
  gs_json_member_num (b, "max_outside_error", y->max);
  gs_json_member_num (b, "median_abs_error", y->median_error);
  gs_json_member_int (b, "session_pairs", y->pairs);
  gs_json_member_num (b, "median_session_difference", y->median_difference);
  gs_json_member_num (b, "ratio", y->ratio);
  gs_json_member_int (b, "families", y->families->len);
  gs_json_member_int (b, "biased_families", y->biased);
  members_coverage (b, y->intervals, y->covered, y->mean_width);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return gs_resultset_json_text (b);
}

/* The families of Y: each one's mean signed error and, when Y has
 * predicted intervals, its coverage and mean interval width, as text or
 * Markdown. */
static void
text_families (GString *s, const GsYardstick *y, gboolean md)
{
  const gboolean cov = y->intervals > 0;
  if (md)
    g_string_append_printf (s, "\n| case | variant | predictions | mean signed error | |%s\n"
                            "|:---|:---|---:|---:|:---|%s\n",
                            cov ? " coverage | mean width |" : "", cov ? "---:|---:|" : "");
  else
    g_string_append_printf (s, "\n%-20s %-24s %11s %10s", "family", "variant",
                            "predictions", "mean_error");
  if (!md && cov)
    g_string_append_printf (s, " %8s %8s %7s", "", "coverage", "width");
  if (!md)
    g_string_append_c (s, '\n');
  for (guint i = 0; i < y->families->len; i++) {
    const GsYardstickFamily *f = y->families->pdata[i];
    const char *biased = f->biased ? "biased" : "";
    if (md)
      g_string_append_printf (s, "| %s | %s | %u | %+.1f%% | %s |", f->case_name, f->variant,
                              f->predictions, f->mean_error * 100, biased);
    else
      g_string_append_printf (s, "%-20s %-24s %11u %+9.1f%%", f->case_name, f->variant,
                              f->predictions, f->mean_error * 100);
    double pct = f->intervals ? 100.0 * f->covered / f->intervals : NAN;
    if (cov && md)
      g_string_append_printf (s, " %.0f%% (%u of %u) | %.1f%% |", pct, f->covered,
                              f->intervals, f->mean_width * 100);
    else if (cov)
      g_string_append_printf (s, " %8s %7.0f%% %6.1f%%", biased, pct, f->mean_width * 100);
    else if (!md && f->biased)
      g_string_append (s, "  biased");
    g_string_append_c (s, '\n');
  }
}

/* The lines of the sessions, the tables, as text or, when MD, Markdown. */
static void
text_tables (GString *s, const GsYardstick *y, GPtrArray *paths, GArray *summaries,
             const char *platform, gboolean md)
{
  g_string_append_printf (s, "%u sessions on %s\n%s", y->sessions, platform, md ? "\n" : "");
  for (guint i = 0; i < paths->len; i++) {
    const GsValidationSummary *m = &g_array_index (summaries, GsValidationSummary, i);
    g_string_append_printf (s, "%s%s: %u predicted, %u calibration, %u skipped; |error| "
                            "median %.1f%%, 90th percentile %.1f%%, max %.1f%%\n",
                            md ? "- " : "  ", (const char *) paths->pdata[i], m->count,
                            m->calibration, m->skipped, m->median_abs_error * 100,
                            m->p90_abs_error * 100, m->max_abs_error * 100);
  }
  if (md)
    g_string_append (s, "\n| case | variant | N | sessions | measured range [s] | "
                        "predicted [s] | outside |\n|:---|:---|---:|---:|---:|---:|---:|\n");
  else
    g_string_append_printf (s, "\n%-20s %-24s %3s %8s %17s %17s %8s\n", "case", "variant",
                            "N", "sessions", "measured_range_s", "predicted_s", "outside");
  for (guint i = 0; i < y->configs->len; i++) {
    const GsYardstickConfig *c = y->configs->pdata[i];
    g_autofree char *range = g_strdup_printf ("%.4f-%.4f", c->lo, c->hi);
    g_autofree char *pred = g_strdup_printf ("%.4f-%.4f", c->pred_lo, c->pred_hi);
    if (md)
      g_string_append_printf (s, "| %s | %s | %d | %u | %s | %s | %.1f%% |\n", c->case_name,
                              c->variant, c->n_workers, c->sessions, range, pred,
                              c->worst * 100);
    else
      g_string_append_printf (s, "%-20s %-24s %3d %8u %17s %17s %7.1f%%\n", c->case_name,
                              c->variant, c->n_workers, c->sessions, range, pred,
                              c->worst * 100);
  }
  text_families (s, y, md);
}

char *
gs_yardstick_render (const GsYardstick *y, GPtrArray *paths, GArray *summaries,
                     const char *platform, const char *format)
{
  if (strcmp (format, "json") == 0)
    return render_json (y, paths, summaries, platform);
  gboolean md = strcmp (format, "markdown") == 0;
  GString *s = g_string_new (NULL);
  text_tables (s, y, paths, summaries, platform, md);
  g_string_append_printf (s, "\nthe yardstick: %u configurations measured in two or more "
                          "sessions, %u predictions of them; the error outside the "
                          "sessions' range: 90th percentile %.1f%%, max %.1f%%; their "
                          "|error|: median %.1f%% against a median difference of %.1f%% "
                          "between two sessions of the same configuration (ratio %.2f); "
                          "%u of %u families biased beyond +-%.0f%%\n",
                          y->configs->len, y->predictions, y->p90 * 100, y->max * 100,
                          y->median_error * 100, y->median_difference * 100, y->ratio,
                          y->biased, y->families->len, GS_YARDSTICK_BIAS * 100);
  if (y->intervals)
    g_string_append_printf (s, "the predicted 90%% interval: %u of %u measured medians "
                            "inside (coverage %.1f%%), mean width %.1f%% of the "
                            "prediction\n", y->covered, y->intervals,
                            100.0 * y->covered / y->intervals, y->mean_width * 100);
  return g_string_free (s, FALSE);
}
