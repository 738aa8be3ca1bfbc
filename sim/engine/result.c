/* result.c: what one simulation predicts, and its GVariant form (engine/result.h). */
#include "engine/result.h"

#define RESULT_TYPE "(ddta(dss)a(ssddddddt))"

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

GsResult *
gs_result_new (void)
{
  GsResult *r = g_new0 (GsResult, 1);
  r->sequential_s = -1;
  r->prints = g_array_new (FALSE, TRUE, sizeof (GsPrint));
  g_array_set_clear_func (r->prints, print_clear);
  r->workers = g_array_new (FALSE, TRUE, sizeof (GsWorker));
  g_array_set_clear_func (r->workers, worker_clear);
  return r;
}

void
gs_result_free (GsResult *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->prints);
  g_array_unref (r->workers);
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

GVariant *
gs_result_to_variant (const GsResult *r)
{
  GVariantBuilder prints, workers;
  g_variant_builder_init (&prints, G_VARIANT_TYPE ("a(dss)"));
  for (guint i = 0; i < r->prints->len; i++) {
    const GsPrint *p = &g_array_index (r->prints, GsPrint, i);
    g_variant_builder_add (&prints, "(dss)", p->time, p->who, p->text);
  }
  g_variant_builder_init (&workers, G_VARIANT_TYPE ("a(ssddddddt)"));
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    g_variant_builder_add (&workers, "(ssddddddt)", w->name, w->kind, w->start_s,
                           w->end_s, w->cpu_s, w->gil_wait_s, w->blocked_s, w->python_s,
                           w->switches);
  }
  GVariant *v = g_variant_new (RESULT_TYPE, r->wall_s, r->sequential_s,
                               r->gil_switches, &prints, &workers);
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
  g_variant_get (v, RESULT_TYPE, &r->wall_s, &r->sequential_s, &r->gil_switches,
                 &pit, &wit);
  double t;
  const char *who, *text;
  while (g_variant_iter_next (pit, "(d&s&s)", &t, &who, &text))
    gs_result_add_print (r, t, who, text);
  GsWorker w;
  const char *name, *kind;
  while (g_variant_iter_next (wit, "(&s&sddddddt)", &name, &kind, &w.start_s,
                              &w.end_s, &w.cpu_s, &w.gil_wait_s, &w.blocked_s,
                              &w.python_s, &w.switches)) {
    w.name = (char *) name;
    w.kind = (char *) kind;
    gs_result_add_worker (r, &w);
  }
  return r;
}
