/* cmd_report.c: gilsim report, a JSON export again, or as a two-way table. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "results/report.h"
#include "results/resultset.h"
#include "results/resultset_load.h"

static struct {
  char *reference;
  char *rows, *cols, *value, *format, *where;
} opt;

const GOptionEntry cmd_report_options[] = {
  { "rows", 0, 0, G_OPTION_ARG_STRING, &opt.rows,
    "the parameter whose values make the table's rows", "NAME" },
  { "cols", 0, 0, G_OPTION_ARG_STRING, &opt.cols,
    "the parameter whose values make the table's columns", "NAME" },
  { "value", 0, 0, G_OPTION_ARG_STRING, &opt.value,
    "what a cell holds: speedup (default), wall, relative, gil_switches, "
    "gil_wait, cpu, blocked, slowed, core_wait (the workers' sums, seconds), or one "
    "worker's worker_NAME_end_s (also _start_s, _cpu_s, _gil_wait_s, _blocked_s, "
    "_slowed_s, _core_wait_s)", "WHAT" },
  { "where", 0, 0, G_OPTION_ARG_STRING, &opt.where,
    "keep only the results with these values", "NAME=VALUE[,NAME=VALUE]" },
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt.format,
    "markdown (default), csv, or json (without --rows)", "FORMAT" },
  { "reference", 0, 0, G_OPTION_ARG_STRING, &opt.reference,
    "the point the Relative column compares with (default: the export's)",
    "NAME=VALUE[,NAME=VALUE]" },
  G_OPTION_ENTRY_NULL
};

const char cmd_report_help[] =
  "Prints RESULTS.json, a JSON export of gilsim run (or merge), again as\n"
  "Markdown, CSV or JSON; with --rows, as a two-way table of one number per\n"
  "pair of parameter values (--where fixes the other swept parameters).\n"
  "\n"
  "Example:\n"
  "  gilsim report results.json --rows N --cols runtime --value speedup\n";

/* Gives SET the reference REF (--reference). */
static void
set_reference (GsResultSet *set, const char *ref)
{
  GError *error = NULL;
  g_autoptr (GsResultSet) probe = gs_resultset_new (0, ref, &error);
  if (probe == NULL)
    cli_die (error->message);
  GPtrArray *t;
  t = set->ref_names, set->ref_names = probe->ref_names, probe->ref_names = t;
  t = set->ref_values, set->ref_values = probe->ref_values, probe->ref_values = t;
}

/* Keeps the rows of SET with the values of WHERE (--where). */
static void
keep_where (GsResultSet *set, const char *where)
{
  GError *error = NULL;
  g_autoptr (GsResultSet) probe = gs_resultset_new (0, where, &error);
  if (probe == NULL)
    cli_die_printf ("--where: %s", error->message);
  for (guint j = 0; j < probe->ref_names->len; j++)
    if (!gs_report_check_param (set, "--where", probe->ref_names->pdata[j], &error))
      cli_die (error->message);
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
    cli_die_printf ("--where %s: no result has these values", where);
}

int
cmd_report (int argc, char **argv, GPtrArray *simgrid_args)
{
  if (argc != 2)
    cli_die ("gilsim report: give exactly one JSON export, such as gilsim report "
             "results.json --rows N --cols runtime");
  GError *error = NULL;
  g_autoptr (GsResultSet) set = gs_resultset_load (argv[1], &error);
  if (set == NULL)
    cli_die (error->message);
  if (opt.reference)
    set_reference (set, opt.reference);
  if (opt.where)
    keep_where (set, opt.where);
  const char *format = opt.format ? opt.format : "markdown";
  g_autofree char *text = NULL;
  if (opt.rows) {
    text = gs_report_table (set, opt.rows, opt.cols, opt.value ? opt.value : "speedup",
                            format, &error);
  } else if (opt.cols || opt.value) {
    cli_die ("gilsim report: --cols and --value make a table: give --rows too");
  } else if (strcmp (format, "markdown") && strcmp (format, "csv") &&
             strcmp (format, "json")) {
    cli_die_printf ("--format %s: give markdown, csv or json", format);
  } else {
    text = gs_report_render (set, format);
  }
  if (text == NULL)
    cli_die (error->message);
  fputs (text, stdout);
  return 0;
}
