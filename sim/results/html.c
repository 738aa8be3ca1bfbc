/* html.c: the HTML report of a run, one self-contained page (html.h). */
#include "results/html.h"

#include <math.h>
#include <string.h>

#include "results/html_timeline.h"
#include "results/report.h"
#include "results/why.h"

#define MAX_PRINTS_SHOWN 2000

static const char style[] =
  "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:1250px}"
  "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}"
  "table{border-collapse:collapse;margin:.5em 0}td,th{padding:2px 8px;text-align:right;"
  "border-bottom:1px solid #eee}th{background:#f5f5f5}td.l,th.l{text-align:left}"
  ".tl svg.outer{display:block;max-width:100%;height:auto}.tl .bg{fill:#fafafa}"
  ".tl text{font-size:11px;text-anchor:end;fill:#333}.tl text.lg{font-size:9px;fill:#777}"
  ".tl .axis text{text-anchor:middle;fill:#555}.tl .axis line{stroke:#bbb}"
  ".tl .plot{cursor:grab}.tools button{margin-right:4px}.hint{color:#777;font-size:12px}"
  ".legend span{display:inline-block;margin:2px 12px 2px 0;font-size:12px}"
  ".legend i{display:inline-block;width:11px;height:11px;margin-right:4px;"
  "vertical-align:-1px}.prints td{font-family:monospace}.chart text{font-size:11px;fill:#444}"
  ".chart .ax{stroke:#999}.charts{display:flex;flex-wrap:wrap;gap:1em}"
  "pre{background:#f7f7f7;padding:.5em}";

/* Zoom and move the timelines: the plot's viewBox, and the time axis. */
static const char script[] =
  "(function(){\n"
  "function nice(x){var p=Math.pow(10,Math.floor(Math.log10(x))),m=x/p;"
  "return (m<1.5?1:m<3.5?2:m<7.5?5:10)*p;}\n"
  "function fmt(t,step){if(step>=1)return t.toFixed(step>=10?0:1)+' s';"
  "if(step>=1e-3)return (t*1e3).toFixed(step>=1e-2?0:1)+' ms';"
  "return (t*1e6).toFixed(step>=1e-5?0:1)+' us';}\n"
  "document.querySelectorAll('.tl').forEach(function(box){\n"
  " var plot=box.querySelector('svg.plot'),axis=box.querySelector('g.axis');\n"
  " var W=+axis.dataset.w,X=+axis.dataset.x,Y=+axis.dataset.y,wall=+box.dataset.wall;\n"
  " var H=+plot.getAttribute('height'),x0=0,w=W,ns='http'+'://www.w3.org/2000/svg';\n"
  " function draw(){plot.setAttribute('viewBox',x0+' 0 '+w+' '+H);\n"
  "  while(axis.firstChild)axis.removeChild(axis.firstChild);\n"
  "  if(!(wall>0))return;var a=x0/W*wall,b=(x0+w)/W*wall,step=nice((b-a)/8);\n"
  "  for(var t=Math.ceil(a/step)*step;t<=b+1e-12;t+=step){var x=X+(t/wall*W-x0)/w*W;\n"
  "   var l=document.createElementNS(ns,'line');l.setAttribute('x1',x);l.setAttribute('x2',x);\n"
  "   l.setAttribute('y1',Y);l.setAttribute('y2',Y+5);axis.appendChild(l);\n"
  "   var s=document.createElementNS(ns,'text');s.setAttribute('x',x);s.setAttribute('y',Y+17);\n"
  "   s.textContent=fmt(t,step);axis.appendChild(s);}}\n"
  " function zoom(f,c){var nw=Math.min(W,Math.max(W*1e-7,w/f));x0=c-(c-x0)*nw/w;w=nw;\n"
  "  x0=Math.max(0,Math.min(W-w,x0));draw();}\n"
  " function at(e){var r=plot.getBoundingClientRect();return x0+(e.clientX-r.left)/r.width*w;}\n"
  " box.querySelector('.zin').onclick=function(){zoom(2,x0+w/2);};\n"
  " box.querySelector('.zout').onclick=function(){zoom(0.5,x0+w/2);};\n"
  " box.querySelector('.zreset').onclick=function(){x0=0;w=W;draw();};\n"
  " plot.addEventListener('wheel',function(e){e.preventDefault();"
  "zoom(e.deltaY<0?1.5:1/1.5,at(e));},{passive:false});\n"
  " var drag=null;plot.addEventListener('mousedown',function(e){drag={x:e.clientX,x0:x0};});\n"
  " window.addEventListener('mouseup',function(){drag=null;});\n"
  " window.addEventListener('mousemove',function(e){if(!drag)return;\n"
  "  var r=plot.getBoundingClientRect();x0=Math.max(0,Math.min(W-w,"
  "drag.x0-(e.clientX-drag.x)/r.width*w));draw();});\n"
  " draw();});\n"
  "})();\n";

