/* simulate.c: fork, simulate, send the result back; pools of workers. */
#include "run/simulate.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* ---------------------------------------------------------------------- */
/* Pipes                                                                   */

/* Writes (WRITING) or reads exactly LEN bytes at P on FD, going on after
 * a signal and after a short transfer; FALSE on an error, or on end of
 * file before LEN bytes. */
static gboolean
transfer_all (int fd, char *p, gsize len, gboolean writing)
{
  while (len > 0) {
    ssize_t n = writing ? write (fd, p, len) : read (fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return FALSE;
    p += n;
    len -= (gsize) n;
  }
  return TRUE;
}

static gboolean
write_all (int fd, const void *buf, gsize len)
{
  return transfer_all (fd, (char *) buf, len, TRUE);  /* BUF is only read */
}

/* Reads exactly LEN bytes; FALSE on end of file or error. */
static gboolean
read_all (int fd, void *buf, gsize len)
{
  return transfer_all (fd, buf, len, FALSE);
}

/* Appends everything FD gives until end of file to BUF. */
static void
read_to_end (int fd, GByteArray *buf)
{
  guint8 chunk[65536];
  for (;;) {
    ssize_t n = read (fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    g_byte_array_append (buf, chunk, (guint) n);
  }
}

static void
wait_child (pid_t pid, int *status)
{
  *status = 0;
  while (waitpid (pid, status, 0) < 0 && errno == EINTR)
    ;
}

/* ---------------------------------------------------------------------- */
/* One simulation                                                          */

/* The message for the parent that carries the error TEXT: 'E', then it. */
static GByteArray *
error_message (const char *text)
{
  GByteArray *msg = g_byte_array_new ();
  g_byte_array_append (msg, (const guint8 *) "E", 1);
  g_byte_array_append (msg, (const guint8 *) text, (guint) strlen (text));
  return msg;
}

/* Simulates CFG here and returns the message for the parent: 'R' and the
 * result packed (gs_result_pack), or 'E' and the error message. */
static GByteArray *
engine_message (const GsEngineConfig *cfg)
{
  GError *err = NULL;
  g_autoptr (GsResult) r = gs_engine_run (cfg, &err);
  GByteArray *msg;
  if (r == NULL) {
    msg = error_message (err->message);
    g_error_free (err);
  } else {
    msg = gs_result_pack (r);
    g_byte_array_prepend (msg, (const guint8 *) "R", 1);
  }
  return msg;
}

/* Sends MSG (taken) to the parent through FD and ends the child, skipping
 * SimGrid's teardown: the parent has what it needs. */
G_GNUC_NORETURN static void
send_and_exit (int fd, GByteArray *msg)
{
  gboolean ok = write_all (fd, msg->data, msg->len);
  g_byte_array_unref (msg);
  close (fd);
  fflush (stdout);
  _exit (ok ? 0 : 1);
}

/* The engine's first error, in a child: sent to the parent (the file
 * descriptor is DATA) before the engine stops its actors, and the child
 * ends there. */
G_GNUC_NORETURN static void
send_error_and_exit (const GError *error, gpointer data)
{
  send_and_exit (GPOINTER_TO_INT (data), error_message (error->message));
}

G_GNUC_NORETURN static void
child (int fd, const GsEngineConfig *cfg)
{
  gs_engine_set_error_hook (send_error_and_exit, GINT_TO_POINTER (fd));
  send_and_exit (fd, engine_message (cfg));
}

/* The error message for a child that ended with STATUS without a result. */
static char *
death_message (const GsEngineConfig *cfg, int status)
{
  if (WIFSIGNALED (status))
    return g_strdup_printf ("%s:1:1: the simulation crashed (signal %d, %s); "
                            "please report this scenario", cfg->sc->path,
                            WTERMSIG (status), g_strsignal (WTERMSIG (status)));
  return g_strdup_printf ("%s:1:1: the simulation stopped without a result "
                          "(exit status %d); run with --log=root.thres:info to "
                          "see why", cfg->sc->path,
                          WIFEXITED (status) ? WEXITSTATUS (status) : -1);
}

/* Closes the first N pipes of FDS and sets ERROR to "WHAT: " and the
 * reason of errno E (taken before the closes); returns -1. */
static pid_t
pipes_failed (int n, int fds[][2], int e, const char *what, GError **error)
{
  for (int k = 0; k < n; k++) {
    close (fds[k][0]);
    close (fds[k][1]);
  }
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e), "%s: %s", what,
               g_strerror (e));
  return -1;
}

