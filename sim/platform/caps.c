/* caps.c: the sizes a platform file may reach: element counts, route
 * lengths, id and value lengths. */
#include "platform/caps.h"

#include <string.h>

#include "platform/attrs.h"

/* What an open element holds so far. */
typedef struct {
  const char *name;     /* static: the element's name */
  char *id;             /* its id, or its route's "SRC' to 'DST", or NULL */
  guint props, disks, link_ctns;
} Frame;

static void
frame_clear (gpointer data)
{
  g_free (((Frame *) data)->id);
}

void
gs_caps_init (GsCaps *caps)
{
  memset (caps, 0, sizeof *caps);
  caps->open = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_array_set_clear_func (caps->open, frame_clear);
}

void
gs_caps_clear (GsCaps *caps)
{
  g_clear_pointer (&caps->open, g_array_unref);
}

void
gs_caps_close (GsCaps *caps)
{
  if (caps->open->len > 0)
    g_array_set_size (caps->open, caps->open->len - 1);
}

static gboolean
is_name (const char *attr)
{
  return strcmp (attr, "id") == 0 || strcmp (attr, "src") == 0 ||
         strcmp (attr, "dst") == 0;
}

/* Fails on an attribute value longer than its cap: an id, src or dst
 * names something, and ends up in every message and export about it. */
static gboolean
check_lengths (GsReader *rd, const char *name, const char **names,
               const char **values, GError **error)
{
  for (guint i = 0; names[i]; i++) {
    gboolean id = is_name (names[i]);
    glong max = id ? GS_CAPS_MAX_ID : GS_CAPS_MAX_VALUE;
    if (strlen (values[i]) <= (gsize) max)
      continue;  /* bytes bound characters */
    glong n = g_utf8_strlen (values[i], -1);
    if (n <= max)
      continue;
    if (id)
      return gs_reader_fail (rd, gs_reader_attr_pos (rd, i), error, "the %s "
                             "of this <%s> ('%s') is %ld characters long; an "
                             "id may have at most %ld, so give it a shorter "
                             "one", names[i], name,
                             gs_reader_show (rd, values[i]), n, max);
    return gs_reader_fail (rd, gs_reader_attr_pos (rd, i), error, "the value "
                           "of attribute '%s' of this <%s> is %ld characters "
                           "long; a value may have at most %ld, so shorten it",
                           gs_reader_show (rd, names[i]), name, n, max);
  }
  return TRUE;
}

/* "<host> 'cpu0'", or "<route> from 'a' to 'b'", for messages; in RD's
 * scratch. */
static const char *
describe (GsReader *rd, const Frame *f)
{
  char *s = g_strdup_printf ("<%s> %s", f->name, f->id ? f->id : "");
  g_strchomp (s);
  g_ptr_array_add (rd->scratch, s);
  return s;
}

/* Fails when the file already holds MAX elements NAME (*COUNT of them);
 * counts this one otherwise. */
static gboolean
count_in_file (GsReader *rd, guint *count, guint max, const char *name,
               const char *id, const char *why, GError **error)
{
  if (*count >= max) {
    g_autofree char *which = id ? g_strdup_printf (" ('%s' is one too many)",
                                                   gs_reader_show (rd, id))
                                : g_strdup ("");
    return gs_reader_fail (rd, rd->here, error, "the platform holds more than "
                           "%u <%s> elements%s: %s", max, name, which, why);
  }
  (*count)++;
  return TRUE;
}

/* An element that the caps count, in the file or in its parent (a count
 * whose max is 0 is not kept). */
typedef struct {
  const char *name;
  gsize in_file;        /* offset of its count in GsCaps */
  guint file_max;
  gboolean file_names_id; /* the message names the one too many */
  const char *file_why;
  gsize in_parent;      /* offset of its count in Frame */
  guint parent_max;
  const char *parent_hint;
} Cap;

