/* test-eval.c: expression values and their dimensions. */
#include <string.h>
#include <glib.h>
#include "lang/eval.h"

static gboolean
eval (const char *text, GsValue *out, GError **error)
{
  static const char *names[] = { "N", "who" };
  static GsValue values[2];
  values[0] = (GsValue) { GS_DIM_COUNT, 4, NULL };
  values[1] = (GsValue) { GS_DIM_STRING, 0, (char *) "Thread-1" };
  GsEnv env = { NULL, 2, names, values };
  g_autofree char *src = g_strdup_printf ("X = %s\nsleep 1s\n", text);
  GsScenario *sc = gs_scenario_parse ("t.gil", src, strlen (src), NULL);
  /* names are unknown to the parser's check here: evaluate directly */
  if (sc == NULL) {
    GsExpr *e = gs_expr_parse_value ("t.gil", text, error);
    if (e == NULL)
      return FALSE;
    gboolean ok = gs_eval ("t.gil", e, &env, out, error);
    gs_expr_free (e);
    return ok;
  }
  gboolean ok = gs_eval ("t.gil", ((GsParam *) sc->params->pdata[0])->value,
                         &env, out, error);
  gs_scenario_free (sc);
  return ok;
}

static void
test_arithmetic (void)
{
  GsValue v = { 0 };
  g_assert_true (eval ("10**7", &v, NULL));
  g_assert_cmpfloat (v.num, ==, 1e7);
  g_assert_cmpint (v.dim, ==, GS_DIM_COUNT);
  g_assert_true (eval ("2 * 5ms + 1ms", &v, NULL));
  g_assert_cmpint (v.dim, ==, GS_DIM_DURATION);
  g_assert_cmpfloat_with_epsilon (v.num, 0.011, 1e-15);
  g_assert_true (eval ("64MiB / 1MiB", &v, NULL));
  g_assert_cmpint (v.dim, ==, GS_DIM_COUNT);
  g_assert_cmpfloat (v.num, ==, 64);
  g_assert_true (eval ("7 // 2 + 7 % 2", &v, NULL));
  g_assert_cmpfloat (v.num, ==, 4);
}

static void
test_names_and_strings (void)
{
  GsValue v = { 0 };
  GError *error = NULL;
  GsExpr *e = gs_expr_parse_value ("t", "\"{who} of {N}\"", &error);
  g_assert_no_error (error);
  static const char *names[] = { "N", "who" };
  GsValue values[2] = { { GS_DIM_COUNT, 4, NULL }, { GS_DIM_STRING, 0, (char *) "T-1" } };
  GsEnv env = { NULL, 2, names, values };
  g_assert_true (gs_eval ("t", e, &env, &v, &error));
  g_assert_cmpstr (v.str, ==, "T-1 of 4");
  gs_value_clear (&v);
  gs_expr_free (e);
  g_autofree char *f = gs_format_fields ("{{x}} {N}", &env);
  g_assert_cmpstr (f, ==, "{x} 4");
}

static void
check_bad (const char *text, const char *word)
{
  GsValue v = { 0 };
  GError *error = NULL;
  g_assert_false (eval (text, &v, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "t.gil:"));
  g_assert_nonnull (strstr (error->message, word));
  g_error_free (error);
}

static void
test_errors (void)
{
  check_bad ("5ms + 1MiB", "cannot add a duration and a size");
  check_bad ("5ms * 2ms", "cannot multiply");
  check_bad ("1 / 0", "division by zero");
  check_bad ("10 ** 400", "too large");
  check_bad ("1 / 5ms", "cannot divide");
}

static void
test_quantity (void)
{
  GError *error = NULL;
  double out = -1;
  GsExpr *e = gs_expr_parse_value ("t", "2", &error);
  g_assert_false (gs_eval_quantity ("t", e, NULL, GS_DIM_DURATION, 10, "the sleep", &out, &error));
  g_assert_nonnull (strstr (error->message, "needs a unit"));
  g_clear_error (&error);
  gs_expr_free (e);
  e = gs_expr_parse_value ("t", "-2s", &error);
  g_assert_false (gs_eval_quantity ("t", e, NULL, GS_DIM_DURATION, 10, "the sleep", &out, &error));
  g_assert_nonnull (strstr (error->message, "negative"));
  g_clear_error (&error);
  gs_expr_free (e);
  e = gs_expr_parse_value ("t", "20s", &error);
  g_assert_false (gs_eval_quantity ("t", e, NULL, GS_DIM_DURATION, 10, "the sleep", &out, &error));
  g_assert_nonnull (strstr (error->message, "absurdly large"));
  g_clear_error (&error);
  gs_expr_free (e);
  e = gs_expr_parse_value ("t", "2s", &error);
  g_assert_true (gs_eval_quantity ("t", e, NULL, GS_DIM_DURATION, 10, "the sleep", &out, &error));
  g_assert_cmpfloat (out, ==, 2);
  gs_expr_free (e);
  g_assert_cmpfloat (out, ==, 2);
}

