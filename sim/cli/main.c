/* main.c: gilsim's command line. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "gilsim-config.h"
#include "platform/platform.h"
#include "run/progress.h"
#include "results/outputs.h"
#include "results/report.h"
#include "results/resultset.h"
#include "run/resume.h"
#include "run/runner.h"
#include "lang/scenario.h"
#include "run/simulate.h"
#include "run/points.h"
#include "validate/calibrate.h"
#include "validate/calibrate_files.h"
#include "validate/validate.h"

#define EXIT_USAGE 2

static const char *usage_examples =
  "Commands:\n"
  "  run SCENARIO     predict how long SCENARIO takes, and why\n"
  "  validate FILE    compare predictions with CPython measurements (JSON lines\n"
  "                   of ../shared/groundtruth/measure.py or run_seed.py)\n"
  "  calibrate FILE... a platform file for the machine that the records were\n"
  "                   measured on: --platform BASE's values, with those that\n"
  "                   the files' single-worker records time set from them\n"
  "  merge A.json B.json ...   merge the JSON exports of parts of one sweep\n"
  "                   (--point, --shard) into the export of the whole sweep\n"
  "  report RESULTS.json       a JSON export as Markdown, CSV or JSON, or as a\n"
  "                   two-way table: --rows N --cols runtime --value speedup\n"
  "\n"
  "Examples:\n"
  "  gilsim run scenarios/seed/io_threads.gil\n"
  "  gilsim run scenarios/seed/cpu_threads.gil --platform platforms/xeon-16core.xml -L N=1,3,8,16\n"
  "  gilsim run scenarios/seed/cpu_threads.gil -L runtime=cpython-3.12,cpython-3.13t --export-csv -\n"
  "  gilsim run scenarios/seed/cpu_threads.gil -P N=1:16 -L cores=2,4,8,16 -o out/\n"
  "  gilsim run scenarios/seed/numpy_threads.gil --export-json result.json\n"
  "  gilsim run scenarios/seed/cpu_threads.gil -P N=1:16 --shard 2/4 --export-json part2.json\n"
  "  gilsim merge part*.json -o results.json\n"
  "  gilsim report results.json --rows N --cols runtime\n"
  "  gilsim validate ../shared/groundtruth/laptop-2core.jsonl --platform platforms/laptop-2core.xml\n"
  "  gilsim calibrate my-machine.jsonl --platform platforms/xeon-16core.xml -o my-machine.xml\n"
  "\n"
  "Sweeps: -L and -P name a scenario parameter, runtime, switch_interval, or the\n"
  "host's cores or speed; several give every combination, the last varying\n"
  "fastest.  Point K is the K-th combination (0-based, see --list-points);\n"
  "--shard I/N runs the points with K % N == I - 1.\n"
  "SimGrid's own --cfg=item:value and --log=category.thres:level pass through;\n"
  "one that SimGrid refuses is an error before anything runs.\n"
  "Exit status: 0 on success, 2 for bad input (the message names file:line:col).\n";

typedef struct {
  char *platform;
  char *host;
  char *runtime;
  char *switch_interval;
  GPtrArray *axis_args;    /* char*: 'L' or 'P' then the argument, in order */
  char *export_json, *export_csv, *export_markdown;
  char *output;
  char *reference;
  char *point, *shard;
  char *style;
  int jobs;
  gboolean list_points;
  gboolean resume;
  char *rows, *cols, *value, *format, *where;
  gboolean no_sequential;
  gboolean no_recalibrate;
  char *compare_with;
  gboolean quiet;
  gboolean version;
} Options;

static void
die (const char *msg)
{
  fprintf (stderr, "%s\n", msg);
  exit (EXIT_USAGE);
}

static void G_GNUC_PRINTF (1, 2)
die_printf (const char *fmt, ...)
{
  /* printed, not built: exit() would keep a built message from its free */
  va_list ap;
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  exit (EXIT_USAGE);
}

