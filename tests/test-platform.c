/* test-platform.c: tests of the platform file checker (sim/platform/). */
#include "platform/platform.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "platforms", name, NULL);
}

/* Checks that ERROR is a one-line platform error starting "PATH:LINE:" and
 * containing WORD. */
static void
assert_error_at (const GError *error, const char *path, int line,
                 const char *word)
{
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, GS_PLATFORM_ERROR);
  g_autofree char *prefix = g_strdup_printf ("%s:%d:", path, line);
  if (!g_str_has_prefix (error->message, prefix))
    g_test_message ("message: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, word));
  g_assert_null (strchr (error->message, '\n'));
  /* "PATH:LINE:COL: " with a positive column */
  const char *col = error->message + strlen (prefix);
  g_assert_cmpint (atoi (col), >=, 1);
  g_assert_nonnull (strstr (col, ": "));
}

/* ---------------------------------------------------------------------- */
/* A valid platform                                                        */

static void
test_valid_xeon (void)
{
  g_autofree char *path = data_file ("xeon.xml");
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->path, ==, path);

  /* hosts in file order, not sorted */
  g_assert_cmpuint (p->hosts->len, ==, 3);
  const GsHost *xeon = g_ptr_array_index (p->hosts, 0);
  const GsHost *laptop = g_ptr_array_index (p->hosts, 1);
  const GsHost *atom = g_ptr_array_index (p->hosts, 2);
  g_assert_cmpstr (xeon->id, ==, "xeon");
  g_assert_cmpstr (laptop->id, ==, "laptop");
  g_assert_cmpstr (atom->id, ==, "atom");
  g_assert_true (gs_platform_first_host (p) == xeon);
  g_assert_true (gs_platform_host (p, "atom") == atom);
  g_assert_null (gs_platform_host (p, "nowhere"));

  g_assert_cmpint (xeon->cores, ==, 16);
  g_assert_cmpint (laptop->cores, ==, 1);
  g_assert_cmpint (atom->cores, ==, 2);
  g_assert_cmpfloat_with_epsilon (xeon->speed, 2.5e9, 1);
  g_assert_cmpfloat_with_epsilon (laptop->speed, 1.2e9, 1);
  g_assert_cmpfloat_with_epsilon (atom->speed, 8e8, 1);
  g_assert_cmpint (xeon->line, ==, 7);
  g_assert_cmpint (laptop->line, ==, 20);

  /* properties */
  g_assert_true (gs_host_has (xeon, "python.loop"));
  g_assert_true (gs_host_has (xeon, "wattage_per_state"));
  g_assert_false (gs_host_has (atom, "python.loop"));
  g_assert_cmpstr (g_hash_table_lookup (xeon->props, "python.version"), ==,
                   "3.12");
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (xeon->prop_lines,
                                                          "python.startup")),
                   ==, 10);
  double v = 0;
  g_assert_true (gs_host_get (xeon, p, "python.loop", GS_DIM_DURATION, FALSE,
                              0, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (v, 45e-9, 1e-15);
  g_assert_true (gs_host_get (laptop, p, "python.loop", GS_DIM_DURATION,
                              FALSE, 0, &v, &error));
  g_assert_cmpfloat_with_epsilon (v, 60e-9, 1e-15);
  g_assert_true (gs_host_get (xeon, p, "python.startup", GS_DIM_DURATION,
                              FALSE, 0, &v, &error));
  g_assert_cmpfloat_with_epsilon (v, 0.084, 1e-12);
  g_assert_true (gs_host_get (xeon, p, "gil.fifo_bias", GS_DIM_COUNT, FALSE,
                              0, &v, &error));
  g_assert_cmpfloat_with_epsilon (v, 0.55, 1e-12);
  g_assert_true (gs_host_get (xeon, p, "memory.bandwidth", GS_DIM_BANDWIDTH,
                              FALSE, 0, &v, &error));
  g_assert_cmpfloat_with_epsilon (v, 12e9, 1);
  g_assert_true (gs_host_get (xeon, p, "cost.list_append", GS_DIM_DURATION,
                              FALSE, 0, &v, &error));
  g_assert_cmpfloat_with_epsilon (v, 7.7e-9, 1e-15);
  g_assert_no_error (error);

  /* absent with a default: the default */
  v = -1;
  g_assert_true (gs_host_get (atom, p, "gil.handoff_latency", GS_DIM_DURATION,
                              TRUE, 50e-6, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (v, ==, 50e-6);

  /* absent without a default: an error that says what to add */
  v = -1;
  g_assert_false (gs_host_get (atom, p, "python.loop", GS_DIM_DURATION, FALSE,
                               0, &v, &error));
  g_assert_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_PROPERTY);
  g_autofree char *expect = g_strdup_printf (
      "host 'atom' of %s has no property 'python.loop'; add "
      "<prop id=\"python.loop\" value=\"45ns\"/> to it", path);
  g_assert_cmpstr (error->message, ==, expect);
  g_assert_cmpfloat (v, ==, -1);
  g_clear_error (&error);

  /* present but of another dimension: an error naming the line */
  g_assert_false (gs_host_get (xeon, p, "memory.bandwidth", GS_DIM_DURATION,
                               FALSE, 0, &v, &error));
  g_assert_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_PROPERTY);
  g_assert_nonnull (strstr (error->message, "line 12"));
  g_clear_error (&error);

  /* disks and links */
  g_assert_cmpuint (xeon->disks->len, ==, 1);
  const GsDisk *ssd = g_ptr_array_index (xeon->disks, 0);
  g_assert_cmpstr (ssd->id, ==, "ssd");
  g_assert_cmpfloat_with_epsilon (ssd->read_bw, 550e6, 1);
  g_assert_cmpfloat_with_epsilon (ssd->write_bw, 520e6, 1);
  g_assert_cmpuint (p->links->len, ==, 2);
  const GsLink *eth = g_ptr_array_index (p->links, 0);
  const GsLink *lo = g_ptr_array_index (p->links, 1);
  g_assert_cmpstr (eth->id, ==, "ethernet");
  g_assert_cmpfloat_with_epsilon (eth->bandwidth, 125e6, 1);
  g_assert_cmpfloat_with_epsilon (eth->latency, 50e-6, 1e-12);
  g_assert_cmpfloat_with_epsilon (lo->bandwidth, 1.25e9, 1);
  g_assert_cmpfloat (lo->latency, ==, 0);
}

#define DOCTYPE \
  "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
/* lines 1 to 4; what follows starts on line 5 */
#define HEAD \
  "<?xml version='1.0'?>\n" \
  DOCTYPE \
  "<platform version=\"4.1\">\n" \
  "<zone id=\"world\" routing=\"Full\">\n"
/* lines 1 and 2 */
#define TOP DOCTYPE "<platform version=\"4.1\">\n"
#define TAIL "</zone>\n</platform>\n"
#define HOST "<host id=\"cpu0\" speed=\"1Gf\"/>\n"
#define LINK "<link id=\"l\" bandwidth=\"1GBps\" latency=\"0s\"/>\n"

static void
test_valid_minimal (void)
{
  const char *text =
      DOCTYPE "<platform version=\"4.1\"><zone id=\"z\" routing=\"None\">"
      "<host id=\"h\" speed=\"1e9\"/></zone></platform>";
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("min.xml", text, strlen (text),
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->hosts->len, ==, 1);
  const GsHost *h = gs_platform_first_host (p);
  g_assert_cmpfloat (h->speed, ==, 1e9);
  g_assert_cmpint (h->cores, ==, 1);
  g_assert_cmpint (h->line, ==, 2);
}

static void
test_valid_nested (void)
{
  /* zones of zones, properties of zones and links, symmetrical="NO" */
  const char *text =
      TOP
      "<zone id=\"root\" routing=\"Floyd\">\n"
      "  <prop id=\"site\" value=\"lab\"/>\n"
      "  <zone id=\"a\" routing=\"Dijkstra\">\n"
      "    <host id=\"a0\" speed=\"1Gf\"/><host id=\"a1\" speed=\"1Gf\"/>\n"
      "    <link id=\"la\" bandwidth=\"1GBps\" latency=\"1us\">"
      "<prop id=\"x\" value=\"y\"/>"
      "</link>\n"
      "    <route src=\"a0\" dst=\"a1\" symmetrical=\"NO\"><link_ctn id=\"la\"/>"
      "</route>\n"
      "    <route src=\"a1\" dst=\"a0\" symmetrical=\"NO\"><link_ctn id=\"la\"/>"
      "</route>\n"
      "  </zone>\n"
      "  <zone id=\"b\" routing=\"DijkstraCache\"><host id=\"b0\" speed=\"2Gf\"/>"
      "</zone>\n"
      "</zone>\n"
      "</platform>\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("nested.xml", text,
                                                strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->hosts->len, ==, 3);
  /* the routes, as written: one-way ones one way */
  g_assert_true (gs_platform_has_route (p, "a0", "a1"));
  g_assert_true (gs_platform_has_route (p, "a1", "a0"));
  g_assert_false (gs_platform_has_route (p, "a0", "b0"));
  g_assert_cmpstr (((GsHost *) g_ptr_array_index (p->hosts, 2))->id, ==, "b0");
  g_assert_cmpint (((GsHost *) g_ptr_array_index (p->hosts, 2))->line, ==, 11);
}

