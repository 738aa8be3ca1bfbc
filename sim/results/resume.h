/* resume.h: going on with a sweep from the JSON export it wrote.
 *
 * A run rewrites its exports as points finish (results/outputs.h), so a
 * sweep that is killed keeps the points it did.  Run again with --resume,
 * it takes those rows back and simulates only the others.  A point is
 * known by its parameters (the values of its axes), so the export must come
 * from the same scenario, machine and axes; the points it holds need not be
 * the ones this run selects (--point, --shard): only the selected are
 * taken.
 */
#pragma once

#include <glib.h>
#include "lang/scenario.h"
#include "platform/platform.h"
#include "results/resultset.h"

G_BEGIN_DECLS

/* Takes into SET the rows of the JSON export PATH that are points of
 * SELECTED (GsPoint*, numbered as in the whole sweep), and returns the
 * points of SELECTED that PATH does not hold, to simulate (a new array of
 * borrowed pointers, in the order of SELECTED).  Without a file PATH every
 * point is to simulate.  Every row of PATH must come from the scenario SC
 * on PLATFORM's file and HOST, with the axes AXES (GsAxis*, in order).
 * Fails with a one-line message naming PATH when it is not a JSON export
 * of gilsim run (gs_resultset_load) or holds results of another run; SET
 * may have taken rows by then. */
GPtrArray *gs_resume_points (const char *path, const GsScenario *sc,
                             const GsPlatform *platform, const GsHost *host,
                             GPtrArray *axes, GPtrArray *selected, GsResultSet *set,
                             GError **error);

G_END_DECLS
