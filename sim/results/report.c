/* report.c: terminal report, exports, two-way tables, output folders. */
#include "results/report.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "gilsim-config.h"
#include "results/figures.h"
#include "results/spread.h"
#include "util/savefile.h"
#include "results/sweeptable.h"
#include "results/why.h"
#include "util/text.h"

static char *
num (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.9g", x);
  return g_strdup (buf);
}

/* wall / reference wall, or NAN without a reference. */
static double
relative (const GsRow *row, const GsRow *ref)
{
  return ref && ref->result->wall_s > 0 ? row->result->wall_s / ref->result->wall_s
                                        : NAN;
}

/* The names of the swept parameters (those of the first row). */
static GPtrArray *
param_names (const GsResultSet *set)
{
  static GPtrArray *none;
  if (set->rows->len)
    return ((GsRow *) set->rows->pdata[0])->names;
  if (none == NULL)
    none = g_ptr_array_new ();
  return none;
}

static gboolean
is_swept (const GsResultSet *set, const char *name)
{
  GPtrArray *names = param_names (set);
  for (guint i = 0; i < names->len; i++)
    if (strcmp (names->pdata[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Terminal                                                                */

static void
terminal_row (FILE *out, const GsRow *row, gboolean show_prints)
{
  const GsResult *r = row->result;
  if (row->names->len) {
    g_autofree char *label = gs_resultset_row_label (row);
    fprintf (out, "== %s\n", label);
  }
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
    double sp = gs_resultset_row_speedup (row);
    fprintf (out, "Predicted wall time: %s; sequential %s: %.2fx %s\n", wall, seq,
             sp >= 1 ? sp : 1 / sp, sp >= 1 ? "faster" : "slower");
  } else {
    fprintf (out, "Predicted wall time: %s\n", wall);
  }
  if (r->samples) {
    g_autofree char *spread = gs_spread_text (r);
    fprintf (out, "Drawn samples: %s; the figures below are the median sample's\n", spread);
  }
  fprintf (out, "GIL switches: %" G_GUINT64_FORMAT "\n\n", r->gil_switches);
  /* long names (ForkPoolWorker-12) widen the column for every row */
  int name_w = 14, kind_w = 8;
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    name_w = MAX (name_w, (int) strlen (w->name));
    kind_w = MAX (kind_w, (int) strlen (w->kind));
  }
  /* a column for what slow virtual CPUs added, on a host that has them,
   * and one for the time without a full core, where there was some */
  gboolean slowed = FALSE, core = FALSE;
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    slowed |= fabs (w->slowed_s) >= GS_RESULT_SLOWED_SHOWN;
    core |= w->core_wait_s >= GS_RESULT_CORE_WAIT_SHOWN;
  }
  fprintf (out, "%-*s %-*s %9s %9s %9s %9s %9s %8s%s%s\n", name_w, "worker", kind_w,
           "kind", "start_s", "end_s", "cpu_s", "gil_wait", "blocked", "switches",
           slowed ? "  slow_cpu" : "", core ? " core_wait" : "");
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    fprintf (out, "%-*s %-*s %9.4f %9.4f %9.4f %9.4f %9.4f %8" G_GUINT64_FORMAT,
             name_w, w->name, kind_w, w->kind, w->start_s, w->end_s, w->cpu_s,
             w->gil_wait_s, w->blocked_s, w->switches);
    if (slowed)
      fprintf (out, " %+9.4f", w->slowed_s);
    if (core)
      fprintf (out, " %9.4f", w->core_wait_s);
    fputc ('\n', out);
  }
  if (slowed)
    fputs ("(slow_cpu: what slow virtual CPUs added to the worker's work, in "
           "seconds, against the platform's mean speed)\n", out);
  if (core)
    fputs ("(core_wait: runnable, but without a full core of its own: more "
           "running\nthreads than cores, a core shared with an SMT sibling, an "
           "efficiency core,\na lower clock, waiters' wake-ups, memory bandwidth)\n", out);
  gs_figures_print_waits (out, r, name_w);
  gs_figures_print_overheads (out, r, name_w);
  gs_figures_print_latency (out, r);
  g_autofree char *why = gs_why_point (row);
  if (*why)
    fprintf (out, "\n%s", why);
}