static const GsHost *
choose_host (const Options *o, const GsPlatform *platform)
{
  const GsHost *host = o->host ? gs_platform_host (platform, o->host)
                               : gs_platform_first_host (platform);
  if (host == NULL) {
    GString *names = g_string_new (NULL);
    for (guint i = 0; i < platform->hosts->len; i++)
      g_string_append_printf (names, "%s%s", i ? ", " : "",
                              ((GsHost *) platform->hosts->pdata[i])->id);
    die_printf ("%s:1:1: no host '%s' in this platform; its hosts: %s",
                platform->path, o->host, names->str);
  }
  return host;
}

/* What validate and calibrate share: the records of PATH predicted on
 * --platform's host, each file its own session when RECALIBRATE. */
typedef struct {
  GsPlatform *platform;
  const GsHost *host;
  GPtrArray *rows;   /* GsValidation * */
  GPtrArray *fits;   /* GsFit *: the session's values */
} Predicted;

/* Fills P with PATH's records predicted on the platform file PLATFORM, or
 * dies with the message for bad input; NO_PLATFORM is the message when
 * PLATFORM is NULL (no --platform). */
static void
predicted_load (Predicted *p, const Options *o, const char *path, const char *platform,
                const char *no_platform, gboolean recalibrate)
{
  GError *error = NULL;
  if (platform == NULL)
    die (no_platform);
  p->platform = gs_platform_load (platform, &error);
  if (p->platform == NULL)
    die (error->message);
  p->host = choose_host (o, p->platform);
  const char *seed_dir = "scenarios/seed";
  if (!g_file_test (seed_dir, G_FILE_TEST_IS_DIR))
    seed_dir = GILSIM_SOURCE_DIR "/scenarios/seed";
  p->rows = gs_validate (path, p->platform, p->host, seed_dir, recalibrate, &p->fits,
                         &error);
  if (p->rows == NULL)
    die (error->message);
}

static void
predicted_clear (Predicted *p)
{
  g_clear_pointer (&p->rows, g_ptr_array_unref);
  g_clear_pointer (&p->fits, g_ptr_array_unref);
  g_clear_pointer (&p->platform, gs_platform_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Predicted, predicted_clear)

static int
cmd_validate (const Options *o, const char *path)
{
  GError *error = NULL;
  g_auto (Predicted) pr = { 0 };
  predicted_load (&pr, o, path, o->platform, "gilsim validate: give the machine the measurements "
                  "come from: --platform FILE (see gilsim --help)", !o->no_recalibrate);
  GPtrArray *rows = pr.rows, *fits = pr.fits;
  const GsPlatform *platform = pr.platform;
  if (o->compare_with && !gs_validation_compare (rows, o->compare_with, &error))
    die (error->message);
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", o->export_json }, { "markdown", o->export_markdown },
  };
  gboolean to_stdout = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++) {
    if (exports[i].path == NULL)
      continue;
    g_autofree char *text = gs_validation_render (rows, fits, exports[i].fmt, path, platform,
                                                  o->compare_with);
    if (strcmp (exports[i].path, "-") == 0) {
      fputs (text, stdout);
      to_stdout = TRUE;
    } else if (!gs_report_save (exports[i].path, text, &error)) {
      die_printf ("--export-%s: %s", exports[i].fmt, error->message);
    }
  }
  if (!to_stdout) {
    g_autofree char *text = gs_validation_render (rows, fits, "text", path, platform,
                                                  o->compare_with);
    fputs (text, stdout);
  }
  return 0;
}

/* The values FITS (GsFit *) that the records of PATH set, on stderr. */
static void
print_fits (const char *path, GPtrArray *fits)
{
  for (guint i = 0; i < fits->len; i++) {
    const GsFit *f = fits->pdata[i];
    g_autofree char *value = gs_calibrate_fit_value_text (f);
    fprintf (stderr, "%s: %s%s%s = %s\n", path, f->id, strcmp (f->attr, "value") ? " " : "",
             strcmp (f->attr, "value") ? f->attr : "", value);
  }
}

/* calibrate: validate's session values, written into the base platform;
 * with several files, each file's on top of the ones before. */
