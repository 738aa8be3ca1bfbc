/* session.c: a measured session's loop speed and costs, from its own records. */
#include "validate/session.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "escape.h"
#include "runtime.h"
#include "engine/noise.h"
#include "validate/bootstrap.h"
#include "validate/calibrate.h"
#include "validate/prediction.h"
#include "validate/validate.h"

/* ---------------------------------------------------------------------- */
/* The loop's speed                                                        */

/* The mean of the scales in V, or 1 if there are none. */
static double
mean_of (const GArray *v)
{
  double sum = 0;
  for (guint k = 0; k < v->len; k++)
    sum += g_array_index (v, double, k);
  return v->len ? sum / v->len : 1.0;
}

/* The runs behind the session's loop speed, for its bootstrap
 * (bootstrap.h): each record's scales one after the other. */
typedef struct {
  GArray *scales;   /* double */
  GArray *counts;   /* guint: how many scales each record has */
  GArray *keys;     /* guint64: each record's row */
  GArray *main;     /* gboolean: a record of kind "main" */
  guint worker_records;
  gboolean done;    /* the loop speed was rescaled */
  double jitter;    /* the machine's cpu.speed_jitter (record_speed) */
} LoopDraw;

static void
loop_draw_clear (LoopDraw *l)
{
  g_array_unref (l->scales);
  g_array_unref (l->counts);
  g_array_unref (l->keys);
  g_array_unref (l->main);
}

/* Keeps the records' speed draws apart from the runs' own. */
#define RECORD_SPEED_TAG 0x2ec02d5eULL

/* The machine's speed while the record of row ROW ran, in SAMPLE: a
 * record measures its one time of the machine, whose speed moves from one
 * record to the next by cpu.speed_jitter JITTER (engine/noise.h), as the
 * predicted record's own does in the sample's simulation.  1 in sample 0
 * or without jitter. */
static double
record_speed (guint64 row, guint sample, double jitter)
{
  return gs_noise_machine_factor (row ^ RECORD_SPEED_TAG, sample, jitter);
}

/* Keeps the records' start-up and disk draws apart from the runs' own. */
#define RECORD_START_TAG 0x57a27ed0ULL

/* The state of the vCPU that the child of the spawn record of row ROW
 * started on, in SAMPLE: a time factor of mean 1 drawn as a spawned
 * child's start-up in the sample's simulation (engine/noise.h,
 * cpu.start_slow_factor R, cpu.slow_fraction P): the record measured one
 * child's start-up, on one vCPU.  The same for the interpreter's start-up
 * that a whole-process record (run_seed.py's) paid.  1 in sample 0. */
static double
record_start (guint64 row, guint sample, double p, double r)
{
  return gs_noise_start_factor (row ^ RECORD_START_TAG, sample, p, r);
}

/* The mean of the scales of L's records of kind "main" (WHICH 0), of the
 * workers (1) or of all (2), in SAMPLE (0: the plain mean): each record's
 * runs drawn again (bootstrap.h) and its speed (record_speed), pooled by
 * their numbers of runs. */
static double
loop_draw_mean (const LoopDraw *l, int which, guint sample)
{
  double sum = 0;
  guint total = 0, at = 0;
  for (guint r = 0; r < l->counts->len; r++) {
    guint n = g_array_index (l->counts, guint, r);
    gboolean m = g_array_index (l->main, gboolean, r);
    guint64 key = g_array_index (l->keys, guint64, r);
    if (n && (which == 2 || (which == 0) == m)) {
      double mean = gs_bootstrap_mean (&g_array_index (l->scales, double, at), n, key, sample);
      sum += n * mean / record_speed (key, sample, l->jitter);
      total += n;
    }
    at += n;
  }
  return total ? sum / total : NAN;
}

/* The loop speeds of workers (*WORKER) and of the main thread (*MAIN) in
 * SAMPLE, chosen as recalibrate chooses them. */
static void
loop_draw_speeds (const LoopDraw *l, guint sample, double *worker, double *main_thread)
{
  gboolean workers = l->worker_records >= 2;
  *worker = loop_draw_mean (l, workers ? 1 : 2, sample);
  double m = loop_draw_mean (l, 0, sample);
  *main_thread = !isnan (m) && workers ? m : *worker;
}