static const Cap caps_table[] = {
  { "link", G_STRUCT_OFFSET (GsCaps, links), GS_CAPS_MAX_LINKS, TRUE,
    "SimGrid builds every link in each simulation; keep the links that the "
    "routes of the program's hosts cross", 0, 0, NULL },
  { "route", G_STRUCT_OFFSET (GsCaps, routes), GS_CAPS_MAX_ROUTES, FALSE,
    "SimGrid builds every route in each simulation; keep the routes between "
    "the program's host and its servers", 0, 0, NULL },
  { "zone", G_STRUCT_OFFSET (GsCaps, zones), GS_CAPS_MAX_ZONES, TRUE,
    "SimGrid's loading time grows with the zones times the hosts; put the "
    "hosts in fewer zones", 0, 0, NULL },
  { "disk", G_STRUCT_OFFSET (GsCaps, disks), GS_CAPS_MAX_DISKS, TRUE,
    "SimGrid builds every disk in each simulation; keep the disks the "
    "program uses",
    G_STRUCT_OFFSET (Frame, disks), GS_CAPS_MAX_HOST_DISKS,
    "keep the disks the program uses" },
  { "prop", G_STRUCT_OFFSET (GsCaps, props), GS_CAPS_MAX_FILE_PROPS, TRUE,
    "SimGrid builds every property in each simulation (500,000, what 16 MiB "
    "holds, took 3 s); keep the properties that gilsim reads",
    G_STRUCT_OFFSET (Frame, props), GS_CAPS_MAX_PROPS,
    "gilsim reads fewer than a hundred properties; remove those that nothing "
    "reads" },
  { "link_ctn", 0, 0, FALSE, NULL,
    G_STRUCT_OFFSET (Frame, link_ctns), GS_CAPS_MAX_ROUTE_LINKS,
    "a route crosses a few links; give it one link per bottleneck" },
};

/* NAME's caps, or NULL where nothing counts it. */
static const Cap *
cap_lookup (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (caps_table); i++)
    if (strcmp (caps_table[i].name, name) == 0)
      return &caps_table[i];
  return NULL;
}

/* Counts the element of CAP, whose id is ID (or NULL), in the file. */
static gboolean
count_file (GsCaps *caps, GsReader *rd, const Cap *cap, const char *id,
            GError **error)
{
  if (cap->file_max == 0)
    return TRUE;
  return count_in_file (rd, G_STRUCT_MEMBER_P (caps, cap->in_file),
                        cap->file_max, cap->name,
                        cap->file_names_id ? id : NULL, cap->file_why, error);
}

/* Counts the element of CAP in its parent P. */
static gboolean
count_parent (GsReader *rd, Frame *p, const Cap *cap, GError **error)
{
  if (cap->parent_max == 0)
    return TRUE;
  guint *count = G_STRUCT_MEMBER_P (p, cap->in_parent);
  if (*count >= cap->parent_max)
    return gs_reader_fail (rd, rd->here, error, "%s holds more than %u <%s> "
                           "elements; %s", describe (rd, p), cap->parent_max,
                           cap->name, cap->parent_hint);
  (*count)++;
  return TRUE;
}

gboolean
gs_caps_open (GsCaps *caps, GsReader *rd, const char *name,
              const char **names, const char **values, GError **error)
{
  if (!check_lengths (rd, name, names, values, error))
    return FALSE;
  const char *id = gs_attrs_value (names, values, "id");
  const Cap *cap = cap_lookup (name);
  if (cap && !count_file (caps, rd, cap, id, error))
    return FALSE;
  if (cap && caps->open->len > 0 &&
      !count_parent (rd, &g_array_index (caps->open, Frame,
                                         caps->open->len - 1), cap, error))
    return FALSE;
  Frame f = { 0 };
  f.name = name;
  const char *src = gs_attrs_value (names, values, "src");
  const char *dst = gs_attrs_value (names, values, "dst");
  if (strcmp (name, "route") == 0 && src && dst)
    f.id = g_strdup_printf ("from '%s' to '%s'", gs_reader_show (rd, src),
                            gs_reader_show (rd, dst));
  else if (id)
    f.id = g_strdup_printf ("'%s'", gs_reader_show (rd, id));
  g_array_append_val (caps->open, f);
  return TRUE;
}