static const char *const line_colours[] = {
  "#1e88e5", "#e53935", "#43a047", "#8e24aa", "#fb8c00", "#00897b", "#6d4c41", "#3949ab",
};

static void
esc (GString *out, const char *text)
{
  gs_html_escape (out, text);
}

/* "N=3, runtime=cpython-3.12", the row's swept values but SKIP (or all). */
static char *
values_text (const GsRow *row, const char *skip)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < row->names->len; i++) {
    if (skip && strcmp (row->names->pdata[i], skip) == 0)
      continue;
    g_string_append_printf (s, "%s%s=%s", s->len ? ", " : "",
                            (char *) row->names->pdata[i], (char *) row->values->pdata[i]);
  }
  return g_string_free (s, FALSE);
}

/* A chart's size and margins (left, right, top, bottom). */
#define CHART_GEOMETRY const double w = 460, h = 270, l = 55, r = 170, t = 25, b = 40

/* A chart's frame: its title (VALUE of NAME), axes, ticks to YMAX and the
 * labels of XS. */
static void
put_frame (GString *out, const char *name, int value, GPtrArray *xs, double ymax)
{
  CHART_GEOMETRY;
  double pw = w - l - r, ph = h - t - b;
  g_string_append_printf (out, "<svg class=\"chart\" width=\"%.0f\" height=\"%.0f\" "
                          "viewBox=\"0 0 %.0f %.0f\"><text x=\"%.0f\" y=\"15\" "
                          "style=\"text-anchor:middle;font-weight:bold\">%s against ",
                          w, h, w, h, l + pw / 2, value ? "speedup" : "wall time (s)");
  esc (out, name);
  g_string_append (out, "</text>");
  g_string_append_printf (out, "<line class=\"ax\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" "
                          "y2=\"%.0f\"/><line class=\"ax\" x1=\"%.0f\" y1=\"%.0f\" "
                          "x2=\"%.0f\" y2=\"%.0f\"/>", l, t, l, t + ph, l, t + ph, l + pw,
                          t + ph);
  for (int k = 0; k <= 4; k++) {
    double v = ymax * k / 4, y = t + ph - ph * k / 4;
    g_string_append_printf (out, "<text x=\"%.0f\" y=\"%.1f\" style=\"text-anchor:end\">"
                            "%g</text>", l - 4, y + 4, v);
  }
  for (guint k = 0; k < xs->len; k++) {
    double x = l + (xs->len > 1 ? pw * k / (xs->len - 1) : pw / 2);
    g_string_append_printf (out, "<text x=\"%.1f\" y=\"%.0f\" style=\"text-anchor:middle\">",
                            x, t + ph + 15);
    esc (out, xs->pdata[k]);
    g_string_append (out, "</text>");
  }
}

/* One line chart: VALUE (0: wall, 1: speedup) of the rows against the
 * swept parameter NAME, a line per value of the others. */