/* How many seconds row V's predicted time moves per unit of its loop
 * scale, around scale 1 (V predicted at scale 1, J->python its Python
 * loop time there).  J->python itself, but on a host whose lone work
 * escapes its slow vCPUs (models/escape.h): there, a loop past the escape
 * point costs 1/m of its time, and the record's time is E(W), not W, so
 * that a scale read as if it were W would be short of the real one (a
 * long lone loop's, cpu-alone's, by 1 - 1/m of its difference).  The
 * slope is then the secant of the model's own predictions, at 1 and at
 * the scale the record's mean would give read linearly: exact where the
 * loop is all before or all past the point, as the model is linear
 * there.  V and J are left as they were. */
static double
loop_slope (GsValidation *v, GsPrediction *j, const GsPlatform *platform,
            const GsHost *host)
{
  GsCosts c;
  double python = j->python;
  if (!gs_host_costs (host, platform, &c, NULL) ||
      !gs_escape_enabled (c.cpu_slow_fraction, c.cpu_slow_factor, c.cpu_slow_escape))
    return python;
  double s1 = CLAMP (1 + (v->measured_s - v->predicted_s) / python, 0.5, 2.0);
  if (fabs (s1 - 1) < 1e-6)
    return python;
  GsValidation saved = *v;
  double pred0 = v->predicted_s;
  double slope = python;
  if (gs_prediction_run (v, j, platform, host, s1) && v->predicted_s > 0 &&
      (v->predicted_s - pred0) / (s1 - 1) > 0)
    slope = (v->predicted_s - pred0) / (s1 - 1);
  g_free (v->skipped);
  *v = saved;
  j->python = python;
  return slope;
}

/* The session's loop speed: each single-worker record whose prediction is
 * mostly Python loop says how fast the loop ran in that session, once per
 * run.  These machines' virtual CPUs run at a fast or a slow speed that
 * changes from second to second, so one run samples one speed or a mix;
 * what the simulator predicts is the expected time, whose loop cost is the
 * mean of those samples (the median would pick one of the two speeds); a
 * run that is not a speed difference either (below) is left out.
 *
 * Where the loop runs matters too: on the 16-core machine, in both sessions
 * measured, a forked or spawned child ran the loop at 58 to 70 ns an
 * iteration (its own child_work timing) and a lone worker thread at 55 to
 * 73, while the main thread's calib_cpu ran it at 38 to 54.  Every
 * multi-worker record runs its loops in workers, so the workers' records
 * (threads and processes) set the speed of every record but those of kind
 * "main", which the main thread's records set.  A file with fewer than two
 * worker records uses all of them for both.
 *
 * Those records become calibration.  A record without its runs counts once,
 * with its median.  A file with only one such record (run_seed.py's has one)
 * keeps the platform's speed.  Returns TRUE when it rescaled. */
static gboolean
recalibrate (GPtrArray *rows, GPtrArray *jobs, const GsPlatform *platform,
             const GsHost *host, LoopDraw *draw)
{
  g_autoptr (GArray) main_scales = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) worker_scales = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) all_scales = g_array_new (FALSE, FALSE, sizeof (double));
  guint records = 0, worker_records = 0;
  g_autoptr (GPtrArray) used = g_ptr_array_new ();  /* the GsValidation * */
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (v->skipped || v->calibration || v->n_workers != 1 ||
        j->python < 0.5 * v->predicted_s)
      continue;
    double slope = loop_slope (v, j, platform, host);
    double scale = 1 + (v->measured_s - v->predicted_s) / slope;
    if (scale < 0.5 || scale > 2.0)
      continue;  /* not a speed difference: leave it out */
    records++;
    if (!j->main_only)
      worker_records++;
    g_ptr_array_add (used, v);
    GArray *into = j->main_only ? main_scales : worker_scales;
    guint before = into->len;
    for (guint k = 0; k < j->runs->len; k++) {
      double run = g_array_index (j->runs, double, k);
      double s = 1 + (run - v->predicted_s) / slope;
      if (s >= 0.5 && s <= 2.0)  /* as above, for each run */
        g_array_append_val (into, s);
    }
    if (into->len == before)  /* no runs: the median stands for them */
      g_array_append_val (into, scale);
    g_array_append_vals (all_scales, &g_array_index (into, double, before),
                         into->len - before);
    guint n = into->len - before;
    guint64 key = i;
    gboolean is_main = j->main_only;
    g_array_append_vals (draw->scales, &g_array_index (into, double, before), n);
    g_array_append_val (draw->counts, n);
    g_array_append_val (draw->keys, key);
    g_array_append_val (draw->main, is_main);
  }
  if (records < 2)
    return FALSE;  /* one draw of a machine whose speed jumps says too little:
              * keep the platform's speed */
  for (guint i = 0; i < used->len; i++)
    ((GsValidation *) used->pdata[i])->calibration = TRUE;
  draw->worker_records = worker_records;
  draw->done = TRUE;
  double worker = mean_of (worker_records >= 2 ? worker_scales : all_scales);
  double main_thread = main_scales->len && worker_records >= 2 ? mean_of (main_scales)
                                                               : worker;
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (!v->skipped)
      gs_prediction_run (v, j, platform, host, j->main_only ? main_thread : worker);
  }
  return TRUE;
}


