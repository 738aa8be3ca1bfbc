/* why.c: the bottleneck of a run, named with its numbers (results/why.h). */
#include "results/why.h"

#include <math.h>
#include <string.h>

#include "units.h"
#include "util/text.h"

#define WRAP 78
#define NBSP "\x1f"    /* a space the wrapping keeps: "N = 16" stays whole */
#define MAX_GROUPS 4

double
gs_why_gil_share (const GsResult *r)
{
  double wait = 0, active = 0;
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    wait += w->gil_wait_s;
    active += MAX (0, w->end_s - w->start_s - w->blocked_s);
  }
  return active > 0 ? MIN (1, wait / active) : 0;
}

/* Appends TEXT to OUT as words wrapped at WRAP columns, then a newline;
 * NBSP joins words, control characters (from names in a results file)
 * are written as C escapes. */
static void
append_wrapped (GString *out, const char *text)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  gsize col = 0;
  for (char **w = words; *w; w++) {
    if (**w == '\0')
      continue;
    g_auto (GStrv) parts = g_strsplit (*w, NBSP, -1);
    for (char **p = parts; *p; p++) {
      char *clean = gs_text_one_line (*p);
      g_free (*p);
      *p = clean;
    }
    g_autofree char *word = g_strjoinv (" ", parts);
    gsize len = strlen (word);
    if (col > 0 && col + 1 + len > WRAP) {
      g_string_append_c (out, '\n');
      col = 0;
    } else if (col > 0) {
      g_string_append_c (out, ' ');
      col++;
    }
    g_string_append (out, word);
    col += len;
  }
  g_string_append_c (out, '\n');
}

/* "1.21 s", kept whole by the wrapping. */
static char *
dur (double s)
{
  g_autofree char *d = gs_format_duration (s);
  g_auto (GStrv) parts = g_strsplit (d, " ", -1);
  return g_strjoinv (NBSP, parts);
}

/* Waits that are the program's design rather than a bottleneck: sleeping,
 * joining, starting a thread, the sequential run's turns, and the main
 * thread waiting for its pool's map. */
static gboolean
expected_wait (const GsResult *r, const GsWait *w)
{
  static const char *const design[] = { "sleep", "join", "thread start", "its turn",
                                        NULL };
  if (g_strv_contains (design, w->on))
    return TRUE;
  const GsWorker *k = &g_array_index (r->workers, GsWorker, w->worker);
  return strcmp (w->on, "pool") == 0 && strcmp (k->kind, "main") == 0;
}

/* The largest wait of R that is not expected_wait, or NULL; *WORKERS and
 * *TOTAL: how many workers waited on the same object, and how long. */
static const GsWait *
top_wait (const GsResult *r, guint *workers, double *total)
{
  const GsWait *top = NULL;
  for (guint i = 0; i < r->waits->len; i++) {
    const GsWait *w = &g_array_index (r->waits, GsWait, i);
    if (w->worker >= r->workers->len || expected_wait (r, w))
      continue;
    if (top == NULL || w->seconds > top->seconds)
      top = w;
  }
  *workers = 0;
  *total = 0;
  for (guint i = 0; top && i < r->waits->len; i++) {
    const GsWait *w = &g_array_index (r->waits, GsWait, i);
    if (w->worker < r->workers->len && strcmp (w->on, top->on) == 0 &&
        !expected_wait (r, w)) {
      (*workers)++;
      *total += w->seconds;
    }
  }
  return top;
}

static double
cpu_total (const GsResult *r)
{
  double cpu = 0;
  for (guint i = 0; i < r->workers->len; i++)
    cpu += g_array_index (r->workers, GsWorker, i).cpu_s;
  return cpu;
}

/* The workers' time without a full core of their own (core_wait_s) over
 * their time running or wanting a core (cpu_s, slowed_s and core_wait_s),
 * 0 to 1. */
static double
core_wait_share (const GsResult *r)
{
  double wait = 0, running = 0;
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    wait += w->core_wait_s;
    running += w->cpu_s + MAX (0, w->slowed_s) + w->core_wait_s;
  }
  return running > 0 ? MIN (1, wait / running) : 0;
}