/* Evaluates TEXT in a scenario where N is 4 and who is "Thread-1". */
static gboolean
eval_with_names (const char *text, GsValue *out, GError **error)
{
  g_autofree char *src = g_strdup_printf ("N = 4\nwho = \"Thread-1\"\nX = %s\n"
                                          "sleep 1s\n", text);
  g_autoptr (GsScenario) sc = gs_scenario_parse ("t.gil", src, strlen (src), error);
  if (sc == NULL)
    return FALSE;
  static const char *names[] = { "N", "who" };
  GsValue values[2] = { { GS_DIM_COUNT, 4, NULL }, { GS_DIM_STRING, 0, (char *) "Thread-1" } };
  GsEnv env = { NULL, 2, names, values };
  return gs_eval ("t.gil", ((GsParam *) sc->params->pdata[2])->value, &env, out, error);
}

/* Comparisons give 1 or 0; and/or/not follow Python's truth and bind
 * looser than comparisons, which bind looser than arithmetic. */
static void
test_conditions (void)
{
  static const struct { const char *text; double want; } cases[] = {
    { "N % 2 == 0", 1 }, { "N != 4", 0 }, { "N < 4", 0 }, { "N <= 4", 1 },
    { "N > 3.5", 1 }, { "N >= 5", 0 }, { "2ms < 3ms", 1 }, { "1MiB > 1MB", 1 },
    { "who == \"Thread-1\"", 1 }, { "who < \"Thread-2\"", 1 },
    { "who != \"Thread-1\"", 0 }, { "not N == 4", 0 }, { "not 0", 1 },
    { "N == 4 and who == \"x\"", 0 }, { "N == 3 or who == \"Thread-1\"", 1 },
    { "1 or 1 / 0", 1 }, { "0 and 1 / 0", 0 },     /* short-circuit */
    { "not 1 and 0 or 1", 1 },                       /* ((not 1) and 0) or 1 */
    { "1 + 1 == 2 * 1", 1 }, { "\"\" or 0", 0 }, { "\"a\" and 5ms", 1 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    GsValue v = { 0 };
    GError *error = NULL;
    if (!eval_with_names (cases[i].text, &v, &error))
      g_test_message ("%s: %s", cases[i].text, error->message);
    g_assert_no_error (error);
    g_assert_cmpint (v.dim, ==, GS_DIM_COUNT);
    if (v.num != cases[i].want)
      g_test_message ("%s gave %g", cases[i].text, v.num);
    g_assert_cmpfloat (v.num, ==, cases[i].want);
  }
  static const char *const bad[][2] = {
    { "5ms == 5MiB", "t.gil:3:9: cannot compare a duration and a size" },
    { "who == 1", "t.gil:3:9: cannot compare a string and a number" },
    { "N < 1ms", "t.gil:3:7: cannot compare a number and a duration" },
    { "not (1ms > 1MiB)", "t.gil:3:14: cannot compare" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    GsValue v = { 0 };
    GError *error = NULL;
    g_assert_false (eval_with_names (bad[i][0], &v, &error));
    if (!g_str_has_prefix (error->message, bad[i][1]))
      g_test_message ("%s: %s", bad[i][0], error->message);
    g_assert_true (g_str_has_prefix (error->message, bad[i][1]));
    g_error_free (error);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/eval/conditions", test_conditions);
  g_test_add_func ("/eval/arithmetic", test_arithmetic);
  g_test_add_func ("/eval/names-and-strings", test_names_and_strings);
  g_test_add_func ("/eval/errors", test_errors);
  g_test_add_func ("/eval/quantity", test_quantity);
  return g_test_run ();
}