/* The row of the session's first worker record (the one that runs
 * Python with the workers' runtime), or -1 when there is none. */
static int
first_worker (GPtrArray *rows, GPtrArray *jobs)
{
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (!v->skipped && !j->main_only && j->built)
      return (int) i;
  }
  return -1;
}

/* The session's interpreter (python.version's): its workers' runtime,
 * else its first record's (a session of start-ups alone: --python's comes
 * first), or NULL. */
static const GsRuntime *
session_runtime (GPtrArray *rows, GPtrArray *jobs)
{
  int i = first_worker (rows, jobs);
  for (guint k = 0; i < 0 && k < jobs->len; k++)
    if (((GsPrediction *) jobs->pdata[k])->built)
      i = (int) k;
  return i < 0 ? NULL : gs_runtime_lookup (((GsPrediction *) jobs->pdata[i])->runtime);
}

/* The session's python.loop and python.version, as fits, from the worker
 * records' loop speed (what `gilsim calibrate` writes). */
static void
loop_fits (GPtrArray *rows, GPtrArray *jobs, const GsPlatform *platform,
           const GsHost *host, GPtrArray *into)
{
  int first = first_worker (rows, jobs);
  if (first < 0)
    return;
  double scale = ((GsValidation *) rows->pdata[first])->loop_scale;
  const GsRuntime *rt = gs_runtime_lookup (((GsPrediction *) jobs->pdata[first])->runtime);
  GsCosts costs;
  if (rt == NULL || !gs_host_costs (host, platform, &costs, NULL) || !costs.has_python_loop)
    return;
  double loop = costs.python_loop;
  double at_version = loop * gs_runtime_cost_ratio (rt, costs.python_version);
  g_autofree char *v = g_strdup_printf ("%d.%d", rt->major, rt->minor);
  g_autofree char *src = g_strdup_printf ("the workers' single-worker loop records: "
                                          "%.3f times the platform's loop at %s", scale,
                                          rt->name);
  g_ptr_array_add (into, gs_calibrate_fit_new_prop ("python.version", GS_DIM_STRING, NAN, NAN, v, src));
  g_ptr_array_add (into, gs_calibrate_fit_new_prop ("python.loop", GS_DIM_DURATION, loop,
                                          at_version * scale, NULL, src));
}

/* ---------------------------------------------------------------------- */
/* The session's costs                                                     */

/* The session's platform: the base one with the costs that the file's own
 * single-worker records set (calibrate.h), written to a temporary file for
 * SimGrid. */
typedef struct {
  const GsPlatform *base;
  const GsHost *base_host;
  char *base_text;
  char *dir, *file;
  GsPlatform *platform;   /* the latest, or NULL */
  const GsHost *host;     /* the host in it */
  GPtrArray *fits;        /* GsFit *, every record's, in order */
  GArray *fit_rows;       /* guint: the row of each of fits */
  char *sample_file;      /* a sample's platform (bootstrap.h), or NULL */
  double jitter;          /* the base host's cpu.speed_jitter */
  double slow_p, start_r; /* its cpu.slow_fraction, cpu.start_slow_factor */
  double disk_jitter;     /* its disk.speed_jitter */
  double startup;         /* its python.startup */
} Session;

