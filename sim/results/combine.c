/* combine.c: the exports of one sweep on several machines, as one sweep. */
#include "results/combine.h"

#include <string.h>

char *
gs_combine_machine_key (const GsRow *row)
{
  return g_strdup_printf ("%s\n%s", row->platform, row->host);
}

/* The axis the machines differ by: "platform" when every part has a
 * platform file of its own, "host" when they share one file but not the
 * host; NULL (with ERROR set) otherwise. */
static const char *
machine_axis (GPtrArray *parts, GPtrArray *names, GError **error)
{
  gboolean platforms_differ = TRUE, same_platform = TRUE;
  const GsRow *first = ((GsResultSet *) parts->pdata[0])->rows->pdata[0];
  for (guint i = 0; i < parts->len; i++) {
    const GsRow *a = ((GsResultSet *) parts->pdata[i])->rows->pdata[0];
    same_platform &= strcmp (a->platform, first->platform) == 0;
    for (guint j = 0; j < i; j++) {
      const GsRow *b = ((GsResultSet *) parts->pdata[j])->rows->pdata[0];
      platforms_differ &= strcmp (a->platform, b->platform) != 0;
    }
  }
  if (platforms_differ)
    return "platform";
  if (same_platform)
    return "host";
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "%s: its machines differ in platform file for some exports and in "
               "host for others; merge the exports of one platform file at a "
               "time, or of one host per platform file",
               (const char *) names->pdata[parts->len - 1]);
  return NULL;
}

/* Fails unless PART is the same sweep as FIRST, on one machine. */
static gboolean
check_part (const GsResultSet *first, const GsResultSet *part, const char *name,
            GError **error)
{
  const GsRow *a = first->rows->pdata[0], *b = part->rows->pdata[0];
  gboolean same = part->points == first->points && a->names->len == b->names->len &&
                  part->ref_names->len == first->ref_names->len;
  for (guint i = 0; same && i < a->names->len; i++)
    same = strcmp (a->names->pdata[i], b->names->pdata[i]) == 0;
  for (guint i = 0; same && i < first->ref_names->len; i++)
    same = strcmp (first->ref_names->pdata[i], part->ref_names->pdata[i]) == 0 &&
           strcmp (first->ref_values->pdata[i], part->ref_values->pdata[i]) == 0;
  if (!same) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s: another sweep (%u points, other parameters or --reference) "
                 "than the exports before it; merge exports of the same sweep "
                 "run on other machines", name, part->points);
    return FALSE;
  }
  for (guint i = 0; i < b->names->len; i++)
    if (strcmp (b->names->pdata[i], "platform") == 0 ||
        strcmp (b->names->pdata[i], "host") == 0) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: it sweeps %s already; merge it only with parts of "
                   "the same sweep", name, (const char *) b->names->pdata[i]);
      return FALSE;
    }
  return TRUE;
}

GsResultSet *
gs_combine_machines (GPtrArray *parts, GPtrArray *names, GError **error)
{
  g_return_val_if_fail (parts->len > 0, NULL);
  for (guint i = 0; i < parts->len; i++)
    if (((GsResultSet *) parts->pdata[i])->rows->len == 0) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: no results to merge", (const char *) names->pdata[i]);
      return NULL;
    }
  const GsResultSet *first = parts->pdata[0];
  for (guint i = 1; i < parts->len; i++)
    if (!check_part (first, parts->pdata[i], names->pdata[i], error))
      return NULL;
  const char *axis = machine_axis (parts, names, error);
  if (axis == NULL)
    return NULL;
  GsResultSet *set = gs_resultset_new (first->points * parts->len, NULL, NULL);
  for (guint i = 0; i < first->ref_names->len; i++) {
    g_ptr_array_add (set->ref_names, g_strdup (first->ref_names->pdata[i]));
    g_ptr_array_add (set->ref_values, g_strdup (first->ref_values->pdata[i]));
  }
  for (guint k = 0; k < parts->len; k++) {
    GsResultSet *part = parts->pdata[k];
    while (part->rows->len) {
      GsRow *row = g_ptr_array_steal_index (part->rows, 0);
      const char *value = strcmp (axis, "platform") == 0 ? row->platform : row->host;
      g_ptr_array_insert (row->names, 0, g_strdup (axis));
      g_ptr_array_insert (row->values, 0, g_strdup (value));
      row->point += k * part->points;
      gs_resultset_add (set, row);
    }
  }
  return set;
}
