/* record.h: reading the fields of measure.py's and run_seed.py's records.
 *
 * Their records are JSON objects whose fields may be missing, null or of
 * another type in older files; these accessors answer "absent" for all of
 * those, so that callers test one thing.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The string member NAME of O, or NULL when O is NULL or the member is
 * absent or not a string.  Belongs to O. */
const char *gs_record_str (JsonObject *o, const char *name);

/* The number member NAME of O, or NAN when absent or not a number. */
double gs_record_num (JsonObject *o, const char *name);

/* The object member NAME of O, or NULL. */
JsonObject *gs_record_obj (JsonObject *o, const char *name);

/* measure.py's extra statistic NAME: O's extra.NAME.median, or NAN. */
double gs_record_extra (JsonObject *o, const char *name);

G_END_DECLS
