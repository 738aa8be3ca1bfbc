/* cmd_calibrate.c: gilsim calibrate, a platform file from a session's measurements. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "results/report.h"
#include "validate/calibrate.h"
#include "validate/calibrate_files.h"

static struct {
  CliMachine machine;
  char *output;
} opt;

const GOptionEntry cmd_calibrate_options[] = {
  CLI_MACHINE_OPTIONS (opt.machine,
                       "SimGrid platform file to start from: the nearest kind of machine"),
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output,
    "write the platform file to FILE (default: stdout)", "FILE" },
  G_OPTION_ENTRY_NULL
};

const char cmd_calibrate_help[] =
  "Writes a platform file for the machine that the records of FILE... were\n"
  "measured on: the values of --platform BASE (required), with those that\n"
  "the files' single-worker records time set from them; with several files,\n"
  "each file's values go on top of the ones before.  Each value set is\n"
  "printed on stderr.\n"
  "\n"
  "Example:\n"
  "  gilsim calibrate my-machine.jsonl --platform platforms/xeon-16core.xml -o my-machine.xml\n";

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
int
cmd_calibrate (int argc, char **argv, GPtrArray *simgrid_args)
{
  if (argc < 2)
    cli_die ("gilsim calibrate: give the measurements files, such as gilsim calibrate "
             "mine.jsonl --platform platforms/xeon-16core.xml -o mine.xml");
  const char *no_platform = "gilsim calibrate: give the platform to start from, the kind "
                            "of machine the records come from: --platform FILE (see "
                            "gilsim --help)";
  if (opt.machine.platform == NULL)
    cli_die (no_platform);
  GError *error = NULL;
  g_autoptr (GsCalibrateFiles) steps = gs_calibrate_files_new (opt.machine.platform, &error);
  if (steps == NULL)
    cli_die (error->message);
  for (int k = 1; k < argc; k++) {
    const char *platform = gs_calibrate_files_platform (steps, &error);
    if (platform == NULL)
      cli_die_printf ("gilsim calibrate: %s", error->message);
    g_auto (CliPredicted) pr = { 0 };
    cli_predicted_load (&pr, &opt.machine, argv[k], platform, no_platform, TRUE);
    if (!gs_calibrate_files_step (steps, argv[k], pr.platform, pr.host, pr.fits, &error))
      cli_die (error->message);
    print_fits (argv[k], pr.fits);
  }
  const char *text = gs_calibrate_files_result (
      steps, opt.output ? opt.output : "(standard output)", &error);
  if (text == NULL)
    cli_die (error->message);
  if (opt.output == NULL)
    fputs (text, stdout);
  else if (!gs_report_save (opt.output, text, &error))
    cli_die_printf ("-o: %s", error->message);
  return 0;
}
