/* measure.c: runs the shipped measurement harness on this machine. */
#include "validate/measure.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "units.h"
#include "util/savefile.h"
#include "util/shipped.h"
#include "util/text.h"

#define STARTUP_RUNS 5
#define HARNESS "sim/validate/harness/measure.py"

static void
set_error (GError **error, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
set_error (GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_autofree char *line = gs_text_one_line (msg);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, line);
}

/* The path of the interpreter NAME: as given when it holds a '/', else
 * found on PATH.  NULL when there is no such executable. */
static char *
find_python (const char *name)
{
  if (strchr (name, '/') != NULL)
    return g_file_test (name, G_FILE_TEST_IS_EXECUTABLE) &&
           !g_file_test (name, G_FILE_TEST_IS_DIR) ? g_strdup (name) : NULL;
  return g_find_program_in_path (name);
}

/* Runs PYTHON with ARGS (after the interpreter) to the end, output to
 * *OUT (may be NULL: then discarded); its wall time in *SECONDS.  FALSE
 * when it could not start or did not exit with 0. */
static gboolean
run_python (const char *python, const char *const *args, char **out, double *seconds)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) python);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  int status = 0;
  gint64 t0 = g_get_monotonic_time ();
  GSpawnFlags flags = G_SPAWN_STDIN_FROM_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL;
  if (out == NULL)
    flags |= G_SPAWN_STDOUT_TO_DEV_NULL;
  gboolean ok = g_spawn_sync (NULL, (char **) argv->pdata, NULL, flags, NULL, NULL,
                              out, NULL, &status, NULL);
  *seconds = (g_get_monotonic_time () - t0) / 1e6;
  return ok && g_spawn_check_wait_status (status, NULL);
}

/* Checks that PYTHON is a Python 3.8+; its version into *VERSION and the
 * interpreter's own path into *REAL (not a wrapper such as pyenv's shims,
 * whose own start-up would be timed as Python's). */
