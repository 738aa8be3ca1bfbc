/* checks.c: the elements of a platform file, checked one by one. */
#include "platform/checks.h"

#include <stdlib.h>
#include <string.h>

#include "costs.h"
#include "platform/attrs.h"
#include "platform/reader.h"

#define MAX_CORES 4096
#define MIN_SPEED GS_PLATFORM_MIN_SPEED  /* flop/s per core */
#define MAX_SPEED GS_PLATFORM_MAX_SPEED
#define MAX_RATE GS_PLATFORM_MAX_RATE
#define MAX_LATENCY 3600.0      /* seconds */
#define MAX_ZONE_DEPTH 100      /* SimGrid's lexer overflows near 500 */
/* Hosts and zones in one zone whose routing keeps a table of every pair:
 * Full's is N^2 pointers (20,000 hosts: 3.2 GB before the run starts),
 * Floyd's N^2 entries filled in N^3 steps. */
#define MAX_FULL_POINTS 2048
#define MAX_FLOYD_POINTS 1024
/* Hosts in a platform file: SimGrid builds each in every simulation
 * (190,000 hosts, what 16 MiB holds: 37 s and 330 MB before a run). */
#define MAX_HOSTS 10000

/* ---------------------------------------------------------------------- */
/* Parser state                                                            */

typedef enum {
  EL_PLATFORM,
  EL_ZONE,
  EL_HOST,
  EL_PROP,
  EL_DISK,
  EL_LINK,
  EL_ROUTE,
  EL_LINK_CTN,
  EL_NONE,               /* above the root element */
} Elem;

static const char *const elem_names[] = {
  "platform", "zone", "host", "prop", "disk", "link", "route", "link_ctn",
};

#define ALLOWED_ELEMENTS \
  "platform, zone, host, prop, disk, link, route, link_ctn"

/* What each element may contain, for the general case and for messages. */
static const char *const elem_children[] = {
  [EL_PLATFORM] = "zone",
  [EL_ZONE] = "prop, zone, host, link, route",
  [EL_HOST] = "prop, disk",
  [EL_PROP] = NULL,
  [EL_DISK] = "prop",
  [EL_LINK] = "prop",
  [EL_ROUTE] = "link_ctn",
  [EL_LINK_CTN] = NULL,
};

typedef enum { ZONE_EMPTY, ZONE_OF_ZONES, ZONE_OF_HOSTS } ZoneKind;

/* An open <zone>.  SimGrid's DTD: properties first; then either zones and
 * links, or hosts and links followed by routes. */
typedef struct {
  const char *id;       /* a key of GsChecks.nodes */
  gboolean routed;      /* takes <route> (not routing="None") */
  gboolean full;        /* routing="Full" */
  gboolean floyd;       /* routing="Floyd" */
  guint points;         /* hosts and zones in it, SimGrid's netpoints */
  ZoneKind kind;
  Elem kind_elem;       /* the zone, host or link that set KIND */
  int kind_line;        /* and its line */
  gboolean has_content; /* something other than <prop> was seen */
  int first_route_line; /* 0 until the first <route> */
  GHashTable *routes;   /* "SRC\nDST" -> GINT_TO_POINTER (line) */
} Zone;

/* A host or zone id: SimGrid gives both one namespace. */
typedef struct {
  gboolean is_host;
  int line;
  const char *zone;     /* the enclosing zone's id, a key of GsChecks.nodes */
} Node;

static void
zone_free (gpointer data)
{
  Zone *z = data;
  g_hash_table_unref (z->routes);
  g_free (z);
}

void
gs_checks_init (GsChecks *ck, const char *path, const char *text, gsize len)
{
  memset (ck, 0, sizeof *ck);
  gs_reader_init (&ck->rd, path, text, len);
  ck->stack = g_array_new (FALSE, FALSE, sizeof (Elem));
  ck->zones = g_ptr_array_new_with_free_func (zone_free);
  ck->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ck->link_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          NULL);
  ck->plat = gs_platform_new (path);
  gs_caps_init (&ck->caps);
}

void
gs_checks_clear (GsChecks *ck)
{
  gs_reader_clear (&ck->rd);
  g_array_unref (ck->stack);
  g_ptr_array_unref (ck->zones);
  g_hash_table_unref (ck->nodes);
  g_hash_table_unref (ck->link_lines);
  gs_platform_free (ck->plat);
  g_free (ck->route_src);
  g_free (ck->route_dst);
  gs_caps_clear (&ck->caps);
}