static void
put_chart (GString *out, const GsResultSet *set, const char *name, int value)
{
  CHART_GEOMETRY;
  g_autoptr (GPtrArray) xs = g_ptr_array_new ();       /* NAME's values, in order */
  g_autoptr (GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  double ymax = 0;
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    if (row->result->wall_s < 0)
      continue;
    const char *x = gs_resultset_row_param (row, name);
    if (!g_ptr_array_find_with_equal_func (xs, x, g_str_equal, NULL))
      g_ptr_array_add (xs, (gpointer) x);
    char *g = values_text (row, name);
    if (!g_ptr_array_find_with_equal_func (groups, g, g_str_equal, NULL))
      g_ptr_array_add (groups, g);
    else
      g_free (g);
    double v = value ? gs_resultset_row_speedup (row) : row->result->wall_s;
    ymax = MAX (ymax, v);
  }
  if (xs->len == 0 || ymax <= 0)
    return;
  /* the axis goes to a round number: 4 steps of 1, 2 or 5 times a power of 10 */
  double raw = ymax * 1.05 / 4, p = pow (10, floor (log10 (raw))), m = raw / p;
  double step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  ymax = 4 * step;
  double pw = w - l - r, ph = h - t - b;
  put_frame (out, name, value, xs, ymax);
  for (guint g = 0; g < groups->len; g++) {
    const char *colour = line_colours[g % G_N_ELEMENTS (line_colours)];
    GString *pts = g_string_new (NULL), *dots = g_string_new (NULL);
    for (guint k = 0; k < xs->len; k++)
      for (guint i = 0; i < set->rows->len; i++) {
        const GsRow *row = set->rows->pdata[i];
        if (row->result->wall_s < 0 ||
            strcmp (gs_resultset_row_param (row, name), xs->pdata[k]) != 0)
          continue;
        g_autofree char *gt = values_text (row, name);
        if (strcmp (gt, groups->pdata[g]) != 0)
          continue;
        double v = value ? gs_resultset_row_speedup (row) : row->result->wall_s;
        double x = l + (xs->len > 1 ? pw * k / (xs->len - 1) : pw / 2);
        double y = t + ph - ph * v / ymax;
        g_string_append_printf (pts, "%.1f,%.1f ", x, y);
        g_string_append_printf (dots, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
                                "<title>", x, y, colour);
        g_autofree char *all = values_text (row, NULL);
        esc (dots, all);
        g_string_append_printf (dots, ": %.4g</title></circle>", v);
      }
    g_string_append_printf (out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                            "points=\"%s\"/>%s", colour, pts->str, dots->str);
    g_string_append_printf (out, "<text x=\"%.0f\" y=\"%.0f\" style=\"text-anchor:start;"
                            "fill:%s\">", l + pw + 10, t + 12 + 14.0 * g, colour);
    esc (out, *(char *) groups->pdata[g] ? groups->pdata[g] : "all");
    g_string_append (out, "</text>");
    g_string_free (pts, TRUE);
    g_string_free (dots, TRUE);
  }
  g_string_append (out, "</svg>\n");
}

/* Appends the Markdown table MD (gs_report_table's) as an HTML table. */
static void
put_markdown_table (GString *out, const char *md)
{
  g_auto (GStrv) lines = g_strsplit (md, "\n", -1);
  g_string_append (out, "<table>");
  for (guint i = 0; lines[i]; i++) {
    if (!g_str_has_prefix (lines[i], "|") || strstr (lines[i], "---"))
      continue;
    g_auto (GStrv) cells = g_strsplit (lines[i], "|", -1);
    guint n = g_strv_length (cells);
    g_string_append (out, "<tr>");
    for (guint k = 1; k + 1 < n; k++) {
      const char *tag = i == 0 || k == 1 ? "th" : "td";
      g_string_append_printf (out, "<%s>", tag);
      esc (out, g_strstrip (cells[k]));
      g_string_append_printf (out, "</%s>", tag);
    }
    g_string_append (out, "</tr>\n");
  }
  g_string_append (out, "</table>\n");
}

/* The Why of a point or of a sweep (why.h), as the terminal shows it: a
 * paragraph for each "Why:", its wrapped lines joined again. */
static void
put_why (GString *out, const char *why)
{
  g_auto (GStrv) lines = g_strsplit (why, "\n", -1);
  gboolean open = FALSE;
  for (guint i = 0; lines[i] != NULL; i++) {
    if (*lines[i] == '\0')
      continue;
    if (g_str_has_prefix (lines[i], "Why:") || !open) {
      g_string_append (out, open ? "</p>\n<p class=\"why\">" : "<p class=\"why\">");
      open = TRUE;
    } else {
      g_string_append_c (out, ' ');
    }
    esc (out, lines[i]);
  }
  if (open)
    g_string_append (out, "</p>\n");
}

/* The sweep: charts per swept parameter, the two-way tables, the points. */
static void
put_sweep (GString *out, const GsResultSet *set)
{
  const GsRow *first = set->rows->pdata[0];
  g_string_append (out, "<h2>Sweep</h2>\n<div class=\"charts\">\n");
  for (guint i = 0; i < first->names->len; i++)
    for (int v = 0; v < 2; v++)
      put_chart (out, set, first->names->pdata[i], v);
  g_string_append (out, "</div>\n");
  g_autofree char *why = gs_why_sweep (set);
  put_why (out, why);
  if (first->names->len == 2) {
    const char *values[] = { "speedup", "wall" };
    for (gsize k = 0; k < G_N_ELEMENTS (values); k++) {
      g_autofree char *tab = gs_report_table (set, first->names->pdata[0],
                                              first->names->pdata[1], values[k],
                                              "markdown", NULL);
      if (tab) {
        g_string_append_printf (out, "<p>%s by %s and %s:</p>", values[k],
                                (char *) first->names->pdata[0],
                                (char *) first->names->pdata[1]);
        put_markdown_table (out, tab);
      }
    }
  }
  g_string_append (out, "<table><tr><th>point</th>");
  for (guint i = 0; i < first->names->len; i++) {
    g_string_append (out, "<th class=\"l\">");
    esc (out, first->names->pdata[i]);
    g_string_append (out, "</th>");
  }
  g_string_append (out, "<th>wall s</th><th>sequential s</th><th>speedup</th>"
                   "<th>GIL switches</th></tr>\n");
  for (guint r = 0; r < set->rows->len; r++) {
    const GsRow *row = set->rows->pdata[r];
    g_string_append_printf (out, "<tr><td><a href=\"#point-%u\">%u</a></td>", row->point,
                            row->point);
    for (guint i = 0; i < row->values->len; i++) {
      g_string_append (out, "<td class=\"l\">");
      esc (out, row->values->pdata[i]);
      g_string_append (out, "</td>");
    }
    g_string_append_printf (out, "<td>%.4f</td><td>%.4f</td><td>%.2f</td><td>%"
                            G_GUINT64_FORMAT "</td></tr>\n", row->result->wall_s,
                            row->result->sequential_s, gs_resultset_row_speedup (row),
                            row->result->gil_switches);
  }
  g_string_append (out, "</table>\n");
}

