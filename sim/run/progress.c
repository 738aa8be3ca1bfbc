/* progress.c: drawing the progress bar. */
#include "run/progress.h"

#include <string.h>
#include <unistd.h>

#define WIDTH 30

struct GsProgress {
  FILE *out;
  GsProgressStyle style;
  guint total, first, done;
  gint64 start, last_draw;   /* monotonic microseconds */
  gboolean drawn;
  guint drawn_len;
  const char *verb, *unit;
};

gboolean
gs_progress_style_parse (const char *text, FILE *out, GsProgressStyle *style,
                         GError **error)
{
  if (text == NULL || strcmp (text, "auto") == 0)
    *style = isatty (fileno (out)) ? GS_PROGRESS_FULL : GS_PROGRESS_NONE;
  else if (strcmp (text, "full") == 0)
    *style = GS_PROGRESS_FULL;
  else if (strcmp (text, "basic") == 0)
    *style = GS_PROGRESS_BASIC;
  else if (strcmp (text, "none") == 0)
    *style = GS_PROGRESS_NONE;
  else {
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "--style %s: give auto, full, basic or none", text);
    return FALSE;
  }
  return TRUE;
}

GsProgress *
gs_progress_new (FILE *out, GsProgressStyle style, guint total, guint done)
{
  GsProgress *p = g_new0 (GsProgress, 1);
  p->out = out;
  p->style = style;
  p->total = total;
  p->first = p->done = done;
  p->start = g_get_monotonic_time ();
  p->verb = "Sweeping";
  p->unit = "points";
  return p;
}

void
gs_progress_set_words (GsProgress *p, const char *verb, const char *unit)
{
  p->verb = verb;
  p->unit = unit;
}

static void
draw (GsProgress *p)
{
  GString *s = g_string_new ("\r");
  guint filled = p->total ? (guint) ((guint64) WIDTH * p->done / p->total) : WIDTH;
  if (p->style == GS_PROGRESS_FULL) {
    g_string_append_printf (s, "%s ", p->verb);
    for (guint i = 0; i < WIDTH; i++)
      g_string_append (s, i < filled ? "\u2588" : "\u2591");
  } else {
    g_string_append_printf (s, "%s [", p->verb);
    for (guint i = 0; i < WIDTH; i++)
      g_string_append_c (s, i < filled ? '#' : '.');
    g_string_append_c (s, ']');
  }
  g_string_append_printf (s, " %u/%u %s", p->done, p->total, p->unit);
  guint ran = p->done - p->first;
  if (ran > 0 && p->done < p->total) {
    double elapsed = (g_get_monotonic_time () - p->start) / 1e6;
    guint eta = (guint) (elapsed / ran * (p->total - p->done) + 0.5);
    g_string_append_printf (s, ", ETA %u:%02u:%02u", eta / 3600, eta / 60 % 60,
                            eta % 60);
  }
  guint len = (guint) g_utf8_strlen (s->str, -1);
  for (guint i = len; i < p->drawn_len; i++)
    g_string_append_c (s, ' ');
  p->drawn_len = len;
  fputs (s->str, p->out);
  fflush (p->out);
  p->drawn = TRUE;
  g_string_free (s, TRUE);
}

void
gs_progress_update (GsProgress *p, guint done)
{
  p->done = done;
  if (p->style == GS_PROGRESS_NONE)
    return;
  gint64 now = g_get_monotonic_time ();
  if (p->drawn && done < p->total && now - p->last_draw < G_USEC_PER_SEC / 10)
    return;
  p->last_draw = now;
  draw (p);
}

void
gs_progress_free (GsProgress *p)
{
  if (p == NULL)
    return;
  if (p->drawn) {
    fputc ('\r', p->out);
    for (guint i = 0; i < p->drawn_len; i++)
      fputc (' ', p->out);
    fputc ('\r', p->out);
    fflush (p->out);
  }
  g_free (p);
}
