/* report.c: terminal report and JSON, CSV and Markdown exports. */
#include "report.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

/* Nine significant digits: enough for any prediction, stable as text. */
static double
r9 (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.9g", x);
  return g_ascii_strtod (buf, NULL);
}

static char *
num (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.9g", x);
  return g_strdup (buf);
}

static double
speedup (const GsResult *r)
{
  return r->sequential_s > 0 && r->wall_s > 0 ? r->sequential_s / r->wall_s : 0;
}

static char *
point_label (const GsReport *rep, const GsPoint *p)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < rep->axes->len; i++) {
    const GsAxis *a = rep->axes->pdata[i];
    g_autofree char *v = gs_point_param_text (p, rep->sc, a->name);
    g_string_append_printf (s, "%s%s = %s", i ? ", " : "", a->name, v);
  }
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Terminal                                                                */

static void
terminal_point (FILE *out, const GsReport *rep, const GsPoint *p,
                gboolean show_prints)
{
  const GsResult *r = p->result;
  g_autofree char *label = point_label (rep, p);
  if (*label)
    fprintf (out, "== %s\n", label);
  if (show_prints && r->prints->len) {
    for (guint i = 0; i < r->prints->len; i++) {
      const GsPrint *pr = &g_array_index (r->prints, GsPrint, i);
      fprintf (out, "[%10.6f s] %s\n", pr->time, pr->text);
    }
    fputc ('\n', out);
  }
  g_autofree char *wall = gs_format_duration (r->wall_s);
  if (r->sequential_s > 0) {
    g_autofree char *seq = gs_format_duration (r->sequential_s);
    double sp = speedup (r);
    fprintf (out, "Predicted wall time: %s; sequential %s: %.2fx %s\n", wall, seq,
             sp >= 1 ? sp : 1 / sp, sp >= 1 ? "faster" : "slower");
  } else {
    fprintf (out, "Predicted wall time: %s\n", wall);
  }
  fprintf (out, "GIL switches: %" G_GUINT64_FORMAT "\n\n", r->gil_switches);
  fprintf (out, "%-14s %-8s %9s %9s %9s %9s %9s %8s\n", "worker", "kind",
           "start_s", "end_s", "cpu_s", "gil_wait", "blocked", "switches");
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    fprintf (out, "%-14s %-8s %9.4f %9.4f %9.4f %9.4f %9.4f %8" G_GUINT64_FORMAT "\n",
             w->name, w->kind, w->start_s, w->end_s, w->cpu_s, w->gil_wait_s,
             w->blocked_s, w->switches);
  }
}

