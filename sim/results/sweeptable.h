/* sweeptable.h: a sweep in the terminal, one compact row per point.
 *
 * Like hyperfine's listing: per point its swept parameters, the predicted
 * wall time, the speedup over the sequential run ("-" without one) and the
 * GIL wait share (results/why.h: the workers' GIL wait over their time not
 * blocked).  Per-point detail (prints, per-worker tables) is `gilsim run
 * -v`'s.
 */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "results/resultset.h"

G_BEGIN_DECLS

/* Writes the compact table of SET's rows to OUT: a header line, then one
 * line per row, the parameter columns as wide as their longest value. */
void gs_sweeptable_print (FILE *out, const GsResultSet *set);

G_END_DECLS
