/* test-platform-caps.c: the sizes a platform file may reach
 * (sim/platform/caps.h): each cap holds at its limit and refuses one more.
 * The small cases are files in tests/errors/ (MANIFEST); these are the
 * ones whose files would be hundreds of kilobytes. */
#include "platform/caps.h"
#include "platform/platform.h"

#include <stdlib.h>
#include <string.h>

#define TOP \
  "<?xml version='1.0'?>\n" \
  "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n" \
  "<platform version=\"4.1\">\n"
#define TAIL "</zone>\n</platform>\n"

/* Checks TEXT: NULL ERROR_LINE means it loads; otherwise it fails with one
 * line "NAME:ERROR_LINE:COL: ..." containing WORD. */
static void
check (const char *name, const GString *text, int error_line,
       const char *word)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse (name, text->str, text->len,
                                                &error);
  if (error_line == 0) {
    g_assert_no_error (error);
    g_assert_nonnull (p);
    return;
  }
  g_assert_null (p);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_autofree char *prefix = g_strdup_printf ("%s:%d:", name, error_line);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  const char *col = error->message + strlen (prefix);
  g_assert_cmpint (atoi (col), >=, 1);
  g_assert_nonnull (strstr (error->message, word));
  g_assert_null (strchr (error->message, '\n'));
}

/* N links in a zone with one host: a link a line from line 6. */
static GString *
links (int n)
{
  GString *s = g_string_new (TOP "<zone id=\"z\" routing=\"Full\">\n"
                             "<host id=\"h\" speed=\"1Gf\"/>\n");
  for (int i = 0; i < n; i++)
    g_string_append_printf (s, "<link id=\"l%d\" bandwidth=\"1GBps\" "
                            "latency=\"1us\"/>\n", i);
  g_string_append (s, TAIL);
  return s;
}

static void
test_links (void)
{
  g_autoptr (GString) ok = links (GS_CAPS_MAX_LINKS);
  check ("links.xml", ok, 0, NULL);
  g_autoptr (GString) over = links (GS_CAPS_MAX_LINKS + 1);
  /* the link on line 6 + max is one too many */
  check ("links.xml", over, 6 + GS_CAPS_MAX_LINKS,
         "more than 10000 <link> elements ('l10000' is one too many)");
}

/* N one-way routes among 101 hosts (lines 5 to 105), a link (106), then a
 * route a line from line 107. */
static GString *
routes (int n)
{
  GString *s = g_string_new (TOP "<zone id=\"z\" routing=\"Full\">\n");
  for (int i = 0; i < 101; i++)
    g_string_append_printf (s, "<host id=\"h%d\" speed=\"1Gf\"/>\n", i);
  g_string_append (s, "<link id=\"l\" bandwidth=\"1GBps\" latency=\"1us\"/>\n");
  int made = 0;
  for (int i = 0; i < 101 && made < n; i++)
    for (int j = 0; j < 101 && made < n; j++)
      if (i != j) {
        g_string_append_printf (s, "<route src=\"h%d\" dst=\"h%d\" "
                                "symmetrical=\"NO\"><link_ctn id=\"l\"/>"
                                "</route>\n", i, j);
        made++;
      }
  g_assert_cmpint (made, ==, n);
  g_string_append (s, TAIL);
  return s;
}

static void
test_routes (void)
{
  g_autoptr (GString) ok = routes (GS_CAPS_MAX_ROUTES);
  check ("routes.xml", ok, 0, NULL);
  g_autoptr (GString) over = routes (GS_CAPS_MAX_ROUTES + 1);
  check ("routes.xml", over, 107 + GS_CAPS_MAX_ROUTES,
         "more than 10000 <route> elements");
}

/* H hosts of PER disks each, a host then its disks a line each. */
static GString *
disks (int h, int per)
{
  GString *s = g_string_new (TOP "<zone id=\"z\" routing=\"None\">\n");
  for (int i = 0; i < h; i++) {
    g_string_append_printf (s, "<host id=\"h%d\" speed=\"1Gf\">\n", i);
    for (int d = 0; d < per; d++)
      g_string_append_printf (s, "<disk id=\"d%d\" read_bw=\"1GBps\" "
                              "write_bw=\"1GBps\"/>\n", d);
    g_string_append (s, "</host>\n");
  }
  g_string_append (s, TAIL);
  return s;
}

