/* checks.c: the elements of a platform file, checked one by one: where
 * each may be, then the element's own checks (checks_zone.c,
 * checks_host.c, checks_route.c). */
#include "platform/checks.h"

#include <string.h>

#include "platform/attrs.h"
#include "platform/checks_host.h"
#include "platform/checks_route.h"
#include "platform/checks_zone.h"
#include "platform/reader.h"

static const char *const elem_names[] = {
  "platform", "zone", "host", "prop", "disk", "link", "route", "link_ctn",
};

#define ALLOWED_ELEMENTS \
  "platform, zone, host, prop, disk, link, route, link_ctn"

/* What each element may contain, for the general case and for messages. */
static const char *const elem_children[] = {
  [GS_CHECKS_PLATFORM] = "zone",
  [GS_CHECKS_ZONE] = "prop, zone, host, link, route",
  [GS_CHECKS_HOST] = "prop, disk",
  [GS_CHECKS_PROP] = NULL,
  [GS_CHECKS_DISK] = "prop",
  [GS_CHECKS_LINK] = "prop",
  [GS_CHECKS_ROUTE] = "link_ctn",
  [GS_CHECKS_LINK_CTN] = NULL,
};

void
gs_checks_init (GsChecks *ck, const char *path, const char *text, gsize len)
{
  memset (ck, 0, sizeof *ck);
  gs_reader_init (&ck->rd, path, text, len);
  ck->stack = g_array_new (FALSE, FALSE, sizeof (GsChecksElem));
  ck->zones = g_ptr_array_new_with_free_func (gs_checks_zone_free);
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

static GsChecksElem
elem_lookup (const char *name)
{
  for (int i = 0; i < GS_CHECKS_NONE; i++)
    if (strcmp (name, elem_names[i]) == 0)
      return (GsChecksElem) i;
  return GS_CHECKS_NONE;
}

GsChecksElem
gs_checks_parent (const GsChecks *st)
{
  if (st->stack->len == 0)
    return GS_CHECKS_NONE;
  return g_array_index (st->stack, GsChecksElem, st->stack->len - 1);
}

const char *
gs_checks_elem_name (GsChecksElem el)
{
  return elem_names[el];
}

/* Fails when element EL may not appear here: SimGrid's DTD, restricted to
 * the elements gilsim accepts. */
static gboolean
check_place (GsChecks *st, GsChecksElem el, GError **error)
{
  GsReader *rd = &st->rd;
  GsChecksElem parent = gs_checks_parent (st);
  if (parent == GS_CHECKS_NONE) {
    if (rd->seen_root)
      return gs_reader_fail (rd, rd->here, error, "<%s> comes after the end of "
                             "<platform>; a platform file holds a single "
                             "<platform> element, so move it inside",
                             elem_names[el]);
    return TRUE;  /* on_start has checked that it is <platform> */
  }
  if (el == GS_CHECKS_PLATFORM)
    return gs_reader_fail (rd, rd->here, error, "<platform> inside <%s>; a "
                           "file holds a single <platform>, so remove this one",
                           elem_names[parent]);
  if (parent == GS_CHECKS_PLATFORM) {
    if (el == GS_CHECKS_ZONE && st->root_zone_line)
      return gs_reader_fail (rd, rd->here, error, "a second top-level <zone>; "
                             "SimGrid wants a single one (line %d), so move "
                             "this zone inside it", st->root_zone_line);
    if (el == GS_CHECKS_HOST || el == GS_CHECKS_LINK || el == GS_CHECKS_ROUTE)
      return gs_reader_fail (rd, rd->here, error, "<%s> must be inside a "
                             "<zone>; wrap it in <zone id=\"world\" "
                             "routing=\"Full\">", elem_names[el]);
    if (el == GS_CHECKS_PROP)
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
  if (parent != GS_CHECKS_ZONE)
    return TRUE;
  return gs_checks_zone_place (st, el, error);
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

/* Each element's own checks, once check_place has let it in. */
typedef gboolean (*Start) (GsChecks *st, const char **names,
                           const char **values, GError **error);
static const Start starts[] = {
  [GS_CHECKS_PLATFORM] = start_platform,
  [GS_CHECKS_ZONE] = gs_checks_zone_start,
  [GS_CHECKS_HOST] = gs_checks_host_start,
  [GS_CHECKS_PROP] = gs_checks_host_prop,
  [GS_CHECKS_DISK] = gs_checks_host_disk,
  [GS_CHECKS_LINK] = gs_checks_route_link,
  [GS_CHECKS_ROUTE] = gs_checks_route_start,
  [GS_CHECKS_LINK_CTN] = gs_checks_route_link_ctn,
};

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
  GsChecksElem el = elem_lookup (name);
  if (st->stack->len == 0 && !rd->seen_root) {
    if (el != GS_CHECKS_PLATFORM) {
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
  if (el == GS_CHECKS_NONE) {
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
  gboolean ok = starts[el] (st, names, values, error);
  if (ok)
    g_array_append_val (st->stack, el);
}

static void
on_end (GMarkupParseContext *ctx G_GNUC_UNUSED, const char *name G_GNUC_UNUSED,
        gpointer data,
        GError **error)
{
  GsChecks *st = data;
  GsChecksElem el = gs_checks_parent (st);
  g_array_set_size (st->stack, st->stack->len - 1);
  gs_caps_close (&st->caps);
  if (el == GS_CHECKS_HOST)
    gs_checks_host_end (st, error);
  else if (el == GS_CHECKS_ZONE)
    g_ptr_array_set_size (st->zones, st->zones->len - 1);
  else if (el == GS_CHECKS_ROUTE)
    gs_checks_route_end (st, error);
}

const GMarkupParser gs_checks_parser = {
  on_start, on_end, gs_reader_on_text, gs_reader_on_passthrough, NULL,
};

