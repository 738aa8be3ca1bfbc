/* test-trace.c: --trace writes a Chrome trace event file that keeps the
 * format's rules, and its slices add up to the per-worker table; --html
 * writes one self-contained page.  Every scenario in scenarios/ is run
 * (the folder is read when the test runs). */
#include <math.h>
#include <glib/gstdio.h>
#include "run-gilsim.h"
#include "scratch.h"

/* A thread's or a GIL's track: its slices. */
typedef struct {
  char *name;
  GArray *slices;         /* Slice */
  double cat[4];          /* cpu, gil_wait, blocked, other: microseconds, of
                             the slices not inside another (top) */
  double nested_gil;      /* gil_wait of slices inside another */
} Track;

typedef struct {
  double ts, dur;
  int cat;                /* cat_index, -1 for the GIL's */
} Slice;

static void
track_free (gpointer data)
{
  Track *t = data;
  g_free (t->name);
  g_array_unref (t->slices);
  g_free (t);
}

static int
cat_index (const char *cat)
{
  static const char *const cats[] = { "cpu", "gil_wait", "blocked", "other" };
  for (int i = 0; i < 4; i++)
    if (g_strcmp0 (cat, cats[i]) == 0)
      return i;
  return -1;
}

/* By start, the longer first: a slice before those inside it. */
static gint
compare_slices (gconstpointer a, gconstpointer b)
{
  const Slice *x = a, *y = b;
  if (x->ts != y->ts)
    return x->ts < y->ts ? -1 : 1;
  return (x->dur < y->dur) - (x->dur > y->dur);
}

static Track *
track_get (GHashTable *tracks, gint64 pid, gint64 tid)
{
  gint64 key = pid * 1000000 + tid;
  Track *t = g_hash_table_lookup (tracks, &key);
  if (t == NULL) {
    t = g_new0 (Track, 1);
    t->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
    g_hash_table_insert (tracks, g_memdup2 (&key, sizeof key), t);
  }
  return t;
}

/* Checks that the slices of T follow or nest: sorted by start, each one
 * begins after the ones before end, or ends inside the one it begins in.
 * Adds up T's slices by category, the nested GIL waits apart. */
static void
check_nesting (Track *t)
{
  g_array_sort (t->slices, compare_slices);
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (Slice));
  for (guint k = 0; k < t->slices->len; k++) {
    Slice *sl = &g_array_index (t->slices, Slice, k);
    while (open->len > 0 &&
           sl->ts >= g_array_index (open, Slice, open->len - 1).ts +
                     g_array_index (open, Slice, open->len - 1).dur - 1e-6)
      g_array_set_size (open, open->len - 1);
    if (open->len > 0) {
      /* inside the one still open: it must end there too */
      const Slice *up = &g_array_index (open, Slice, open->len - 1);
      g_assert_cmpfloat (sl->ts + sl->dur, <=, up->ts + up->dur + 1e-6);
      if (sl->cat == 1)
        t->nested_gil += sl->dur;
    } else if (sl->cat >= 0) {
      t->cat[sl->cat] += sl->dur;
    }
    g_array_append_val (open, *sl);
  }
}

/* Loads the trace at PATH and checks the format's rules: an object with
 * traceEvents and displayTimeUnit; every slice and instant on a named
 * thread of a named process; the slices of a track follow or nest in each
 * other; every slice of a thread says the statement (SCENARIO:LINE).
 * Returns the tracks by thread name (the GIL tracks are "GIL@PID"). */