/* The per-worker table: the figures, and each worker's time as a share
 * of the run: has the GIL, waits for it, without it. */
static void
put_workers (GString *out, const GsRow *row, const GsHtmlTimeline *tl)
{
  const GsResult *res = row->result;
  double wall = res->wall_s > 0 ? res->wall_s : 1;
  /* as the terminal's table: what slow vCPUs added, the time without a
   * full core, where some worker has it */
  gboolean slowed = FALSE, core = FALSE;
  for (guint i = 0; i < res->workers->len; i++) {
    const GsWorker *w = &g_array_index (res->workers, GsWorker, i);
    slowed |= fabs (w->slowed_s) >= GS_RESULT_SLOWED_SHOWN;
    core |= w->core_wait_s >= GS_RESULT_CORE_WAIT_SHOWN;
  }
  g_string_append (out, "<table class=\"workers\"><tr><th class=\"l\">worker</th>"
                   "<th class=\"l\">kind</th><th>start s</th><th>end s</th><th>cpu s</th>"
                   "<th>gil_wait s</th><th>blocked s</th><th>switches</th>");
  if (slowed)
    g_string_append (out, "<th title=\"what slow virtual CPUs added to the worker's "
                     "work, against the platform's mean speed\">slow_cpu s</th>");
  if (core)
    g_string_append (out, "<th title=\"runnable, but without a full core of its own: "
                     "more running threads than cores, an SMT sibling, an efficiency "
                     "core, a lower clock, waiters' wake-ups, memory bandwidth\">"
                     "core_wait s</th>");
  g_string_append (out, "<th>has GIL</th><th>waits for GIL</th><th>no GIL</th>"
                   "<th class=\"l\">share of the run</th></tr>\n");
  for (guint i = 0; i < res->workers->len; i++) {
    const GsWorker *w = &g_array_index (res->workers, GsWorker, i);
    double sh[3];
    if (tl == NULL || !gs_html_timeline_shares (tl, w->name, sh)) {
      /* no timeline: the table's figures */
      sh[1] = w->gil_wait_s;
      sh[2] = w->blocked_s;
      sh[0] = MAX (0, w->end_s - w->start_s - sh[1] - sh[2]);
    }
    g_string_append (out, "<tr><td class=\"l\">");
    esc (out, w->name);
    g_string_append (out, "</td><td class=\"l\">");
    esc (out, w->kind);
    g_string_append_printf (out, "</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.4f</td>"
                            "<td>%.4f</td><td>%" G_GUINT64_FORMAT "</td>", w->start_s,
                            w->end_s, w->cpu_s, w->gil_wait_s, w->blocked_s, w->switches);
    if (slowed)
      g_string_append_printf (out, "<td>%+.4f</td>", w->slowed_s);
    if (core)
      g_string_append_printf (out, "<td>%.4f</td>", w->core_wait_s);
    for (int k = 0; k < 3; k++)
      g_string_append_printf (out, "<td>%.1f %%</td>", 100 * sh[k] / wall);
    const char *colours[] = { "#2e7d32", "#e53935", "#90caf9" };
    const char *names[] = { "has the GIL", "waits for the GIL", "no GIL" };
    g_string_append (out, "<td class=\"l\"><svg width=\"240\" height=\"12\">"
                     "<rect width=\"240\" height=\"12\" fill=\"#f2f2f2\"/>");
    double x = 240 * w->start_s / wall;
    for (int k = 0; k < 3; k++) {
      double bw = 240 * sh[k] / wall;
      g_string_append_printf (out, "<rect x=\"%.2f\" width=\"%.2f\" height=\"12\" "
                              "fill=\"%s\"><title>%s: %.1f %% of the run</title></rect>",
                              x, bw, colours[k], names[k], 100 * sh[k] / wall);
      x += bw;
    }
    g_string_append (out, "</svg></td></tr>\n");
  }
  g_string_append (out, "</table>\n");
}

