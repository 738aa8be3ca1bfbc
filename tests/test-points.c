/* test-points.c: the pieces of a sweep that need no simulation: -P scans,
 * shards, platform copies with other core counts, result sets and their
 * JSON round trip, progress styles. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "platform/platform_variant.h"
#include "run/progress.h"
#include "results/resultset.h"
#include "results/resultset_load.h"
#include "results/resultset_merge.h"
#include "scratch.h"
#include "run/points.h"
#include "engine/result.h"

static char *
values_of (const GsAxis *a)
{
  g_ptr_array_add (a->values, NULL);
  char *s = g_strjoinv (",", (char **) a->values->pdata);
  g_ptr_array_remove_index (a->values, a->values->len - 1);
  return s;
}

static void
check_scan (const char *arg, const char *expect)
{
  GError *error = NULL;
  GsAxis *a = gs_points_axis_parse_scan (arg, &error);
  g_assert_no_error (error);
  g_autofree char *v = values_of (a);
  g_assert_cmpstr (v, ==, expect);
  g_assert_cmpstr (a->option, ==, "-P");
  gs_points_axis_free (a);
}

static void
check_scan_error (const char *arg, const char *word)
{
  GError *error = NULL;
  GsAxis *a = gs_points_axis_parse_scan (arg, &error);
  g_assert_null (a);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, word));
  g_assert_null (strchr (error->message, '\n'));
  g_error_free (error);
}

static void
test_scan (void)
{
  check_scan ("N=1:4", "1,2,3,4");
  check_scan ("N=1:10:3", "1,4,7,10");
  check_scan ("N=1:9:3", "1,4,7");
  check_scan ("N=5:5", "5");
  check_scan ("x=0.1:0.5:0.1", "0.1,0.2,0.3,0.4,0.5");
  check_scan ("switch_interval=1ms:3ms", "1ms,2ms,3ms");
  check_scan ("switch_interval=1ms:2ms:250us", "1ms,1.25ms,1.5ms,1.75ms,2ms");
  check_scan ("speed=1Gf:3Gf", "1Gf,2Gf,3Gf");
  check_scan_error ("N=1", "NAME=MIN:MAX");
  check_scan_error ("=1:2", "NAME=MIN:MAX");
  check_scan_error ("N=1:2:3:4", "NAME=MIN:MAX");
  check_scan_error ("N=a:2", "MIN 'a'");
  check_scan_error ("N=1:2:0", "STEP must be positive");
  check_scan_error ("N=3:2", "MIN must not exceed MAX");
  check_scan_error ("t=1ms:2s", "same unit");
  check_scan_error ("t=1ms:2ms:1MiB", "STEP's unit");
  check_scan_error ("t=1ms:2ms:1x", "STEP '1x'");
  check_scan_error ("N=0:1e7:1", "a million");
}

static void
test_list (void)
{
  GError *error = NULL;
  GsAxis *a = gs_points_axis_parse ("runtime= cpython-3.12 ,cpython-3.13t", &error);
  g_assert_no_error (error);
  g_autofree char *v = values_of (a);
  g_assert_cmpstr (v, ==, "cpython-3.12,cpython-3.13t");
  g_assert_cmpstr (a->option, ==, "-L");
  gs_points_axis_free (a);
}

/* Shards partition the points; --point picks one. */
static void
test_select (void)
{
  g_autoptr (GPtrArray) points = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < 10; k++) {
    GsPoint *p = g_new0 (GsPoint, 1);
    p->index = k;
    g_ptr_array_add (points, p);
  }
  GError *error = NULL;
  guint seen[10] = { 0 };
  for (int i = 1; i <= 3; i++) {
    g_autofree char *arg = g_strdup_printf ("%d/3", i);
    g_autoptr (GPtrArray) part = gs_points_select (points, NULL, arg, &error);
    g_assert_no_error (error);
    for (guint j = 0; j < part->len; j++) {
      guint k = ((GsPoint *) part->pdata[j])->index;
      g_assert_cmpuint (k % 3, ==, (guint) i - 1);
      seen[k]++;
    }
  }
  for (guint k = 0; k < 10; k++)
    g_assert_cmpuint (seen[k], ==, 1);
  g_autoptr (GPtrArray) one = gs_points_select (points, "7", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpuint (((GsPoint *) one->pdata[0])->index, ==, 7);
  g_autoptr (GPtrArray) all = gs_points_select (points, NULL, NULL, &error);
  g_assert_cmpuint (all->len, ==, 10);
  const char *bad_points[] = { "10", "-1", "x", "", "1x" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad_points); i++) {
    g_assert_null (gs_points_select (points, bad_points[i], NULL, &error));
    g_assert_nonnull (strstr (error->message, "--point"));
    g_clear_error (&error);
  }
  const char *bad_shards[] = { "0/3", "4/3", "1/0", "1", "1/2/3", "a/b" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad_shards); i++) {
    g_assert_null (gs_points_select (points, NULL, bad_shards[i], &error));
    g_assert_nonnull (strstr (error->message, "--shard"));
    g_clear_error (&error);
  }
}