static GHashTable *
load_trace (const char *path, const char *scenario)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = gilsim_json_file (parser, path);
  g_assert_true (json_object_has_member (root, "displayTimeUnit"));
  JsonArray *events = json_object_get_array_member (root, "traceEvents");
  g_assert_nonnull (events);
  g_autoptr (GHashTable) tracks = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, track_free);
  g_autoptr (GHashTable) procs = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = json_array_get_length (events);
  g_autofree gint64 *pids = g_new0 (gint64, n);
  for (guint i = 0; i < n; i++) {
    JsonObject *e = json_array_get_object_element (events, i);
    const char *ph = json_object_get_string_member (e, "ph");
    pids[i] = json_object_get_int_member (e, "pid");
    if (g_strcmp0 (ph, "M") != 0)
      continue;
    const char *what = json_object_get_string_member (e, "name");
    JsonObject *args = json_object_get_object_member (e, "args");
    if (g_strcmp0 (what, "process_name") == 0)
      g_hash_table_add (procs, &pids[i]);
    if (g_strcmp0 (what, "thread_name") == 0) {
      Track *t = track_get (tracks, pids[i], json_object_get_int_member (e, "tid"));
      g_assert_null (t->name);
      t->name = g_strdup (json_object_get_string_member (args, "name"));
    }
  }
  g_autofree char *at_prefix = g_strconcat (scenario, ":", NULL);
  for (guint i = 0; i < n; i++) {
    JsonObject *e = json_array_get_object_element (events, i);
    const char *ph = json_object_get_string_member (e, "ph");
    if (g_strcmp0 (ph, "M") == 0 || g_strcmp0 (ph, "C") == 0)
      continue;
    g_assert_true (g_strcmp0 (ph, "X") == 0 || g_strcmp0 (ph, "i") == 0);
    g_assert_true (g_hash_table_contains (procs, &pids[i]));
    Track *t = track_get (tracks, pids[i], json_object_get_int_member (e, "tid"));
    g_assert_nonnull (t->name);   /* every event on a named thread */
    if (g_strcmp0 (ph, "i") == 0)
      continue;
    double ts = json_object_get_double_member (e, "ts");
    double dur = json_object_get_double_member (e, "dur");
    g_assert_cmpfloat (dur, >, 0);
    const char *cat = json_object_get_string_member (e, "cat");
    Slice sl = { ts, dur, cat_index (cat) };
    g_array_append_val (t->slices, sl);
    if (g_strcmp0 (cat, "gil") == 0)
      continue;
    g_assert_cmpint (sl.cat, >=, 0);
    JsonObject *args = json_object_get_object_member (e, "args");
    const char *at = json_object_get_string_member (args, "at");
    g_assert_true (g_str_has_prefix (at, at_prefix));
    g_assert_cmpint (atoi (at + strlen (at_prefix)), >=, 1);
  }
  GHashTable *by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, track_free);
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, tracks);
  while (g_hash_table_iter_next (&it, &key, &value)) {
    Track *t = value;
    check_nesting (t);
    char *name = g_strcmp0 (t->name, "GIL") == 0
                     ? g_strdup_printf ("GIL@%" G_GINT64_FORMAT, *(gint64 *) key / 1000000)
                     : g_strdup (t->name);
    g_assert_false (g_hash_table_contains (by_name, name));
    g_hash_table_iter_steal (&it);
    g_free (key);
    g_hash_table_insert (by_name, name, t);
  }
  return by_name;
}

/* The wall time in the otherData of the trace at PATH, seconds. */
static double
trace_wall (const char *path)
{
  g_autoptr (JsonParser) tp = json_parser_new ();
  JsonObject *other = json_object_get_object_member (gilsim_json_file (tp, path), "otherData");
  return json_object_get_double_member (other, "wall_us") / 1e6;
}

/* The scenarios whose native calls run parts on several cores: their
 * workers' cpu_s sums the parts, more than the lifetime. */