/* "SCENARIO on PLATFORM (host H: C cores)", cores left out when swept;
 * "SCENARIO on several machines" when the platform or host is swept. */
static char *
header (const GsResultSet *set)
{
  const GsRow *first = set->rows->pdata[0];
  if (is_swept (set, "platform") || is_swept (set, "host"))
    return g_strdup_printf ("%s on several machines (see the table)", first->scenario);
  if (is_swept (set, "cores"))
    return g_strdup_printf ("%s on %s (host %s)", first->scenario, first->platform,
                            first->host);
  return g_strdup_printf ("%s on %s (host %s: %d core%s)", first->scenario,
                          first->platform, first->host, first->cores,
                          first->cores == 1 ? "" : "s");
}

/* A sweep in a few lines: the compact table, the sweep's why. */
static void
terminal_compact (FILE *out, const GsResultSet *set)
{
  const GsRow *first = set->rows->pdata[0];
  g_autofree char *si = gs_format_duration (first->switch_interval);
  gboolean rt = !is_swept (set, "runtime"), sw = !is_swept (set, "switch_interval");
  if (rt && sw)
    fprintf (out, "runtime %s, switch interval %s\n", first->runtime, si);
  else if (rt || sw)
    fprintf (out, rt ? "runtime %s\n" : "switch interval %s\n", rt ? first->runtime : si);
  fputc ('\n', out);
  gs_sweeptable_print (out, set);
  g_autofree char *why = gs_why_sweep (set);
  if (*why)
    fprintf (out, "\n%s", why);
}

void
gs_report_terminal (FILE *out, const GsResultSet *set, gboolean show_prints,
                    gboolean verbose)
{
  if (set->rows->len == 0)
    return;
  g_autofree char *head = header (set);
  fprintf (out, "%s\n", head);
  if (set->rows->len > 1 && !verbose) {
    terminal_compact (out, set);
    g_autofree char *summary = gs_report_summary (set, 20);
    if (*summary)
      fprintf (out, "\n%s", summary);
    return;
  }
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    g_autofree char *si = gs_format_duration (row->switch_interval);
    fprintf (out, "runtime %s, switch interval %s\n", row->runtime, si);
    if (i == 0 || set->rows->len > 1)
      fputc ('\n', out);
    terminal_row (out, row, show_prints);
    if (i + 1 < set->rows->len)
      fputc ('\n', out);
  }
  g_autofree char *summary = gs_report_summary (set, 20);
  if (*summary)
    fprintf (out, "\n%s", summary);
}

/* "3.02 times faster than 'B'" for REF against ROW. */
static void
compare (GString *s, const GsRow *ref, const GsRow *row)
{
  g_autofree char *label = gs_resultset_row_label (row);
  double ratio = ref->result->wall_s > 0 ? row->result->wall_s / ref->result->wall_s : 0;
  if (ratio >= 1 || ratio <= 0)
    g_string_append_printf (s, "%.2f times faster than '%s'", ratio, label);
  else
    g_string_append_printf (s, "%.2f times slower than '%s'", 1 / ratio, label);
}

char *
gs_report_summary (const GsResultSet *set, guint max_lines)
{
  if (set->rows->len < 2)
    return g_strdup ("");
  const GsRow *ref = gs_resultset_reference (set);
  GString *s = g_string_new ("Summary\n");
  if (ref == NULL) {
    g_string_append (s, "  the reference point is not among these results\n");
    return g_string_free (s, FALSE);
  }
  g_autofree char *label = gs_resultset_row_label (ref);
  if (set->rows->len == 2) {
    const GsRow *other = set->rows->pdata[set->rows->pdata[0] == ref ? 1 : 0];
    g_string_append_printf (s, "  '%s' ran ", label);
    compare (s, ref, other);
    g_string_append_c (s, '\n');
    return g_string_free (s, FALSE);
  }
  g_string_append_printf (s, "  '%s' ran\n", label);
  guint shown = 0;
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    if (row == ref)
      continue;
    if (shown == max_lines) {
      g_string_append_printf (s, "    ... and %u more (see the exports)\n",
                              set->rows->len - 1 - shown);
      break;
    }
    g_string_append (s, "    ");
    compare (s, ref, row);
    g_string_append_c (s, '\n');
    shown++;
  }
  return g_string_free (s, FALSE);
}

