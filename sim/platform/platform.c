/* platform.c: reads and checks SimGrid platform files before SimGrid does. */
#include "platform/platform.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

G_DEFINE_QUARK (gs-platform-error-quark, gs_platform_error)

#define MAX_FILE_SIZE (16 * 1024 * 1024)
#define MAX_CORES 4096
#define MAX_SPEED 1e15          /* flop/s per core */
#define MAX_RATE GS_PLATFORM_MAX_RATE
#define MAX_LATENCY 3600.0      /* seconds */
#define MAX_DURATION GS_PLATFORM_MAX_DURATION
#define MAX_SHOWN 60            /* characters of a user's text in a message */
#define MAX_ZONE_DEPTH 100      /* SimGrid's lexer overflows near 500 */

/* SimGrid's lexer insists on this DOCTYPE; see check_passthrough(). */
#define SIMGRID_DOCTYPE \
  "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">"

/* ---------------------------------------------------------------------- */
/* Calibration properties                                                  */

/* Host properties whose id starts with one of these prefixes belong to
 * gilsim: they must be in the table below.  Other ids are SimGrid's or the
 * user's, and are kept unchecked. */
static const char *const reserved_prefixes[] = {
  "python.", "thread.", "process.", "gil.", "sleep.", "cost.", "import.",
  "disk.", "memory.", "cpu.", "pickle.", "pipe.", "pool.",
};

typedef struct {
  const char *id;       /* the exact id, or a prefix ending in '.' */
  gboolean any_suffix;  /* ID is a prefix: "cost.X" for any non-empty X */
  GsDim dim;            /* GS_DIM_STRING: any non-empty text */
  double min;
  gboolean min_open;    /* the value must be more than MIN */
  double max;
  const char *example;
  const char *range;    /* the bounds, in words, for messages */
} PropSpec;

#define DURATION(id, example) \
  { id, FALSE, GS_DIM_DURATION, 0, FALSE, MAX_DURATION, example, \
    "from 0s to 1h" }
#define FRACTION(id, example) \
  { id, FALSE, GS_DIM_COUNT, 0, FALSE, 1, example, "a number from 0 to 1" }

static const PropSpec prop_specs[] = {
  { "python.loop", FALSE, GS_DIM_DURATION, 0, TRUE, MAX_DURATION, "45ns",
    "more than 0s and at most 1h" },
  DURATION ("python.startup", "20ms"),
  { "python.version", FALSE, GS_DIM_STRING, 0, FALSE, 0, "3.12",
    "a version such as 3.12" },
  { "python.os", FALSE, GS_DIM_STRING, 0, FALSE, 0, "linux",
    "an operating system such as linux, darwin or windows" },
  DURATION ("thread.start", "50us"),
  DURATION ("process.fork.parent", "1ms"),
  DURATION ("process.fork.child", "2ms"),
  DURATION ("process.spawn.parent", "5ms"),
  DURATION ("process.spawn.child", "30ms"),
  DURATION ("process.forkserver.parent", "1ms"),
  DURATION ("process.forkserver.child", "3ms"),
  DURATION ("process.fork.exit", "1ms"),
  DURATION ("process.spawn.exit", "20ms"),
  DURATION ("process.forkserver.exit", "1ms"),
  { "cpu.smt", FALSE, GS_DIM_COUNT, 1, FALSE, 8, "2",
    "hardware threads per core, from 1 to 8" },
  { "cpu.smt_throughput", FALSE, GS_DIM_COUNT, 1, FALSE, 8, "1.3",
    "cores' worth of work the threads of one core give together, from 1 to 8" },
  { "cpu.slow_fraction", FALSE, GS_DIM_COUNT, 0, FALSE, 0.99, "0.4",
    "a number from 0 to 0.99" },
  { "cpu.slow_factor", FALSE, GS_DIM_COUNT, 1, FALSE, 100, "1.7",
    "a number from 1 to 100" },
  DURATION ("gil.handoff_latency", "5us"),
  FRACTION ("gil.fifo_bias", "0.55"),
  DURATION ("gil.switch_cost", "1us"),
  FRACTION ("gil.old_rewin", "0.9"),
  DURATION ("gil.old_release_cost", "1us"),
  DURATION ("sleep.overhead", "50us"),
  DURATION ("disk.fsync", "2ms"),
  DURATION ("disk.latency", "100us"),
  DURATION ("pickle.per_byte", "1ns"),
  { "pipe.bandwidth", FALSE, GS_DIM_BANDWIDTH, 0, TRUE, MAX_RATE, "1GBps",
    "more than 0Bps and at most 1000TBps" },
  DURATION ("pool.chunk_overhead", "35us"),
  { "memory.bandwidth", FALSE, GS_DIM_BANDWIDTH, 0, TRUE, MAX_RATE, "10GBps",
    "more than 0Bps and at most 1000TBps" },
  { "memory.alloc_bandwidth", FALSE, GS_DIM_BANDWIDTH, 0, TRUE, MAX_RATE, "2.4GBps",
    "more than 0Bps and at most 1000TBps" },
  { "cost.", TRUE, GS_DIM_DURATION, 0, FALSE, MAX_DURATION, "7.7ns",
    "from 0s to 1h" },
  { "import.", TRUE, GS_DIM_DURATION, 0, FALSE, MAX_DURATION, "2ms",
    "from 0s to 1h" },
};

static gboolean
is_reserved (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (reserved_prefixes); i++)
    if (g_str_has_prefix (id, reserved_prefixes[i]))
      return TRUE;
  return FALSE;
}

static const PropSpec *
prop_spec (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (prop_specs); i++) {
    const PropSpec *s = &prop_specs[i];
    if (s->any_suffix ? g_str_has_prefix (id, s->id) && id[strlen (s->id)]
                      : strcmp (id, s->id) == 0)
      return s;
  }
  return NULL;
}

/* The known ids that share ID's prefix ("python."), or all of them when
 * none does, as "a, b, cost.NAME". */
static char *
known_props (const char *id)
{
  const char *dot = strchr (id, '.');
  gsize plen = dot ? (gsize) (dot - id) + 1 : 0;
  gboolean any = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (prop_specs); i++)
    if (plen && strncmp (prop_specs[i].id, id, plen) == 0)
      any = TRUE;
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (prop_specs); i++) {
    const PropSpec *p = &prop_specs[i];
    if (any && strncmp (p->id, id, plen) != 0)
      continue;
    if (s->len)
      g_string_append (s, ", ");
    g_string_append (s, p->id);
    if (p->any_suffix)
      g_string_append (s, "NAME");
  }
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------------- */
/* The result                                                              */

static void
disk_free (gpointer data)
{
  GsDisk *d = data;
  g_free (d->id);
  g_free (d);
}

static void
link_free (gpointer data)
{
  GsLink *l = data;
  g_free (l->id);
  g_free (l);
}

static void
host_free (gpointer data)
{
  GsHost *h = data;
  g_free (h->id);
  g_hash_table_unref (h->props);
  g_hash_table_unref (h->prop_lines);
  g_ptr_array_unref (h->disks);
  g_free (h);
}

static GsHost *
host_new (const char *id, int line)
{
  GsHost *h = g_new0 (GsHost, 1);
  h->id = g_strdup (id);
  h->cores = 1;
  h->line = line;
  h->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  h->prop_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  h->disks = g_ptr_array_new_with_free_func (disk_free);
  return h;
}

void
gs_platform_free (GsPlatform *p)
{
  if (!p)
    return;
  g_free (p->path);
  g_ptr_array_unref (p->hosts);
  g_ptr_array_unref (p->links);
  if (p->routes)
    g_hash_table_unref (p->routes);
  g_free (p);
}

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

typedef struct {
  int line, col;        /* 1-based */
} Pos;

/* A start tag found by scan_tags(), and its attributes. */
typedef struct {
  gsize name_off, name_len;
  Pos pos;
  guint first_attr, n_attrs;
  gsize raw_lt;         /* offset of a '<' inside an attribute value, or 0 */
  gsize raw_ref;        /* offset of a non-ASCII "&#...;" in one, or 0 */
} TagMark;

typedef struct {
  gsize off, len;
  Pos pos;
} AttrMark;

typedef enum { ZONE_EMPTY, ZONE_OF_ZONES, ZONE_OF_HOSTS } ZoneKind;

/* An open <zone>.  SimGrid's DTD: properties first; then either zones and
 * links, or hosts and links followed by routes. */