/* The overhead label of R with the most CPU time over all workers, or
 * NULL; *WORKERS, *TOTAL and *COUNT: how many workers lost it, how much,
 * in how many slices or collections. */
static const char *
top_overhead (const GsResult *r, guint *workers, double *total, guint64 *count)
{
  const char *top = NULL;
  *workers = 0;
  *total = 0;
  *count = 0;
  for (guint i = 0; i < r->overheads->len; i++) {
    const GsWait *o = &g_array_index (r->overheads, GsWait, i);
    if (o->worker >= r->workers->len)
      continue;
    double sum = 0;
    guint n = 0;
    guint64 c = 0;
    for (guint j = 0; j < r->overheads->len; j++) {
      const GsWait *p = &g_array_index (r->overheads, GsWait, j);
      if (p->worker < r->workers->len && strcmp (p->on, o->on) == 0) {
        sum += p->seconds;
        n++;
        c += p->count;
      }
    }
    if (top == NULL || sum > *total || (sum == *total && strcmp (o->on, top) < 0)) {
      top = o->on;
      *total = sum;
      *workers = n;
      *count = c;
    }
  }
  return top;
}

/* What an overhead's label ON means: "cache-line contention on settings",
 * "the lock of cache", "garbage collections".  New string. */
static char *
overhead_words (const char *on)
{
  if (g_str_has_prefix (on, "contention "))
    return g_strdup_printf ("cache-line contention on %s", on + strlen ("contention "));
  if (g_str_has_prefix (on, "object lock "))
    return g_strdup_printf ("the lock of %s", on + strlen ("object lock "));
  if (strcmp (on, "gc collection") == 0)
    return g_strdup ("garbage collections");
  return g_strdup (on);
}

/* "the workers lost 310 ms of CPU (23 % of it) to cache-line contention on
 * settings (4 workers)", or nothing when no overhead reached 5 % of the
 * workers' CPU time. */
static gboolean
overhead_part (GString *s, const GsResult *r)
{
  guint workers;
  double total;
  guint64 count;
  const char *top = top_overhead (r, &workers, &total, &count);
  double cpu = cpu_total (r);
  if (top == NULL || total < 1e-3 || cpu <= 0 || total < 0.05 * cpu)
    return FALSE;
  g_autofree char *d = dur (total);
  g_autofree char *words = strcmp (top, "gc collection") == 0
      ? g_strdup_printf ("%" G_GUINT64_FORMAT " garbage collection%s", count,
                         count == 1 ? "" : "s")
      : overhead_words (top);
  g_string_append_printf (s, "%s lost %s of CPU (%.0f" NBSP "%% of the CPU time) "
                          "to %s", workers == 1 ? "one worker" : "the workers",
                          d, 100 * total / cpu, words);
  if (workers > 1)
    g_string_append_printf (s, " (%u workers)", workers);
  return TRUE;
}

/* "Thread-2 waited 1.21 s (62 %) for the GIL; the GIL changed hands N
 * times", or nothing when no worker waited 5 % of its life. */
static gboolean
gil_part (GString *s, const GsResult *r)
{
  const GsWorker *top = NULL;
  guint many = 0;
  double all = 0;
  for (guint i = 0; i < r->workers->len; i++) {
    const GsWorker *w = &g_array_index (r->workers, GsWorker, i);
    double life = w->end_s - w->start_s;
    if (w->gil_wait_s < 1e-3 || life <= 0 || w->gil_wait_s < 0.05 * life)
      continue;
    many++;
    all += w->gil_wait_s;
    if (top == NULL || w->gil_wait_s > top->gil_wait_s)
      top = w;
  }
  if (top == NULL)
    return FALSE;
  g_autofree char *d = dur (top->gil_wait_s);
  g_string_append_printf (s, "%s waited %s (%.0f" NBSP "%%) for the GIL", top->name, d,
                          100 * top->gil_wait_s / (top->end_s - top->start_s));
  if (many > 1) {
    g_autofree char *a = dur (all);
    g_string_append_printf (s, " (%u workers waited %s in all)", many, a);
  }
  g_string_append_printf (s, "; the GIL changed hands %" G_GUINT64_FORMAT " times",
                          r->gil_switches);
  return TRUE;
}

