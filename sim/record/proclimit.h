/* proclimit.h: gilsim record's limit on the processes a recorded program
 * starts (--max-processes; docs/record.md).
 *
 * The recorder applies it (gilsim_recorder/proclimit.py): each process of
 * the recording takes a slot, os.fork fails with BlockingIOError when none
 * is left, and a Python started beyond exits with status 1; a process
 * that asks again after the recording's GS_PROCLIMIT_REFUSALS refusals is
 * stopped.  gilsim passes the limit through the environment and reports
 * whether it was reached.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GS_PROCLIMIT_DEFAULT 1000   /* processes in one recording */
#define GS_PROCLIMIT_MAX 5000       /* the most a scenario may run */
#define GS_PROCLIMIT_REFUSALS 32    /* proclimit.py's REFUSALS */

/* Sets the limit, MAX processes (1 to GS_PROCLIMIT_MAX), for the
 * recordings that this process starts from now on.  Can't fail. */
void gs_proclimit_set (int max);

/* Whether a recording into EVENTS_DIR reached its limit (and the recorder
 * refused a process). */
gboolean gs_proclimit_reached (const char *events_dir);

/* Whether the recorder stopped a process of that recording: it asked for
 * more processes after GS_PROCLIMIT_REFUSALS refusals (a retry loop, a pool
 * starting its workers again), which would never end. */
gboolean gs_proclimit_stopped (const char *events_dir);

G_END_DECLS