static void
test_variant_text (void)
{
  const char *xml =
      "<platform version=\"4.1\">\n"
      "<!-- <host id=\"a\" core=\"99\"> in a comment -->\n"
      "<zone id=\"z\" routing=\"Full\">\n"
      "  <host id=\"ab\" speed=\"1Gf\" core=\"2\"/>\n"
      "  <host id='a' speed='1Gf' core = '4'>\n"
      "  </host>\n"
      "  <host\n id=\"c\" speed=\"1Gf\"/>\n"
      "</zone></platform>\n";
  g_autofree char *a = gs_platform_variant_text (xml, "a", 16);
  g_assert_nonnull (a);
  g_assert_nonnull (strstr (a, "<host id='a' speed='1Gf' core = '16'>"));
  g_assert_nonnull (strstr (a, "core=\"99\""));
  g_assert_nonnull (strstr (a, "<host id=\"ab\" speed=\"1Gf\" core=\"2\"/>"));
  g_autofree char *c = gs_platform_variant_text (xml, "c", 3);
  g_assert_nonnull (strstr (c, "<host core=\"3\"\n id=\"c\" speed=\"1Gf\"/>"));
  g_assert_null (gs_platform_variant_text (xml, "zz", 3));
}

/* A platform copy with another core count loads, and goes away. */
static void
test_variants (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "platforms",
                                                 "xeon.xml", NULL);
  GError *error = NULL;
  g_autoptr (GsPlatform) base = gs_platform_load (path, &error);
  g_assert_no_error (error);
  const GsHost *host0 = gs_platform_first_host (base);
  GsPlatformVariants *v = gs_platform_variants_new (base);
  const GsHost *h = NULL;
  const GsPlatform *same = gs_platform_variants_get (v, host0->id, host0->cores, &h, &error);
  g_assert_true (same == base);
  g_assert_true (h == host0);
  const GsPlatform *p3 = gs_platform_variants_get (v, host0->id, 3, &h, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p3);
  g_assert_cmpint (h->cores, ==, 3);
  g_assert_cmpfloat (h->speed, ==, host0->speed);
  g_assert_true (gs_platform_variants_get (v, host0->id, 3, &h, &error) == p3);
  g_autofree char *copy = g_strdup (p3->path);
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
  gs_platform_variants_free (v);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

static GsRow *
make_row (guint point, const char *n, double wall, double seq)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  g_ptr_array_add (names, (char *) "N");
  g_ptr_array_add (values, (char *) n);
  GsResult *r = gs_result_new ();
  r->wall_s = wall;
  r->sequential_s = seq;
  r->gil_switches = 7;
  gs_result_add_print (r, 0.1234567890123, "Thread-0", "hi, \"you\"");
  GsWorker w = { (char *) "MainThread", (char *) "main", 0, wall, 0.3333333333333333,
                 0.1, 0.2, 0, 3 };
  gs_result_add_worker (r, &w);
  return gs_resultset_row_new (point, "s.gil", "p.xml", "h", 4, 1e9, "cpython-3.12", 0.005,
                     names, values, r);
}