void
gs_report_terminal (FILE *out, const GsReport *rep, gboolean show_prints)
{
  fprintf (out, "%s on %s (host %s: %d core%s)\n", rep->sc->path,
           rep->platform->path, rep->host->id, rep->host->cores,
           rep->host->cores == 1 ? "" : "s");
  for (guint i = 0; i < rep->points->len; i++) {
    const GsPoint *p = rep->points->pdata[i];
    g_autofree char *si = gs_format_duration (p->switch_interval);
    fprintf (out, "runtime %s, switch interval %s\n", p->runtime->name, si);
    if (i == 0 || rep->points->len > 1)
      fputc ('\n', out);
    terminal_point (out, rep, p, show_prints);
    if (i + 1 < rep->points->len)
      fputc ('\n', out);
  }
  if (rep->points->len > 1) {
    double fastest = G_MAXDOUBLE;
    for (guint i = 0; i < rep->points->len; i++)
      fastest = MIN (fastest, ((GsPoint *) rep->points->pdata[i])->result->wall_s);
    fprintf (out, "\nSummary\n");
    for (guint i = 0; i < rep->points->len; i++) {
      const GsPoint *p = rep->points->pdata[i];
      g_autofree char *label = point_label (rep, p);
      g_autofree char *wall = gs_format_duration (p->result->wall_s);
      fprintf (out, "  %-40s %12s  %6.2fx the fastest\n", label, wall,
               fastest > 0 ? p->result->wall_s / fastest : 0);
    }
  }
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                    */

static JsonNode *
json_point (const GsReport *rep, const GsPoint *p, double fastest)
{
  const GsResult *r = p->result;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, rep->sc->path);
  json_builder_set_member_name (b, "platform");
  json_builder_add_string_value (b, rep->platform->path);
  json_builder_set_member_name (b, "host");
  json_builder_add_string_value (b, rep->host->id);
  json_builder_set_member_name (b, "cores");
  json_builder_add_int_value (b, rep->host->cores);
  json_builder_set_member_name (b, "runtime");
  json_builder_add_string_value (b, p->runtime->name);
  json_builder_set_member_name (b, "switch_interval_s");
  json_builder_add_double_value (b, r9 (p->switch_interval));
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  for (guint i = 0; i < rep->axes->len; i++) {
    const GsAxis *a = rep->axes->pdata[i];
    g_autofree char *v = gs_point_param_text (p, rep->sc, a->name);
    json_builder_set_member_name (b, a->name);
    json_builder_add_string_value (b, v);
  }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "wall_s");
  json_builder_add_double_value (b, r9 (r->wall_s));
  json_builder_set_member_name (b, "sequential_s");
  if (r->sequential_s >= 0)
    json_builder_add_double_value (b, r9 (r->sequential_s));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "speedup");
  json_builder_add_double_value (b, r9 (speedup (r)));
  json_builder_set_member_name (b, "relative");
  json_builder_add_double_value (b, r9 (fastest > 0 ? r->wall_s / fastest : 0));
  json_builder_set_member_name (b, "gil_switches");
  json_builder_add_int_value (b, (gint64) r->gil_switches);
  json_builder_set_member_name (b, "workers");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "name");
    json_builder_add_string_value (b, w->name);
    json_builder_set_member_name (b, "kind");
    json_builder_add_string_value (b, w->kind);
    json_builder_set_member_name (b, "start_s");
    json_builder_add_double_value (b, r9 (w->start_s));
    json_builder_set_member_name (b, "end_s");
    json_builder_add_double_value (b, r9 (w->end_s));
    json_builder_set_member_name (b, "cpu_s");
    json_builder_add_double_value (b, r9 (w->cpu_s));
    json_builder_set_member_name (b, "gil_wait_s");
    json_builder_add_double_value (b, r9 (w->gil_wait_s));
    json_builder_set_member_name (b, "blocked_s");
    json_builder_add_double_value (b, r9 (w->blocked_s));
    json_builder_set_member_name (b, "switches");
    json_builder_add_int_value (b, (gint64) w->switches);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "prints");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->prints->len; i++) {
    const GsPrint *pr = &g_array_index (r->prints, GsPrint, i);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "time_s");
    json_builder_add_double_value (b, r9 (pr->time));
    json_builder_set_member_name (b, "who");
    json_builder_add_string_value (b, pr->who);
    json_builder_set_member_name (b, "text");
    json_builder_add_string_value (b, pr->text);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static double
fastest_wall (const GsReport *rep)
{
  double f = G_MAXDOUBLE;
  for (guint i = 0; i < rep->points->len; i++) {
    const GsPoint *p = rep->points->pdata[i];
    if (p->result)
      f = MIN (f, p->result->wall_s);
  }
  return f == G_MAXDOUBLE ? 0 : f;
}

static char *
render_json (const GsReport *rep)
{
  double fastest = fastest_wall (rep);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < rep->points->len; i++) {
    const GsPoint *p = rep->points->pdata[i];
    if (p->result)
      json_builder_add_value (b, json_point (rep, p, fastest));
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  char *text = json_generator_to_data (gen, NULL);
  char *with_nl = g_strconcat (text, "\n", NULL);
  g_free (text);
  return with_nl;
}

/* ---------------------------------------------------------------------- */
/* CSV and Markdown                                                        */

static void
csv_field (GString *s, const char *v)
{
  if (strpbrk (v, ",\"\n") == NULL) {
    g_string_append (s, v);
    return;
  }
  g_string_append_c (s, '"');
  for (const char *c = v; *c; c++) {
    if (*c == '"')
      g_string_append_c (s, '"');
    g_string_append_c (s, *c);
  }
  g_string_append_c (s, '"');
}