static void
session_clear (Session *s)
{
  if (s->file)
    g_remove (s->file);
  if (s->sample_file)
    g_remove (s->sample_file);
  g_free (s->sample_file);
  if (s->fit_rows)
    g_array_unref (s->fit_rows);
  if (s->dir)
    g_rmdir (s->dir);
  g_free (s->file);
  g_free (s->dir);
  g_free (s->base_text);
  gs_platform_free (s->platform);
  if (s->fits)
    g_ptr_array_unref (s->fits);
}

/* The expected time of a record: the mean of its runs, or its median.  As
 * for the loop's speed, a run more than twice or less than half the median
 * is not a speed of the machine (a first call's warm-up, another program)
 * and is left out. */
static GArray *
runs_of (const GsValidation *v, const GsPrediction *j)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint k = 0; k < j->runs->len; k++) {
    double run = g_array_index (j->runs, double, k);
    if (run >= 0.5 * v->measured_s && run <= 2 * v->measured_s)
      g_array_append_val (runs, run);
  }
  return runs;
}

/* The record's expected time in SAMPLE: the mean of its runs (above) as
 * bootstrap.h draws it (sample 0: the plain mean), or its median. */
static double
expected_of (const GsValidation *v, const GsPrediction *j, guint64 key, guint sample)
{
  g_autoptr (GArray) runs = runs_of (v, j);
  return runs->len ? gs_bootstrap_mean ((double *) runs->data, runs->len, key, sample)
                   : v->measured_s;
}

/* Predicts every row that has a scenario again, on PLATFORM, each with the
 * loop speed it had. */
static void
repredict (GPtrArray *rows, GPtrArray *jobs, const GsPlatform *platform,
           const GsHost *host)
{
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (!j->built)
      continue;
    g_clear_pointer (&v->skipped, g_free);
    gs_prediction_run (v, j, platform, host, v->loop_scale);
  }
}

/* The session's platform is a temporary file whose name changes from run
 * to run: messages about it name the platform it was made from. */
static void
name_base (GPtrArray *rows, const Session *s)
{
  if (s->file == NULL)
    return;
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    if (v->skipped == NULL || strstr (v->skipped, s->file) == NULL)
      continue;
    GString *m = g_string_new (v->skipped);
    g_string_replace (m, s->file, s->base->path, 0);
    g_free (v->skipped);
    v->skipped = g_string_free (m, FALSE);
  }
}

static gboolean session_write (Session *s, GPtrArray *rows, GPtrArray *jobs, GError **error);

/* Lets the records set the costs of STAGE; when any did, writes the
 * session's platform again and predicts every row on it.  A record that
 * set a cost becomes calibration.  Fails (G_FILE_ERROR or
 * GS_PLATFORM_ERROR) only when the platform cannot be written or read. */
static gboolean
session_stage (Session *s, GPtrArray *rows, GPtrArray *jobs, GsCalibrateStage stage,
               GError **error)
{
  const GsPlatform *p = s->platform ? s->platform : s->base;
  const GsHost *h = s->platform ? s->host : s->base_host;
  guint before = s->fits->len;
  const GsRuntime *rt = session_runtime (rows, jobs);
  for (guint i = 0; i < rows->len; i++) {
    GsValidation *v = rows->pdata[i];
    GsPrediction *j = jobs->pdata[i];
    if (!j->built || v->calibration)
      continue;
    double predicted = v->skipped ? NAN : v->predicted_s;
    if (gs_calibrate_record (json_node_get_object (j->rec), j->where,
                             expected_of (v, j, i, 0), predicted, p, h, stage, rt,
                             s->fits))
      v->calibration = TRUE;
    while (s->fit_rows->len < s->fits->len)
      g_array_append_val (s->fit_rows, i);
  }
  if (s->fits->len == before)
    return TRUE;
  return session_write (s, rows, jobs, error);
}

