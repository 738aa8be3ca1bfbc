/* reader.c: a platform file's text: positions, marks, messages, prolog. */
#include "platform/reader.h"

#include <string.h>

#include "platform/platform.h"

#define MAX_SHOWN 60            /* characters of a user's text in a message */

/* ---------------------------------------------------------------------- */
/* Set-up                                                                  */

static void index_lines (GsReader *rd);

void
gs_reader_init (GsReader *rd, const char *path, const char *text, gsize len)
{
  memset (rd, 0, sizeof *rd);
  rd->path = path;
  rd->text = text ? text : "";
  rd->len = len;
  rd->memo_col = 1;
  rd->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  rd->scratch = g_ptr_array_new_with_free_func (g_free);
  index_lines (rd);
}

void
gs_reader_clear (GsReader *rd)
{
  g_array_unref (rd->line_starts);
  g_clear_pointer (&rd->tags, g_array_unref);
  g_clear_pointer (&rd->attrs, g_array_unref);
  g_clear_pointer (&rd->texts, g_array_unref);
  g_ptr_array_unref (rd->scratch);
}

/* ---------------------------------------------------------------------- */
/* Positions                                                               */

static void
index_lines (GsReader *rd)
{
  gsize zero = 0;
  g_array_append_val (rd->line_starts, zero);
  const char *p = rd->text, *end = rd->text + rd->len;
  while (p < end && (p = memchr (p, '\n', (gsize) (end - p))) != NULL) {
    gsize next = (gsize) (++p - rd->text);
    g_array_append_val (rd->line_starts, next);
  }
}

/* The line and column of byte OFF.  The bytes before OFF must be valid
 * UTF-8; columns count characters. */
GsReaderPos
gs_reader_pos (GsReader *rd, gsize off)
{
  if (off > rd->len)
    off = rd->len;
  guint n_lines = rd->line_starts->len;
  guint line;
  int col;
  if (rd->memo_off <= off && off > 0 &&
      (rd->memo_line + 1 >= n_lines ||
       off < g_array_index (rd->line_starts, gsize, rd->memo_line + 1))) {
    line = rd->memo_line;
    col = rd->memo_col + (int) g_utf8_strlen (rd->text + rd->memo_off,
                                              (gssize) (off - rd->memo_off));
  } else {
    guint lo = 0, hi = n_lines - 1;
    while (lo < hi) {
      guint mid = (lo + hi + 1) / 2;
      if (g_array_index (rd->line_starts, gsize, mid) <= off)
        lo = mid;
      else
        hi = mid - 1;
    }
    gsize start = g_array_index (rd->line_starts, gsize, lo);
    line = lo;
    col = (int) g_utf8_strlen (rd->text + start, (gssize) (off - start)) + 1;
  }
  rd->memo_off = off;
  rd->memo_line = line;
  rd->memo_col = col;
  GsReaderPos p = { (int) line + 1, col };
  return p;
}

/* The byte offset of GMarkup's current position.  GMarkup counts a line
 * from its '\n': the first character after a newline is its character 2. */
gsize
gs_reader_markup_offset (const GsReader *rd)
{
  int line = 1, ch = 1;
  g_markup_parse_context_get_position (rd->ctx, &line, &ch);
  line = CLAMP (line, 1, (int) rd->line_starts->len);
  const char *p = rd->text;
  if (line > 1)
    p += g_array_index (rd->line_starts, gsize, line - 1) - 1;
  const char *end = rd->text + rd->len;
  for (int i = 1; i < ch && p < end; i++)
    p = g_utf8_next_char (p);
  return (gsize) (MIN (p, end) - rd->text);
}

static gboolean
has_at (const GsReader *rd, gsize i, const char *s)
{
  gsize n = strlen (s);
  return i + n <= rd->len && memcmp (rd->text + i, s, n) == 0;
}