static void
put_prints (GString *out, const GsResult *res)
{
  if (res->prints->len == 0)
    return;
  g_string_append (out, "<details open><summary>The program's printed lines</summary>"
                   "<table class=\"prints\"><tr><th>time s</th><th class=\"l\">thread"
                   "</th><th class=\"l\">line</th></tr>\n");
  for (guint i = 0; i < res->prints->len && i < MAX_PRINTS_SHOWN; i++) {
    const GsPrint *p = &g_array_index (res->prints, GsPrint, i);
    g_string_append_printf (out, "<tr><td>%.6f</td><td class=\"l\">", p->time);
    esc (out, p->who);
    g_string_append (out, "</td><td class=\"l\">");
    esc (out, p->text);
    g_string_append (out, "</td></tr>\n");
  }
  g_string_append (out, "</table>");
  if (res->prints->len > MAX_PRINTS_SHOWN)
    g_string_append_printf (out, "<p>... and %u more lines</p>",
                            res->prints->len - MAX_PRINTS_SHOWN);
  g_string_append (out, "</details>\n");
}

/* One point: its figures, timeline, workers and printed lines. */
static void
put_point (GString *out, const GsResultSet *set, const GsRow *row, GPtrArray *timelines)
{
  const GsResult *res = row->result;
  g_autofree char *vals = values_text (row, NULL);
  g_string_append_printf (out, "<section id=\"point-%u\">\n<h2>", row->point);
  if (set->rows->len > 1 || *vals) {
    g_string_append_printf (out, "Point %u: ", row->point);
    esc (out, *vals ? vals : "as written");
  } else {
    g_string_append (out, "Timeline");
  }
  g_string_append (out, "</h2>\n<p>");
  g_string_append_printf (out, "Runtime %s, switch interval %g ms, %d cores. "
                          "Predicted wall time <b>%.4f s</b>", row->runtime,
                          row->switch_interval * 1e3, row->cores, res->wall_s);
  if (res->sequential_s > 0)
    g_string_append_printf (out, "; sequential %.4f s: %.2fx", res->sequential_s,
                            gs_resultset_row_speedup (row));
  g_string_append_printf (out, ". GIL switches: %" G_GUINT64_FORMAT ".</p>\n",
                          res->gil_switches);
  g_autofree char *why = gs_why_point (row);
  put_why (out, why);
  const char *path = timelines && row->point < timelines->len
                         ? timelines->pdata[row->point] : NULL;
  g_autoptr (GsHtmlTimeline) tl = gs_html_timeline_load (path);
  if (tl)
    /* a few thousand rectangles a point, a few tens of thousands a page */
    gs_html_timeline_svg (out, tl, row->scenario,
                          set->rows->len > 1 ? MAX (500, 24000 / set->rows->len) : 8000);
  else
    g_string_append (out, "<p>(no timeline: the point was not simulated by this run)</p>\n");
  put_workers (out, row, tl);
  put_prints (out, res);
  g_string_append (out, "</section>\n");
}

char *
gs_html_render (const GsResultSet *set, GPtrArray *timelines)
{
  GString *out = g_string_new ("<!DOCTYPE html>\n<html lang=\"en\"><head>"
                               "<meta charset=\"utf-8\"><title>gilsim: ");
  const GsRow *first = set->rows->len ? set->rows->pdata[0] : NULL;
  esc (out, first ? first->scenario : "no result");
  g_string_append_printf (out, "</title><style>%s</style></head><body>\n<h1>gilsim: ", style);
  esc (out, first ? first->scenario : "no result");
  g_string_append (out, "</h1>\n");
  if (first) {
    g_string_append (out, "<p>On ");
    esc (out, first->platform);
    g_string_append (out, " (host ");
    esc (out, first->host);
    g_string_append_printf (out, "), %u point%s.</p>\n", set->rows->len,
                            set->rows->len == 1 ? "" : "s");
  }
  if (set->rows->len > 1)
    put_sweep (out, set);
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    if (row->result->wall_s >= 0)
      put_point (out, set, row, timelines);
  }
  g_string_append_printf (out, "<script>%s</script>\n</body></html>\n", script);
  return g_string_free (out, FALSE);
}