/* ---------------------------------------------------------------------- */
/* Elements                                                                */

static Elem
elem_lookup (const char *name)
{
  for (int i = 0; i < EL_NONE; i++)
    if (strcmp (name, elem_names[i]) == 0)
      return (Elem) i;
  return EL_NONE;
}

static Elem
parent_elem (const GsChecks *st)
{
  if (st->stack->len == 0)
    return EL_NONE;
  return g_array_index (st->stack, Elem, st->stack->len - 1);
}

static Zone *
current_zone (const GsChecks *st)
{
  return st->zones->len ? g_ptr_array_index (st->zones, st->zones->len - 1)
                        : NULL;
}

/* Fails when element EL may not appear here: SimGrid's DTD, restricted to
 * the elements gilsim accepts. */
static gboolean
check_place (GsChecks *st, Elem el, GError **error)
{
  GsReader *rd = &st->rd;
  Elem parent = parent_elem (st);
  if (parent == EL_NONE) {
    if (rd->seen_root)
      return gs_reader_fail (rd, rd->here, error, "<%s> comes after the end of "
                             "<platform>; a platform file holds a single "
                             "<platform> element, so move it inside",
                             elem_names[el]);
    return TRUE;  /* on_start has checked that it is <platform> */
  }
  if (el == EL_PLATFORM)
    return gs_reader_fail (rd, rd->here, error, "<platform> inside <%s>; a "
                           "file holds a single <platform>, so remove this one",
                           elem_names[parent]);
  if (parent == EL_PLATFORM) {
    if (el == EL_ZONE && st->root_zone_line)
      return gs_reader_fail (rd, rd->here, error, "a second top-level <zone>; "
                             "SimGrid wants a single one (line %d), so move "
                             "this zone inside it", st->root_zone_line);
    if (el == EL_HOST || el == EL_LINK || el == EL_ROUTE)
      return gs_reader_fail (rd, rd->here, error, "<%s> must be inside a "
                             "<zone>; wrap it in <zone id=\"world\" "
                             "routing=\"Full\">", elem_names[el]);
    if (el == EL_PROP)
      return gs_reader_fail (rd, rd->here, error, "<prop> cannot be directly "
                             "inside <platform>; put it inside the <host> it "
                             "describes");
  }
  const char *kids = elem_children[parent];
  if (!kids)
    return gs_reader_fail (rd, rd->here, error, "<%s> inside <%s>, which takes "
                           "no elements; close <%s> first (write it <%s .../>)",
                           elem_names[el], elem_names[parent],
                           elem_names[parent], elem_names[parent]);
  gboolean ok = FALSE;
  g_auto (GStrv) list = g_strsplit (kids, ", ", -1);
  for (guint i = 0; list[i] && !ok; i++)
    ok = strcmp (list[i], elem_names[el]) == 0;
  if (!ok)
    return gs_reader_fail (rd, rd->here, error, "<%s> is not allowed inside "
                           "<%s>; <%s> may contain: %s", elem_names[el],
                           elem_names[parent], elem_names[parent], kids);
  if (parent != EL_ZONE)
    return TRUE;

  Zone *z = current_zone (st);
  if (el == EL_PROP) {
    if (z->has_content)
      return gs_reader_fail (rd, rd->here, error, "the <prop> of zone '%s' "
                             "must come before its other elements; move it up",
                             gs_reader_show (rd, z->id));
    return TRUE;
  }
  z->has_content = TRUE;
  /* SimGrid's lexer decides at the first zone, host or link: after a host
   * or a link, a zone of hosts; after a zone, a zone of zones. */
  if (el == EL_ZONE && z->kind == ZONE_OF_HOSTS && z->kind_elem == EL_HOST)
    return gs_reader_fail (rd, rd->here, error, "zone '%s' holds hosts (line "
                           "%d), so it cannot also hold zones; put those hosts "
                           "in a zone of their own", gs_reader_show (rd, z->id),
                           z->kind_line);
  if (el == EL_ZONE && z->kind == ZONE_OF_HOSTS)
    return gs_reader_fail (rd, rd->here, error, "zone '%s' starts with a "
                           "<link> (line %d), so SimGrid takes it for a zone "
                           "of hosts, which cannot hold zones; put the links "
                           "after the zones", gs_reader_show (rd, z->id),
                           z->kind_line);
  if (el == EL_HOST && z->kind == ZONE_OF_ZONES)
    return gs_reader_fail (rd, rd->here, error, "zone '%s' holds zones (line "
                           "%d), so it cannot also hold hosts; move this host "
                           "into a zone", gs_reader_show (rd, z->id),
                           z->kind_line);
  if ((el == EL_HOST || el == EL_LINK) && z->first_route_line)
    return gs_reader_fail (rd, rd->here, error, "<%s> after the routes of zone "
                           "'%s' (first <route> at line %d); move it above the "
                           "routes", elem_names[el], gs_reader_show (rd, z->id),
                           z->first_route_line);
  if (el == EL_ROUTE && !z->routed)
    return gs_reader_fail (rd, rd->here, error, "zone '%s' has "
                           "routing=\"None\", which takes no <route>; use "
                           "routing=\"Full\"", gs_reader_show (rd, z->id));
  if (z->kind == ZONE_EMPTY && el != EL_ROUTE) {
    z->kind = el == EL_ZONE ? ZONE_OF_ZONES : ZONE_OF_HOSTS;
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
  Node *old = g_hash_table_lookup (st->nodes, id);
  if (old)
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "id"),
                           error, "id '%s' is already used by the %s at line "
                           "%d; give each host and zone its own id",
                           gs_reader_show (rd, id),
                           old->is_host ? "host" : "zone", old->line);
  Node *n = g_new0 (Node, 1);
  n->is_host = is_host;
  n->line = rd->here.line;
  Zone *z = current_zone (st);
  n->zone = z ? z->id : NULL;
  g_hash_table_insert (st->nodes, g_strdup (id), n);
  return TRUE;
}

