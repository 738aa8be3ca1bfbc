/* test-calibrate.c: which record sets which host property, and the
 * platform file written with the values (sim/validate/calibrate.h), without
 * SimGrid. */
#include <math.h>
#include <string.h>

#include "validate/calibrate.h"
#include "platform/platform_variant.h"

static const char *const xml =
    "<?xml version='1.0'?>\n"
    "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
    "<!-- a <platform in a comment -->\n"
    "<platform version=\"4.1\">\n"
    "  <zone id=\"z\" routing=\"Full\">\n"
    "    <host id=\"m\" speed=\"1Gf\" core=\"2\">\n"
    "      <!-- <prop id=\"cost.hashlib.sha256\" value=\"9ns\"/> in a comment -->\n"
    "      <prop id=\"python.loop\" value=\"40ns\"/>\n"
    "      <prop id=\"cost.hashlib.sha256\" value=\"1ns\"/>\n"
    "      <prop id=\"process.fork.parent\" value=\"1ms\"/>\n"
    "      <prop id=\"process.fork.child\" value=\"2ms\"/>\n"
    "      <prop id=\"process.fork.exit\" value=\"1ms\"/>\n"
    "      <prop id=\"disk.latency\" value=\"100us\"/>\n"
    "      <disk id=\"ssd\" read_bw=\"1000MBps\" write_bw=\"500MBps\"/>\n"
    "    </host>\n"
    "  </zone>\n"
    "</platform>\n";

/* A record parsed from JSON (new reference). */
static JsonObject *
record (const char *json)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  GError *error = NULL;
  g_assert_true (json_parser_load_from_data (p, json, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (p)));
}

static GsPlatform *
platform (void)
{
  GError *error = NULL;
  GsPlatform *p = gs_platform_parse ("m.xml", xml, strlen (xml), &error);
  g_assert_no_error (error);
  return p;
}

/* The platform above with the lines PROPS added to its host. */
static GsPlatform *
platform_with (const char *props)
{
  const char *at = strstr (xml, "      <disk ");
  g_autofree char *text = g_strdup_printf ("%.*s%s%s", (int) (at - xml), xml, props, at);
  GError *error = NULL;
  GsPlatform *p = gs_platform_parse ("m.xml", text, strlen (text), &error);
  g_assert_no_error (error);
  return p;
}

/* The fit of ID's ATTR in FITS, or NULL. */
static const GsFit *
find_fit (GPtrArray *fits, const char *id, const char *attr)
{
  for (guint i = 0; i < fits->len; i++) {
    const GsFit *f = fits->pdata[i];
    if (strcmp (f->id, id) == 0 && strcmp (f->attr, attr) == 0)
      return f;
  }
  return NULL;
}

/* The fit of ID's ATTR in FITS, which must be there: the test fails
 * otherwise. */
static const GsFit *
fit_of (GPtrArray *fits, const char *id, const char *attr)
{
  const GsFit *f = find_fit (fits, id, attr);
  if (f == NULL)
    g_error ("no fit for %s's %s", id, attr);
  return f;
}

/* A native call alone in the main thread sets its cost per byte: it takes
 * the difference between measured and predicted, spread over the bytes;
 * where it could not be predicted (the platform lacks the cost), the
 * measured time is all cost. */
