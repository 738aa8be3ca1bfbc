/* resultset_load.h: a JSON export of gilsim run read back as a result set
 * (--resume, gilsim report, gilsim merge).
 *
 * The file is checked as JSON text first (util/jsontext.h: depth, size,
 * duplicate members), then member by member: every number of a row is
 * read as the export wrote it, counts as whole numbers in range, so that
 * the set read renders the bytes of the set written.
 */
#pragma once

#include <glib.h>
#include "results/resultset.h"

G_BEGIN_DECLS

/* Reads a JSON export of gilsim run.  Fails with a one-line message
 * "PATH: ..." when the file cannot be read, is not JSON, or is not an
 * export (a result without its members, a point twice). */
GsResultSet *gs_resultset_load (const char *path, GError **error);

G_END_DECLS
