/* calibrate.c: which single-worker record sets which host property. */
#include "validate/calibrate.h"

#include <math.h>
#include <string.h>

#include "costs.h"
#include "platform/platform_variant.h"
#include "presets.h"
#include "startup.h"
#include "validate/cases.h"
#include "validate/record.h"

/* A fit beyond what a platform file takes is not a cost of the machine
 * but a record gone wrong. */
#define MAX_RATE GS_PLATFORM_MAX_RATE

void
gs_calibrate_fit_free (GsFit *f)
{
  if (f == NULL)
    return;
  g_free (f->element);
  g_free (f->id);
  g_free (f->attr);
  g_free (f->text);
  g_free (f->source);
  g_free (f);
}

static GsFit *
fit_new (const char *element, const char *id, const char *attr, GsDim dim,
         double before, double after, const char *source)
{
  GsFit *f = g_new0 (GsFit, 1);
  f->element = g_strdup (element);
  f->id = g_strdup (id);
  f->attr = g_strdup (attr);
  f->dim = dim;
  f->before = before;
  f->after = after;
  f->records = 1;
  f->source = g_strdup (source);
  return f;
}

GsFit *
gs_calibrate_fit_new_prop (const char *id, GsDim dim, double before, double after,
                 const char *text, const char *source)
{
  GsFit *f = fit_new ("prop", id, "value", dim, before, after, source);
  f->text = g_strdup (text);
  return f;
}

/* ---------------------------------------------------------------------- */
/* The rules                                                               */

/* The host's property ID (of the cost registry), or NAN when it has none. */
static double
prop_value (const GsPlatform *p, const GsHost *h, const char *id)
{
  const GsCostsProp *prop = gs_costs_lookup (id);
  g_return_val_if_fail (prop != NULL, NAN);
  double v = NAN;
  if (!gs_host_has (h, id) || !gs_host_get (h, p, id, prop->dim, TRUE, NAN, &v, NULL))
    return NAN;
  return v;
}

/* The largest value property ID of the cost registry may take: a fit
 * beyond it is not a cost of the machine but a record gone wrong. */
static double
prop_max (const char *id)
{
  const GsCostsProp *prop = gs_costs_lookup (id);
  g_return_val_if_fail (prop != NULL, 0);
  return prop->max;
}

/* "FILE:LINE case variant: measured 46.6ms, predicted 58.9ms" */
static char *
source_of (JsonObject *rec, const char *where, double measured, double predicted)
{
  const char *c = gs_record_str (rec, "case");
  const char *v = gs_record_str (rec, "variant");
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%s %s%s%s: measured %.4g s", where, c, v ? " " : "",
                          v ? v : "", measured);
  if (!isnan (predicted))
    g_string_append_printf (s, ", predicted %.4g s", predicted);
  return g_string_free (s, FALSE);
}

/* Property ID, paid PER times by the record, takes the whole difference
 * between measured and predicted.  Where the prediction failed (NAN) and
 * DIRECT is set, the record is nothing but those PER payments. */
static gboolean
fit_paid (GPtrArray *fits, JsonObject *rec, const char *where, const char *id,
          double per, gboolean direct, double measured, double predicted,
          const GsPlatform *p, const GsHost *h)
{
  if (isnan (per) || per <= 0)
    return FALSE;
  double before = prop_value (p, h, id);
  double after;
  if (isnan (predicted)) {
    if (!direct)
      return FALSE;
    after = measured / per;
  } else {
    after = (isnan (before) ? 0 : before) + (measured - predicted) / per;
  }
  if (!(after > 0) || after > prop_max (id))
    return FALSE;
  g_autofree char *src = source_of (rec, where, measured, predicted);
  GsFit *f = fit_new ("prop", id, "value", GS_DIM_DURATION, before, after, src);
  f->per_measured = 1 / per;
  g_ptr_array_add (fits, f);
  return TRUE;
}

/* An interpreter's start-up (`python -c pass`): python.startup when the
 * record's interpreter is SESSION_RT's version (or either is unknown),
 * else its own version's python.startup.VERSION, whose prediction, if the
 * host lacks it, was another interpreter's: then the measure alone. */
