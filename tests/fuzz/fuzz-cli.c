/* fuzz-cli.c: libFuzzer target for the values of gilsim run's command
 * line that choose the points of a sweep: -L, -P, --runtime,
 * --switch-interval, --point and --shard, one option and its value per
 * line of the input ("-P N=1:8:2").  They are parsed (run/points.c), the
 * sweep built on a scenario with parameters of every kind and a host,
 * each point's key and values formatted, and the points selected.
 *
 * The options themselves are parsed by GLib (cli/cli.c), which exits on a
 * bad one; that is not done in-process here.
 */
#include "fuzz.h"

#include <string.h>
#include "lang/scenario.h"
#include "platform/platform.h"
#include "run/points.h"

static const char scenario_text[] =
  "runtime cpython-3.12\n"
  "N = 2\n"
  "work = 10**5\n"
  "pause = 1ms\n"
  "size = 1MiB\n"
  "label = \"x\"\n"
  "\n"
  "def w(k):\n"
  "    print \"{label} {k}\"\n"
  "    python work iterations\n"
  "    sleep pause\n"
  "\n"
  "threads = start N threads w(size)\n"
  "join threads\n";

static GsScenario *scenario;
static GsPlatform *platform;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  g_autoptr (GError) error = NULL;
  scenario = gs_scenario_parse ("fuzz.gil", scenario_text, strlen (scenario_text), &error);
  if (scenario == NULL)
    g_error ("%s", error->message);
  platform = fuzz_laptop_platform (NULL);
  return 0;
}

typedef struct {
  GPtrArray *axes;
  char *runtime, *switch_interval, *point, *shard;
} Args;

static void
args_clear (Args *a)
{
  g_ptr_array_unref (a->axes);
  g_free (a->runtime);
  g_free (a->switch_interval);
  g_free (a->point);
  g_free (a->shard);
}

/* Takes one line "OPTION VALUE"; FALSE when the line is no option. */
static gboolean
take (Args *a, const char *line)
{
  const char *sp = strchr (line, ' ');
  if (sp == NULL)
    return FALSE;
  g_autofree char *opt = g_strndup (line, (gsize) (sp - line));
  const char *value = sp + 1;
  g_autoptr (GError) error = NULL;
  char **slot = strcmp (opt, "--runtime") == 0           ? &a->runtime
                : strcmp (opt, "--switch-interval") == 0 ? &a->switch_interval
                : strcmp (opt, "--point") == 0           ? &a->point
                : strcmp (opt, "--shard") == 0           ? &a->shard
                                                         : NULL;
  if (slot) {
    g_free (*slot);
    *slot = g_strdup (value);
    return TRUE;
  }
  gboolean scan = strcmp (opt, "-P") == 0;
  if (!scan && strcmp (opt, "-L") != 0)
    return FALSE;
  GsAxis *axis = scan ? gs_points_axis_parse_scan (value, &error)
                      : gs_points_axis_parse (value, &error);
  if (axis == NULL) {
    fuzz_check_error (error, NULL);
    return FALSE;
  }
  g_ptr_array_add (a->axes, axis);
  for (guint i = 0; i < axis->values->len && i < 4; i++) {
    g_autoptr (GError) verror = NULL;
    GsExpr *e = gs_expr_parse_value (opt, axis->values->pdata[i], &verror);
    if (e == NULL)
      fuzz_check_error (verror, NULL);
    gs_expr_free (e);
  }
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto (GStrv) lines = g_strsplit (text, "\n", 16);
  Args a = { .axes = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_points_axis_free) };
  gboolean ok = TRUE;
  for (guint i = 0; lines[i] && ok; i++)
    ok = lines[i][0] == '\0' || take (&a, lines[i]);
  if (ok && a.point && a.shard)
    ok = FALSE;  /* the command line refuses both */
  /* a sweep may have a million points (run/points.c), built in linear
   * time; more than a few thousand here would only slow the fuzzing */
  double total = 1;
  for (guint i = 0; i < a.axes->len; i++)
    total *= ((GsAxis *) a.axes->pdata[i])->values->len;
  if (total > 4096)
    ok = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) points = NULL;
  if (ok)
    points = gs_points_build_on (scenario, gs_platform_first_host (platform), a.axes,
                                 a.runtime, a.switch_interval, &error);
  if (ok && points == NULL)
    fuzz_check_error (error, NULL);
  if (points) {
    g_autoptr (GPtrArray) selected = gs_points_select (points, a.point, a.shard, &error);
    if (selected == NULL)
      fuzz_check_error (error, NULL);
    for (guint i = 0; selected && i < selected->len && i < 64; i++) {
      const GsPoint *p = selected->pdata[i];
      g_free (gs_points_key (p));
      for (guint j = 0; j < scenario->params->len; j++)
        g_free (gs_points_param_text (p, scenario,
                                      ((GsParam *) scenario->params->pdata[j])->name));
    }
  }
  args_clear (&a);
  return 0;
}