typedef struct {
  const char *id;       /* a key of State.nodes */
  gboolean routed;      /* takes <route> (not routing="None") */
  gboolean full;        /* routing="Full" */
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
  const char *zone;     /* the enclosing zone's id, a key of State.nodes */
} Node;

typedef struct {
  const char *path;
  const char *text;
  gsize len;
  GArray *line_starts;  /* gsize: offset of the first byte of each line */
  gsize memo_off;       /* the last position pos_of() computed, so that */
  guint memo_line;      /* scanning a long line stays linear */
  int memo_col;
  GArray *tags;         /* TagMark, in document order */
  GArray *attrs;        /* AttrMark */
  gboolean marks_ok;    /* the scan agrees with GMarkup so far */
  GArray *texts;        /* gsize: first non-blank byte of each text run */
  guint next_tag;
  GMarkupParseContext *ctx;

  const TagMark *tag;   /* marks of the current start tag, or NULL */
  Pos here;             /* where the current element starts */

  GArray *stack;        /* Elem of the open elements */
  GPtrArray *zones;     /* Zone *, the open zones, innermost last */
  gboolean seen_doctype;
  gboolean seen_root;
  Pos root_pos;
  int root_zone_line;
  GHashTable *nodes;    /* char *id -> Node * */
  GHashTable *link_lines; /* char *id -> GINT_TO_POINTER (line) */
  GsPlatform *plat;
  GsHost *host;         /* the open <host>, or NULL */
  char *route_src, *route_dst;
  int route_links;
  Pos route_pos;
  GPtrArray *scratch;   /* strings made for messages */
} State;

static void
zone_free (gpointer data)
{
  Zone *z = data;
  g_hash_table_unref (z->routes);
  g_free (z);
}

static void
state_clear (State *st)
{
  g_array_unref (st->line_starts);
  g_clear_pointer (&st->tags, g_array_unref);
  g_clear_pointer (&st->attrs, g_array_unref);
  g_clear_pointer (&st->texts, g_array_unref);
  g_array_unref (st->stack);
  g_ptr_array_unref (st->zones);
  g_hash_table_unref (st->nodes);
  g_hash_table_unref (st->link_lines);
  gs_platform_free (st->plat);
  g_free (st->route_src);
  g_free (st->route_dst);
  g_ptr_array_unref (st->scratch);
}

/* ---------------------------------------------------------------------- */
/* Positions                                                               */

static void
index_lines (State *st)
{
  gsize zero = 0;
  g_array_append_val (st->line_starts, zero);
  for (gsize i = 0; i < st->len; i++)
    if (st->text[i] == '\n') {
      gsize next = i + 1;
      g_array_append_val (st->line_starts, next);
    }
}

/* The line and column of byte OFF.  The bytes before OFF must be valid
 * UTF-8; columns count characters. */
static Pos
pos_of (State *st, gsize off)
{
  if (off > st->len)
    off = st->len;
  guint n_lines = st->line_starts->len;
  guint line;
  int col;
  if (st->memo_off <= off && off > 0 &&
      (st->memo_line + 1 >= n_lines ||
       off < g_array_index (st->line_starts, gsize, st->memo_line + 1))) {
    line = st->memo_line;
    col = st->memo_col + (int) g_utf8_strlen (st->text + st->memo_off,
                                              (gssize) (off - st->memo_off));
  } else {
    guint lo = 0, hi = n_lines - 1;
    while (lo < hi) {
      guint mid = (lo + hi + 1) / 2;
      if (g_array_index (st->line_starts, gsize, mid) <= off)
        lo = mid;
      else
        hi = mid - 1;
    }
    gsize start = g_array_index (st->line_starts, gsize, lo);
    line = lo;
    col = (int) g_utf8_strlen (st->text + start, (gssize) (off - start)) + 1;
  }
  st->memo_off = off;
  st->memo_line = line;
  st->memo_col = col;
  Pos p = { (int) line + 1, col };
  return p;
}

/* The byte offset of GMarkup's current position.  GMarkup counts a line
 * from its '\n': the first character after a newline is its character 2. */
static gsize
markup_offset (const State *st)
{
  int line = 1, ch = 1;
  g_markup_parse_context_get_position (st->ctx, &line, &ch);
  line = CLAMP (line, 1, (int) st->line_starts->len);
  const char *p = st->text;
  if (line > 1)
    p += g_array_index (st->line_starts, gsize, line - 1) - 1;
  const char *end = st->text + st->len;
  for (int i = 1; i < ch && p < end; i++)
    p = g_utf8_next_char (p);
  return (gsize) (MIN (p, end) - st->text);
}

static gboolean
has_at (const State *st, gsize i, const char *s)
{
  gsize n = strlen (s);
  return i + n <= st->len && memcmp (st->text + i, s, n) == 0;
}

/* Index just after the first S at or after I, or the end of the text. */
static gsize
skip_past (const State *st, gsize i, const char *s)
{
  for (; i < st->len; i++)
    if (has_at (st, i, s))
      return i + strlen (s);
  return st->len;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Finds every start tag and the position of each of its attributes, so that
 * messages can point at the '<' of an element or at the attribute at fault.
 * GMarkup only knows where a start tag ends.  The scan is checked against
 * GMarkup's elements one by one (locate_tag), and abandoned if they ever
 * disagree. */
static void
scan_tags (State *st)
{
  const char *s = st->text;
  gsize n = st->len, i = 0;
  gboolean in_text = FALSE;  /* this text run is in st->texts already */
  while (i < n) {
    if (s[i] != '<') {
      if (!in_text && !is_space (s[i])) {
        g_array_append_val (st->texts, i);
        in_text = TRUE;
      }
      i++;
      continue;
    }
    in_text = FALSE;
    if (has_at (st, i, "<!--")) {
      i = skip_past (st, i + 4, "-->");
    } else if (has_at (st, i, "<![CDATA[")) {
      i = skip_past (st, i + 9, "]]>");
    } else if (has_at (st, i, "<?")) {
      i = skip_past (st, i + 2, "?>");
    } else if (has_at (st, i, "<!") || has_at (st, i, "</")) {
      i = skip_past (st, i + 2, ">");
    } else {
      TagMark t = { 0 };
      t.pos = pos_of (st, i);
      t.name_off = ++i;
      while (i < n && !is_space (s[i]) && s[i] != '>' && s[i] != '/')
        i++;
      t.name_len = i - t.name_off;
      t.first_attr = st->attrs->len;
      while (i < n) {
        while (i < n && is_space (s[i]))
          i++;
        if (i >= n || s[i] == '>' || s[i] == '<') {
          i++;
          break;
        }
        if (s[i] == '/') {
          i++;
          continue;
        }
        AttrMark a = { i, 0, pos_of (st, i) };
        while (i < n && !is_space (s[i]) && s[i] != '=' && s[i] != '>' &&
               s[i] != '/')
          i++;
        a.len = i - a.off;
        g_array_append_val (st->attrs, a);
        while (i < n && is_space (s[i]))
          i++;
        if (i < n && s[i] == '=') {
          i++;
          while (i < n && is_space (s[i]))
            i++;
          if (i < n && (s[i] == '"' || s[i] == '\'')) {
            char q = s[i++];
            while (i < n && s[i] != q) {
              if (s[i] == '<' && !t.raw_lt)
                t.raw_lt = i;
              if (s[i] == '&' && i + 2 < n && s[i + 1] == '#' && !t.raw_ref) {
                gboolean hex = s[i + 2] == 'x';
                guint64 code = 0;
                for (gsize k = i + 2 + hex; k < n && code < 0x110000; k++) {
                  int d = hex ? g_ascii_xdigit_value (s[k])
                              : g_ascii_digit_value (s[k]);
                  if (d < 0)
                    break;
                  code = code * (hex ? 16 : 10) + (guint64) d;
                }
                if (code > 127)
                  t.raw_ref = i;
              }
              i++;
            }
            i++;
          }
        }
      }
      t.n_attrs = st->attrs->len - t.first_attr;
      g_array_append_val (st->tags, t);
    }
  }
}

static gboolean
mark_is (const State *st, gsize off, gsize len, const char *name)
{
  return strlen (name) == len && memcmp (st->text + off, name, len) == 0;
}

/* Sets st->here (and st->tag when the scan agrees) for the element NAME with
 * attribute names NAMES that GMarkup has just reported. */
static void
locate_tag (State *st, const char *name, const char **names)
{
  st->tag = NULL;
  if (st->marks_ok && st->next_tag < st->tags->len) {
    const TagMark *t = &g_array_index (st->tags, TagMark, st->next_tag);
    gboolean same = mark_is (st, t->name_off, t->name_len, name) &&
                    t->n_attrs == g_strv_length ((char **) names);
    for (guint i = 0; same && i < t->n_attrs; i++) {
      const AttrMark *a =
          &g_array_index (st->attrs, AttrMark, t->first_attr + i);
      same = mark_is (st, a->off, a->len, names[i]);
    }
    if (same) {
      st->next_tag++;
      st->tag = t;
      st->here = t->pos;
      return;
    }
  }
  /* GMarkup is just past the start tag: its '<' is the last one before. */
  st->marks_ok = FALSE;
  gsize off = markup_offset (st);
  while (off > 0 && (off >= st->len || st->text[off] != '<'))
    off--;
  st->here = pos_of (st, off);
}

/* The position of the Ith attribute of the current element. */
static Pos
attr_pos (const State *st, guint i)
{
  if (st->tag && i < st->tag->n_attrs)
    return g_array_index (st->attrs, AttrMark, st->tag->first_attr + i).pos;
  return st->here;
}

static Pos
attr_pos_named (const State *st, const char **names, const char *name)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], name) == 0)
      return attr_pos (st, i);
  return st->here;
}