static gboolean
check_python (const char *option, const char *python, const char *given, char **version,
              char **real, GError **error)
{
  static const char *const args[] = {
    "-c", "import sys\n"
          "print('%d.%d.%d' % sys.version_info[:3])\n"
          "print(sys.executable)\n"
          "sys.exit(0 if sys.version_info >= (3, 8) else 3)\n", NULL };
  g_autofree char *out = NULL;
  double seconds;
  gboolean ok = run_python (python, args, &out, &seconds);
  g_strstrip (out ? out : (out = g_strdup ("")));
  if (!ok) {
    char *nl = strchr (out, '\n');
    if (nl != NULL)
      *nl = '\0';
    set_error (error, "%s %s: not a Python 3.8 or later%s%s%s; give %s "
               "PATH of a CPython 3.8 to 3.13", option, given, out[0] ? " (it says " : "",
               out, out[0] ? ")" : "", option);
    return FALSE;
  }
  char *nl = strchr (out, '\n');
  if (nl == NULL || nl[1] == '\0') {
    set_error (error, "%s %s: it does not say where its interpreter is "
               "(sys.executable is empty); give %s PATH of the interpreter", option, given,
               option);
    return FALSE;
  }
  *real = g_strdup (nl + 1);
  *nl = '\0';
  *version = g_steal_pointer (&out);
  return TRUE;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The interpreter's start-up, timed as run_seed.py does (`python -c
 * pass`), as one JSON line. */
static char *
time_startup (const char *python, const char *version)
{
  static const char *const args[] = { "-c", "pass", NULL };
  double runs[STARTUP_RUNS];
  for (int i = 0; i < STARTUP_RUNS; i++)
    run_python (python, args, NULL, &runs[i]);
  GString *line = g_string_new ("{\"case\": \"interpreter_start\", \"runs\": [");
  for (int i = 0; i < STARTUP_RUNS; i++)
    g_string_append_printf (line, "%s%.6f", i ? ", " : "", runs[i]);
  qsort (runs, STARTUP_RUNS, sizeof runs[0], cmp_double);
  g_string_append_printf (line, "], \"median_s\": %.6f, \"min_s\": %.6f, \"max_s\": %.6f, "
                          "\"python_version\": \"%s\", \"measured_by\": \"gilsim "
                          "calibrate --measure\"}\n",
                          runs[STARTUP_RUNS / 2], runs[0], runs[STARTUP_RUNS - 1], version);
  return g_string_free (line, FALSE);
}

/* What the harness printed, line by line: passed to stderr when no bar is
 * drawn; the last non-blank line kept for an error message. */
typedef struct {
  GString *partial;
  char *last;
  gboolean echo;
} Lines;

static void
lines_take (Lines *l, const char *buf, gssize n)
{
  g_string_append_len (l->partial, buf, n);
  char *nl;
  while ((nl = memchr (l->partial->str, '\n', l->partial->len)) != NULL) {
    gsize len = nl - l->partial->str;
    g_autofree char *line = g_strndup (l->partial->str, len);
    g_string_erase (l->partial, 0, len + 1);
    if (l->echo)
      fprintf (stderr, "%s\n", line);
    if (g_strstrip (line)[0] != '\0') {
      g_free (l->last);
      l->last = g_steal_pointer (&line);
    }
  }
}

/* Runs the harness to its end, drawing the bar; FALSE with ERROR set when
 * it fails or runs past its hard limit. */
static gboolean
run_harness (const GsMeasureOptions *o, const char *python, const char *harness,
             GError **error)
{
  g_autofree char *budget = g_strdup_printf ("%.0f", o->budget_s);
  const char *argv[] = { python, harness, o->records, "--budget-seconds", budget,
                         o->quick ? "--quick" : NULL, NULL };
  g_autoptr (GError) err = NULL;
  g_autoptr (GSubprocess) proc = g_subprocess_newv (
      argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE |
      G_SUBPROCESS_FLAGS_STDIN_INHERIT, &err);
  if (proc == NULL) {
    set_error (error, "--python %s: cannot run it: %s", o->python, err->message);
    return FALSE;
  }
  GPollableInputStream *out = G_POLLABLE_INPUT_STREAM (g_subprocess_get_stdout_pipe (proc));
  Lines lines = { g_string_new (NULL), NULL, o->style == GS_PROGRESS_NONE };
  guint total = (guint) MAX (1.0, ceil (o->budget_s));
  g_autoptr (GsProgress) bar = gs_progress_new (stderr, o->style, total, 0);
  gs_progress_set_words (bar, "Measuring", "s of the budget");
  double limit = o->budget_s * 1.25 + 120.0;
  gint64 t0 = g_get_monotonic_time ();
  gboolean stopped = FALSE;
  char buf[4096];
  for (;;) {
    gssize n = g_pollable_input_stream_read_nonblocking (out, buf, sizeof buf, NULL, NULL);
    double elapsed = (g_get_monotonic_time () - t0) / 1e6;
    if (n > 0)
      lines_take (&lines, buf, n);
    else if (n == 0)
      break;
    else
      g_usleep (50000);
    gs_progress_update (bar, (guint) MIN (elapsed, total - 1.0));
    if (elapsed > limit) {
      g_subprocess_force_exit (proc);
      stopped = TRUE;
      break;
    }
  }
  g_subprocess_wait (proc, NULL, NULL);
  g_clear_pointer (&bar, gs_progress_free);
  gboolean ok = FALSE;
  g_autofree char *budget_text = gs_format_duration (o->budget_s);
  if (stopped)
    set_error (error, "the measurement ran far past its budget of %s and was stopped; "
               "give a larger --budget, or run it on a quieter machine", budget_text);
  else if (g_subprocess_get_if_signaled (proc))
    set_error (error, "the measurement harness was killed by signal %d%s%s",
               g_subprocess_get_term_sig (proc), lines.last ? ": " : "",
               lines.last ? lines.last : "");
  else if (g_subprocess_get_exit_status (proc) != 0)
    set_error (error, "the measurement harness failed (exit status %d)%s%s",
               g_subprocess_get_exit_status (proc), lines.last ? ": " : "",
               lines.last ? lines.last : "");
  else
    ok = TRUE;
  if (ok && o->style != GS_PROGRESS_NONE && lines.last)
    fprintf (stderr, "%s\n", lines.last);
  g_string_free (lines.partial, TRUE);
  g_free (lines.last);
  return ok;
}

/* The interpreter GIVEN (OPTION's value) as its own path, its version in
 * *VERSION ("3.12.1"); NULL with ERROR set when it is missing or not a
 * Python 3.8+. */
static char *
resolve_python (const char *option, const char *given, char **version, GError **error)
{
  g_autofree char *python = find_python (given);
  if (python == NULL) {
    set_error (error, "%s %s: no such program%s; give %s PATH of a CPython 3.8 to 3.13",
               option, given, strchr (given, '/') ? "" : " on PATH", option);
    return NULL;
  }
  char *real = NULL;
  if (!check_python (option, python, given, version, &real, error))
    return NULL;
  return real;
}

/* "3.12" of "3.12.1": the part that names a runtime. */
static char *
major_minor (const char *version)
{
  const char *dot = strchr (version, '.');
  const char *end = dot ? strchr (dot + 1, '.') : NULL;
  return end ? g_strndup (version, end - version) : g_strdup (version);
}

/* O->also's interpreters, checked: each a Python 3.8+ of another version
 * than VERSION's and of one another; their paths into PATHS and their
 * versions into VERSIONS.  FALSE with ERROR set otherwise. */
static gboolean
check_others (const GsMeasureOptions *o, const char *version, GPtrArray *paths,
              GPtrArray *versions, GError **error)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (seen, major_minor (version));
  for (guint i = 0; o->also != NULL && o->also[i] != NULL; i++) {
    char *v = NULL;
    char *py = resolve_python ("--also-python", o->also[i], &v, error);
    if (py == NULL)
      return FALSE;
    g_ptr_array_add (paths, py);
    g_ptr_array_add (versions, v);
    char *mm = major_minor (v);
    for (guint k = 0; k < seen->len; k++) {
      if (strcmp (seen->pdata[k], mm) == 0) {
        set_error (error, "--also-python %s: Python %s, a version measured already%s; "
                   "give interpreters of other versions", o->also[i], v,
                   k == 0 ? " (--python's)" : "");
        g_free (mm);
        return FALSE;
      }
    }
    g_ptr_array_add (seen, mm);
  }
  return TRUE;
}

gboolean
gs_measure_run (const GsMeasureOptions *o, GError **error)
{
  g_autofree char *version = NULL;
  g_autofree char *python = resolve_python ("--python", o->python, &version, error);
  if (python == NULL)
    return FALSE;
  g_autofree char *harness = gs_shipped_path ("GILSIM_DATA_DIR", HARNESS, error);
  if (harness == NULL)
    return FALSE;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func (g_free);
  if (!check_others (o, version, paths, versions, error))
    return FALSE;
  g_autofree char *budget = gs_format_duration (o->budget_s);
  fprintf (stderr, "measuring this machine with Python %s (%s) for at most %s; "
           "keep it otherwise idle\n", version, python, budget);
  g_autoptr (GString) startup = g_string_new (NULL);
  g_autofree char *own = time_startup (python, version);
  g_string_append (startup, own);
  for (guint i = 0; i < paths->len; i++) {
    fprintf (stderr, "timing the start-up of Python %s (%s)\n",
             (char *) versions->pdata[i], (char *) paths->pdata[i]);
    g_autofree char *line = time_startup (paths->pdata[i], versions->pdata[i]);
    g_string_append (startup, line);
  }
  if (!run_harness (o, python, harness, error))
    return FALSE;
  GError *local = NULL;
  FILE *f = gs_savefile_open (o->records, "a", &local);
  gboolean ok = f != NULL && fputs (startup->str, f) >= 0;
  int e = errno;
  if (f != NULL && fclose (f) != 0 && ok) {
    ok = FALSE;
    e = errno;
  }
  if (!ok) {
    set_error (error, "%s: cannot write the records: %s", o->records,
               local ? local->message : g_strerror (e));
    g_clear_error (&local);
    return FALSE;
  }
  return TRUE;
}