/* "Thread-1 blocked 153 ms (21 % of the run) on lock numpy.random", or
 * nothing when no unexpected wait reached 5 % of the wall time. */
static gboolean
blocked_part (GString *s, const GsResult *r)
{
  guint workers;
  double total;
  const GsWait *top = top_wait (r, &workers, &total);
  if (top == NULL || top->seconds < 1e-3 || r->wall_s <= 0 ||
      top->seconds < 0.05 * r->wall_s)
    return FALSE;
  const GsWorker *k = &g_array_index (r->workers, GsWorker, top->worker);
  g_autofree char *d = dur (top->seconds);
  g_string_append_printf (s, "%s blocked %s (%.0f" NBSP "%% of the run) on %s", k->name, d,
                          100 * top->seconds / r->wall_s, top->on);
  if (workers > 1) {
    g_autofree char *a = dur (total);
    g_string_append_printf (s, " (%u workers, %s in all)", workers, a);
  }
  return TRUE;
}

/* "on average 1.1 of 16 cores were busy (93 % idle)"; where the workers
 * spent a share of their running time without a full core, that share
 * and the full cores' worth of work the cores did instead. */
static void
cores_part (GString *s, const GsResult *r, int cores)
{
  if (cores <= 0 || r->wall_s <= 0)
    return;
  double busy = cpu_total (r) / r->wall_s;
  double share = core_wait_share (r);
  if (share >= 0.05)
    g_string_append_printf (s, "the workers spent %.0f" NBSP "%% of their running time "
                            "without a full core of their own or waiting for memory "
                            "(core_wait): the %d "
                            "core%s did %.1f full cores' worth of work on average",
                            100 * share, cores, cores == 1 ? "" : "s", busy);
  else if (busy >= 0.9 * cores)
    g_string_append_printf (s, "the %d core%s busy %.0f" NBSP "%% of the run", cores,
                            cores == 1 ? " was" : "s were", MIN (100, 100 * busy / cores));
  else
    g_string_append_printf (s, "on average %.1f of %d core%s busy (%.0f" NBSP "%% idle)",
                            busy, cores, cores == 1 ? " was" : "s were",
                            100 * (1 - busy / cores));
}

char *
gs_why_point (const GsRow *row)
{
  const GsResult *r = row->result;
  if (r->workers->len == 0)
    return g_strdup ("");
  GString *s = g_string_new ("Why: ");
  gboolean gil = gil_part (s, r);
  if (gil)
    g_string_append (s, "; ");
  gboolean blocked = blocked_part (s, r);
  if (blocked)
    g_string_append (s, "; ");
  gboolean over = overhead_part (s, r);
  if (over)
    g_string_append (s, "; ");
  if (!gil && !blocked && !over)
    g_string_append (s, "no worker waited long for the GIL or on a lock; ");
  cores_part (s, r, row->cores);
  if (g_str_has_suffix (s->str, "; "))
    g_string_truncate (s, s->len - 2);
  g_string_append_c (s, '.');
  GString *out = g_string_new (NULL);
  append_wrapped (out, s->str);
  g_string_free (s, TRUE);
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Sweeps                                                                  */

static gboolean
is_numeric (const char *v)
{
  char *end;
  g_ascii_strtod (v, &end);
  return end != v && *end == '\0';
}

/* The number of distinct values of parameter P in SET's rows, or 0 if one
 * is not a number (or a row lacks it). */
static guint
numeric_values (const GsResultSet *set, guint p)
{
  guint width = ((const GsRow *) set->rows->pdata[0])->names->len;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    if (row->values->len != width || !is_numeric (row->values->pdata[p]))
      return 0;
    g_hash_table_add (seen, row->values->pdata[p]);
  }
  return g_hash_table_size (seen);
}

/* The first swept parameter whose values are all numbers, at least three
 * of them different, else the first with two (a 0/1 switch, say, says
 * less about scaling than a parameter swept along several values); -1 if
 * none.  The seed is no such axis: another draw is not more of anything. */
