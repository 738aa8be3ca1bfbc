/* userfile.h: reading a file the user gave (a scenario, a platform, records,
 * results) without trusting what it is.
 *
 * g_file_get_contents reads until the end of the file: a device such as
 * /dev/zero never ends, and opening a FIFO blocks until someone writes to
 * it.  Every input of gilsim is read through here instead: the path is
 * opened without blocking, refused unless it is a regular file, and read
 * to at most a given size.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GS_USERFILE_ERROR (gs_userfile_error_quark ())
GQuark gs_userfile_error_quark (void);

typedef enum {
  GS_USERFILE_ERROR_IO,       /* missing, unreadable: errno's words */
  GS_USERFILE_ERROR_FOLDER,   /* a folder */
  GS_USERFILE_ERROR_SPECIAL,  /* a FIFO, a device, a socket */
  GS_USERFILE_ERROR_TOO_BIG,  /* more than the caller's limit */
} GsUserfileError;

/* Reads the whole of PATH into *TEXT (NUL-terminated, g_free it) and its
 * length into *LEN (may be NULL).  Fails, with ERROR's code saying why and
 * its message a short reason without the path (for the caller to put in
 * its own one-line message), when PATH cannot be opened or read, is a
 * folder, is not a regular file (never blocks on a FIFO, never reads a
 * device), or holds more than MAX_BYTES bytes (only MAX_BYTES + 1 bytes
 * are ever read).  The message of GS_USERFILE_ERROR_TOO_BIG gives the
 * size when the file system knows it. */
gboolean gs_userfile_read (const char *path, gsize max_bytes, char **text,
                           gsize *len, GError **error);

/* TRUE if A and B name the same file: the same text, or, relative or
 * absolute, through links, the same real path (both must exist then). */
gboolean gs_userfile_same (const char *a, const char *b);

G_END_DECLS