static void
test_disks (void)
{
  int per = GS_CAPS_MAX_HOST_DISKS;
  int hosts = GS_CAPS_MAX_DISKS / per;
  g_autoptr (GString) ok = disks (hosts, per);
  check ("disks.xml", ok, 0, NULL);
  /* one host more: its first disk is one too many in the file; each host
   * takes per + 2 lines from line 5 */
  g_autoptr (GString) over = disks (hosts + 1, per);
  check ("disks.xml", over, 5 + hosts * (per + 2) + 1,
         "more than 10000 <disk> elements ('d0' is one too many)");
}

/* H hosts of PER properties each, a host then its properties a line each. */
static GString *
props (int h, int per)
{
  GString *s = g_string_new (TOP "<zone id=\"z\" routing=\"None\">\n");
  for (int i = 0; i < h; i++) {
    g_string_append_printf (s, "<host id=\"h%d\" speed=\"1Gf\">\n", i);
    for (int d = 0; d < per; d++)
      g_string_append_printf (s, "<prop id=\"note%d\" value=\"x\"/>\n", d);
    g_string_append (s, "</host>\n");
  }
  g_string_append (s, TAIL);
  return s;
}

static void
test_props (void)
{
  int per = GS_CAPS_MAX_PROPS;
  int hosts = GS_CAPS_MAX_FILE_PROPS / per;
  g_autoptr (GString) ok = props (hosts, per);
  check ("props.xml", ok, 0, NULL);
  g_autoptr (GString) over = props (hosts + 1, per);
  check ("props.xml", over, 5 + hosts * (per + 2) + 1,
         "more than 100000 <prop> elements ('note0' is one too many)");
}

/* A zone of zones with N zones of one host each, a zone a line from line 5. */
static GString *
zones (int n)
{
  GString *s = g_string_new (TOP "<zone id=\"world\" routing=\"Dijkstra\">\n");
  for (int i = 0; i < n; i++)
    g_string_append_printf (s, "<zone id=\"z%d\" routing=\"None\"><host "
                            "id=\"h%d\" speed=\"1Gf\"/></zone>\n", i, i);
  g_string_append (s, TAIL);
  return s;
}

static void
test_zones (void)
{
  /* the outer zone counts: max - 1 inner ones */
  g_autoptr (GString) ok = zones (GS_CAPS_MAX_ZONES - 1);
  check ("zones.xml", ok, 0, NULL);
  g_autoptr (GString) over = zones (GS_CAPS_MAX_ZONES);
  check ("zones.xml", over, 5 + GS_CAPS_MAX_ZONES - 1,
         "more than 256 <zone> elements");
}

/* Ids and values up to their caps, counted in characters, not bytes. */
static void
test_lengths (void)
{
  g_autoptr (GString) id = g_string_new (NULL);
  for (int i = 0; i < GS_CAPS_MAX_ID; i++)
    g_string_append (id, "\xc3\xa9");  /* é: two bytes */
  g_autoptr (GString) ok = g_string_new (TOP "<zone id=\"z\" routing=\"Full\">\n");
  g_string_append_printf (ok, "<host id=\"%s\" speed=\"1Gf\">\n", id->str);
  g_string_append (ok, "<prop id=\"note\" value=\"");
  for (int i = 0; i < GS_CAPS_MAX_VALUE; i++)
    g_string_append (ok, "\xc3\xa9");
  g_string_append (ok, "\"/>\n</host>\n" TAIL);
  check ("lengths.xml", ok, 0, NULL);

  g_autoptr (GString) long_src = g_string_new (TOP "<zone id=\"z\" routing=\"Full\">\n"
                                               "<host id=\"h\" speed=\"1Gf\"/>\n");
  g_string_append_printf (long_src, "<route src=\"%sx\" dst=\"h\"/>\n", id->str);
  g_string_append (long_src, TAIL);
  check ("src.xml", long_src, 6, "the src of this <route>");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/platform-caps/links", test_links);
  g_test_add_func ("/platform-caps/routes", test_routes);
  g_test_add_func ("/platform-caps/disks", test_disks);
  g_test_add_func ("/platform-caps/zones", test_zones);
  g_test_add_func ("/platform-caps/props", test_props);
  g_test_add_func ("/platform-caps/lengths", test_lengths);
  return g_test_run ();
}