static int
numeric_axis (const GsResultSet *set)
{
  const GsRow *first = set->rows->pdata[0];
  int two = -1;
  for (guint p = 0; p < first->names->len; p++) {
    if (strcmp (first->names->pdata[p], "seed") == 0)
      continue;
    guint n = numeric_values (set, p);
    if (n >= 3)
      return (int) p;
    if (n == 2 && two < 0)
      two = (int) p;
  }
  return two;
}

/* "runtime = x, cores = 4": ROW's parameters but the P-th. */
static char *
others_key (const GsRow *row, guint p)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < row->names->len; i++)
    if (i != p)
      g_string_append_printf (s, "%s%s" NBSP "=" NBSP "%s", s->len ? ", " : "",
                              (const char *) row->names->pdata[i],
                              (const char *) row->values->pdata[i]);
  return g_string_free (s, FALSE);
}

/* What holds ROW back, for a sweep's sentence: a GIL wait or a wait on
 * one object of at least MIN_SHARE of the workers' time, or busy cores;
 * "" when nothing stands out. */
static char *
reason (const GsRow *row, double min_share)
{
  const GsResult *r = row->result;
  double share = gs_why_gil_share (r);
  if (share >= MAX (0.2, min_share))
    return g_strdup_printf ("the workers wait %.0f" NBSP "%% of their time for the GIL",
                            100 * share);
  guint workers;
  double total;
  const GsWait *top = top_wait (r, &workers, &total);
  double life = 0;   /* of the workers that waited on TOP's object */
  for (guint i = 0; top && i < r->waits->len; i++) {
    const GsWait *w = &g_array_index (r->waits, GsWait, i);
    if (w->worker < r->workers->len && strcmp (w->on, top->on) == 0 &&
        !expected_wait (r, w)) {
      const GsWorker *k = &g_array_index (r->workers, GsWorker, w->worker);
      life += k->end_s - k->start_s;
    }
  }
  if (top && life > 0 && total >= min_share * life && total >= 1e-3)
    return g_strdup_printf ("%s wait%s on %s %.0f" NBSP "%% of %s time",
                            workers == 1 ? "the worker" : "the workers",
                            workers == 1 ? "s" : "", top->on, 100 * total / life,
                            workers == 1 ? "its" : "their");
  guint64 count;
  const char *over = top_overhead (r, &workers, &total, &count);
  double cpu = cpu_total (r);
  if (over && cpu > 0 && total >= 1e-3 && total >= MAX (0.05, min_share) * cpu) {
    g_autofree char *words = overhead_words (over);
    return g_strdup_printf ("the workers lose %.0f" NBSP "%% of their CPU time "
                            "to %s", 100 * total / cpu, words);
  }
  if (row->cores > 0 && r->wall_s > 0 && cpu_total (r) / r->wall_s >= 0.9 * row->cores)
    return g_strdup_printf ("the %d core%s busy", row->cores,
                            row->cores == 1 ? " is" : "s are");
  double waits = core_wait_share (r);
  if (row->cores > 0 && waits >= MAX (0.1, min_share))
    return g_strdup_printf ("the workers spend %.0f" NBSP "%% of their running time "
                            "without a full core of their own or waiting for memory "
                            "(%d core%s, %.1f full "
                            "cores' worth of work)", 100 * waits, row->cores,
                            row->cores == 1 ? "" : "s",
                            r->wall_s > 0 ? cpu_total (r) / r->wall_s : 0);
  return g_strdup ("");
}

/* The sentence of one group ROWS (GsRow*, in point order) along
 * parameter P. */
