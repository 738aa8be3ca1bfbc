/* resultset_merge.h: the result sets of parts of one sweep (--shard, or
 * runs interrupted and resumed) merged into one (gilsim merge). */
#pragma once

#include <glib.h>
#include "results/resultset.h"

G_BEGIN_DECLS

/* Adds the rows of FROM (emptied) to INTO.  Both must be of the same sweep:
 * same size and reference.  A point in both must have the same row.  Fails
 * with a one-line message naming FROM_NAME otherwise. */
gboolean gs_resultset_merge (GsResultSet *into, GsResultSet *from,
                             const char *from_name, GError **error);

G_END_DECLS
