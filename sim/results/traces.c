/* traces.c: where a run's traces and timelines go (traces.h). */
#include "results/traces.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "results/html.h"
#include "util/savefile.h"

char *
gs_traces_path (const char *path, guint index, guint points)
{
  if (g_str_has_suffix (path, "/") || g_file_test (path, G_FILE_TEST_IS_DIR)) {
    g_autofree char *name = points == 1 ? g_strdup ("trace.json")
                                        : g_strdup_printf ("trace-%u.json", index);
    return g_build_filename (path, name, NULL);
  }
  if (points == 1)
    return g_strdup (path);
  const char *slash = strrchr (path, '/');
  const char *dot = strrchr (path, '.');
  if (dot == NULL || (slash && dot < slash) || dot == (slash ? slash + 1 : path))
    return g_strdup_printf ("%s-%u", path, index);
  return g_strdup_printf ("%.*s-%u%s", (int) (dot - path), path, index, dot);
}

gboolean
gs_traces_plan (GsTraces *tr, const char *trace, gboolean html, guint points,
                GError **error)
{
  if (trace) {
    tr->trace_paths = g_ptr_array_new_with_free_func (g_free);
    for (guint k = 0; k < points; k++)
      g_ptr_array_add (tr->trace_paths, gs_traces_path (trace, k, points));
  }
  if (html) {
    tr->tmp = g_dir_make_tmp ("gilsim-XXXXXX", error);
    if (tr->tmp == NULL)
      return FALSE;
    tr->timeline_paths = g_ptr_array_new_with_free_func (g_free);
    for (guint k = 0; k < points; k++) {
      g_autofree char *name = g_strdup_printf ("timeline-%u.json", k);
      g_ptr_array_add (tr->timeline_paths, g_build_filename (tr->tmp, name, NULL));
    }
  }
  return TRUE;
}

gboolean
gs_traces_check_html (const char *path, GError **error)
{
  if (!gs_savefile_check (path, error)) {
    g_prefix_error (error, "--html %s: cannot write the report: ", path);
    return FALSE;
  }
  return TRUE;
}

gboolean
gs_traces_write_html (const GsTraces *tr, const GsResultSet *set, const char *path,
                      GError **error)
{
  g_autofree char *text = gs_html_render (set, tr->timeline_paths);
  if (!gs_savefile_write (path, text, strlen (text), error)) {
    g_prefix_error (error, "--html %s: cannot write the report: ", path);
    return FALSE;
  }
  return TRUE;
}

void
gs_traces_clear (GsTraces *tr)
{
  if (tr->timeline_paths)
    for (guint k = 0; k < tr->timeline_paths->len; k++)
      g_unlink (tr->timeline_paths->pdata[k]);
  if (tr->tmp)
    g_rmdir (tr->tmp);
  g_clear_pointer (&tr->tmp, g_free);
  g_clear_pointer (&tr->trace_paths, g_ptr_array_unref);
  g_clear_pointer (&tr->timeline_paths, g_ptr_array_unref);
}
