/* checks_zone.c: a platform file's zones and the namespace of their hosts
 * and zones. */
#include "platform/checks_zone.h"

#include <string.h>

#include "platform/attrs.h"
#include "platform/reader.h"

#define MAX_ZONE_DEPTH 100      /* SimGrid's lexer overflows near 500 */
/* Hosts and zones in one zone whose routing keeps a table of every pair:
 * Full's is N^2 pointers (20,000 hosts: 3.2 GB before the run starts),
 * Floyd's N^2 entries filled in N^3 steps. */
#define MAX_FULL_POINTS 2048
#define MAX_FLOYD_POINTS 1024

void
gs_checks_zone_free (gpointer data)
{
  GsChecksZone *z = data;
  g_hash_table_unref (z->routes);
  g_free (z);
}

GsChecksZone *
gs_checks_zone_current (const GsChecks *st)
{
  return st->zones->len ? g_ptr_array_index (st->zones, st->zones->len - 1)
                        : NULL;
}

/* SimGrid's lexer's rules for element EL inside the current zone, which
 * check_place has let in. */
gboolean
gs_checks_zone_place (GsChecks *st, GsChecksElem el, GError **error)
{
  GsReader *rd = &st->rd;
  GsChecksZone *z = gs_checks_zone_current (st);
  if (el == GS_CHECKS_PROP) {
    if (z->has_content)
      return gs_reader_fail (rd, rd->here, error, "the <prop> of zone '%s' "
                             "must come before its other elements; move it up",
                             gs_reader_show (rd, z->id));
    return TRUE;
  }
  z->has_content = TRUE;
  /* SimGrid's lexer decides at the first zone, host or link: after a host
   * or a link, a zone of hosts; after a zone, a zone of zones. */
  if (el == GS_CHECKS_ZONE && z->kind == GS_CHECKS_ZONE_OF_HOSTS &&
      z->kind_elem == GS_CHECKS_HOST)
    return gs_reader_fail (rd, rd->here, error, "zone '%s' holds hosts (line "
                           "%d), so it cannot also hold zones; put those hosts "
                           "in a zone of their own", gs_reader_show (rd, z->id),
                           z->kind_line);
  if (el == GS_CHECKS_ZONE && z->kind == GS_CHECKS_ZONE_OF_HOSTS)
    return gs_reader_fail (rd, rd->here, error, "zone '%s' starts with a "
                           "<link> (line %d), so SimGrid takes it for a zone "
                           "of hosts, which cannot hold zones; put the links "
                           "after the zones", gs_reader_show (rd, z->id),
                           z->kind_line);
  if (el == GS_CHECKS_HOST && z->kind == GS_CHECKS_ZONE_OF_ZONES)
    return gs_reader_fail (rd, rd->here, error, "zone '%s' holds zones (line "
                           "%d), so it cannot also hold hosts; move this host "
                           "into a zone", gs_reader_show (rd, z->id),
                           z->kind_line);
  if ((el == GS_CHECKS_HOST || el == GS_CHECKS_LINK) && z->first_route_line)
    return gs_reader_fail (rd, rd->here, error, "<%s> after the routes of zone "
                           "'%s' (first <route> at line %d); move it above the "
                           "routes", gs_checks_elem_name (el),
                           gs_reader_show (rd, z->id), z->first_route_line);
  if (el == GS_CHECKS_ROUTE && !z->routed)
    return gs_reader_fail (rd, rd->here, error, "zone '%s' has "
                           "routing=\"None\", which takes no <route>; use "
                           "routing=\"Full\"", gs_reader_show (rd, z->id));
  if (z->kind == GS_CHECKS_ZONE_EMPTY && el != GS_CHECKS_ROUTE) {
    z->kind = el == GS_CHECKS_ZONE ? GS_CHECKS_ZONE_OF_ZONES
                                   : GS_CHECKS_ZONE_OF_HOSTS;
    z->kind_elem = el;
    z->kind_line = rd->here.line;
  }
  return TRUE;
}

