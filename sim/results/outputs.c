/* outputs.c: a run's export files and output folder, rewritten as points finish. */
#include "results/outputs.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

/* The output folder's exports, each the render of its format. */
static const struct {
  const char *name;
  const char *format;
} dir_exports[] = {
  { "results.json", "json" }, { "results.csv", "csv" }, { "results.md", "markdown" },
};

char *
gs_outputs_dir_json (const char *dir)
{
  return g_build_filename (dir, dir_exports[0].name, NULL);
}

gboolean
gs_outputs_start (const GsOutputs *out, const GsRunConfig *cfg, GError **error)
{
  if (out->dir == NULL)
    return TRUE;
  if (g_mkdir_with_parents (out->dir, 0777) != 0) {
    int e = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e),
                 "-o %s: cannot create the folder: %s", out->dir, g_strerror (e));
    return FALSE;
  }
  g_autofree char *config = gs_report_config (cfg);
  g_autofree char *path = g_build_filename (out->dir, "config.json", NULL);
  if (!gs_report_save (path, config, error)) {
    g_prefix_error (error, "-o %s: ", out->dir);
    return FALSE;
  }
  return TRUE;
}

gboolean
gs_outputs_due (const GsOutputs *out)
{
  return g_get_monotonic_time () - out->last_write >= 10 * out->write_cost;
}

gboolean
gs_outputs_write (GsOutputs *out, const GsResultSet *set, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", out->json }, { "csv", out->csv }, { "markdown", out->markdown },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    if (exports[i].path && strcmp (exports[i].path, "-") != 0 &&
        !gs_report_export (set, exports[i].fmt, exports[i].path, error))
      return FALSE;
  if (out->dir) {
    for (gsize i = 0; i < G_N_ELEMENTS (dir_exports); i++) {
      g_autofree char *path = g_build_filename (out->dir, dir_exports[i].name, NULL);
      g_autofree char *text = gs_report_render (set, dir_exports[i].format);
      if (!gs_report_save (path, text, error)) {
        g_prefix_error (error, "-o %s: ", out->dir);
        return FALSE;
      }
    }
    g_autofree char *path = g_build_filename (out->dir, "summary.txt", NULL);
    g_autofree char *text = gs_report_summary_text (set);
    if (!gs_report_save (path, text, error)) {
      g_prefix_error (error, "-o %s: ", out->dir);
      return FALSE;
    }
  }
  out->last_write = g_get_monotonic_time ();
  out->write_cost = out->last_write - start;
  return TRUE;
}
