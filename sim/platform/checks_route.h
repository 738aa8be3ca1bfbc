/* checks_route.h: the links of a platform file and its routes across them,
 * checked as GMarkup opens and closes them (for checks.c only; messages
 * through the reader, one line each).  Each link and route checked goes
 * into the platform being built. */
#pragma once

#include <glib.h>
#include "platform/checks.h"

G_BEGIN_DECLS

/* Checks a <link> that GMarkup has just opened, with attributes NAMES and
 * VALUES: a new id, its bandwidth, latency and sharing policy. */
gboolean gs_checks_route_link (GsChecks *ck, const char **names,
                               const char **values, GError **error);

/* Checks a <route> of the current zone: its ends are hosts of that zone,
 * and no route joins them already (both ways unless symmetrical="NO");
 * makes it CK's open route. */
gboolean gs_checks_route_start (GsChecks *ck, const char **names,
                                const char **values, GError **error);

/* Checks a <link_ctn> of the open route: a link defined above. */
gboolean gs_checks_route_link_ctn (GsChecks *ck, const char **names,
                                   const char **values, GError **error);

/* Closes the open route: fails when it lists no link. */
void gs_checks_route_end (GsChecks *ck, GError **error);

G_END_DECLS