static gboolean
parallel_native (const char *scenario)
{
  static const char *const names[] = {
    "scenarios/resources/blas_oversubscribed.gil",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (scenario, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Runs SCENARIO with --trace and checks that each worker's slices tile
 * its life and add up to its table row: gil_wait and blocked within a
 * microsecond; and that the row adds up to the lifetime. */
static void
check_scenario (gconstpointer data)
{
  const char *scenario = data;
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "t.json", NULL);
  GilsimPoint p;
  gilsim_point_run (&p, "run", scenario, "--trace", path, NULL);
  g_autoptr (GHashTable) tracks = load_trace (path, scenario);
  /* the run as written, not its sequential run */
  assert_near (trace_wall (path), gilsim_dbl (p.res, "wall_s"), 1e-6);
  JsonArray *ws = json_object_get_array_member (p.res, "workers");
  g_assert_cmpuint (json_array_get_length (ws), >, 0);
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *w = json_array_get_object_element (ws, i);
    const char *name = json_object_get_string_member (w, "name");
    Track *t = g_hash_table_lookup (tracks, name);
    g_assert_nonnull (t);
    g_assert_cmpuint (t->slices->len, >, 0);
    double start = gilsim_dbl (w, "start_s") * 1e6, end = gilsim_dbl (w, "end_s") * 1e6;
    const Slice *sl = &g_array_index (t->slices, Slice, 0);
    double first = sl->ts, stop = 0;
    for (guint k = 0; k < t->slices->len; k++) {
      sl = &g_array_index (t->slices, Slice, k);
      stop = MAX (stop, sl->ts + sl->dur);
    }
    double sum = t->cat[0] + t->cat[1] + t->cat[2] + t->cat[3];
    g_test_message ("%s: cpu %.3f gil_wait %.3f blocked %.3f other %.3f us", name,
                    t->cat[0], t->cat[1], t->cat[2], t->cat[3]);
    assert_near (first, start, 1);
    assert_near (stop, end, 1);
    assert_near (sum, (end - start), 1);
    /* no GIL wait inside another slice: a blocking call's slice and
     * blocked time begin once its release of the GIL is done, so that a
     * second is never counted as blocked and as waiting for the GIL */
    g_assert_cmpfloat (t->nested_gil, ==, 0);
    assert_near (t->cat[1], gilsim_dbl (w, "gil_wait_s") * 1e6, 1);
    assert_near (t->cat[2], gilsim_dbl (w, "blocked_s") * 1e6, 1);
    /* the row adds up to the lifetime: CPU work, the GIL wait, blocked
     * time, slow vCPUs and the time without a full core, within 0.1 ms
     * (a killed daemon's last `python` statement included); not where the
     * CPU of a native call's parallel parts (`threads K`) is summed over
     * cores */
    if (!parallel_native (scenario)) {
      double row = gilsim_dbl (w, "cpu_s") + gilsim_dbl (w, "gil_wait_s") +
                   gilsim_dbl (w, "blocked_s") +
                   json_object_get_double_member_with_default (w, "slowed_s", 0) +
                   json_object_get_double_member_with_default (w, "core_wait_s", 0);
      assert_near (row * 1e6, (end - start), 100 + 1e-6 * (end - start));
      /* the CPU slices, start-up included, are the row's cpu_s and the
       * stretch that slow vCPUs and shared cores added to it */
      double cpu = gilsim_dbl (w, "cpu_s") +
                   json_object_get_double_member_with_default (w, "slowed_s", 0) +
                   json_object_get_double_member_with_default (w, "core_wait_s", 0);
      assert_near (t->cat[0], cpu * 1e6, 100 + 1e-6 * (end - start));
    }
    g_assert_cmpfloat (t->cat[3], ==, 0);   /* no slice outside the table's columns */
  }
  gilsim_point_clear (&p);
  tmpdir_remove (dir);
}

/* The same inputs give the same bytes; a trace changes nothing else. */
static void
test_identical (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *a = g_build_filename (dir, "a.json", NULL);
  g_autofree char *b = g_build_filename (dir, "b.json", NULL);
  const char *sc = "scenarios/seed/cpu_threads.gil";
  GilsimRun ra = gilsim_run ("run", sc, "--trace", a, NULL);
  GilsimRun rb = gilsim_run ("run", sc, "--trace", b, NULL);
  GilsimRun plain = gilsim_run ("run", sc, NULL);
  gilsim_expect_ok (&ra);
  g_assert_cmpstr (ra.out, ==, plain.out);
  g_assert_cmpstr (rb.out, ==, plain.out);
  g_autofree char *ta = read_file (a), *tb = read_file (b);
  g_assert_cmpstr (ta, ==, tb);
  gilsim_run_clear (&ra);
  gilsim_run_clear (&rb);
  gilsim_run_clear (&plain);
  tmpdir_remove (dir);
}

/* A sweep writes one trace per point, FILE-K.json, each of the point's
 * run as written (its wall time), never of the sequential run. */
static void
test_sweep_files (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "t.json", NULL);
  GilsimRun r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=1,3",
                            "-j", "1", "--trace", path, "--export-json", "-", NULL);
  gilsim_expect_ok (&r);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_autoptr (JsonParser) parser = json_parser_new ();
  for (guint k = 0; k < 2; k++) {
    JsonObject *res = gilsim_result (parser, &r, k);
    g_autofree char *name = g_strdup_printf ("t-%u.json", k);
    g_autofree char *pk = g_build_filename (dir, name, NULL);
    double wall = trace_wall (pk);
    assert_near (wall, gilsim_dbl (res, "wall_s"), 1e-6);
    if (k == 1)   /* N=3: its sequential run takes another time */
      g_assert_cmpfloat (fabs (wall - gilsim_dbl (res, "sequential_s")), >, 1e-6);
  }
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

