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

/* TRUE if NAME is BASE followed by '.' and six letters or digits: the
 * temporary file that a replace-at-once write of BASE makes beside it
 * (GLib's g_file_set_contents: BASE.XXXXXX, then renamed). */
static gboolean
is_temp_of (const char *name, const char *base)
{
  gsize n = strlen (base);
  if (strncmp (name, base, n) != 0 || name[n] != '.' || strlen (name + n + 1) != 6)
    return FALSE;
  for (const char *c = name + n + 1; *c; c++)
    if (!g_ascii_isalnum (*c))
      return FALSE;
  return TRUE;
}

/* Removes the temporary files that a killed run left beside PATH (killed
 * between writing one aside and renaming it).  PATH NULL or "-": nothing. */
static void
remove_stale (const char *path)
{
  if (path == NULL || strcmp (path, "-") == 0)
    return;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)) != NULL)
    if (is_temp_of (name, base)) {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
}

gboolean
gs_outputs_start (const GsOutputs *out, const GsRunConfig *cfg, GError **error)
{
  remove_stale (out->json);
  remove_stale (out->csv);
  remove_stale (out->markdown);
  if (out->dir == NULL)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (dir_exports); i++) {
    g_autofree char *p = g_build_filename (out->dir, dir_exports[i].name, NULL);
    remove_stale (p);
  }
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

/* TRUE if PATH is a stream (a FIFO, a device, or a link to one): a
 * rewrite would add a second copy after the first, not replace it. */
static gboolean
is_stream (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS) &&
         !g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
         !g_file_test (path, G_FILE_TEST_IS_DIR);
}

/* gs_outputs_write, or, PARTIAL, a rewrite while points still run: the
 * streams wait for the last write. */
static gboolean
write_outputs (GsOutputs *out, const GsResultSet *set, gboolean partial, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  struct { const char *fmt; const char *path; } exports[] = {
    { "json", out->json }, { "csv", out->csv }, { "markdown", out->markdown },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    if (exports[i].path && strcmp (exports[i].path, "-") != 0 &&
        !(partial && is_stream (exports[i].path)) &&
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

gboolean
gs_outputs_write (GsOutputs *out, const GsResultSet *set, GError **error)
{
  return write_outputs (out, set, FALSE, error);
}

gboolean
gs_outputs_write_partial (GsOutputs *out, const GsResultSet *set, GError **error)
{
  return write_outputs (out, set, TRUE, error);
}