static gboolean
fit_startup (GPtrArray *fits, JsonObject *rec, const char *where,
             const GsRuntime *session_rt, double measured, double predicted,
             const GsPlatform *p, const GsHost *h)
{
  const char *version = gs_record_str (rec, "python_version");
  const GsRuntime *rt = version ? gs_runtime_lookup (gs_cases_runtime (version)) : NULL;
  if (session_rt == NULL || rt == NULL || gs_runtime_same_version (rt, session_rt))
    return fit_paid (fits, rec, where, "python.startup", 1, TRUE, measured, predicted, p, h);
  g_autofree char *id = gs_startup_prop (rt);
  if (!gs_host_has (h, id))
    predicted = NAN;
  return fit_paid (fits, rec, where, id, 1, TRUE, measured, predicted, p, h);
}

/* One thread's ITERS sleeps of 1 ms (measure.py's io-alone-sleep): a lone
 * thread's start, then the sleeps.  Where the record has its phases
 * (io_done_s less io_thread_seconds: from the run's start to the thread's
 * first time stamp), that phase less thread.start sets thread.first (a
 * host without it keeps none), and sleep.overhead takes the rest of the
 * difference; otherwise sleep.overhead takes it all.  thread.first is not
 * bootstrapped (a phase, not the record's runs). */
static gboolean
fit_sleep_convoy (GPtrArray *fits, JsonObject *rec, const char *where, double iters,
                  double measured, double predicted, const GsPlatform *p,
                  const GsHost *h)
{
  double first = prop_value (p, h, "thread.first");
  double start = prop_value (p, h, "thread.start");
  double phase = gs_record_extra (rec, "io_done_s") -
                 gs_record_extra (rec, "io_thread_seconds");
  double moved = 0;
  if (!isnan (predicted) && first > 0 && !isnan (start) && phase > start &&
      phase - start <= prop_max ("thread.first")) {
    g_autofree char *src = source_of (rec, where, measured, predicted);
    GsFit *f = fit_new ("prop", "thread.first", "value", GS_DIM_DURATION, first,
                        phase - start, src);
    f->per_measured = 0;
    g_ptr_array_add (fits, f);
    moved = phase - start - first;
  }
  return fit_paid (fits, rec, where, "sleep.overhead", iters, FALSE, measured,
                   predicted + moved, p, h) || moved != 0;
}

/* The shares of an empty child's record that went to the parent's start
 * loop, the child's start-up (its first instruction less the loop) and
 * its exit and join (the rest), from its phases (measure.py's
 * start_loop_s, child_first_start_s, child_last_end_s: medians); FALSE
 * where the record has no such phases. */
static gboolean
process_phases (JsonObject *rec, double share[3])
{
  double loop = gs_record_extra (rec, "start_loop_s");
  double start = gs_record_extra (rec, "child_first_start_s");
  double end = gs_record_extra (rec, "child_last_end_s");
  double wall = gs_record_num (rec, "wall_seconds_median");
  double part[3] = { loop, start - loop, wall - end };
  if (!(loop > 0 && part[1] > 0 && part[2] > 0 && end >= start))
    return FALSE;
  for (int k = 0; k < 3; k++)
    share[k] = part[k] / wall;
  return TRUE;
}

/* An empty process of METHOD: its costs (a lone start pays the parent's
 * `first` too) take the difference together (the record pays each
 * once): split as the record's phases split its time where it has them
 * (the parent's two in the host's proportion), in the host's proportions
 * otherwise.  A host without `first` keeps none. */