/* A run that fails writes its trace up to the failure, by the rules,
 * with the error: the threads of a deadlock end waiting for their locks. */
static void
test_failed (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "t.json", NULL);
  const char *sc = "tests/errors/dl-lock-order.gil";
  GilsimRun r = gilsim_run ("run", sc, "--trace", path, NULL);
  gilsim_expect_error (&r, "");
  g_autoptr (GHashTable) tracks = load_trace (path, sc);
  Track *t = g_hash_table_lookup (tracks, "Thread-1");
  g_assert_nonnull (t);
  g_assert_cmpfloat (t->cat[2], >, 0);   /* blocked: its sleep, its lock */
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *other = json_object_get_object_member (gilsim_json_file (parser, path),
                                                     "otherData");
  g_assert_nonnull (strstr (json_object_get_string_member (other, "error"), "deadlock"));
  g_assert_cmpfloat (trace_wall (path), >, 0);
  g_assert_nonnull (strstr (r.err, "deadlock"));
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

/* Checks that the page TEXT is self-contained: no address to fetch, no
 * external script, style sheet or font. */
static void
check_self_contained (const char *text)
{
  g_assert_true (g_str_has_prefix (text, "<!DOCTYPE html>"));
  g_autofree char *low = g_ascii_strdown (text, -1);
  const char *banned[] = { "http:", "https:", "<script src", "<link", "@import",
                           "url(", "@font-face", "<img", "<iframe" };
  for (gsize i = 0; i < G_N_ELEMENTS (banned); i++)
    if (strstr (low, banned[i])) {
      g_test_message ("the page has '%s'", banned[i]);
      g_assert_null (strstr (low, banned[i]));
    }
  g_assert_nonnull (strstr (text, "</html>"));
}

/* Asserts that PAGE has a timeline row for every worker of the result RES,
 * and a line of its table. */
static void
check_rows (const char *page, JsonObject *res)
{
  JsonArray *ws = json_object_get_array_member (res, "workers");
  g_assert_cmpuint (json_array_get_length (ws), >, 0);
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    const char *name = json_object_get_string_member (
        json_array_get_object_element (ws, i), "name");
    g_autofree char *row = g_strdup_printf ("<g class=\"row\" data-name=\"%s\" "
                                            "data-kind=\"thread\">", name);
    g_autofree char *cell = g_strdup_printf ("<tr><td class=\"l\">%s</td>", name);
    g_assert_nonnull (strstr (page, row));
    g_assert_nonnull (strstr (page, cell));
  }
}

/* --html: one self-contained page with a row per worker, the GIL's band,
 * the printed lines; the other outputs do not change. */
