/* cmd_run.c: gilsim run, the prediction of one scenario or of a sweep. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/rebind.h"
#include "lang/scenario.h"
#include "platform/platform.h"
#include "results/outputs.h"
#include "results/report.h"
#include "results/resultset.h"
#include "run/points.h"
#include "run/progress.h"
#include "results/resume.h"
#include "results/traces.h"
#include "run/runner.h"
#include "run/simulate.h"

static struct {
  CliMachine machine;
  GPtrArray *axis_args;    /* char*: 'L' or 'P' then the argument, in order */
  char *export_json, *export_csv, *export_markdown;
  char *output;
  char *reference;
  char *point, *shard;
  char *style;
  char *seed;
  int jobs;                /* 0: one per CPU */
  int samples;             /* 0: one */
  char *jobs_text, *samples_text;  /* as given (parse_count) */
  gboolean no_noise;
  gboolean list_points;
  gboolean resume;
  gboolean no_sequential;
  gboolean quiet;
  gboolean verbose;
  char *trace, *html;
} opt;

/* -L and -P keep their order: the last varies fastest. */
static gboolean
add_axis_arg (const char *option, const char *value, gpointer data, GError **error)
{
  gboolean scan = strcmp (option, "-P") == 0 || strcmp (option, "--parameter-scan") == 0;
  if (opt.axis_args == NULL)
    opt.axis_args = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (opt.axis_args, g_strconcat (scan ? "P" : "L", value, NULL));
  return TRUE;
}

const GOptionEntry cmd_run_options[] = {
  CLI_MACHINE_OPTIONS (opt.machine,
                       "SimGrid platform file (default: the scenario's platform line)"),
  CLI_PYTHON_OPTIONS (opt.machine),
  { "parameter-list", 'L', 0, G_OPTION_ARG_CALLBACK, (gpointer) add_axis_arg,
    "run once per value; several -L/-P give every combination", "NAME=v1,v2" },
  { "parameter-scan", 'P', 0, G_OPTION_ARG_CALLBACK, (gpointer) add_axis_arg,
    "run once per value from MIN to MAX by STEP (default 1), e.g. N=1:16 or "
    "switch_interval=1ms:10ms:1ms", "NAME=MIN:MAX[:STEP]" },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &opt.seed,
    "the seed of the scenario's draws (uniform(a, b), ...; default 0): the "
    "same seed gives the same draws; it joins the point's parameters as "
    "seed=N (sweep seeds with -L seed=1,2,3)", "N" },
  { "jobs", 'j', 0, G_OPTION_ARG_STRING, &opt.jobs_text,
    "simulations to run at once (default: the number of CPUs)", "N" },
  { "samples", 0, 0, G_OPTION_ARG_STRING, &opt.samples_text,
    "simulate each point K times with the machine's random effects drawn "
    "(slow virtual CPUs, wake-up latencies, the OS's choice of waiter), "
    "keyed by --seed: mean, stddev, median, min and max as hyperfine "
    "reports runs (default 1: the expected prediction)", "K" },
  { "no-noise", 0, 0, G_OPTION_ARG_NONE, &opt.no_noise,
    "predict the machine without its slow virtual CPUs: every one at the "
    "platform's mean speed (one sample)", NULL },
  { "style", 0, 0, G_OPTION_ARG_STRING, &opt.style,
    "progress bar on stderr: auto (when stderr is a terminal), full, basic or "
    "none", "STYLE" },
  { "export-json", 0, 0, G_OPTION_ARG_FILENAME, &opt.export_json,
    "write the results as JSON (- for stdout); rewritten as points finish", "FILE" },
  { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, &opt.export_csv,
    "write the results as CSV (- for stdout)", "FILE" },
  { "export-markdown", 0, 0, G_OPTION_ARG_FILENAME, &opt.export_markdown,
    "write the results as a Markdown table (- for stdout)", "FILE" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output,
    "write config.json, results.json/.csv/.md and summary.txt to the folder DIR",
    "DIR" },
  { "reference", 0, 0, G_OPTION_ARG_STRING, &opt.reference,
    "the point the Relative column and the summary compare with (default: "
    "the fastest)", "NAME=VALUE[,NAME=VALUE]" },
  { "resume", 0, 0, G_OPTION_ARG_NONE, &opt.resume,
    "skip the points already in the JSON export (--export-json or -o)", NULL },
  { "list-points", 0, 0, G_OPTION_ARG_NONE, &opt.list_points,
    "print the points (index and parameters, one a line) and run nothing", NULL },
  { "point", 0, 0, G_OPTION_ARG_STRING, &opt.point,
    "run only point K of the sweep (see --list-points)", "K" },
  { "shard", 0, 0, G_OPTION_ARG_STRING, &opt.shard,
    "run only the points with index % N == I - 1 (I from 1 to N)", "I/N" },
  { "no-sequential", 0, 0, G_OPTION_ARG_NONE, &opt.no_sequential,
    "skip the sequential comparison run", NULL },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt.quiet,
    "do not show the program's printed lines", NULL },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt.verbose,
    "show every point of a sweep in detail, not one line each", NULL },
  { "trace", 0, 0, G_OPTION_ARG_FILENAME, &opt.trace,
    "write the run as a Chrome trace (Perfetto, chrome://tracing); a sweep's "
    "point K to FILE-K.json", "FILE.json" },
  { "html", 0, 0, G_OPTION_ARG_FILENAME, &opt.html,
    "write a self-contained HTML report: timelines, per-worker shares, sweep "
    "charts (-o DIR writes DIR/report.html)", "FILE.html" },
  G_OPTION_ENTRY_NULL
};