/* Registers ID, the id of a host or zone, in the namespace they share. */
static gboolean
add_node (GsChecks *st, const char *id, gboolean is_host, const char **names,
          GError **error)
{
  GsReader *rd = &st->rd;
  GsChecksNode *old = g_hash_table_lookup (st->nodes, id);
  if (old)
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "id"),
                           error, "id '%s' is already used by the %s at line "
                           "%d; give each host and zone its own id",
                           gs_reader_show (rd, id),
                           old->is_host ? "host" : "zone", old->line);
  GsChecksNode *n = g_new0 (GsChecksNode, 1);
  n->is_host = is_host;
  n->line = rd->here.line;
  GsChecksZone *z = gs_checks_zone_current (st);
  n->zone = z ? z->id : NULL;
  g_hash_table_insert (st->nodes, g_strdup (id), n);
  return TRUE;
}

/* Counts a host or zone ID that opens in the current zone, if any: a
 * zone whose routing keeps a table of every pair takes only so many. */
static gboolean
count_point (GsChecks *st, const char *id, GError **error)
{
  GsChecksZone *z = gs_checks_zone_current (st);
  if (z == NULL || !(z->full || z->floyd))
    return TRUE;
  z->points++;
  guint max = z->full ? MAX_FULL_POINTS : MAX_FLOYD_POINTS;
  if (z->points <= max)
    return TRUE;
  return gs_reader_fail (&st->rd, st->rd.here, error,
                         "zone '%s' (routing=\"%s\") holds more than %u hosts and "
                         "zones ('%s' is one too many): SimGrid keeps a table of every "
                         "pair of them; use routing=\"Dijkstra\", or zones of fewer hosts",
                         gs_reader_show (&st->rd, z->id), z->full ? "Full" : "Floyd", max,
                         gs_reader_show (&st->rd, id));
}

gboolean
gs_checks_zone_add_point (GsChecks *st, const char *id, gboolean is_host,
                          const char **names, GError **error)
{
  return add_node (st, id, is_host, names, error) && count_point (st, id, error);
}

gboolean
gs_checks_zone_start (GsChecks *st, const char **names, const char **values,
                      GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "id", "routing", NULL };
  static const char *const routings[] = {
    "Full", "Floyd", "Dijkstra", "DijkstraCache", "None",
  };
  const char *id, *routing;
  if (!gs_attrs_check (rd, "zone", names, allowed, error) ||
      !gs_attrs_need (rd, "zone", names, values, "id",
                      "<zone id=\"world\" routing=\"Full\">", &id, error) ||
      !gs_attrs_need (rd, "zone", names, values, "routing",
                      "<zone id=\"world\" routing=\"Full\">", &routing, error))
    return FALSE;
  gboolean known = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (routings) && !known; i++)
    known = g_ascii_strcasecmp (routing, routings[i]) == 0;
  if (!known)
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "routing"),
                           error, "routing '%s' of zone '%s' is not supported; "
                           "use one of Full, Floyd, Dijkstra, DijkstraCache, "
                           "None", gs_reader_show (rd, routing),
                           gs_reader_show (rd, id));
  if (st->zones->len >= MAX_ZONE_DEPTH)
    return gs_reader_fail (rd, rd->here, error, "zone '%s' is nested %u deep; "
                           "SimGrid's parser takes at most %d nested zones, so "
                           "flatten the hierarchy", gs_reader_show (rd, id),
                           st->zones->len + 1, MAX_ZONE_DEPTH);
  if (!gs_checks_zone_add_point (st, id, FALSE, names, error))
    return FALSE;
  if (gs_checks_parent (st) == GS_CHECKS_PLATFORM)
    st->root_zone_line = rd->here.line;
  GsChecksZone *z = g_new0 (GsChecksZone, 1);
  gpointer key = NULL;
  g_hash_table_lookup_extended (st->nodes, id, &key, NULL);
  z->id = key;
  z->routed = g_ascii_strcasecmp (routing, "None") != 0;
  z->full = g_ascii_strcasecmp (routing, "Full") == 0;
  z->floyd = g_ascii_strcasecmp (routing, "Floyd") == 0;
  z->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (st->zones, z);
  return TRUE;
}