/* ---------------------------------------------------------------------- */
/* Messages                                                                */

/* S as it may appear in a one-line message: control characters replaced and
 * long texts cut.  The result lives as long as ST. */
static const char *
show (State *st, const char *s)
{
  gboolean clean = TRUE;
  for (const char *p = s; *p; p++)
    if ((unsigned char) *p < 0x20 || *p == 0x7f)
      clean = FALSE;
  glong n = g_utf8_strlen (s, -1);
  if (clean && n <= MAX_SHOWN)
    return s;
  char *copy;
  if (n <= MAX_SHOWN) {
    copy = g_strdup (s);
  } else {
    g_autofree char *head = g_utf8_substring (s, 0, MAX_SHOWN - 3);
    copy = g_strconcat (head, "...", NULL);
  }
  for (char *p = copy; *p; p++)
    if ((unsigned char) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  g_ptr_array_add (st->scratch, copy);
  return copy;
}

static gboolean
fail_at (State *st, Pos pos, GError **error, const char *fmt, ...)
    G_GNUC_PRINTF (4, 5);

/* Sets ERROR to "PATH:LINE:COL: message" and returns FALSE. */
static gboolean
fail_at (State *st, Pos pos, GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_strdelimit (msg, "\r\n\t", ' ');
  g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_INVALID,
               "%s:%d:%d: %s", st->path, pos.line, pos.col, msg);
  return FALSE;
}

/* GMarkup's message without its "Error on line N char M: " and with plain
 * quotes, on one line. */
static char *
reword_markup (const char *msg)
{
  const char *m = msg;
  if (g_str_has_prefix (m, "Error on line ")) {
    const char *colon = strstr (m, ": ");
    if (colon)
      m = colon + 2;
  }
  GString *s = g_string_new (NULL);
  for (const char *p = m; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if (c == 0x201c || c == 0x201d || c == 0x2018 || c == 0x2019)
      g_string_append_c (s, '\'');
    else if (c == 0x2014)
      g_string_append_c (s, '-');
    else if (c < 0x20)
      g_string_append_c (s, ' ');
    else
      g_string_append_unichar (s, c);
  }
  if (s->len > 1 && g_ascii_isupper (s->str[0]) && g_ascii_islower (s->str[1]))
    s->str[0] = g_ascii_tolower (s->str[0]);
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Quantities, as SimGrid reads them                                       */

/* The units SimGrid 3.32 accepts (xbt_parse_units.cpp) with the same meaning
 * as gilsim's units.c.  "min" and "KBps", which gilsim knows, are absent:
 * SimGrid would reject them. */
typedef struct {
  const char *suffix;
  double factor;
} SimUnit;

static const SimUnit speed_units[] = {
  { "f", 1 }, { "kf", 1e3 }, { "Mf", 1e6 }, { "Gf", 1e9 }, { "Tf", 1e12 },
  { NULL, 0 },
};

static const SimUnit bandwidth_units[] = {
  { "Bps", 1 }, { "kBps", 1e3 }, { "MBps", 1e6 }, { "GBps", 1e9 },
  { "TBps", 1e12 }, { "KiBps", 1024.0 }, { "MiBps", 1048576.0 },
  { "GiBps", 1073741824.0 }, { "TiBps", 1099511627776.0 },
  { "bps", 0.125 }, { "kbps", 125 }, { "Mbps", 1.25e5 }, { "Gbps", 1.25e8 },
  { "Tbps", 1.25e11 }, { "Kibps", 128.0 }, { "Mibps", 131072.0 },
  { "Gibps", 134217728.0 }, { "Tibps", 137438953472.0 },
  { NULL, 0 },
};

static const SimUnit time_units[] = {
  { "s", 1 }, { "ms", 1e-3 }, { "us", 1e-6 }, { "ns", 1e-9 }, { "ps", 1e-12 },
  { NULL, 0 },
};

typedef struct {
  const char *what;     /* "speed of host 'cpu0'" */
  const char *attr;     /* the attribute, for the example */
  const SimUnit *units;
  const char *unit_list;
  const char *example;
  gboolean bare_ok;     /* a number without unit is in base units */
  double min;
  gboolean min_open;
  double max;
  const char *range;
} SimQuantity;

/* Length of the number at the start of S, written as strtod would read it
 * but in decimal only: [+-]digits[.digits][e[+-]digits]. 0 if none. */
static gsize
number_length (const char *s)
{
  gsize i = 0, digits = 0;
  if (s[i] == '+' || s[i] == '-')
    i++;
  while (g_ascii_isdigit (s[i]))
    i++, digits++;
  if (s[i] == '.') {
    i++;
    while (g_ascii_isdigit (s[i]))
      i++, digits++;
  }
  if (!digits)
    return 0;
  if (s[i] == 'e' || s[i] == 'E') {
    gsize j = i + 1;
    if (s[j] == '+' || s[j] == '-')
      j++;
    if (g_ascii_isdigit (s[j])) {
      while (g_ascii_isdigit (s[j]))
        j++;
      i = j;
    }
  }
  return i;
}

/* Parses TEXT, the value of an attribute SimGrid reads, as Q says. */
static gboolean
sim_quantity (State *st, Pos pos, const SimQuantity *q, const char *text,
              double *out, GError **error)
{
  gsize n = number_length (text);
  if (n == 0)
    return fail_at (st, pos, error, "%s is '%s', which is not a number with a "
                    "unit; write %s=\"%s\"", q->what, show (st, text), q->attr,
                    q->example);
  g_autofree char *num = g_strndup (text, n);
  errno = 0;
  double v = g_ascii_strtod (num, NULL);
  if (errno == ERANGE && fabs (v) > 1)
    return fail_at (st, pos, error, "%s is '%s', which is too large; it must "
                    "be %s", q->what, show (st, text), q->range);
  const char *suffix = text + n;
  if (*suffix == '\0') {
    if (!q->bare_ok && v != 0)
      return fail_at (st, pos, error, "%s is '%s', which has no unit; write "
                      "%s=\"%s\" (units: %s)", q->what, show (st, text),
                      q->attr, q->example, q->unit_list);
  } else {
    const SimUnit *u = q->units;
    while (u->suffix && strcmp (u->suffix, suffix) != 0)
      u++;
    if (!u->suffix)
      return fail_at (st, pos, error, "%s is '%s', whose unit '%s' SimGrid "
                      "does not know here; use one of %s, such as %s=\"%s\"",
                      q->what, show (st, text), show (st, suffix), q->unit_list,
                      q->attr, q->example);
    v *= u->factor;
  }
  if (!isfinite (v) || v < q->min || (q->min_open && v == q->min) || v > q->max)
    return fail_at (st, pos, error, "%s is '%s'; it must be %s", q->what,
                    show (st, text), q->range);
  *out = v + 0.0;  /* no -0 */
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Attributes                                                              */

/* Fails on an attribute of element EL that is not in ALLOWED (NULL-ended),
 * or one given twice. */
static gboolean
check_attrs (State *st, Elem el, const char **names,
             const char *const *allowed, GError **error)
{
  for (guint i = 0; names[i]; i++) {
    gboolean ok = FALSE;
    for (guint k = 0; allowed[k] && !ok; k++)
      ok = strcmp (names[i], allowed[k]) == 0;
    if (!ok) {
      g_autofree char *list = g_strjoinv (", ", (char **) allowed);
      return fail_at (st, attr_pos (st, i), error, "unknown attribute '%s' "
                      "in <%s>; <%s> takes: %s", show (st, names[i]),
                      elem_names[el], elem_names[el], list);
    }
    for (guint k = 0; k < i; k++)
      if (strcmp (names[i], names[k]) == 0)
        return fail_at (st, attr_pos (st, i), error, "attribute '%s' is given "
                        "twice in <%s>; keep one", names[i], elem_names[el]);
  }
  return TRUE;
}

static const char *
attr_value (const char **names, const char **values, const char *name)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], name) == 0)
      return values[i];
  return NULL;
}

