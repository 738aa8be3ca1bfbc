/* resultset_merge.c: the result sets of parts of one sweep, merged. */
#include "results/resultset_merge.h"

#include <string.h>

gboolean
gs_resultset_merge (GsResultSet *into, GsResultSet *from, const char *from_name,
                    GError **error)
{
  if (into->rows->len + into->points > 0 &&
      (into->points != from->points ||
       !gs_resultset_same_strings (into->ref_names, from->ref_names) ||
       !gs_resultset_same_strings (into->ref_values, from->ref_values))) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s: another sweep (%u points) than the files before it (%u "
                 "points), or another --reference; merge the exports of one "
                 "sweep", from_name, from->points, into->points);
    return FALSE;
  }
  into->points = from->points;
  if (into->ref_names->len == 0)
    for (guint i = 0; i < from->ref_names->len; i++) {
      g_ptr_array_add (into->ref_names, g_strdup (from->ref_names->pdata[i]));
      g_ptr_array_add (into->ref_values, g_strdup (from->ref_values->pdata[i]));
    }
  while (from->rows->len) {
    GsRow *row = g_ptr_array_steal_index (from->rows, 0);
    guint point = row->point;
    g_autofree char *mine = gs_resultset_row_json (row);
    if (!gs_resultset_add (into, row)) {
      GsRow *old = NULL;
      for (guint i = 0; i < into->rows->len && old == NULL; i++)
        if (((GsRow *) into->rows->pdata[i])->point == point)
          old = into->rows->pdata[i];
      g_autofree char *theirs = gs_resultset_row_json (old);
      if (strcmp (mine, theirs) != 0) {
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                     "%s: point %u differs from the same point in a file "
                     "before it; merge the exports of one sweep", from_name,
                     point);
        return FALSE;
      }
    }
  }
  return TRUE;
}