/* Writes the session's platform again, the base one with every fit so
 * far, and predicts every row on it.  Fails as session_stage does. */
static gboolean
session_write (Session *s, GPtrArray *rows, GPtrArray *jobs, GError **error)
{
  if (s->base_text == NULL &&
      !g_file_get_contents (s->base->path, &s->base_text, NULL, error))
    return FALSE;
  if (s->dir == NULL && (s->dir = g_dir_make_tmp ("gilsim-session-XXXXXX", error)) == NULL)
    return FALSE;
  g_autoptr (GPtrArray) merged = gs_calibrate_merge (s->fits);
  g_autofree char *text = gs_calibrate_apply (s->base_text, s->base->path, s->base_host,
                                              merged, NULL, error);
  if (text == NULL)
    return FALSE;
  g_free (s->file);
  s->file = g_build_filename (s->dir, "session.xml", NULL);
  if (!g_file_set_contents (s->file, text, -1, error))
    return FALSE;
  GsPlatform *np = gs_platform_parse (s->file, text, strlen (text), error);
  if (np == NULL)
    return FALSE;
  gs_platform_free (s->platform);
  s->platform = np;
  s->host = gs_platform_host (np, s->base_host->id);
  repredict (rows, jobs, s->platform, s->host);
  return TRUE;
}

/* On a host whose lone work escapes its slow vCPUs (models/escape.h), an
 * import that a seed program's one-worker record sets (fits FROM on) is
 * lone Python work that may run past the escape point, where a second of
 * cost takes 1/m of a second: the record's difference, taken whole as
 * calibrate.h does, falls short of the cost that reproduces the record.
 * Each such fit is moved once more along the secant of the model's two
 * predictions of its record (before the fit and after it), and the
 * session's platform written again.  Nothing on another host.  Fails as
 * session_stage does. */
static gboolean
session_refine_imports (Session *s, GPtrArray *rows, GPtrArray *jobs, guint from,
                        GError **error)
{
  GsCosts c;
  if (s->platform == NULL || !gs_host_costs (s->host, s->platform, &c, NULL) ||
      !gs_escape_enabled (c.cpu_slow_fraction, c.cpu_slow_factor, c.cpu_slow_escape))
    return TRUE;
  gboolean moved = FALSE;
  for (guint k = from; k < s->fits->len; k++) {
    GsFit *f = s->fits->pdata[k];
    guint row = g_array_index (s->fit_rows, guint, k);
    const GsValidation *v = rows->pdata[row];
    const GsPrediction *j = jobs->pdata[row];
    double before = isnan (f->before) ? 0 : f->before, step = f->after - before;
    if (!g_str_has_prefix (f->id, "import.") || v->skipped || fabs (step) < 1e-12)
      continue;
    double measured = expected_of (v, j, row, 0);
    double pred0 = measured - step / f->per_measured;  /* as calibrate.h fitted it */
    double slope = (v->predicted_s - pred0) / step;
    double after = f->after + (measured - v->predicted_s) / slope;
    if (slope > 0 && after > 0) {
      f->after = after;
      moved = TRUE;
    }
  }
  return !moved || session_write (s, rows, jobs, error);
}

/* ---------------------------------------------------------------------- */
/* Drawn samples                                                           */

/* Whether fit F is CPU work, which the machine's speed moves: a native
 * cost, a process's start or exit, the interpreter's start-up or an
 * import (not a sleep's overhead, a vCPU's wake-up or a disk). */
static gboolean
cpu_fit (const GsFit *f)
{
  static const char *const prefixes[] = { "cost.", "process.", "python.", "import." };
  if (g_strcmp0 (f->element, "prop") != 0 || f->dim == GS_DIM_STRING)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (f->id, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* The interpreter's start-up in the fits DRAWN (python.startup as a
 * record set it), or the base host's; the first such fit in FIT (NULL:
 * none). */
static double
startup_of (const Session *s, GArray *drawn, guint *fit)
{
  for (guint i = 0; i < drawn->len; i++) {
    const GsFit *f = &g_array_index (drawn, GsFit, i);
    if (strcmp (f->id, "python.startup") == 0) {
      *fit = i;
      return f->after;
    }
  }
  *fit = G_MAXUINT;
  return s->startup;
}

