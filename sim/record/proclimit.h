/* proclimit.h: gilsim record's limit on the processes a recorded program
 * starts (--max-processes; docs/record.md).
 *
 * The recorder applies it (gilsim_recorder/proclimit.py): each process of
 * the recording takes a slot, os.fork fails with BlockingIOError when none
 * is left, and a Python started beyond exits with status 1.  gilsim passes
 * the limit through the environment and reports whether it was reached.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GS_PROCLIMIT_DEFAULT 1000   /* processes in one recording */
#define GS_PROCLIMIT_MAX 5000       /* the most a scenario may run */

/* Sets the limit, MAX processes (1 to GS_PROCLIMIT_MAX), for the
 * recordings that this process starts from now on.  Can't fail. */
void gs_proclimit_set (int max);

/* Whether a recording into EVENTS_DIR reached its limit (and the recorder
 * refused a process). */
gboolean gs_proclimit_reached (const char *events_dir);

G_END_DECLS
