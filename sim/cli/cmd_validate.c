/* cmd_validate.c: gilsim validate, predictions against a session's measurements. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "results/report.h"
#include "validate/stats.h"
#include "validate/validate.h"
#include "validate/yardstick.h"

static struct {
  CliMachine machine;
  char *export_json, *export_markdown;
  char *compare_with;
  gboolean no_recalibrate;
  int samples;
} opt;

const GOptionEntry cmd_validate_options[] = {
  CLI_MACHINE_OPTIONS (opt.machine,
                       "SimGrid platform file of the machine the measurements come from"),
  { "export-json", 0, 0, G_OPTION_ARG_FILENAME, &opt.export_json,
    "write the comparison as JSON (- for stdout)", "FILE" },
  { "export-markdown", 0, 0, G_OPTION_ARG_FILENAME, &opt.export_markdown,
    "write the comparison as Markdown (- for stdout)", "FILE" },
  { "compare-with", 0, 0, G_OPTION_ARG_FILENAME, &opt.compare_with,
    "also show how far another session's measurements of the same "
    "configurations are from these (the noise floor of any prediction)", "FILE" },
  { "samples", 0, 0, G_OPTION_ARG_INT, &opt.samples,
    "also predict each record K times with the machine's random effects drawn "
    "(as gilsim run --samples) and the session's calibration drawn from its "
    "records' runs, and report the coverage of the predicted 90 % "
    "interval: the share of measured medians inside it", "K" },
  { "no-recalibrate", 0, 0, G_OPTION_ARG_NONE, &opt.no_recalibrate,
    "keep the platform's loop speed (no session speed)", NULL },
  G_OPTION_ENTRY_NULL
};

const char cmd_validate_help[] =
  "Predicts every record of FILE, the JSON lines of ../shared/groundtruth/\n"
  "measure.py or run_seed.py, on the machine of --platform (required), and\n"
  "shows how far each prediction is from the measured time.  The file is\n"
  "one session: unless --no-recalibrate, it is first calibrated from its own\n"
  "single-worker records, as gilsim calibrate does, and only the rest is\n"
  "predicted.\n"
  "\n"
  "With several files, each its own session calibrated from its own records,\n"
  "it reports the yardstick (docs/validate.md): for every configuration\n"
  "measured in two or more sessions, the range of their medians and how far\n"
  "each session's prediction falls outside it; the predictions' |error|\n"
  "against the difference between two sessions; each family's (case,\n"
  "variant) mean signed error.\n"
  "\n"
  "Examples:\n"
  "  gilsim validate ../shared/groundtruth/laptop-2core.jsonl --platform platforms/laptop-2core.xml\n"
  "  gilsim validate tests/data/xeon-device/measure-run*.jsonl -p platforms/xeon-16core.xml\n";

/* Writes TEXT of FORMAT to PATH ("-": stdout, then *TO_STDOUT). */
static void
write_export (const char *fmt, const char *path, const char *text, gboolean *to_stdout)
{
  GError *error = NULL;
  if (strcmp (path, "-") == 0) {
    fputs (text, stdout);
    *to_stdout = TRUE;
  } else if (!gs_report_save (path, text, &error)) {
    cli_die_printf ("--export-%s: %s", fmt, error->message);
  }
}

/* The message for a file without --platform. */
static const char no_platform[] =
  "gilsim validate: give the machine the measurements come from: --platform "
  "FILE (see gilsim validate --help)";

/* Loads the records of PATH into PR, each predicted with --samples
 * samples on --platform's host (exits on bad input). */
static void
validate_load (CliPredicted *pr, const char *path)
{
  pr->samples = (guint) opt.samples;
  cli_predicted_load (pr, &opt.machine, path, opt.machine.platform, no_platform,
                      !opt.no_recalibrate);
}

/* gilsim validate with several files: the yardstick of ARGV's sessions. */
static int
validate_sessions (int argc, char **argv)
{
  if (opt.compare_with)
    cli_die ("gilsim validate: --compare-with compares one file with another; with "
             "several files give them all as sessions instead");
  g_autoptr (GPtrArray) loaded = g_ptr_array_new ();
  g_autoptr (GPtrArray) sessions = g_ptr_array_new ();
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();
  g_autoptr (GArray) summaries = g_array_new (FALSE, FALSE, sizeof (GsValidationSummary));
  for (int k = 1; k < argc; k++) {
    CliPredicted *pr = g_new0 (CliPredicted, 1);
    validate_load (pr, argv[k]);
    g_ptr_array_add (loaded, pr);
    g_ptr_array_add (sessions, pr->rows);
    g_ptr_array_add (paths, argv[k]);
    GsValidationSummary sum = gs_stats_summarize (pr->rows);
    g_array_append_val (summaries, sum);
  }
  g_autoptr (GsYardstick) y = gs_yardstick_compute (sessions);
  const char *platform = ((CliPredicted *) loaded->pdata[0])->platform->path;
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", opt.export_json }, { "markdown", opt.export_markdown },
  };
  gboolean to_stdout = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++) {
    if (exports[i].path == NULL)
      continue;
    g_autofree char *text = gs_yardstick_render (y, paths, summaries, platform,
                                                 exports[i].fmt);
    write_export (exports[i].fmt, exports[i].path, text, &to_stdout);
  }
  if (!to_stdout) {
    g_autofree char *text = gs_yardstick_render (y, paths, summaries, platform, "text");
    fputs (text, stdout);
  }
  for (guint i = 0; i < loaded->len; i++) {
    cli_predicted_clear (loaded->pdata[i]);
    g_free (loaded->pdata[i]);
  }
  return 0;
}

int
cmd_validate (int argc, char **argv, GPtrArray *simgrid_args)
{
  if (argc < 2)
    cli_die ("gilsim validate: give one measurements file, or several sessions' (see "
             "gilsim validate --help)");
  if (opt.samples < 0 || opt.samples > 10000)
    cli_die_printf ("--samples %d: give the number of samples of each record, 2 to "
                    "10000 (1: none)", opt.samples);
  if (argc > 2)
    return validate_sessions (argc, argv);
  const char *path = argv[1];
  GError *error = NULL;
  g_auto (CliPredicted) pr = { 0 };
  validate_load (&pr, path);
  GPtrArray *rows = pr.rows, *fits = pr.fits;
  const GsPlatform *platform = pr.platform;
  if (opt.compare_with && !gs_validation_compare (rows, opt.compare_with, &error))
    cli_die (error->message);
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", opt.export_json }, { "markdown", opt.export_markdown },
  };
  gboolean to_stdout = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++) {
    if (exports[i].path == NULL)
      continue;
    g_autofree char *text = gs_validation_render (rows, fits, exports[i].fmt, path, platform,
                                                  opt.compare_with);
    write_export (exports[i].fmt, exports[i].path, text, &to_stdout);
  }
  if (!to_stdout) {
    g_autofree char *text = gs_validation_render (rows, fits, "text", path, platform,
                                                  opt.compare_with);
    fputs (text, stdout);
  }
  return 0;
}