/* Stores the value of the required attribute NAME of EL in *OUT; fails,
 * showing EXAMPLE, when it is absent or empty. */
static gboolean
need_attr (State *st, Elem el, const char **names, const char **values,
           const char *name, const char *example, const char **out,
           GError **error)
{
  const char *v = attr_value (names, values, name);
  if (!v)
    return fail_at (st, st->here, error, "<%s> has no %s attribute; "
                    "write it like %s", elem_names[el], name, example);
  if (!*v)
    return fail_at (st, attr_pos_named (st, names, name), error, "the %s of "
                    "<%s> is empty; write it like %s", name, elem_names[el],
                    example);
  *out = v;
  return TRUE;
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
parent_elem (const State *st)
{
  if (st->stack->len == 0)
    return EL_NONE;
  return g_array_index (st->stack, Elem, st->stack->len - 1);
}

static Zone *
current_zone (const State *st)
{
  return st->zones->len ? g_ptr_array_index (st->zones, st->zones->len - 1)
                        : NULL;
}

/* Fails when element EL may not appear here: SimGrid's DTD, restricted to
 * the elements gilsim accepts. */
static gboolean
check_place (State *st, Elem el, GError **error)
{
  Elem parent = parent_elem (st);
  if (parent == EL_NONE) {
    if (st->seen_root)
      return fail_at (st, st->here, error, "<%s> comes after the end of "
                      "<platform>; a platform file holds a single <platform> "
                      "element, so move it inside", elem_names[el]);
    return TRUE;  /* on_start has checked that it is <platform> */
  }
  if (el == EL_PLATFORM)
    return fail_at (st, st->here, error, "<platform> inside <%s>; a file "
                    "holds a single <platform>, so remove this one",
                    elem_names[parent]);
  if (parent == EL_PLATFORM) {
    if (el == EL_ZONE && st->root_zone_line)
      return fail_at (st, st->here, error, "a second top-level <zone>; "
                      "SimGrid wants a single one (line %d), so move this "
                      "zone inside it", st->root_zone_line);
    if (el == EL_HOST || el == EL_LINK || el == EL_ROUTE)
      return fail_at (st, st->here, error, "<%s> must be inside a <zone>; "
                      "wrap it in <zone id=\"world\" routing=\"Full\">",
                      elem_names[el]);
    if (el == EL_PROP)
      return fail_at (st, st->here, error, "<prop> cannot be directly inside "
                      "<platform>; put it inside the <host> it describes");
  }
  const char *kids = elem_children[parent];
  if (!kids)
    return fail_at (st, st->here, error, "<%s> inside <%s>, which takes no "
                    "elements; close <%s> first (write it <%s .../>)",
                    elem_names[el], elem_names[parent], elem_names[parent],
                    elem_names[parent]);
  gboolean ok = FALSE;
  g_auto (GStrv) list = g_strsplit (kids, ", ", -1);
  for (guint i = 0; list[i] && !ok; i++)
    ok = strcmp (list[i], elem_names[el]) == 0;
  if (!ok)
    return fail_at (st, st->here, error, "<%s> is not allowed inside <%s>; "
                    "<%s> may contain: %s", elem_names[el], elem_names[parent],
                    elem_names[parent], kids);
  if (parent != EL_ZONE)
    return TRUE;

  Zone *z = current_zone (st);
  if (el == EL_PROP) {
    if (z->has_content)
      return fail_at (st, st->here, error, "the <prop> of zone '%s' must come "
                      "before its other elements; move it up",
                      show (st, z->id));
    return TRUE;
  }
  z->has_content = TRUE;
  /* SimGrid's lexer decides at the first zone, host or link: after a host
   * or a link, a zone of hosts; after a zone, a zone of zones. */
  if (el == EL_ZONE && z->kind == ZONE_OF_HOSTS && z->kind_elem == EL_HOST)
    return fail_at (st, st->here, error, "zone '%s' holds hosts (line %d), so "
                    "it cannot also hold zones; put those hosts in a zone of "
                    "their own", show (st, z->id), z->kind_line);
  if (el == EL_ZONE && z->kind == ZONE_OF_HOSTS)
    return fail_at (st, st->here, error, "zone '%s' starts with a <link> "
                    "(line %d), so SimGrid takes it for a zone of hosts, "
                    "which cannot hold zones; put the links after the zones",
                    show (st, z->id), z->kind_line);
  if (el == EL_HOST && z->kind == ZONE_OF_ZONES)
    return fail_at (st, st->here, error, "zone '%s' holds zones (line %d), so "
                    "it cannot also hold hosts; move this host into a zone",
                    show (st, z->id), z->kind_line);
  if ((el == EL_HOST || el == EL_LINK) && z->first_route_line)
    return fail_at (st, st->here, error, "<%s> after the routes of zone '%s' "
                    "(first <route> at line %d); move it above the routes",
                    elem_names[el], show (st, z->id), z->first_route_line);
  if (el == EL_ROUTE && !z->routed)
    return fail_at (st, st->here, error, "zone '%s' has routing=\"None\", "
                    "which takes no <route>; use routing=\"Full\"",
                    show (st, z->id));
  if (z->kind == ZONE_EMPTY && el != EL_ROUTE) {
    z->kind = el == EL_ZONE ? ZONE_OF_ZONES : ZONE_OF_HOSTS;
    z->kind_elem = el;
    z->kind_line = st->here.line;
  }
  return TRUE;
}

/* Registers ID, the id of a host or zone, in the namespace they share. */
static gboolean
add_node (State *st, const char *id, gboolean is_host, const char **names,
          GError **error)
{
  Node *old = g_hash_table_lookup (st->nodes, id);
  if (old)
    return fail_at (st, attr_pos_named (st, names, "id"), error, "id '%s' is "
                    "already used by the %s at line %d; give each host and "
                    "zone its own id", show (st, id),
                    old->is_host ? "host" : "zone", old->line);
  Node *n = g_new0 (Node, 1);
  n->is_host = is_host;
  n->line = st->here.line;
  Zone *z = current_zone (st);
  n->zone = z ? z->id : NULL;
  g_hash_table_insert (st->nodes, g_strdup (id), n);
  return TRUE;
}

static gboolean
start_platform (State *st, const char **names, const char **values,
                GError **error)
{
  static const char *const allowed[] = { "version", NULL };
  if (!check_attrs (st, EL_PLATFORM, names, allowed, error))
    return FALSE;
  st->seen_root = TRUE;
  st->root_pos = st->here;
  const char *version = attr_value (names, values, "version");
  if (!version)
    return fail_at (st, st->here, error, "<platform> has no version; write "
                    "<platform version=\"4.1\">");
  if (strcmp (version, "4.1") != 0)
    return fail_at (st, attr_pos_named (st, names, "version"), error,
                    "platform version '%s' is not supported; use "
                    "version=\"4.1\" (SimGrid's simgrid_update_xml converts "
                    "older files)", show (st, version));
  return TRUE;
}

static gboolean
start_zone (State *st, const char **names, const char **values,
            GError **error)
{
  static const char *const allowed[] = { "id", "routing", NULL };
  static const char *const routings[] = {
    "Full", "Floyd", "Dijkstra", "DijkstraCache", "None",
  };
  const char *id, *routing;
  if (!check_attrs (st, EL_ZONE, names, allowed, error) ||
      !need_attr (st, EL_ZONE, names, values, "id",
                  "<zone id=\"world\" routing=\"Full\">", &id, error) ||
      !need_attr (st, EL_ZONE, names, values, "routing",
                  "<zone id=\"world\" routing=\"Full\">", &routing, error))
    return FALSE;
  gboolean known = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (routings) && !known; i++)
    known = g_ascii_strcasecmp (routing, routings[i]) == 0;
  if (!known)
    return fail_at (st, attr_pos_named (st, names, "routing"), error,
                    "routing '%s' of zone '%s' is not supported; use one of "
                    "Full, Floyd, Dijkstra, DijkstraCache, None",
                    show (st, routing), show (st, id));
  if (st->zones->len >= MAX_ZONE_DEPTH)
    return fail_at (st, st->here, error, "zone '%s' is nested %u deep; "
                    "SimGrid's parser takes at most %d nested zones, so "
                    "flatten the hierarchy", show (st, id), st->zones->len + 1,
                    MAX_ZONE_DEPTH);
  if (!add_node (st, id, FALSE, names, error))
    return FALSE;
  if (parent_elem (st) == EL_PLATFORM)
    st->root_zone_line = st->here.line;
  Zone *z = g_new0 (Zone, 1);
  gpointer key = NULL;
  g_hash_table_lookup_extended (st->nodes, id, &key, NULL);
  z->id = key;
  z->routed = g_ascii_strcasecmp (routing, "None") != 0;
  z->full = g_ascii_strcasecmp (routing, "Full") == 0;
  z->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (st->zones, z);
  return TRUE;
}

