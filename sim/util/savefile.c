/* savefile.c: writing a file the user named, whatever is there (savefile.h). */
#include "util/savefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

/* Sets ERROR to REASON, or errno E's words. */
static gboolean
fail (GError **error, int e, const char *reason)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (e),
                       reason ? reason : g_strerror (e));
  return FALSE;
}

/* The regular file that PATH names, itself or through links, where a new
 * file may be renamed into place: a new string, or NULL when PATH is
 * something else (a device, a FIFO, a folder, a dangling link) or missing
 * and not a link (then *MISSING is set). */
static char *
regular_target (const char *path, gboolean *missing)
{
  GStatBuf lst;
  *missing = FALSE;
  if (g_lstat (path, &lst) != 0) {
    *missing = errno == ENOENT;
    return NULL;
  }
  if (S_ISREG (lst.st_mode))
    return g_strdup (path);
  if (!S_ISLNK (lst.st_mode))
    return NULL;
  char *target = realpath (path, NULL);
  GStatBuf st;
  if (target && g_stat (target, &st) == 0 && S_ISREG (st.st_mode)) {
    char *t = g_strdup (target);
    free (target);
    return t;
  }
  free (target);
  return NULL;
}

FILE *
gs_savefile_open (const char *path, const char *mode, GError **error)
{
  gboolean append = mode[0] == 'a';
  GStatBuf st;
  gboolean exists = g_stat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode)) {
    fail (error, EISDIR, "it is a folder");
    return NULL;
  }
  if (exists && S_ISSOCK (st.st_mode)) {
    fail (error, EINVAL, "it is a socket");
    return NULL;
  }
  int flags = O_WRONLY | O_CLOEXEC | O_CREAT | (append ? O_APPEND : O_TRUNC);
  gboolean fifo = exists && S_ISFIFO (st.st_mode);
  if (fifo)
    flags = O_WRONLY | O_CLOEXEC | O_NONBLOCK;  /* no reader: ENXIO at once */
  int fd = open (path, flags, 0666);
  if (fd < 0) {
    int e = errno;
    fail (error, e, fifo && e == ENXIO ? "it is a FIFO that nobody reads" : NULL);
    return NULL;
  }
  if (fifo)
    fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  FILE *f = fdopen (fd, append ? "a" : "w");
  if (f == NULL) {
    int e = errno;
    close (fd);
    fail (error, e, NULL);
  }
  return f;
}

gboolean
gs_savefile_write (const char *path, const char *text, gsize len, GError **error)
{
  gboolean missing = FALSE;
  g_autofree char *target = regular_target (path, &missing);
  if (target || missing) {
    GError *local = NULL;
    if (g_file_set_contents (target ? target : path, text, (gssize) len, &local))
      return TRUE;
    /* GLib's message names its temporary file: say which file instead,
     * with the reason it ends with */
    const char *reason = g_strrstr (local->message, ": ");
    g_set_error_literal (error, G_FILE_ERROR, local->code,
                         reason ? reason + 2 : local->message);
    g_error_free (local);
    return FALSE;
  }
  FILE *f = gs_savefile_open (path, "w", error);
  if (f == NULL)
    return FALSE;
  gboolean ok = fwrite (text, 1, len, f) == len;
  int e = errno;
  if (fclose (f) != 0 && ok) {
    ok = FALSE;
    e = errno;
  }
  return ok || fail (error, e, NULL);
}

gboolean
gs_savefile_check (const char *path, GError **error)
{
  GStatBuf st;
  if (g_stat (path, &st) != 0) {
    GStatBuf lst;
    if (errno != ENOENT || g_lstat (path, &lst) == 0) {
      /* a dangling link is written through (its target created), or
       * something that cannot be looked at */
      if (errno != ENOENT)
        return fail (error, errno, NULL);
    }
    int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
      return fail (error, errno, NULL);
    close (fd);
    g_unlink (path);
    return TRUE;
  }
  if (S_ISFIFO (st.st_mode))
    return TRUE;
  if (S_ISDIR (st.st_mode))
    return fail (error, EISDIR, "it is a folder");
  if (S_ISSOCK (st.st_mode))
    return fail (error, EINVAL, "it is a socket");
  int fd = open (path, O_WRONLY | O_CLOEXEC | (S_ISREG (st.st_mode) ? 0 : O_NONBLOCK));
  if (fd < 0)
    return fail (error, errno, NULL);
  close (fd);
  return TRUE;
}