static gboolean
fit_process (GPtrArray *fits, JsonObject *rec, const char *where, const char *method,
             double measured, double predicted, const GsPlatform *p, const GsHost *h)
{
  static const char *const parts[] = { "parent", "child", "exit", "first" }; /* first last */
  enum { N_PARTS = G_N_ELEMENTS (parts) };
  double before[N_PARTS], sum = 0;
  char *ids[N_PARTS];
  for (int k = 0; k < N_PARTS; k++) {
    ids[k] = g_strdup_printf ("process.%s.%s", method, parts[k]);
    before[k] = prop_value (p, h, ids[k]);
    if (k == 3 && isnan (before[k]))
      before[k] = 0;  /* optional: 0 by default, and stays so */
    sum += before[k];
  }
  double total = sum + (measured - predicted);
  gboolean ok = !isnan (predicted) && !isnan (sum) && sum > 0 && total > 0;
  /* each part's share of the total */
  double share[N_PARTS], phase[3];
  for (int k = 0; k < N_PARTS; k++)
    share[k] = ok ? before[k] / sum : 0;
  if (ok && process_phases (rec, phase)) {
    double parent = before[0] + before[3];
    double scale = phase[0] + phase[1] + phase[2];
    share[0] = phase[0] / scale * before[0] / parent;
    share[3] = phase[0] / scale * before[3] / parent;
    share[1] = phase[1] / scale;
    share[2] = phase[2] / scale;
  }
  for (int k = 0; k < N_PARTS && ok; k++)
    ok = share[k] * total <= prop_max (ids[k]);
  g_autofree char *src = source_of (rec, where, measured, predicted);
  for (int k = 0; k < N_PARTS; k++) {
    if (ok && (k < 3 || before[k] > 0)) {
      GsFit *fit = fit_new ("prop", ids[k], "value", GS_DIM_DURATION, before[k],
                            share[k] * total, src);
      fit->per_measured = share[k];
      g_ptr_array_add (fits, fit);
    }
    g_free (ids[k]);
  }
  return ok;
}

/* One thread writing work.bytes in work.chunk calls, fsync, and reading
 * them back: the host's first disk's bandwidths, from the record's own
 * phase times (what the calls' latency, the fsync and the page cache's
 * copies take is left out). */
static gboolean
fit_disk (GPtrArray *fits, JsonObject *rec, const char *where, const GsPlatform *p,
          const GsHost *h)
{
  if (h->disks->len == 0)
    return FALSE;
  const GsDisk *d = h->disks->pdata[0];
  JsonObject *work = gs_record_obj (rec, "work");
  double bytes = gs_record_num (work, "bytes");
  double chunk = gs_record_num (work, "chunk");
  double w = gs_record_extra (rec, "write_fsync_median_s");
  double r = gs_record_extra (rec, "read_median_s");
  JsonNode *fs = work ? json_object_get_member (work, "fsync") : NULL;
  gboolean fsync = fs == NULL || (JSON_NODE_HOLDS_VALUE (fs) && json_node_get_boolean (fs));
  GsCosts costs;
  gs_host_costs (h, p, &costs, NULL);
  double lat = costs.disk_latency, fsync_cost = costs.disk_fsync;
  if (isnan (bytes) || bytes <= 0)
    return FALSE;
  double calls = !isnan (chunk) && chunk >= 1 ? ceil (bytes / chunk - 1e-9) : 1;
  /* the copies into and out of the page cache are the thread's own
   * (disk.cache_write, disk.cache_read): only the rest is the device's */
  double wlat = costs.disk_cache_write > 0 ? 0 : calls * lat;  /* cached: no requests */
  double wt = w - wlat - (fsync ? fsync_cost : 0) - bytes * costs.disk_cache_write;
  double rt = r - calls * lat - bytes * costs.disk_cache_read;
  if (!(wt > 0) || !(rt > 0) || bytes / wt > MAX_RATE || bytes / rt > MAX_RATE)
    return FALSE;
  g_autofree char *src = g_strdup_printf ("%s file_io_threads N=1: %.0f bytes written "
                                          "and fsync-ed in %.4g s, read in %.4g s",
                                          where, bytes, w, r);
  g_ptr_array_add (fits, fit_new ("disk", d->id, "read_bw", GS_DIM_BANDWIDTH,
                                  d->read_bw, bytes / rt, src));
  g_ptr_array_add (fits, fit_new ("disk", d->id, "write_bw", GS_DIM_BANDWIDTH,
                                  d->write_bw, bytes / wt, src));
  return TRUE;
}

