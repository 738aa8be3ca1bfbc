/* checks_route.c: a platform file's links and the routes across them. */
#include "platform/checks_route.h"

#include <string.h>

#include "platform/attrs.h"
#include "platform/checks_zone.h"
#include "platform/reader.h"

#define MAX_RATE GS_PLATFORM_MAX_RATE
#define MAX_LATENCY 3600.0      /* seconds */

gboolean
gs_checks_route_link (GsChecks *st, const char **names, const char **values,
                      GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = {
    "id", "bandwidth", "latency", "sharing_policy", NULL,
  };
  const char *example =
      "<link id=\"loopback\" bandwidth=\"10GBps\" latency=\"1us\"/>";
  const char *id, *bw, *lat;
  /* SimGrid 3.32 fails on a link without latency ("cannot parse number"),
   * although its DTD gives a default. */
  if (!gs_attrs_check (rd, "link", names, allowed, error) ||
      !gs_attrs_need (rd, "link", names, values, "id", example, &id, error) ||
      !gs_attrs_need (rd, "link", names, values, "bandwidth", example, &bw,
                      error) ||
      !gs_attrs_need (rd, "link", names, values, "latency", example, &lat,
                      error))
    return FALSE;
  gpointer line;
  if (g_hash_table_lookup_extended (st->link_lines, id, NULL, &line))
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "id"),
                           error, "link id '%s' is already used at line %d; "
                           "give each link its own id", gs_reader_show (rd, id),
                           GPOINTER_TO_INT (line));
  const char *shown = gs_reader_show (rd, id);
  g_autofree char *what_b = g_strdup_printf ("bandwidth of link '%s'", shown);
  g_autofree char *what_l = g_strdup_printf ("latency of link '%s'", shown);
  GsAttrsQuantity qb = {
    what_b, "bandwidth", gs_attrs_bandwidth_units,
    "Bps, kBps, MBps, GBps, TBps, KiBps, MiBps, GiBps, TiBps (or bps for bits)",
    "10GBps", FALSE, 0, TRUE, MAX_RATE, "more than 0Bps and at most 1000TBps",
  };
  GsAttrsQuantity ql = {
    what_l, "latency", gs_attrs_time_units, "s, ms, us, ns, ps", "1us",
    FALSE, 0, FALSE, MAX_LATENCY, "from 0s to 3600s",
  };
  double b = 0, l = 0;
  if (!gs_attrs_quantity (rd, gs_reader_attr_pos_named (rd, names, "bandwidth"),
                          &qb, bw, &b, error))
    return FALSE;
  if (!gs_attrs_quantity (rd, gs_reader_attr_pos_named (rd, names, "latency"),
                          &ql, lat, &l, error))
    return FALSE;
  const char *policy = gs_attrs_value (names, values, "sharing_policy");
  if (policy && strcmp (policy, "SHARED") != 0 &&
      strcmp (policy, "FATPIPE") != 0)
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names,
                                                         "sharing_policy"),
                           error, "sharing_policy '%s' of link '%s' is not "
                           "supported; use SHARED or FATPIPE",
                           gs_reader_show (rd, policy),
                           gs_reader_show (rd, id));
  g_hash_table_insert (st->link_lines, g_strdup (id),
                       GINT_TO_POINTER (rd->here.line));
  GsLink *k = g_new0 (GsLink, 1);
  k->id = g_strdup (id);
  k->bandwidth = b;
  k->latency = l;
  g_ptr_array_add (st->plat->links, k);
  return TRUE;
}

/* Checks that END, the src or dst of a route in zone Z, is a host of Z. */
static gboolean
check_route_endpoint (GsChecks *st, const GsChecksZone *z, const char **names,
                 const char *attr, const char *end, GError **error)
{
  GsReader *rd = &st->rd;
  GsReaderPos pos = gs_reader_attr_pos_named (rd, names, attr);
  const GsChecksNode *n = g_hash_table_lookup (st->nodes, end);
  if (!n)
    return gs_reader_fail (rd, pos, error, "route %s '%s' names no host "
                           "defined above; define <host id=\"%s\" .../> before "
                           "the routes", attr, gs_reader_show (rd, end),
                           gs_reader_show (rd, end));
  if (!n->is_host)
    return gs_reader_fail (rd, pos, error, "route %s '%s' is a zone (line %d), "
                           "not a host; routes join hosts of their own zone",
                           attr, gs_reader_show (rd, end), n->line);
  if (n->zone != z->id)
    return gs_reader_fail (rd, pos, error, "route %s '%s' is a host of zone "
                           "'%s' (line %d), but this route is in zone '%s'; "
                           "routes join hosts of their own zone", attr,
                           gs_reader_show (rd, end),
                           gs_reader_show (rd, n->zone), n->line,
                           gs_reader_show (rd, z->id));
  return TRUE;
}