/* Makes N pipes in FDS and forks.  Returns the child's pid in the parent,
 * 0 in the child, or -1 with ERROR set and nothing left open. */
static pid_t
fork_with_pipes (int n, int fds[][2], GError **error)
{
  for (int i = 0; i < n; i++)
    if (pipe (fds[i]) != 0)
      return pipes_failed (i, fds, errno, "cannot create a pipe", error);
  fflush (stdout);
  fflush (stderr);
  pid_t pid = fork ();
  if (pid < 0)
    return pipes_failed (n, fds, errno, "cannot start a simulation process", error);
  return pid;
}

/* In the parent of the child PID that writes on the pipe FDS: all it
 * writes, to its end, with both ends closed, then its wait status in
 * *STATUS. */
static GByteArray *
collect_child (pid_t pid, int fds[2], int *status)
{
  close (fds[1]);
  GByteArray *buf = g_byte_array_new ();
  read_to_end (fds[0], buf);
  close (fds[0]);
  wait_child (pid, status);
  return buf;
}

/* Runs CFG in a forked child and returns its message ('R' or 'E' first),
 * with a child's death turned into an 'E' message.  CLOSE_FDS (-1
 * terminated, may be NULL) are closed in the child. */
static GByteArray *
run_in_child (const GsEngineConfig *cfg, const int *close_fds, GError **error)
{
  int pipes[1][2];
  pid_t pid = fork_with_pipes (1, pipes, error);
  if (pid < 0)
    return NULL;
  int *fds = pipes[0];
  if (pid == 0) {
    close (fds[0]);
    for (const int *f = close_fds; f && *f >= 0; f++)
      close (*f);
    child (fds[1], cfg);
  }
  int status;
  GByteArray *buf = collect_child (pid, fds, &status);
  gboolean complete = buf->len > 0 &&
                      (buf->data[0] == 'E' ||
                       (buf->data[0] == 'R' && WIFEXITED (status) &&
                        WEXITSTATUS (status) == 0));
  if (!complete) {
    g_autofree char *msg = death_message (cfg, status);
    g_byte_array_unref (buf);
    buf = error_message (msg);
  }
  return buf;
}

/* Turns a child's message into a result, or NULL with ERROR set. */
static GsResult *
decode (const guint8 *data, gsize len, GError **error)
{
  if (len > 0 && data[0] == 'R') {
    GsResult *r = gs_result_unpack (data + 1, len - 1);
    if (r)
      return r;
  }
  if (len > 0 && data[0] == 'E')
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME, "%.*s",
                 (int) len - 1, (const char *) data + 1);
  else
    g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME,
                 "the simulation sent back an unreadable result");
  return NULL;
}

GsResult *
gs_simulate (const GsEngineConfig *cfg, GError **error)
{
  g_autoptr (GByteArray) buf = run_in_child (cfg, NULL, error);
  if (buf == NULL)
    return NULL;
  return decode (buf->data, buf->len, error);
}

