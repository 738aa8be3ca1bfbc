/* test-errors.c: malformed inputs get one "FILE:LINE:COL: message" line.
 *
 * Runs the gilsim program ($GILSIM) from the source root
 * ($GILSIM_SOURCE_ROOT) on every case of tests/errors/MANIFEST and checks
 * that it exits with status 2, prints nothing on stdout and exactly one line
 * of less than 400 characters on stderr, starting with the expected
 * "FILE:LINE:COL:".  A case that runs longer than 20 seconds is killed (with
 * the simulation processes it started) and fails.
 *
 * MANIFEST: one case a line, FILE<TAB>EXPECTED_PREFIX<TAB>EXTRA_ARGS; blank
 * lines and lines starting with '#' are skipped.  EXPECTED_PREFIX
 * "KNOWN-BUG" marks a case that is skipped; the comment just above it says
 * why.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "scratch.h"

#define TIMEOUT_S 20
#define MIN_CASES 30
#define MAX_STDERR_CHARS 400
#define EXIT_BAD_INPUT 2
#define MANIFEST "tests/errors/MANIFEST"

typedef struct {
  char *file;       /* the scenario argument of 'gilsim run' */
  char *prefix;     /* expected start of stderr, or NULL for a known bug */
  char **extra;     /* more arguments */
  char *reason;     /* the comment above a known bug */
  guint line;       /* in MANIFEST */
} Case;

static const char *gilsim;      /* absolute path of the program, or NULL */
static char *root;              /* the source root: tests run there */
static char *manifest_error;    /* why MANIFEST could not be read, or NULL */
static GPtrArray *cases;        /* Case* */

static void
case_free (gpointer data)
{
  Case *c = data;
  g_free (c->file);
  g_free (c->prefix);
  g_strfreev (c->extra);
  g_free (c->reason);
  g_free (c);
}

/* ---------------------------------------------------------------------- */
/* Running gilsim with a time limit                                        */

typedef struct {
  GMainLoop *loop;
  GSubprocess *proc;
  pid_t pid;
  gboolean done;
  gboolean timed_out;
  GCancellable *cancel;
  GBytes *out, *err;
  GError *error;
} Run;

static void
child_setup (gpointer data G_GNUC_UNUSED)
{
  /* a process group of its own, so that a hang kills the simulation
   * processes gilsim forks too */
  setpgid (0, 0);
}

static void
on_communicated (GObject *source, GAsyncResult *res, gpointer data)
{
  Run *r = data;
  g_subprocess_communicate_finish (G_SUBPROCESS (source), res, &r->out,
                                   &r->err, &r->error);
  r->done = TRUE;
  g_main_loop_quit (r->loop);
}

static gboolean
on_timeout (gpointer data)
{
  Run *r = data;
  r->timed_out = TRUE;
  if (r->pid > 0)
    kill (-r->pid, SIGKILL);
  g_subprocess_force_exit (r->proc);
  /* on_communicated() then ends the loop */
  g_cancellable_cancel (r->cancel);
  return G_SOURCE_REMOVE;
}

/* Runs gilsim with ARGV (after the program name) in the source root.
 * Returns FALSE, with the test failed, if it could not be started or ran
 * past the time limit. */
