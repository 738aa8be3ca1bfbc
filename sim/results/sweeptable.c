/* sweeptable.c: a sweep in the terminal, one compact row per point
 * (results/sweeptable.h). */
#include "results/sweeptable.h"

#include <string.h>

#include "results/spread.h"
#include "results/why.h"
#include "units.h"
#include "util/text.h"

void
gs_sweeptable_print (FILE *out, const GsResultSet *set)
{
  if (set->rows->len == 0)
    return;
  const GsRow *first = set->rows->pdata[0];
  guint np = first->names->len;
  g_autofree int *width = g_new0 (int, np + 1);
  for (guint p = 0; p < np; p++)
    width[p] = (int) strlen (first->names->pdata[p]);
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    for (guint p = 0; p < np && p < row->values->len; p++)
      width[p] = MAX (width[p], (int) strlen (row->values->pdata[p]));
  }
  for (guint p = 0; p < np; p++) {
    g_autofree char *name = gs_text_one_line (first->names->pdata[p]);
    fprintf (out, "%-*s  ", width[p], name);
  }
  /* drawn samples (run --samples): their mean, stddev and range too */
  gboolean spread = FALSE;
  for (guint i = 0; i < set->rows->len; i++)
    spread |= ((const GsRow *) set->rows->pdata[i])->result->samples != NULL;
  fprintf (out, "%9s %8s %9s%s\n", "wall", "speedup", "GIL wait",
           spread ? "  samples: mean +- stddev (range)" : "");
  for (guint i = 0; i < set->rows->len; i++) {
    const GsRow *row = set->rows->pdata[i];
    const GsResult *r = row->result;
    for (guint p = 0; p < np; p++) {
      g_autofree char *v = gs_text_one_line (p < row->values->len ? row->values->pdata[p]
                                                                  : "");
      fprintf (out, "%-*s  ", width[p], v);
    }
    g_autofree char *wall = gs_format_duration (r->wall_s);
    double sp = gs_resultset_row_speedup (row);
    g_autofree char *speedup = sp > 0 ? g_strdup_printf ("%.2fx", sp) : g_strdup ("-");
    fprintf (out, "%9s %8s %7.0f %%", wall, speedup, 100 * gs_why_gil_share (r));
    if (r->samples) {
      g_autofree char *text = gs_spread_text (r);
      fprintf (out, "  %s", text);
    }
    fputc ('\n', out);
  }
}
