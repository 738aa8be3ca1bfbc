/* run-gilsim.h: running the gilsim program from a test. */
#pragma once

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include "assert-near.h"

typedef struct {
  int status;       /* exit status, or -1 if it did not exit normally */
  char *out;
  char *err;
  char *cmd;        /* the command line, "gilsim run ...", for messages (or NULL) */
} GilsimRun;

static inline void
gilsim_run_clear (GilsimRun *r)
{
  g_free (r->out);
  g_free (r->err);
  g_free (r->cmd);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GilsimRun, gilsim_run_clear)

/* The command line "gilsim ARG..." of ARGV (argv[0] the program, then
 * the arguments up to NULL), each argument quoted where the shell would
 * need it, for failure messages.  New string. */
static inline char *
gilsim_command_line (char *const *argv)
{
  GString *s = g_string_new ("gilsim");
  for (char *const *a = argv + 1; *a; a++) {
    gboolean plain = **a != '\0';
    for (const char *c = *a; *c && plain; c++)
      plain = g_ascii_isalnum (*c) || strchr ("-_./=,:+%@", *c);
    g_autofree char *quoted = plain ? g_strdup (*a) : g_shell_quote (*a);
    g_string_append_printf (s, " %s", quoted);
  }
  return g_string_free (s, FALSE);
}

/* How long one run of gilsim may take before the test kills it (seconds;
 * GILSIM_TEST_DEADLINE overrides): far above any test's own run, far below
 * meson's 600 s, so that a stuck program is a clear failure of its test. */
#define GILSIM_RUN_DEADLINE 120

/* In the child, before exec: a process group of its own, which the
 * deadline's signals reach whole (gilsim, the recorded program and its
 * children, the scenario's Python), and no core files from them. */
static inline void
gilsim_run_child_setup (gpointer data)
{
  (void) data;
  setpgid (0, 0);
  struct rlimit none = { 0, 0 };
  setrlimit (RLIMIT_CORE, &none);
}

/* Reads what FD has into OUT; FALSE at its end (or an error). */
static inline gboolean
gilsim_run_drain (int fd, GString *out)
{
  char buf[65536];
  ssize_t n = read (fd, buf, sizeof buf);
  if (n < 0 && errno == EINTR)
    return TRUE;
  if (n <= 0)
    return FALSE;
  g_string_append_len (out, buf, n);
  return TRUE;
}

/* Reads the pipes FD[0] and FD[1] into OUT and ERR to their end (closing
 * each and setting it to -1 there), until the monotonic time DEADLINE
 * (microseconds); whether both ended in time. */
static inline gboolean
gilsim_run_read (int fd[2], GString *out, GString *err, gint64 deadline)
{
  struct pollfd fds[2] = { { fd[0], POLLIN, 0 }, { fd[1], POLLIN, 0 } };
  GString *into[2] = { out, err };
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    gint64 left = deadline - g_get_monotonic_time ();
    if (left <= 0)
      return FALSE;
    int n = poll (fds, 2, (int) MIN (left / 1000 + 1, 1000));
    if (n < 0 && errno != EINTR)
      return FALSE;
    for (int i = 0; i < 2 && n > 0; i++)
      if (fds[i].fd >= 0 && fds[i].revents && !gilsim_run_drain (fds[i].fd, into[i])) {
        close (fds[i].fd);
        fds[i].fd = fd[i] = -1;     /* poll skips it */
      }
  }
  return TRUE;
}

/* Runs $GILSIM with the arguments FIRST, then AP up to NULL, then TAIL
 * (NULL-terminated, or NULL), from the source root.  A run still going
 * (or whose children still hold its output open) after GILSIM_RUN_DEADLINE
 * seconds is a test failure: its whole process group gets SIGABRT, on
 * which every Python in it prints its threads' stacks (PYTHONFAULTHANDLER,
 * set for the run), then SIGKILL, and the test fails with its stderr. */
