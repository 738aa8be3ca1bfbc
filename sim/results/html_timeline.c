/* html_timeline.c: a run's timeline drawn as SVG (html_timeline.h). */
#include "results/html_timeline.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define LABEL_W 170.0   /* the row names' column */
#define PLOT_W 1000.0   /* the time axis, at zoom 1 */
#define GIL_H 9.0
#define ROW_H 16.0
#define GAP 3.0
#define AXIS_H 22.0

static const struct {
  const char *key, *label, *colour;
  int group;            /* 0 has the GIL, 1 waits for it, 2 without it */
} state_info[] = {
  { "python", "running Python", "#2e7d32", 0 },
  { "native_gil", "native code with the GIL", "#9ccc65", 0 },
  { "native", "native code without the GIL", "#1e88e5", 2 },
  { "gil_wait", "waiting for the GIL", "#e53935", 1 },
  { "switch", "waiting for a GIL switch", "#f48fb1", 1 },
  { "sleep", "sleeping", "#cfd8dc", 2 },
  { "wait", "waiting (lock, queue, event...)", "#ffb300", 2 },
  { "io", "I/O", "#8e24aa", 2 },
  { "join", "joining", "#b0bec5", 2 },
  { "start", "starting a thread", "#8d6e63", 2 },
  { "startup", "starting up", "#90a4ae", 2 },
  { "exit", "exiting", "#78909c", 2 },
};

/* Holders on the GIL band: a colour per thread, by its row's order. */
static const char *const holder_colours[] = {
  "#1b5e20", "#4caf50", "#00796b", "#7cb342", "#2e7d32", "#26a69a", "#558b2f", "#43a047",
};

struct GsHtmlTimeline {
  JsonParser *parser;
  JsonObject *root;
  double wall;
  guint n_states;
  int *info;            /* per state of the file: index in state_info, or -1 */
};

static int
info_of (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_info); i++)
    if (g_strcmp0 (state_info[i].key, key) == 0)
      return (int) i;
  return -1;
}

const char *
gs_html_timeline_colour (const char *key)
{
  int i = info_of (key);
  return i >= 0 ? state_info[i].colour : "#000000";
}

const char *
gs_html_timeline_label (const char *key)
{
  int i = info_of (key);
  return i >= 0 ? state_info[i].label : key;
}

void
gs_html_escape (GString *out, const char *text)
{
  for (const char *c = text ? text : ""; *c; c++) {
    switch (*c) {
    case '<': g_string_append (out, "&lt;"); break;
    case '>': g_string_append (out, "&gt;"); break;
    case '&': g_string_append (out, "&amp;"); break;
    case '"': g_string_append (out, "&quot;"); break;
    default: g_string_append_c (out, *c);
    }
  }
}

GsHtmlTimeline *
gs_html_timeline_load (const char *path)
{
  if (path == NULL)
    return NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  JsonObject *o = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "format", ""),
                 "gilsim-timeline-1") != 0)
    return NULL;
  JsonArray *states = json_object_get_array_member (o, "states");
  if (states == NULL || json_object_get_array_member (o, "rows") == NULL)
    return NULL;
  GsHtmlTimeline *tl = g_new0 (GsHtmlTimeline, 1);
  tl->parser = g_steal_pointer (&parser);
  tl->root = o;
  tl->wall = json_object_get_double_member_with_default (o, "wall", 0);
  tl->n_states = json_array_get_length (states);
  tl->info = g_new0 (int, tl->n_states);
  for (guint k = 0; k < tl->n_states; k++)
    tl->info[k] = info_of (json_array_get_string_element (states, k));
  return tl;
}

void
gs_html_timeline_free (GsHtmlTimeline *tl)
{
  if (tl == NULL)
    return;
  g_object_unref (tl->parser);
  g_free (tl->info);
  g_free (tl);
}

