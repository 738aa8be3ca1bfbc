/* test-util.c: reading the user's files (sim/util/userfile.c: regular files
 * only, never more than the limit, never blocking) and their JSON
 * (sim/util/jsontext.c: bounded depth, one-line messages), and the readers
 * of results that use them. */
#include <glib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "results/report.h"
#include "results/resultset.h"
#include "results/resultset_load.h"
#include "util/jsontext.h"
#include "util/text.h"
#include "util/userfile.h"
#include "validate/record.h"
#include "scratch.h"

static char *dir;

static char *
path_in (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
test_regular (void)
{
  g_autofree char *p = path_in ("ok.txt");
  g_assert_true (g_file_set_contents (p, "abc\0def", 7, NULL));
  g_autofree char *text = NULL;
  gsize len = 0;
  GError *error = NULL;
  g_assert_true (gs_userfile_read (p, 7, &text, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 7);
  g_assert_cmpmem (text, 8, "abc\0def", 8);   /* NUL-terminated */
  g_autofree char *empty = path_in ("empty.txt");
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_autofree char *t2 = NULL;
  g_assert_true (gs_userfile_read (empty, 10, &t2, NULL, &error));
  g_assert_cmpstr (t2, ==, "");
}

static void
test_too_big (void)
{
  g_autofree char *p = path_in ("big.txt");
  g_assert_true (g_file_set_contents (p, "12345678", 8, NULL));
  g_autofree char *text = NULL;
  GError *error = NULL;
  g_assert_false (gs_userfile_read (p, 7, &text, NULL, &error));
  g_assert_error (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_TOO_BIG);
  g_assert_null (text);
  g_clear_error (&error);
}

static void
test_folder_missing (void)
{
  g_autofree char *text = NULL;
  GError *error = NULL;
  g_assert_false (gs_userfile_read (dir, 100, &text, NULL, &error));
  g_assert_error (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_FOLDER);
  g_clear_error (&error);
  g_autofree char *p = path_in ("missing.txt");
  g_assert_false (gs_userfile_read (p, 100, &text, NULL, &error));
  g_assert_error (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_IO);
  g_assert_cmpstr (error->message, ==, g_strerror (ENOENT));
  g_clear_error (&error);
}

/* A FIFO with no writer would block a plain open() forever, and /dev/zero
 * would fill memory: both are refused at once. */
static void
test_special (void)
{
  g_autofree char *fifo = path_in ("fifo");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_autofree char *text = NULL;
  GError *error = NULL;
  g_assert_false (gs_userfile_read (fifo, 100, &text, NULL, &error));
  g_assert_error (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_SPECIAL);
  g_clear_error (&error);
  g_assert_false (gs_userfile_read ("/dev/zero", 100, &text, NULL, &error));
  g_assert_error (error, GS_USERFILE_ERROR, GS_USERFILE_ERROR_SPECIAL);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);
}

/* Nested 100,000 deep, json-glib would overflow its stack: refused before
 * it parses, naming the line. */
static void
test_json_depth (void)
{
  GString *deep = g_string_new ("{\"results\": [\n");
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "]}");
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  g_assert_false (gs_jsontext_parse (parser, deep->str, -1, &error));
  g_assert_cmpstr (error->message, ==, "2:1: arrays and objects nest more "
                   "than 64 deep; gilsim writes and reads far shallower JSON");
  g_clear_error (&error);
  /* brackets inside strings do not count; 64 deep is fine */
  g_autoptr (GString) ok = g_string_new ("{\"a\": \"[[[[[[[[[[\\\"[[[[\"}");
  g_assert_true (gs_jsontext_parse (parser, ok->str, -1, &error));
  g_autoptr (GString) d64 = g_string_new (NULL);
  for (int i = 0; i < 64; i++)
    g_string_append_c (d64, '[');
  for (int i = 0; i < 64; i++)
    g_string_append_c (d64, ']');
  g_assert_true (gs_jsontext_parse (parser, d64->str, -1, &error));
  g_assert_no_error (error);

  /* the results reader refuses it as one line naming the file */
  g_autofree char *p = path_in ("deep.json");
  g_assert_true (g_file_set_contents (p, deep->str, -1, NULL));
  g_string_free (deep, TRUE);
  g_assert_null (gs_resultset_load (p, &error));
  g_autofree char *want = g_strdup_printf ("%s:2:1: arrays and objects nest "
      "more than 64 deep; gilsim writes and reads far shallower JSON; give a file "
      "written by gilsim run --export-json", p);
  g_assert_cmpstr (error->message, ==, want);
  g_clear_error (&error);
}

/* A member twice in one object, or a value after the whole value, is
 * refused before json-glib sees it (it keeps the last and, in json-glib
 * 1.6, loses memory): names as decoded, in any object, with the line and
 * column; the same name in two objects or in a string value is fine.
 * Anything JSON does not have outside a string (a comment, a single
 * quote) is refused too: json-glib takes those, and then sees other
 * strings than the checks (fuzz-results and fuzz-record found it losing
 * memory there). */