static gboolean
start_host (State *st, const char **names, const char **values,
            GError **error)
{
  static const char *const allowed[] = { "id", "speed", "core", NULL };
  const char *example = "<host id=\"cpu0\" speed=\"1Gf\" core=\"4\">";
  const char *id, *speed;
  if (!check_attrs (st, EL_HOST, names, allowed, error) ||
      !need_attr (st, EL_HOST, names, values, "id", example, &id, error) ||
      !need_attr (st, EL_HOST, names, values, "speed", example, &speed, error))
    return FALSE;
  g_autofree char *what = g_strdup_printf ("speed of host '%s'", show (st, id));
  SimQuantity q = {
    what, "speed", speed_units, "f, kf, Mf, Gf, Tf", "1Gf", TRUE,
    0, TRUE, MAX_SPEED, "more than 0f and at most 1000Tf (flop/s per core)",
  };
  double v = 0;
  if (strchr (speed, ','))
    return fail_at (st, attr_pos_named (st, names, "speed"), error,
                    "%s lists several power states ('%s'); gilsim takes a "
                    "single speed, such as speed=\"1Gf\"", what,
                    show (st, speed));
  if (!sim_quantity (st, attr_pos_named (st, names, "speed"), &q, speed, &v,
                     error))
    return FALSE;
  int cores = 1;
  const char *core = attr_value (names, values, "core");
  if (core) {
    gboolean digits = *core != '\0' && strlen (core) <= 6;
    for (const char *p = core; *p && digits; p++)
      digits = g_ascii_isdigit (*p);
    cores = digits ? atoi (core) : 0;
    if (cores < 1 || cores > MAX_CORES)
      return fail_at (st, attr_pos_named (st, names, "core"), error,
                      "core of host '%s' is '%s'; write a whole number of "
                      "cores from 1 to %d, such as core=\"16\"",
                      show (st, id), show (st, core), MAX_CORES);
  }
  if (!add_node (st, id, TRUE, names, error))
    return FALSE;
  GsHost *h = host_new (id, st->here.line);
  h->speed = v;
  h->cores = cores;
  g_ptr_array_add (st->plat->hosts, h);
  st->host = h;
  return TRUE;
}

/* Checks a property of a host that gilsim reads (see prop_specs); ID_POS
 * and POS are where its id and value are. */
static gboolean
check_calibration (State *st, Pos id_pos, Pos pos, const char *id,
                   const char *value, GError **error)
{
  if (!is_reserved (id))
    return TRUE;
  const PropSpec *spec = prop_spec (id);
  if (!spec) {
    g_autofree char *known = known_props (id);
    return fail_at (st, id_pos, error, "unknown property '%s'; known: %s",
                    show (st, id), known);
  }
  const char *h = show (st, st->host->id);
  if (spec->dim == GS_DIM_STRING) {
    g_autofree char *v = g_strstrip (g_strdup (value));
    if (!*v)
      return fail_at (st, pos, error, "property '%s' of host '%s' is empty; "
                      "write value=\"%s\"", id, h, spec->example);
    return TRUE;
  }
  g_autoptr (GError) err = NULL;
  double v = 0;
  if (!gs_units_parse (value, spec->dim, FALSE, &v, &err))
    return fail_at (st, pos, error, "property '%s' of host '%s': %s",
                    show (st, id), h, err->message);
  if (v < spec->min || (spec->min_open && v == spec->min) || v > spec->max)
    return fail_at (st, pos, error, "property '%s' of host '%s' is '%s'; it "
                    "must be %s, such as value=\"%s\"", show (st, id), h,
                    show (st, value), spec->range, spec->example);
  return TRUE;
}

static gboolean
start_prop (State *st, const char **names, const char **values,
            GError **error)
{
  static const char *const allowed[] = { "id", "value", NULL };
  const char *example = "<prop id=\"python.loop\" value=\"45ns\"/>";
  const char *id;
  if (!check_attrs (st, EL_PROP, names, allowed, error) ||
      !need_attr (st, EL_PROP, names, values, "id", example, &id, error))
    return FALSE;
  const char *value = attr_value (names, values, "value");
  if (!value)
    return fail_at (st, st->here, error, "<prop> has no value attribute; "
                    "write it like %s", example);
  if (parent_elem (st) != EL_HOST)
    return TRUE;  /* zone, disk and link properties are SimGrid's business */
  GsHost *h = st->host;
  gpointer line;
  if (g_hash_table_lookup_extended (h->prop_lines, id, NULL, &line))
    return fail_at (st, attr_pos_named (st, names, "id"), error, "property "
                    "'%s' is set twice in host '%s' (first at line %d); "
                    "remove one", show (st, id), show (st, h->id),
                    GPOINTER_TO_INT (line));
  if (!check_calibration (st, attr_pos_named (st, names, "id"),
                          attr_pos_named (st, names, "value"), id, value,
                          error))
    return FALSE;
  g_hash_table_insert (h->props, g_strdup (id), g_strdup (value));
  g_hash_table_insert (h->prop_lines, g_strdup (id),
                       GINT_TO_POINTER (st->here.line));
  return TRUE;
}

static gboolean
start_disk (State *st, const char **names, const char **values,
            GError **error)
{
  static const char *const allowed[] = { "id", "read_bw", "write_bw", NULL };
  const char *example =
      "<disk id=\"ssd\" read_bw=\"500MBps\" write_bw=\"400MBps\"/>";
  const char *id, *rd, *wr;
  if (!check_attrs (st, EL_DISK, names, allowed, error) ||
      !need_attr (st, EL_DISK, names, values, "id", example, &id, error) ||
      !need_attr (st, EL_DISK, names, values, "read_bw", example, &rd, error) ||
      !need_attr (st, EL_DISK, names, values, "write_bw", example, &wr, error))
    return FALSE;
  GsHost *h = st->host;
  for (guint i = 0; i < h->disks->len; i++)
    if (strcmp (((GsDisk *) g_ptr_array_index (h->disks, i))->id, id) == 0)
      return fail_at (st, attr_pos_named (st, names, "id"), error, "host '%s' "
                      "already has a disk '%s'; give each disk its own id",
                      show (st, h->id), show (st, id));
  const char *shown = show (st, id);
  g_autofree char *what_r = g_strdup_printf ("read_bw of disk '%s'", shown);
  g_autofree char *what_w = g_strdup_printf ("write_bw of disk '%s'", shown);
  SimQuantity q = {
    what_r, "read_bw", bandwidth_units,
    "Bps, kBps, MBps, GBps, TBps, KiBps, MiBps, GiBps, TiBps (or bps for bits)",
    "500MBps", FALSE, 0, TRUE, MAX_RATE, "more than 0Bps and at most 1000TBps",
  };
  double r = 0, w = 0;
  if (!sim_quantity (st, attr_pos_named (st, names, "read_bw"), &q, rd, &r,
                     error))
    return FALSE;
  q.what = what_w;
  q.attr = "write_bw";
  if (!sim_quantity (st, attr_pos_named (st, names, "write_bw"), &q, wr, &w,
                     error))
    return FALSE;
  GsDisk *d = g_new0 (GsDisk, 1);
  d->id = g_strdup (id);
  d->read_bw = r;
  d->write_bw = w;
  g_ptr_array_add (h->disks, d);
  return TRUE;
}