/* ---------------------------------------------------------------------- */
/* Malformed platforms, as text                                            */

typedef struct {
  const char *name;     /* test path: /platform/bad/NAME */
  const char *text;
  int line;             /* expected line of the error */
  const char *word;     /* expected in the message */
} BadCase;

static const BadCase bad_cases[] = {
  /* the file as a whole */
  { "empty", "", 1, "empty" },
  { "blank", "  \n\n  \n", 1, "empty" },
  { "bom", "\xef\xbb\xbf" TOP "</platform>\n", 1, "byte-order mark" },
  { "not-utf8", TOP "<!-- caf\xe9 -->\n</platform>", 3, "UTF-8" },
  { "unclosed", HEAD HOST "</platform>\n", 6, "closed" },
  { "truncated", HEAD HOST, 6, "ended" },
  { "bad-attribute-syntax", HEAD "<host id=cpu0 speed=\"1Gf\"/>\n" TAIL, 5,
    "quote" },
  { "raw-charref", HEAD "<host id=\"caf&#233;\" speed=\"1Gf\"/>\n" TAIL, 5,
    "character reference" },
  { "raw-lt", HEAD "<host id=\"a<b\" speed=\"1Gf\"/>\n" TAIL, 5, "&lt;" },
  { "text", HEAD HOST "  hello\n" TAIL, 6, "unexpected text" },
  { "text-gt", HEAD "<host id=\"cpu0\" speed=\"1Gf\"/>>\n" TAIL, 5, "'>'" },
  { "text-reference", HEAD HOST "<!-- x -->&#10;\n" TAIL, 6, "&#10;" },
  { "text-after-root", TOP "<zone id=\"z\" routing=\"None\">" HOST TAIL
    "junk\n", 6, "after </platform>" },
  { "cdata", HEAD HOST "<![CDATA[x]]>\n" TAIL, 6, "CDATA" },
  { "processing-instruction", HEAD HOST "<?php echo 1; ?>\n" TAIL, 6,
    "processing instructions" },

  /* the prolog SimGrid wants */
  { "no-doctype", "<?xml version='1.0'?>\n<platform version=\"4.1\">\n"
    "<zone id=\"z\" routing=\"None\">" HOST TAIL, 2, "<!DOCTYPE platform" },
  { "other-doctype", "<?xml version='1.0'?>\n"
    "<!DOCTYPE platform SYSTEM \"simgrid.dtd\">\n<platform version=\"4.1\">\n"
    "<zone id=\"z\" routing=\"None\">" HOST TAIL, 2, "https://simgrid.org" },
  { "two-doctypes", DOCTYPE TOP "<zone id=\"z\" routing=\"None\">" HOST TAIL,
    2, "second" },
  { "xml-declaration-standalone",
    "<?xml version=\"1.0\" standalone=\"yes\"?>\n" TOP
    "<zone id=\"z\" routing=\"None\">" HOST TAIL, 1, "<?xml version='1.0'?>" },
  { "xml-declaration-late", TOP "<?xml version='1.0'?>\n"
    "<zone id=\"z\" routing=\"None\">" HOST TAIL, 3, "first line" },

  /* the root */
  { "root", "<?xml version='1.0'?>\n" DOCTYPE "<plaform version=\"4.1\"/>\n",
    3, "<platform version=\"4.1\">" },
  { "two-roots", TOP "<zone id=\"z\" routing=\"None\">"
    "<host id=\"h\" speed=\"1Gf\"/></zone></platform>\n<platform/>\n", 4,
    "single" },
  { "version", DOCTYPE "<platform version=\"4\">\n"
    "<zone id=\"z\" routing=\"None\">" HOST TAIL, 2, "version=\"4.1\"" },
  { "no-version", DOCTYPE "<platform>\n" "<zone id=\"z\" routing=\"None\">"
    HOST TAIL, 2, "version=\"4.1\"" },
  { "no-host", "<?xml version='1.0'?>\n" TOP
    "<zone id=\"z\" routing=\"Full\"/>\n</platform>\n", 3, "no host" },

  /* elements and where they go */
  { "cluster", HEAD "<cluster id=\"c\" prefix=\"n\" suffix=\"\" radical=\"0-3\""
    " speed=\"1Gf\" bw=\"1GBps\" lat=\"1us\"/>\n" TAIL, 5, "one by one" },
  { "unknown-element", HEAD HOST "<router id=\"r\"/>\n" TAIL, 6, "link_ctn" },
  { "host-outside-zone", TOP HOST "</platform>\n", 3, "inside a <zone>" },
  { "prop-in-platform", TOP "<prop id=\"a\" value=\"b\"/>\n</platform>\n", 3,
    "<host>" },
  { "second-root-zone", HEAD HOST "</zone>\n<zone id=\"z2\" routing=\"Full\">"
    "</zone>\n</platform>\n", 7, "single" },
  { "zone-prop-late", HEAD HOST "<prop id=\"a\" value=\"b\"/>\n" TAIL, 6,
    "before" },
  { "hosts-and-zones", HEAD HOST "<zone id=\"inner\" routing=\"Full\"/>\n"
    TAIL, 6, "cannot also hold zones" },
  { "host-after-route", HEAD HOST LINK
    "<route src=\"cpu0\" dst=\"cpu0\"><link_ctn id=\"l\"/></route>\n"
    "<host id=\"cpu1\" speed=\"1Gf\"/>\n" TAIL, 8, "above the routes" },
  { "child-of-prop", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"a\" value=\"b\"><disk/></prop>\n</host>\n" TAIL, 6,
    "takes no elements" },
  { "link-ctn-outside-route", HEAD HOST "<link_ctn id=\"l\"/>\n" TAIL, 6,
    "not allowed inside <zone>" },

  /* zones */

  { "zone-no-routing", TOP "<zone id=\"z\">\n" HOST TAIL, 3, "routing" },
  { "zone-bad-routing", TOP "<zone id=\"z\" routing=\"Vivaldi\">\n" HOST TAIL,
    3, "Full" },

  /* hosts */
  { "host-no-speed", HEAD "<host id=\"cpu0\"/>\n" TAIL, 5, "speed" },
  { "host-no-id", HEAD "<host speed=\"1Gf\"/>\n" TAIL, 5, "id" },
  { "host-zero-speed", HEAD "<host id=\"cpu0\" speed=\"0f\"/>\n" TAIL, 5,
    "from 1Mf" },
  { "host-negative-speed", HEAD "<host id=\"cpu0\" speed=\"-2Gf\"/>\n" TAIL, 5,
    "from 1Mf" },
  /* SimGrid's precision rounded the work away: the run never ended */
  { "host-tiny-speed", HEAD "<host id=\"cpu0\" speed=\"1e-300f\"/>\n" TAIL, 5,
    "from 1Mf" },
  { "host-nan-speed", HEAD "<host id=\"cpu0\" speed=\"nan\"/>\n" TAIL, 5,
    "not a number" },
  { "host-inf-speed", HEAD "<host id=\"cpu0\" speed=\"1e999f\"/>\n" TAIL, 5,
    "too large" },
  { "host-huge-speed", HEAD "<host id=\"cpu0\" speed=\"5000Tf\"/>\n" TAIL, 5,
    "to 1000Tf" },
  { "host-speed-unit", HEAD "<host id=\"cpu0\" speed=\"1GHz\"/>\n" TAIL, 5,
    "Gf" },
  { "host-pstates", HEAD "<host id=\"cpu0\" speed=\"1Gf,2Gf\"/>\n" TAIL, 5,
    "single speed" },
  { "host-zero-cores", HEAD "<host id=\"cpu0\" speed=\"1Gf\" core=\"0\"/>\n"
    TAIL, 5, "whole number" },
  { "host-many-cores", HEAD "<host id=\"cpu0\" speed=\"1Gf\" core=\"5000\"/>\n"
    TAIL, 5, "4096" },
  { "host-fraction-cores", HEAD "<host id=\"cpu0\" speed=\"1Gf\" core=\"2.5\"/>\n"
    TAIL, 5, "whole number" },
  { "host-unknown-attribute", HEAD "<host id=\"cpu0\" spead=\"1Gf\"/>\n" TAIL,
    5, "spead" },
  { "host-twice-attribute", HEAD "<host id=\"a\" id=\"b\" speed=\"1Gf\"/>\n"
    TAIL, 5, "twice" },
  { "host-duplicate", HEAD HOST "\n" HOST TAIL, 7, "already used" },
  { "host-named-like-zone", HEAD "<host id=\"world\" speed=\"1Gf\"/>\n" TAIL, 5,
    "zone" },
  { "multiline-tag", HEAD "<host id=\"cpu0\"\n      core=\"4\"\n"
    "      speed=\"0Gf\"/>\n" TAIL, 7, "speed" },

  /* host properties */
  { "prop-unknown", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"python.lop\" value=\"45ns\"/>\n</host>\n" TAIL, 6,
    "python.loop" },
  { "prop-reserved-prefix", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"disk.speed\" value=\"1\"/>\n</host>\n" TAIL, 6, "known: " },
  { "prop-no-unit", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"python.loop\" value=\"45\"/>\n</host>\n" TAIL, 6, "no unit" },
  { "prop-zero-loop", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"python.loop\" value=\"0ns\"/>\n</host>\n" TAIL, 6,
    "more than 0s" },
  { "prop-negative", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"thread.start\" value=\"-3us\"/>\n</host>\n" TAIL, 6,
    "non-negative" },
  { "prop-huge", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"cost.x\" value=\"1e300s\"/>\n</host>\n" TAIL, 6, "1h" },
  { "prop-fraction", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"gil.fifo_bias\" value=\"1.5\"/>\n</host>\n" TAIL, 6,
    "from 0 to 1" },
  { "prop-wrong-dimension", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"memory.bandwidth\" value=\"10GB\"/>\n</host>\n" TAIL, 6,
    "bandwidth" },
  { "prop-empty-version", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"python.version\" value=\" \"/>\n</host>\n" TAIL, 6, "empty" },
  { "prop-no-value", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"owner\"/>\n</host>\n" TAIL, 6, "value" },
  { "prop-twice", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"python.loop\" value=\"4ns\"/>\n"
    "<prop id=\"python.loop\" value=\"5ns\"/>\n</host>\n" TAIL, 7, "twice" },
  { "prop-cost-without-name", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<prop id=\"cost.\" value=\"1ns\"/>\n</host>\n" TAIL, 6, "cost.NAME" },

  /* disks */
  { "disk-no-write", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<disk id=\"d\" read_bw=\"1GBps\"/>\n</host>\n" TAIL, 6, "write_bw" },
  { "disk-zero", HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
    "<disk id=\"d\" read_bw=\"0Bps\" write_bw=\"1GBps\"/>\n</host>\n" TAIL, 6,
    "more than 0" },

  /* links */
  { "link-no-bandwidth", HEAD HOST "<link id=\"l\" latency=\"0s\"/>\n" TAIL, 6,
    "bandwidth" },
  { "link-no-latency", HEAD HOST "<link id=\"l\" bandwidth=\"1GBps\"/>\n" TAIL,
    6, "latency" },
  { "link-bandwidth-unit", HEAD HOST
    "<link id=\"l\" bandwidth=\"1KBps\" latency=\"0s\"/>\n" TAIL, 6, "SimGrid" },
  { "link-negative-latency", HEAD HOST
    "<link id=\"l\" bandwidth=\"1GBps\" latency=\"-1ms\"/>\n" TAIL, 6,
    "from 0s" },
  { "link-minutes", HEAD HOST
    "<link id=\"l\" bandwidth=\"1GBps\" latency=\"1min\"/>\n" TAIL, 6, "ms" },
  { "link-duplicate", HEAD HOST LINK LINK TAIL, 7, "already used" },
  { "link-splitduplex", HEAD HOST "<link id=\"l\" bandwidth=\"1GBps\" "
    "latency=\"0s\" sharing_policy=\"SPLITDUPLEX\"/>\n" TAIL, 6, "FATPIPE" },

  /* routes */
  { "route-unknown-host", HEAD HOST LINK
    "<route src=\"cpu0\" dst=\"cpu9\"><link_ctn id=\"l\"/></route>\n" TAIL, 7,
    "cpu9" },
  { "route-unknown-link", HEAD HOST
    "<route src=\"cpu0\" dst=\"cpu0\">\n<link_ctn id=\"wire\"/>\n</route>\n"
    TAIL, 7, "unknown link" },
  { "route-no-link", HEAD HOST "<route src=\"cpu0\" dst=\"cpu0\">\n</route>\n"
    TAIL, 6, "lists no link" },
  { "route-twice", HEAD "<host id=\"a\" speed=\"1Gf\"/><host id=\"b\" "
    "speed=\"1Gf\"/>\n" LINK
    "<route src=\"a\" dst=\"b\"><link_ctn id=\"l\"/></route>\n"
    "<route src=\"b\" dst=\"a\"><link_ctn id=\"l\"/></route>\n" TAIL, 8,
    "already defined" },
  { "route-loopback-twice", HEAD HOST LINK
    "<route src=\"cpu0\" dst=\"cpu0\"><link_ctn id=\"l\"/></route>\n"
    "<route src=\"cpu0\" dst=\"cpu0\" symmetrical=\"NO\"><link_ctn id=\"l\"/>"
    "</route>\n" TAIL, 8, "already defined" },
  { "route-loop-floyd", TOP "<zone id=\"z\" routing=\"Floyd\">\n" HOST LINK
    "<route src=\"cpu0\" dst=\"cpu0\"><link_ctn id=\"l\"/></route>\n" TAIL, 6,
    "symmetrical=\"NO\"" },
  { "link-before-zones", TOP "<zone id=\"z\" routing=\"Full\">\n" LINK
    "<zone id=\"inner\" routing=\"Full\">" HOST "</zone>\n" TAIL, 5,
    "after the zones" },
  { "route-in-none-zone", TOP "<zone id=\"z\" routing=\"None\">\n" HOST
    "<route src=\"cpu0\" dst=\"cpu0\"/>\n" TAIL, 5, "routing=\"Full\"" },
  { "route-other-zone", TOP "<zone id=\"top\" routing=\"Full\">\n"
    "<zone id=\"a\" routing=\"Full\">" HOST "</zone>\n"
    "<zone id=\"b\" routing=\"Full\">" LINK
    "<route src=\"cpu0\" dst=\"cpu0\"><link_ctn id=\"l\"/></route>\n"
    "</zone>\n" TAIL, 7, "zone 'a'" },
};