/* A rectangle being merged: the pieces from T0 to T1. */
typedef struct {
  double t0, t1;
  double *dur;          /* per state */
  double longest;
  guint state;
  gint64 line;
  const char *label;
} Merge;

static void
fmt_time (GString *out, double s)
{
  if (s >= 1)
    g_string_append_printf (out, "%.3f s", s);
  else if (s >= 1e-3)
    g_string_append_printf (out, "%.3f ms", s * 1e3);
  else
    g_string_append_printf (out, "%.1f us", s * 1e6);
}

/* Writes the merged rectangle M of a row at Y, height H. */
static void
put_rect (GString *out, const GsHtmlTimeline *tl, const Merge *m, gboolean gil,
          double y, double h, const char *row, const char *file, guint holder)
{
  double scale = tl->wall > 0 ? PLOT_W / tl->wall : 0;
  double x = m->t0 * scale, w = MAX ((m->t1 - m->t0) * scale, 0.05);
  double total = 0, top = 0;
  guint dom = m->state;
  for (guint k = 0; k < tl->n_states; k++) {
    total += m->dur[k];
    if (m->dur[k] > top) {
      top = m->dur[k];
      dom = k;
    }
  }
  int info = tl->info[dom];
  const char *fill = gil ? holder_colours[holder % G_N_ELEMENTS (holder_colours)]
                         : info >= 0 ? state_info[info].colour : "#000";
  g_string_append_printf (out, "<rect x=\"%.3f\" y=\"%.1f\" width=\"%.3f\" height=\"%.1f\" "
                          "fill=\"%s\"><title>", x, y, w, h, fill);
  gs_html_escape (out, row);
  g_string_append (out, ": ");
  if (gil) {
    g_string_append (out, "held by ");
    gs_html_escape (out, m->label);
    g_string_append (out, ", ");
    fmt_time (out, total);
    if (total < (m->t1 - m->t0) * 0.999) {
      g_string_append_printf (out, " of ");
      fmt_time (out, m->t1 - m->t0);
    }
  } else {
    gs_html_escape (out, m->label);
    g_string_append (out, ", ");
    fmt_time (out, m->t1 - m->t0);
    g_string_append (out, ", ");
    gs_html_escape (out, file);
    g_string_append_printf (out, ":%" G_GINT64_FORMAT, m->line);
    if (top < total * 0.999) {
      g_string_append (out, "\n(merged:");
      for (guint k = 0; k < tl->n_states; k++)
        if (m->dur[k] > 0 && total > 0)
          g_string_append_printf (out, " %.0f%% %s;", 100 * m->dur[k] / total,
                                  tl->info[k] >= 0 ? state_info[tl->info[k]].label : "?");
      g_string_truncate (out, out->len - 1);
      g_string_append (out, ")");
    }
  }
  g_string_append (out, "</title></rect>");
}

/* Draws the rectangles of ROW at Y, merging neighbours narrower than
 * MIN_W pixels. */
static void
put_row (GString *out, const GsHtmlTimeline *tl, JsonObject *row, double y, double h,
         double min_w, const char *file, GHashTable *holders)
{
  JsonArray *rects = json_object_get_array_member (row, "rects");
  const char *name = json_object_get_string_member (row, "name");
  gboolean gil = g_strcmp0 (json_object_get_string_member (row, "kind"), "gil") == 0;
  double scale = tl->wall > 0 ? PLOT_W / tl->wall : 0;
  g_autofree double *dur = g_new0 (double, tl->n_states);
  Merge m = { 0, 0, dur, -1, 0, 0, NULL };
  guint n = rects ? json_array_get_length (rects) : 0;
  for (guint i = 0; i <= n; i++) {
    JsonArray *r = i < n ? json_array_get_array_element (rects, i) : NULL;
    if (r && json_array_get_length (r) < 5 + tl->n_states)
      continue;
    double t0 = r ? json_array_get_double_element (r, 0) : 0;
    if (m.longest >= 0 && (r == NULL || (t0 - m.t0) * scale >= min_w)) {
      guint holder = GPOINTER_TO_UINT (g_hash_table_lookup (holders, m.label));
      put_rect (out, tl, &m, gil, y, h, gil ? "GIL" : name, file, holder);
      memset (dur, 0, sizeof (double) * tl->n_states);
      m.longest = -1;
    }
    if (r == NULL)
      break;
    double t1 = json_array_get_double_element (r, 1);
    if (m.longest < 0)
      m.t0 = t0;
    m.t1 = t1;
    double here = 0;
    for (guint k = 0; k < tl->n_states; k++) {
      double d = json_array_get_double_element (r, 5 + k);
      dur[k] += d;
      here += d;
    }
    if (here > m.longest) {
      m.longest = here;
      m.state = (guint) json_array_get_int_element (r, 2);
      m.line = json_array_get_int_element (r, 3);
      m.label = json_array_get_string_element (r, 4);
    }
  }
}