static void
group_sentence (GString *out, GPtrArray *rows, guint p, const char *key)
{
  guint n = rows->len;
  double best = 0;
  for (guint i = 0; i < n; i++) {
    double sp = gs_resultset_row_speedup (rows->pdata[i]);
    if (sp <= 0)
      return;
    best = MAX (best, sp);
  }
  guint b = 0;
  while (gs_resultset_row_speedup (rows->pdata[b]) < 0.97 * best)
    b++;
  const GsRow *first = rows->pdata[0], *last = rows->pdata[n - 1], *peak = rows->pdata[b];
  const char *name = first->names->pdata[p];
  GString *s = g_string_new ("Why: ");
  if (*key)
    g_string_append_printf (s, "with %s, ", key);
  if (n == 2) {
    /* two values (a 0/1 switch, say): no trend to speak of, a comparison,
     * and what holds the slower one back */
    const GsRow *slow = gs_resultset_row_speedup (first) < gs_resultset_row_speedup (last)
                            ? first : last;
    g_string_append_printf (s, "the speedup is %.2fx at %s" NBSP "=" NBSP "%s and %.2fx "
                            "at %s" NBSP "=" NBSP "%s", gs_resultset_row_speedup (first),
                            name, (const char *) first->values->pdata[p],
                            gs_resultset_row_speedup (last), name,
                            (const char *) last->values->pdata[p]);
    g_autofree char *why = reason (slow, 0.05);
    if (*why)
      g_string_append_printf (s, "; at %s" NBSP "=" NBSP "%s %s", name,
                              (const char *) slow->values->pdata[p], why);
    g_string_append_c (s, '.');
    append_wrapped (out, s->str);
    g_string_free (s, TRUE);
    return;
  }
  if (b == n - 1)
    g_string_append_printf (s, "the speedup grows up to %s" NBSP "=" NBSP "%s (%.2fx)", name,
                            (const char *) last->values->pdata[p],
                            gs_resultset_row_speedup (last));
  else if (b == 0)
    g_string_append_printf (s, "the speedup does not grow with %s: %.2fx at %s" NBSP "="
                            NBSP "%s, %.2fx at %s" NBSP "=" NBSP "%s", name, gs_resultset_row_speedup (first),
                            name, (const char *) first->values->pdata[p],
                            gs_resultset_row_speedup (last), name,
                            (const char *) last->values->pdata[p]);
  else
    /* within 3 % of the best from the peak on: flat, not falling */
    g_string_append_printf (s, "the speedup %s %s" NBSP "=" NBSP "%s "
                            "(%.2fx); at %s" NBSP "=" NBSP "%s it is %.2fx",
                            gs_resultset_row_speedup (last) >= 0.97 * best
                                ? "levels off from" : "stops growing at", name,
                            (const char *) peak->values->pdata[p],
                            gs_resultset_row_speedup (peak), name,
                            (const char *) last->values->pdata[p],
                            gs_resultset_row_speedup (last));
  /* a speedup that grows needs no excuse unless something large looms */
  g_autofree char *why = reason (last, b == n - 1 ? 0.5 : 0.05);
  if (*why)
    g_string_append_printf (s, ": %s", why);
  g_string_append_c (s, '.');
  append_wrapped (out, s->str);
  g_string_free (s, TRUE);
}

char *
gs_why_sweep (const GsResultSet *set)
{
  if (set->rows->len < 2)
    return g_strdup ("");
  int p = numeric_axis (set);
  if (p < 0)
    return g_strdup ("");
  /* groups of rows that differ only in parameter P, in order of first point */
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) groups = g_ptr_array_new_with_free_func (
      (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    g_autofree char *key = others_key (row, (guint) p);
    guint g = 0;
    while (g < keys->len && strcmp (keys->pdata[g], key) != 0)
      g++;
    if (g == keys->len) {
      g_ptr_array_add (keys, g_steal_pointer (&key));
      g_ptr_array_add (groups, g_ptr_array_new ());
    }
    g_ptr_array_add (groups->pdata[g], (gpointer) row);
  }
  GString *out = g_string_new (NULL);
  for (guint g = 0; g < groups->len && g < MAX_GROUPS; g++) {
    GPtrArray *rows = groups->pdata[g];
    if (rows->len >= 2)
      group_sentence (out, rows, (guint) p, keys->pdata[g]);
  }
  if (groups->len > MAX_GROUPS && out->len)
    g_string_append_printf (out, "(and %u more groups: see the exports)\n",
                            groups->len - MAX_GROUPS);
  return g_string_free (out, FALSE);
}