static int
cmd_calibrate (const Options *o, int n, char **paths)
{
  const char *no_platform = "gilsim calibrate: give the platform to start from, the kind "
                            "of machine the records come from: --platform FILE (see "
                            "gilsim --help)";
  if (o->platform == NULL)
    die (no_platform);
  GError *error = NULL;
  g_autoptr (GsCalibrateFiles) steps = gs_calibrate_files_new (o->platform, &error);
  if (steps == NULL)
    die (error->message);
  for (int k = 0; k < n; k++) {
    const char *platform = gs_calibrate_files_platform (steps, &error);
    if (platform == NULL)
      die_printf ("gilsim calibrate: %s", error->message);
    g_auto (Predicted) pr = { 0 };
    predicted_load (&pr, o, paths[k], platform, no_platform, TRUE);
    if (!gs_calibrate_files_step (steps, paths[k], pr.platform, pr.host, pr.fits, &error))
      die (error->message);
    print_fits (paths[k], pr.fits);
  }
  const char *text = gs_calibrate_files_result (
      steps, o->output ? o->output : "(standard output)", &error);
  if (text == NULL)
    die (error->message);
  if (o->output == NULL)
    fputs (text, stdout);
  else if (!gs_report_save (o->output, text, &error))
    die_printf ("-o: %s", error->message);
  return 0;
}

/* ---------------------------------------------------------------------- */
/* run                                                                     */

/* The outputs of a run, rewritten as points complete. */
typedef struct {
  const Options *o;
  const GsScenario *sc;
  const GsPlatform *platform;
  const GsHost *host;
  GsResultSet *set;
  GsOutputs files;
} Outputs;

/* A point is done: keep its row, and rewrite the exports when due. */
static void
on_point (GsPoint *p, guint done, gpointer data)
{
  Outputs *out = data;
  GsRow *row = gs_resultset_row_new (p->index, out->sc->path, out->platform->path,
                           out->host->id, p->cores, p->speed, p->runtime->name,
                           p->switch_interval, p->names, p->values,
                           g_steal_pointer (&p->result));
  gs_resultset_add (out->set, row);
  if (!gs_outputs_due (&out->files))
    return;
  GError *error = NULL;
  if (!gs_outputs_write (&out->files, out->set, &error))
    die (error->message);
}

/* --resume: takes the rows of the previous export that are points of this
 * run into OUT's set, and returns the points still to simulate. */
static GPtrArray *
resume (const Options *o, Outputs *out, GPtrArray *axes, GPtrArray *selected)
{
  GError *error = NULL;
  g_autofree char *in_dir = o->output ? gs_outputs_dir_json (o->output) : NULL;
  const char *path = o->export_json && strcmp (o->export_json, "-") != 0
                         ? o->export_json : in_dir;
  if (path == NULL)
    die ("--resume: name the results to resume from: --export-json FILE or "
         "-o DIR (the ones the interrupted run wrote)");
  GPtrArray *todo = gs_resume_points (path, out->sc, out->platform, out->host, axes,
                                      selected, out->set, &error);
  if (todo == NULL)
    die_printf ("--resume: %s", error->message);
  return todo;
}

/* Checks --reference against the points: its names are swept parameters
 * and it picks exactly one point. */
static void
check_reference (const char *ref, GPtrArray *axes, GPtrArray *points)
{
  GError *error = NULL;
  g_autoptr (GsResultSet) probe = gs_resultset_new (points->len, ref, &error);
  if (probe == NULL)
    die (error->message);
  for (guint i = 0; i < probe->ref_names->len; i++) {
    gboolean swept = FALSE;
    for (guint j = 0; j < axes->len && !swept; j++)
      swept = strcmp (((GsAxis *) axes->pdata[j])->name, probe->ref_names->pdata[i]) == 0;
    if (!swept)
      die_printf ("--reference %s: '%s' is not swept; name parameters of -L or -P",
                  ref, (const char *) probe->ref_names->pdata[i]);
  }
  guint matches = 0;
  for (guint i = 0; i < points->len; i++) {
    const GsPoint *p = points->pdata[i];
    gboolean match = TRUE;
    for (guint j = 0; j < probe->ref_names->len && match; j++)
      for (guint k = 0; k < p->names->len; k++)
        if (strcmp (p->names->pdata[k], probe->ref_names->pdata[j]) == 0)
          match = strcmp (p->values->pdata[k], probe->ref_values->pdata[j]) == 0;
    matches += match;
  }
  if (matches != 1)
    die_printf ("--reference %s: %s; name one value of every swept parameter "
                "(see --list-points)", ref,
                matches ? "it matches several points" : "no point has these values");
}