char *
gs_report_summary_text (const GsResultSet *set)
{
  GString *s = g_string_new (NULL);
  if (set->rows->len == 0) {
    g_string_append_printf (s, "0 of %u points done\n", set->points);
    return g_string_free (s, FALSE);
  }
  g_autofree char *head = header (set);
  g_string_append_printf (s, "%s\n%u of %u point%s done\n", head, set->rows->len,
                          set->points, set->points == 1 ? "" : "s");
  const GsRow *fast = set->rows->pdata[0], *slow = fast;
  for (guint i = 1; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    if (row->result->wall_s < fast->result->wall_s)
      fast = row;
    if (row->result->wall_s > slow->result->wall_s)
      slow = row;
  }
  g_autofree char *fl = gs_resultset_row_label (fast), *sl = gs_resultset_row_label (slow);
  g_autofree char *fw = gs_format_duration (fast->result->wall_s);
  g_autofree char *sw = gs_format_duration (slow->result->wall_s);
  g_string_append_printf (s, "fastest: '%s' %s\nslowest: '%s' %s\n", fl, fw, sl, sw);
  g_autofree char *summary = gs_report_summary (set, 20);
  g_string_append (s, summary);
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------------- */
/* CSV and Markdown                                                        */


static void
csv_num (GString *s, double x)
{
  g_string_append_c (s, ',');
  if (isnan (x))
    return;
  g_autofree char *t = num (x);
  g_string_append (s, t);
}

static char *
render_csv (const GsResultSet *set)
{
  const GsRow *ref = gs_resultset_reference (set);
  GPtrArray *names = param_names (set);
  GString *s = g_string_new ("command,mean,stddev,median,min,max,point,scenario,"
                             "platform,host,cores,speed_flops,runtime,"
                             "switch_interval_s,wall_s,sequential_s,speedup,"
                             "relative,gil_switches");
  for (guint i = 0; i < names->len; i++) {
    g_string_append (s, ",parameter_");
    g_string_append (s, names->pdata[i]);
  }
  GsFiguresCsv extra;
  gs_figures_csv_init (&extra, set);
  gs_figures_csv_header (s, &extra);
  g_string_append_c (s, '\n');
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    const GsResult *r = row->result;
    g_autofree char *label = gs_resultset_row_label (row);
    gs_text_csv_field (s, label);
    GsSpread sp = gs_spread_of (r);
    csv_num (s, sp.mean);
    csv_num (s, sp.stddev);
    csv_num (s, sp.median);
    csv_num (s, sp.min);
    csv_num (s, sp.max);
    g_string_append_printf (s, ",%u,", row->point);
    gs_text_csv_field (s, row->scenario);
    g_string_append_c (s, ',');
    gs_text_csv_field (s, row->platform);
    g_string_append_c (s, ',');
    gs_text_csv_field (s, row->host);
    g_string_append_printf (s, ",%d", row->cores);
    csv_num (s, row->speed);
    g_string_append_c (s, ',');
    gs_text_csv_field (s, row->runtime);
    csv_num (s, row->switch_interval);
    csv_num (s, r->wall_s);
    csv_num (s, r->sequential_s >= 0 ? r->sequential_s : NAN);
    csv_num (s, gs_resultset_row_speedup (row));
    csv_num (s, relative (row, ref));
    g_string_append_printf (s, ",%" G_GUINT64_FORMAT, r->gil_switches);
    for (guint j = 0; j < row->values->len; j++) {
      g_string_append_c (s, ',');
      gs_text_csv_field (s, row->values->pdata[j]);
    }
    gs_figures_csv_row (s, &extra, row);
    g_string_append_c (s, '\n');
  }
  gs_figures_csv_clear (&extra);
  return g_string_free (s, FALSE);
}

