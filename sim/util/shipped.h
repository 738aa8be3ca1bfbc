/* shipped.h: where the files gilsim ships beside its binary are.
 *
 * Some of gilsim's work is done by files it ships: the measurement harness
 * that `gilsim calibrate --measure` runs, the Python recorder of `gilsim
 * record`, the platforms a recording names by default.  A gilsim run from
 * its build folder uses the source tree's copies; an installed gilsim
 * (meson install, or its installed tree moved elsewhere) the copies under
 * its share/gilsim folder.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder that holds the shipped file PROBE, the first of: the
 * environment variable ENV's value when set (ENV may be NULL); for a gilsim
 * run from its build tree, the source tree's SOURCE_REL folder; the
 * installed share/gilsim/INSTALLED_REL beside the running program (a moved
 * install), then under the prefix it was configured with; last, the source
 * tree's.  Fails with a one-line message saying where it looked and what
 * to do (WHAT names the file for the user) when none holds PROBE.  New
 * string. */
char *gs_shipped_dir (const char *env, const char *source_rel, const char *installed_rel,
                      const char *probe, const char *what, GError **error);

/* The shipped file NAME, a path relative to the source tree ("sim/validate/
 * harness/measure.py"), installed as share/gilsim/BASENAME; ENV as
 * gs_shipped_dir's.  New string, or NULL with ERROR set. */
char *gs_shipped_path (const char *env, const char *name, GError **error);

G_END_DECLS