static int
cmd_run (const Options *o, const char *scenario_path, GPtrArray *simgrid_args)
{
  GError *error = NULL;
  g_autoptr (GsScenario) sc = gs_scenario_load (scenario_path, &error);
  if (sc == NULL)
    die (error->message);

  const char *platform_path = o->platform ? o->platform : sc->platform;
  if (platform_path == NULL)
    die_printf ("%s:1:1: no platform: pass --platform FILE (for example "
                "platforms/xeon-16core.xml) or add a line platform \"FILE\"",
                sc->path);
  g_autoptr (GsPlatform) platform = gs_platform_load (platform_path, &error);
  if (platform == NULL) {
    if (!o->platform && sc->platform)
      die_printf ("%s:%d:%d: the scenario's platform: %s", sc->path,
                  sc->platform_loc.line, sc->platform_loc.col, error->message);
    die (error->message);
  }
  const GsHost *host = choose_host (o, platform);

  g_autoptr (GPtrArray) axes = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_points_axis_free);
  for (guint i = 0; i < o->axis_args->len; i++) {
    const char *arg = o->axis_args->pdata[i];
    GsAxis *a = arg[0] == 'L' ? gs_points_axis_parse (arg + 1, &error)
                              : gs_points_axis_parse_scan (arg + 1, &error);
    if (a == NULL)
      die (error->message);
    g_ptr_array_add (axes, a);
  }
  g_autoptr (GPtrArray) points = gs_points_build_on (sc, host, axes, o->runtime,
                                                     o->switch_interval, &error);
  if (points == NULL)
    die (error->message);
  if (o->reference)
    check_reference (o->reference, axes, points);
  if (o->point && o->shard)
    die ("--point and --shard: give one of them");
  g_autoptr (GPtrArray) selected = gs_points_select (points, o->point, o->shard, &error);
  if (selected == NULL)
    die (error->message);

  if (o->list_points) {
    for (guint i = 0; i < selected->len; i++) {
      const GsPoint *p = selected->pdata[i];
      g_autofree char *key = gs_points_key (p);
      printf ("%u%s%s\n", p->index, *key ? " " : "", key);
    }
    return 0;
  }
  if (o->jobs < 0)
    die_printf ("-j %d: give the number of simulations to run at once, 1 or more",
                o->jobs);
  GsProgressStyle style;
  if (!gs_progress_style_parse (o->style, stderr, &style, &error))
    die (error->message);
  if (simgrid_args && simgrid_args->len > 0) {
    /* SimGrid aborts on a setting it refuses: try them once, here */
    GsEngineConfig check = { 0 };
    check.platform = platform;
    check.host = host;
    check.simgrid_args = simgrid_args;
    if (!gs_simulate_check_simgrid (&check, &error))
      die (error->message);
  }

  g_autoptr (GsResultSet) set = gs_resultset_new (points->len, o->reference, &error);
  Outputs out = { o, sc, platform, host, set,
                  { .json = o->export_json, .csv = o->export_csv,
                    .markdown = o->export_markdown, .dir = o->output } };
  g_autoptr (GPtrArray) todo = NULL;
  if (o->resume)
    todo = resume (o, &out, axes, selected);
  else
    todo = g_ptr_array_copy (selected, NULL, NULL);

  g_autofree char *sel = o->point ? g_strdup_printf ("--point %s", o->point)
                         : o->shard ? g_strdup_printf ("--shard %s", o->shard)
                                    : NULL;
  GsRunConfig rc = { sc, platform, host, axes, selected, points->len,
                     o->reference, sel, !o->no_sequential, simgrid_args };
  if (!gs_outputs_start (&out.files, &rc, &error))
    die (error->message);

  const char *fs = g_getenv ("GILSIM_FORK_SERVER");
  g_autoptr (GsProgress) progress = NULL;
  if (selected->len > 1)
    progress = gs_progress_new (stderr, style, selected->len, set->rows->len);
  GsRunner runner = {
    .sc = sc, .platform = platform, .host = host, .points = todo,
    .jobs = o->jobs > 0 ? (guint) o->jobs : g_get_num_processors (),
    .sequential = !o->no_sequential,
    .fork_server = fs == NULL || strcmp (fs, "0") != 0,
    .simgrid_args = simgrid_args, .progress = progress,
    .progress_base = set->rows->len, .on_point = on_point, .data = &out,
  };
  gboolean ok = gs_runner_run (&runner, &error);
  g_clear_pointer (&progress, gs_progress_free);
  GError *write_error = NULL;
  if (!gs_outputs_write (&out.files, set, &write_error) && ok)
    die (write_error->message);
  if (!ok)
    die (error->message);

  gboolean to_stdout = (o->export_json && strcmp (o->export_json, "-") == 0) ||
                       (o->export_csv && strcmp (o->export_csv, "-") == 0) ||
                       (o->export_markdown && strcmp (o->export_markdown, "-") == 0);
  if (!to_stdout)
    gs_report_terminal (stdout, set, !o->quiet);
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", o->export_json }, { "csv", o->export_csv },
    { "markdown", o->export_markdown },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    if (exports[i].path && strcmp (exports[i].path, "-") == 0 &&
        !gs_report_export (set, exports[i].fmt, "-", &error))
      die (error->message);
  return 0;
}

