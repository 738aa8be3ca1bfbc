/* simulate.c: fork, simulate, send the result back. */
#include "simulate.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static gboolean
write_all (int fd, const void *buf, gsize len)
{
  const char *p = buf;
  while (len > 0) {
    ssize_t n = write (fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return FALSE;
    p += n;
    len -= (gsize) n;
  }
  return TRUE;
}

G_GNUC_NORETURN static void
child (int fd, const GsEngineConfig *cfg)
{
  GError *err = NULL;
  GsResult *r = gs_engine_run (cfg, &err);
  gboolean ok;
  if (r == NULL) {
    ok = write_all (fd, "E", 1) &&
         write_all (fd, err->message, strlen (err->message));
  } else {
    g_autoptr (GVariant) v = gs_result_to_variant (r);
    ok = write_all (fd, "R", 1) &&
         write_all (fd, g_variant_get_data (v), g_variant_get_size (v));
  }
  close (fd);
  fflush (stdout);
  /* skip SimGrid's teardown: the parent has what it needs */
  _exit (ok ? 0 : 1);
}

GsResult *
gs_simulate (const GsEngineConfig *cfg, GError **error)
{
  int fds[2];
  if (pipe (fds) != 0) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                 "cannot create a pipe: %s", g_strerror (errno));
    return NULL;
  }
  fflush (stdout);
  fflush (stderr);
  pid_t pid = fork ();
  if (pid < 0) {
    int e = errno;
    close (fds[0]);
    close (fds[1]);
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e),
                 "cannot start a simulation process: %s", g_strerror (e));
    return NULL;
  }
  if (pid == 0) {
    close (fds[0]);
    child (fds[1], cfg);
  }
  close (fds[1]);
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[65536];
  for (;;) {
    ssize_t n = read (fds[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    g_byte_array_append (buf, chunk, (guint) n);
  }
  close (fds[0]);
  int status = 0;
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  GsResult *result = NULL;
  if (buf->len > 0 && buf->data[0] == 'E') {
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME, "%.*s",
                 (int) buf->len - 1, (const char *) buf->data + 1);
  } else if (buf->len > 0 && buf->data[0] == 'R' && WIFEXITED (status) &&
             WEXITSTATUS (status) == 0) {
    g_autoptr (GBytes) bytes = g_bytes_new (buf->data + 1, buf->len - 1);
    g_autoptr (GVariant) v = g_variant_ref_sink (g_variant_new_from_bytes (
        G_VARIANT_TYPE ("(ddta(dss)a(ssddddddt))"), bytes, FALSE));
    result = gs_result_from_variant (v);
  }
  if (result == NULL && (error == NULL || *error == NULL)) {
    if (WIFSIGNALED (status))
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME,
                   "%s:1:1: the simulation crashed (signal %d, %s); please "
                   "report this scenario", cfg->sc->path, WTERMSIG (status),
                   g_strsignal (WTERMSIG (status)));
    else
      g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME,
                   "%s:1:1: the simulation stopped without a result (exit "
                   "status %d); run with --log=root.thres:info to see why",
                   cfg->sc->path, WIFEXITED (status) ? WEXITSTATUS (status) : -1);
  }
  g_byte_array_unref (buf);
  return result;
}
