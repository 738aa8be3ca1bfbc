/* userfile.c: reading a file the user gave (see userfile.h). */
#include "util/userfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (gs-userfile-error-quark, gs_userfile_error)

/* Sets ERROR from errno E. */
static gboolean
fail_errno (GError **error, int e)
{
  g_set_error_literal (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_IO,
                       g_strerror (e));
  return FALSE;
}

static gboolean
too_big (GError **error, gsize max_bytes, double size)
{
  if (size > 0)
    g_set_error (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_TOO_BIG,
                 "it is %.1f MiB, more than the %.0f MiB allowed",
                 size / 1048576.0, max_bytes / 1048576.0);
  else
    g_set_error (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_TOO_BIG,
                 "it holds more than the %.0f MiB allowed",
                 max_bytes / 1048576.0);
  return FALSE;
}

gboolean
gs_userfile_read (const char *path, gsize max_bytes, char **text, gsize *len,
                  GError **error)
{
  g_return_val_if_fail (path != NULL && text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  *text = NULL;
  /* O_NONBLOCK: opening a FIFO with no writer returns at once */
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return fail_errno (error, errno);
  struct stat sb;
  if (fstat (fd, &sb) != 0) {
    int e = errno;
    close (fd);
    return fail_errno (error, e);
  }
  if (S_ISDIR (sb.st_mode) || !S_ISREG (sb.st_mode)) {
    close (fd);
    if (S_ISDIR (sb.st_mode))
      g_set_error_literal (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_FOLDER,
                           "it is a folder");
    else
      g_set_error_literal (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_SPECIAL,
                           "it is not a regular file (a FIFO, a device or a "
                           "socket)");
    return FALSE;
  }
  if ((guint64) sb.st_size > max_bytes) {
    close (fd);
    return too_big (error, max_bytes, (double) sb.st_size);
  }
  /* a regular file may still grow while it is read: read at most one byte
   * more than allowed */
  gsize cap = MIN ((gsize) sb.st_size, max_bytes) + 1;
  GByteArray *buf = g_byte_array_sized_new ((guint) MIN (cap, 1 << 20));
  guint8 chunk[65536];
  for (;;) {
    gsize want = MIN (sizeof chunk, max_bytes + 1 - buf->len);
    if (want == 0)
      break;
    ssize_t n = read (fd, chunk, want);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
      continue;
    if (n < 0) {
      int e = errno;
      close (fd);
      g_byte_array_unref (buf);
      return fail_errno (error, e);
    }
    if (n == 0)
      break;
    g_byte_array_append (buf, chunk, (guint) n);
  }
  close (fd);
  if (buf->len > max_bytes) {
    g_byte_array_unref (buf);
    return too_big (error, max_bytes, 0);
  }
  if (len)
    *len = buf->len;
  g_byte_array_append (buf, (const guint8 *) "", 1);
  *text = (char *) g_byte_array_free (buf, FALSE);
  return TRUE;
}

gboolean
gs_userfile_same (const char *a, const char *b)
{
  if (strcmp (a, b) == 0)
    return TRUE;
  char *ra = realpath (a, NULL), *rb = realpath (b, NULL);
  gboolean same = ra && rb && strcmp (ra, rb) == 0;
  free (ra);
  free (rb);
  return same;
}
