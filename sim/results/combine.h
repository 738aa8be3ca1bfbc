/* combine.h: the exports of one sweep on several machines, as one sweep.
 *
 * `gilsim merge` joins the parts of one sweep.  Given the exports of the
 * same sweep run on different machines (one `gilsim run --platform A.xml
 * --export-json a.json`, another with B.xml), it makes them one sweep with
 * the machine as its first axis, as if it had been run at once with
 * `-L platform=A.xml,B.xml` (or `-L host=...` when only the host differs):
 * rows of the K-th machine come K * P points later (P the points of one
 * machine's sweep), and each row's parameters start with the machine.
 */
#pragma once

#include <glib.h>
#include "results/resultset.h"

G_BEGIN_DECLS

/* The key of the machine a row ran on: "PLATFORM\nHOST".  New string. */
char *gs_combine_machine_key (const GsRow *row);

/* Makes PARTS (GsResultSet*, emptied: each the whole or merged parts of
 * one sweep on one machine, in the order the machines are to appear) one
 * set.  NAMES (char*) names each part for messages.  Fails with a one-line
 * message when the parts are not the same sweep (size, axes, reference),
 * when a part already sweeps the platform or host, or when the machines
 * differ in both platform and host. */
GsResultSet *gs_combine_machines (GPtrArray *parts, GPtrArray *names,
                                  GError **error);

G_END_DECLS