static void
test_native (void)
{
  g_autoptr (GsPlatform) pl = platform ();
  const GsHost *h = gs_platform_first_host (pl);
  g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_autoptr (JsonObject) r = record ("{\"case\": \"hashlib_threads\", \"variant\": \"calib-main\","
                              " \"kind\": \"main\", \"n_workers\": 1,"
                              " \"work\": {\"bytes\": 1000000}}");
  /* predicted 1.0 ms (1 ns a byte) + 0.1 ms of something else; measured 2.1 ms */
  g_assert_true (gs_calibrate_record (r, "f:1", 2.1e-3, 1.1e-3, pl, h,
                                      GS_CALIBRATE_COSTS, NULL, fits));
  const GsFit *f = fit_of (fits, "cost.hashlib.sha256", "value");
  g_assert_nonnull (f);
  g_assert_cmpfloat_with_epsilon (f->before, 1e-9, 1e-15);
  g_assert_cmpfloat_with_epsilon (f->after, 2e-9, 1e-15);
  g_assert_nonnull (strstr (f->source, "f:1 hashlib_threads calib-main"));
  /* a second more measured is a nanosecond more a byte (its bootstrap) */
  g_assert_cmpfloat_with_epsilon (f->per_measured, 1e-6, 1e-18);
  /* the same record in the imports' stage sets nothing */
  g_assert_false (gs_calibrate_record (r, "f:1", 2.1e-3, 1.1e-3, pl, h,
                                       GS_CALIBRATE_IMPORTS, NULL, fits));
  /* a preset the host has no cost for: measured / bytes */
  g_autoptr (JsonObject) z = record ("{\"case\": \"native_presets\", \"variant\": \"zlib.compress\","
                              " \"kind\": \"main\", \"n_workers\": 1,"
                              " \"work\": {\"bytes\": 1000}}");
  g_assert_true (gs_calibrate_record (z, "f:2", 2e-5, NAN, pl, h, GS_CALIBRATE_COSTS, NULL, fits));
  f = fit_of (fits, "cost.zlib.compress", "value");
  g_assert_true (isnan (f->before));
  g_assert_cmpfloat_with_epsilon (f->after, 2e-8, 1e-14);
  /* the same call in a thread, or with two workers, sets nothing */
  g_autoptr (JsonObject) t = record ("{\"case\": \"native_presets\", \"variant\": \"zlib.compress\","
                              " \"kind\": \"threads\", \"n_workers\": 2,"
                              " \"work\": {\"bytes\": 1000}}");
  g_assert_false (gs_calibrate_record (t, "f:3", 2e-5, 1e-5, pl, h, GS_CALIBRATE_COSTS, NULL, fits));
  /* a record faster than what the model charges besides sets nothing */
  g_assert_false (gs_calibrate_record (r, "f:1", 0.05e-3, 1.1e-3, pl, h,
                                       GS_CALIBRATE_COSTS, NULL, fits));
  g_assert_cmpuint (fits->len, ==, 2);
}

/* FITS set the fork's costs to PARENT, CHILD, EXIT and FIRST (NAN: no
 * fit of `first`), in seconds. */
static void
assert_fork_fits (GPtrArray *fits, double parent, double child, double exit, double first)
{
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "process.fork.parent", "value")->after,
                                  parent, 1e-12);
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "process.fork.child", "value")->after,
                                  child, 1e-12);
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "process.fork.exit", "value")->after,
                                  exit, 1e-12);
  if (isnan (first))
    g_assert_null (find_fit (fits, "process.fork.first", "value"));
  else
    g_assert_cmpfloat_with_epsilon (fit_of (fits, "process.fork.first", "value")->after,
                                    first, 1e-12);
}

/* An empty process scales its three costs together; one thread's file
 * I/O sets the disk's bandwidths from its own phase times, less the
 * calls' latency. */
static void
test_process_and_disk (void)
{
  g_autoptr (GsPlatform) pl = platform ();
  const GsHost *h = gs_platform_first_host (pl);
  g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_autoptr (JsonObject) r = record ("{\"case\": \"cpu_processes\", \"variant\": \"fork-empty\","
                              " \"n_workers\": 1, \"start_method\": \"fork\", \"work\": {}}");
  /* 4 ms of fork costs predicted as 4.5 ms; measured 6.5 ms: 1.5 times */
  g_assert_true (gs_calibrate_record (r, "f:1", 6.5e-3, 4.5e-3, pl, h,
                                      GS_CALIBRATE_COSTS, NULL, fits));
  /* no `first` on the host: none is fitted */
  assert_fork_fits (fits, 1.5e-3, 3e-3, 1.5e-3, NAN);
  /* each moves with the record in proportion to its share of the 4 ms */
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "process.fork.child", "value")->per_measured,
                                  0.5, 1e-12);
  g_autoptr (JsonObject) d = record ("{\"case\": \"file_io_threads\", \"variant\": \"write+fsync,read\","
                              " \"kind\": \"threads\", \"n_workers\": 1,"
                              " \"work\": {\"bytes\": 10000000, \"chunk\": 1000000,"
                              " \"fsync\": true},"
                              " \"extra\": {\"write_fsync_median_s\": {\"median\": 0.021},"
                              " \"read_median_s\": {\"median\": 0.011}}}");
  g_assert_true (gs_calibrate_record (d, "f:2", 0.032, 0.03, pl, h, GS_CALIBRATE_COSTS, NULL, fits));
  /* 10 calls of 100 us: 20 ms and 10 ms of transfer */
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "ssd", "write_bw")->after, 5e8, 1);
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "ssd", "read_bw")->after, 1e9, 1);
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "ssd", "read_bw")->before, 1e9, 1);
  g_assert_cmpfloat (fit_of (fits, "ssd", "read_bw")->per_measured, ==, 0);  /* not drawn */
}