gboolean
gs_checks_route_start (GsChecks *st, const char **names, const char **values,
                       GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "src", "dst", "symmetrical", NULL };
  const char *example = "<route src=\"cpu0\" dst=\"cpu1\">";
  const char *src, *dst;
  if (!gs_attrs_check (rd, "route", names, allowed, error) ||
      !gs_attrs_need (rd, "route", names, values, "src", example, &src,
                      error) ||
      !gs_attrs_need (rd, "route", names, values, "dst", example, &dst,
                      error))
    return FALSE;
  GsChecksZone *z = gs_checks_zone_current (st);
  if (!check_route_endpoint (st, z, names, "src", src, error) ||
      !check_route_endpoint (st, z, names, "dst", dst, error))
    return FALSE;
  const char *sym = gs_attrs_value (names, values, "symmetrical");
  static const char *const syms[] = { "YES", "NO", "yes", "no" };
  gboolean known = sym == NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (syms) && !known; i++)
    known = strcmp (sym, syms[i]) == 0;
  if (!known)
    return gs_reader_fail (rd,
                           gs_reader_attr_pos_named (rd, names, "symmetrical"),
                           error, "symmetrical is '%s'; write "
                           "symmetrical=\"YES\" or symmetrical=\"NO\"",
                           gs_reader_show (rd, sym));
  gboolean symmetrical = !sym || g_ascii_strcasecmp (sym, "YES") == 0;
  gboolean loop = strcmp (src, dst) == 0;
  /* Floyd and Dijkstra add the way back of a loop too, and then fail on
   * the duplicate (Floyd) or crash (Dijkstra). */
  if (loop && symmetrical && !z->full)
    return gs_reader_fail (rd, rd->here, error, "a route from '%s' to itself "
                           "in zone '%s', whose routing is not Full, must be "
                           "one-way; add symmetrical=\"NO\"",
                           gs_reader_show (rd, src),
                           gs_reader_show (rd, z->id));
  gboolean both = symmetrical && !loop;
  g_autofree char *key = g_strconcat (src, "\n", dst, NULL);
  g_autofree char *rkey = g_strconcat (dst, "\n", src, NULL);
  gpointer line;
  if (g_hash_table_lookup_extended (z->routes, key, NULL, &line) ||
      (both && g_hash_table_lookup_extended (z->routes, rkey, NULL, &line)))
    return gs_reader_fail (rd, rd->here, error, "a route between '%s' and '%s' "
                           "is already defined at line %d (routes go both ways "
                           "unless symmetrical=\"NO\"); remove one",
                           gs_reader_show (rd, src), gs_reader_show (rd, dst),
                           GPOINTER_TO_INT (line));
  g_hash_table_insert (z->routes, g_steal_pointer (&key),
                       GINT_TO_POINTER (rd->here.line));
  g_hash_table_add (st->plat->routes, g_strconcat (src, "\n", dst, NULL));
  if (both)
    g_hash_table_add (st->plat->routes, g_strconcat (dst, "\n", src, NULL));
  if (both)
    g_hash_table_insert (z->routes, g_steal_pointer (&rkey),
                         GINT_TO_POINTER (rd->here.line));
  if (!z->first_route_line)
    z->first_route_line = rd->here.line;
  g_free (st->route_src);
  g_free (st->route_dst);
  st->route_src = g_strdup (src);
  st->route_dst = g_strdup (dst);
  st->route_links = 0;
  st->route_pos = rd->here;
  return TRUE;
}

gboolean
gs_checks_route_link_ctn (GsChecks *st, const char **names, const char **values,
                          GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "id", NULL };
  const char *id;
  if (!gs_attrs_check (rd, "link_ctn", names, allowed, error) ||
      !gs_attrs_need (rd, "link_ctn", names, values, "id",
                      "<link_ctn id=\"loopback\"/>", &id, error))
    return FALSE;
  if (!g_hash_table_contains (st->link_lines, id))
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "id"),
                           error, "unknown link '%s'; define <link id=\"%s\" "
                           "bandwidth=\"10GBps\" latency=\"1us\"/> before the "
                           "routes", gs_reader_show (rd, id),
                           gs_reader_show (rd, id));
  st->route_links++;
  return TRUE;
}

void
gs_checks_route_end (GsChecks *st, GError **error)
{
  GsReader *rd = &st->rd;
  if (st->route_links > 0)
    return;
  gs_reader_fail (rd, st->route_pos, error, "the route from '%s' to '%s' "
                  "lists no link; add <link_ctn id=\"LINK\"/> inside it",
                  gs_reader_show (rd, st->route_src),
                  gs_reader_show (rd, st->route_dst));
}
