/* checks_zone.h: the zones of a platform file and the namespace that their
 * hosts and zones share, checked as GMarkup opens them (for checks.c and
 * its parts only; messages through the reader, one line each). */
#pragma once

#include <glib.h>
#include "platform/checks.h"

G_BEGIN_DECLS

typedef enum {
  GS_CHECKS_ZONE_EMPTY,
  GS_CHECKS_ZONE_OF_ZONES,
  GS_CHECKS_ZONE_OF_HOSTS,
} GsChecksZoneKind;

/* An open <zone>.  SimGrid's DTD: properties first; then either zones and
 * links, or hosts and links followed by routes. */
typedef struct {
  const char *id;       /* a key of GsChecks.nodes */
  gboolean routed;      /* takes <route> (not routing="None") */
  gboolean full;        /* routing="Full" */
  gboolean floyd;       /* routing="Floyd" */
  guint points;         /* hosts and zones in it, SimGrid's netpoints */
  GsChecksZoneKind kind;
  GsChecksElem kind_elem; /* the zone, host or link that set KIND */
  int kind_line;        /* and its line */
  gboolean has_content; /* something other than <prop> was seen */
  int first_route_line; /* 0 until the first <route> */
  GHashTable *routes;   /* "SRC\nDST" -> GINT_TO_POINTER (line) */
} GsChecksZone;

/* A host or zone id (a value of GsChecks.nodes): SimGrid gives both one
 * namespace. */
typedef struct {
  gboolean is_host;
  int line;
  const char *zone;     /* the enclosing zone's id, a key of GsChecks.nodes */
} GsChecksNode;

/* Frees a GsChecksZone (GsChecks.zones' free function). */
void gs_checks_zone_free (gpointer zone);

/* The innermost open zone of CK, or NULL outside every zone. */
GsChecksZone *gs_checks_zone_current (const GsChecks *ck);

/* Checks where EL, opening directly inside the current zone, may be: the
 * order SimGrid's lexer wants (properties first, hosts or zones but not
 * both, routes last, routes only where the routing takes them); records
 * what EL makes of the zone.  Fails at EL otherwise. */
gboolean gs_checks_zone_place (GsChecks *ck, GsChecksElem el,
                               GError **error);

/* Registers ID, the id of a host (IS_HOST) or zone opening in the current
 * zone, whose attributes are NAMES: fails when another host or zone has
 * it, or when the current zone's routing (Full, Floyd) keeps a table of
 * every pair and holds too many. */
gboolean gs_checks_zone_add_point (GsChecks *ck, const char *id,
                                   gboolean is_host, const char **names,
                                   GError **error);

/* Checks a <zone> that GMarkup has just opened, with attributes NAMES and
 * VALUES (its id, routing and depth), and opens it in CK. */
gboolean gs_checks_zone_start (GsChecks *ck, const char **names,
                               const char **values, GError **error);

G_END_DECLS