const char cmd_run_help[] =
  "Predicts the wall time of SCENARIO, a .gil program, and shows where each\n"
  "worker's time went and the program's printed lines; with -L or -P, once\n"
  "per point of a sweep, several at once (-j), with a summary that compares\n"
  "them; a sweep shows one row per point (-v: every point in detail), and a\n"
  "paragraph, Why, that names the bottleneck with its numbers.\n"
  "-o DIR writes into the folder DIR (made if missing) config.json,\n"
  "every parameter each point ran with, defaults included, and the results\n"
  "as results.json, results.csv, results.md and summary.txt, rewritten as\n"
  "points finish, and report.html at the end.  --trace writes\n"
  "each point's run as a Chrome trace (point K of a sweep to FILE-K.json),\n"
  "--html a self-contained page: timelines, worker shares, sweep charts.\n"
  "\n"
  "Sweeps: -L and -P name a scenario parameter, runtime, switch_interval, seed,\n"
  "the machine (-L platform=a.xml,b.xml; -L host=h1,h2), or the host's cores or\n"
  "speed; several give every combination, the last varying\n"
  "fastest.  Point K is the K-th combination (0-based, see --list-points);\n"
  "--shard I/N runs the points with K % N == I - 1.\n"
  "SimGrid's own --cfg=item:value and --log=category.thres:level pass through;\n"
  "one that SimGrid refuses is an error before anything runs.\n"
  "\n"
  "Examples:\n"
  "  gilsim run scenarios/seed/io_threads.gil\n"
  "  gilsim run scenarios/seed/cpu_threads.gil --platform platforms/xeon-16core.xml -L N=1,3,8,16\n"
  "  gilsim run scenarios/seed/cpu_threads.gil -L runtime=cpython-3.12,cpython-3.13t --export-csv -\n"
  "  gilsim run scenarios/seed/cpu_threads.gil -P N=1:16 -L cores=2,4,8,16 -o out/\n"
  "  gilsim run scenarios/seed/numpy_threads.gil --export-json result.json\n"
  "  gilsim run scenarios/seed/cpu_threads.gil -L platform=platforms/laptop-2core.xml,"
  "platforms/xeon-16core.xml -L N=1,4\n"
  "  gilsim run scenarios/seed/cpu_threads.gil -P N=1:16 --shard 2/4 --export-json part2.json\n";

/* What a run works on, its points, and its outputs, rewritten as points
 * complete. */
typedef struct {
  GsScenario *sc;
  GsPlatform *platform;
  const GsHost *host;      /* in PLATFORM */
  GsMachines *machines;    /* PLATFORM and HOST, and those of -L platform/host */
  GPtrArray *axes;         /* GsAxis* */
  GPtrArray *points;       /* GsPoint*: the whole sweep */
  GPtrArray *selected;     /* GsPoint*, borrowed: the points this run computes */
  GsResultSet *set;
  GsOutputs out;
  GsTraces traces;         /* --trace, --html and report.html */
} Run;