static void
test_html (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "r.html", NULL);
  GilsimPoint p;
  gilsim_point_run (&p, "run", "scenarios/seed/cpu_threads.gil", "--html", path, NULL);
  g_autofree char *page = read_file (path);
  check_self_contained (page);
  check_rows (page, p.res);
  g_assert_nonnull (strstr (page, "<g class=\"row\" data-name=\"GIL\" data-kind=\"gil\">"));
  g_assert_nonnull (strstr (page, "Thread-0 finished."));
  g_assert_nonnull (strstr (page, "waits for GIL"));
  /* under the GIL a thread never runs without a core of its own */
  g_assert_null (strstr (page, "core_wait s</th>"));
  gilsim_point_clear (&p);
  /* four free threads on two cores: the table's core_wait column */
  gilsim_point_run (&p, "run", "scenarios/seed/cpu_threads.gil", "-L", "N=4",
                    "--runtime", "cpython-3.13t", "--platform",
                    "platforms/laptop-2core.xml", "--html", path, NULL);
  g_clear_pointer (&page, g_free);
  g_assert_true (g_file_get_contents (path, &page, NULL, NULL));
  g_assert_nonnull (strstr (page, "core_wait s</th>"));
  JsonArray *ws = json_object_get_array_member (p.res, "workers");
  JsonObject *w1 = json_array_get_object_element (ws, 1);
  g_assert_cmpfloat (json_object_get_double_member (w1, "core_wait_s"), >, 0);
  g_autofree char *cell = g_strdup_printf (
      "<td>%" G_GINT64_FORMAT "</td><td>%.4f</td>",
      json_object_get_int_member (w1, "switches"),
      json_object_get_double_member (w1, "core_wait_s"));
  g_assert_nonnull (strstr (page, cell));
  gilsim_point_clear (&p);
  tmpdir_remove (dir);
}

/* -o DIR writes report.html: the sweep's charts, a section per point with
 * a row per worker. */
static void
test_html_sweep (void)
{
  g_autofree char *dir = tmpdir_new ();
  GilsimRun r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-L", "N=1,2,3",
                            "-o", dir, "--export-json", "-", NULL);
  gilsim_expect_ok (&r);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  g_autofree char *page = read_file (path);
  check_self_contained (page);
  g_assert_nonnull (strstr (page, "wall time (s) against N"));
  g_assert_nonnull (strstr (page, "speedup against N"));
  g_autoptr (JsonParser) parser = json_parser_new ();
  for (guint k = 0; k < 3; k++) {
    g_autofree char *sec = g_strdup_printf ("<section id=\"point-%u\">", k);
    const char *at = strstr (page, sec);
    g_assert_nonnull (at);
    const char *end = strstr (at, "</section>");
    g_assert_nonnull (end);
    g_autofree char *part = g_strndup (at, end - at);
    check_rows (part, gilsim_result (parser, &r, k));
  }
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

/* The paragraph of TEXT (a run's printed report) that starts with
 * "Why:" at or after FROM, its wrapped lines joined, as the page's
 * <p class="why"> holds it; NULL if there is none. */
static char *
why_paragraph (const char *text, const char *from)
{
  const char *at = strstr (from, "Why:");
  if (at == NULL)
    return NULL;
  GString *p = g_string_new ("<p class=\"why\">");
  for (const char *c = at; *c && !(c[0] == '\n' && (c[1] == '\n' || c[1] == '\0' ||
                                                     g_str_has_prefix (c + 1, "Why:")));
       c++)
    g_string_append_c (p, *c == '\n' ? ' ' : *c);
  g_string_append (p, "</p>");
  return g_string_free (p, FALSE);
}

/* The report page has the Why the terminal prints: the point's, and the
 * sweep's along N. */