static inline GilsimRun
gilsim_runv (const char *first, va_list ap, const char *const *tail)
{
  const char *exe = g_getenv ("GILSIM");
  const char *root = g_getenv ("GILSIM_SOURCE_ROOT");
  g_assert_nonnull (exe);
  g_assert_nonnull (root);
  GPtrArray *argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) exe);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  for (const char *const *t = tail; t && *t; t++)
    g_ptr_array_add (argv, (char *) *t);
  g_ptr_array_add (argv, NULL);
  char **env = g_environ_setenv (g_get_environ (), "PYTHONFAULTHANDLER", "1", TRUE);
  const char *limit = g_getenv ("GILSIM_TEST_DEADLINE");
  gint64 seconds = limit && *limit ? g_ascii_strtoll (limit, NULL, 10) : GILSIM_RUN_DEADLINE;
  GilsimRun r = { -1, NULL, NULL, gilsim_command_line ((char **) argv->pdata) };
  GPid pid = 0;
  int fd[2] = { -1, -1 };
  GError *error = NULL;
  gboolean ok = g_spawn_async_with_pipes (root, (char **) argv->pdata, env,
                                          G_SPAWN_DO_NOT_REAP_CHILD, gilsim_run_child_setup,
                                          NULL, &pid, NULL, &fd[0], &fd[1], &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_strfreev (env);
  GString *out = g_string_new (NULL), *err = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  gboolean in_time = gilsim_run_read (fd, out, err, deadline);
  if (!in_time) {
    kill (-pid, SIGABRT);
    gilsim_run_read (fd, out, err, g_get_monotonic_time () + 10 * G_USEC_PER_SEC);
    kill (-pid, SIGKILL);
  }
  for (int i = 0; i < 2; i++)
    if (fd[i] >= 0)
      close (fd[i]);
  int wait_status = 0;
  while (waitpid (pid, &wait_status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pid);
  r.out = g_string_free (out, FALSE);
  r.err = g_string_free (err, FALSE);
  if (!in_time) {
    g_test_message ("stderr (the Python stacks at the kill are in it):\n%s", r.err);
    g_error ("%s: still running (or its children holding its output) after "
             "%" G_GINT64_FORMAT " s: killed; the stacks of its Python processes are above",
             r.cmd, seconds);
  }
  if (WIFEXITED (wait_status))
    r.status = WEXITSTATUS (wait_status);
  g_ptr_array_unref (argv);
  return r;
}

/* Runs $GILSIM with ARGS (NULL-terminated) from the source root. */
static inline GilsimRun
gilsim_run (const char *first, ...)
{
  va_list ap;
  va_start (ap, first);
  GilsimRun r = gilsim_runv (first, ap, NULL);
  va_end (ap);
  return r;
}

/* Asserts that R exited with STATUS, showing its command and stderr when
 * not. */
static inline void
gilsim_expect_exit (const GilsimRun *r, int status)
{
  if (r->status != status)
    g_test_message ("%s: exit %d, wanted %d; stderr: %s", r->cmd ? r->cmd : "gilsim",
                    r->status, status, r->err);
  g_assert_cmpint (r->status, ==, status);
}

/* Asserts that R exited with status 0, showing its command and stderr
 * when not. */
static inline void
gilsim_expect_ok (const GilsimRun *r)
{
  gilsim_expect_exit (r, 0);
}

/* Asserts that R failed on bad input: exit status 2 and one line on
 * stderr that starts with PREFIX ("": any), showing its command and
 * stderr when not. */
static inline void
gilsim_expect_error (const GilsimRun *r, const char *prefix)
{
  const char *nl = strchr (r->err, '\n');
  if (r->status != 2 || !g_str_has_prefix (r->err, prefix) || nl == NULL || nl[1])
    g_test_message ("%s: exit %d; stderr: %s\nwanted exit 2 and one line that starts: %s",
                    r->cmd ? r->cmd : "gilsim", r->status, r->err, prefix);
  g_assert_cmpint (r->status, ==, 2);
  g_assert_true (g_str_has_prefix (r->err, prefix));
  g_assert_nonnull (nl);
  g_assert_cmpstr (nl + 1, ==, "");
}

/* Runs $GILSIM with ARGS (NULL-terminated) twice, asserts that both runs
 * succeeded and wrote the same stdout (same inputs, same bytes), and
 * returns the first. */
static inline GilsimRun
gilsim_run_twice (const char *first, ...)
{
  va_list ap, again;
  va_start (ap, first);
  va_copy (again, ap);
  GilsimRun r = gilsim_runv (first, ap, NULL);
  GilsimRun s = gilsim_runv (first, again, NULL);
  va_end (again);
  va_end (ap);
  gilsim_expect_ok (&r);
  gilsim_expect_ok (&s);
  g_assert_cmpstr (r.out, ==, s.out);
  gilsim_run_clear (&s);
  return r;
}

/* Parses TEXT with PARSER, asserting that it is JSON whose root is an
 * object, and returns that object (PARSER's). */
static inline JsonObject *
gilsim_json_root (JsonParser *parser, const char *text)
{
  GError *error = NULL;
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  JsonNode *root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

/* Parses the file PATH with PARSER, asserting that it is JSON whose root
 * is an object, and returns that object (PARSER's). */
static inline JsonObject *
gilsim_json_file (JsonParser *parser, const char *path)
{
  GError *error = NULL;
  if (!json_parser_load_from_file (parser, path, &error))
    g_test_message ("%s: not JSON", path);
  g_assert_no_error (error);
  JsonNode *root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

/* results[INDEX] of the JSON export whose root is ROOT. */
static inline JsonObject *
gilsim_nth_result (JsonObject *root, guint index)
{
  JsonArray *results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), >, index);
  return json_array_get_object_element (results, index);
}

/* Parses the JSON export TEXT and returns results[INDEX]. */
static inline JsonObject *
gilsim_text_result (JsonParser *parser, const char *text, guint index)
{
  return gilsim_nth_result (gilsim_json_root (parser, text), index);
}

/* Parses the JSON export in R's stdout and returns results[INDEX]. */
static inline JsonObject *
gilsim_result (JsonParser *parser, const GilsimRun *r, guint index)
{
  return gilsim_text_result (parser, r->out, index);
}

/* One simulated point: the run and its first result. */
typedef struct {
  JsonParser *parser;
  JsonObject *res;
  GilsimRun run;
} GilsimPoint;

/* Runs $GILSIM with ARGS (NULL-terminated) and --export-json -, asserts it
 * succeeded and keeps results[0] in P->res. */
static inline void
gilsim_point_run (GilsimPoint *p, const char *first, ...)
{
  static const char *const json[] = { "--export-json", "-", NULL };
  va_list ap;
  va_start (ap, first);
  p->run = gilsim_runv (first, ap, json);
  va_end (ap);
  gilsim_expect_ok (&p->run);
  p->parser = json_parser_new ();
  p->res = gilsim_result (p->parser, &p->run, 0);
}

/* results[INDEX] of P's export (P->res is results[0]). */
static inline JsonObject *
gilsim_point_nth (GilsimPoint *p, guint index)
{
  return gilsim_nth_result (json_node_get_object (json_parser_get_root (p->parser)), index);
}

static inline void
gilsim_point_clear (GilsimPoint *p)
{
  g_object_unref (p->parser);
  gilsim_run_clear (&p->run);
}

/* The number member M of O. */
static inline double
gilsim_dbl (JsonObject *o, const char *m)
{
  return json_object_get_double_member (o, m);
}

/* The worker called NAME in the result RES (a test failure if none). */
static inline JsonObject *gilsim_worker (JsonObject *res, const char *name);

/* The number member MEMBER of worker WORKER of P's result. */
static inline double
gilsim_worker_dbl (GilsimPoint *p, const char *worker, const char *member)
{
  return gilsim_dbl (gilsim_worker (p->res, worker), member);
}

/* The time of the printed line TEXT of P's result (a test failure if
 * none). */
static inline double
gilsim_print_time (GilsimPoint *p, const char *text)
{
  JsonArray *prints = json_object_get_array_member (p->res, "prints");
  for (guint i = 0; i < json_array_get_length (prints); i++) {
    JsonObject *o = json_array_get_object_element (prints, i);
    if (g_strcmp0 (json_object_get_string_member (o, "text"), text) == 0)
      return json_object_get_double_member (o, "time_s");
  }
  g_error ("no line \"%s\" was printed", text);
  return -1;
}

/* The seconds WORKER of P's result was blocked on ON ("queue q"), from
 * its per-object table; a test failure if there is no such row. */
static inline double
gilsim_blocked_on (GilsimPoint *p, const char *worker, const char *on)
{
  JsonArray *ws = json_object_get_array_member (gilsim_worker (p->res, worker), "waits");
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *o = json_array_get_object_element (ws, i);
    if (g_strcmp0 (json_object_get_string_member (o, "on"), on) == 0)
      return json_object_get_double_member (o, "seconds");
  }
  g_error ("%s was never blocked on %s", worker, on);
  return -1;
}

/* The worker called NAME in the result RES (a test failure if none). */
static inline JsonObject *
gilsim_worker (JsonObject *res, const char *name)
{
  JsonArray *ws = json_object_get_array_member (res, "workers");
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *w = json_array_get_object_element (ws, i);
    if (g_strcmp0 (json_object_get_string_member (w, "name"), name) == 0)
      return w;
  }
  g_error ("no worker called %s", name);
  return NULL;
}