/* ---------------------------------------------------------------------- */
/* merge and report                                                        */

static int
cmd_merge (const Options *o, int n, char **paths)
{
  GError *error = NULL;
  g_autoptr (GsResultSet) set = gs_resultset_new (0, NULL, NULL);
  for (int i = 0; i < n; i++) {
    g_autoptr (GsResultSet) part = gs_resultset_load (paths[i], &error);
    if (part == NULL || !gs_resultset_merge (set, part, paths[i], &error))
      die (error->message);
  }
  if (set->rows->len < set->points) {
    GString *missing = g_string_new (NULL);
    guint shown = 0, r = 0;
    for (guint k = 0; k < set->points; k++) {
      if (r < set->rows->len && ((GsRow *) set->rows->pdata[r])->point == k) {
        r++;
        continue;
      }
      if (shown++ < 10)
        g_string_append_printf (missing, "%s%u", shown > 1 ? ", " : "", k);
    }
    fprintf (stderr, "gilsim merge: %u of %u points; missing: %s%s\n",
             set->rows->len, set->points, missing->str, shown > 10 ? ", ..." : "");
    g_string_free (missing, TRUE);
  }
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", o->output }, { "json", o->export_json }, { "csv", o->export_csv },
    { "markdown", o->export_markdown },
  };
  gboolean any = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    if (exports[i].path) {
      any = TRUE;
      if (!gs_report_export (set, exports[i].fmt, exports[i].path, &error))
        die (error->message);
    }
  if (!any && !gs_report_export (set, "json", "-", &error))
    die (error->message);
  return 0;
}

static int
cmd_report (const Options *o, const char *path)
{
  GError *error = NULL;
  g_autoptr (GsResultSet) set = gs_resultset_load (path, &error);
  if (set == NULL)
    die (error->message);
  if (o->reference) {
    g_autoptr (GsResultSet) probe = gs_resultset_new (0, o->reference, &error);
    if (probe == NULL)
      die (error->message);
    GPtrArray *t;
    t = set->ref_names, set->ref_names = probe->ref_names, probe->ref_names = t;
    t = set->ref_values, set->ref_values = probe->ref_values, probe->ref_values = t;
  }
  if (o->where) {
    g_autoptr (GsResultSet) probe = gs_resultset_new (0, o->where, &error);
    if (probe == NULL)
      die_printf ("--where: %s", error->message);
    for (guint i = set->rows->len; i-- > 0;) {
      const GsRow *row = set->rows->pdata[i];
      gboolean keep = TRUE;
      for (guint j = 0; j < probe->ref_names->len && keep; j++) {
        const char *v = gs_resultset_row_param (row, probe->ref_names->pdata[j]);
        keep = v && strcmp (v, probe->ref_values->pdata[j]) == 0;
      }
      if (!keep)
        g_ptr_array_remove_index (set->rows, i);
    }
    if (set->rows->len == 0)
      die_printf ("--where %s: no result has these values", o->where);
  }
  const char *format = o->format ? o->format : "markdown";
  g_autofree char *text = NULL;
  if (o->rows) {
    text = gs_report_table (set, o->rows, o->cols, o->value ? o->value : "speedup",
                            format, &error);
  } else if (o->cols || o->value) {
    die ("gilsim report: --cols and --value make a table: give --rows too");
  } else if (strcmp (format, "markdown") && strcmp (format, "csv") &&
             strcmp (format, "json")) {
    die_printf ("--format %s: give markdown, csv or json", format);
  } else {
    text = gs_report_render (set, format);
  }
  if (text == NULL)
    die (error->message);
  fputs (text, stdout);
  return 0;
}

