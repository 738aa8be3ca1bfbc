/* samples.c: the latency samples of repeated statements (print, request)
 * and their figures in the result (engine/internal.h, gs_samples_*). */
#include "engine/internal.h"

#include <string.h>

/* The samples of one statement. */
typedef struct {
  char *what;           /* "print", "request web" */
  int line, col;
  GArray *v;            /* double: seconds */
  GHashTable *last;     /* Thread* -> double*: a print's last run */
} Samples;

static void
samples_free (gpointer data)
{
  Samples *s = data;
  g_free (s->what);
  g_array_unref (s->v);
  if (s->last)
    g_hash_table_unref (s->last);
  g_free (s);
}

static Samples *
samples_of (Engine *eng, const GsStmt *s, const char *what)
{
  if (eng->samples == NULL)
    eng->samples = g_hash_table_new_full (NULL, NULL, NULL, samples_free);
  Samples *sm = g_hash_table_lookup (eng->samples, s);
  if (sm == NULL) {
    sm = g_new0 (Samples, 1);
    sm->what = g_strdup (what);
    sm->line = s->loc.line;
    sm->col = s->loc.col;
    sm->v = g_array_new (FALSE, FALSE, sizeof (double));
    g_hash_table_insert (eng->samples, (gpointer) s, sm);
  }
  return sm;
}

void
gs_samples_print (Thread *t, const GsStmt *s)
{
  Samples *sm = samples_of (t->proc->eng, s, "print");
  if (sm->last == NULL)
    sm->last = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  double now = gs_engine_now ();
  double *last = g_hash_table_lookup (sm->last, t);
  if (last) {
    double dt = now - *last;
    g_array_append_val (sm->v, dt);
    *last = now;
  } else {
    last = g_new (double, 1);
    *last = now;
    g_hash_table_insert (sm->last, t, last);
  }
}

void
gs_samples_add (Thread *t, const GsStmt *s, const char *what, double seconds)
{
  Samples *sm = samples_of (t->proc->eng, s, what);
  g_array_append_val (sm->v, seconds);
}

/* By line, then by what. */
static gint
by_line (gconstpointer a, gconstpointer b)
{
  const Samples *x = *(Samples *const *) a, *y = *(Samples *const *) b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->col != y->col)
    return x->col < y->col ? -1 : 1;
  return strcmp (x->what, y->what);
}

void
gs_samples_collect (Engine *eng, GsResult *r)
{
  if (eng->samples == NULL)
    return;
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, eng->samples);
  while (g_hash_table_iter_next (&it, NULL, &value))
    g_ptr_array_add (all, value);
  g_ptr_array_sort (all, by_line);
  for (guint i = 0; i < all->len; i++) {
    Samples *sm = all->pdata[i];
    if (sm->v->len == 0)
      continue;   /* a print that ran once per thread: no interval */
    GsQuantiles q;
    gs_quantiles_of ((double *) sm->v->data, sm->v->len, &q);
    gs_result_add_latency (r, sm->what, sm->line, &q);
  }
}

void
gs_samples_free (Engine *eng)
{
  g_clear_pointer (&eng->samples, g_hash_table_unref);
}