static void
run_clear (Run *r)
{
  gs_traces_clear (&r->traces);
  g_clear_pointer (&r->set, gs_resultset_free);
  g_clear_pointer (&r->selected, g_ptr_array_unref);
  g_clear_pointer (&r->points, g_ptr_array_unref);
  g_clear_pointer (&r->axes, g_ptr_array_unref);
  g_clear_pointer (&r->machines, gs_machines_free);
  g_clear_pointer (&r->platform, gs_platform_free);
  g_clear_pointer (&r->sc, gs_scenario_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The scenario SCENARIO_PATH, and the platform and host it runs on. */
static void
load_machine (Run *r, const char *scenario_path)
{
  GError *error = NULL;
  r->sc = gs_scenario_load (scenario_path, &error);
  if (r->sc == NULL)
    cli_die (error->message);
  const char *platform_path = opt.machine.platform ? opt.machine.platform : r->sc->platform;
  if (platform_path == NULL)
    cli_die_printf ("%s:1:1: no platform: pass --platform FILE (for example "
                    "platforms/xeon-16core.xml) or add a line platform \"FILE\"",
                    r->sc->path);
  r->platform = gs_platform_load (platform_path, &error);
  if (r->platform == NULL) {
    if (!opt.machine.platform && r->sc->platform)
      cli_die_printf ("%s:%d:%d: the scenario's platform: %s", r->sc->path,
                      r->sc->platform_loc.line, r->sc->platform_loc.col, error->message);
    cli_die (error->message);
  }
  r->host = cli_choose_host (opt.machine.host, r->platform);
  r->machines = gs_machines_new (r->platform, r->host, opt.machine.host);
}

/* Checks --reference against the points: its names are swept parameters
 * and it picks exactly one point. */
static void
check_reference (const char *ref, GPtrArray *axes, GPtrArray *points)
{
  GError *error = NULL;
  g_autoptr (GsResultSet) probe = gs_resultset_new (points->len, ref, &error);
  if (probe == NULL)
    cli_die (error->message);
  for (guint i = 0; i < probe->ref_names->len; i++) {
    gboolean swept = FALSE;
    for (guint j = 0; j < axes->len && !swept; j++)
      swept = strcmp (((GsAxis *) axes->pdata[j])->name, probe->ref_names->pdata[i]) == 0;
    if (!swept)
      cli_die_printf ("--reference %s: '%s' is not swept; name parameters of -L or -P",
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
    cli_die_printf ("--reference %s: %s; name one value of every swept parameter "
                    "(see --list-points)", ref,
                    matches ? "it matches several points" : "no point has these values");
}

/* The axes of -L and -P, every point of the sweep, and those this run
 * computes (--point, --shard). */
static void
build_points (Run *r)
{
  GError *error = NULL;
  r->axes = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_points_axis_free);
  for (guint i = 0; opt.axis_args && i < opt.axis_args->len; i++) {
    const char *arg = opt.axis_args->pdata[i];
    GsAxis *a = arg[0] == 'L' ? gs_points_axis_parse (arg + 1, &error)
                              : gs_points_axis_parse_scan (arg + 1, &error);
    if (a == NULL)
      cli_die (error->message);
    g_ptr_array_add (r->axes, a);
  }
  if (opt.seed) {
    /* --seed N is -L seed=N: the seed is part of each point's identity */
    for (guint i = 0; i < r->axes->len; i++)
      if (strcmp (((GsAxis *) r->axes->pdata[i])->name, "seed") == 0)
        cli_die ("--seed and -L or -P seed: give the seeds in one of them");
    if (gs_scenario_param (r->sc, "seed"))
      cli_die_printf ("--seed: %s has a parameter called seed, which -L seed=... "
                      "sets; rename it to use --seed", r->sc->path);
    g_autofree char *arg = g_strconcat ("seed=", opt.seed, NULL);
    GsAxis *a = gs_points_axis_parse (arg, &error);
    if (a == NULL)
      cli_die_printf ("--seed: %s", error->message);
    g_ptr_array_add (r->axes, a);
  }
  r->points = gs_points_build_machines (r->sc, r->machines, r->axes,
                                        opt.machine.runtime,
                                        opt.machine.switch_interval, &error);
  if (r->points == NULL)
    cli_die (error->message);
  if (opt.reference)
    check_reference (opt.reference, r->axes, r->points);
  if (opt.point && opt.shard)
    cli_die ("--point and --shard: give one of them");
  r->selected = gs_points_select (r->points, opt.point, opt.shard, &error);
  if (r->selected == NULL)
    cli_die (error->message);
}

/* A point is done: keep its row, and rewrite the exports when due. */
static void
on_point (GsPoint *p, guint done, gpointer data)
{
  Run *r = data;
  GsRow *row = gs_resultset_row_new (p->index, r->sc->path, p->platform->path,
                                     p->host->id, p->cores, p->speed, p->runtime->name,
                                     p->switch_interval, p->names, p->values,
                                     g_steal_pointer (&p->result));
  /* the digests go to the files (JSON, HTML), never to the terminal: a
   * prediction that writes none does not hash its platform */
  if (opt.export_json || opt.export_csv || opt.export_markdown || opt.output || opt.html) {
    row->scenario_sha256 = g_strdup (r->sc->digest);
    row->platform_sha256 = g_strdup (gs_platform_digest (p->platform));
  }
  gs_resultset_add (r->set, row);
  if (!gs_outputs_due (&r->out))
    return;
  GError *error = NULL;
  if (!gs_outputs_write_partial (&r->out, r->set, &error))
    cli_die (error->message);
}

/* The points still to simulate: with --resume, those that the export of
 * the interrupted run does not hold (its rows go into R's set). */
static GPtrArray *
points_to_do (Run *r)
{
  if (!opt.resume)
    return g_ptr_array_copy (r->selected, NULL, NULL);
  GError *error = NULL;
  g_autofree char *in_dir = opt.output ? gs_outputs_dir_json (opt.output) : NULL;
  const char *path = opt.export_json && strcmp (opt.export_json, "-") != 0
                         ? opt.export_json : in_dir;
  if (path == NULL)
    cli_die ("--resume: name the results to resume from: --export-json FILE or "
             "-o DIR (the ones the interrupted run wrote)");
  GPtrArray *todo = gs_resume_points (path, r->sc, r->platform, r->host, r->axes,
                                      r->selected, r->set, &error);
  if (todo == NULL)
    cli_die_printf ("--resume: %s", error->message);
  return todo;
}

/* Dies unless every row that R's export already held (--resume) has
 * SAMPLES samples, as this run would draw. */
static void
check_resumed_samples (Run *r, guint samples)
{
  for (guint i = 0; i < r->set->rows->len; i++) {
    const GsRow *row = r->set->rows->pdata[i];
    guint n = row->result->samples ? row->result->samples->len : 1;
    if (n == samples)
      continue;
    g_autofree char *label = gs_resultset_row_label (row);
    cli_die_printf ("--resume: the export holds '%s' with %u sample%s; this run "
                    "draws %u: resume with the same --samples and --no-noise, or "
                    "export elsewhere", label, n, n == 1 ? "" : "s", samples);
  }
}

/* Simulates the points of R that are still to do, rewriting the outputs
 * as they finish and once more at the end. */
static void
simulate (Run *r, GsProgressStyle style, GPtrArray *simgrid_args)
{
  GError *error = NULL;
  g_autoptr (GPtrArray) todo = points_to_do (r);
  /* a big sweep binds the libraries' symbols once, not in every child */
  cli_rebind_exec (todo->len * ((opt.samples > 1 ? (guint) opt.samples : 1) +
                                (opt.no_sequential ? 0 : 1)));
  g_autofree char *sel = opt.point ? g_strdup_printf ("--point %s", opt.point)
                         : opt.shard ? g_strdup_printf ("--shard %s", opt.shard)
                                     : NULL;
  GsRunConfig rc = { r->sc, r->platform, r->host, r->axes, r->selected, r->points->len,
                     opt.reference, sel, !opt.no_sequential, simgrid_args };
  if (!gs_outputs_start (&r->out, &rc, &error))
    cli_die (error->message);

  if (!gs_traces_plan (&r->traces, opt.trace, opt.html || opt.output,
                       r->points->len, &error))
    cli_die (error->message);
  const char *fs = g_getenv ("GILSIM_FORK_SERVER");
  g_autoptr (GsProgress) progress = NULL;
  if (r->selected->len > 1)
    progress = gs_progress_new (stderr, style, r->selected->len, r->set->rows->len);
  GsRunner runner = {
    .sc = r->sc, .platform = r->platform, .host = r->host, .points = todo,
    .jobs = opt.jobs > 0 ? (guint) opt.jobs : g_get_num_processors (),
    .sequential = !opt.no_sequential,
    .fork_server = fs == NULL || strcmp (fs, "0") != 0,
    .simgrid_args = simgrid_args, .progress = progress,
    .progress_base = r->set->rows->len, .on_point = on_point, .data = r,
    .trace_paths = r->traces.trace_paths, .timeline_paths = r->traces.timeline_paths,
    .samples = opt.samples > 0 ? (guint) opt.samples : 1, .no_noise = opt.no_noise,
  };
  check_resumed_samples (r, gs_runner_samples (&runner));
  gboolean ok = gs_runner_run (&runner, &error);
  g_clear_pointer (&progress, gs_progress_free);
  GError *write_error = NULL;
  gboolean written = gs_outputs_write (&r->out, r->set, &write_error);
  if (!ok || !written)
    gs_traces_clear (&r->traces);   /* the temporary timelines, before exiting */
  if (!written && ok)
    cli_die (write_error->message);
  if (!ok)
    cli_die (error->message);
  g_autofree char *report = opt.output ? g_build_filename (opt.output, "report.html",
                                                          NULL) : NULL;
  const char *htmls[] = { opt.html, report };
  for (gsize i = 0; i < G_N_ELEMENTS (htmls) && error == NULL; i++)
    if (htmls[i])
      gs_traces_write_html (&r->traces, r->set, htmls[i], &error);
  gs_traces_clear (&r->traces);
  if (error)
    cli_die (error->message);
}

/* The terminal report, unless an export goes to stdout, then those. */
static void
print_results (const GsResultSet *set)
{
  GError *error = NULL;
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", opt.export_json }, { "csv", opt.export_csv },
    { "markdown", opt.export_markdown },
  };
  gboolean to_stdout = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    to_stdout |= exports[i].path && strcmp (exports[i].path, "-") == 0;
  if (!to_stdout)
    gs_report_terminal (stdout, set, !opt.quiet, opt.verbose);
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    if (exports[i].path && strcmp (exports[i].path, "-") == 0 &&
        !gs_report_export (set, exports[i].fmt, "-", &error))
      cli_die (error->message);
}

/* The value TEXT of option NAME (NULL if not given: 0), a whole number
 * from 1 to MAX written in decimal digits; anything else ends gilsim with
 * one line saying what to give (WHAT). */
static int
parse_count (const char *name, const char *text, guint max, const char *what)
{
  if (text == NULL)
    return 0;
  guint64 v = 0;
  gboolean ok = *text != '\0' && strlen (text) <= 9;
  for (const char *c = text; ok && *c; c++)
    ok = g_ascii_isdigit (*c);
  if (ok)
    v = g_ascii_strtoull (text, NULL, 10);
  if (!ok || v < 1 || v > max)
    cli_die_printf ("%s %s: give %s, a whole number from 1 to %u", name, text, what, max);
  return (int) v;
}

int
cmd_run (int argc, char **argv, GPtrArray *simgrid_args)
{
  if (argc != 2)
    cli_die ("gilsim run: give exactly one scenario file (see gilsim run --help)");
  GError *error = NULL;
  g_auto (Run) r = { 0 };
  load_machine (&r, argv[1]);
  build_points (&r);
  if (opt.list_points) {
    for (guint i = 0; i < r.selected->len; i++) {
      const GsPoint *p = r.selected->pdata[i];
      g_autofree char *key = gs_points_key (p);
      printf ("%u%s%s\n", p->index, *key ? " " : "", key);
    }
    return 0;
  }
  opt.samples = parse_count ("--samples", opt.samples_text, 100000,
                             "the number of samples of each point");
  /* each worker is a process with SimGrid started (about 12 MB): more than
   * a few per CPU only costs memory */
  guint max_jobs = 4 * g_get_num_processors ();
  opt.jobs = parse_count ("-j", opt.jobs_text, max_jobs,
                          "the number of simulations to run at once (4 per CPU at most)");
  GsProgressStyle style;
  if (!gs_progress_style_parse (opt.style, stderr, &style, &error))
    cli_die (error->message);
  if (simgrid_args->len > 0) {
    /* SimGrid aborts on a setting it refuses: try them once, here */
    GsEngineConfig check = { 0 };
    check.platform = r.platform;
    check.host = r.host;
    check.simgrid_args = simgrid_args;
    if (!gs_simulate_check_simgrid (&check, &error))
      cli_die (error->message);
  }

  if (opt.html && !gs_traces_check_html (opt.html, &error))
    cli_die (error->message);
  r.set = gs_resultset_new (r.points->len, opt.reference, &error);
  r.out = (GsOutputs) { .json = opt.export_json, .csv = opt.export_csv,
                        .markdown = opt.export_markdown, .dir = opt.output };
  simulate (&r, style, simgrid_args);
  print_results (r.set);
  return 0;
}
