/* test-json-numbers.c: the numbers of gilsim's JSON exports
 * (gs_resultset_json_text): each reads back as the double it stands for,
 * in the fewest significant digits that do, with a decimal point. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "results/resultset.h"

/* X rounded to nine significant digits, as the exports round figures */
static double
nine (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.9g", x);
  return g_ascii_strtod (buf, NULL);
}

static int
digits_of (const char *text)
{
  int n = 0, zeros = 0;
  gboolean seen = FALSE;
  for (const char *c = text; *c && *c != 'e' && *c != 'E'; c++) {
    if (!g_ascii_isdigit (*c))
      continue;
    if (*c == '0') {
      zeros += seen;
      continue;
    }
    n += zeros + 1;
    zeros = 0;
    seen = TRUE;
  }
  return n;
}

/* TEXT, written for X: reads back as X, shortest, a double to a reader */
static void
check_one (const char *text, double x)
{
  g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, x);
  g_assert_nonnull (strpbrk (text, ".eE"));
  if (x == floor (x) && fabs (x) < 1e15) {
    g_autofree char *whole = g_strdup_printf ("%.0f.0", x);
    g_assert_cmpstr (text, ==, whole);
    return;
  }
  int d = digits_of (text);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = g_strdup_printf ("%%.%dg", d);
  g_ascii_formatd (buf, sizeof buf, format, x);
  g_autofree char *expected = g_strconcat (buf, strpbrk (buf, ".eE") ? "" : ".0", NULL);
  g_assert_cmpstr (text, ==, expected);
  for (int p = 1; p < d; p++) {
    g_autofree char *shorter = g_strdup_printf ("%%.%dg", p);
    g_ascii_formatd (buf, sizeof buf, shorter, x);
    g_assert_cmpfloat (g_ascii_strtod (buf, NULL), !=, x);
  }
}

static void
test_shortest (void)
{
  GRand *rng = g_rand_new_with_seed (16);
  GArray *xs = g_array_new (FALSE, FALSE, sizeof (double));
  const double fixed[] = { 0.1, 0.2, 0.1 + 0.2, 0.4505, 1e-7, 1.5e-7, 123456.789,
                           1e15 + 0.5, 1e16, 2.5e20, -0.004505, 9.99999999e-5,
                           1.00000001, 0.999999999, 1.0 / 3.0, 2.0 / 3.0, 4097.5 };
  g_array_append_vals (xs, fixed, G_N_ELEMENTS (fixed));
  for (int i = 0; i < 20000; i++) {
    double x = g_rand_double (rng) * pow (10, g_rand_int_range (rng, -9, 17));
    if (g_rand_boolean (rng))
      x = -x;
    double r = nine (x);
    g_array_append_val (xs, x);
    g_array_append_val (xs, r);
    double few = round (x * 1e4) / 1e4;   /* a few digits, as in a platform */
    g_array_append_val (xs, few);
    double near = nextafter (r, INFINITY);   /* a double beside a short one */
    g_array_append_val (xs, near);
  }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; i < xs->len; i++)
    json_builder_add_double_value (b, g_array_index (xs, double, i));
  json_builder_end_array (b);
  g_autofree char *text = gs_resultset_json_text (b);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;
  for (char **l = lines; *l; l++) {
    char *v = g_strstrip (*l);
    if (*v == '[' || *v == ']' || *v == '\0')
      continue;
    gsize len = strlen (v);
    if (v[len - 1] == ',')
      v[len - 1] = '\0';
    g_assert_cmpuint (n, <, xs->len);
    check_one (v, g_array_index (xs, double, n));
    n++;
  }
  g_assert_cmpuint (n, ==, xs->len);
  g_array_unref (xs);
  g_rand_free (rng);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-numbers/shortest", test_shortest);
  return g_test_run ();
}