/* The imports' fits in DRAWN, of SAMPLE, moved by the start-ups their
 * records paid: an import's record (run_seed.py's program with one
 * worker) is a whole process, whose interpreter start-up ran on a vCPU
 * of its own state (record_start), so that what is left for the import
 * is its measured time less the sample's start-up at that state, not
 * less the calibration's start-up at the mean.  FITS are the calibration's
 * own (sample 0). */
static void
imports_moved (Session *s, GArray *drawn, guint sample)
{
  guint at;
  double base = startup_of (s, drawn, &at), cal = s->startup;
  if (at != G_MAXUINT)
    cal = ((const GsFit *) s->fits->pdata[at])->after;
  for (guint i = 0; i < drawn->len; i++) {
    GsFit *f = &g_array_index (drawn, GsFit, i);
    if (!g_str_has_prefix (f->id, "import.") || !(base > 0))
      continue;
    guint row = g_array_index (s->fit_rows, guint, i);
    double paid = base * record_start (row, sample, s->slow_p, s->start_r);
    if (f->after + cal - paid > 0)
      f->after += cal - paid;
  }
}

/* The session's platform in SAMPLE: every fit moved by its record's runs
 * as drawn (bootstrap.h) and, for CPU work, by its record's speed as
 * drawn (record_speed), a start-up by its record's vCPU state
 * (record_start, imports_moved), written to its own file; NULL in *OUT
 * when the records set no cost.  Fails as session_stage does. */
static gboolean
sample_platform (Session *s, GPtrArray *rows, GPtrArray *jobs, guint sample,
                 GsPlatform **out, GError **error)
{
  *out = NULL;
  if (s->fits->len == 0 || s->base_text == NULL)
    return TRUE;
  g_autoptr (GArray) drawn = g_array_sized_new (FALSE, FALSE, sizeof (GsFit), s->fits->len);
  g_autoptr (GPtrArray) ptrs = g_ptr_array_new ();
  for (guint i = 0; i < s->fits->len; i++) {
    GsFit f = *(const GsFit *) s->fits->pdata[i];  /* its strings borrowed */
    guint row = g_array_index (s->fit_rows, guint, i);
    const GsValidation *v = rows->pdata[row];
    const GsPrediction *j = jobs->pdata[row];
    double after = f.after + f.per_measured * (expected_of (v, j, row, sample) -
                                               expected_of (v, j, row, 0));
    if (cpu_fit (&f))
      after /= record_speed (row, sample, s->jitter);
    if (strcmp (f.id, "process.spawn.child") == 0 || strcmp (f.id, "python.startup") == 0)
      after /= record_start (row, sample, s->slow_p, s->start_r);
    if (strcmp (f.element, "disk") == 0)  /* a bandwidth */
      after *= gs_noise_disk_factor (row ^ RECORD_START_TAG, sample,
                                     strcmp (f.attr, "read_bw") == 0, s->disk_jitter);
    if (f.dim != GS_DIM_STRING && after > 0)
      f.after = after;
    g_array_append_val (drawn, f);
  }
  imports_moved (s, drawn, sample);
  for (guint i = 0; i < drawn->len; i++)
    g_ptr_array_add (ptrs, &g_array_index (drawn, GsFit, i));
  g_autoptr (GPtrArray) merged = gs_calibrate_merge (ptrs);
  g_autofree char *text = gs_calibrate_apply (s->base_text, s->base->path, s->base_host,
                                              merged, NULL, error);
  if (text == NULL)
    return FALSE;
  if (s->sample_file == NULL)
    s->sample_file = g_build_filename (s->dir, "sample.xml", NULL);
  if (!g_file_set_contents (s->sample_file, text, -1, error))
    return FALSE;
  *out = gs_platform_parse (s->sample_file, text, strlen (text), error);
  return *out != NULL;
}

static void
array_unref0 (GArray *a)
{
  if (a)
    g_array_unref (a);
}

/* Predicts every row but calibration ones SAMPLES more times, sample k on
 * the session's platform and loop speed of its calibration's bootstrap k
 * (bootstrap.h, LOOP) with the machine's random effects drawn, and sets
 * their predicted intervals.  Fails as session_stage does. */