static void
test_bad_case (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("mem.xml", c->text,
                                                strlen (c->text), &error);
  g_assert_null (p);
  g_test_message ("%s", error ? error->message : "(no error)");
  assert_error_at (error, "mem.xml", c->line, c->word);
}

static void
test_bad_binary (void)
{
  static const char text[] = "<platform version=\"4.1\">\0\1\2</platform>";
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("bin.xml", text,
                                                sizeof text - 1, &error);
  g_assert_null (p);
  g_assert_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_IO);
  assert_error_at (error, "bin.xml", 1, "binary");
  g_assert_true (g_str_has_prefix (error->message, "bin.xml:1:1: "));
}

/* Columns point at the element, or at the attribute at fault. */
static void
test_bad_columns (void)
{
  const char *text = HEAD "  <host id=\"cpu0\" speed=\"1Gf\" core=\"0\"/>\n" TAIL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("col.xml", text, strlen (text),
                                                &error);
  g_assert_null (p);
  g_assert_true (g_str_has_prefix (error->message, "col.xml:5:31: "));
  g_clear_error (&error);

  text = HEAD "  <clusterr/>\n" TAIL;
  p = gs_platform_parse ("col.xml", text, strlen (text), &error);
  g_assert_null (p);
  g_assert_true (g_str_has_prefix (error->message, "col.xml:5:3: "));
  g_clear_error (&error);

  /* an unknown property: its id, not its value */
  text = HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n"
         "  <prop id=\"python.lop\" value=\"45ns\"/>\n</host>\n" TAIL;
  p = gs_platform_parse ("col.xml", text, strlen (text), &error);
  g_assert_null (p);
  g_assert_true (g_str_has_prefix (error->message, "col.xml:6:9: "));
  g_clear_error (&error);

  /* GMarkup's own errors: the closing tag that does not match */
  text = HEAD "<host id=\"cpu0\" speed=\"1Gf\">\n  </hots>\n" TAIL;
  p = gs_platform_parse ("col.xml", text, strlen (text), &error);
  g_assert_null (p);
  g_assert_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_SYNTAX);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "col.xml:6:"));
  g_assert_nonnull (strstr (error->message, "'hots'"));
}

