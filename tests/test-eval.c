/* test-eval.c: expression values and their dimensions. */
#include <string.h>
#include <glib.h>
#include <math.h>
#include "lang/eval.h"
#include "lang/random.h"
#include "assert-near.h"

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
  /* a large count's bound reads as 1e14, not 100000000000000 */
  e = gs_expr_parse_value ("t", "2e14", &error);
  g_assert_false (gs_eval_quantity ("t", e, NULL, GS_DIM_COUNT, 1e14, "the count", &out, &error));
  g_assert_cmpstr (error->message, ==, "t:1:1: the count is absurdly large (2e14; at most 1e14)");
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

static GsRandom test_rng;

static GsRandom *
test_source (void)
{
  return &test_rng;
}

/* Draws TEXT N times (a scenario with it in a statement) into a new array;
 * asserts every draw has dimension DIM. */
static double *
draw_n (const char *text, int n, GsDim dim)
{
  g_autofree char *src = g_strdup_printf ("sleep %s\n", text);
  GError *error = NULL;
  g_autoptr (GsScenario) sc = gs_scenario_parse ("t.gil", src, strlen (src), &error);
  g_assert_no_error (error);
  const GsExpr *e = ((GsStmt *) sc->main->pdata[0])->e1;
  double *out = g_new (double, n);
  for (int i = 0; i < n; i++) {
    GsValue v = { 0 };
    g_assert_true (gs_eval ("t.gil", e, NULL, &v, &error));
    g_assert_cmpint (v.dim, ==, dim);
    out[i] = v.num;
  }
  return out;
}

static void
moments (const double *x, int n, double *mean, double *sd)
{
  double s = 0, s2 = 0;
  for (int i = 0; i < n; i++) {
    s += x[i];
    s2 += x[i] * x[i];
  }
  *mean = s / n;
  *sd = sqrt (MAX (0, s2 / n - *mean * *mean));
}

/* The draws have the distributions' means and spreads (within four
 * standard errors of 20000 draws), stay in their ranges, and repeat with
 * the seed. */
static void
test_draws (void)
{
  const int n = 20000;
  double mean, sd;
  gs_random_init (&test_rng, 42);
  gs_random_set_source (test_source);
  g_autofree double *u = draw_n ("uniform(1ms, 3ms)", n, GS_DIM_DURATION);
  for (int i = 0; i < n; i++)
    g_assert_true (u[i] >= 0.001 && u[i] < 0.003);
  moments (u, n, &mean, &sd);
  assert_near (mean, 0.002, 4 * 0.000577 / sqrt (n));
  g_autofree double *x = draw_n ("exponential(10ms)", n, GS_DIM_DURATION);
  moments (x, n, &mean, &sd);
  assert_near (mean, 0.010, 4 * 0.010 / sqrt (n));
  assert_near (sd, 0.010, 0.0005);
  g_autofree double *z = draw_n ("normal(10ms, 2ms)", n, GS_DIM_DURATION);
  moments (z, n, &mean, &sd);
  assert_near (mean, 0.010, 4 * 0.002 / sqrt (n));
  assert_near (sd, 0.002, 0.0001);
  /* a duration below 0 counts as 0; a plain number is not clamped */
  g_autofree double *c = draw_n ("normal(-10ms, 1ms)", 100, GS_DIM_DURATION);
  for (int i = 0; i < 100; i++)
    g_assert_cmpfloat (c[i], ==, 0);
  g_autofree double *cn = draw_n ("normal(-10, 1) * 1s", 100, GS_DIM_DURATION);
  for (int i = 0; i < 100; i++)
    g_assert_cmpfloat (cn[i], <, 0);
  /* lognormal(mean, sd): the value's own mean and standard deviation */
  g_autofree double *l = draw_n ("lognormal(10ms, 5ms)", n, GS_DIM_DURATION);
  moments (l, n, &mean, &sd);
  assert_near (mean, 0.010, 4 * 0.005 / sqrt (n));
  assert_near (sd, 0.005, 0.0005);
  for (int i = 0; i < n; i++)
    g_assert_cmpfloat (l[i], >, 0);
  g_autofree double *r = draw_n ("randint(1, 6) * 1s", n, GS_DIM_DURATION);
  int seen[7] = { 0 };
  for (int i = 0; i < n; i++) {
    g_assert_true (r[i] >= 1 && r[i] <= 6 && r[i] == floor (r[i]));
    seen[(int) r[i]]++;
  }
  for (int k = 1; k <= 6; k++)
    g_assert_cmpint (abs (seen[k] - n / 6), <, 4 * (int) sqrt (n / 6.0));
  /* the same seed, the same draws */
  gs_random_init (&test_rng, 42);
  g_autofree double *again = draw_n ("uniform(1ms, 3ms)", n, GS_DIM_DURATION);
  g_assert_cmpmem (u, n * sizeof (double), again, n * sizeof (double));
  gs_random_init (&test_rng, 43);
  g_autofree double *other = draw_n ("uniform(1ms, 3ms)", 10, GS_DIM_DURATION);
  g_assert_cmpfloat (other[0], !=, u[0]);
  /* children's keys differ from each other and from the parent's */
  g_assert_cmpuint (gs_random_child_key (42, 1), !=, gs_random_child_key (42, 2));
  g_assert_cmpuint (gs_random_child_key (42, 1), !=, gs_random_child_key (43, 1));
  g_assert_cmpuint (gs_random_child_key (42, 1), !=, 42);
  gs_random_set_source (NULL);
  /* without a generator, no draw */
  const char *src = "sleep uniform(1ms, 2ms)\n";
  g_autoptr (GsScenario) sc = gs_scenario_parse ("t.gil", src, strlen (src), NULL);
  GsValue v = { 0 };
  GError *error = NULL;
  g_assert_false (gs_eval ("t.gil", ((GsStmt *) sc->main->pdata[0])->e1, NULL, &v, &error));
  g_assert_true (g_str_has_prefix (error->message, "t.gil:1:7: uniform() draws"));
  g_error_free (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/eval/conditions", test_conditions);
  g_test_add_func ("/eval/draws", test_draws);
  g_test_add_func ("/eval/arithmetic", test_arithmetic);
  g_test_add_func ("/eval/names-and-strings", test_names_and_strings);
  g_test_add_func ("/eval/errors", test_errors);
  g_test_add_func ("/eval/quantity", test_quantity);
  return g_test_run ();
}