static gboolean
sample_rows (Session *s, const LoopDraw *loop, GPtrArray *rows, GPtrArray *jobs,
             guint samples, GError **error)
{
  const GsPlatform *platform = s->platform ? s->platform : s->base;
  const GsHost *host = s->platform ? s->host : s->base_host;
  g_autoptr (GPtrArray) walls = g_ptr_array_new_with_free_func ((GDestroyNotify) array_unref0);
  for (guint i = 0; i < rows->len; i++) {
    const GsValidation *v = rows->pdata[i];
    g_ptr_array_add (walls, v->calibration || v->skipped
                              ? NULL : g_array_new (FALSE, FALSE, sizeof (double)));
  }
  for (guint k = 1; k <= samples; k++) {
    GsPlatform *drawn = NULL;
    if (!sample_platform (s, rows, jobs, k, &drawn, error))
      return FALSE;
    const GsPlatform *p = drawn ? drawn : platform;
    const GsHost *h = drawn ? gs_platform_host (drawn, s->base_host->id) : host;
    double worker = 1, main_thread = 1;
    if (loop->done)
      loop_draw_speeds (loop, k, &worker, &main_thread);
    for (guint i = 0; i < rows->len; i++) {
      GsValidation *v = rows->pdata[i];
      GsPrediction *j = jobs->pdata[i];
      if (walls->pdata[i] == NULL)
        continue;
      double scale = !loop->done ? v->loop_scale : j->main_only ? main_thread : worker;
      double w = gs_prediction_sample_one (v, j, p, h, scale, k);
      if (w < 0)  /* it predicted as expected: a sample fails only as that did */
        g_clear_pointer (&walls->pdata[i], g_array_unref);
      else
        g_array_append_val ((GArray *) walls->pdata[i], w);
    }
    gs_platform_free (drawn);
  }
  for (guint i = 0; i < rows->len; i++)
    gs_prediction_interval (rows->pdata[i], walls->pdata[i]);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The three stages                                                        */

gboolean
gs_session_calibrate (GPtrArray *rows, GPtrArray *jobs, const GsPlatform *platform,
                      const GsHost *host, guint samples, GPtrArray **fits, GError **error)
{
  Session ses = { platform, host, NULL, NULL, NULL, NULL, NULL,
                  g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free),
                  g_array_new (FALSE, FALSE, sizeof (guint)), NULL, 0 };
  LoopDraw draw = { g_array_new (FALSE, FALSE, sizeof (double)),
                    g_array_new (FALSE, FALSE, sizeof (guint)),
                    g_array_new (FALSE, FALSE, sizeof (guint64)),
                    g_array_new (FALSE, FALSE, sizeof (gboolean)), 0, FALSE, 0 };
  GsCosts base_costs;
  if (gs_host_costs (host, platform, &base_costs, NULL)) {
    ses.jitter = draw.jitter = base_costs.cpu_speed_jitter;
    ses.slow_p = base_costs.cpu_slow_fraction;
    ses.start_r = base_costs.cpu_start_slow_factor;
    ses.disk_jitter = base_costs.disk_speed_jitter;
    ses.startup = base_costs.python_startup;
  }
  gboolean ok = session_stage (&ses, rows, jobs, GS_CALIBRATE_COSTS, error);
  const GsPlatform *cur = ses.platform ? ses.platform : platform;
  const GsHost *cur_host = ses.platform ? ses.host : host;
  gboolean loop = ok && recalibrate (rows, jobs, cur, cur_host, &draw);
  guint imports_from = ses.fits->len;
  ok = ok && session_stage (&ses, rows, jobs, GS_CALIBRATE_IMPORTS, error);
  ok = ok && session_refine_imports (&ses, rows, jobs, imports_from, error);
  if (ok && fits) {
    *fits = gs_calibrate_merge (ses.fits);
    if (loop)
      loop_fits (rows, jobs, platform, host, *fits);
  }
  if (ok && samples > 1)
    ok = sample_rows (&ses, &draw, rows, jobs, samples, error);
  name_base (rows, &ses);
  session_clear (&ses);
  loop_draw_clear (&draw);
  return ok;
}
