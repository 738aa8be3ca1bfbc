/* main.c: gilsim's command line. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "gilsim-config.h"
#include "platform.h"
#include "report.h"
#include "scenario.h"
#include "simulate.h"
#include "sweep.h"
#include "validate.h"

#define EXIT_USAGE 2

static const char *usage_examples =
  "Commands:\n"
  "  run SCENARIO     predict how long SCENARIO takes, and why\n"
  "  validate FILE    compare predictions with CPython measurements (JSON lines\n"
  "                   of ../shared/groundtruth/measure.py or run_seed.py)\n"
  "\n"
  "Examples:\n"
  "  gilsim run scenarios/seed/io_threads.gil\n"
  "  gilsim run scenarios/seed/cpu_threads.gil --platform platforms/xeon-16core.xml -L N=1,3,8,16\n"
  "  gilsim run scenarios/seed/cpu_threads.gil -L runtime=cpython-3.12,cpython-3.13t --export-csv -\n"
  "  gilsim run scenarios/seed/numpy_threads.gil --export-json result.json\n"
  "  gilsim validate ../shared/groundtruth/laptop-2core.jsonl --platform platforms/laptop-2core.xml\n"
  "\n"
  "SimGrid's own --cfg=item:value and --log=category.thres:level pass through.\n"
  "Exit status: 0 on success, 2 for bad input (the message names file:line:col).\n";

typedef struct {
  char *platform;
  char *host;
  char *runtime;
  char *switch_interval;
  char **lists;
  char *export_json, *export_csv, *export_markdown;
  gboolean no_sequential;
  gboolean recalibrate;
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
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  die (msg);
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

static int
cmd_validate (const Options *o, const char *path)
{
  GError *error = NULL;
  if (o->platform == NULL)
    die ("gilsim validate: give the machine the measurements come from: "
         "--platform FILE (see gilsim --help)");
  g_autoptr (GsPlatform) platform = gs_platform_load (o->platform, &error);
  if (platform == NULL)
    die (error->message);
  const GsHost *host = choose_host (o, platform);
  const char *seed_dir = "scenarios/seed";
  if (!g_file_test (seed_dir, G_FILE_TEST_IS_DIR))
    seed_dir = GILSIM_SOURCE_DIR "/scenarios/seed";
  g_autoptr (GPtrArray) rows = gs_validate (path, platform, host, seed_dir,
                                          o->recalibrate, &error);
  if (rows == NULL)
    die (error->message);
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", o->export_json }, { "markdown", o->export_markdown },
  };
  gboolean to_stdout = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++) {
    if (exports[i].path == NULL)
      continue;
    g_autofree char *text = gs_validation_render (rows, exports[i].fmt, path, platform);
    if (strcmp (exports[i].path, "-") == 0) {
      fputs (text, stdout);
      to_stdout = TRUE;
    } else if (!g_file_set_contents (exports[i].path, text, -1, &error)) {
      die_printf ("--export-%s: %s", exports[i].fmt, error->message);
    }
  }
  if (!to_stdout) {
    g_autofree char *text = gs_validation_render (rows, "text", path, platform);
    fputs (text, stdout);
  }
  return 0;
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

  g_autoptr (GPtrArray) axes = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_axis_free);
  for (char **l = o->lists; l && *l; l++) {
    GsAxis *a = gs_axis_parse (*l, &error);
    if (a == NULL)
      die (error->message);
    g_ptr_array_add (axes, a);
  }
  g_autoptr (GPtrArray) points = gs_points_build (sc, axes, o->runtime,
                                                  o->switch_interval, &error);
  if (points == NULL)
    die (error->message);

  for (guint i = 0; i < points->len; i++) {
    GsPoint *p = points->pdata[i];
    GsEngineConfig cfg = { 0 };
    cfg.sc = sc;
    cfg.platform = platform;
    cfg.host = host;
    cfg.runtime = p->runtime;
    cfg.switch_interval = p->switch_interval;
    cfg.startup = p->startup;
    cfg.globals = &p->env;
    cfg.simgrid_args = simgrid_args;
    cfg.quiet_simgrid = simgrid_args->len == 0;
    p->result = gs_simulate (&cfg, &error);
    if (p->result == NULL)
      die (error->message);
    if (!o->no_sequential) {
      cfg.sequential = TRUE;
      g_autoptr (GsResult) seq = gs_simulate (&cfg, &error);
      if (seq == NULL)
        die (error->message);
      p->result->sequential_s = seq->wall_s;
    }
  }

  GsReport rep = { sc, platform, host, axes, points };
  gboolean to_stdout = (o->export_json && strcmp (o->export_json, "-") == 0) ||
                       (o->export_csv && strcmp (o->export_csv, "-") == 0) ||
                       (o->export_markdown && strcmp (o->export_markdown, "-") == 0);
  if (!to_stdout)
    gs_report_terminal (stdout, &rep, !o->quiet);
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", o->export_json }, { "csv", o->export_csv },
    { "markdown", o->export_markdown },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    if (exports[i].path && !gs_report_export (&rep, exports[i].fmt,
                                              exports[i].path, &error))
      die (error->message);
  return 0;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* SimGrid's --cfg= and --log= go to each simulation, not to GOption. */
  g_autoptr (GPtrArray) simgrid_args = g_ptr_array_new_with_free_func (g_free);
  int kept = 1;
  for (int i = 1; i < argc; i++) {
    if (g_str_has_prefix (argv[i], "--cfg=") || g_str_has_prefix (argv[i], "--log="))
      g_ptr_array_add (simgrid_args, g_strdup (argv[i]));
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  argv[argc] = NULL;

  Options o = { 0 };
  GOptionEntry entries[] = {
    { "platform", 'p', 0, G_OPTION_ARG_FILENAME, &o.platform,
      "SimGrid platform file (default: the scenario's platform line)", "FILE" },
    { "host", 0, 0, G_OPTION_ARG_STRING, &o.host,
      "host of the platform to run on (default: its first host)", "NAME" },
    { "runtime", 'r', 0, G_OPTION_ARG_STRING, &o.runtime,
      "Python runtime, e.g. cpython-3.12, cpython-3.13t, cpython-2.7", "NAME" },
    { "switch-interval", 0, 0, G_OPTION_ARG_STRING, &o.switch_interval,
      "GIL switch interval (sys.setswitchinterval), e.g. 5ms", "DURATION" },
    { "parameter-list", 'L', 0, G_OPTION_ARG_STRING_ARRAY, &o.lists,
      "run once per value; several -L give every combination", "NAME=v1,v2" },
    { "export-json", 0, 0, G_OPTION_ARG_FILENAME, &o.export_json,
      "write the results as JSON (- for stdout)", "FILE" },
    { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, &o.export_csv,
      "write the results as CSV (- for stdout)", "FILE" },
    { "export-markdown", 0, 0, G_OPTION_ARG_FILENAME, &o.export_markdown,
      "write the results as a Markdown table (- for stdout)", "FILE" },
    { "no-sequential", 0, 0, G_OPTION_ARG_NONE, &o.no_sequential,
      "skip the sequential comparison run", NULL },
    { "recalibrate", 0, 0, G_OPTION_ARG_NONE, &o.recalibrate,
      "validate: let each case's single-worker record set its CPU speed", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet,
      "do not show the program's printed lines", NULL },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &o.version, "show the version", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (
      "COMMAND [SCENARIO] - predict how a Python program with threads, "
      "processes and native code performs");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_description (ctx, usage_examples);
  GError *error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    die_printf ("gilsim: %s (see gilsim --help)", error->message);
  if (o.version) {
    printf ("gilsim %s\n", GILSIM_VERSION);
    return 0;
  }
  if (argc < 2)
    die ("gilsim: no command; try: gilsim run scenarios/seed/io_threads.gil "
         "(see gilsim --help)");
  if (strcmp (argv[1], "run") == 0) {
    if (argc != 3)
      die ("gilsim run: give exactly one scenario file (see gilsim --help)");
    return cmd_run (&o, argv[2], simgrid_args);
  }
  if (strcmp (argv[1], "validate") == 0) {
    if (argc != 3)
      die ("gilsim validate: give exactly one measurements file (see gilsim --help)");
    return cmd_validate (&o, argv[2]);
  }
  die_printf ("gilsim: unknown command '%s'; the commands: run, validate (see gilsim --help)",
              argv[1]);
  return EXIT_USAGE;
}