/* The legend: the states drawn in ROWS, and the GIL's band. */
static void
put_legend (GString *out, const GsHtmlTimeline *tl, JsonArray *rows)
{
  guint n = json_array_get_length (rows);
  /* the legend: the states drawn */
  g_autofree gboolean *seen = g_new0 (gboolean, tl->n_states);
  for (guint i = 0; i < n; i++) {
    JsonArray *rects = json_object_get_array_member (json_array_get_object_element (rows, i),
                                                     "rects");
    for (guint k = 0; rects && k < json_array_get_length (rects); k++) {
      JsonArray *x = json_array_get_array_element (rects, k);
      for (guint s = 0; s < tl->n_states && 5 + s < json_array_get_length (x); s++)
        seen[s] |= json_array_get_double_element (x, 5 + s) > 0;
    }
  }
  g_string_append (out, "<div class=\"legend\">");
  for (guint k = 0; k < tl->n_states; k++) {
    int i = tl->info[k];
    if (i >= 0 && seen[k])
      g_string_append_printf (out, "<span><i style=\"background:%s\"></i>%s</span>",
                              state_info[i].colour, state_info[i].label);
  }
  g_string_append (out, "<span><i style=\"background:#2e7d32\"></i>GIL band: its "
                   "holder (a shade per thread)</span></div>\n</div>\n");
}