/* Behind a page cache, one thread's file I/O leaves out its copies (and
 * a cached write makes no request, so pays no latency); one thread's long
 * sleep and its join set os.halt_wake, half the difference each. */
static void
test_cache_and_halt (void)
{
  g_autoptr (GsPlatform) pl = platform_with ("      <prop id=\"disk.cache_write\" value=\"1ns\"/>\n"
                                             "      <prop id=\"disk.cache_read\" value=\"0.5ns\"/>\n");
  const GsHost *h = gs_platform_first_host (pl);
  g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_autoptr (JsonObject) d = record ("{\"case\": \"file_io_threads\", \"variant\": \"write+fsync,read\","
                              " \"kind\": \"threads\", \"n_workers\": 1,"
                              " \"work\": {\"bytes\": 10000000, \"chunk\": 1000000,"
                              " \"fsync\": true},"
                              " \"extra\": {\"write_fsync_median_s\": {\"median\": 0.03},"
                              " \"read_median_s\": {\"median\": 0.016}}}");
  g_assert_true (gs_calibrate_record (d, "f:1", 0.046, 0.04, pl, h, GS_CALIBRATE_COSTS, NULL, fits));
  /* write: 30 ms less 10 ms of copy; read: 16 ms less 1 ms of latency and
   * 5 ms of copy */
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "ssd", "write_bw")->after, 5e8, 1);
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "ssd", "read_bw")->after, 1e9, 1);
  g_autoptr (JsonObject) s = record ("{\"case\": \"io_threads\", \"variant\": \"sleep\","
                              " \"kind\": \"threads\", \"n_workers\": 1,"
                              " \"work\": {\"sleep_s\": 0.5}}");
  g_assert_true (gs_calibrate_record (s, "f:2", 0.5006, 0.5002, pl, h, GS_CALIBRATE_COSTS, NULL, fits));
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "os.halt_wake", "value")->after, 2e-4, 1e-12);
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "os.halt_wake", "value")->per_measured, 0.5,
                                  1e-12);
  /* a sleep that wakes earlier than predicted sets nothing */
  g_assert_false (gs_calibrate_record (s, "f:3", 0.5001, 0.5002, pl, h, GS_CALIBRATE_COSTS,
                                       NULL, fits));
}

/* A lone thread's 200 sleeps (io-alone-sleep): the record's start phase
 * less thread.start sets thread.first on a host that has it, and
 * sleep.overhead takes the rest of the difference; a host without
 * thread.first keeps none, and sleep.overhead takes it all. */
static void
test_sleep_convoy_phases (void)
{
  static const char *const rec =
      "{\"case\": \"mixed_convoy\", \"variant\": \"io-alone-sleep\", \"n_workers\": 1,"
      " \"work\": {\"io_iters\": 200, \"io\": \"sleep 0.001s\"},"
      " \"extra\": {\"io_done_s\": {\"median\": 0.2153},"
      " \"io_thread_seconds\": {\"median\": 0.2150}}}";
  g_autoptr (JsonObject) r = record (rec);
  g_autoptr (GsPlatform) pl = platform_with ("      <prop id=\"thread.start\" value=\"100us\"/>\n"
                                             "      <prop id=\"thread.first\" value=\"50us\"/>\n"
                                             "      <prop id=\"sleep.overhead\" value=\"70us\"/>\n");
  g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  /* predicted 215.0 ms, measured 215.6 ms: the start took 0.3 ms, 0.15 ms
   * more than predicted (thread.first 0.2 ms); the sleeps take the other
   * 0.45 ms, 2.25 us each */
  g_assert_true (gs_calibrate_record (r, "f:1", 0.2156, 0.2150, pl, gs_platform_first_host (pl),
                                      GS_CALIBRATE_COSTS, NULL, fits));
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "thread.first", "value")->after, 2e-4, 1e-12);
  g_assert_cmpfloat (fit_of (fits, "thread.first", "value")->per_measured, ==, 0);
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "sleep.overhead", "value")->after, 72.25e-6,
                                  1e-12);
  /* without thread.first on the host */
  g_autoptr (GsPlatform) bare = platform_with ("      <prop id=\"sleep.overhead\" value=\"70us\"/>\n");
  g_autoptr (GPtrArray) fits2 = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_assert_true (gs_calibrate_record (r, "f:2", 0.2156, 0.2150, bare, gs_platform_first_host (bare),
                                      GS_CALIBRATE_COSTS, NULL, fits2));
  g_assert_cmpuint (fits2->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (fit_of (fits2, "sleep.overhead", "value")->after, 73e-6, 1e-12);
}

