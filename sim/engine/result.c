/* result.c: what one simulation predicts, and its packed form (engine/result.h). */
#include "engine/result.h"

#include <string.h>

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

/* The packed form: numbers as this machine stores them (the parent and
 * its forked children are the same program), counts as guint32, strings
 * as a guint32 length (their NUL included) and their bytes. */

static void
put (GByteArray *b, const void *data, gsize len)
{
  g_byte_array_append (b, data, (guint) len);
}

static void
put_double (GByteArray *b, double d)
{
  put (b, &d, sizeof d);
}

static void
put_u32 (GByteArray *b, guint32 u)
{
  put (b, &u, sizeof u);
}

static void
put_u64 (GByteArray *b, guint64 u)
{
  put (b, &u, sizeof u);
}

static void
put_string (GByteArray *b, const char *s)
{
  gsize len = strlen (s) + 1;
  put_u32 (b, (guint32) len);
  put (b, s, len);
}

GByteArray *
gs_result_pack (const GsResult *r)
{
  GByteArray *b = g_byte_array_sized_new (1024);
  put_double (b, r->wall_s);
  put_double (b, r->sequential_s);
  put_u64 (b, r->gil_switches);
  put_u32 (b, r->prints->len);
  for (guint i = 0; i < r->prints->len; i++) {
    const GsPrint *p = &g_array_index (r->prints, GsPrint, i);
    put_double (b, p->time);
    put_string (b, p->who);
    put_string (b, p->text);
  }
  put_u32 (b, r->workers->len);
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    put_string (b, w->name);
    put_string (b, w->kind);
    const double d[] = { w->start_s, w->end_s, w->cpu_s, w->gil_wait_s, w->blocked_s,
                         w->python_s, w->slowed_s, w->core_wait_s };
    put (b, d, sizeof d);
    put_u64 (b, w->switches);
  }
  GArray *waits[] = { r->waits, r->overheads };
  for (gsize k = 0; k < G_N_ELEMENTS (waits); k++) {
    put_u32 (b, waits[k]->len);
    for (guint i = 0; i < waits[k]->len; i++) {
      const GsWait *w = &g_array_index (waits[k], GsWait, i);
      put_u32 (b, w->worker);
      put_string (b, w->on);
      put_double (b, w->seconds);
      put_u64 (b, w->count);
    }
  }
  put_u32 (b, r->latency->len);
  for (guint i = 0; i < r->latency->len; i++) {
    const GsLatency *l = &g_array_index (r->latency, GsLatency, i);
    put_string (b, l->what);
    put_u32 (b, (guint32) l->line);
    put_u64 (b, l->q.count);
    const double d[] = { l->q.mean, l->q.p50, l->q.p95, l->q.p99, l->q.max };
    put (b, d, sizeof d);
  }
  return b;
}

/* Reads a packed result: P moves on, OK turns FALSE at the first read
 * past END or string without its NUL (and every read after gives 0). */
typedef struct {
  const guint8 *p, *end;
  gboolean ok;
} Unpack;

static void
get (Unpack *u, void *out, gsize len)
{
  if (!u->ok || (gsize) (u->end - u->p) < len) {
    u->ok = FALSE;
    memset (out, 0, len);
    return;
  }
  memcpy (out, u->p, len);
  u->p += len;
}

/* Reads the next value into the variable (or field) LVALUE. */
#define GET(u, lvalue) get ((u), &(lvalue), sizeof (lvalue))

/* Reads N doubles into *OUT[0] to *OUT[N - 1]. */
static void
get_doubles (Unpack *u, double *const *out, gsize n)
{
  for (gsize i = 0; i < n; i++)
    GET (u, *out[i]);
}

/* The next count (guint32). */
static guint32
get_count (Unpack *u)
{
  guint32 n;
  GET (u, n);
  return n;
}

/* A string of the packed data (not copied), or "" once U failed. */
static const char *
get_string (Unpack *u)
{
  guint32 len = get_count (u);
  if (!u->ok || len == 0 || (gsize) (u->end - u->p) < len || u->p[len - 1] != '\0' ||
      memchr (u->p, '\0', len) != u->p + len - 1) {
    u->ok = FALSE;
    return "";
  }
  const char *s = (const char *) u->p;
  u->p += len;
  return s;
}

GsResult *
gs_result_unpack (const guint8 *data, gsize len)
{
  Unpack u = { data, data + len, TRUE };
  g_autoptr (GsResult) r = gs_result_new ();
  GET (&u, r->wall_s);
  GET (&u, r->sequential_s);
  GET (&u, r->gil_switches);
  for (guint32 i = 0, n = get_count (&u); i < n && u.ok; i++) {
    double t;
    GET (&u, t);
    const char *who = get_string (&u);
    const char *text = get_string (&u);
    if (u.ok)
      gs_result_add_print (r, t, who, text);
  }
  for (guint32 i = 0, n = get_count (&u); i < n && u.ok; i++) {
    GsWorker w = { 0 };
    w.name = (char *) get_string (&u);
    w.kind = (char *) get_string (&u);
    double *d[] = { &w.start_s, &w.end_s, &w.cpu_s, &w.gil_wait_s, &w.blocked_s,
                    &w.python_s, &w.slowed_s, &w.core_wait_s };
    get_doubles (&u, d, G_N_ELEMENTS (d));
    GET (&u, w.switches);
    if (u.ok)
      gs_result_add_worker (r, &w);
  }
  for (int k = 0; k < 2; k++)
    for (guint32 i = 0, n = get_count (&u); i < n && u.ok; i++) {
      guint32 worker = get_count (&u);
      const char *on = get_string (&u);
      double seconds;
      guint64 count;
      GET (&u, seconds);
      GET (&u, count);
      if (!u.ok || worker >= r->workers->len)
        continue;
      if (k == 0)
        gs_result_add_wait (r, worker, on, seconds, count);
      else
        gs_result_add_overhead (r, worker, on, seconds, count);
    }
  for (guint32 i = 0, n = get_count (&u); i < n && u.ok; i++) {
    const char *what = get_string (&u);
    int line = (int) get_count (&u);
    GsQuantiles q;
    GET (&u, q.count);
    double *d[] = { &q.mean, &q.p50, &q.p95, &q.p99, &q.max };
    get_doubles (&u, d, G_N_ELEMENTS (d));
    if (u.ok)
      gs_result_add_latency (r, what, line, &q);
  }
  if (!u.ok || u.p != u.end)
    return NULL;
  return g_steal_pointer (&r);
}