void
gs_html_timeline_svg (GString *out, const GsHtmlTimeline *tl, const char *file,
                      guint budget)
{
  JsonArray *rows = json_object_get_array_member (tl->root, "rows");
  guint n = json_array_get_length (rows);
  /* processes in order of appearance, the GIL's row first */
  g_autoptr (GPtrArray) procs = g_ptr_array_new ();
  g_autoptr (GHashTable) holders = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++) {
    JsonObject *r = json_array_get_object_element (rows, i);
    const char *p = json_object_get_string_member (r, "process");
    if (!g_ptr_array_find_with_equal_func (procs, p, g_str_equal, NULL))
      g_ptr_array_add (procs, (gpointer) p);
    if (g_strcmp0 (json_object_get_string_member (r, "kind"), "thread") == 0)
      g_hash_table_insert (holders, (gpointer) json_object_get_string_member (r, "name"),
                           GUINT_TO_POINTER (g_hash_table_size (holders)));
  }
  double height = AXIS_H;
  for (guint i = 0; i < n; i++) {
    JsonObject *r = json_array_get_object_element (rows, i);
    gboolean gil = g_strcmp0 (json_object_get_string_member (r, "kind"), "gil") == 0;
    height += (gil ? GIL_H : ROW_H) + GAP;
  }
  double min_w = MAX (0.5, n * PLOT_W / MAX (budget, 1));
  g_string_append_printf (out, "<div class=\"tl\" data-wall=\"%.9g\">\n<div class=\"tools\">"
                          "<button class=\"zin\">zoom in</button><button class=\"zout\">"
                          "zoom out</button><button class=\"zreset\">whole run</button> "
                          "<span class=\"hint\">wheel: zoom, drag: move, hover: "
                          "details</span></div>\n", tl->wall);
  g_string_append_printf (out, "<svg class=\"outer\" viewBox=\"0 0 %.0f %.0f\" "
                          "width=\"%.0f\" height=\"%.0f\">\n",
                          LABEL_W + PLOT_W + 20, height, LABEL_W + PLOT_W + 20, height);
  GString *labels = g_string_new (NULL);
  GString *plot = g_string_new (NULL);
  double y = 0;
  for (guint pi = 0; pi < procs->len; pi++)
    for (int pass = 0; pass < 2; pass++)
      for (guint i = 0; i < n; i++) {
        JsonObject *r = json_array_get_object_element (rows, i);
        gboolean gil = g_strcmp0 (json_object_get_string_member (r, "kind"), "gil") == 0;
        if (gil != (pass == 0) ||
            g_strcmp0 (json_object_get_string_member (r, "process"), procs->pdata[pi]) != 0)
          continue;
        double h = gil ? GIL_H : ROW_H;
        g_string_append_printf (labels, "<text x=\"%.0f\" y=\"%.1f\" class=\"%s\">",
                                LABEL_W - 6, y + h - (gil ? 1 : 4), gil ? "lg" : "lt");
        gs_html_escape (labels, gil ? procs->pdata[pi] : json_object_get_string_member (r, "name"));
        g_string_append (labels, gil ? " GIL</text>\n" : "</text>\n");
        g_string_append_printf (plot, "<g class=\"row\" data-name=\"");
        gs_html_escape (plot, json_object_get_string_member (r, "name"));
        g_string_append_printf (plot, "\" data-kind=\"%s\">", gil ? "gil" : "thread");
        put_row (plot, tl, r, y, h, min_w, file, holders);
        g_string_append (plot, "</g>\n");
        y += h + GAP;
      }
  g_string_append (out, labels->str);
  g_string_append_printf (out, "<svg class=\"plot\" x=\"%.0f\" y=\"0\" width=\"%.0f\" "
                          "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                          "preserveAspectRatio=\"none\">\n<rect class=\"bg\" x=\"0\" "
                          "y=\"0\" width=\"%.0f\" height=\"%.0f\"/>\n",
                          LABEL_W, PLOT_W, y, PLOT_W, y, PLOT_W, y);
  g_string_append (out, plot->str);
  g_string_append_printf (out, "</svg>\n<g class=\"axis\" data-y=\"%.0f\" data-x=\"%.0f\" "
                          "data-w=\"%.0f\"></g>\n</svg>\n", y, LABEL_W, PLOT_W);
  g_string_free (labels, TRUE);
  g_string_free (plot, TRUE);
  put_legend (out, tl, rows);
}

gboolean
gs_html_timeline_shares (const GsHtmlTimeline *tl, const char *name, double shares[3])
{
  JsonArray *rows = json_object_get_array_member (tl->root, "rows");
  shares[0] = shares[1] = shares[2] = 0;
  for (guint i = 0; i < json_array_get_length (rows); i++) {
    JsonObject *r = json_array_get_object_element (rows, i);
    if (g_strcmp0 (json_object_get_string_member (r, "kind"), "thread") != 0 ||
        g_strcmp0 (json_object_get_string_member (r, "name"), name) != 0)
      continue;
    JsonArray *rects = json_object_get_array_member (r, "rects");
    for (guint k = 0; k < json_array_get_length (rects); k++) {
      JsonArray *x = json_array_get_array_element (rects, k);
      for (guint s = 0; s < tl->n_states && 5 + s < json_array_get_length (x); s++)
        if (tl->info[s] >= 0)
          shares[state_info[tl->info[s]].group] += json_array_get_double_element (x, 5 + s);
    }
    return TRUE;
  }
  return FALSE;
}