static void
test_json_duplicate (void)
{
  GError *error = NULL;
  static const char *const ok[] = {
    "{\"a\": 1, \"b\": {\"a\": 2}, \"c\": [{\"a\": 1}, {\"a\": 2}]}",
    "{\"a\": \"\\\"a\", \"b\": [\"a\", \"a\"]}",
    "{\"a\": \"/* \\\"a\\\": 2 */\", \"b\": 2}",
    "{\"a\": 1, \"A\": 2, \"\\u00e9\": 3, \"\\u00c9\": 4}",
    " [1, {}, -2.5e+3, true, false, null]\r\n\t",
    "[\"\\ud800\\udfff\", \"\\\\ud800\"]",
  };
  for (guint i = 0; i < G_N_ELEMENTS (ok); i++) {
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_assert_true (gs_jsontext_parse (parser, ok[i], -1, &error));
    g_assert_no_error (error);
  }
  static const char *const bad[][2] = {
    { "{\"a\": 1, \"a\": 2}", "1:10: member \"a\" appears twice" },
    { "{\"x\": {\"b\": 1,\n  \"\\u0062\": 2}}", "2:3: member \"b\" appears twice" },
    { "[{}, {\"k\": [1, {\"k\": 0}], \"k\": 3}]", "1:27: member \"k\" appears twice" },
    { "1{\"a\": 1}", "1:2: another JSON value after the first" },
    { "{\"a\": 1}\n  [2]", "2:3: another JSON value after the first" },
    { "\"x\" /* c */ {}", "1:5: a comment, which JSON does not have" },
    /* a "/" starts a comment to the line's end in json-glib's scanner,
     * where the scans saw the string "*\/ ...": json-glib then read a
     * second value and lost it (fuzz-results) */
    { "\"ss\"/,\"*/\n{\n  \"results\": []}", "1:5: a comment, which JSON does not" },
    /* "/" "*" "/" is a whole comment to json-glib (fuzz-record) */
    { "/*/6{\"case\": \"calib_cpu\"}", "1:1: a comment, which JSON does not" },
    { "{\"a\": 1} // c", "1:10: a comment, which JSON does not" },
    { "['a\"b', 1]", "1:2: a single quote outside a string" },
    { "{\"a\": 'x'}", "1:7: a single quote outside a string" },
    { "#x\n{}", "1:1: a character that JSON does not have outside a string" },
    { "[1, x]", "1:5: a character that JSON does not have outside a string" },
    { "{\"a\": \"x\ny\"}", "1:9: a control character inside a string" },
    { "[\"\t\"]", "1:3: a control character inside a string" },
    { "true {}", "1:6: another JSON value after the first" },
    { "{\"a\": \"x\\\\\", \"a\": 1}", "1:14: member \"a\" appears twice" },
    { "{\"\\ud83d\\ude00\": 1, \"\xf0\x9f\x98\x80\": 2}",
      "1:21: member \"\xf0\x9f\x98\x80\" appears twice" },
    /* a high surrogate, then no low one (json-glib leaked: fuzz-results) */
    { "{\"a\": \"\\uda95\\ud958\"}", "1:8: a \\u escape of a surrogate" },
    { "{\"\\uda95\\ud9586,@dd\": 1}", "1:3: a \\u escape of a surrogate" },
    { "[\"x\", \"\\ud800\"]", "1:8: a \\u escape of a surrogate" },
    { "[\n \"\\\\\\uDBFFz\"]", "2:5: a \\u escape of a surrogate" },
    /* a lone low surrogate, then a \u (json-glib leaked: fuzz-results) */
    { "{ \"{\nb\\udc95\\u9586", "2:2: a \\u escape of a surrogate" },
    { "[\"\\udc00\"]", "1:3: a \\u escape of a surrogate" },
    { "[\"\\ud800\\ud800\\udc00\"]", "1:3: a \\u escape of a surrogate" },
    /* an octal escape: json-glib gave the byte 0x9a (fuzz-results) */
    { "{\"a\": \"x\\232\"}", "1:9: an escape that JSON does not have" },
    /* where json-glib sees a string that the scans do not (fuzz-results) */
    { "/$\"*/\"\\udc90\\u72\n", "1:7: a \\u escape of a surrogate" },
    /* a short \u: json-glib reads on past the quote (fuzz-results) */
    { "[\"\\uda \"]", "1:3: a \\u escape without four hex digits" },
    { "[\"\\u\"]", "1:3: a \\u escape without four hex digits" },
    { "{\"k\": [\"ab\\u12x4\"]}", "1:11: a \\u escape without four hex digits" },
    { "{ \"{\nb\\uda \"{\nb\\uda95\\ud958695\\ud9586",
      "2:2: a \\u escape without four hex digits" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_assert_false (gs_jsontext_parse (parser, bad[i][0], -1, &error));
    g_assert_nonnull (error);
    if (!g_str_has_prefix (error->message, bad[i][1]))
      g_error ("%s: got %s", bad[i][0], error->message);
    g_assert_null (strchr (error->message, '\n'));
    g_clear_error (&error);
  }
  /* the records reader names the file and line */
  g_autofree char *p = path_in ("dup.jsonl");
  g_assert_true (g_file_set_contents (p, "{\"case\": \"x\"}\n{\"case\": \"y\", "
                                      "\"median_s\": 1, \"median_s\": 2}\n", -1, NULL));
  g_assert_null (gs_record_read_file (p, &error));
  g_autofree char *want = g_strdup_printf ("%s:2:1: not a JSON record (1:30: member "
                                           "\"median_s\" appears twice", p);
  if (!g_str_has_prefix (error->message, want))
    g_error ("got %s", error->message);
  g_clear_error (&error);
}

/* json-glib quotes what it read: a control character in a bad token must
 * not reach the terminal raw, nor break the message into two lines. */
static void
test_json_one_line (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  g_assert_false (gs_jsontext_parse (parser, "{\"a\": tru\x1b[31m\n}", -1, &error));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\x1b'));
  g_assert_true (g_str_has_prefix (error->message, "1:"));
  g_clear_error (&error);
  g_autofree char *s = gs_text_one_line ("a\nb\x1b[0m\tc\x7f");
  g_assert_cmpstr (s, ==, "a\\nb\\x1b[0m\\tc\\x7f");
  /* C1 controls (CSI, U+009B, in UTF-8 and as a raw byte), a line
   * separator and a stray byte; other UTF-8 is kept */
  g_autofree char *c1 = gs_text_one_line ("x\xc2\x9b" "31my\x9b" "2Jz\xe2\x80\xa8"
                                          "w\xff\xc3\xa9");
  g_assert_cmpstr (c1, ==, "x\\u009b31my\\x9b2Jz\\u2028w\\xff\xc3\xa9");
}

/* Blanks alone are no JSON value: json-glib gives no root,
 * which its own functions refuse with criticals on stderr.  A records file
 * with such a line says so in one line (found by fuzz-record). */
static void
test_json_no_value (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  const char *texts[] = { "", "  ", "\n\t\r " };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++) {
    g_assert_false (gs_jsontext_parse (parser, texts[i], -1, &error));
    g_assert_cmpstr (error->message, ==, "1:1: no JSON value here, only blanks");
    g_clear_error (&error);
  }
  g_autofree char *p = path_in ("comment.jsonl");
  g_assert_true (g_file_set_contents (p, "{\"case\": \"cpu_threads\"}\n//\n", -1, NULL));
  g_assert_null (gs_record_read_file (p, &error));
  g_autofree char *want = g_strdup_printf ("%s:2:1: not a JSON record (1:1: a comment, "
      "which JSON does not have; remove it); give a file written by measure.py or "
      "run_seed.py", p);
  g_assert_cmpstr (error->message, ==, want);
  g_clear_error (&error);
}

