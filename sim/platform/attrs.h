/* attrs.h: the attributes of the element being read: their names, the
 * required ones, and values read as SimGrid reads them (for the files of
 * sim/platform/ only).
 *
 * SimGrid's units (xbt_parse_units.cpp) are not quite gilsim's (units.h):
 * SimGrid knows bits per second and picoseconds, and not "min" or "KBps".
 * A host's speed, a disk's bandwidths and a link's bandwidth and latency
 * are SimGrid's to read, so gilsim checks them with SimGrid's units.
 * Failures go through the reader (reader.h), at the attribute at fault.
 */
#pragma once

#include <glib.h>
#include "platform/reader.h"

G_BEGIN_DECLS

/* Fails on an attribute of element ELEM ("zone") that is not in ALLOWED
 * (NULL-ended), or one given twice.  NAMES are GMarkup's. */
gboolean gs_attrs_check (GsReader *rd, const char *elem, const char **names,
                         const char *const *allowed, GError **error);

/* The value of attribute NAME among NAMES and VALUES, or NULL. */
const char *gs_attrs_value (const char **names, const char **values,
                            const char *name);

/* Stores the value of the required attribute NAME of ELEM in *OUT; fails,
 * showing EXAMPLE, when it is absent or empty. */
gboolean gs_attrs_need (GsReader *rd, const char *elem, const char **names,
                        const char **values, const char *name,
                        const char *example, const char **out,
                        GError **error);

/* A unit of SimGrid's, with the same meaning as gilsim's units.c. */
typedef struct {
  const char *suffix;
  double factor;        /* to base units */
} GsAttrsUnit;

/* SimGrid 3.32's units of speed, bandwidth and time; each list ends with
 * { NULL, 0 }. */
extern const GsAttrsUnit gs_attrs_speed_units[];
extern const GsAttrsUnit gs_attrs_bandwidth_units[];
extern const GsAttrsUnit gs_attrs_time_units[];

/* What an attribute holds, and how messages about it read. */
typedef struct {
  const char *what;     /* "speed of host 'cpu0'" */
  const char *attr;     /* the attribute, for the example */
  const GsAttrsUnit *units;
  const char *unit_list;
  const char *example;
  gboolean bare_ok;     /* a number without unit is in base units */
  double min;
  gboolean min_open;
  double max;
  const char *range;
} GsAttrsQuantity;

/* Parses TEXT, the value of an attribute SimGrid reads, as Q says, and
 * stores it in base units in *OUT.  Fails through gs_reader_fail() at POS
 * when TEXT is not a number, has no unit where one is needed, a unit
 * SimGrid does not know here, or a value out of Q's range. */
gboolean gs_attrs_quantity (GsReader *rd, GsReaderPos pos,
                            const GsAttrsQuantity *q, const char *text,
                            double *out, GError **error);

G_END_DECLS