/* Rows are rounded when made, so a set read back is the set written. */
static void
test_resultset_round_trip (void)
{
  GError *error = NULL;
  g_autoptr (GsResultSet) set = gs_resultset_new (5, "N=2", &error);
  g_assert_no_error (error);
  g_assert_true (gs_resultset_add (set, make_row (3, "4", 2.0 / 3.0, 1.9)));
  g_assert_true (gs_resultset_add (set, make_row (1, "2", 1.0 / 7.0, -1)));
  g_assert_false (gs_resultset_add (set, make_row (1, "2", 1.0, 1.0)));
  g_assert_cmpuint (((GsRow *) set->rows->pdata[0])->point, ==, 1);
  g_assert_cmpfloat (((GsRow *) set->rows->pdata[1])->result->wall_s, ==, 0.666666667);
  const GsRow *ref = gs_resultset_reference (set);
  g_assert_cmpuint (ref->point, ==, 1);
  g_autofree char *text = gs_resultset_to_json (set);
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "r.json", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_autoptr (GsResultSet) back = gs_resultset_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->points, ==, 5);
  g_assert_cmpuint (back->rows->len, ==, 2);
  g_autofree char *again = gs_resultset_to_json (back);
  g_assert_cmpstr (text, ==, again);

  /* merging: the same rows again are fine, another value is not */
  g_autoptr (GsResultSet) other = gs_resultset_load (path, &error);
  g_assert_true (gs_resultset_merge (back, other, "other.json", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back->rows->len, ==, 2);
  g_autoptr (GsResultSet) changed = gs_resultset_new (5, "N=2", &error);
  gs_resultset_add (changed, make_row (3, "4", 0.5, 1.9));
  g_assert_false (gs_resultset_merge (back, changed, "changed.json", &error));
  g_assert_nonnull (strstr (error->message, "changed.json: point 3 differs"));
  g_clear_error (&error);
  g_autoptr (GsResultSet) bigger = gs_resultset_new (6, "N=2", &error);
  g_assert_false (gs_resultset_merge (back, bigger, "bigger.json", &error));
  g_assert_nonnull (strstr (error->message, "another sweep"));
  g_clear_error (&error);
  tmpdir_remove (dir);

  g_assert_null (gs_resultset_new (1, "N", &error));
  g_assert_nonnull (strstr (error->message, "--reference N"));
  g_clear_error (&error);
}

/* A results file whose rows do not all have the same parameters (one row
 * lost its "runtime") is refused when read, in one line naming the row:
 * report --rows/--cols would otherwise look up a parameter a row lacks. */
