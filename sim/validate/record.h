/* record.h: reading measure.py's and run_seed.py's records.
 *
 * The ground-truth harness (measure.py, run_seed.py, and this repository's
 * bench/calibrate-presets.py) writes JSON-lines files: one record, a JSON
 * object, per line.  Their fields may be missing, null or of another type
 * in older files; the accessors answer "absent" for all of those, so that
 * callers test one thing.
 *
 * measure.py measures a disturbed configuration once more at the end and
 * writes both records; reading a file keeps, per configuration, the least
 * disturbed of them, as its own summary does (gs_record_read_file).
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

/* The member NAME of O as a whole number from 0 to MAX, or -1 when it is
 * missing, not a number, not whole or out of range (never a cast of NaN
 * or 1e300). */
int gs_record_count (JsonObject *o, const char *name, int max);

/* The object member NAME of O, or NULL. */
JsonObject *gs_record_obj (JsonObject *o, const char *name);

/* measure.py's extra statistic NAME: O's extra.NAME.median, or NAN. */
double gs_record_extra (JsonObject *o, const char *name);

/* The configuration a record measures: measure.py's config_id, else the
 * case, variant and number of workers (run_seed.py's "N").  New string. */
char *gs_record_config (JsonObject *o);

/* A record's median wall time (measure.py's or run_seed.py's), or NaN. */
double gs_record_median (JsonObject *o);

/* The longest measured time a record may give, in seconds (about 115
 * days, the engine's longest duration): a longer one (1e308) is no
 * measurement, and the record is skipped as one without a time. */
#define GS_RECORD_MAX_SECONDS 1e7

/* A record of a file, as gs_record_read_file gives it. */
typedef struct {
  guint line;        /* 1-based line of the record chosen for its configuration */
  guint superseded;  /* the other records of that configuration */
  JsonNode *root;
} GsRecord;

void gs_record_free (GsRecord *r);

/* The records (GsRecord *) of the JSON-lines file PATH, one per
 * configuration: where the configuration first appears, the least
 * disturbed of its records that has a time (a record it marked contended
 * after one that it did not, then by the other programs' user-mode
 * cores).  In file order, blank lines left out.  NULL with ERROR for an
 * unreadable file or a chosen line that is not JSON ("PATH:LINE:1: ..."). */
GPtrArray *gs_record_read_file (const char *path, GError **error);

G_END_DECLS
