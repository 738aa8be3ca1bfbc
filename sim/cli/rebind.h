/* rebind.h: a big sweep's gilsim started again with every symbol bound.
 *
 * Every simulation of a sweep runs in a child forked from a worker, and
 * each child resolves again, one call at a time, the functions of
 * libsimgrid, its ns-3 libraries and GLib that it calls: the dynamic
 * linker binds them lazily, in the child, where the bindings are lost when
 * it ends (and each written page of the tables is copied).  Linking gilsim
 * with -z now binds only gilsim's own calls; LD_BIND_NOW=1 binds every
 * library's at start-up, once for the whole sweep, which costs one more
 * start of gilsim: so a sweep of many simulations starts gilsim again, at
 * once, with LD_BIND_NOW=1, before it has written anything.  Outputs do
 * not depend on it.  GILSIM_REBIND=0 turns it off.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Keeps a copy of ARGV (the program's arguments, NULL-terminated, as main
 * got them) for cli_rebind_exec; in a gilsim that cli_rebind_exec started,
 * removes LD_BIND_NOW and its own mark from the environment again, so that
 * programs gilsim starts do not inherit them.  Call first in main. */
void cli_rebind_init (char **argv);

/* Starts gilsim again with its arguments and LD_BIND_NOW=1 (execv of
 * /proc/self/exe) when JOBS simulations are many enough to gain from it,
 * the libraries are bound lazily, nothing was printed yet and
 * GILSIM_REBIND is not 0; returns only when it does not (or the exec
 * fails, which is not an error: the sweep runs as it is). */
void cli_rebind_exec (guint jobs);

G_END_DECLS