static void
test_resultset_ragged (void)
{
  GError *error = NULL;
  g_autoptr (GsResultSet) set = gs_resultset_new (2, NULL, &error);
  g_assert_true (gs_resultset_add (set, make_row (0, "1", 0.5, 0.5)));
  g_assert_true (gs_resultset_add (set, make_row (1, "2", 0.7, 0.9)));
  g_autofree char *text = gs_resultset_to_json (set);
  /* the second row's parameters become {"M": "2"} */
  char *second = strstr (strstr (text, "\"N\""  ) + 1, "\"N\"");
  g_assert_nonnull (second);
  second[1] = 'M';
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "r.json", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_null (gs_resultset_load (path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_autofree char *want = g_strdup_printf (
      "%s: results[1] has the parameters M, but results[0] has N; the points "
      "of one sweep have the same parameters: give a file written by gilsim "
      "run --export-json", path);
  g_assert_cmpstr (error->message, ==, want);
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);
  tmpdir_remove (dir);
}

/* A number too large for a double (1e999, read as infinity) is refused
 * when read: the set could not be written back; and so is a count that is
 * not a whole number in range, whose cast to an integer would be undefined
 * (both found by fuzz-results). */
static void
test_resultset_bad_numbers (void)
{
  static const struct { const char *from, *to, *named; } cases[] = {
    { "\"blocked_s\": 0.2,", "\"blocked_s\": 1e999,", "has no number 'blocked_s'" },
    { "\"gil_switches\": 7,", "\"gil_switches\": 1e26,", "has no whole number 'gil_switches'" },
    { "\"switches\": 3", "\"switches\": -1", "has no whole number 'switches'" },
    { "\"cores\": 4,", "\"cores\": 2.5,", "has no whole number 'cores'" },
  };
  GError *error = NULL;
  g_autoptr (GsResultSet) set = gs_resultset_new (1, NULL, &error);
  g_assert_true (gs_resultset_add (set, make_row (0, "1", 0.5, 0.5)));
  g_autofree char *text = gs_resultset_to_json (set);
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "r.json", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GString) edited = g_string_new (text);
    g_assert_cmpuint (g_string_replace (edited, cases[i].from, cases[i].to, 1), ==, 1);
    g_assert_true (g_file_set_contents (path, edited->str, -1, &error));
    g_assert_null (gs_resultset_load (path, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
    g_autofree char *want = g_strdup_printf ("%s: results[0] %s", path, cases[i].named);
    g_assert_true (g_str_has_prefix (error->message, want));
    g_clear_error (&error);
  }
  tmpdir_remove (dir);
}

/* A label shows what a results file holds on one line: control characters
 * (a crafted file's escape sequences, a newline that would forge a line)
 * come out as C escapes. */
static void
test_row_label_one_line (void)
{
  GsRow *row = make_row (0, "2\x1b[31m\nforged", 1.0, 1.0);
  g_autofree char *label = gs_resultset_row_label (row);
  g_assert_cmpstr (label, ==, "N = 2\\x1b[31m\\nforged");
  gs_resultset_row_free (row);
}

static void
test_progress_style (void)
{
  GsProgressStyle style;
  GError *error = NULL;
  g_assert_true (gs_progress_style_parse ("none", stderr, &style, &error));
  g_assert_cmpint (style, ==, GS_PROGRESS_NONE);
  g_assert_true (gs_progress_style_parse ("basic", stderr, &style, &error));
  g_assert_cmpint (style, ==, GS_PROGRESS_BASIC);
  g_assert_false (gs_progress_style_parse ("fancy", stderr, &style, &error));
  g_assert_nonnull (strstr (error->message, "--style fancy"));
  g_clear_error (&error);
  /* a bar draws on its stream, then erases itself */
  FILE *f = tmpfile ();
  GsProgress *p = gs_progress_new (f, GS_PROGRESS_BASIC, 4, 1);
  gs_progress_update (p, 2);
  gs_progress_update (p, 4);
  gs_progress_free (p);
  rewind (f);
  char buf[1024] = { 0 };
  gsize n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  g_assert_cmpuint (n, >, 0);
  g_assert_nonnull (strstr (buf, "Sweeping ["));
  g_assert_nonnull (strstr (buf, " 2/4 points, ETA "));
  g_assert_nonnull (strstr (buf, " 4/4 points"));
  g_assert_cmpint (buf[n - 1], ==, '\r');
}

/* A result packed for the parent (engine/result.h) comes back bit for bit,
 * every field; a cut, lengthened or damaged message is refused. */
static void
test_result_pack (void)
{
  g_autoptr (GsResult) r = gs_result_new ();
  r->wall_s = 0.1 + 0.2;
  r->sequential_s = -0.0;
  r->gil_switches = G_GUINT64_CONSTANT (9223372036854775813);
  gs_result_add_print (r, 1e-300, "MainThread", "h\u00e9llo");
  gs_result_add_print (r, 2.5, "Thread-0", "");
  GsWorker w = { "MainThread", "main", 0, 1.0 / 3, 0.25, 1e-9, 2, 0.125, 7, -3e-5, 5e-5 };
  gs_result_add_worker (r, &w);
  GsWorker t = { "Process-1", "process", 1, 2, 3, 4, 5, 6, 0, 0, NAN };
  gs_result_add_worker (r, &t);
  gs_result_add_wait (r, 0, "sleep", 1.5, 3);
  gs_result_add_wait (r, 0, "lock numpy.random", 0.5, 1);
  gs_result_add_wait (r, 1, "join", 2, 1);
  gs_result_add_overhead (r, 1, "gc collection", 0.01, 4);
  GsQuantiles q = { 12, 0.5, 0.25, 0.75, 0.9, 1.5 };
  gs_result_add_latency (r, "request web", 17, &q);
  g_autoptr (GByteArray) b = gs_result_pack (r);
  g_autoptr (GsResult) c = gs_result_unpack (b->data, b->len);
  g_assert_nonnull (c);
  g_assert_cmpmem (&c->wall_s, sizeof (double), &r->wall_s, sizeof (double));
  g_assert_cmpmem (&c->sequential_s, sizeof (double), &r->sequential_s, sizeof (double));
  g_assert_cmpuint (c->gil_switches, ==, r->gil_switches);
  g_assert_cmpuint (c->prints->len, ==, 2);
  for (guint i = 0; i < 2; i++) {
    GsPrint *a = &g_array_index (r->prints, GsPrint, i), *z = &g_array_index (c->prints, GsPrint, i);
    g_assert_cmpmem (&a->time, sizeof (double), &z->time, sizeof (double));
    g_assert_cmpstr (a->who, ==, z->who);
    g_assert_cmpstr (a->text, ==, z->text);
  }
  g_assert_cmpuint (c->workers->len, ==, 2);
  for (guint i = 0; i < 2; i++) {
    GsWorker *a = &g_array_index (r->workers, GsWorker, i);
    GsWorker *z = &g_array_index (c->workers, GsWorker, i);
    g_assert_cmpstr (a->name, ==, z->name);
    g_assert_cmpstr (a->kind, ==, z->kind);
    g_assert_cmpuint (a->switches, ==, z->switches);
    /* the doubles, in the struct's order from start_s to core_wait_s */
    const double *da[] = { &a->start_s, &a->end_s, &a->cpu_s, &a->gil_wait_s, &a->blocked_s,
                           &a->python_s, &a->slowed_s, &a->core_wait_s };
    const double *dz[] = { &z->start_s, &z->end_s, &z->cpu_s, &z->gil_wait_s, &z->blocked_s,
                           &z->python_s, &z->slowed_s, &z->core_wait_s };
    for (gsize k = 0; k < G_N_ELEMENTS (da); k++)
      g_assert_cmpmem (da[k], sizeof (double), dz[k], sizeof (double));
  }
  GArray *ws[][2] = { { r->waits, c->waits }, { r->overheads, c->overheads } };
  for (gsize k = 0; k < G_N_ELEMENTS (ws); k++) {
    g_assert_cmpuint (ws[k][0]->len, ==, ws[k][1]->len);
    for (guint i = 0; i < ws[k][0]->len; i++) {
      GsWait *a = &g_array_index (ws[k][0], GsWait, i), *z = &g_array_index (ws[k][1], GsWait, i);
      g_assert_cmpuint (a->worker, ==, z->worker);
      g_assert_cmpstr (a->on, ==, z->on);
      g_assert_cmpfloat (a->seconds, ==, z->seconds);
      g_assert_cmpuint (a->count, ==, z->count);
    }
  }
  g_assert_cmpuint (c->waits->len, ==, 3);
  g_assert_cmpuint (c->latency->len, ==, 1);
  GsLatency *l = &g_array_index (c->latency, GsLatency, 0);
  g_assert_cmpstr (l->what, ==, "request web");
  g_assert_cmpint (l->line, ==, 17);
  g_assert_cmpmem (&l->q, sizeof q, &q, sizeof q);
  g_assert_null (c->samples);

  /* every cut, a byte too many, a string without its end */
  for (guint len = 0; len < b->len; len++)
    g_assert_null (gs_result_unpack (b->data, len));
  g_autoptr (GByteArray) longer = g_byte_array_new ();
  g_byte_array_append (longer, b->data, b->len);
  g_byte_array_append (longer, (const guint8 *) "", 1);
  g_assert_null (gs_result_unpack (longer->data, longer->len));
  /* the first print's who: after wall, sequential, switches, the count of
   * prints, its time and its length */
  guint8 *name = b->data + 3 * 8 + 4 + 8 + 4;
  g_assert_cmpmem (name, 11, "MainThread", 11);
  name[10] = 'x';
  g_assert_null (gs_result_unpack (b->data, b->len));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/points/scan", test_scan);
  g_test_add_func ("/points/list", test_list);
  g_test_add_func ("/points/select", test_select);
  g_test_add_func ("/points/variant-text", test_variant_text);
  g_test_add_func ("/points/variants", test_variants);
  g_test_add_func ("/points/resultset-round-trip", test_resultset_round_trip);
  g_test_add_func ("/points/resultset-ragged", test_resultset_ragged);
  g_test_add_func ("/points/resultset-bad-numbers", test_resultset_bad_numbers);
  g_test_add_func ("/points/row-label-one-line", test_row_label_one_line);
  g_test_add_func ("/points/progress-style", test_progress_style);
  g_test_add_func ("/points/result-pack", test_result_pack);
  return g_test_run ();
}