static gboolean
start_platform (GsChecks *st, const char **names, const char **values,
                GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "version", NULL };
  if (!gs_attrs_check (rd, "platform", names, allowed, error))
    return FALSE;
  rd->seen_root = TRUE;
  rd->root_pos = rd->here;
  const char *version = gs_attrs_value (names, values, "version");
  if (!version)
    return gs_reader_fail (rd, rd->here, error, "<platform> has no version; "
                           "write <platform version=\"4.1\">");
  if (strcmp (version, "4.1") != 0)
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "version"),
                           error, "platform version '%s' is not supported; use "
                           "version=\"4.1\" (SimGrid's simgrid_update_xml "
                           "converts older files)",
                           gs_reader_show (rd, version));
  return TRUE;
}

/* Counts a host or zone ID that opens in the current zone, if any: a
 * zone whose routing keeps a table of every pair takes only so many. */
static gboolean
count_point (GsChecks *st, const char *id, GError **error)
{
  Zone *z = current_zone (st);
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

static gboolean
start_zone (GsChecks *st, const char **names, const char **values,
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
  if (!add_node (st, id, FALSE, names, error) || !count_point (st, id, error))
    return FALSE;
  if (parent_elem (st) == EL_PLATFORM)
    st->root_zone_line = rd->here.line;
  Zone *z = g_new0 (Zone, 1);
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

static gboolean
start_host (GsChecks *st, const char **names, const char **values,
            GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "id", "speed", "core", NULL };
  const char *example = "<host id=\"cpu0\" speed=\"1Gf\" core=\"4\">";
  const char *id, *speed;
  if (!gs_attrs_check (rd, "host", names, allowed, error) ||
      !gs_attrs_need (rd, "host", names, values, "id", example, &id, error) ||
      !gs_attrs_need (rd, "host", names, values, "speed", example, &speed,
                      error))
    return FALSE;
  g_autofree char *what = g_strdup_printf ("speed of host '%s'",
                                           gs_reader_show (rd, id));
  GsAttrsQuantity q = {
    what, "speed", gs_attrs_speed_units, "f, kf, Mf, Gf, Tf", "1Gf", TRUE,
    MIN_SPEED, FALSE, MAX_SPEED, "from 1Mf to 1000Tf (flop/s per core)",
  };
  double v = 0;
  if (strchr (speed, ','))
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "speed"),
                           error, "%s lists several power states ('%s'); "
                           "gilsim takes a single speed, such as speed=\"1Gf\"",
                           what, gs_reader_show (rd, speed));
  if (!gs_attrs_quantity (rd, gs_reader_attr_pos_named (rd, names, "speed"), &q,
                          speed, &v, error))
    return FALSE;
  int cores = 1;
  const char *core = gs_attrs_value (names, values, "core");
  if (core) {
    gboolean digits = *core != '\0' && strlen (core) <= 6;
    for (const char *p = core; *p && digits; p++)
      digits = g_ascii_isdigit (*p);
    cores = digits ? atoi (core) : 0;
    if (cores < 1 || cores > MAX_CORES)
      return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "core"),
                             error, "core of host '%s' is '%s'; write a whole "
                             "number of cores from 1 to %d, such as "
                             "core=\"16\"", gs_reader_show (rd, id),
                             gs_reader_show (rd, core), MAX_CORES);
  }
  if (st->plat->hosts->len >= MAX_HOSTS)
    return gs_reader_fail (rd, rd->here, error, "the platform holds more than %d "
                           "hosts ('%s' is one too many): SimGrid builds every one "
                           "in each simulation; keep the hosts the program uses",
                           MAX_HOSTS, gs_reader_show (rd, id));
  if (!add_node (st, id, TRUE, names, error) || !count_point (st, id, error))
    return FALSE;
  GsHost *h = gs_host_new (id, rd->here.line);
  h->speed = v;
  h->cores = cores;
  g_ptr_array_add (st->plat->hosts, h);
  st->host = h;
  return TRUE;
}