gboolean
gs_simulate_check_simgrid (const GsEngineConfig *cfg, GError **error)
{
  int pipes[1][2];
  pid_t pid = fork_with_pipes (1, pipes, error);
  if (pid < 0)
    return FALSE;
  int *fds = pipes[0];
  if (pid == 0) {
    /* SimGrid says what it refuses on stderr, at length, then aborts */
    close (fds[0]);
    dup2 (fds[1], STDERR_FILENO);
    int null = open ("/dev/null", O_WRONLY);
    if (null >= 0)
      dup2 (null, STDOUT_FILENO);
    gs_engine_start (cfg);
    _exit (0);
  }
  int status;
  g_autoptr (GByteArray) buf = collect_child (pid, fds, &status);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return TRUE;
  /* SimGrid's reason: its first critical line, after "] " */
  g_byte_array_append (buf, (const guint8 *) "", 1);
  g_auto (GStrv) lines = g_strsplit ((const char *) buf->data, "\n", -1);
  const char *reason = NULL;
  for (guint i = 0; lines[i] && reason == NULL; i++) {
    const char *c = strstr (lines[i], "CRITICAL] ");
    if (c)
      reason = c + strlen ("CRITICAL] ");
  }
  g_autofree char *args = NULL;
  if (cfg->simgrid_args) {
    g_ptr_array_add (cfg->simgrid_args, NULL);
    args = g_strjoinv (" ", (char **) cfg->simgrid_args->pdata);
    g_ptr_array_remove_index (cfg->simgrid_args, cfg->simgrid_args->len - 1);
  }
  g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME,
               "%s: SimGrid refuses these settings (%s); see SimGrid's "
               "documentation of --cfg and --log", args ? args : "SimGrid's start-up",
               reason ? reason : "it stopped without saying why");
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Pools                                                                   */

/* A worker's reply: the job, the message's length, then the message. */
typedef struct {
  guint32 job;
  guint32 len;
} Reply;

typedef struct {
  pid_t pid;            /* 0: no process */
  int job_fd;           /* parent -> worker: job numbers (guint32) */
  int reply_fd;         /* worker -> parent: Reply and message */
  char *key;
  gboolean busy;
  guint job;
} Worker;

struct GsSimulatePool {
  Worker *workers;
  guint n;
  gboolean fork_server;
  gboolean started_here;   /* SimGrid started in this process for the workers */
  GArray *simgrid_signals; /* then the signals SimGrid handles (int), */
  GArray *simgrid_actions; /* and how (struct sigaction), for the workers */
  GsSimConfigFunc config;
  gpointer data;
};

GsSimulatePool *
gs_simulate_pool_new (guint workers, gboolean fork_server, GsSimConfigFunc config,
                 gpointer data)
{
  g_return_val_if_fail (workers >= 1, NULL);
  /* a worker that died must show as a failed write, not kill gilsim */
  signal (SIGPIPE, SIG_IGN);
  GsSimulatePool *pool = g_new0 (GsSimulatePool, 1);
  pool->n = workers;
  pool->workers = g_new0 (Worker, workers);
  pool->fork_server = fork_server;
  pool->config = config;
  pool->data = data;
  return pool;
}

gboolean
gs_simulate_pool_start_here (GsSimulatePool *pool, guint job)
{
  if (pool->fork_server || pool->started_here || gs_engine_started ())
    return FALSE;
  GsEngineConfig cfg = { 0 };
  pool->config (job, &cfg, pool->data);
  /* SimGrid installs handlers (SIGINT, SIGSEGV, SIGBUS) for the process
   * that simulates: this one keeps its own, its workers get SimGrid's */
  struct sigaction before[32];
  for (int s = 1; s < 32; s++)
    sigaction (s, NULL, &before[s]);
  gs_engine_start (&cfg);
  pool->simgrid_signals = g_array_new (FALSE, FALSE, sizeof (int));
  pool->simgrid_actions = g_array_new (FALSE, FALSE, sizeof (struct sigaction));
  for (int s = 1; s < 32; s++) {
    struct sigaction now;
    sigaction (s, NULL, &now);
    if (now.sa_handler == before[s].sa_handler && now.sa_flags == before[s].sa_flags)
      continue;
    g_array_append_val (pool->simgrid_signals, s);
    g_array_append_val (pool->simgrid_actions, now);
    sigaction (s, &before[s], NULL);
  }
  pool->started_here = TRUE;
  return TRUE;
}