/* A Markdown cell: '|' escaped. */
static void
md_cell (GString *s, const char *raw)
{
  g_autofree char *v = gs_text_one_line (raw);
  g_string_append_c (s, ' ');
  for (const char *c = v; *c; c++) {
    if (*c == '|')
      g_string_append_c (s, '\\');
    g_string_append_c (s, *c);
  }
  g_string_append (s, " |");
}

static char *
render_markdown (const GsResultSet *set)
{
  const GsRow *ref = gs_resultset_reference (set);
  GPtrArray *names = param_names (set);
  gboolean runtime_col = !is_swept (set, "runtime");
  GString *s = g_string_new ("|");
  for (guint i = 0; i < names->len; i++)
    md_cell (s, names->pdata[i]);
  if (runtime_col)
    g_string_append (s, " runtime |");
  g_string_append (s, " wall [s] | sequential [s] | speedup | relative |\n|");
  guint left = names->len + (runtime_col ? 1 : 0);
  for (guint i = 0; i < left + 4; i++)
    g_string_append (s, i < left ? ":---|" : "---:|");
  g_string_append_c (s, '\n');
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    const GsResult *r = row->result;
    g_string_append_c (s, '|');
    for (guint j = 0; j < row->values->len; j++)
      md_cell (s, row->values->pdata[j]);
    if (runtime_col)
      md_cell (s, row->runtime);
    g_string_append_printf (s, " %.4f |", r->wall_s);
    if (r->sequential_s >= 0)
      g_string_append_printf (s, " %.4f | %.2f |", r->sequential_s, gs_resultset_row_speedup (row));
    else
      g_string_append (s, " | |");
    double rel = relative (row, ref);
    if (isnan (rel))
      g_string_append (s, " |\n");
    else
      g_string_append_printf (s, " %.2f |\n", rel);
  }
  return g_string_free (s, FALSE);
}

char *
gs_report_render (const GsResultSet *set, const char *format)
{
  if (strcmp (format, "json") == 0)
    return gs_resultset_to_json (set);
  if (strcmp (format, "csv") == 0)
    return render_csv (set);
  g_return_val_if_fail (strcmp (format, "markdown") == 0, NULL);
  return render_markdown (set);
}

gboolean
gs_report_save (const char *path, const char *text, GError **error)
{
  /* never replace a link (/dev/stdout is one) or a device by a file
   * (savefile.h) */
  if (gs_savefile_write (path, text, strlen (text), error))
    return TRUE;
  g_prefix_error (error, "cannot write %s: ", path);
  return FALSE;
}

