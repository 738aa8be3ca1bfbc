/* result.c: what one simulation predicts, and its GVariant form (engine/result.h). */
#include "engine/result.h"

#include <string.h>

#define RESULT_TYPE GS_RESULT_VARIANT_TYPE

static void
print_clear (gpointer data)
{
  GsPrint *p = data;
  g_free (p->who);
  g_free (p->text);
}

static void
worker_clear (gpointer data)
{
  GsWorker *w = data;
  g_free (w->name);
  g_free (w->kind);
}

static void
wait_clear (gpointer data)
{
  GsWait *w = data;
  g_free (w->on);
}

static void
latency_clear (gpointer data)
{
  GsLatency *l = data;
  g_free (l->what);
}

GsResult *
gs_result_new (void)
{
  GsResult *r = g_new0 (GsResult, 1);
  r->sequential_s = -1;
  r->prints = g_array_new (FALSE, TRUE, sizeof (GsPrint));
  g_array_set_clear_func (r->prints, print_clear);
  r->workers = g_array_new (FALSE, TRUE, sizeof (GsWorker));
  g_array_set_clear_func (r->workers, worker_clear);
  r->waits = g_array_new (FALSE, TRUE, sizeof (GsWait));
  g_array_set_clear_func (r->waits, wait_clear);
  r->overheads = g_array_new (FALSE, TRUE, sizeof (GsWait));
  g_array_set_clear_func (r->overheads, wait_clear);
  r->latency = g_array_new (FALSE, TRUE, sizeof (GsLatency));
  g_array_set_clear_func (r->latency, latency_clear);
  return r;
}

void
gs_result_free (GsResult *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->prints);
  g_array_unref (r->workers);
  g_array_unref (r->waits);
  g_array_unref (r->overheads);
  g_array_unref (r->latency);
  if (r->samples)
    g_array_unref (r->samples);
  g_free (r);
}

void
gs_result_add_print (GsResult *r, double time, const char *who, const char *text)
{
  GsPrint p = { time, g_strdup (who), g_strdup (text) };
  g_array_append_val (r->prints, p);
}

guint
gs_result_add_worker (GsResult *r, const GsWorker *w)
{
  GsWorker c = *w;
  c.name = g_strdup (w->name);
  c.kind = g_strdup (w->kind);
  g_array_append_val (r->workers, c);
  return r->workers->len - 1;
}

void
gs_result_add_wait (GsResult *r, guint worker, const char *on, double seconds,
                    guint64 count)
{
  for (guint i = r->waits->len; i-- > 0;) {
    GsWait *o = &g_array_index (r->waits, GsWait, i);
    if (o->worker != worker)
      break;
    if (strcmp (o->on, on) == 0) {
      o->seconds += seconds;
      o->count += count;
      return;
    }
  }
  GsWait w = { worker, g_strdup (on), seconds, count };
  g_array_append_val (r->waits, w);
}

void
gs_result_add_overhead (GsResult *r, guint worker, const char *on, double seconds,
                        guint64 count)
{
  GsWait w = { worker, g_strdup (on), seconds, count };
  g_array_append_val (r->overheads, w);
}

void
gs_result_add_latency (GsResult *r, const char *what, int line, const GsQuantiles *q)
{
  GsLatency l = { g_strdup (what), line, *q };
  g_array_append_val (r->latency, l);
}

GVariant *
gs_result_to_variant (const GsResult *r)
{
  GVariantBuilder prints, workers;
  g_variant_builder_init (&prints, G_VARIANT_TYPE ("a(dss)"));
  for (guint i = 0; i < r->prints->len; i++) {
    const GsPrint *p = &g_array_index (r->prints, GsPrint, i);
    g_variant_builder_add (&prints, "(dss)", p->time, p->who, p->text);
  }
  g_variant_builder_init (&workers, G_VARIANT_TYPE ("a(ssddddddtdd)"));
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    g_variant_builder_add (&workers, "(ssddddddtdd)", w->name, w->kind, w->start_s,
                           w->end_s, w->cpu_s, w->gil_wait_s, w->blocked_s, w->python_s,
                           w->switches, w->slowed_s, w->core_wait_s);
  }
  GVariantBuilder waits;
  g_variant_builder_init (&waits, G_VARIANT_TYPE ("a(usdt)"));
  for (guint i = 0; i < r->waits->len; i++) {
    const GsWait *w = &g_array_index (r->waits, GsWait, i);
    g_variant_builder_add (&waits, "(usdt)", w->worker, w->on, w->seconds, w->count);
  }
  GVariantBuilder lat;
  g_variant_builder_init (&lat, G_VARIANT_TYPE ("a(sitddddd)"));
  for (guint i = 0; i < r->latency->len; i++) {
    const GsLatency *l = &g_array_index (r->latency, GsLatency, i);
    g_variant_builder_add (&lat, "(sitddddd)", l->what, l->line, l->q.count, l->q.mean,
                           l->q.p50, l->q.p95, l->q.p99, l->q.max);
  }
  GVariantBuilder over;
  g_variant_builder_init (&over, G_VARIANT_TYPE ("a(usdt)"));
  for (guint i = 0; i < r->overheads->len; i++) {
    const GsWait *w = &g_array_index (r->overheads, GsWait, i);
    g_variant_builder_add (&over, "(usdt)", w->worker, w->on, w->seconds, w->count);
  }
  GVariant *v = g_variant_new (RESULT_TYPE, r->wall_s, r->sequential_s,
                               r->gil_switches, &prints, &workers, &waits, &lat,
                               &over);
  return g_variant_ref_sink (v);
}

GsResult *
gs_result_from_variant (GVariant *v)
{
  if (!g_variant_is_of_type (v, G_VARIANT_TYPE (RESULT_TYPE)))
    return NULL;
  GsResult *r = gs_result_new ();
  g_autoptr (GVariantIter) pit = NULL;
  g_autoptr (GVariantIter) wit = NULL;
  g_autoptr (GVariantIter) bit = NULL;
  g_autoptr (GVariantIter) lit = NULL;
  g_autoptr (GVariantIter) oit = NULL;
  g_variant_get (v, RESULT_TYPE, &r->wall_s, &r->sequential_s, &r->gil_switches,
                 &pit, &wit, &bit, &lit, &oit);
  double t;
  const char *who, *text;
  while (g_variant_iter_next (pit, "(d&s&s)", &t, &who, &text))
    gs_result_add_print (r, t, who, text);
  GsWorker w;
  const char *name, *kind;
  while (g_variant_iter_next (wit, "(&s&sddddddtdd)", &name, &kind, &w.start_s,
                              &w.end_s, &w.cpu_s, &w.gil_wait_s, &w.blocked_s,
                              &w.python_s, &w.switches, &w.slowed_s,
                              &w.core_wait_s)) {
    w.name = (char *) name;
    w.kind = (char *) kind;
    gs_result_add_worker (r, &w);
  }
  guint worker;
  const char *on;
  double seconds;
  guint64 count;
  while (g_variant_iter_next (bit, "(u&sdt)", &worker, &on, &seconds, &count))
    if (worker < r->workers->len)
      gs_result_add_wait (r, worker, on, seconds, count);
  GsQuantiles q;
  int line;
  while (g_variant_iter_next (lit, "(&sitddddd)", &on, &line, &q.count, &q.mean,
                              &q.p50, &q.p95, &q.p99, &q.max))
    gs_result_add_latency (r, on, line, &q);
  while (g_variant_iter_next (oit, "(u&sdt)", &worker, &on, &seconds, &count))
    if (worker < r->workers->len)
      gs_result_add_overhead (r, worker, on, seconds, count);
  return r;
}