gboolean
gs_calibrate_record (JsonObject *rec, const char *where, double measured_s,
                     double predicted_s, const GsPlatform *platform,
                     const GsHost *host, GsCalibrateStage stage,
                     const GsRuntime *session_rt, GPtrArray *fits)
{
  const char *c = gs_record_str (rec, "case");
  const char *v = gs_record_str (rec, "variant");
  const char *kind = gs_record_str (rec, "kind");
  double n = gs_record_num (rec, "n_workers");
  if (isnan (n))
    n = gs_record_num (rec, "N");
  JsonObject *work = gs_record_obj (rec, "work");
  if (c == NULL || isnan (measured_s) || measured_s <= 0 || (!isnan (n) && n != 1))
    return FALSE;
  v = v ? v : "";
  const double m = measured_s, pr = predicted_s;
  const GsPlatform *p = platform;
  const GsHost *h = host;

  if (stage == GS_CALIBRATE_IMPORTS) {
    /* run_seed.py's programs with one worker: what is left is the import */
    static const char *const seeds[][2] = {
      { "seed_io_threads", "import.threading" },
      { "seed_cpu_processes", "import.multiprocessing" },
      { "seed_numpy_threads", "import.numpy" },
    };
    for (gsize k = 0; k < G_N_ELEMENTS (seeds); k++)
      if (strcmp (c, seeds[k][0]) == 0)
        return fit_paid (fits, rec, where, seeds[k][1], 1, FALSE, m, pr, p, h);
    return FALSE;
  }

  if (strcmp (c, "interpreter_start") == 0)
    return fit_startup (fits, rec, where, session_rt, m, pr, p, h);
  if (strcmp (c, "hashlib_threads") == 0 && strcmp (v, "calib-main") == 0)
    return fit_paid (fits, rec, where, "cost.hashlib.sha256",
                     gs_record_num (work, "bytes"), TRUE, m, pr, p, h);
  if (strcmp (c, "numpy_threads") == 0 && g_str_has_prefix (v, "calib-")) {
    const char *prop = strcmp (v, "calib-rand") == 0        ? "cost.numpy.random.rand"
                       : strcmp (v, "calib-sum") == 0        ? "cost.numpy.sum"
                       : strcmp (v, "calib-rng.random") == 0 ? "cost.numpy.rng.random"
                                                             : NULL;
    return prop && fit_paid (fits, rec, where, prop, gs_record_num (work, "elements"),
                             TRUE, m, pr, p, h);
  }
  if (strcmp (c, "native_presets") == 0 && g_strcmp0 (kind, "main") == 0) {
    const GsPreset *pre = gs_preset_lookup (v);
    if (pre == NULL)
      return FALSE;
    double size = gs_record_num (work, pre->arg == GS_DIM_SIZE ? "bytes" : "elements");
    return fit_paid (fits, rec, where, pre->cost_prop, size, TRUE, m, pr, p, h);
  }
  /* one thread's long sleep and the main thread's join of it: each wakes
   * a halted vCPU */
  if (strcmp (c, "io_threads") == 0 && strcmp (v, "sleep") == 0)
    return fit_paid (fits, rec, where, "os.halt_wake", 2, FALSE, m, pr, p, h);
  if (strcmp (c, "mixed_convoy") == 0 && strcmp (v, "io-alone-sleep") == 0)
    return fit_sleep_convoy (fits, rec, where, gs_record_num (work, "io_iters"), m, pr,
                             p, h);
  if (strcmp (c, "cpu_processes") == 0 && g_str_has_suffix (v, "-empty")) {
    const char *method = gs_record_str (rec, "start_method");
    if (method == NULL || !(strcmp (method, "fork") == 0 || strcmp (method, "spawn") == 0 ||
                            strcmp (method, "forkserver") == 0))
      return FALSE;
    return fit_process (fits, rec, where, method, m, pr, p, h);
  }
  if (strcmp (c, "file_io_threads") == 0)
    return fit_disk (fits, rec, where, p, h);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Merging and writing                                                     */

static gboolean
same_target (const GsFit *a, const GsFit *b)
{
  return strcmp (a->element, b->element) == 0 && strcmp (a->id, b->id) == 0 &&
         strcmp (a->attr, b->attr) == 0;
}

GPtrArray *
gs_calibrate_merge (GPtrArray *fits)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  for (guint i = 0; i < fits->len; i++) {
    const GsFit *f = fits->pdata[i];
    GsFit *into = NULL;
    for (guint k = 0; k < out->len && into == NULL; k++)
      if (same_target (out->pdata[k], f))
        into = out->pdata[k];
    if (into == NULL) {
      GsFit *g = fit_new (f->element, f->id, f->attr, f->dim, f->before, f->after, f->source);
      g->text = g_strdup (f->text);
      g_ptr_array_add (out, g);
      continue;
    }
    /* running mean; a string keeps its first value */
    into->after += (f->after - into->after) / (into->records + 1);
    into->records++;
  }
  return out;
}