gboolean
gs_report_export (const GsResultSet *set, const char *format, const char *path,
                  GError **error)
{
  g_autofree char *text = gs_report_render (set, format);
  if (strcmp (path, "-") == 0) {
    fputs (text, stdout);
    fflush (stdout);
    return TRUE;
  }
  if (!gs_report_save (path, text, error)) {
    g_prefix_error (error, "--export-%s: ", format);
    return FALSE;
  }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Two-way tables                                                          */

/* Adds VALUE to DISTINCT unless it is there. */
static void
add_distinct (GPtrArray *distinct, const char *value)
{
  for (guint i = 0; i < distinct->len; i++)
    if (strcmp (distinct->pdata[i], value) == 0)
      return;
  g_ptr_array_add (distinct, (gpointer) value);
}

gboolean
gs_report_check_param (const GsResultSet *set, const char *option, const char *name,
                       GError **error)
{
  if (is_swept (set, name))
    return TRUE;
  GPtrArray *names = param_names (set);
  g_autofree char *known = NULL;
  g_ptr_array_add (names, NULL);
  known = g_strjoinv (", ", (char **) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s %s: the results have no swept parameter '%s'; they have: %s",
               option, name, name, *known ? known : "none");
  return FALSE;
}

/* The cell value of ROW, or NAN for an unknown one. */
static double
cell_value (const GsRow *row, const GsRow *ref, const char *value)
{
  if (strcmp (value, "speedup") == 0)
    return gs_resultset_row_speedup (row);
  if (strcmp (value, "wall") == 0)
    return row->result->wall_s;
  if (strcmp (value, "relative") == 0)
    return relative (row, ref);
  double v;
  if (gs_figures_value (row, value, &v))
    return v;
  return (double) row->result->gil_switches;
}

static void
table_cell (GString *s, double v, const char *value, gboolean csv)
{
  if (csv) {
    csv_num (s, v);
    return;
  }
  if (isnan (v))
    g_string_append (s, "  |");
  else if (strcmp (value, "wall") == 0 || strcmp (value, "gil_wait") == 0 ||
           strcmp (value, "cpu") == 0 || strcmp (value, "blocked") == 0 ||
           g_str_has_prefix (value, "worker_"))
    g_string_append_printf (s, " %.4f |", v);
  else if (strcmp (value, "gil_switches") == 0)
    g_string_append_printf (s, " %.0f |", v);
  else
    g_string_append_printf (s, " %.2f |", v);
}

char *
gs_report_table (const GsResultSet *set, const char *rows, const char *cols,
                 const char *value, const char *format, GError **error)
{
  static const char *const values[] = { "speedup", "wall", "relative",
                                        "gil_switches", NULL };
  double probe;
  if (!g_strv_contains (values, value) &&
      (set->rows->len == 0 || !gs_figures_value (set->rows->pdata[0], value, &probe))) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "--value %s: give speedup, wall, relative, gil_switches, gil_wait, "
                 "cpu, blocked, slowed, core_wait, or a worker's worker_NAME_end_s "
                 "(also _start_s, _cpu_s, _gil_wait_s, _blocked_s, _slowed_s, "
                 "_core_wait_s)", value);
    return NULL;
  }
  if (g_str_has_prefix (value, "worker_")) {
    gboolean any = FALSE;
    for (guint i = 0; i < set->rows->len && !any; i++)
      any = gs_figures_value (set->rows->pdata[i], value, &probe) && !isnan (probe);
    if (!any) {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--value %s: no result has this worker; the CSV export "
                   "(--format csv) names every worker_NAME_FIELD column", value);
      return NULL;
    }
  }
  gboolean csv = strcmp (format, "csv") == 0;
  if (!csv && strcmp (format, "markdown") != 0) {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "--format %s: a table is markdown or csv", format);
    return NULL;
  }
  if (!gs_report_check_param (set, "--rows", rows, error) ||
      (cols && !gs_report_check_param (set, "--cols", cols, error)))
    return NULL;
  GPtrArray *names = param_names (set);
  for (guint i = 0; i < names->len; i++) {
    const char *n = names->pdata[i];
    if (strcmp (n, rows) == 0 || (cols && strcmp (n, cols) == 0))
      continue;
    g_autoptr (GPtrArray) seen = g_ptr_array_new ();
    for (guint j = 0; j < set->rows->len; j++)
      add_distinct (seen, gs_resultset_row_param (set->rows->pdata[j], n));
    if (seen->len > 1) {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "the results also vary '%s'; a cell would hold several "
                   "points: pick one value with --where %s=VALUE", n, n);
      return NULL;
    }
  }
  const GsRow *ref = gs_resultset_reference (set);
  g_autoptr (GPtrArray) rvals = g_ptr_array_new ();
  g_autoptr (GPtrArray) cvals = g_ptr_array_new ();
  for (guint j = 0; j < set->rows->len; j++) {
    add_distinct (rvals, gs_resultset_row_param (set->rows->pdata[j], rows));
    if (cols)
      add_distinct (cvals, gs_resultset_row_param (set->rows->pdata[j], cols));
  }
  if (cols == NULL)
    g_ptr_array_add (cvals, (gpointer) value);
  GString *s = g_string_new (NULL);
  /* header */
  if (csv) {
    gs_text_csv_field (s, rows);
    for (guint c = 0; c < cvals->len; c++) {
      g_string_append_c (s, ',');
      gs_text_csv_field (s, cvals->pdata[c]);
    }
    g_string_append_c (s, '\n');
  } else {
    g_autofree char *corner = cols ? g_strdup_printf ("%s \\ %s", rows, cols)
                                   : g_strdup (rows);
    g_string_append_c (s, '|');
    md_cell (s, corner);
    for (guint c = 0; c < cvals->len; c++)
      md_cell (s, cvals->pdata[c]);
    g_string_append (s, "\n|---:|");
    for (guint c = 0; c < cvals->len; c++)
      g_string_append (s, "---:|");
    g_string_append_c (s, '\n');
  }
  for (guint r = 0; r < rvals->len; r++) {
    if (csv) {
      gs_text_csv_field (s, rvals->pdata[r]);
    } else {
      g_string_append_c (s, '|');
      md_cell (s, rvals->pdata[r]);
    }
    for (guint c = 0; c < cvals->len; c++) {
      const GsRow *hit = NULL;
      for (guint j = 0; j < set->rows->len && hit == NULL; j++) {
        const GsRow *row = set->rows->pdata[j];
        if (strcmp (gs_resultset_row_param (row, rows), rvals->pdata[r]) == 0 &&
            (cols == NULL || strcmp (gs_resultset_row_param (row, cols), cvals->pdata[c]) == 0))
          hit = row;
      }
      table_cell (s, hit ? cell_value (hit, ref, value) : NAN, value, csv);
    }
    g_string_append_c (s, '\n');
  }
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------------- */
/* config.json                                                             */