/* Checks a property of a host that gilsim reads (see models/costs.h);
 * ID_POS and POS are where its id and value are. */
static gboolean
check_calibration (GsChecks *st, GsReaderPos id_pos, GsReaderPos pos,
                   const char *id, const char *value, GError **error)
{
  GsReader *rd = &st->rd;
  if (!gs_costs_reserved (id))
    return TRUE;
  const GsCostsProp *spec = gs_costs_lookup (id);
  if (!spec) {
    g_autofree char *known = gs_costs_known (id);
    return gs_reader_fail (rd, id_pos, error,
                           "unknown property '%s'; known: %s",
                           gs_reader_show (rd, id), known);
  }
  const char *h = gs_reader_show (rd, st->host->id);
  if (spec->dim == GS_DIM_STRING) {
    g_autofree char *v = g_strstrip (g_strdup (value));
    if (!*v)
      return gs_reader_fail (rd, pos, error, "property '%s' of host '%s' is "
                             "empty; write value=\"%s\"", id, h, spec->example);
    return TRUE;
  }
  g_autoptr (GError) err = NULL;
  double v = 0;
  if (!gs_units_parse (value, spec->dim, FALSE, &v, &err))
    return gs_reader_fail (rd, pos, error, "property '%s' of host '%s': %s",
                           gs_reader_show (rd, id), h, err->message);
  if (v < spec->min || (spec->min_open && v == spec->min) || v > spec->max)
    return gs_reader_fail (rd, pos, error, "property '%s' of host '%s' is "
                           "'%s'; it must be %s, such as value=\"%s\"",
                           gs_reader_show (rd, id), h,
                           gs_reader_show (rd, value), spec->range,
                           spec->example);
  return TRUE;
}

/* Checks the open host's cpu.efficiency_cores VALUE (a number in the
 * registry's range already) at POS: a whole number, fewer than the host's
 * cores; remembers POS for check_host_end. */
static gboolean
check_efficiency_cores (GsChecks *st, GsReaderPos pos, const char *value,
                        GError **error)
{
  GsReader *rd = &st->rd;
  double v = 0;
  gs_units_parse (value, GS_DIM_COUNT, FALSE, &v, NULL);
  if (v != (double) (int) v || v >= st->host->cores)
    return gs_reader_fail (rd, pos, error, "property 'cpu.efficiency_cores' "
                           "of host '%s' is '%s'; write a whole number of its "
                           "%d cores less than all of them, such as "
                           "value=\"%d\"", gs_reader_show (rd, st->host->id),
                           gs_reader_show (rd, value), st->host->cores,
                           st->host->cores / 2);
  st->efficiency_pos = v > 0 ? pos : (GsReaderPos) { 0, 0 };
  return TRUE;
}

/* At the end of a host: one with efficiency cores must say how fast they
 * are. */
static gboolean
check_host_end (GsChecks *st, GError **error)
{
  GsReader *rd = &st->rd;
  if (st->efficiency_pos.line == 0 ||
      g_hash_table_contains (st->host->props, "cpu.efficiency_speed"))
    return TRUE;
  return gs_reader_fail (rd, st->efficiency_pos, error, "host '%s' has "
                         "efficiency cores but no cpu.efficiency_speed; add "
                         "<prop id=\"cpu.efficiency_speed\" value=\"0.45\"/> "
                         "(an efficiency core's speed at Python over a "
                         "performance core's)",
                         gs_reader_show (rd, st->host->id));
}

