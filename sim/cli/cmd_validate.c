/* cmd_validate.c: gilsim validate, predictions against a session's measurements. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "results/report.h"
#include "validate/validate.h"

static struct {
  CliMachine machine;
  char *export_json, *export_markdown;
  char *compare_with;
  gboolean no_recalibrate;
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
  "Example:\n"
  "  gilsim validate ../shared/groundtruth/laptop-2core.jsonl --platform platforms/laptop-2core.xml\n";

int
cmd_validate (int argc, char **argv, GPtrArray *simgrid_args)
{
  if (argc != 2)
    cli_die ("gilsim validate: give exactly one measurements file (see gilsim validate --help)");
  const char *path = argv[1];
  GError *error = NULL;
  g_auto (CliPredicted) pr = { 0 };
  cli_predicted_load (&pr, &opt.machine, path, opt.machine.platform,
                      "gilsim validate: give the machine the measurements "
                      "come from: --platform FILE (see gilsim validate --help)", !opt.no_recalibrate);
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
    if (strcmp (exports[i].path, "-") == 0) {
      fputs (text, stdout);
      to_stdout = TRUE;
    } else if (!gs_report_save (exports[i].path, text, &error)) {
      cli_die_printf ("--export-%s: %s", exports[i].fmt, error->message);
    }
  }
  if (!to_stdout) {
    g_autofree char *text = gs_validation_render (rows, fits, "text", path, platform,
                                                  opt.compare_with);
    fputs (text, stdout);
  }
  return 0;
}