static void
set_string (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  if (v)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
set_double (JsonBuilder *b, const char *name, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.9g", v);
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, g_ascii_strtod (buf, NULL));
}

static void
config_point (JsonBuilder *b, const GsRunConfig *cfg, const GsPoint *p)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "point");
  json_builder_add_int_value (b, p->index);
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  for (guint i = 0; i < p->names->len; i++)
    set_string (b, p->names->pdata[i], p->values->pdata[i]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "scenario_parameters");
  json_builder_begin_object (b);
  for (guint i = 0; i < cfg->sc->params->len; i++) {
    const GsParam *pa = cfg->sc->params->pdata[i];
    g_autofree char *v = gs_points_param_text (p, cfg->sc, pa->name);
    set_string (b, pa->name, v);
  }
  json_builder_end_object (b);
  set_string (b, "runtime", p->runtime->name);
  set_double (b, "switch_interval_s", p->switch_interval);
  const GsPlatform *platform = p->platform ? p->platform : cfg->platform;
  const GsHost *host = p->host ? p->host : cfg->host;
  set_double (b, "startup_s", gs_host_startup (host, platform, p->runtime, p->startup,
                                               p->startup_runtime));
  set_string (b, "platform", platform->path);
  set_string (b, "host", host->id);
  json_builder_set_member_name (b, "cores");
  json_builder_add_int_value (b, p->cores);
  set_double (b, "speed_flops", p->speed);
  set_double (b, "cpu_scale", p->cpu_scale);
  json_builder_end_object (b);
}

char *
gs_report_config (const GsRunConfig *cfg)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  set_string (b, "gilsim", GILSIM_VERSION);
  set_string (b, "scenario", cfg->sc->path);
  set_string (b, "platform", cfg->platform->path);
  set_string (b, "host", cfg->host->id);
  json_builder_set_member_name (b, "axes");
  json_builder_begin_array (b);
  for (guint i = 0; i < cfg->axes->len; i++) {
    const GsAxis *a = cfg->axes->pdata[i];
    json_builder_begin_object (b);
    set_string (b, "name", a->name);
    set_string (b, "option", a->option ? a->option : "-L");
    json_builder_set_member_name (b, "values");
    json_builder_begin_array (b);
    for (guint j = 0; j < a->values->len; j++)
      json_builder_add_string_value (b, a->values->pdata[j]);
    json_builder_end_array (b);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "total_points");
  json_builder_add_int_value (b, cfg->total_points);
  set_string (b, "selection", cfg->selection);
  set_string (b, "reference", cfg->reference);
  json_builder_set_member_name (b, "sequential_runs");
  json_builder_add_boolean_value (b, cfg->sequential);
  json_builder_set_member_name (b, "simgrid_args");
  json_builder_begin_array (b);
  for (guint i = 0; cfg->simgrid_args && i < cfg->simgrid_args->len; i++)
    json_builder_add_string_value (b, cfg->simgrid_args->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  for (guint i = 0; i < cfg->points->len; i++)
    config_point (b, cfg, cfg->points->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return gs_resultset_json_text (b);
}
