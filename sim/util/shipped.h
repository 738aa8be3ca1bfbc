/* shipped.h: where the files gilsim ships beside its binary are.
 *
 * Some of gilsim's work is done by Python programs it ships (the
 * measurement harness that `gilsim calibrate --measure` runs).  A gilsim
 * run from its build folder uses the source tree's copies; an installed
 * gilsim (meson install) uses those installed under DATADIR/gilsim.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The path of the shipped file NAME (a path relative to the source tree,
 * such as "sim/validate/harness/measure.py"): $GILSIM_DATA_DIR/BASENAME
 * when that variable is set; else, when the running program lies under
 * the prefix it was installed to, the installed copy
 * (DATADIR/gilsim/BASENAME); else the source tree's.  Fails with a
 * one-line message naming the path when the file is not there.  New
 * string. */
char *gs_shipped_path (const char *name, GError **error);

G_END_DECLS