/* An interpreter's start-up sets python.startup when it is the session's
 * interpreter, and its own version's python.startup.VERSION otherwise:
 * from the measure alone where the host has none (the prediction was
 * another interpreter's), from the difference where it has one. */
static void
test_startup (void)
{
  g_autoptr (GsPlatform) pl = platform_with ("      <prop id=\"python.startup\" value=\"20ms\"/>\n");
  const GsHost *h = gs_platform_first_host (pl);
  const GsRuntime *r312 = gs_runtime_lookup ("cpython-3.12");
  g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_autoptr (JsonObject) same = record ("{\"case\": \"interpreter_start\", "
                                        "\"python_version\": \"3.12.1\"}");
  g_autoptr (JsonObject) other = record ("{\"case\": \"interpreter_start\", "
                                         "\"python_version\": \"3.11.7\"}");
  g_assert_true (gs_calibrate_record (same, "f:1", 0.025, 0.020, pl, h, GS_CALIBRATE_COSTS,
                                      r312, fits));
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "python.startup", "value")->after, 0.025, 1e-12);
  /* 3.11's prediction used 3.12's 20 ms: the measure alone counts */
  g_assert_true (gs_calibrate_record (other, "f:2", 0.056, 0.020, pl, h, GS_CALIBRATE_COSTS,
                                      r312, fits));
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "python.startup.3.11", "value")->after, 0.056,
                                  1e-12);
  g_assert_true (isnan (fit_of (fits, "python.startup.3.11", "value")->before));
  g_assert_cmpuint (fits->len, ==, 2);
  /* with 3.11's own on the host, the difference adds to it */
  g_autoptr (GsPlatform) both = platform_with (
      "      <prop id=\"python.startup\" value=\"20ms\"/>\n"
      "      <prop id=\"python.startup.3.11\" value=\"50ms\"/>\n");
  g_autoptr (GPtrArray) fits2 = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_assert_true (gs_calibrate_record (other, "f:2", 0.056, 0.052, both,
                                      gs_platform_first_host (both), GS_CALIBRATE_COSTS, r312,
                                      fits2));
  g_assert_cmpfloat_with_epsilon (fit_of (fits2, "python.startup.3.11", "value")->after, 0.054,
                                  1e-12);
  /* no session runtime known: python.startup, as before */
  g_autoptr (GPtrArray) fits3 = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_assert_true (gs_calibrate_record (other, "f:2", 0.056, 0.020, pl, h, GS_CALIBRATE_COSTS,
                                      NULL, fits3));
  g_assert_cmpfloat_with_epsilon (fit_of (fits3, "python.startup", "value")->after, 0.056, 1e-12);
}

/* The seed programs with one worker set the imports, in the second stage
 * only. */
static void
test_imports (void)
{
  g_autoptr (GsPlatform) pl = platform ();
  const GsHost *h = gs_platform_first_host (pl);
  g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_autoptr (JsonObject) r = record ("{\"case\": \"seed_numpy_threads\", \"N\": 1, \"median_s\": 0.5}");
  g_assert_false (gs_calibrate_record (r, "f:1", 0.5, 0.3, pl, h, GS_CALIBRATE_COSTS, NULL, fits));
  g_assert_true (gs_calibrate_record (r, "f:1", 0.5, 0.3, pl, h, GS_CALIBRATE_IMPORTS, NULL, fits));
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "import.numpy", "value")->after, 0.2, 1e-12);
  g_autoptr (JsonObject) three = record ("{\"case\": \"seed_numpy_threads\", \"N\": 3}");
  g_assert_false (gs_calibrate_record (three, "f:2", 0.9, 0.6, pl, h,
                                       GS_CALIBRATE_IMPORTS, NULL, fits));
}

/* Fits of one property merge into their mean; the platform written with
 * them has each value in place, a property the host lacked added, the
 * comment listing them before <platform>, and loads. */
