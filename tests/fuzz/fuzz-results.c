/* fuzz-results.c: libFuzzer target for a results file (gilsim run's JSON
 * export) as `report`, `merge` and `run --resume` read it: loaded, written
 * back (which must give the same bytes when read again), rendered in every
 * format, as two-way tables of its swept parameters, merged twice (the
 * second time every point is already there), and resumed as a sweep of
 * scenarios/seed/cpu_threads.gil on platforms/laptop-2core.xml over the
 * axes its first row names.  Run it from the source root: the rows name
 * their files relative to it.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lang/scenario.h"
#include "platform/platform.h"
#include "results/report.h"
#include "results/resultset.h"
#include "results/resultset_load.h"
#include "results/resultset_merge.h"
#include "results/resume.h"
#include "run/points.h"

static GsScenario *scenario;
static GsPlatform *platform;
static FILE *devnull;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  g_autoptr (GError) error = NULL;
  g_autofree char *sc_path = fuzz_source_path ("scenarios/seed/cpu_threads.gil");
  scenario = gs_scenario_load (sc_path, &error);
  if (scenario == NULL)
    g_error ("%s", error->message);
  platform = fuzz_laptop_platform (NULL);
  devnull = fopen ("/dev/null", "w");
  if (devnull == NULL)
    g_error ("cannot open /dev/null");
  return 0;
}

/* Writing SET and reading it back must give the same export. */
static void
check_round_trip (const GsResultSet *set)
{
  g_autofree char *json = gs_resultset_to_json (set);
  const char *path = fuzz_file ((const uint8_t *) json, strlen (json), ".json");
  g_autoptr (GError) error = NULL;
  g_autoptr (GsResultSet) again = gs_resultset_load (path, &error);
  if (again == NULL) {
    fprintf (stderr, "fuzz: gilsim cannot read its own export: %s\n%s", error->message,
             json);
    abort ();
  }
  g_autofree char *json2 = gs_resultset_to_json (again);
  if (strcmp (json, json2) != 0) {
    fprintf (stderr, "fuzz: an export read back differs:\n%s\n---\n%s", json, json2);
    abort ();
  }
}

static void
report (GsResultSet *set)
{
  static const char *formats[] = { "json", "csv", "markdown" };
  static const char *values[] = { "speedup", "wall", "relative", "gil_switches" };
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_free (gs_report_render (set, formats[i]));
  g_free (gs_report_summary (set, 5));
  g_free (gs_report_summary_text (set));
  gs_report_terminal (devnull, set, TRUE, FALSE);
  gs_report_terminal (devnull, set, FALSE, TRUE);
  if (set->rows->len == 0)
    return;
  const GsRow *first = set->rows->pdata[0];
  const char *rows = first->names->len > 0 ? first->names->pdata[0] : "N";
  const char *cols = first->names->len > 1 ? first->names->pdata[1] : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *t = gs_report_table (set, rows, cols, values[i], formats[1 + i % 2],
                                          &error);
    if (t == NULL)
      fuzz_check_error (error, NULL);
  }
  /* --where NAME=VALUE with the first row's first value keeps some rows */
  if (first->names->len > 0)
    g_free (g_strdup (gs_resultset_row_param (first, first->names->pdata[0])));
}

static void
merge (const char *path)
{
  g_autoptr (GsResultSet) set = gs_resultset_new (0, NULL, NULL);
  for (int i = 0; i < 2; i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GsResultSet) part = gs_resultset_load (path, &error);
    if (part == NULL || !gs_resultset_merge (set, part, path, &error)) {
      fuzz_check_error (error, path);
      return;
    }
  }
}

/* The axes of SET's first row: each name with the values its rows give. */
static GPtrArray *
axes_of (const GsResultSet *set)
{
  GPtrArray *axes = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_points_axis_free);
  if (set->rows->len == 0)
    return axes;
  const GsRow *first = set->rows->pdata[0];
  for (guint i = 0; i < first->names->len && i < 3; i++) {
    GsAxis *a = g_new0 (GsAxis, 1);
    a->name = g_strdup (first->names->pdata[i]);
    a->values = g_ptr_array_new_with_free_func (g_free);
    a->option = "-L";
    for (guint r = 0; r < set->rows->len && a->values->len < 4; r++) {
      const char *v = gs_resultset_row_param (set->rows->pdata[r], a->name);
      if (v && !g_ptr_array_find_with_equal_func (a->values, v, g_str_equal, NULL))
        g_ptr_array_add (a->values, g_strdup (v));
    }
    if (a->values->len == 0)
      g_ptr_array_add (a->values, g_strdup ("1"));
    g_ptr_array_add (axes, a);
  }
  return axes;
}

static void
resume (const char *path, const GsResultSet *loaded)
{
  g_autoptr (GPtrArray) axes = axes_of (loaded);
  const GsHost *host = gs_platform_first_host (platform);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) points = gs_points_build_on (scenario, host, axes, NULL, NULL,
                                                     &error);
  if (points == NULL) {
    fuzz_check_error (error, NULL);
    return;
  }
  g_autoptr (GsResultSet) set = gs_resultset_new (points->len, NULL, NULL);
  g_autoptr (GPtrArray) todo = gs_resume_points (path, scenario, platform, host, axes,
                                                 points, set, &error);
  if (todo == NULL) {
    fuzz_check_error (error, path);
    return;
  }
  if (todo->len + set->rows->len != points->len) {
    fprintf (stderr, "fuzz: resume lost points: %u to do, %u taken, of %u\n", todo->len,
             set->rows->len, points->len);
    abort ();
  }
  report (set);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_file (data, size, ".json");
  g_autofree char *input = g_strdup (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GsResultSet) set = gs_resultset_load (input, &error);
  if (set == NULL) {
    fuzz_check_error (error, input);
    return 0;
  }
  report (set);
  merge (input);
  resume (input, set);
  check_round_trip (set);  /* last: it rewrites the scratch file */
  return 0;
}