static void
worker_stop (Worker *w)
{
  if (w->pid == 0)
    return;
  close (w->job_fd);
  close (w->reply_fd);
  int status;
  wait_child (w->pid, &status);
  w->pid = 0;
  g_clear_pointer (&w->key, g_free);
  w->busy = FALSE;
}

void
gs_simulate_pool_free (GsSimulatePool *pool)
{
  if (pool == NULL)
    return;
  for (guint i = 0; i < pool->n; i++)
    worker_stop (&pool->workers[i]);
  g_free (pool->workers);
  g_clear_pointer (&pool->simgrid_signals, g_array_unref);
  g_clear_pointer (&pool->simgrid_actions, g_array_unref);
  g_free (pool);
}

guint
gs_simulate_pool_idle (const GsSimulatePool *pool)
{
  guint idle = 0;
  for (guint i = 0; i < pool->n; i++)
    idle += !pool->workers[i].busy;
  return idle;
}

/* The worker process: reads job numbers until the parent closes the pipe.
 * A fork server starts SimGrid with its first job and forks a child per
 * job; otherwise the worker simulates its one job itself. */
/* Where a worker that simulates its job itself replies. */
typedef struct {
  int fd;
  guint32 job;
} ReplyTo;

/* The engine's first error, in such a worker: the reply to the pool (DATA
 * is a ReplyTo), sent before the engine stops its actors; the worker ends
 * there. */
/* Replies MSG (taken) to job TO->job through TO->fd and ends the worker. */
G_GNUC_NORETURN static void
reply_and_exit (const ReplyTo *to, GByteArray *msg)
{
  Reply r = { to->job, msg->len };
  gboolean ok = write_all (to->fd, &r, sizeof r) && write_all (to->fd, msg->data, msg->len);
  g_byte_array_unref (msg);
  fflush (stdout);
  _exit (ok ? 0 : 1);
}

G_GNUC_NORETURN static void
reply_error_and_exit (const GError *error, gpointer data)
{
  reply_and_exit (data, error_message (error->message));
}

G_GNUC_NORETURN static void
worker_main (GsSimulatePool *pool, int job_fd, int reply_fd)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
  int close_fds[] = { job_fd, reply_fd, -1 };
  for (guint i = 0; pool->simgrid_signals && i < pool->simgrid_signals->len; i++)
    sigaction (g_array_index (pool->simgrid_signals, int, i),
               &g_array_index (pool->simgrid_actions, struct sigaction, i), NULL);
  guint32 job;
  while (read_all (job_fd, &job, sizeof job)) {
    GsEngineConfig cfg = { 0 };
    pool->config (job, &cfg, pool->data);
    if (!pool->fork_server) {
      ReplyTo to = { reply_fd, job };
      gs_engine_set_error_hook (reply_error_and_exit, &to);
      reply_and_exit (&to, engine_message (&cfg));
    }
    gs_engine_start (&cfg);
    for (;;) {
      GError *error = NULL;
      g_autoptr (GByteArray) msg = run_in_child (&cfg, close_fds, &error);
      if (msg == NULL) {
        msg = error_message (error->message);
        g_error_free (error);
      }
      Reply r = { job, msg->len };
      gboolean sent = write_all (reply_fd, &r, sizeof r) &&
                      write_all (reply_fd, msg->data, msg->len);
      g_clear_pointer (&msg, g_byte_array_unref);   /* before any _exit */
      if (!sent)
        _exit (1);
      if (!read_all (job_fd, &job, sizeof job))
        _exit (0);
      memset (&cfg, 0, sizeof cfg);
      pool->config (job, &cfg, pool->data);
    }
  }
  _exit (0);
}