static void
test_html_why (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "r.html", NULL);
  GilsimRun r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-q", "--html", path, NULL);
  gilsim_expect_ok (&r);
  g_autofree char *page = read_file (path);
  g_autofree char *why = why_paragraph (r.out, r.out);
  g_assert_nonnull (why);
  g_test_message ("%s", why);
  g_assert_nonnull (strstr (page, why));
  gilsim_run_clear (&r);
  r = gilsim_run ("run", "scenarios/seed/cpu_threads.gil", "-q", "-L", "N=1,2,3", "-o", dir,
                  NULL);
  gilsim_expect_ok (&r);
  g_autofree char *report = g_build_filename (dir, "report.html", NULL);
  g_autofree char *sweep_page = read_file (report);
  g_autofree char *sweep_why = why_paragraph (r.out, r.out);
  g_assert_nonnull (sweep_why);
  g_assert_nonnull (strstr (sweep_why, "with N"));
  g_assert_nonnull (strstr (sweep_page, sweep_why));
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

/* A simulated hour of two threads switching every 5 ms (720,000
 * switches) stays a small page: at most a few thousand rectangles a
 * row, under 2 MB. */
static void
test_html_long (void)
{
  g_autofree char *dir = tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "r.html", NULL);
  GilsimRun r = gilsim_run ("run", "tests/data/trace_hour.gil", "--no-sequential", "-q",
                            "--html", path, NULL);
  gilsim_expect_ok (&r);
  gsize len = 0;
  g_autofree char *page = NULL;
  g_assert_true (g_file_get_contents (path, &page, &len, NULL));
  g_test_message ("%zu bytes", len);
  g_assert_cmpuint (len, <, 2000000);
  check_self_contained (page);
  guint rows = 0;
  for (const char *row = strstr (page, "<g class=\"row\""); row;
       row = strstr (row + 1, "<g class=\"row\"")) {
    const char *end = strstr (row, "</g>");
    guint rects = 0;
    for (const char *x = strstr (row, "<rect"); x && x < end; x = strstr (x + 1, "<rect"))
      rects++;
    g_assert_cmpuint (rects, >, 0);
    g_assert_cmpuint (rects, <=, 4000);
    rows++;
  }
  g_assert_cmpuint (rows, ==, 4);   /* the GIL, MainThread, Thread-0, Thread-1 */
  gilsim_run_clear (&r);
  tmpdir_remove (dir);
}

/* Every .gil under FOLDER (relative to the source root), recursively. */
static void
find_scenarios (const char *root, const char *folder, GPtrArray *out)
{
  g_autofree char *full = g_build_filename (root, folder, NULL);
  g_autoptr (GDir) d = g_dir_open (full, 0, NULL);
  g_assert_nonnull (d);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL) {
    g_autofree char *rel = g_build_filename (folder, name, NULL);
    g_autofree char *abs = g_build_filename (root, rel, NULL);
    if (g_file_test (abs, G_FILE_TEST_IS_DIR))
      find_scenarios (root, rel, out);
    else if (g_str_has_suffix (name, ".gil"))
      g_ptr_array_add (out, g_steal_pointer (&rel));
  }
}

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  GPtrArray *scenarios = g_ptr_array_new_with_free_func (g_free);
  find_scenarios (g_getenv ("GILSIM_SOURCE_ROOT"), "scenarios", scenarios);
  g_ptr_array_sort (scenarios, compare_paths);
  g_assert_cmpuint (scenarios->len, >, 0);
  for (guint i = 0; i < scenarios->len; i++) {
    g_autofree char *name = g_strdup_printf ("/trace/scenario/%s",
                                             (char *) scenarios->pdata[i]);
    g_test_add_data_func (name, scenarios->pdata[i], check_scenario);
  }
  g_test_add_func ("/trace/identical", test_identical);
  g_test_add_func ("/trace/sweep-files", test_sweep_files);
  g_test_add_func ("/trace/failed", test_failed);
  g_test_add_func ("/trace/html", test_html);
  g_test_add_func ("/trace/html-sweep", test_html_sweep);
  g_test_add_func ("/trace/html-why", test_html_why);
  g_test_add_func ("/trace/html-long", test_html_long);
  int rc = g_test_run ();
  g_ptr_array_unref (scenarios);
  return rc;
}