static gboolean
run_gilsim (const char *const *args, Run *r)
{
  memset (r, 0, sizeof *r);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) gilsim);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_autofree char *cmd = g_strjoinv (" ", (char **) argv->pdata);
  g_test_message ("running: %s", cmd);

  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE |
      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, root);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  GError *error = NULL;
  r->proc = g_subprocess_launcher_spawnv (launcher,
                                          (const char *const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  if (r->proc == NULL)
    return FALSE;
  const char *ident = g_subprocess_get_identifier (r->proc);
  r->pid = ident ? (pid_t) g_ascii_strtoll (ident, NULL, 10) : 0;

  g_autoptr (GMainContext) ctx = g_main_context_new ();
  g_main_context_push_thread_default (ctx);
  r->loop = g_main_loop_new (ctx, FALSE);
  r->cancel = g_cancellable_new ();
  g_subprocess_communicate_async (r->proc, NULL, r->cancel, on_communicated, r);
  GSource *timer = g_timeout_source_new_seconds (TIMEOUT_S);
  g_source_set_callback (timer, on_timeout, r, NULL);
  g_source_attach (timer, ctx);
  g_main_loop_run (r->loop);
  g_source_destroy (timer);
  g_source_unref (timer);
  g_main_loop_unref (r->loop);
  r->loop = NULL;
  g_main_context_pop_thread_default (ctx);

  g_clear_object (&r->cancel);
  if (r->timed_out) {
    g_test_message ("gilsim ran for more than %d s and was killed: a hang",
                    TIMEOUT_S);
    g_assert_false (r->timed_out);
    return FALSE;
  }
  g_assert_no_error (r->error);
  return r->error == NULL;
}

static void
run_clear (Run *r)
{
  g_clear_object (&r->proc);
  g_clear_pointer (&r->out, g_bytes_unref);
  g_clear_pointer (&r->err, g_bytes_unref);
  g_clear_error (&r->error);
}

/* Checks what a run of gilsim on bad input must give: exit status 2, no
 * output, one line of less than MAX_STDERR_CHARS characters on stderr,
 * starting with PREFIX. */
static void
check_bad_input (const char *const *args, const char *prefix)
{
  Run r;
  if (!run_gilsim (args, &r)) {
    run_clear (&r);
    return;
  }
  gsize out_len = 0, err_len = 0;
  const char *out = r.out ? g_bytes_get_data (r.out, &out_len) : NULL;
  const char *err = r.err ? g_bytes_get_data (r.err, &err_len) : NULL;
  g_autofree char *err_text = g_strndup (err ? err : "", err_len);
  g_autofree char *out_text = g_strndup (out ? out : "", out_len);
  g_auto (GStrv) err_lines = g_strsplit (err_text, "\n", -1);
  for (guint i = 0; err_lines[i]; i++)
    if (err_lines[i][0] || err_lines[i + 1])
      g_test_message ("stderr: %s", err_lines[i]);

  /* exit status 2, not a crash */
  g_assert_true (g_subprocess_get_if_exited (r.proc));
  if (g_subprocess_get_if_exited (r.proc))
    g_assert_cmpint (g_subprocess_get_exit_status (r.proc), ==, EXIT_BAD_INPUT);
  else if (g_subprocess_get_if_signaled (r.proc))
    g_assert_cmpint (g_subprocess_get_term_sig (r.proc), ==, 0);

  /* nothing on stdout */
  g_assert_cmpstr (out_text, ==, "");
  g_assert_cmpuint (out_len, ==, 0);

  /* exactly one line of text on stderr */
  g_assert_cmpuint (err_len, >, 0);
  if (err_len == 0) {
    run_clear (&r);
    return;
  }
  g_assert_null (memchr (err, '\0', err_len));
  g_assert_cmpint (err[err_len - 1], ==, '\n');
  guint newlines = 0;
  for (gsize i = 0; i < err_len; i++)
    if (err[i] == '\n')
      newlines++;
  g_assert_cmpuint (newlines, ==, 1);
  glong chars = g_utf8_validate (err, (gssize) err_len, NULL)
                    ? g_utf8_strlen (err, (gssize) err_len)
                    : (glong) err_len;
  g_assert_cmpint (chars, <, MAX_STDERR_CHARS);

  /* FILE:LINE:COL: */
  g_autofree char *head = g_strndup (err_text, strlen (prefix));
  g_assert_cmpstr (head, ==, prefix);
  run_clear (&r);
}

/* ---------------------------------------------------------------------- */
/* The tests                                                               */

/* The arguments of 'gilsim run' for the case C (NULL-terminated; the
 * strings are C's). */
static GPtrArray *
case_args (const Case *c)
{
  GPtrArray *args = g_ptr_array_new ();
  g_ptr_array_add (args, (char *) "run");
  g_ptr_array_add (args, c->file);
  for (guint i = 0; c->extra && c->extra[i]; i++)
    g_ptr_array_add (args, c->extra[i]);
  g_ptr_array_add (args, NULL);
  return args;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  if (c->prefix == NULL) {
    g_autofree char *msg = g_strdup_printf ("%s (MANIFEST line %u)",
                                            c->reason ? c->reason : "known bug",
                                            c->line);
    g_test_skip (msg);
    return;
  }
  if (gilsim == NULL) {
    g_test_skip ("GILSIM is not set to the gilsim program");
    return;
  }
  g_autoptr (GPtrArray) args = case_args (c);
  check_bad_input ((const char *const *) args->pdata, c->prefix);
}

/* The one line gilsim writes on stderr for the case C, without the folder
 * of DOC_PATH (the file of C a documented message starts with): a new
 * string, or NULL where it could not run. */
static char *
case_message (const Case *c, const char *doc_path)
{
  g_autoptr (GPtrArray) args = case_args (c);
  Run r;
  if (!run_gilsim ((const char *const *) args->pdata, &r)) {
    run_clear (&r);
    return NULL;
  }
  gsize len = 0;
  const char *err = r.err ? g_bytes_get_data (r.err, &len) : NULL;
  g_autofree char *text = g_strchomp (g_strndup (err ? err : "", len));
  run_clear (&r);
  g_autofree char *dir = g_path_get_dirname (doc_path);
  g_autofree char *lead = g_strconcat (dir, "/", NULL);
  return g_strdup (g_str_has_prefix (text, lead) ? text + strlen (lead) : text);
}

/* The file of C (its scenario or an extra argument) whose name is the
 * start of LINE followed by ':' and a digit, or NULL. */
static const char *
documented_file (const Case *c, const char *line)
{
  for (gint i = -1; i < 0 || (c->extra && c->extra[i]); i++) {
    const char *f = i < 0 ? c->file : c->extra[i];
    const char *slash = strrchr (f, '/');
    const char *base = slash ? slash + 1 : f;
    gsize n = strlen (base);
    if (strncmp (line, base, n) == 0 && line[n] == ':' && g_ascii_isdigit (line[n + 1]))
      return f;
  }
  return NULL;
}

/* docs/language.md shows real messages of the corpus ("NAME:LINE:COL:
 * ...", NAME a file of a case): each is what gilsim prints for its case. */
static void
test_documented (void)
{
  if (gilsim == NULL || manifest_error) {
    g_test_skip ("GILSIM is not set, or no MANIFEST");
    return;
  }
  g_autofree char *path = g_build_filename (root, "docs", "language.md", NULL);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean fenced = FALSE;
  guint checked = 0;
  for (guint k = 0; lines[k]; k++) {
    if (g_str_has_prefix (lines[k], "```")) {
      fenced = !fenced;
      continue;
    }
    if (!fenced)
      continue;
    g_autofree char *got = NULL;
    for (guint i = 0; i < cases->len; i++) {
      const Case *c = cases->pdata[i];
      const char *f = c->prefix ? documented_file (c, lines[k]) : NULL;
      if (f == NULL)
        continue;
      g_free (got);
      got = case_message (c, f);
      if (g_strcmp0 (got, lines[k]) == 0)
        break;
    }
    if (got == NULL)
      continue;
    checked++;
    if (strcmp (got, lines[k]) != 0)
      g_test_message ("docs/language.md:%u shows\n%s\nbut gilsim prints\n%s", k + 1,
                      lines[k], got);
    g_assert_cmpstr (got, ==, lines[k]);
  }
  g_assert_cmpuint (checked, >=, 50);
}

static void
test_manifest (void)
{
  if (manifest_error)
    g_test_message ("%s", manifest_error);
  g_assert_null (manifest_error);
  guint n = cases ? cases->len : 0;
  g_assert_cmpuint (n, >=, MIN_CASES);
  /* every file a case names exists, unless the case is about a missing
   * file */
  for (guint i = 0; cases && i < cases->len; i++) {
    const Case *c = cases->pdata[i];
    if (strstr (c->file, "does-not-exist") == NULL) {
      g_autofree char *path = g_build_filename (root, c->file, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_test_message ("MANIFEST line %u: no file %s", c->line, c->file);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  }
}

/* Writes DIR/scenario.gil, a good scenario on the shipped 16-core
 * platform, and returns its path. */
static char *
good_scenario (const char *dir)
{
  char *sc = g_build_filename (dir, "scenario.gil", NULL);
  g_autofree char *good = g_build_filename (root, "platforms", "xeon-16core.xml", NULL);
  g_autofree char *text = g_strdup_printf ("platform \"%s\"\n\nsleep 1ms\n", good);
  GError *error = NULL;
  g_file_set_contents (sc, text, -1, &error);
  g_assert_no_error (error);
  return sc;
}

/* A scenario, then a platform, that exist but cannot be read.  Root reads
 * any file: the test is skipped then. */
static void
test_unreadable (gconstpointer data)
{
  gboolean platform = GPOINTER_TO_INT (data);
  if (gilsim == NULL) {
    g_test_skip ("GILSIM is not set to the gilsim program");
    return;
  }
  GError *error = NULL;
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *sc = good_scenario (dir);
  g_autofree char *pl = g_build_filename (dir, "platform.xml", NULL);
  g_file_set_contents (pl, "<?xml version='1.0'?>\n", -1, &error);
  g_assert_no_error (error);
  const char *target = platform ? pl : sc;
  g_chmod (target, 0);
  if (g_access (target, R_OK) == 0) {
    g_test_skip ("this user can read a file of mode 000 (root?)");
  } else {
    const char *args[] = { "run", sc, platform ? "--platform" : NULL, pl, NULL };
    g_autofree char *prefix = g_strdup_printf ("%s:1:1:", target);
    check_bad_input (args, prefix);
  }
  g_chmod (target, 0600);
  tmpdir_remove (dir);
}

/* A scenario, then a platform, that are not regular files: a FIFO with no
 * writer (opening it for reading would wait forever) and a device that
 * never ends (/dev/zero would fill memory).  Each is refused at once. */
static void
test_special (gconstpointer data)
{
  gboolean platform = GPOINTER_TO_INT (data);
  if (gilsim == NULL) {
    g_test_skip ("GILSIM is not set to the gilsim program");
    return;
  }
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_autofree char *sc = good_scenario (dir);
  const char *specials[] = { fifo, "/dev/zero" };
  for (gsize i = 0; i < G_N_ELEMENTS (specials); i++) {
    const char *args[] = { "run", platform ? sc : specials[i],
                           platform ? "--platform" : NULL, specials[i], NULL };
    g_autofree char *prefix = g_strdup_printf ("%s:1:1:", specials[i]);
    check_bad_input (args, prefix);
  }
  tmpdir_remove (dir);
}

/* ---------------------------------------------------------------------- */
/* The manifest                                                            */

static char *
case_name (const Case *c)
{
  g_autofree char *base = g_path_get_basename (c->file);
  GString *s = g_string_new ("/errors/");
  g_string_append (s, base);
  for (guint i = 0; c->extra && c->extra[i]; i++) {
    g_autofree char *b = g_path_get_basename (c->extra[i]);
    g_string_append_printf (s, "+%s", b);
  }
  return g_string_free (s, FALSE);
}

static void
read_manifest (void)
{
  cases = g_ptr_array_new_with_free_func (case_free);
  g_autofree char *path = g_build_filename (root, MANIFEST, NULL);
  g_autofree char *text = NULL;
  GError *error = NULL;
  if (!g_file_get_contents (path, &text, NULL, &error)) {
    manifest_error = g_strdup_printf ("cannot read %s: %s", path,
                                      error->message);
    g_error_free (error);
    return;
  }
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *comment = NULL;
  for (guint i = 0; lines[i]; i++) {
    char *line = lines[i];
    gsize len = strlen (line);
    if (len && line[len - 1] == '\r')
      line[len - 1] = '\0';
    if (line[0] == '#') {
      g_free (comment);
      comment = g_strdup (g_strstrip (line + 1));
      continue;
    }
    const char *p = line;
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p == '\0') {
      g_clear_pointer (&comment, g_free);
      continue;
    }
    g_auto (GStrv) f = g_strsplit (line, "\t", 3);
    if (!f[0] || !f[1] || !*f[0] || !*f[1]) {
      manifest_error = g_strdup_printf ("%s:%u: write FILE<TAB>PREFIX"
                                        "[<TAB>EXTRA_ARGS]", path, i + 1);
      return;
    }
    Case *c = g_new0 (Case, 1);
    c->file = g_strdup (f[0]);
    c->line = i + 1;
    if (strcmp (f[1], "KNOWN-BUG") == 0)
      c->reason = g_strdup (comment);
    else
      c->prefix = g_strdup (f[1]);
    if (f[2] && *g_strstrip (f[2])) {
      if (!g_shell_parse_argv (f[2], NULL, &c->extra, &error)) {
        manifest_error = g_strdup_printf ("%s:%u: EXTRA_ARGS: %s", path, i + 1,
                                          error->message);
        g_error_free (error);
        case_free (c);
        return;
      }
    }
    g_ptr_array_add (cases, c);
    g_clear_pointer (&comment, g_free);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  const char *src = g_getenv ("GILSIM_SOURCE_ROOT");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *cwd = g_get_current_dir ();
  if (src && *src)
    root = g_canonicalize_filename (src, cwd);
  else if (srcdir && *srcdir)
    root = g_canonicalize_filename ("..", srcdir);
  else
    root = g_strdup (cwd);
  if (chdir (root) != 0)
    manifest_error = g_strdup_printf ("cannot enter %s: %s", root,
                                      g_strerror (errno));

  g_autofree char *prog = NULL;
  const char *env = g_getenv ("GILSIM");
  if (env && *env) {
    prog = g_canonicalize_filename (env, cwd);
    gilsim = prog;
  }

  read_manifest ();
  g_test_add_func ("/errors/manifest", test_manifest);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, NULL);
  for (guint i = 0; i < cases->len; i++) {
    Case *c = cases->pdata[i];
    char *name = case_name (c);
    if (g_hash_table_contains (names, name)) {
      char *again = g_strdup_printf ("%s#%u", name, c->line);
      g_free (name);
      name = again;
    }
    g_hash_table_add (names, name);
    g_test_add_data_func (name, c, test_case);
  }
  g_test_add_func ("/errors/documented", test_documented);
  g_test_add_data_func ("/errors/unreadable-scenario", GINT_TO_POINTER (FALSE),
                        test_unreadable);
  g_test_add_data_func ("/errors/unreadable-platform", GINT_TO_POINTER (TRUE),
                        test_unreadable);
  g_test_add_data_func ("/errors/special-scenario", GINT_TO_POINTER (FALSE),
                        test_special);
  g_test_add_data_func ("/errors/special-platform", GINT_TO_POINTER (TRUE),
                        test_special);

  int status = g_test_run ();
  g_ptr_array_unref (cases);
  g_free (manifest_error);
  g_free (root);
  return status;
}
