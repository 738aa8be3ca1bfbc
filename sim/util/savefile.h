/* savefile.h: writing a file the user named (an export, a report, a
 * trace, a scenario, a platform) without trusting what is there.
 *
 * A regular file is replaced atomically (written beside it, then renamed:
 * a full disk never leaves it half written), and so is the regular target
 * of a link, the link kept.  Anything else is written through, never
 * replaced: a device such as /dev/null or a terminal, or a FIFO that a
 * reader holds open (the shell's >(...)).  GLib's g_file_set_contents
 * would rename a file over a device node (as root, /dev/full became a
 * regular file), and opening a FIFO that nobody reads blocks forever:
 * here such a FIFO and a folder are refused at once.
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

/* Writes LEN bytes of TEXT to PATH as above.  Fails for a folder, a FIFO
 * nobody reads, a socket, or a failed write (a full disk or device, a
 * missing folder), ERROR (G_FILE_ERROR) a short reason without the path,
 * for the caller's own one-line message. */
gboolean gs_savefile_write (const char *path, const char *text, gsize len,
                            GError **error);

/* Opens PATH for writing a stream, "w" (truncated, or written through for
 * a device or a FIFO) or "a" (appended to) in MODE, with the refusals of
 * gs_savefile_write; not atomic.  Returns the stream, or NULL with ERROR
 * set ("cannot write PATH: REASON"). */
FILE *gs_savefile_open (const char *path, const char *mode, GError **error);

/* Checks, before a long run, that gs_savefile_write (PATH) can work:
 * PATH is not a folder or a socket, a missing PATH can be created (it is
 * created and removed), an existing file can be opened for writing (it is
 * not changed).  A FIFO is taken as it is: opening it would tell its
 * reader that the writing ended.  Fails as gs_savefile_write does. */
gboolean gs_savefile_check (const char *path, GError **error);

G_END_DECLS