static gboolean
start_link (State *st, const char **names, const char **values,
            GError **error)
{
  static const char *const allowed[] = {
    "id", "bandwidth", "latency", "sharing_policy", NULL,
  };
  const char *example =
      "<link id=\"loopback\" bandwidth=\"10GBps\" latency=\"1us\"/>";
  const char *id, *bw, *lat;
  /* SimGrid 3.32 fails on a link without latency ("cannot parse number"),
   * although its DTD gives a default. */
  if (!check_attrs (st, EL_LINK, names, allowed, error) ||
      !need_attr (st, EL_LINK, names, values, "id", example, &id, error) ||
      !need_attr (st, EL_LINK, names, values, "bandwidth", example, &bw,
                  error) ||
      !need_attr (st, EL_LINK, names, values, "latency", example, &lat, error))
    return FALSE;
  gpointer line;
  if (g_hash_table_lookup_extended (st->link_lines, id, NULL, &line))
    return fail_at (st, attr_pos_named (st, names, "id"), error, "link id "
                    "'%s' is already used at line %d; give each link its own "
                    "id", show (st, id), GPOINTER_TO_INT (line));
  const char *shown = show (st, id);
  g_autofree char *what_b = g_strdup_printf ("bandwidth of link '%s'", shown);
  g_autofree char *what_l = g_strdup_printf ("latency of link '%s'", shown);
  SimQuantity qb = {
    what_b, "bandwidth", bandwidth_units,
    "Bps, kBps, MBps, GBps, TBps, KiBps, MiBps, GiBps, TiBps (or bps for bits)",
    "10GBps", FALSE, 0, TRUE, MAX_RATE, "more than 0Bps and at most 1000TBps",
  };
  SimQuantity ql = {
    what_l, "latency", time_units, "s, ms, us, ns, ps", "1us", FALSE,
    0, FALSE, MAX_LATENCY, "from 0s to 3600s",
  };
  double b = 0, l = 0;
  if (!sim_quantity (st, attr_pos_named (st, names, "bandwidth"), &qb, bw, &b,
                     error))
    return FALSE;
  if (!sim_quantity (st, attr_pos_named (st, names, "latency"), &ql, lat, &l,
                     error))
    return FALSE;
  const char *policy = attr_value (names, values, "sharing_policy");
  if (policy && strcmp (policy, "SHARED") != 0 &&
      strcmp (policy, "FATPIPE") != 0)
    return fail_at (st, attr_pos_named (st, names, "sharing_policy"), error,
                    "sharing_policy '%s' of link '%s' is not supported; use "
                    "SHARED or FATPIPE", show (st, policy), show (st, id));
  g_hash_table_insert (st->link_lines, g_strdup (id),
                       GINT_TO_POINTER (st->here.line));
  GsLink *k = g_new0 (GsLink, 1);
  k->id = g_strdup (id);
  k->bandwidth = b;
  k->latency = l;
  g_ptr_array_add (st->plat->links, k);
  return TRUE;
}

/* Checks that END, the src or dst of a route in zone Z, is a host of Z. */
static gboolean
check_route_end (State *st, const Zone *z, const char **names,
                 const char *attr, const char *end, GError **error)
{
  Pos pos = attr_pos_named (st, names, attr);
  const Node *n = g_hash_table_lookup (st->nodes, end);
  if (!n)
    return fail_at (st, pos, error, "route %s '%s' names no host defined "
                    "above; define <host id=\"%s\" .../> before the routes",
                    attr, show (st, end), show (st, end));
  if (!n->is_host)
    return fail_at (st, pos, error, "route %s '%s' is a zone (line %d), not a "
                    "host; routes join hosts of their own zone", attr,
                    show (st, end), n->line);
  if (n->zone != z->id)
    return fail_at (st, pos, error, "route %s '%s' is a host of zone '%s' "
                    "(line %d), but this route is in zone '%s'; routes join "
                    "hosts of their own zone", attr, show (st, end),
                    show (st, n->zone), n->line, show (st, z->id));
  return TRUE;
}

static gboolean
start_route (State *st, const char **names, const char **values,
             GError **error)
{
  static const char *const allowed[] = { "src", "dst", "symmetrical", NULL };
  const char *example = "<route src=\"cpu0\" dst=\"cpu1\">";
  const char *src, *dst;
  if (!check_attrs (st, EL_ROUTE, names, allowed, error) ||
      !need_attr (st, EL_ROUTE, names, values, "src", example, &src, error) ||
      !need_attr (st, EL_ROUTE, names, values, "dst", example, &dst, error))
    return FALSE;
  Zone *z = current_zone (st);
  if (!check_route_end (st, z, names, "src", src, error) ||
      !check_route_end (st, z, names, "dst", dst, error))
    return FALSE;
  const char *sym = attr_value (names, values, "symmetrical");
  static const char *const syms[] = { "YES", "NO", "yes", "no" };
  gboolean known = sym == NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (syms) && !known; i++)
    known = strcmp (sym, syms[i]) == 0;
  if (!known)
    return fail_at (st, attr_pos_named (st, names, "symmetrical"), error,
                    "symmetrical is '%s'; write symmetrical=\"YES\" or "
                    "symmetrical=\"NO\"", show (st, sym));
  gboolean symmetrical = !sym || g_ascii_strcasecmp (sym, "YES") == 0;
  gboolean loop = strcmp (src, dst) == 0;
  /* Floyd and Dijkstra add the way back of a loop too, and then fail on
   * the duplicate (Floyd) or crash (Dijkstra). */
  if (loop && symmetrical && !z->full)
    return fail_at (st, st->here, error, "a route from '%s' to itself in "
                    "zone '%s', whose routing is not Full, must be one-way; "
                    "add symmetrical=\"NO\"", show (st, src), show (st, z->id));
  gboolean both = symmetrical && !loop;
  g_autofree char *key = g_strconcat (src, "\n", dst, NULL);
  g_autofree char *rkey = g_strconcat (dst, "\n", src, NULL);
  gpointer line;
  if (g_hash_table_lookup_extended (z->routes, key, NULL, &line) ||
      (both && g_hash_table_lookup_extended (z->routes, rkey, NULL, &line)))
    return fail_at (st, st->here, error, "a route between '%s' and '%s' is "
                    "already defined at line %d (routes go both ways unless "
                    "symmetrical=\"NO\"); remove one", show (st, src),
                    show (st, dst), GPOINTER_TO_INT (line));
  g_hash_table_insert (z->routes, g_steal_pointer (&key),
                       GINT_TO_POINTER (st->here.line));
  g_hash_table_add (st->plat->routes, g_strconcat (src, "\n", dst, NULL));
  if (both)
    g_hash_table_add (st->plat->routes, g_strconcat (dst, "\n", src, NULL));
  if (both)
    g_hash_table_insert (z->routes, g_steal_pointer (&rkey),
                         GINT_TO_POINTER (st->here.line));
  if (!z->first_route_line)
    z->first_route_line = st->here.line;
  g_free (st->route_src);
  g_free (st->route_dst);
  st->route_src = g_strdup (src);
  st->route_dst = g_strdup (dst);
  st->route_links = 0;
  st->route_pos = st->here;
  return TRUE;
}