static char *
render_csv (const GsReport *rep)
{
  double fastest = fastest_wall (rep);
  GString *s = g_string_new ("scenario,platform,host,runtime,switch_interval_s,"
                             "wall_s,sequential_s,speedup,relative,gil_switches");
  for (guint i = 0; i < rep->axes->len; i++) {
    g_string_append (s, ",parameter_");
    g_string_append (s, ((GsAxis *) rep->axes->pdata[i])->name);
  }
  g_string_append_c (s, '\n');
  for (guint i = 0; i < rep->points->len; i++) {
    const GsPoint *p = rep->points->pdata[i];
    const GsResult *r = p->result;
    if (r == NULL)
      continue;
    csv_field (s, rep->sc->path);
    g_string_append_c (s, ',');
    csv_field (s, rep->platform->path);
    g_string_append_c (s, ',');
    csv_field (s, rep->host->id);
    g_string_append_c (s, ',');
    csv_field (s, p->runtime->name);
    g_autofree char *si = num (p->switch_interval);
    g_autofree char *wall = num (r->wall_s);
    g_autofree char *seq = r->sequential_s >= 0 ? num (r->sequential_s) : g_strdup ("");
    g_autofree char *sp = num (speedup (r));
    g_autofree char *rel = num (fastest > 0 ? r->wall_s / fastest : 0);
    g_string_append_printf (s, ",%s,%s,%s,%s,%s,%" G_GUINT64_FORMAT, si, wall,
                            seq, sp, rel, r->gil_switches);
    for (guint j = 0; j < rep->axes->len; j++) {
      g_autofree char *v = gs_point_param_text (p, rep->sc,
                                                ((GsAxis *) rep->axes->pdata[j])->name);
      g_string_append_c (s, ',');
      csv_field (s, v);
    }
    g_string_append_c (s, '\n');
  }
  return g_string_free (s, FALSE);
}

static char *
render_markdown (const GsReport *rep)
{
  double fastest = fastest_wall (rep);
  GString *s = g_string_new ("|");
  for (guint i = 0; i < rep->axes->len; i++)
    g_string_append_printf (s, " %s |", ((GsAxis *) rep->axes->pdata[i])->name);
  g_string_append (s, " runtime | wall [s] | sequential [s] | speedup | relative |\n|");
  for (guint i = 0; i < rep->axes->len + 5; i++)
    g_string_append (s, i < rep->axes->len + 1 ? ":---|" : "---:|");
  g_string_append_c (s, '\n');
  for (guint i = 0; i < rep->points->len; i++) {
    const GsPoint *p = rep->points->pdata[i];
    const GsResult *r = p->result;
    if (r == NULL)
      continue;
    g_string_append_c (s, '|');
    for (guint j = 0; j < rep->axes->len; j++) {
      g_autofree char *v = gs_point_param_text (p, rep->sc,
                                                ((GsAxis *) rep->axes->pdata[j])->name);
      g_string_append_printf (s, " %s |", v);
    }
    g_string_append_printf (s, " %s | %.4f | ", p->runtime->name, r->wall_s);
    if (r->sequential_s >= 0)
      g_string_append_printf (s, "%.4f | %.2f |", r->sequential_s, speedup (r));
    else
      g_string_append (s, " | |");
    g_string_append_printf (s, " %.2f |\n", fastest > 0 ? r->wall_s / fastest : 0);
  }
  return g_string_free (s, FALSE);
}

char *
gs_report_render (const GsReport *rep, const char *format)
{
  if (strcmp (format, "json") == 0)
    return render_json (rep);
  if (strcmp (format, "csv") == 0)
    return render_csv (rep);
  g_return_val_if_fail (strcmp (format, "markdown") == 0, NULL);
  return render_markdown (rep);
}

gboolean
gs_report_export (const GsReport *rep, const char *format, const char *path,
                  GError **error)
{
  g_autofree char *text = gs_report_render (rep, format);
  if (strcmp (path, "-") == 0) {
    fputs (text, stdout);
    fflush (stdout);
    return TRUE;
  }
  if (!g_file_set_contents (path, text, -1, error)) {
    g_prefix_error (error, "--export-%s: ", format);
    return FALSE;
  }
  return TRUE;
}
