/* cmd_calibrate.c: gilsim calibrate, a platform file from a session's measurements. */
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "results/report.h"
#include "validate/calibrate.h"
#include "validate/calibrate_files.h"
#include "validate/measure.h"
#include "units.h"
#include "util/savefile.h"

static struct {
  CliMachine machine;
  char *output;
  gboolean measure;
  char *python;
  char **also;
  char *budget;
  gboolean quick;
  char *records;
  char *style;
} opt;

const GOptionEntry cmd_calibrate_options[] = {
  CLI_MACHINE_OPTIONS (opt.machine,
                       "SimGrid platform file to start from: the nearest kind of machine"),
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output,
    "write the platform file to FILE (default: stdout)", "FILE" },
  { "measure", 0, 0, G_OPTION_ARG_NONE, &opt.measure,
    "measure this machine first, with gilsim's own harness, instead of reading FILE...", NULL },
  { "python", 0, 0, G_OPTION_ARG_FILENAME, &opt.python,
    "with --measure: the Python to measure (default: python3)", "PY" },
  { "also-python", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt.also,
    "with --measure: time the start-up of another version's Python too (repeatable), "
    "for -L runtime= that version", "PY" },
  { "budget", 0, 0, G_OPTION_ARG_STRING, &opt.budget,
    "with --measure: the time it may take (default: 5min)", "DURATION" },
  { "quick", 0, 0, G_OPTION_ARG_NONE, &opt.quick,
    "with --measure: a smoke run, tiny sizes (the values it sets are rough)", NULL },
  { "records", 0, 0, G_OPTION_ARG_FILENAME, &opt.records,
    "with --measure: write the measurements to FILE (default: -o's name with .jsonl)", "FILE" },
  { "style", 0, 0, G_OPTION_ARG_STRING, &opt.style,
    "with --measure: progress bar auto, full, basic or none (default: auto)", "STYLE" },
  G_OPTION_ENTRY_NULL
};

const char cmd_calibrate_help[] =
  "Writes a platform file for the machine that the records of FILE... were\n"
  "measured on: the values of --platform BASE (required), with those that\n"
  "the files' single-worker records time set from them; with several files,\n"
  "each file's values go on top of the ones before.  Each value set is\n"
  "printed on stderr.\n"
  "\n"
  "With --measure, no FILE: measures this machine first, running the\n"
  "measurement harness that ships with gilsim (standard library only) with\n"
  "--python PY for at most --budget, and calibrates from what it measured.\n"
  "Each --also-python PY2 adds the start-up of another interpreter of the\n"
  "machine (python.startup.3.11 for a Python 3.11), which a run with\n"
  "-L runtime=cpython-3.11 pays.\n"
  "\n"
  "Examples:\n"
  "  gilsim calibrate my-machine.jsonl --platform platforms/xeon-16core.xml -o my-machine.xml\n"
  "  gilsim calibrate --measure --python python3.12 --platform platforms/laptop-2core.xml -o mine.xml\n"
  "  gilsim calibrate --measure --python python3.12 --also-python python3.11 \\\n"
  "      --platform platforms/laptop-2core.xml -o mine.xml\n";

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

/* The --measure options without --measure are a mistake worth a line. */
static void
check_measure_options (void)
{
  if (opt.measure)
    return;
  const char *given = opt.python ? "--python" : opt.also ? "--also-python"
                      : opt.budget ? "--budget" : opt.quick ? "--quick"
                      : opt.records ? "--records" : opt.style ? "--style" : NULL;
  if (given != NULL)
    cli_die_printf ("gilsim calibrate: %s goes with --measure, which measures this machine "
                    "first", given);
}

/* --measure: runs the harness into the records file: --records, else
 * beside -o's platform file (mine.xml: mine.jsonl), else a temporary one.
 * Returns its path, and in *TMPDIR the folder to remove afterwards (or
 * NULL). */