static void
test_merge_apply (void)
{
  g_autoptr (GsPlatform) pl = platform ();
  const GsHost *h = gs_platform_first_host (pl);
  g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_ptr_array_add (fits, gs_calibrate_fit_new_prop ("cost.hashlib.sha256", GS_DIM_DURATION, 1e-9,
                                          2e-9, NULL, "a -- b"));
  g_ptr_array_add (fits, gs_calibrate_fit_new_prop ("cost.zlib.compress", GS_DIM_DURATION, NAN,
                                          2.5e-8, NULL, "c"));
  g_ptr_array_add (fits, gs_calibrate_fit_new_prop ("cost.hashlib.sha256", GS_DIM_DURATION, 1e-9,
                                          4e-9, NULL, "d"));
  g_ptr_array_add (fits, gs_calibrate_fit_new_prop ("python.version", GS_DIM_STRING, NAN, NAN,
                                          "3.11", "e"));
  g_autoptr (GPtrArray) merged = gs_calibrate_merge (fits);
  g_assert_cmpuint (merged->len, ==, 3);
  const GsFit *sha = merged->pdata[0];
  g_assert_cmpuint (sha->records, ==, 2);
  g_assert_cmpfloat_with_epsilon (sha->after, 3e-9, 1e-15);
  g_autofree char *v = gs_calibrate_fit_value_text (sha);
  g_assert_cmpstr (v, ==, "3ns");
  GError *error = NULL;
  g_autofree char *text = gs_calibrate_apply (xml, "m.xml", h, merged, "calibrated", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<prop id=\"cost.hashlib.sha256\" value=\"3ns\"/>"));
  g_assert_nonnull (strstr (text, "value=\"9ns\"/> in a comment"));
  g_assert_nonnull (strstr (text, "      <!-- added by calibration -->\n"
                                  "      <prop id=\"cost.zlib.compress\" value=\"25ns\"/>\n"));
  g_assert_nonnull (strstr (text, "<prop id=\"python.version\" value=\"3.11\"/>\n    </host>"));
  /* the listing comes after the comment that mentions <platform, and no
   * "--" inside it */
  const char *listing = strstr (text, "calibrated");
  g_assert_nonnull (listing);
  g_assert_true (listing > strstr (text, "a <platform in a comment"));
  g_assert_true (listing < strstr (text, "<platform version"));
  g_assert_nonnull (strstr (listing, "a - - b"));
  g_autoptr (GsPlatform) again = gs_platform_parse ("n.xml", text, strlen (text), &error);
  g_assert_no_error (error);
  double sha256;
  g_assert_true (gs_host_get (gs_platform_first_host (again), again, "cost.hashlib.sha256",
                              GS_DIM_DURATION, FALSE, 0, &sha256, NULL));
  g_assert_cmpfloat_with_epsilon (sha256, 3e-9, 1e-15);
  /* a disk the host does not have cannot be set */
  g_autoptr (GsFit) bad = gs_calibrate_fit_new_prop ("x", GS_DIM_DURATION, 0, 1, NULL, "z");
  g_free (bad->element);
  bad->element = g_strdup ("disk");
  g_autoptr (GPtrArray) one = g_ptr_array_new ();
  g_ptr_array_add (one, bad);
  g_autofree char *none = gs_calibrate_apply (xml, "m.xml", h, one, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "m.xml:6:1: "));
  g_clear_error (&error);
}

/* The text rewrites: an attribute of a host's child element, added when
 * absent; a property added as the host's last child. */
static void
test_variant_set (void)
{
  g_autofree char *a = gs_platform_variant_set (xml, "m", "disk", "ssd", "read_bw", "7MBps");
  g_assert_nonnull (strstr (a, "<disk id=\"ssd\" read_bw=\"7MBps\" write_bw=\"500MBps\"/>"));
  g_autofree char *b = gs_platform_variant_set (xml, "m", "prop", "python.loop", "note", "x<y");
  g_assert_nonnull (strstr (b, "<prop note=\"x&lt;y\" id=\"python.loop\" value=\"40ns\"/>"));
  g_assert_null (gs_platform_variant_set (xml, "m", "prop", "nope", "value", "1"));
  g_assert_null (gs_platform_variant_set (xml, "zz", "prop", "python.loop", "value", "1"));
  g_autofree char *c = gs_platform_variant_add_prop (xml, "m", "cost.x", "1ns", "why");
  g_assert_nonnull (strstr (c, "      <!-- why -->\n      <prop id=\"cost.x\" value=\"1ns\"/>\n    </host>"));
}

