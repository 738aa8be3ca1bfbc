/* test-lexer.c: tokens, units and indentation of the scenario language. */
#include <string.h>
#include <glib.h>
#include "lang/lexer.h"

static GArray *
lex (const char *src, GError **error)
{
  return gs_lexer_lex ("t.gil", src, strlen (src), error);
}

static const GsToken *
tok (GArray *a, guint i)
{
  g_assert_cmpuint (i, <, a->len);
  return &g_array_index (a, GsToken, i);
}

static void
test_numbers_with_units (void)
{
  GArray *t = lex ("sleep 5ms\nx = 64MiB + 1_000 + 1e7 + 2.5s\n", NULL);
  g_assert_nonnull (t);
  g_assert_cmpint (tok (t, 1)->kind, ==, TOK_NUMBER);
  g_assert_cmpint (tok (t, 1)->dim, ==, GS_DIM_DURATION);
  g_assert_cmpfloat_with_epsilon (tok (t, 1)->num, 0.005, 1e-15);
  g_assert_cmpint (tok (t, 5)->dim, ==, GS_DIM_SIZE);
  g_assert_cmpfloat (tok (t, 5)->num, ==, 64.0 * 1048576);
  g_assert_cmpfloat (tok (t, 7)->num, ==, 1000);
  g_assert_cmpfloat (tok (t, 9)->num, ==, 1e7);
  g_assert_cmpint (tok (t, 11)->dim, ==, GS_DIM_DURATION);
  gs_lexer_tokens_free (t);
}

static void
test_indentation (void)
{
  GArray *t = lex ("def w():\n    sleep 1s\n\n    # c\n    sleep 2s\nsleep 3s\n", NULL);
  g_assert_nonnull (t);
  int indents = 0, dedents = 0;
  for (guint i = 0; i < t->len; i++) {
    indents += tok (t, i)->kind == TOK_INDENT;
    dedents += tok (t, i)->kind == TOK_DEDENT;
  }
  g_assert_cmpint (indents, ==, 1);
  g_assert_cmpint (dedents, ==, 1);
  g_assert_cmpint (tok (t, t->len - 1)->kind, ==, TOK_EOF);
  gs_lexer_tokens_free (t);
}

static void
test_positions (void)
{
  GArray *t = lex ("# head\n\nprint \"a {b}\"\n", NULL);
  g_assert_nonnull (t);
  g_assert_cmpint (tok (t, 0)->line, ==, 3);
  g_assert_cmpint (tok (t, 0)->col, ==, 1);
  g_assert_cmpint (tok (t, 1)->kind, ==, TOK_STRING);
  g_assert_cmpint (tok (t, 1)->col, ==, 7);
  g_assert_cmpstr (tok (t, 1)->text, ==, "a {b}");
  gs_lexer_tokens_free (t);
}

static void
test_runtime_word (void)
{
  GArray *t = lex ("runtime cpython-3.13t\nx = N-1\n", NULL);
  g_assert_nonnull (t);
  g_assert_cmpstr (tok (t, 1)->text, ==, "cpython-3.13t");
  /* outside 'runtime', '-' is an operator */
  g_assert_cmpstr (tok (t, 5)->text, ==, "N");
  g_assert_cmpstr (tok (t, 6)->text, ==, "-");
  gs_lexer_tokens_free (t);
}

static void
check_error (const char *src, const char *prefix, const char *word)
{
  GError *error = NULL;
  GArray *t = gs_lexer_lex ("t.gil", src, strlen (src) + (src[0] == 'N' ? 1 : 0), &error);
  g_assert_null (t);
  g_assert_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, word));
  g_assert_null (strchr (error->message, '\n'));
  g_error_free (error);
}

static void
test_errors (void)
{
  check_error ("sleep 5parsecs\n", "t.gil:1:8:", "unknown unit");
  check_error ("print \"abc\n", "t.gil:1:7:", "not closed");
  check_error ("def w():\n\tsleep 1s\n", "t.gil:2:1:", "tab");
  check_error ("def w():\n    sleep 1s\n  sleep 2s\n", "t.gil:3:3:", "indentation");
  check_error ("x = 3 $ 4\n", "t.gil:1:7:", "unexpected character '$'; remove it");
  check_error ("x = \xff\xfe\n", "t.gil:1:5:", "not a text file");
  check_error ("N\0x", "t.gil:1:2:", "not a text file");
  check_error ("x = 1e999\n", "t.gil:1:5:", "not a usable number; write one from");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lexer/numbers-with-units", test_numbers_with_units);
  g_test_add_func ("/lexer/indentation", test_indentation);
  g_test_add_func ("/lexer/positions", test_positions);
  g_test_add_func ("/lexer/runtime-word", test_runtime_word);
  g_test_add_func ("/lexer/errors", test_errors);
  return g_test_run ();
}