static gboolean
start_link_ctn (State *st, const char **names, const char **values,
                GError **error)
{
  static const char *const allowed[] = { "id", NULL };
  const char *id;
  if (!check_attrs (st, EL_LINK_CTN, names, allowed, error) ||
      !need_attr (st, EL_LINK_CTN, names, values, "id",
                  "<link_ctn id=\"loopback\"/>", &id, error))
    return FALSE;
  if (!g_hash_table_contains (st->link_lines, id))
    return fail_at (st, attr_pos_named (st, names, "id"), error, "unknown "
                    "link '%s'; define <link id=\"%s\" bandwidth=\"10GBps\" "
                    "latency=\"1us\"/> before the routes", show (st, id),
                    show (st, id));
  st->route_links++;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The prolog, as SimGrid's lexer wants it                                 */

/* SimGrid's FleXML lexer insists on SIMGRID_DOCTYPE (or the same with the
 * old http://simgrid.gforge.inria.fr/simgrid/simgrid.dtd), takes an optional
 * "<?xml version='1.0' encoding='UTF-8'?>" before it, comments anywhere,
 * and nothing else: no other processing instruction, no CDATA. */

typedef struct {
  const char *p, *end;
} Cursor;

static gboolean
cur_spaces (Cursor *c)
{
  const char *start = c->p;
  while (c->p < c->end && is_space (*c->p))
    c->p++;
  return c->p > start;
}

static gboolean
cur_lit (Cursor *c, const char *lit)
{
  gsize n = strlen (lit);
  if ((gsize) (c->end - c->p) < n || memcmp (c->p, lit, n) != 0)
    return FALSE;
  c->p += n;
  return TRUE;
}

/* A quoted value; stores where its text starts and its length. */
static gboolean
cur_quoted (Cursor *c, const char **text, gsize *len)
{
  if (c->p >= c->end || (*c->p != '\'' && *c->p != '"'))
    return FALSE;
  char q = *c->p++;
  const char *start = c->p;
  while (c->p < c->end && *c->p != q)
    c->p++;
  if (c->p >= c->end)
    return FALSE;
  *text = start;
  *len = (gsize) (c->p++ - start);
  return TRUE;
}

/* S NAME s = s QUOTED, as in the XML declaration; the cursor moves only on
 * success. */
static gboolean
cur_decl_attr (Cursor *c, const char *name, gboolean version)
{
  Cursor t = *c;
  const char *v;
  gsize n;
  if (!cur_spaces (&t) || !cur_lit (&t, name))
    return FALSE;
  cur_spaces (&t);
  if (!cur_lit (&t, "="))
    return FALSE;
  cur_spaces (&t);
  if (!cur_quoted (&t, &v, &n))
    return FALSE;
  for (gsize i = 0; version && i < n; i++)
    if (!g_ascii_isalnum (v[i]) && !strchr ("_.:-", v[i]))
      return FALSE;
  if (version && n == 0)
    return FALSE;
  *c = t;
  return TRUE;
}

static gboolean
xml_decl_ok (const char *text, gsize len)
{
  Cursor c = { text, text + len };
  if (!cur_lit (&c, "<?xml"))
    return FALSE;
  cur_decl_attr (&c, "version", TRUE);
  cur_decl_attr (&c, "encoding", FALSE);
  return cur_lit (&c, "?>") && c.p == c.end;
}

static gboolean
doctype_ok (const char *text, gsize len)
{
  static const char *const urls[] = {
    "https://simgrid.org/simgrid.dtd",
    "http://simgrid.gforge.inria.fr/simgrid/simgrid.dtd",
  };
  Cursor c = { text, text + len };
  const char *url;
  gsize n;
  if (!cur_lit (&c, "<!DOCTYPE") || !cur_spaces (&c) ||
      !cur_lit (&c, "platform") || !cur_spaces (&c) ||
      !cur_lit (&c, "SYSTEM") || !cur_spaces (&c) ||
      !cur_quoted (&c, &url, &n))
    return FALSE;
  cur_spaces (&c);
  if (!cur_lit (&c, ">") || c.p != c.end)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    if (strlen (urls[i]) == n && memcmp (urls[i], url, n) == 0)
      return TRUE;
  return FALSE;
}

/* Where TEXT (LEN bytes), which GMarkup has just passed through, starts. */
static gsize
construct_start (const State *st, const char *text, gsize len)
{
  gsize end = MIN (markup_offset (st), st->len);
  if (len == 0 || len > end)
    return end;
  for (gsize i = end; i >= len; i--)
    if (memcmp (st->text + i - len, text, len) == 0)
      return i - len;
  return end;
}

static gboolean
starts_with (const char *text, gsize len, const char *prefix)
{
  gsize n = strlen (prefix);
  return len >= n && memcmp (text, prefix, n) == 0;
}

/* Checks a comment, declaration or processing instruction. */
static gboolean
check_passthrough (State *st, const char *text, gsize len, GError **error)
{
  if (starts_with (text, len, "<!--"))
    return TRUE;
  Pos pos = pos_of (st, construct_start (st, text, len));
  if (starts_with (text, len, "<![CDATA["))
    return fail_at (st, pos, error, "CDATA sections have no place in a "
                    "platform file; remove it");
  if (starts_with (text, len, "<?xml") && len > 5 &&
      (is_space (text[5]) || text[5] == '?')) {
    if (st->seen_doctype || st->seen_root)
      return fail_at (st, pos, error, "the XML declaration must come before "
                      "<!DOCTYPE> and <platform>; move it to the first line");
    if (!xml_decl_ok (text, len))
      return fail_at (st, pos, error, "SimGrid rejects this XML declaration; "
                      "write <?xml version='1.0'?> (only version and "
                      "encoding, and no space before '?>')");
    return TRUE;
  }
  if (starts_with (text, len, "<?"))
    return fail_at (st, pos, error, "processing instructions (<?...?>) have "
                    "no place in a platform file; remove it");
  if (starts_with (text, len, "<!DOCTYPE")) {
    if (st->seen_root)
      return fail_at (st, pos, error, "<!DOCTYPE> after <platform>; remove "
                      "it");
    if (st->seen_doctype)
      return fail_at (st, pos, error, "a second <!DOCTYPE>; remove it");
    if (!doctype_ok (text, len))
      return fail_at (st, pos, error, "SimGrid accepts only %s; replace this "
                      "declaration with it", SIMGRID_DOCTYPE);
    st->seen_doctype = TRUE;
    return TRUE;
  }
  return fail_at (st, pos, error, "unexpected declaration; a platform file "
                  "holds only %s, <platform> and comments", SIMGRID_DOCTYPE);
}

/* ---------------------------------------------------------------------- */
/* GMarkup callbacks                                                       */

static void
on_start (GMarkupParseContext *ctx G_GNUC_UNUSED, const char *name,
          const char **names, const char **values, gpointer data,
          GError **error)
{
  State *st = data;
  locate_tag (st, name, names);
  Elem el = elem_lookup (name);
  if (st->stack->len == 0 && !st->seen_root) {
    if (el != EL_PLATFORM) {
      fail_at (st, st->here, error, "the file starts with <%s>, but a "
               "platform file starts with <platform version=\"4.1\">",
               show (st, name));
      return;
    }
    if (!st->seen_doctype) {
      fail_at (st, st->here, error, "SimGrid needs the line %s before "
               "<platform>; add it", SIMGRID_DOCTYPE);
      return;
    }
  }
  if (st->tag && st->tag->raw_lt) {
    fail_at (st, pos_of (st, st->tag->raw_lt), error, "'<' inside an "
             "attribute value, which SimGrid rejects; write &lt; instead");
    return;
  }
  if (st->tag && st->tag->raw_ref) {
    /* SimGrid's lexer keeps only the low byte of a character reference. */
    fail_at (st, pos_of (st, st->tag->raw_ref), error, "a character "
             "reference beyond ASCII in an attribute value, which SimGrid "
             "misreads; write the character itself");
    return;
  }
  if (el == EL_NONE) {
    if (strcmp (name, "cluster") == 0)
      fail_at (st, st->here, error, "<cluster> is not supported; describe "
               "hosts one by one with <host>");
    else
      fail_at (st, st->here, error, "unknown element <%s>; a gilsim platform "
               "uses only %s", show (st, name), ALLOWED_ELEMENTS);
    return;
  }
  if (!check_place (st, el, error))
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
  State *st = data;
  Elem el = parent_elem (st);
  g_array_set_size (st->stack, st->stack->len - 1);
  if (el == EL_HOST) {
    st->host = NULL;
  } else if (el == EL_ZONE) {
    g_ptr_array_set_size (st->zones, st->zones->len - 1);
  } else if (el == EL_ROUTE && st->route_links == 0) {
    fail_at (st, st->route_pos, error, "the route from '%s' to '%s' lists no "
             "link; add <link_ctn id=\"LINK\"/> inside it",
             show (st, st->route_src), show (st, st->route_dst));
  }
}

static void
on_text (GMarkupParseContext *ctx G_GNUC_UNUSED, const char *text, gsize len,
         gpointer data, GError **error)
{
  State *st = data;
  gsize i = 0;
  while (i < len && is_space (text[i]))
    i++;
  /* Blank, unless character references made it so ("&#10;"): SimGrid
   * rejects those too. */
  if (len == 0 || (i == len && st->texts->len == 0))
    return;
  /* GMarkup is at the '<' after the text.  The scan knows where the text
   * runs start; this one's is the last before, with no '<' in between. */
  gsize end = markup_offset (st), start = end;
  guint lo = 0, hi = st->texts->len;
  while (lo < hi) {
    guint mid = (lo + hi) / 2;
    if (g_array_index (st->texts, gsize, mid) < end)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo > 0) {
    gsize t = g_array_index (st->texts, gsize, lo - 1);
    if (!memchr (st->text + t, '<', end - t))
      start = t;
  }
  if (start == end) {
    if (i == len)
      return;  /* truly blank */
    start = end;  /* the scan lost track: point at the end of the text */
  }
  g_autofree char *raw = g_strndup (st->text + start, end - start);
  if (!*g_strstrip (raw)) {
    g_free (raw);
    raw = g_strndup (text + i, len - i);
  }
  fail_at (st, pos_of (st, start), error, "unexpected text '%s'; platform "
           "elements take no text, only attributes (comments go in "
           "<!-- -->)", show (st, g_strstrip (raw)));
}

static void
on_passthrough (GMarkupParseContext *ctx G_GNUC_UNUSED, const char *text,
                gsize len, gpointer data, GError **error)
{
  check_passthrough (data, text, len, error);
}

static const GMarkupParser markup_parser = {
  on_start, on_end, on_text, on_passthrough, NULL,
};

/* ---------------------------------------------------------------------- */
/* Loading                                                                 */

static gboolean
io_error (const char *path, GError **error, const char *fmt, ...)
    G_GNUC_PRINTF (3, 4);

static gboolean
io_error (const char *path, GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_strdelimit (msg, "\r\n\t", ' ');
  g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_IO, "%s:1:1: %s",
               path, msg);
  return FALSE;
}