static gboolean
worker_start (GsSimulatePool *pool, Worker *w, const char *key, GError **error)
{
  int pipes[2][2];
  pid_t pid = fork_with_pipes (2, pipes, error);
  if (pid < 0)
    return FALSE;
  int *jobs = pipes[0], *replies = pipes[1];
  if (pid == 0) {
    close (jobs[1]);
    close (replies[0]);
    /* other workers must see their pipes close when the parent goes */
    for (guint i = 0; i < pool->n; i++)
      if (pool->workers[i].pid) {
        close (pool->workers[i].job_fd);
        close (pool->workers[i].reply_fd);
      }
    worker_main (pool, jobs[0], replies[1]);
  }
  close (jobs[0]);
  close (replies[1]);
  w->pid = pid;
  w->job_fd = jobs[1];
  w->reply_fd = replies[0];
  w->key = g_strdup (key);
  return TRUE;
}

gboolean
gs_simulate_pool_submit (GsSimulatePool *pool, guint job, const char *key, GError **error)
{
  Worker *pick = NULL;
  for (guint i = 0; i < pool->n && pick == NULL; i++) {
    Worker *w = &pool->workers[i];
    if (!w->busy && w->pid && strcmp (w->key, key) == 0)
      pick = w;
  }
  for (guint i = 0; i < pool->n && pick == NULL; i++)
    if (!pool->workers[i].busy && pool->workers[i].pid == 0)
      pick = &pool->workers[i];
  for (guint i = 0; i < pool->n && pick == NULL; i++)
    if (!pool->workers[i].busy)
      pick = &pool->workers[i];
  g_return_val_if_fail (pick != NULL, FALSE);
  if (pick->pid && strcmp (pick->key, key) != 0)
    worker_stop (pick);
  if (pick->pid == 0 && !worker_start (pool, pick, key, error))
    return FALSE;
  guint32 j = job;
  if (!write_all (pick->job_fd, &j, sizeof j)) {
    /* it died since its last job: start another */
    worker_stop (pick);
    if (!worker_start (pool, pick, key, error))
      return FALSE;
    if (!write_all (pick->job_fd, &j, sizeof j)) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "cannot send a job to a simulation process");
      return FALSE;
    }
  }
  pick->busy = TRUE;
  pick->job = job;
  return TRUE;
}

/* Reads the reply of busy worker W: its result or error. */
static guint
worker_reply (GsSimulatePool *pool, Worker *w, GsResult **result, GError **job_error)
{
  guint job = w->job;
  w->busy = FALSE;
  Reply r;
  if (read_all (w->reply_fd, &r, sizeof r)) {
    g_autofree guint8 *msg = g_malloc (r.len ? r.len : 1);
    if (read_all (w->reply_fd, msg, r.len)) {
      *result = decode (msg, r.len, job_error);
      if (!pool->fork_server)
        worker_stop (w);
      return job;
    }
  }
  /* the worker died: say how */
  close (w->job_fd);
  close (w->reply_fd);
  int status;
  wait_child (w->pid, &status);
  w->pid = 0;
  g_clear_pointer (&w->key, g_free);
  GsEngineConfig cfg = { 0 };
  pool->config (job, &cfg, pool->data);
  g_autofree char *msg = death_message (&cfg, status);
  g_set_error_literal (job_error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_RUNTIME, msg);
  return job;
}

guint
gs_simulate_pool_wait (GsSimulatePool *pool, GsResult **result, GError **job_error)
{
  *result = NULL;
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, pool->n);
  g_autofree guint *which = g_new0 (guint, pool->n);
  for (;;) {
    guint n = 0;
    for (guint i = 0; i < pool->n; i++)
      if (pool->workers[i].busy) {
        fds[n].fd = pool->workers[i].reply_fd;
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        which[n++] = i;
      }
    g_return_val_if_fail (n > 0, 0);
    int ready = poll (fds, n, -1);
    if (ready < 0 && errno == EINTR)
      continue;
    g_return_val_if_fail (ready > 0, 0);
    for (guint k = 0; k < n; k++)
      if (fds[k].revents)
        return worker_reply (pool, &pool->workers[which[k]], result, job_error);
  }
}