static gboolean
start_prop (GsChecks *st, const char **names, const char **values,
            GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "id", "value", NULL };
  const char *example = "<prop id=\"python.loop\" value=\"45ns\"/>";
  const char *id;
  if (!gs_attrs_check (rd, "prop", names, allowed, error) ||
      !gs_attrs_need (rd, "prop", names, values, "id", example, &id, error))
    return FALSE;
  const char *value = gs_attrs_value (names, values, "value");
  if (!value)
    return gs_reader_fail (rd, rd->here, error, "<prop> has no value "
                           "attribute; write it like %s", example);
  if (parent_elem (st) != EL_HOST)
    return TRUE;  /* zone, disk and link properties are SimGrid's business */
  GsHost *h = st->host;
  gpointer line;
  if (g_hash_table_lookup_extended (h->prop_lines, id, NULL, &line))
    return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "id"),
                           error, "property '%s' is set twice in host '%s' "
                           "(first at line %d); remove one",
                           gs_reader_show (rd, id), gs_reader_show (rd, h->id),
                           GPOINTER_TO_INT (line));
  if (!check_calibration (st, gs_reader_attr_pos_named (rd, names, "id"),
                          gs_reader_attr_pos_named (rd, names, "value"), id,
                          value, error))
    return FALSE;
  if (strcmp (id, "cpu.efficiency_cores") == 0 &&
      !check_efficiency_cores (st, gs_reader_attr_pos_named (rd, names,
                                                             "value"),
                               value, error))
    return FALSE;
  g_hash_table_insert (h->props, g_strdup (id), g_strdup (value));
  g_hash_table_insert (h->prop_lines, g_strdup (id),
                       GINT_TO_POINTER (rd->here.line));
  return TRUE;
}

static gboolean
start_disk (GsChecks *st, const char **names, const char **values,
            GError **error)
{
  GsReader *rd = &st->rd;
  static const char *const allowed[] = { "id", "read_bw", "write_bw", NULL };
  const char *example =
      "<disk id=\"ssd\" read_bw=\"500MBps\" write_bw=\"400MBps\"/>";
  const char *id, *rbw, *wbw;
  if (!gs_attrs_check (rd, "disk", names, allowed, error) ||
      !gs_attrs_need (rd, "disk", names, values, "id", example, &id, error) ||
      !gs_attrs_need (rd, "disk", names, values, "read_bw", example, &rbw,
                      error) ||
      !gs_attrs_need (rd, "disk", names, values, "write_bw", example, &wbw,
                      error))
    return FALSE;
  GsHost *h = st->host;
  for (guint i = 0; i < h->disks->len; i++)
    if (strcmp (((GsDisk *) g_ptr_array_index (h->disks, i))->id, id) == 0)
      return gs_reader_fail (rd, gs_reader_attr_pos_named (rd, names, "id"),
                             error, "host '%s' already has a disk '%s'; give "
                             "each disk its own id", gs_reader_show (rd, h->id),
                             gs_reader_show (rd, id));
  const char *shown = gs_reader_show (rd, id);
  g_autofree char *what_r = g_strdup_printf ("read_bw of disk '%s'", shown);
  g_autofree char *what_w = g_strdup_printf ("write_bw of disk '%s'", shown);
  GsAttrsQuantity q = {
    what_r, "read_bw", gs_attrs_bandwidth_units,
    "Bps, kBps, MBps, GBps, TBps, KiBps, MiBps, GiBps, TiBps (or bps for bits)",
    "500MBps", FALSE, 0, TRUE, MAX_RATE, "more than 0Bps and at most 1000TBps",
  };
  double r = 0, w = 0;
  if (!gs_attrs_quantity (rd, gs_reader_attr_pos_named (rd, names, "read_bw"),
                          &q, rbw, &r, error))
    return FALSE;
  q.what = what_w;
  q.attr = "write_bw";
  if (!gs_attrs_quantity (rd, gs_reader_attr_pos_named (rd, names, "write_bw"),
                          &q, wbw, &w, error))
    return FALSE;
  GsDisk *d = g_new0 (GsDisk, 1);
  d->id = g_strdup (id);
  d->read_bw = r;
  d->write_bw = w;
  g_ptr_array_add (h->disks, d);
  return TRUE;
}