/* An empty fork with its phases: the start loop goes to the parent's two
 * costs (its `parent` and the lone start's `first`, in the host's
 * proportion 1 : 0.5), the child's first instruction less the loop to
 * `child`, the rest to `exit`; the costs' sum takes the whole difference
 * between measured and predicted, as without phases. */
static void
test_process_phases (void)
{
  static const char *const with_first =
      "<?xml version='1.0'?>\n"
      "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
      "<platform version=\"4.1\">\n"
      "  <zone id=\"z\" routing=\"Full\">\n"
      "    <host id=\"m\" speed=\"1Gf\" core=\"2\">\n"
      "      <prop id=\"python.loop\" value=\"40ns\"/>\n"
      "      <prop id=\"process.fork.parent\" value=\"1ms\"/>\n"
      "      <prop id=\"process.fork.first\" value=\"0.5ms\"/>\n"
      "      <prop id=\"process.fork.child\" value=\"1.5ms\"/>\n"
      "      <prop id=\"process.fork.exit\" value=\"1ms\"/>\n"
      "    </host>\n"
      "  </zone>\n"
      "</platform>\n";
  GError *error = NULL;
  g_autoptr (GsPlatform) pl = gs_platform_parse ("f.xml", with_first, strlen (with_first),
                                                 &error);
  g_assert_no_error (error);
  const GsHost *h = gs_platform_first_host (pl);
  g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  /* 6 ms in all: the loop 1.2 ms, the child ran at 3 ms, ended at once */
  g_autoptr (JsonObject) r = record (
      "{\"case\": \"cpu_processes\", \"variant\": \"fork-empty\", \"n_workers\": 1,"
      " \"start_method\": \"fork\", \"work\": {}, \"wall_seconds_median\": 0.006,"
      " \"extra\": {\"start_loop_s\": {\"median\": 0.0012},"
      " \"child_first_start_s\": {\"median\": 0.003},"
      " \"child_last_end_s\": {\"median\": 0.003}}}");
  /* 4 ms of costs predicted as 4.2 ms; measured 6.2 ms (the runs' mean):
   * the costs take 6 ms */
  g_assert_true (gs_calibrate_record (r, "f:1", 6.2e-3, 4.2e-3, pl, h,
                                      GS_CALIBRATE_COSTS, NULL, fits));
  /* the phases' shares: 0.2, 0.3, 0.5 of 6 ms */
  assert_fork_fits (fits, 0.8e-3, 1.8e-3, 3e-3, 0.4e-3);
  g_assert_cmpfloat_with_epsilon (fit_of (fits, "process.fork.exit", "value")->per_measured,
                                  0.5, 1e-12);
  /* phases that do not add up (the child's start before the loop's end)
   * are ignored: the host's proportions, 1 : 0.5 : 1.5 : 1 */
  g_autoptr (JsonObject) bad = record (
      "{\"case\": \"cpu_processes\", \"variant\": \"fork-empty\", \"n_workers\": 1,"
      " \"start_method\": \"fork\", \"work\": {}, \"wall_seconds_median\": 0.006,"
      " \"extra\": {\"start_loop_s\": {\"median\": 0.0035},"
      " \"child_first_start_s\": {\"median\": 0.003},"
      " \"child_last_end_s\": {\"median\": 0.003}}}");
  g_autoptr (GPtrArray) fits2 = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_calibrate_fit_free);
  g_assert_true (gs_calibrate_record (bad, "f:2", 6.2e-3, 4.2e-3, pl, h,
                                      GS_CALIBRATE_COSTS, NULL, fits2));
  assert_fork_fits (fits2, 1.5e-3, 2.25e-3, 1.5e-3, 0.75e-3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/calibrate/native", test_native);
  g_test_add_func ("/calibrate/process-and-disk", test_process_and_disk);
  g_test_add_func ("/calibrate/process-phases", test_process_phases);
  g_test_add_func ("/calibrate/imports", test_imports);
  g_test_add_func ("/calibrate/startup", test_startup);
  g_test_add_func ("/calibrate/cache-and-halt", test_cache_and_halt);
  g_test_add_func ("/calibrate/sleep-convoy-phases", test_sleep_convoy_phases);
  g_test_add_func ("/calibrate/merge-apply", test_merge_apply);
  g_test_add_func ("/calibrate/variant-set", test_variant_set);
  return g_test_run ();
}