/* The results reader never reads a device or waits on a FIFO. */
static void
test_results_special (void)
{
  GError *error = NULL;
  g_assert_null (gs_resultset_load ("/dev/zero", &error));
  g_assert_cmpstr (error->message, ==, "/dev/zero: cannot read the results: "
                   "it is not a regular file (a FIFO, a device or a socket); "
                   "give a file written by gilsim run --export-json");
  g_clear_error (&error);
}

/* An export through a link to a regular file replaces the target at once
 * (a new inode, renamed into place) and leaves the link a link: a full disk
 * can no longer leave the target half written. */
static void
test_save_through_link (void)
{
  g_autofree char *target = path_in ("target.json");
  g_autofree char *link = path_in ("link.json");
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);
  struct stat before, after;
  g_assert_cmpint (stat (target, &before), ==, 0);
  GError *error = NULL;
  g_assert_true (gs_report_save (link, "new", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_autofree char *text = read_file (target);
  g_assert_cmpstr (text, ==, "new");
  g_assert_cmpint (stat (target, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dir = tmpdir_new ();
  g_test_add_func ("/userfile/regular", test_regular);
  g_test_add_func ("/userfile/too-big", test_too_big);
  g_test_add_func ("/userfile/folder-missing", test_folder_missing);
  g_test_add_func ("/userfile/special", test_special);
  g_test_add_func ("/jsontext/depth", test_json_depth);
  g_test_add_func ("/jsontext/duplicate", test_json_duplicate);
  g_test_add_func ("/report/save-through-link", test_save_through_link);
  g_test_add_func ("/jsontext/one-line", test_json_one_line);
  g_test_add_func ("/jsontext/results-special", test_results_special);
  g_test_add_func ("/jsontext/no-value", test_json_no_value);
  int rc = g_test_run ();
  tmpdir_remove (dir);
  return rc;
}
