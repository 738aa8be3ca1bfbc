/* cmd_merge.c: gilsim merge, the JSON exports of parts of one sweep put together. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "results/report.h"
#include "results/combine.h"
#include "results/resultset.h"
#include "results/resultset_load.h"
#include "results/resultset_merge.h"

static struct {
  char *output;
  char *export_json, *export_csv, *export_markdown;
} opt;

const GOptionEntry cmd_merge_options[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output,
    "write the merged JSON export to FILE (the same as --export-json FILE)", "FILE" },
  { "export-json", 0, 0, G_OPTION_ARG_FILENAME, &opt.export_json,
    "write the merged results as JSON (- for stdout)", "FILE" },
  { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, &opt.export_csv,
    "write the merged results as CSV (- for stdout)", "FILE" },
  { "export-markdown", 0, 0, G_OPTION_ARG_FILENAME, &opt.export_markdown,
    "write the merged results as a Markdown table (- for stdout)", "FILE" },
  G_OPTION_ENTRY_NULL
};

const char cmd_merge_help[] =
  "Merges the JSON exports of parts of one sweep (gilsim run --point K or\n"
  "--shard I/N, each with the same options) into the export of the whole\n"
  "sweep, in point order: byte for byte the export of the sweep run at once.\n"
  "Without -o or an export, the merged JSON goes to stdout.  A part may miss\n"
  "points: merge says which on stderr.  Exports of the same sweep run on\n"
  "other machines (another platform file or host) become one sweep over the\n"
  "machines, as -L platform=A.xml,B.xml (or -L host=...) would give, the\n"
  "machines in the order of the files.\n"
  "\n"
  "Example:\n"
  "  gilsim run scenarios/seed/cpu_threads.gil -P N=1:16 --shard 2/4 --export-json part2.json\n"
  "  gilsim merge part*.json -o results.json\n";

/* Says on stderr which points of the sweep SET does not hold. */
static void
warn_missing (const GsResultSet *set)
{
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

int
cmd_merge (int argc, char **argv, GPtrArray *simgrid_args)
{
  if (argc < 2)
    cli_die ("gilsim merge: give the JSON exports to merge, such as gilsim merge "
             "part1.json part2.json -o results.json");
  GError *error = NULL;
  /* the parts by machine, in the order first seen: parts of one sweep on
   * several machines become one sweep over the machines */
  g_autoptr (GPtrArray) groups = g_ptr_array_new_with_free_func (
      (GDestroyNotify) gs_resultset_free);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (int i = 1; i < argc; i++) {
    g_autoptr (GsResultSet) part = gs_resultset_load (argv[i], &error);
    if (part == NULL)
      cli_die (error->message);
    g_autofree char *key = part->rows->len
        ? gs_combine_machine_key (part->rows->pdata[0]) : NULL;
    guint g = 0;
    while (g < keys->len && key && strcmp (keys->pdata[g], key) != 0)
      g++;
    if (g == keys->len) {
      g_ptr_array_add (keys, g_strdup (key ? key : ""));
      g_ptr_array_add (groups, gs_resultset_new (0, NULL, NULL));
      g_ptr_array_add (names, argv[i]);
    }
    if (!gs_resultset_merge (groups->pdata[g], part, argv[i], &error))
      cli_die (error->message);
  }
  g_autoptr (GsResultSet) set = NULL;
  if (groups->len == 1)
    set = g_ptr_array_steal_index (groups, 0);
  else if ((set = gs_combine_machines (groups, names, &error)) == NULL)
    cli_die (error->message);
  if (set->rows->len < set->points)
    warn_missing (set);
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", opt.output }, { "json", opt.export_json }, { "csv", opt.export_csv },
    { "markdown", opt.export_markdown },
  };
  gboolean any = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    if (exports[i].path) {
      any = TRUE;
      if (!gs_report_export (set, exports[i].fmt, exports[i].path, &error))
        cli_die (error->message);
    }
  if (!any && !gs_report_export (set, "json", "-", &error))
    cli_die (error->message);
  return 0;
}
