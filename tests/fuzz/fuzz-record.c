/* fuzz-record.c: libFuzzer target for measurement records (JSON lines, as
 * measure.py and run_seed.py write them): the file read as `validate` and
 * `calibrate` read it (validate/record.c), each record's accessors, the
 * scenario its case stands for (parsed), and what it would calibrate on a
 * host, applied to the platform file and checked again.
 */
#include "fuzz.h"

#include <math.h>
#include <string.h>
#include "lang/scenario.h"
#include "platform/platform.h"
#include "validate/calibrate.h"
#include "validate/cases.h"
#include "validate/record.h"

static GsPlatform *platform;
static char *platform_text;
static char *seed_dir;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  platform = fuzz_laptop_platform (&platform_text);
  seed_dir = fuzz_source_path ("scenarios/seed");
  return 0;
}

/* The scenario that record REC stands for, parsed as validate does. */
static void
build_case (JsonObject *rec, const GsHost *host)
{
  const char *runtime = gs_cases_runtime (
      gs_record_str (gs_record_obj (rec, "env"), "python_version"));
  GsCaseBuild b = { .text = g_string_new (NULL), .seed_dir = seed_dir,
                    .disk = host->disks->len ? ((GsDisk *) host->disks->pdata[0])->id
                                             : NULL };
  if (gs_cases_build (&b, rec, runtime) && b.skip == NULL && b.seed_file == NULL) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GsScenario) sc = gs_scenario_parse ("case.gil", b.text->str, b.text->len,
                                                   &error);
    if (sc == NULL)
      fuzz_check_error (error, "case.gil:");
  }
  g_string_free (b.text, TRUE);
  g_free (b.seed_file);
  g_free (b.skip);
}

static void
use_record (const GsRecord *r, const GsHost *host, GPtrArray *fits)
{
  if (!JSON_NODE_HOLDS_OBJECT (r->root))
    return;  /* validate refuses it */
  JsonObject *rec = json_node_get_object (r->root);
  g_free (gs_record_config (rec));
  double median = gs_record_median (rec);
  gs_record_count (rec, "n_workers", 4096);
  gs_record_extra (rec, "cpu_user");
  gs_record_obj (rec, "extra");
  gs_record_num (rec, "mean");
  build_case (rec, host);
  g_autofree char *where = g_strdup_printf ("fuzz.jsonl:%u", r->line);
  for (int stage = GS_CALIBRATE_COSTS; stage <= GS_CALIBRATE_IMPORTS; stage++) {
    gs_calibrate_record (rec, where, median, NAN, platform, host, stage, NULL, fits);
    gs_calibrate_record (rec, where, median, isfinite (median) ? median / 2 : 0.1,
                         platform, host, stage, gs_runtime_lookup ("cpython-3.12"), fits);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_file (data, size, ".jsonl");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = gs_record_read_file (path, &error);
  if (records == NULL) {
    fuzz_check_error (error, path);
    return 0;
  }
  const GsHost *host = gs_platform_first_host (platform);
  g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func (
      (GDestroyNotify) gs_calibrate_fit_free);
  for (guint i = 0; i < records->len && i < 64; i++)
    use_record (records->pdata[i], host, fits);
  g_autoptr (GPtrArray) merged = gs_calibrate_merge (fits);
  for (guint i = 0; i < merged->len; i++)
    g_free (gs_calibrate_fit_value_text (merged->pdata[i]));
  g_autofree char *text = gs_calibrate_apply (platform_text, platform->path, host, merged,
                                              "fuzz", &error);
  if (text == NULL) {
    fuzz_check_error (error, NULL);
    return 0;
  }
  g_autoptr (GsPlatform) fitted = gs_platform_parse ("fitted.xml", text, strlen (text),
                                                     &error);
  if (fitted == NULL)
    fuzz_check_error (error, "fitted.xml:");
  return 0;
}