/* -L and -P keep their order: the last varies fastest. */
static gboolean
add_axis_arg (const char *option, const char *value, gpointer data, GError **error)
{
  Options *o = data;
  gboolean scan = strcmp (option, "-P") == 0 || strcmp (option, "--parameter-scan") == 0;
  g_ptr_array_add (o->axis_args, g_strconcat (scan ? "P" : "L", value, NULL));
  return TRUE;
}

static void
options_clear (Options *o)
{
  char **strings[] = { &o->platform, &o->host, &o->runtime, &o->switch_interval,
                       &o->export_json, &o->export_csv, &o->export_markdown,
                       &o->output, &o->reference, &o->point, &o->shard, &o->style,
                       &o->rows, &o->cols, &o->value, &o->format, &o->where };
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    g_clear_pointer (strings[i], g_free);
  g_clear_pointer (&o->axis_args, g_ptr_array_unref);
}

static int run_command (Options *o, int argc, char **argv, GPtrArray *simgrid_args);

/* The SimGrid settings gilsim passes on, and the values each takes; other
 * settings change what gilsim relies on (its contexts) or can make SimGrid
 * hang (the ns-3 model, a negative precision). */
static const struct {
  const char *key;
  const char *values;   /* "a|b|c", or "number>=0", "number>0", "boolean", "any" */
} cfg_allowed[] = {
  { "network/model", "CM02|LV08|IB|SMPI" },
  { "network/optim", "Lazy|Full" },
  { "cpu/optim", "Lazy|Full" },
  { "network/crosstraffic", "boolean" },
  { "network/maxmin-selective-update", "boolean" },
  { "cpu/maxmin-selective-update", "boolean" },
  { "network/TCP-gamma", "number>=0" },
  { "network/latency-factor", "number>=0" },
  { "network/bandwidth-factor", "number>=0" },
  { "network/weight-S", "number>=0" },
  { "network/loopback-bw", "number>0" },
  { "network/loopback-lat", "number>=0" },
  { "maxmin/precision", "number>0" },
  { "surf/precision", "number>0" },
  { "tracing", "any" },
};

/* Exits with a one-line message unless ARG, "--cfg=KEY:VALUE", is a
 * setting of cfg_allowed with a value it takes. */