/* SimGrid's parser overflows its stack near 500 nested elements. */
static void
test_bad_deep_zones (void)
{
  g_autoptr (GString) text = g_string_new (TOP);
  for (int i = 0; i < 500; i++)
    g_string_append_printf (text, "<zone id=\"z%d\" routing=\"Full\">\n", i);
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("deep.xml", text->str,
                                                text->len, &error);
  g_assert_null (p);
  assert_error_at (error, "deep.xml", 103, "at most 100");
}

/* Full and Floyd routing keep a table of every pair of a zone's hosts:
 * a zone of thousands would cost SimGrid gigabytes (or hours) before the
 * run starts.  Dijkstra takes any number; a zone of zones counts its
 * zones. */
static void
test_bad_huge_full_zone (void)
{
  static const struct { const char *routing; int max; } cases[] = {
    { "Full", 2048 }, { "Floyd", 1024 },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++) {
    g_autoptr (GString) text = g_string_new (TOP);
    g_string_append_printf (text, "<zone id=\"world\" routing=\"%s\">\n", cases[c].routing);
    for (int i = 0; i <= cases[c].max; i++)
      g_string_append_printf (text, "<host id=\"h%d\" speed=\"1Gf\"/>\n", i);
    g_string_append (text, TAIL);
    g_autoptr (GError) error = NULL;
    g_autoptr (GsPlatform) p = gs_platform_parse ("big.xml", text->str, text->len, &error);
    g_assert_null (p);
    /* TOP is 2 lines, the zone the 3rd: host h<max>, on line 4 + max, is one
     * too many */
    assert_error_at (error, "big.xml", 4 + cases[c].max, "use routing=\"Dijkstra\"");
    /* one host fewer is fine */
    g_autoptr (GString) ok = g_string_new (TOP);
    g_string_append_printf (ok, "<zone id=\"world\" routing=\"%s\">\n", cases[c].routing);
    for (int i = 0; i < cases[c].max; i++)
      g_string_append_printf (ok, "<host id=\"h%d\" speed=\"1Gf\"/>\n", i);
    g_string_append (ok, TAIL);
    g_autoptr (GError) none = NULL;
    g_autoptr (GsPlatform) q = gs_platform_parse ("ok.xml", ok->str, ok->len, &none);
    g_assert_no_error (none);
    g_assert_nonnull (q);
  }
  g_autoptr (GString) dij = g_string_new (TOP);
  g_string_append (dij, "<zone id=\"world\" routing=\"Dijkstra\">\n");
  for (int i = 0; i < 5000; i++)
    g_string_append_printf (dij, "<host id=\"h%d\" speed=\"1Gf\"/>\n", i);
  g_string_append (dij, TAIL);
  g_autoptr (GError) none = NULL;
  g_autoptr (GsPlatform) d = gs_platform_parse ("dij.xml", dij->str, dij->len, &none);
  g_assert_no_error (none);
  g_assert_nonnull (d);
  /* but a platform holds at most 10,000 hosts in all (SimGrid builds each
   * in every simulation: 190,000 took 37 s before a run) */
  g_autoptr (GString) many = g_string_new (TOP);
  g_string_append (many, "<zone id=\"world\" routing=\"None\">\n");
  for (int i = 0; i <= 10000; i++)
    g_string_append_printf (many, "<host id=\"h%d\" speed=\"1Gf\"/>\n", i);
  g_string_append (many, TAIL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) m = gs_platform_parse ("many.xml", many->str, many->len, &error);
  g_assert_null (m);
  assert_error_at (error, "many.xml", 4 + 10000, "more than 10000 hosts");
}