static gboolean
start_link (GsChecks *st, const char **names, const char **values,
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
check_route_end (GsChecks *st, const Zone *z, const char **names,
                 const char *attr, const char *end, GError **error)
{
  GsReader *rd = &st->rd;
  GsReaderPos pos = gs_reader_attr_pos_named (rd, names, attr);
  const Node *n = g_hash_table_lookup (st->nodes, end);
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

static gboolean
start_route (GsChecks *st, const char **names, const char **values,
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
  Zone *z = current_zone (st);
  if (!check_route_end (st, z, names, "src", src, error) ||
      !check_route_end (st, z, names, "dst", dst, error))
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

static gboolean
start_link_ctn (GsChecks *st, const char **names, const char **values,
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

/* ---------------------------------------------------------------------- */
/* GMarkup callbacks                                                       */

static void
on_start (GMarkupParseContext *ctx G_GNUC_UNUSED, const char *name,
          const char **names, const char **values, gpointer data,
          GError **error)
{
  GsChecks *st = data;
  GsReader *rd = &st->rd;
  gs_reader_locate (rd, name, names);
  Elem el = elem_lookup (name);
  if (st->stack->len == 0 && !rd->seen_root) {
    if (el != EL_PLATFORM) {
      gs_reader_fail (rd, rd->here, error, "the file starts with <%s>, but a "
                      "platform file starts with <platform version=\"4.1\">",
                      gs_reader_show (rd, name));
      return;
    }
    if (!rd->seen_doctype) {
      gs_reader_fail (rd, rd->here, error, "SimGrid needs the line %s before "
                      "<platform>; add it", GS_READER_DOCTYPE);
      return;
    }
  }
  if (rd->tag && rd->tag->raw_lt) {
    gs_reader_fail (rd, gs_reader_pos (rd, rd->tag->raw_lt), error, "'<' "
                    "inside an attribute value, which SimGrid rejects; write "
                    "&lt; instead");
    return;
  }
  if (rd->tag && rd->tag->raw_ref) {
    /* SimGrid's lexer keeps only the low byte of a character reference. */
    gs_reader_fail (rd, gs_reader_pos (rd, rd->tag->raw_ref), error, "a "
                    "character reference beyond ASCII in an attribute value, "
                    "which SimGrid misreads; write the character itself");
    return;
  }
  if (el == EL_NONE) {
    if (strcmp (name, "cluster") == 0)
      gs_reader_fail (rd, rd->here, error, "<cluster> is not supported; "
                      "describe hosts one by one with <host>");
    else
      gs_reader_fail (rd, rd->here, error, "unknown element <%s>; a gilsim "
                      "platform uses only %s", gs_reader_show (rd, name),
                      ALLOWED_ELEMENTS);
    return;
  }
  if (!check_place (st, el, error) ||
      !gs_caps_open (&st->caps, rd, elem_names[el], names, values, error))
    return;
  gboolean ok = FALSE;
  switch (el) {
  case EL_PLATFORM: ok = start_platform (st, names, values, error); break;
  case EL_ZONE: ok = start_zone (st, names, values, error); break;
  case EL_HOST: ok = start_host (st, names, values, error); break;
  case EL_PROP: ok = start_prop (st, names, values, error); break;
  case EL_DISK: ok = start_disk (st, names, values, error); break;
  case EL_LINK: ok = start_link (st, names, values, error); break;
  case EL_ROUTE: ok = start_route (st, names, values, error); break;
  case EL_LINK_CTN: ok = start_link_ctn (st, names, values, error); break;
  case EL_NONE: break;
  }
  if (ok)
    g_array_append_val (st->stack, el);
}

static void
on_end (GMarkupParseContext *ctx G_GNUC_UNUSED, const char *name G_GNUC_UNUSED,
        gpointer data,
        GError **error)
{
  GsChecks *st = data;
  GsReader *rd = &st->rd;
  Elem el = parent_elem (st);
  g_array_set_size (st->stack, st->stack->len - 1);
  gs_caps_close (&st->caps);
  if (el == EL_HOST) {
    check_host_end (st, error);
    st->efficiency_pos = (GsReaderPos) { 0, 0 };
    st->host = NULL;
  } else if (el == EL_ZONE) {
    g_ptr_array_set_size (st->zones, st->zones->len - 1);
  } else if (el == EL_ROUTE && st->route_links == 0) {
    gs_reader_fail (rd, st->route_pos, error, "the route from '%s' to '%s' "
                    "lists no link; add <link_ctn id=\"LINK\"/> inside it",
                    gs_reader_show (rd, st->route_src),
                    gs_reader_show (rd, st->route_dst));
  }
}

const GMarkupParser gs_checks_parser = {
  on_start, on_end, gs_reader_on_text, gs_reader_on_passthrough, NULL,
};

