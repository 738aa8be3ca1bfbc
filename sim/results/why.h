/* why.h: the bottleneck of a run, named with its numbers.
 *
 * After the per-worker table, one short paragraph computed from the
 * result alone (no simulation): the worker that waited longest for the
 * GIL and its share, how often the GIL changed hands, the largest time a
 * worker was blocked on one object (a lock, a server, a disk, a pool), and
 * how busy the cores were on average.  For a sweep, along each numeric
 * swept parameter, where the speedup stops growing and what holds it
 * back at the largest value.  The same results give the same text.
 *
 * Shares: a worker's GIL wait is a share of its lifetime (end_s -
 * start_s); a blocked time, of the wall time; the busy cores are the CPU
 * work of all workers over the wall time.  The GIL wait share of a run
 * (gs_why_gil_share) is the workers' GIL wait over their time not blocked
 * (running or wanting to run).
 */
#pragma once

#include <glib.h>
#include "results/resultset.h"

G_BEGIN_DECLS

/* The workers' GIL wait over their time not blocked, 0 to 1 (0 when they
 * were always blocked). */
double gs_why_gil_share (const GsResult *r);

/* The paragraph for ROW ("Why: Thread-2 waited 1.21 s (62 %) for the GIL;
 * ..."), wrapped at 78 columns, ending in a newline; "" when the result
 * has no workers.  New string. */
char *gs_why_point (const GsRow *row);

/* For a sweep with a numeric swept parameter and sequential times: per
 * group of points that differ only in it (at most 4 groups), where the
 * speedup stops growing and why ("Why: with runtime = cpython-3.12, the
 * speedup stops growing at N = 4 (2.90x); at N = 16 it is 1.10x: the
 * workers wait 78 % of their time for the GIL"), wrapped, each ending in
 * a newline; "" otherwise.  New string. */
char *gs_why_sweep (const GsResultSet *set);

G_END_DECLS