char *
gs_calibrate_fit_value_text (const GsFit *f)
{
  if (f->dim == GS_DIM_STRING)
    return g_strdup (f->text ? f->text : "");
  if (f->dim == GS_DIM_BANDWIDTH)
    return g_strdup_printf ("%.4gMBps", f->after / 1e6);
  static const struct { const char *unit; double factor; } units[] = {
    { "s", 1 }, { "ms", 1e-3 }, { "us", 1e-6 }, { "ns", 1e-9 },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (units); k++)
    if (f->after >= units[k].factor || k + 1 == G_N_ELEMENTS (units)) {
      char num[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd (num, sizeof num, "%.4g", f->after / units[k].factor);
      return g_strdup_printf ("%s%s", num, units[k].unit);
    }
  g_assert_not_reached ();
}

/* S with every "--" broken, so that it can stand in an XML comment. */
static char *
comment_safe (const char *s)
{
  GString *out = g_string_new (NULL);
  for (const char *p = s; *p; p++) {
    g_string_append_c (out, *p);
    if (p[0] == '-' && (p[1] == '-' || p[1] == '\0'))
      g_string_append_c (out, ' ');
  }
  return g_string_free (out, FALSE);
}

char *
gs_calibrate_apply (const char *text, const char *path, const GsHost *host,
                    GPtrArray *fits, const char *header, GError **error)
{
  g_autofree char *cur = g_strdup (text);
  GString *listing = g_string_new (NULL);
  for (guint i = 0; i < fits->len; i++) {
    const GsFit *f = fits->pdata[i];
    g_autofree char *value = gs_calibrate_fit_value_text (f);
    char *next = gs_platform_variant_set (cur, host->id, f->element, f->id, f->attr, value);
    if (next == NULL && strcmp (f->element, "prop") == 0)
      next = gs_platform_variant_add_prop (cur, host->id, f->id, value,
                                           "added by calibration");
    if (next == NULL) {
      g_string_free (listing, TRUE);
      g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_INVALID,
                   "%s:%d:1: cannot find where to set %s of host '%s'; write the "
                   "host's elements one tag each, with quoted attributes",
                   path, host->line, f->id, host->id);
      return NULL;
    }
    g_free (cur);
    cur = next;
    g_autofree char *src = comment_safe (f->source);
    g_string_append_printf (listing, "    %s%s%s = %s, from %s", f->id,
                            strcmp (f->attr, "value") ? " " : "",
                            strcmp (f->attr, "value") ? f->attr : "", value, src);
    if (f->records > 1)
      g_string_append_printf (listing, " and %u more", f->records - 1);
    g_string_append_c (listing, '\n');
  }
  if (header == NULL) {
    g_string_free (listing, TRUE);
    return g_steal_pointer (&cur);
  }
  const char *at = cur;
  while ((at = strstr (at, "<")) != NULL && !g_str_has_prefix (at, "<platform")) {
    at = g_str_has_prefix (at, "<!--") ? strstr (at, "-->") : at + 1;
    if (at == NULL)
      break;
  }
  g_autofree char *h = comment_safe (header);
  g_autofree char *list = g_string_free (listing, FALSE);
  if (at == NULL)
    at = cur;
  return g_strdup_printf ("%.*s<!--\n  %s\n%s-->\n%s", (int) (at - cur), cur, h, list, at);
}