/* Index just after the first S at or after I, or the end of the text.
 * memchr finds each candidate: a byte-by-byte loop of comparisons is slow
 * under the fuzzers' instrumentation (a comment of 16 kB). */
static gsize
skip_past (const GsReader *rd, gsize i, const char *s)
{
  while (i < rd->len) {
    const char *p = memchr (rd->text + i, s[0], rd->len - i);
    if (p == NULL)
      break;
    i = (gsize) (p - rd->text);
    if (has_at (rd, i, s))
      return i + strlen (s);
    i++;
  }
  return rd->len;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Finds every start tag and the position of each of its attributes, so that
 * messages can point at the '<' of an element or at the attribute at fault.
 * GMarkup only knows where a start tag ends.  The scan is checked against
 * GMarkup's elements one by one (gs_reader_locate), and abandoned if they
 * ever disagree. */
static void
scan_tags (GsReader *rd)
{
  const char *s = rd->text;
  gsize n = rd->len, i = 0;
  gboolean in_text = FALSE;  /* this text run is in rd->texts already */
  while (i < n) {
    if (s[i] != '<') {
      if (!in_text && !is_space (s[i])) {
        g_array_append_val (rd->texts, i);
        in_text = TRUE;
      }
      i++;
      continue;
    }
    in_text = FALSE;
    if (has_at (rd, i, "<!--")) {
      i = skip_past (rd, i + 4, "-->");
    } else if (has_at (rd, i, "<![CDATA[")) {
      i = skip_past (rd, i + 9, "]]>");
    } else if (has_at (rd, i, "<?")) {
      i = skip_past (rd, i + 2, "?>");
    } else if (has_at (rd, i, "<!") || has_at (rd, i, "</")) {
      i = skip_past (rd, i + 2, ">");
    } else {
      GsReaderTag t = { 0 };
      t.pos = gs_reader_pos (rd, i);
      t.name_off = ++i;
      while (i < n && !is_space (s[i]) && s[i] != '>' && s[i] != '/')
        i++;
      t.name_len = i - t.name_off;
      t.first_attr = rd->attrs->len;
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
        GsReaderAttr a = { i, 0, gs_reader_pos (rd, i) };
        while (i < n && !is_space (s[i]) && s[i] != '=' && s[i] != '>' &&
               s[i] != '/')
          i++;
        a.len = i - a.off;
        g_array_append_val (rd->attrs, a);
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
      t.n_attrs = rd->attrs->len - t.first_attr;
      g_array_append_val (rd->tags, t);
    }
  }
}

void
gs_reader_scan (GsReader *rd)
{
  rd->tags = g_array_new (FALSE, FALSE, sizeof (GsReaderTag));
  rd->texts = g_array_new (FALSE, FALSE, sizeof (gsize));
  rd->attrs = g_array_new (FALSE, FALSE, sizeof (GsReaderAttr));
  rd->marks_ok = TRUE;
  scan_tags (rd);
}

static gboolean
mark_is (const GsReader *rd, gsize off, gsize len, const char *name)
{
  return strlen (name) == len && memcmp (rd->text + off, name, len) == 0;
}

/* Sets rd->here (and rd->tag when the scan agrees) for the element NAME with
 * attribute names NAMES that GMarkup has just reported. */
void
gs_reader_locate (GsReader *rd, const char *name, const char **names)
{
  rd->tag = NULL;
  if (rd->marks_ok && rd->next_tag < rd->tags->len) {
    const GsReaderTag *t = &g_array_index (rd->tags, GsReaderTag, rd->next_tag);
    gboolean same = mark_is (rd, t->name_off, t->name_len, name) &&
                    t->n_attrs == g_strv_length ((char **) names);
    for (guint i = 0; same && i < t->n_attrs; i++) {
      const GsReaderAttr *a =
          &g_array_index (rd->attrs, GsReaderAttr, t->first_attr + i);
      same = mark_is (rd, a->off, a->len, names[i]);
    }
    if (same) {
      rd->next_tag++;
      rd->tag = t;
      rd->here = t->pos;
      return;
    }
  }
  /* GMarkup is just past the start tag: its '<' is the last one before. */
  rd->marks_ok = FALSE;
  gsize off = gs_reader_markup_offset (rd);
  while (off > 0 && (off >= rd->len || rd->text[off] != '<'))
    off--;
  rd->here = gs_reader_pos (rd, off);
}

/* The position of the Ith attribute of the current element. */
GsReaderPos
gs_reader_attr_pos (const GsReader *rd, guint i)
{
  if (rd->tag && i < rd->tag->n_attrs)
    return g_array_index (rd->attrs, GsReaderAttr, rd->tag->first_attr + i).pos;
  return rd->here;
}

GsReaderPos
gs_reader_attr_pos_named (const GsReader *rd, const char **names,
                          const char *name)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], name) == 0)
      return gs_reader_attr_pos (rd, i);
  return rd->here;
}

