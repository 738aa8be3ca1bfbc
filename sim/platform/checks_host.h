/* checks_host.h: the hosts of a platform file, their properties and disks,
 * checked as GMarkup opens them (for checks.c only; messages through the
 * reader, one line each).  Each host checked goes into the platform being
 * built, with its properties and disks. */
#pragma once

#include <glib.h>
#include "platform/checks.h"

G_BEGIN_DECLS

/* Checks a <host> that GMarkup has just opened, with attributes NAMES and
 * VALUES (id, speed, cores, the file's count of hosts), and makes it CK's
 * open host. */
gboolean gs_checks_host_start (GsChecks *ck, const char **names,
                               const char **values, GError **error);

/* Checks a <prop>, anywhere: its id and value; a host's property that
 * gilsim reads (models/costs.h) must be in its range, once per host, and
 * goes into the host. */
gboolean gs_checks_host_prop (GsChecks *ck, const char **names,
                              const char **values, GError **error);

/* Checks a <disk> of the open host (id, bandwidths) and adds it there. */
gboolean gs_checks_host_disk (GsChecks *ck, const char **names,
                              const char **values, GError **error);

/* Closes the open host: fails when it has efficiency cores but not their
 * speed; CK has no open host afterwards, failed or not. */
void gs_checks_host_end (GsChecks *ck, GError **error);

G_END_DECLS
