/* cmd_calibrate.c: gilsim calibrate, a platform file from a session's measurements. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "results/report.h"
#include "validate/calibrate.h"
#include "validate/calibrate_files.h"
#include "record/measure.h"

#include <glib/gstdio.h>

static struct {
  CliMachine machine;
  char *output;
  gboolean measure;
  char *python;
  double budget;
} opt;

const GOptionEntry cmd_calibrate_options[] = {
  CLI_MACHINE_OPTIONS (opt.machine,
                       "SimGrid platform file to start from: the nearest kind of machine"),
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output,
    "write the platform file to FILE (default: stdout)", "FILE" },
  { "measure", 0, 0, G_OPTION_ARG_NONE, &opt.measure,
    "measure this machine first with the shipped harness (measure.py) and the "
    "interpreter of --python", NULL },
  { "python", 0, 0, G_OPTION_ARG_FILENAME, &opt.python,
    "with --measure: the Python to measure with (default: python3)", "PY" },
  { "budget", 0, 0, G_OPTION_ARG_DOUBLE, &opt.budget,
    "with --measure: the time the measurements may take, in seconds (default: 300)",
    "SECONDS" },
  G_OPTION_ENTRY_NULL
};

const char cmd_calibrate_help[] =
  "Writes a platform file for the machine that the records of FILE... were\n"
  "measured on: the values of --platform BASE (required), with those that\n"
  "the files' single-worker records time set from them; with several files,\n"
  "each file's values go on top of the ones before.  Each value set is\n"
  "printed on stderr.\n"
  "\n"
  "With --measure (and no FILE), it measures this machine first: it runs the\n"
  "harness shipped with gilsim (measure.py, standard library only; NumPy cases\n"
  "where NumPy imports) with --python's interpreter, within --budget seconds,\n"
  "keeps its records beside -o's file (mine.xml: mine.jsonl), and calibrates\n"
  "from them.\n"
  "\n"
  "Examples:\n"
  "  gilsim calibrate my-machine.jsonl --platform platforms/xeon-16core.xml -o my-machine.xml\n"
  "  gilsim calibrate --measure --python python3.12 --platform platforms/laptop-2core.xml -o mine.xml\n";

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
/* --measure: runs the harness into a records file and returns its path
 * (beside -o's file, or a temporary one that *TEMP says to remove). */
static char *
measure (gboolean *temp)
{
  if (opt.python == NULL)
    opt.python = g_strdup ("python3");
  if (opt.budget == 0)
    opt.budget = 300;
  if (opt.budget < 10 || opt.budget > 86400)
    cli_die_printf ("gilsim calibrate: --budget %g: give between 10 and 86400 seconds",
                    opt.budget);
  g_autofree char *exe = g_find_program_in_path (opt.python);
  if (exe == NULL)
    cli_die_printf ("gilsim calibrate: --python %s: not found; give a Python interpreter, "
                    "such as --python python3", opt.python);
  GError *error = NULL;
  g_autofree char *harness = gs_measure_harness (&error);
  if (harness == NULL)
    cli_die (error->message);
  char *out;
  *temp = opt.output == NULL;
  if (opt.output) {
    g_autofree char *stem = g_str_has_suffix (opt.output, ".xml")
      ? g_strndup (opt.output, strlen (opt.output) - 4) : g_strdup (opt.output);
    out = g_strconcat (stem, ".jsonl", NULL);
  } else {
    int fd = g_file_open_tmp ("gilsim-measure-XXXXXX.jsonl", &out, &error);
    if (fd < 0)
      cli_die_printf ("gilsim calibrate: %s", error->message);
    close (fd);
  }
  fprintf (stderr, "gilsim calibrate: measuring this machine with %s for up to %.0f s "
           "into %s\n", opt.python, opt.budget, out);
  if (!gs_measure_run (opt.python, harness, out, opt.budget, &error)) {
    if (*temp)
      g_remove (out);
    cli_die (error->message);
  }
  return out;
}

int
cmd_calibrate (int argc, char **argv, GPtrArray *simgrid_args)
{
  if (!opt.measure && (opt.python || opt.budget != 0))
    cli_die ("gilsim calibrate: --python and --budget go with --measure");
  if (opt.measure && argc > 1)
    cli_die ("gilsim calibrate: --measure makes its own records; give no FILE with it");
  if (opt.measure && opt.machine.platform == NULL)
    cli_die ("gilsim calibrate: give the platform to start from, the nearest kind of "
             "machine: --platform FILE (such as platforms/laptop-2core.xml)");
  gboolean temp = FALSE;
  g_autofree char *measured = opt.measure ? measure (&temp) : NULL;
  char *measured_argv[] = { argv[0], measured, NULL };
  if (measured) {
    argc = 2;
    argv = measured_argv;
  }
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
  if (temp)
    g_remove (measured);
  if (opt.output == NULL)
    fputs (text, stdout);
  else if (!gs_report_save (opt.output, text, &error))
    cli_die_printf ("-o: %s", error->message);
  return 0;
}