static void
check_cfg (const char *arg)
{
  const char *kv = arg + strlen ("--cfg=");
  const char *colon = strchr (kv, ':');
  g_autofree char *key = colon ? g_strndup (kv, (gsize) (colon - kv)) : g_strdup (kv);
  const char *value = colon ? colon + 1 : NULL;
  const char *values = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (cfg_allowed) && !values; i++)
    if (strcmp (key, cfg_allowed[i].key) == 0 ||
        (strcmp (cfg_allowed[i].values, "any") == 0 &&
         g_str_has_prefix (key, cfg_allowed[i].key)))
      values = cfg_allowed[i].values;
  if (values == NULL) {
    GString *known = g_string_new (NULL);
    for (gsize i = 0; i < G_N_ELEMENTS (cfg_allowed); i++)
      g_string_append_printf (known, "%s%s%s", i ? ", " : "", cfg_allowed[i].key,
                              strcmp (cfg_allowed[i].values, "any") == 0 ? "/..." : "");
    die_printf ("%s: gilsim passes on only these SimGrid settings: %s", arg, known->str);
  }
  if (value == NULL || *value == '\0')
    die_printf ("%s: write --cfg=%s:VALUE", arg, key);
  gboolean ok = TRUE;
  if (strcmp (values, "boolean") == 0) {
    ok = FALSE;
    const char *words[] = { "yes", "no", "on", "off", "true", "false", "1", "0" };
    for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
      ok |= g_ascii_strcasecmp (value, words[i]) == 0;
  } else if (g_str_has_prefix (values, "number")) {
    char *end = NULL;
    double x = g_ascii_strtod (value, &end);
    ok = end && *end == '\0' && isfinite (x) &&
         (strcmp (values, "number>0") == 0 ? x > 0 : x >= 0);
  } else if (strcmp (values, "any") != 0) {
    g_auto (GStrv) choices = g_strsplit (values, "|", -1);
    ok = g_strv_contains ((const char *const *) choices, value);
  }
  if (!ok) {
    g_autofree char *shown = g_strdelimit (g_strdup (values), "|", '/');
    die_printf ("%s: %s takes %s", arg, key,
                strcmp (values, "number>0") == 0 ? "a number above 0"
                : strcmp (values, "number>=0") == 0 ? "a number of 0 or more"
                : strcmp (values, "boolean") == 0 ? "yes or no"
                : shown);
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* SimGrid reads numbers with strtod: keep a decimal point */
  setlocale (LC_NUMERIC, "C");
  /* SimGrid's --cfg= and --log= go to each simulation, not to GOption. */
  g_autoptr (GPtrArray) simgrid_args = g_ptr_array_new_with_free_func (g_free);
  int kept = 1;
  for (int i = 1; i < argc; i++) {
    if (g_str_has_prefix (argv[i], "--cfg="))
      check_cfg (argv[i]);
    if (g_str_has_prefix (argv[i], "--cfg=") || g_str_has_prefix (argv[i], "--log="))
      g_ptr_array_add (simgrid_args, g_strdup (argv[i]));
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  argv[argc] = NULL;

  Options o = { 0 };
  o.axis_args = g_ptr_array_new_with_free_func (g_free);
  GOptionEntry entries[] = {
    { "platform", 'p', 0, G_OPTION_ARG_FILENAME, &o.platform,
      "SimGrid platform file (default: the scenario's platform line)", "FILE" },
    { "host", 0, 0, G_OPTION_ARG_STRING, &o.host,
      "host of the platform to run on (default: its first host)", "NAME" },
    { "runtime", 'r', 0, G_OPTION_ARG_STRING, &o.runtime,
      "Python runtime, e.g. cpython-3.12, cpython-3.13t, cpython-2.7", "NAME" },
    { "switch-interval", 0, 0, G_OPTION_ARG_STRING, &o.switch_interval,
      "GIL switch interval (sys.setswitchinterval), e.g. 5ms", "DURATION" },
    { "parameter-list", 'L', 0, G_OPTION_ARG_CALLBACK, (gpointer) add_axis_arg,
      "run once per value; several -L/-P give every combination", "NAME=v1,v2" },
    { "parameter-scan", 'P', 0, G_OPTION_ARG_CALLBACK, (gpointer) add_axis_arg,
      "run once per value from MIN to MAX by STEP (default 1), e.g. N=1:16 or "
      "switch_interval=1ms:10ms:1ms", "NAME=MIN:MAX[:STEP]" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &o.jobs,
      "simulations to run at once (default: the number of CPUs)", "N" },
    { "style", 0, 0, G_OPTION_ARG_STRING, &o.style,
      "progress bar on stderr: auto (when stderr is a terminal), full, basic or "
      "none", "STYLE" },
    { "export-json", 0, 0, G_OPTION_ARG_FILENAME, &o.export_json,
      "write the results as JSON (- for stdout); rewritten as points finish", "FILE" },
    { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, &o.export_csv,
      "write the results as CSV (- for stdout)", "FILE" },
    { "export-markdown", 0, 0, G_OPTION_ARG_FILENAME, &o.export_markdown,
      "write the results as a Markdown table (- for stdout)", "FILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      "run: write config.json, results.json/.csv/.md and summary.txt to the "
      "folder DIR; merge: write the merged JSON to DIR as a file; calibrate: "
      "write the platform file to DIR as a file", "DIR" },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &o.reference,
      "the point the Relative column and the summary compare with (default: "
      "the fastest)", "NAME=VALUE[,NAME=VALUE]" },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &o.resume,
      "skip the points already in the JSON export (--export-json or -o)", NULL },
    { "list-points", 0, 0, G_OPTION_ARG_NONE, &o.list_points,
      "print the points (index and parameters, one a line) and run nothing", NULL },
    { "point", 0, 0, G_OPTION_ARG_STRING, &o.point,
      "run only point K of the sweep (see --list-points)", "K" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &o.shard,
      "run only the points with index % N == I - 1 (I from 1 to N)", "I/N" },
    { "rows", 0, 0, G_OPTION_ARG_STRING, &o.rows,
      "report: the parameter whose values make the table's rows", "NAME" },
    { "cols", 0, 0, G_OPTION_ARG_STRING, &o.cols,
      "report: the parameter whose values make the table's columns", "NAME" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &o.value,
      "report: what a cell holds: speedup (default), wall, relative, gil_switches",
      "WHAT" },
    { "where", 0, 0, G_OPTION_ARG_STRING, &o.where,
      "report: keep only the results with these values", "NAME=VALUE[,NAME=VALUE]" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.format,
      "report: markdown (default), csv, or json (without --rows)", "FORMAT" },
    { "no-sequential", 0, 0, G_OPTION_ARG_NONE, &o.no_sequential,
      "skip the sequential comparison run", NULL },
    { "compare-with", 0, 0, G_OPTION_ARG_FILENAME, &o.compare_with,
      "validate: also show how far another session's measurements of the same "
      "configurations are from these (the noise floor of any prediction)", "FILE" },
    { "no-recalibrate", 0, 0, G_OPTION_ARG_NONE, &o.no_recalibrate,
      "validate: keep the platform's loop speed (no session speed)", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet,
      "do not show the program's printed lines", NULL },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &o.version, "show the version", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (
      "COMMAND [FILE...] - predict how a Python program with threads, "
      "processes and native code performs");
  GOptionGroup *group = g_option_group_new ("gilsim", "gilsim", "gilsim options",
                                            &o, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (ctx, group);
  g_option_context_set_description (ctx, usage_examples);
  GError *error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    die_printf ("gilsim: %s (see gilsim --help)", error->message);
  int status = run_command (&o, argc, argv, simgrid_args);
  options_clear (&o);
  return status;
}

/* Runs the command of ARGV (options removed). */
static int
run_command (Options *o, int argc, char **argv, GPtrArray *simgrid_args)
{
  if (o->version) {
    printf ("gilsim %s\n", GILSIM_VERSION);
    return 0;
  }
  if (argc < 2)
    die ("gilsim: no command; try: gilsim run scenarios/seed/io_threads.gil "
         "(see gilsim --help)");
  if (strcmp (argv[1], "run") == 0) {
    if (argc != 3)
      die ("gilsim run: give exactly one scenario file (see gilsim --help)");
    if (o->rows || o->cols || o->value || o->format || o->where)
      die ("gilsim run: --rows, --cols, --value, --where and --format belong to "
           "gilsim report; run writes tables with --export-markdown or -o DIR");
    return cmd_run (o, argv[2], simgrid_args);
  }
  if (strcmp (argv[1], "validate") == 0) {
    if (argc != 3)
      die ("gilsim validate: give exactly one measurements file (see gilsim --help)");
    return cmd_validate (o, argv[2]);
  }
  if (strcmp (argv[1], "calibrate") == 0) {
    if (argc < 3)
      die ("gilsim calibrate: give the measurements files, such as gilsim calibrate "
           "mine.jsonl --platform platforms/xeon-16core.xml -o mine.xml");
    return cmd_calibrate (o, argc - 2, argv + 2);
  }
  if (strcmp (argv[1], "merge") == 0) {
    if (argc < 3)
      die ("gilsim merge: give the JSON exports to merge, such as gilsim merge "
           "part1.json part2.json -o results.json");
    return cmd_merge (o, argc - 2, argv + 2);
  }
  if (strcmp (argv[1], "report") == 0) {
    if (argc != 3)
      die ("gilsim report: give exactly one JSON export, such as gilsim report "
           "results.json --rows N --cols runtime");
    return cmd_report (o, argv[2]);
  }
  die_printf ("gilsim: unknown command '%s'; the commands: run, validate, calibrate, "
              "merge, report (see gilsim --help)", argv[1]);
  return EXIT_USAGE;
}
