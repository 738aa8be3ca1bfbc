/* test-outputs.c: every file gilsim writes, named as something that is not
 * a writable file: a FIFO that nobody reads (opening it used to block
 * forever), a folder, a loop of symbolic links.  Each is refused with one
 * line and exit status 2, at once; a FIFO that is read gets one whole
 * export; a regular file behind a link is replaced and the link kept. */
#include <errno.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include "run-gilsim.h"
#include "scratch.h"

static char *dir;        /* the test's folder */
static char *fifo, *folder, *loop, *results;

/* Checks R: exit status 2, one line on stderr that starts with PREFIX. */
static void
check_refused (GilsimRun *r, const char *prefix)
{
  gilsim_expect_error (r, prefix);
  gilsim_run_clear (r);
}

/* Runs gilsim with the arguments of ARGV, TARGET put for each "@". */
static GilsimRun
run_with (const char *const *argv, const char *target)
{
  const char *args[16] = { NULL };
  gsize n = 0;
  for (; argv[n] && n < G_N_ELEMENTS (args) - 1; n++)
    args[n] = strcmp (argv[n], "@") == 0 ? target : argv[n];
  return gilsim_run (args[0], args[1], args[2], args[3], args[4], args[5], args[6],
                     args[7], args[8], args[9], args[10], args[11], NULL);
}

typedef struct {
  const char *name;
  const char *argv[12];  /* "@" stands for the target */
  const char *prefix;    /* "@" stands for the target, once */
  gboolean fifo;         /* refused as a FIFO too (else taken as it is) */
} Writer;

static const Writer writers[] = {
  { "run-json", { "run", "scenarios/seed/io_threads.gil", "-q", "--export-json", "@" },
    "--export-json: cannot write @: ", TRUE },
  { "run-csv", { "run", "scenarios/seed/io_threads.gil", "-q", "--export-csv", "@" },
    "--export-csv: cannot write @: ", TRUE },
  { "run-markdown", { "run", "scenarios/seed/io_threads.gil", "-q", "--export-markdown", "@" },
    "--export-markdown: cannot write @: ", TRUE },
  { "run-html", { "run", "scenarios/seed/io_threads.gil", "-q", "--html", "@" },
    "--html @: cannot write the report: ", TRUE },
  { "validate-json", { "validate", "tests/data/laptop-subset.jsonl", "-p",
                       "platforms/laptop-2core.xml", "--export-json", "@" },
    "--export-json: cannot write @: ", TRUE },
  { "merge", { "merge", "@RESULTS", "-o", "@" }, "--export-json: cannot write @: ", TRUE },
  { "calibrate", { "calibrate", "tests/data/laptop-subset.jsonl", "-p",
                   "platforms/laptop-2core.xml", "-o", "@" },
    "-o: cannot write @: ", FALSE },
  { "record", { "record", "-o", "@", "--", "python3", "-c", "pass" },
    "gilsim record: -o @: cannot write the scenario: ", FALSE },
  { "calibrate-records", { "calibrate", "--measure", "--records", "@", "-p",
                           "platforms/laptop-2core.xml", "-o", "/dev/null" },
    "gilsim calibrate: --records @: ", TRUE },
};

static void
test_writer (gconstpointer data)
{
  const Writer *w = data;
  const char *targets[] = { folder, loop, w->fifo ? fifo : NULL };
  for (gsize i = 0; i < G_N_ELEMENTS (targets) && targets[i]; i++) {
    const char *argv[12];
    for (gsize k = 0; k < G_N_ELEMENTS (argv); k++)
      argv[k] = w->argv[k] && strcmp (w->argv[k], "@RESULTS") == 0 ? results : w->argv[k];
    GilsimRun r = run_with (argv, targets[i]);
    g_autoptr (GString) prefix = g_string_new (w->prefix);
    g_string_replace (prefix, "@", targets[i], 1);
    check_refused (&r, prefix->str);
  }
  /* the FIFO is still a FIFO: nothing was renamed over it */
  GStatBuf st;
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

/* A FIFO that a reader holds open gets the export once, at the end, even
 * when a sweep rewrites its exports as points finish. */
static gpointer
read_all (gpointer path)
{
  g_autofree char *text = read_file (path);
  return g_steal_pointer (&text);
}

static void
test_fifo_read (void)
{
  GThread *reader = g_thread_new ("reader", read_all, fifo);
  GilsimRun r = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-q", "-L", "N=1,2,3",
                            "-j", "1", "--export-json", fifo, NULL);
  g_autofree char *text = g_thread_join (reader);
  gilsim_expect_ok (&r);
  JsonParser *p = json_parser_new ();
  JsonObject *root = gilsim_json_root (p, text);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "results")),
                    ==, 3);
  g_object_unref (p);
  gilsim_run_clear (&r);
}

/* A link to a regular file: the file gets the export, the link stays. */
static void
test_link (void)
{
  g_autofree char *file = g_build_filename (dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_assert_true (g_file_set_contents (file, "{}", -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  GilsimRun r = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-q", "--export-json",
                            link, NULL);
  gilsim_expect_ok (&r);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_autofree char *text = read_file (file);
  g_assert_nonnull (strstr (text, "\"results\""));
  gilsim_run_clear (&r);
  g_unlink (link);
  g_unlink (file);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dir = tmpdir_new ();
  fifo = g_build_filename (dir, "fifo", NULL);
  folder = g_build_filename (dir, "folder", NULL);
  loop = g_build_filename (dir, "loop-a", NULL);
  g_autofree char *loop_b = g_build_filename (dir, "loop-b", NULL);
  results = g_build_filename (dir, "results.json", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink ("loop-b", loop), ==, 0);
  g_assert_cmpint (symlink ("loop-a", loop_b), ==, 0);
  GilsimRun r = gilsim_run ("run", "scenarios/seed/io_threads.gil", "-q", "--export-json",
                            results, NULL);
  gilsim_expect_ok (&r);
  gilsim_run_clear (&r);
  for (gsize i = 0; i < G_N_ELEMENTS (writers); i++) {
    g_autofree char *name = g_strdup_printf ("/outputs/refused/%s", writers[i].name);
    g_test_add_data_func (name, &writers[i], test_writer);
  }
  g_test_add_func ("/outputs/fifo-read", test_fifo_read);
  g_test_add_func ("/outputs/link", test_link);
  int status = g_test_run ();
  tmpdir_remove (dir);
  g_free (fifo);
  g_free (folder);
  g_free (loop);
  g_free (results);
  g_free (dir);
  return status;
}