/* A long value is cut short in messages. */
static void
test_bad_long_value (void)
{
  g_autofree char *id = g_strnfill (5000, 'x');
  g_autofree char *text = g_strdup_printf (
      HEAD "<host id=\"%s\" speed=\"fast\"/>\n" TAIL, id);
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("long.xml", text,
                                                strlen (text), &error);
  g_assert_null (p);
  assert_error_at (error, "long.xml", 5, "...");
  g_assert_cmpuint (strlen (error->message), <, 400);
}

/* ---------------------------------------------------------------------- */
/* Malformed platforms, as files                                           */

static void
check_file (const char *name, int line, const char *word)
{
  g_autofree char *path = data_file (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_load (path, &error);
  g_assert_null (p);
  g_test_message ("%s", error ? error->message : "(no error)");
  assert_error_at (error, path, line, word);
}

static void
test_file_cluster (void)
{
  check_file ("bad-cluster.xml", 5, "<host>");
}

static void
test_file_prop (void)
{
  check_file ("bad-prop.xml", 7, "python.loop");
}

static void
test_file_unclosed (void)
{
  check_file ("bad-unclosed.xml", 7, "closed");
}

static void
test_file_route (void)
{
  check_file ("bad-route.xml", 7, "cpu1");
}

static void
test_file_empty (void)
{
  check_file ("empty.xml", 1, "empty");
}

static void
test_file_missing (void)
{
  check_file ("no-such-file.xml", 1, "cannot read");
}

static void
test_file_folder (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data",
                                                 "platforms", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_load (path, &error);
  g_assert_null (p);
  assert_error_at (error, path, 1, "folder");
}

/* ---------------------------------------------------------------------- */
/* A host's costs, resolved                                                */

/* What sim/engine/engine.c reads today, property by property, with its own
 * literal defaults: gs_host_costs() must give the same. */
#define AT(field) G_STRUCT_OFFSET (GsCosts, field)

static void
assert_costs_as_engine (const GsHost *h, const GsPlatform *p, const GsCosts *c)
{
  static const struct {
    const char *id;
    GsDim dim;
    double def;
    gsize off;
  } d[] = {
    { "python.loop", GS_DIM_DURATION, 45e-9, AT (python_loop) },
    { "python.startup", GS_DIM_DURATION, 0, AT (python_startup) },
    { "thread.start", GS_DIM_DURATION, 0, AT (thread_start) },
    { "thread.first", GS_DIM_DURATION, 0, AT (thread_first) },
    { "process.fork.exit", GS_DIM_DURATION, 0, AT (fork.exit) },
    { "process.spawn.exit", GS_DIM_DURATION, 0, AT (spawn.exit) },
    { "process.forkserver.exit", GS_DIM_DURATION, 0, AT (forkserver.exit) },
    { "cpu.smt", GS_DIM_COUNT, 1, AT (cpu_smt) },
    { "cpu.slow_fraction", GS_DIM_COUNT, 0, AT (cpu_slow_fraction) },
    { "cpu.slow_factor", GS_DIM_COUNT, 1, AT (cpu_slow_factor) },
    { "gil.handoff_latency", GS_DIM_DURATION, 50e-6, AT (gil_handoff_latency) },
    { "gil.fifo_bias", GS_DIM_COUNT, 0.55, AT (gil_fifo_bias) },
    { "gil.switch_cost", GS_DIM_DURATION, 0, AT (gil_switch_cost) },
    { "gil.old_rewin", GS_DIM_COUNT, 0.993, AT (gil_old_rewin) },
    { "gil.old_release_cost", GS_DIM_DURATION, 0, AT (gil_old_release_cost) },
    { "sleep.overhead", GS_DIM_DURATION, 0, AT (sleep_overhead) },
    { "disk.fsync", GS_DIM_DURATION, 0, AT (disk_fsync) },
    { "disk.latency", GS_DIM_DURATION, 0, AT (disk_latency) },
    { "disk.cache_write", GS_DIM_DURATION, 0, AT (disk_cache_write) },
    { "disk.cache_read", GS_DIM_DURATION, 0, AT (disk_cache_read) },
    { "os.halt_wake", GS_DIM_DURATION, 0, AT (os_halt_wake) },
    { "pickle.per_byte", GS_DIM_DURATION, 1e-9, AT (pickle_per_byte) },
    { "pipe.bandwidth", GS_DIM_BANDWIDTH, 1e9, AT (pipe_bandwidth) },
    { "pool.chunk_overhead", GS_DIM_DURATION, 35e-6, AT (pool_chunk_overhead) },
    { "memory.bandwidth", GS_DIM_BANDWIDTH, 1e15, AT (memory_bandwidth) },
    { "memory.alloc_bandwidth", GS_DIM_BANDWIDTH, 1e15, AT (memory_alloc_bandwidth) },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (d); i++) {
    double v = -1;
    g_assert_true (gs_host_get (h, p, d[i].id, d[i].dim, TRUE, d[i].def, &v,
                                NULL));
    g_assert_cmpfloat (G_STRUCT_MEMBER (double, c, d[i].off), ==, v);
  }
  double smt = 1, smt_throughput = 2;
  gs_host_get (h, p, "cpu.smt", GS_DIM_COUNT, TRUE, 1, &smt, NULL);
  gs_host_get (h, p, "cpu.smt_throughput", GS_DIM_COUNT, TRUE, smt,
               &smt_throughput, NULL);
  g_assert_cmpfloat (c->cpu_smt_throughput, ==, smt_throughput);
  g_assert_cmpint (c->has_python_loop, ==, gs_host_has (h, "python.loop"));
  g_assert_cmpint (c->has_memory_bandwidth, ==,
                   gs_host_has (h, "memory.bandwidth"));
  g_assert_cmpint (c->has_memory_alloc_bandwidth, ==,
                   gs_host_has (h, "memory.alloc_bandwidth"));
  static const char *const methods[] = { "fork", "spawn", "forkserver" };
  for (gsize k = 0; k < G_N_ELEMENTS (methods); k++) {
    const GsCostsStart *st = gs_costs_start (c, methods[k]);
    g_autofree char *pp = g_strdup_printf ("process.%s.parent", methods[k]);
    g_autofree char *cp = g_strdup_printf ("process.%s.child", methods[k]);
    double parent = 0, child = 0;
    g_assert_cmpint (st->has_parent, ==,
                     gs_host_get (h, p, pp, GS_DIM_DURATION, FALSE, 0, &parent,
                                  NULL));
    g_assert_cmpint (st->has_child, ==,
                     gs_host_get (h, p, cp, GS_DIM_DURATION, FALSE, 0, &child,
                                  NULL));
    if (st->has_parent)
      g_assert_cmpfloat (st->parent, ==, parent);
    if (st->has_child)
      g_assert_cmpfloat (st->child, ==, child);
  }
  g_assert_null (gs_costs_start (c, "thread"));
  g_assert_true (c->python_version ==
                 g_hash_table_lookup (h->props, "python.version"));
  const char *os = g_hash_table_lookup (h->props, "python.os");
  g_assert_cmpstr (c->python_os, ==, os ? os : "linux");
}

static void
test_host_costs (void)
{
  const char *text =
      HEAD
      "<host id=\"bare\" speed=\"1Gf\"/>\n"
      "<host id=\"full\" speed=\"1Gf\">\n"
      "  <prop id=\"python.loop\" value=\"31.5ns\"/>\n"
      "  <prop id=\"python.startup\" value=\"20ms\"/>\n"
      "  <prop id=\"python.version\" value=\"3.11\"/>\n"
      "  <prop id=\"python.os\" value=\"darwin\"/>\n"
      "  <prop id=\"thread.start\" value=\"50us\"/>\n"
      "  <prop id=\"process.fork.parent\" value=\"1ms\"/>\n"
      "  <prop id=\"process.fork.child\" value=\"2ms\"/>\n"
      "  <prop id=\"process.spawn.parent\" value=\"5ms\"/>\n"
      "  <prop id=\"process.spawn.exit\" value=\"20ms\"/>\n"
      "  <prop id=\"cpu.smt\" value=\"2\"/>\n"
      "  <prop id=\"cpu.slow_fraction\" value=\"0.4\"/>\n"
      "  <prop id=\"cpu.slow_factor\" value=\"1.7\"/>\n"
      "  <prop id=\"gil.handoff_latency\" value=\"5us\"/>\n"
      "  <prop id=\"gil.fifo_bias\" value=\"0.6\"/>\n"
      "  <prop id=\"gil.switch_cost\" value=\"1us\"/>\n"
      "  <prop id=\"gil.old_rewin\" value=\"0.9\"/>\n"
      "  <prop id=\"gil.old_release_cost\" value=\"2us\"/>\n"
      "  <prop id=\"sleep.overhead\" value=\"60us\"/>\n"
      "  <prop id=\"disk.fsync\" value=\"2ms\"/>\n"
      "  <prop id=\"disk.latency\" value=\"100us\"/>\n"
      "  <prop id=\"pickle.per_byte\" value=\"2ns\"/>\n"
      "  <prop id=\"pipe.bandwidth\" value=\"300MBps\"/>\n"
      "  <prop id=\"pool.chunk_overhead\" value=\"40us\"/>\n"
      "  <prop id=\"memory.bandwidth\" value=\"10GBps\"/>\n"
      "  <prop id=\"cost.numpy.sum\" value=\"1ns\"/>\n"
      "</host>\n"
      "<host id=\"smt\" speed=\"1Gf\">\n"
      "  <prop id=\"cpu.smt\" value=\"2\"/>\n"
      "  <prop id=\"cpu.smt_throughput\" value=\"1.3\"/>\n"
      "  <prop id=\"memory.alloc_bandwidth\" value=\"2.4GBps\"/>\n"
      "</host>\n"
      TAIL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("costs.xml", text,
                                                strlen (text), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < p->hosts->len; i++) {
    const GsHost *h = p->hosts->pdata[i];
    GsCosts c;
    g_assert_true (gs_host_costs (h, p, &c, &error));
    g_assert_no_error (error);
    assert_costs_as_engine (h, p, &c);
  }
  /* a host without properties has the registry's defaults */
  GsCosts bare, defaults;
  g_assert_true (gs_host_costs (gs_platform_host (p, "bare"), p, &bare, NULL));
  gs_costs_defaults (&defaults);
  g_assert_cmpmem (&bare, sizeof bare, &defaults, sizeof defaults);
  GsCosts full;
  g_assert_true (gs_host_costs (gs_platform_host (p, "full"), p, &full, NULL));
  g_assert_cmpfloat (full.cpu_smt_throughput, ==, 2);  /* cpu.smt's */
  g_assert_true (full.has_memory_bandwidth);
  g_assert_false (full.has_memory_alloc_bandwidth);
  g_assert_cmpfloat (full.memory_alloc_bandwidth, ==, 1e15);
  g_assert_cmpstr (full.python_version, ==, "3.11");
  g_assert_false (full.spawn.has_child);
  g_assert_cmpfloat (full.spawn.exit, ==, 20e-3);
}

/* gs_host_costs keeps its first answer in the host (a sweep's forked
 * simulations inherit it): a second call gives the same costs, and a
 * property set afterwards is not hidden by the kept answer. */
static void
test_host_costs_kept (void)
{
  const char *text = HEAD HOST TAIL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("k.xml", text, strlen (text),
                                                &error);
  g_assert_no_error (error);
  GsHost *h = (GsHost *) gs_platform_first_host (p);
  GsCosts first, again, changed;
  g_assert_true (gs_host_costs (h, p, &first, NULL));
  g_assert_nonnull (h->costs);
  g_assert_true (gs_host_costs (h, p, &again, NULL));
  g_assert_cmpmem (&first, sizeof first, &again, sizeof again);
  g_assert_cmpfloat (first.python_loop, !=, 99e-9);
  gs_host_set_prop (h, "python.loop", "99ns", 1);
  g_assert_null (h->costs);
  g_assert_true (gs_host_costs (h, p, &changed, NULL));
  g_assert_cmpfloat (changed.python_loop, ==, 99e-9);
  g_assert_true (changed.has_python_loop);
  /* what the host now says, as a host read afresh would resolve it */
  g_clear_pointer (&h->costs, g_free);
  GsCosts fresh;
  g_assert_true (gs_host_costs (h, p, &fresh, NULL));
  g_assert_cmpmem (&changed, sizeof changed, &fresh, sizeof fresh);
}

static void
test_host_missing (void)
{
  const char *text = HEAD HOST TAIL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("m.xml", text, strlen (text),
                                                &error);
  g_assert_no_error (error);
  const GsHost *h = gs_platform_first_host (p);
  g_assert_false (gs_host_missing (h, p, "process.spawn.child", &error));
  g_assert_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_PROPERTY);
  g_assert_cmpstr (error->message, ==, "host 'cpu0' of m.xml has no property "
                   "'process.spawn.child'; add <prop id=\"process.spawn.child\" "
                   "value=\"30ms\"/> to it");
  g_clear_error (&error);
  /* gs_host_get says the same */
  double v;
  g_assert_false (gs_host_get (h, p, "process.spawn.child", GS_DIM_DURATION,
                               FALSE, 0, &v, &error));
  g_assert_cmpstr (error->message, ==, "host 'cpu0' of m.xml has no property "
                   "'process.spawn.child'; add <prop id=\"process.spawn.child\" "
                   "value=\"30ms\"/> to it");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The platform file checker accepts the SimGrid subset "
                  "gilsim uses and rejects everything else with PATH:LINE:COL.");

  g_test_add_func ("/platform/valid/xeon", test_valid_xeon);
  g_test_add_func ("/platform/valid/minimal", test_valid_minimal);
  g_test_add_func ("/platform/valid/nested", test_valid_nested);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++) {
    g_autofree char *name = g_strdup_printf ("/platform/bad/%s",
                                             bad_cases[i].name);
    g_test_add_data_func (name, &bad_cases[i], test_bad_case);
  }
  g_test_add_func ("/platform/bad/binary", test_bad_binary);
  g_test_add_func ("/platform/bad/columns", test_bad_columns);
  g_test_add_func ("/platform/bad/deep-zones", test_bad_deep_zones);
  g_test_add_func ("/platform/bad/huge-full-zone", test_bad_huge_full_zone);
  g_test_add_func ("/platform/bad/long-value", test_bad_long_value);
  g_test_add_func ("/platform/file/cluster", test_file_cluster);
  g_test_add_func ("/platform/file/prop", test_file_prop);
  g_test_add_func ("/platform/file/unclosed", test_file_unclosed);
  g_test_add_func ("/platform/file/route", test_file_route);
  g_test_add_func ("/platform/file/empty", test_file_empty);
  g_test_add_func ("/platform/file/missing", test_file_missing);
  g_test_add_func ("/platform/file/folder", test_file_folder);
  g_test_add_func ("/platform/host/costs", test_host_costs);
  g_test_add_func ("/platform/host/costs-kept", test_host_costs_kept);
  g_test_add_func ("/platform/host/missing", test_host_missing);

  return g_test_run ();
}