/* ---------------------------------------------------------------------- */
/* Messages                                                                */

const char *
gs_reader_show (GsReader *rd, const char *s)
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
  g_ptr_array_add (rd->scratch, copy);
  return copy;
}

gboolean
gs_reader_fail (GsReader *rd, GsReaderPos pos, GError **error,
                const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_strdelimit (msg, "\r\n\t", ' ');
  g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_INVALID,
               "%s:%d:%d: %s", rd->path, pos.line, pos.col, msg);
  return FALSE;
}

char *
gs_reader_reword_markup (const char *msg)
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
    else if (c < 0x20 || c == 0x7f)
      g_string_append_c (s, ' ');
    else
      g_string_append_unichar (s, c);
  }
  if (s->len > 1 && g_ascii_isupper (s->str[0]) && g_ascii_islower (s->str[1]))
    s->str[0] = g_ascii_tolower (s->str[0]);
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------------- */
/* The prolog, as SimGrid's lexer wants it                                 */

/* SimGrid's FleXML lexer insists on GS_READER_DOCTYPE (or the same with the
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
construct_start (const GsReader *rd, const char *text, gsize len)
{
  gsize end = MIN (gs_reader_markup_offset (rd), rd->len);
  if (len == 0 || len > end)
    return end;
  for (gsize i = end; i >= len; i--)
    if (memcmp (rd->text + i - len, text, len) == 0)
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
check_passthrough (GsReader *rd, const char *text, gsize len, GError **error)
{
  if (starts_with (text, len, "<!--"))
    return TRUE;
  GsReaderPos pos = gs_reader_pos (rd, construct_start (rd, text, len));
  if (starts_with (text, len, "<![CDATA["))
    return gs_reader_fail (rd, pos, error, "CDATA sections have no place in a "
                           "platform file; remove it");
  if (starts_with (text, len, "<?xml") && len > 5 &&
      (is_space (text[5]) || text[5] == '?')) {
    if (rd->seen_doctype || rd->seen_root)
      return gs_reader_fail (rd, pos, error, "the XML declaration must come "
                             "before <!DOCTYPE> and <platform>; move it to "
                             "the first line");
    if (!xml_decl_ok (text, len))
      return gs_reader_fail (rd, pos, error, "SimGrid rejects this XML "
                             "declaration; write <?xml version='1.0'?> (only "
                             "version and encoding, and no space before '?>')");
    return TRUE;
  }
  if (starts_with (text, len, "<?"))
    return gs_reader_fail (rd, pos, error, "processing instructions "
                           "(<?...?>) have no place in a platform file; "
                           "remove it");
  if (starts_with (text, len, "<!DOCTYPE")) {
    if (rd->seen_root)
      return gs_reader_fail (rd, pos, error, "<!DOCTYPE> after <platform>; "
                             "remove it");
    if (rd->seen_doctype)
      return gs_reader_fail (rd, pos, error, "a second <!DOCTYPE>; remove it");
    if (!doctype_ok (text, len))
      return gs_reader_fail (rd, pos, error, "SimGrid accepts only %s; "
                             "replace this declaration with it",
                             GS_READER_DOCTYPE);
    rd->seen_doctype = TRUE;
    return TRUE;
  }
  return gs_reader_fail (rd, pos, error, "unexpected declaration; a platform "
                         "file holds only %s, <platform> and comments",
                         GS_READER_DOCTYPE);
}

/* ---------------------------------------------------------------------- */
/* Text between elements                                                   */

