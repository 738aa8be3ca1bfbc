/* timeline.c: a run's timeline merged at a drawing's resolution (timeline.h). */
#include "engine/timeline.h"

#include <string.h>

typedef struct {
  double t0, t1;
  float *dur;          /* per state: tl->n_states of them */
  guint state;         /* the longest piece's */
  int line;
  char *label;
  double longest;
} Rect;

typedef struct {
  char *kind, *proc, *name;
  double start, end;
  GArray *rects;       /* Rect */
} Row;

struct GsTimeline {
  guint n_states;
  const char *const *keys;
  double res;          /* seconds: pieces closer than this merge */
  guint total;         /* rectangles in all rows */
  GPtrArray *rows;     /* Row* */
};

static void
rect_clear (gpointer data)
{
  Rect *r = data;
  g_free (r->dur);
  g_free (r->label);
}

static void
row_free (gpointer data)
{
  Row *r = data;
  g_free (r->kind);
  g_free (r->proc);
  g_free (r->name);
  g_array_unref (r->rects);
  g_free (r);
}

GsTimeline *
gs_timeline_new (guint n_states, const char *const *keys)
{
  GsTimeline *tl = g_new0 (GsTimeline, 1);
  tl->n_states = n_states;
  tl->keys = keys;
  tl->res = 1e-6;
  tl->rows = g_ptr_array_new_with_free_func (row_free);
  return tl;
}

void
gs_timeline_free (GsTimeline *tl)
{
  if (tl == NULL)
    return;
  g_ptr_array_unref (tl->rows);
  g_free (tl);
}

guint
gs_timeline_row (GsTimeline *tl, const char *kind, const char *proc,
                 const char *name, double start)
{
  Row *r = g_new0 (Row, 1);
  r->kind = g_strdup (kind);
  r->proc = g_strdup (proc);
  r->name = g_strdup (name);
  r->start = r->end = start;
  r->rects = g_array_new (FALSE, TRUE, sizeof (Rect));
  g_array_set_clear_func (r->rects, rect_clear);
  g_ptr_array_add (tl->rows, r);
  return tl->rows->len - 1;
}

void
gs_timeline_row_end (GsTimeline *tl, guint row, double end)
{
  ((Row *) tl->rows->pdata[row])->end = end;
}

/* Merges rectangle B into A (B follows A). */
static void
merge_into (GsTimeline *tl, Rect *a, Rect *b)
{
  a->t1 = MAX (a->t1, b->t1);
  for (guint k = 0; k < tl->n_states; k++)
    a->dur[k] += b->dur[k];
  if (b->longest > a->longest) {
    a->longest = b->longest;
    a->state = b->state;
    a->line = b->line;
    g_free (a->label);
    a->label = g_steal_pointer (&b->label);
  }
}

/* Merges the rectangles of every row again at the current resolution. */
static void
remerge (GsTimeline *tl)
{
  tl->total = 0;
  for (guint i = 0; i < tl->rows->len; i++) {
    Row *row = tl->rows->pdata[i];
    GArray *old = row->rects;
    GArray *nw = g_array_new (FALSE, TRUE, sizeof (Rect));
    g_array_set_clear_func (nw, rect_clear);
    for (guint k = 0; k < old->len; k++) {
      Rect *r = &g_array_index (old, Rect, k);
      Rect *last = nw->len ? &g_array_index (nw, Rect, nw->len - 1) : NULL;
      if (last && r->t0 - last->t0 < tl->res) {
        merge_into (tl, last, r);
      } else {
        g_array_append_val (nw, *r);
        r->dur = NULL;
        r->label = NULL;
      }
    }
    g_array_unref (old);
    row->rects = nw;
    tl->total += nw->len;
  }
}

void
gs_timeline_add (GsTimeline *tl, guint row, double t0, double t1, guint state,
                 int line, const char *label)
{
  Row *r = tl->rows->pdata[row];
  double d = t1 - t0;
  if (d <= 0)
    return;
  Rect *last = r->rects->len ? &g_array_index (r->rects, Rect, r->rects->len - 1)
                             : NULL;
  if (last && t0 - last->t0 < tl->res) {
    last->t1 = MAX (last->t1, t1);
    last->dur[state] += (float) d;
    if (d > last->longest) {
      last->longest = d;
      last->state = state;
      last->line = line;
      g_free (last->label);
      last->label = g_strdup (label);
    }
    return;
  }
  Rect n = { t0, t1, g_new0 (float, tl->n_states), state, line, g_strdup (label), d };
  n.dur[state] = (float) d;
  g_array_append_val (r->rects, n);
  tl->total++;
  while (r->rects->len > GS_TIMELINE_ROW_MAX || tl->total > GS_TIMELINE_TOTAL_MAX) {
    tl->res *= 2;
    remerge (tl);
  }
}

static void
append_num (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.9g", v));
}

static void
append_str (GString *s, const char *v)
{
  g_string_append_c (s, '"');
  for (const char *c = v ? v : ""; *c; c++) {
    if (*c == '"' || *c == '\\')
      g_string_append_printf (s, "\\%c", *c);
    else if ((guchar) *c < 0x20)
      g_string_append_printf (s, "\\u%04x", (guchar) *c);
    else
      g_string_append_c (s, *c);
  }
  g_string_append_c (s, '"');
}

gboolean
gs_timeline_write (const GsTimeline *tl, const char *path, double wall, GError **error)
{
  g_autoptr (GString) s = g_string_new ("{\"format\":\"gilsim-timeline-1\",\"wall\":");
  append_num (s, wall);
  g_string_append (s, ",\"resolution\":");
  append_num (s, tl->res);
  g_string_append (s, ",\"states\":[");
  for (guint k = 0; k < tl->n_states; k++) {
    g_string_append (s, k ? "," : "");
    append_str (s, tl->keys[k]);
  }
  g_string_append (s, "],\"rows\":[");
  for (guint i = 0; i < tl->rows->len; i++) {
    const Row *r = tl->rows->pdata[i];
    g_string_append (s, i ? ",\n{\"kind\":" : "\n{\"kind\":");
    append_str (s, r->kind);
    g_string_append (s, ",\"process\":");
    append_str (s, r->proc);
    g_string_append (s, ",\"name\":");
    append_str (s, r->name);
    g_string_append (s, ",\"start\":");
    append_num (s, r->start);
    g_string_append (s, ",\"end\":");
    append_num (s, r->end);
    g_string_append (s, ",\"rects\":[");
    for (guint k = 0; k < r->rects->len; k++) {
      const Rect *x = &g_array_index (r->rects, Rect, k);
      g_string_append (s, k ? ",[" : "[");
      append_num (s, x->t0);
      g_string_append_c (s, ',');
      append_num (s, x->t1);
      g_string_append_printf (s, ",%u,%d,", x->state, x->line);
      append_str (s, x->label);
      for (guint j = 0; j < tl->n_states; j++) {
        g_string_append_c (s, ',');
        append_num (s, x->dur[j]);
      }
      g_string_append_c (s, ']');
    }
    g_string_append (s, "]}");
  }
  g_string_append (s, "]}\n");
  if (!g_file_set_contents (path, s->str, (gssize) s->len, error))
    return FALSE;
  return TRUE;
}