static char *
measure (char **tmpdir)
{
  double budget = 300.0;
  GError *error = NULL;
  if (opt.budget != NULL && !gs_units_parse (opt.budget, GS_DIM_DURATION, FALSE, &budget, &error))
    cli_die_printf ("gilsim calibrate: --budget %s: %s", opt.budget, error->message);
  if (budget < 10.0 || budget > 86400.0)
    cli_die_printf ("gilsim calibrate: --budget %s: give between 10s and 24h", opt.budget);
  GsProgressStyle style;
  if (!gs_progress_style_parse (opt.style, stderr, &style, &error))
    cli_die_printf ("gilsim calibrate: %s", error->message);
  *tmpdir = NULL;
  char *records;
  if (opt.records != NULL) {
    records = g_strdup (opt.records);
  } else if (opt.output != NULL) {
    g_autofree char *stem = g_str_has_suffix (opt.output, ".xml")
        ? g_strndup (opt.output, strlen (opt.output) - 4) : g_strdup (opt.output);
    records = g_strconcat (stem, ".jsonl", NULL);
  } else {
    *tmpdir = g_dir_make_tmp ("gilsim-measure-XXXXXX", &error);
    if (*tmpdir == NULL)
      cli_die_printf ("gilsim calibrate: %s", error->message);
    records = g_build_filename (*tmpdir, "measure.jsonl", NULL);
  }
  /* the harness appends to the records and calibrate reads them back: a
   * regular file (or a new one), checked before minutes of measuring */
  if (g_file_test (records, G_FILE_TEST_EXISTS) &&
      !g_file_test (records, G_FILE_TEST_IS_REGULAR))
    cli_die_printf ("gilsim calibrate: --records %s: not a regular file; give the path "
                    "of a file to write the measurements to", records);
  if (!gs_savefile_check (records, &error))
    cli_die_printf ("gilsim calibrate: --records %s: cannot write the measurements: %s",
                    records, error->message);
  GsMeasureOptions mo = { opt.python ? opt.python : "python3",
                          (const char *const *) opt.also, budget, opt.quick, records, style };
  if (!gs_measure_run (&mo, &error)) {
    if (*tmpdir != NULL) {
      g_remove (records);
      g_rmdir (*tmpdir);
    }
    cli_die_printf ("gilsim calibrate: %s", error->message);
  }
  return records;
}

/* calibrate: validate's session values, written into the base platform;
 * with several files, each file's on top of the ones before. */
int
cmd_calibrate (int argc, char **argv, GPtrArray *simgrid_args)
{
  check_measure_options ();
  if (opt.measure && argc > 1)
    cli_die_printf ("gilsim calibrate: give either measurements files or --measure, not "
                    "both (%s)", argv[1]);
  if (argc < 2 && !opt.measure)
    cli_die ("gilsim calibrate: give the measurements files, such as gilsim calibrate "
             "mine.jsonl --platform platforms/xeon-16core.xml -o mine.xml, or --measure to "
             "measure this machine");
  const char *no_platform = "gilsim calibrate: give the platform to start from, the kind "
                            "of machine the records come from: --platform FILE (see "
                            "gilsim --help)";
  if (opt.machine.platform == NULL)
    cli_die (no_platform);
  GError *error = NULL;
  /* a folder, a FIFO nobody reads...: refused before anything is measured */
  if (opt.output != NULL && !gs_savefile_check (opt.output, &error))
    cli_die_printf ("-o: cannot write %s: %s", opt.output, error->message);
  g_autoptr (GsCalibrateFiles) steps = gs_calibrate_files_new (opt.machine.platform, &error);
  if (steps == NULL)
    cli_die (error->message);
  g_autofree char *tmpdir = NULL;
  g_autofree char *measured = opt.measure ? measure (&tmpdir) : NULL;
  char *measured_argv[] = { argv[0], measured, NULL };
  if (measured != NULL) {
    argc = 2;
    argv = measured_argv;
  }
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
  if (tmpdir != NULL) {
    g_remove (measured);
    g_rmdir (tmpdir);
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