void
gs_reader_on_text (GMarkupParseContext *ctx G_GNUC_UNUSED, const char *text,
                   gsize len, gpointer data, GError **error)
{
  GsReader *rd = data;
  gsize i = 0;
  while (i < len && is_space (text[i]))
    i++;
  /* Blank, unless character references made it so ("&#10;"): SimGrid
   * rejects those too. */
  if (len == 0 || (i == len && rd->texts->len == 0))
    return;
  /* GMarkup is at the '<' after the text.  The scan knows where the text
   * runs start; this one's is the last before, with no '<' in between. */
  gsize end = gs_reader_markup_offset (rd), start = end;
  guint lo = 0, hi = rd->texts->len;
  while (lo < hi) {
    guint mid = (lo + hi) / 2;
    if (g_array_index (rd->texts, gsize, mid) < end)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo > 0) {
    gsize t = g_array_index (rd->texts, gsize, lo - 1);
    if (!memchr (rd->text + t, '<', end - t))
      start = t;
  }
  if (start == end) {
    if (i == len)
      return;  /* truly blank */
    start = end;  /* the scan lost track: point at the end of the text */
  }
  g_autofree char *raw = g_strndup (rd->text + start, end - start);
  if (!*g_strstrip (raw)) {
    g_free (raw);
    raw = g_strndup (text + i, len - i);
  }
  gs_reader_fail (rd, gs_reader_pos (rd, start), error, "unexpected text "
                  "'%s'; platform elements take no text, only attributes "
                  "(comments go in <!-- -->)",
                  gs_reader_show (rd, g_strstrip (raw)));
}

void
gs_reader_on_passthrough (GMarkupParseContext *ctx G_GNUC_UNUSED,
                          const char *text, gsize len, gpointer data,
                          GError **error)
{
  check_passthrough (data, text, len, error);
}

/* ---------------------------------------------------------------------- */
/* The file as text                                                        */

gboolean
gs_reader_io_error (const char *path, GError **error, const char *fmt, ...)
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

gboolean
gs_reader_check_text (GsReader *rd, GError **error)
{
  const char *text = rd->text;
  gsize len = rd->len;
  if (len > GS_READER_MAX_FILE_SIZE)
    return gs_reader_io_error (rd->path, error, "the file is %.1f MiB, more "
                               "than the 16 MiB a platform file may have; give "
                               "the path of a SimGrid platform .xml file",
                               len / 1048576.0);
  if (memchr (text, '\0', len))
    return gs_reader_io_error (rd->path, error, "the file is binary (it "
                               "contains NUL bytes); give the path of a "
                               "SimGrid platform .xml file");
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    return gs_reader_io_error (rd->path, error, "the file starts with a "
                               "byte-order mark, which SimGrid rejects; save "
                               "it as UTF-8 without BOM");
  const char *bad = NULL;
  if (!g_utf8_validate_len (text, len, &bad)) {
    GsReaderPos p = gs_reader_pos (rd, (gsize) (bad - text));
    g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_IO,
                 "%s:%d:%d: the file is not valid UTF-8 text; save it as "
                 "UTF-8", rd->path, p.line, p.col);
    return FALSE;
  }
  gsize i = 0;
  while (i < len && is_space (text[i]))
    i++;
  if (i == len)
    return gs_reader_io_error (rd->path, error, "the file is empty; a "
                               "platform file starts with %s and <platform "
                               "version=\"4.1\">", GS_READER_DOCTYPE);
  return TRUE;
}