/* Checks that TEXT is a text file gilsim should parse. */
static gboolean
check_text (State *st, GError **error)
{
  const char *text = st->text;
  gsize len = st->len;
  if (len > MAX_FILE_SIZE)
    return io_error (st->path, error, "the file is %.1f MiB, more than the "
                     "16 MiB a platform file may have; give the path of a "
                     "SimGrid platform .xml file", len / 1048576.0);
  if (memchr (text, '\0', len))
    return io_error (st->path, error, "the file is binary (it contains NUL "
                     "bytes); give the path of a SimGrid platform .xml file");
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    return io_error (st->path, error, "the file starts with a byte-order "
                     "mark, which SimGrid rejects; save it as UTF-8 without "
                     "BOM");
  const char *bad = NULL;
  if (!g_utf8_validate_len (text, len, &bad)) {
    Pos p = pos_of (st, (gsize) (bad - text));
    g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_IO,
                 "%s:%d:%d: the file is not valid UTF-8 text; save it as "
                 "UTF-8", st->path, p.line, p.col);
    return FALSE;
  }
  gsize i = 0;
  while (i < len && is_space (text[i]))
    i++;
  if (i == len)
    return io_error (st->path, error, "the file is empty; a platform file "
                     "starts with %s and <platform version=\"4.1\">",
                     SIMGRID_DOCTYPE);
  return TRUE;
}

GsPlatform *
gs_platform_parse (const char *path, const char *text, gsize len,
                   GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  State st = { 0 };
  st.path = path;
  st.text = text ? text : "";
  st.len = len;
  st.memo_col = 1;
  st.line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  st.stack = g_array_new (FALSE, FALSE, sizeof (Elem));
  st.zones = g_ptr_array_new_with_free_func (zone_free);
  st.nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  st.link_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  st.scratch = g_ptr_array_new_with_free_func (g_free);
  st.plat = g_new0 (GsPlatform, 1);
  st.plat->path = g_strdup (path);
  st.plat->hosts = g_ptr_array_new_with_free_func (host_free);
  st.plat->links = g_ptr_array_new_with_free_func (link_free);
  st.plat->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  index_lines (&st);
  if (!check_text (&st, error)) {
    state_clear (&st);
    return NULL;
  }
  st.tags = g_array_new (FALSE, FALSE, sizeof (TagMark));
  st.texts = g_array_new (FALSE, FALSE, sizeof (gsize));
  st.attrs = g_array_new (FALSE, FALSE, sizeof (AttrMark));
  st.marks_ok = TRUE;
  scan_tags (&st);

  st.ctx = g_markup_parse_context_new (&markup_parser, 0, &st, NULL);
  GError *err = NULL;
  gboolean ok = g_markup_parse_context_parse (st.ctx, st.text, (gssize) len,
                                              &err) &&
                g_markup_parse_context_end_parse (st.ctx, &err);
  if (!ok && err->domain != GS_PLATFORM_ERROR) {
    g_autofree char *msg = reword_markup (err->message);
    Pos p = pos_of (&st, markup_offset (&st));
    g_clear_error (&err);
    if (st.seen_root && st.stack->len == 0)
      g_set_error (&err, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_SYNTAX,
                   "%s:%d:%d: unexpected text after </platform>; the file "
                   "must end there, so remove it", path, p.line, p.col);
    else
      g_set_error (&err, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_SYNTAX,
                   "%s:%d:%d: %s; fix the XML syntax here", path, p.line,
                   p.col, msg);
  }
  g_markup_parse_context_free (st.ctx);
  st.ctx = NULL;
  if (ok && st.plat->hosts->len == 0)
    ok = fail_at (&st, st.root_pos, &err, "the platform defines no host; add "
                  "<host id=\"cpu0\" speed=\"1Gf\" core=\"4\"/> inside a "
                  "<zone>");
  if (!ok) {
    g_propagate_error (error, err);
    state_clear (&st);
    return NULL;
  }
  GsPlatform *plat = g_steal_pointer (&st.plat);
  state_clear (&st);
  return plat;
}

GsPlatform *
gs_platform_load (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  GStatBuf sb;
  if (g_stat (path, &sb) != 0) {
    int e = errno;
    io_error (path, error, "cannot read the platform file: %s; check the "
              "path", g_strerror (e));
    return NULL;
  }
  if (S_ISDIR (sb.st_mode)) {
    io_error (path, error, "this is a folder, not a platform file; give the "
              "path of a SimGrid platform .xml file");
    return NULL;
  }
  if (S_ISREG (sb.st_mode) && sb.st_size > MAX_FILE_SIZE) {
    io_error (path, error, "the file is %.1f MiB, more than the 16 MiB a "
              "platform file may have; give the path of a SimGrid platform "
              ".xml file", sb.st_size / 1048576.0);
    return NULL;
  }
  if (g_access (path, R_OK) != 0) {
    int e = errno;
    io_error (path, error, "cannot read the platform file: %s; check its "
              "permissions", g_strerror (e));
    return NULL;
  }
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) err = NULL;
  if (!g_file_get_contents (path, &text, &len, &err)) {
    io_error (path, error, "cannot read the platform file: %s", err->message);
    return NULL;
  }
  return gs_platform_parse (path, text, len, error);
}

/* ---------------------------------------------------------------------- */
/* Queries                                                                 */

const GsHost *
gs_platform_host (const GsPlatform *p, const char *id)
{
  g_return_val_if_fail (p != NULL && id != NULL, NULL);
  for (guint i = 0; i < p->hosts->len; i++) {
    const GsHost *h = g_ptr_array_index (p->hosts, i);
    if (strcmp (h->id, id) == 0)
      return h;
  }
  return NULL;
}

gboolean
gs_platform_has_route (const GsPlatform *p, const char *src, const char *dst)
{
  g_autofree char *key = g_strconcat (src, "\n", dst, NULL);
  return g_hash_table_contains (p->routes, key);
}

const GsHost *
gs_platform_first_host (const GsPlatform *p)
{
  g_return_val_if_fail (p != NULL, NULL);
  return p->hosts->len ? g_ptr_array_index (p->hosts, 0) : NULL;
}

gboolean
gs_host_has (const GsHost *host, const char *id)
{
  g_return_val_if_fail (host != NULL && id != NULL, FALSE);
  return g_hash_table_contains (host->props, id);
}

gboolean
gs_host_get (const GsHost *host, const GsPlatform *p, const char *id,
             GsDim dim, gboolean has_default, double default_value,
             double *out, GError **error)
{
  g_return_val_if_fail (host != NULL && p != NULL && id != NULL, FALSE);
  g_return_val_if_fail (dim != GS_DIM_STRING && out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  const char *value = g_hash_table_lookup (host->props, id);
  if (!value) {
    if (has_default) {
      *out = default_value;
      return TRUE;
    }
    const PropSpec *spec = prop_spec (id);
    const char *example = spec && spec->dim == dim ? spec->example
                                                   : gs_dim_example (dim);
    g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_PROPERTY,
                 "host '%s' of %s has no property '%s'; add <prop id=\"%s\" "
                 "value=\"%s\"/> to it", host->id, p->path, id, id, example);
    return FALSE;
  }
  g_autoptr (GError) err = NULL;
  double v = 0;
  if (!gs_units_parse (value, dim, FALSE, &v, &err)) {
    int line = GPOINTER_TO_INT (g_hash_table_lookup (host->prop_lines, id));
    g_autofree char *msg = g_strdelimit (g_strdup (err->message), "\r\n\t",
                                         ' ');
    g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_PROPERTY,
                 "property '%s' of host '%s' (%s line %d): %s", id, host->id,
                 p->path, line, msg);
    return FALSE;
  }
  *out = v;
  return TRUE;
}
