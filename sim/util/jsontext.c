/* jsontext.c: parsing JSON text the user gave, within bounds (see jsontext.h). */
#include "util/jsontext.h"

#include <string.h>

#include "util/text.h"

/* The bytes that the scans below act on; every other byte is passed over
 * with one test (a fuzzing build instruments each comparison: the chain of
 * them per byte was most of the time spent on a results file). */
static const guint8 special[256] = {
  ['\n'] = 1, ['"'] = 1, ['\\'] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1,
  [','] = 1,
};

/* The bytes JSON has outside strings: blanks, the structure, a string's
 * opening quote, the characters of numbers and those of true, false and
 * null. */
static const guint8 outside[256] = {
  [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1,
  [']'] = 1, [':'] = 1, [','] = 1, ['"'] = 1, ['-'] = 1, ['+'] = 1, ['.'] = 1,
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
  ['7'] = 1, ['8'] = 1, ['9'] = 1, ['e'] = 1, ['E'] = 1, ['a'] = 1, ['f'] = 1,
  ['l'] = 1, ['n'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
};

/* The offset of the first byte of TEXT that JSON does not have where it
 * stands, or LEN; *WHAT says what it is.  Outside strings that is any
 * byte but those of `outside`: json-glib's scanner also takes comments
 * ("/" then anything to the line's end, or between slash-star and
 * star-slash, where "/" + "*" + "/" is a whole one) and single-quoted
 * strings, and where it sees those the scans here would see other
 * strings and values than it does (fuzz-results and fuzz-record found
 * json-glib 1.6 then losing memory).  Inside a string, a control
 * character, which JSON has only as an escape. */
static gsize
first_stray (const char *text, gsize len, const char **what)
{
  gboolean in_string = FALSE;
  for (gsize i = 0; i < len; i++) {
    guchar c = (guchar) text[i];
    if (in_string) {
      if (c == '\\')
        i++;   /* the escape itself is first_bad_escape's */
      else if (c == '"')
        in_string = FALSE;
      else if (c < 0x20) {
        *what = "a control character inside a string, which JSON has only as "
                "an escape; write \\n, \\t or \\u and four hex digits";
        return i;
      }
      continue;
    }
    if (c == '"') {
      in_string = TRUE;
    } else if (!outside[c]) {
      *what = c == '/' ? "a comment, which JSON does not have; remove it"
            : c == '\'' ? "a single quote outside a string: JSON's strings "
                          "take double quotes (\"...\")"
            : "a character that JSON does not have outside a string; "
              "remove it or put it in a string";
      return i;
    }
  }
  return len;
}

/* The line (from 1) where TEXT first nests deeper than MAX, or 0. */
static guint
too_deep_at (const char *text, gsize len, guint max)
{
  guint depth = 0, line = 1;
  gboolean in_string = FALSE;
  for (gsize i = 0; i < len; i++) {
    char c = text[i];
    if (!special[(guchar) c])
      continue;
    if (c == '\n')
      line++;
    if (in_string) {
      if (c == '\\')
        i++;
      else if (c == '"')
        in_string = FALSE;
      continue;
    }
    if (c == '"') {
      in_string = TRUE;
    } else if (c == '[' || c == '{') {
      if (++depth > max)
        return line;
    } else if ((c == ']' || c == '}') && depth > 0) {
      depth--;
    }
  }
  return 0;
}

/* ---------------------------------------------------------------------- */
/* A member twice in one object                                           */

/* The value of the four hex digits at TEXT[K], or -1 where there are not
 * four before LEN. */
static gint32
hex4_at (const char *text, gsize len, gsize k)
{
  if (k + 4 > len)
    return -1;
  gint32 v = 0;
  for (gsize j = k; j < k + 4; j++) {
    int d = g_ascii_xdigit_value (text[j]);
    if (d < 0)
      return -1;
    v = v * 16 + d;
  }
  return v;
}

/* The string token at TEXT[*I] (on its opening quote), decoded, ending at
 * LEN; *I is left on its closing quote (or at LEN).  Decodes the escapes
 * JSON has, so that "a" and "\u0061" are the same name.  TEXT's escapes
 * are JSON's (first_bad_escape found no other): each "\u" has its four
 * hex digits, and a surrogate comes as a whole pair. */
static char *
read_string (const char *text, gsize len, gsize *i)
{
  gsize k = *i + 1;
  while (k < len && text[k] != '"' && text[k] != '\\')
    k++;
  if (k >= len || text[k] == '"') {  /* no escape: the bytes themselves */
    char *plain = g_strndup (text + *i + 1, k - *i - 1);
    *i = k;
    return plain;
  }
  GString *out = g_string_sized_new (k - *i + 16);
  g_string_append_len (out, text + *i + 1, (gssize) (k - *i - 1));
  while (k < len && text[k] != '"') {
    if (text[k] != '\\' || k + 1 >= len) {
      g_string_append_c (out, text[k++]);
      continue;
    }
    char e = text[k + 1];
    k += 2;
    switch (e) {
    case 'b': g_string_append_c (out, '\b'); break;
    case 'f': g_string_append_c (out, '\f'); break;
    case 'n': g_string_append_c (out, '\n'); break;
    case 'r': g_string_append_c (out, '\r'); break;
    case 't': g_string_append_c (out, '\t'); break;
    case 'u': {
      gunichar u = (gunichar) hex4_at (text, len, k);
      k += 4;
      if (u >= 0xd800 && u < 0xdc00) {  /* a surrogate pair: one character */
        gunichar low = (gunichar) hex4_at (text, len, k + 2);
        u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
        k += 6;
      }
      char utf8[8];
      g_string_append_len (out, utf8, g_unichar_to_utf8 (u, utf8));
      break;
    }
    default: g_string_append_c (out, e); break;  /* \" \\ \/ */
    }
  }
  *i = k;
  return g_string_free (out, FALSE);
}

/* What is wrong with the escape at TEXT[K] (on its backslash), or NULL
 * with *SPAN its length: an escape JSON does not have (json-glib's scanner
 * reads "\232" as the byte 0x9a, which gilsim then cannot write back as
 * UTF-8: found by fuzz-results), a "\u" without four hex digits, or a surrogate
 * (D800 to DFFF) that is not a high one (D800 to DBFF) whose low one (DC00
 * to DFFF) follows in a second "\u", the two a span of 12.  json-glib 1.6
 * reads past a short "\u" (a closing quote included: the string then goes
 * on where the scans here see it end), and loses the string it was
 * building where the "\u" after a surrogate is no low one (found by
 * fuzz-results): gilsim refuses both first, and lone surrogates too
 * (no character; gilsim never writes one). */
static const char *
bad_escape_at (const char *text, gsize len, gsize k, gsize *span)
{
  *span = 2;
  if (k + 1 >= len)
    return NULL;
  if (text[k + 1] != 'u')
    return strchr ("\"\\/bfnrt", text[k + 1]) && text[k + 1] != '\0'
               ? NULL
               : "an escape that JSON does not have (json-glib reads \\NNN as a byte); "
                 "write \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hex digits";
  gint32 hi = hex4_at (text, len, k + 2);
  if (hi < 0)
    return "a \\u escape without four hex digits; write \\u and four (\\u00e9)";
  *span = 6;
  if (hi < 0xd800 || hi >= 0xe000)
    return NULL;
  gint32 lo = k + 8 <= len && text[k + 6] == '\\' && text[k + 7] == 'u'
                  ? hex4_at (text, len, k + 8) : -1;
  if (hi < 0xdc00 && lo >= 0xdc00 && lo < 0xe000) {
    *span = 12;
    return NULL;
  }
  return "a \\u escape of a surrogate (D800 to DFFF) that is not the high half of a "
         "pair (D800 to DBFF, then \\u DC00 to DFFF); write the character as such "
         "a pair, or as UTF-8";
}

/* Leaves *I on the closing quote of the string token at TEXT[*I] (or at
 * LEN), as read_string does, without decoding it: the strings that are
 * not member names need no copy. */
static void
skip_string (const char *text, gsize len, gsize *i)
{
  gsize k = *i + 1;
  while (k < len && text[k] != '"')
    k += text[k] == '\\' && k + 1 < len ? 2 : 1;
  *i = k;
}

/* The offset of the first bad "\u" escape (bad_escape_at) anywhere in
 * TEXT, inside a string as this module sees strings or not, or LEN; *WHAT
 * what is wrong with it.  Where json-glib would see a string is not
 * guessed: its scanner and the scans here disagree on odd text ("/$"
 * before a quote, found by fuzz-results), and a backslash outside a string
 * is an error anyway. */
static gsize
first_bad_escape (const char *text, gsize len, const char **what)
{
  const char *p = text, *end = text + len;
  while ((p = memchr (p, '\\', (gsize) (end - p)))) {
    gsize k = (gsize) (p - text), span;
    if ((*what = bad_escape_at (text, len, k, &span)))
      return k;
    p += span;
    if (p >= end)
      break;
  }
  return len;
}

static void
free_names (gpointer names)
{
  if (names)
    g_hash_table_unref (names);
}

static gboolean
fail_at (GError **error, guint line, gsize col, const char *what)
{
  g_autofree char *msg = g_strdup_printf ("%u:%" G_GSIZE_FORMAT ": %s", line, col, what);
  g_autofree char *one = gs_text_one_line (msg);
  g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, one);
  return FALSE;
}

/* fail_at for the byte at TEXT[OFF], whose line and column are counted
 * here (a string can hold a raw newline, which the scan does not count). */
static gboolean
fail_at_offset (GError **error, const char *text, gsize off, const char *what)
{
  guint line = 1;
  gsize line_start = 0;
  for (const char *nl = text; (nl = memchr (nl, '\n', off - (gsize) (nl - text))); nl++) {
    line++;
    line_start = (gsize) (nl - text) + 1;
  }
  return fail_at (error, line, off - line_start + 1, what);
}

/* Fails when an object of TEXT (nested at most MAX deep: checked before)
 * names a member twice, or when an array or object follows a whole value
 * ("1{}", "{}[]"): json-glib 1.6 takes the last member, or the last value,
 * and loses the memory of the other; gilsim never writes such a file.
 * The message starts "LINE:COL: ". */
static gboolean
check_unique_members (const char *text, gsize len, guint max, GError **error)
{
  /* per open container: its names (an object) or NULL (an array) */
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (free_names);
  gboolean want_name = FALSE, had_value = FALSE;
  guint line = 1;
  gsize line_start = 0;
  for (gsize i = 0; i < len; i++) {
    char c = text[i];
    if (!special[(guchar) c]) {
      if (open->len == 0 && !had_value && !g_ascii_isspace (c))
        had_value = TRUE;  /* a number or a word */
      continue;
    }
    GHashTable *names = open->len ? open->pdata[open->len - 1] : NULL;
    if (c == '\n') {
      line++;
      line_start = i + 1;
    } else if (c == '{' || c == '[') {
      if (open->len == 0 && had_value)
        return fail_at (error, line, i - line_start + 1,
                        "another JSON value after the first; give one value");
      if (open->len >= max)
        return TRUE;  /* too_deep_at refuses it */
      g_ptr_array_add (open, c == '{' ? g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, NULL)
                                      : NULL);
      want_name = c == '{';
    } else if ((c == '}' || c == ']') && open->len) {
      g_ptr_array_remove_index (open, open->len - 1);
      want_name = FALSE;
      had_value |= open->len == 0;
    } else if (c == ',') {
      want_name = names != NULL;
    } else if (c == '"') {
      gsize at = i;
      had_value |= open->len == 0;
      if (!(want_name && names)) {
        skip_string (text, len, &i);
        continue;
      }
      char *s = read_string (text, len, &i);
      want_name = FALSE;
      if (!g_hash_table_add (names, s)) {
        g_autofree char *shown = g_utf8_make_valid (s, MIN (strlen (s), 40));
        g_autofree char *what = g_strdup_printf (
            "member \"%s\" appears twice in one object; give each member once", shown);
        return fail_at (error, line, at - line_start + 1, what);
      }
    } else if (open->len == 0 && !g_ascii_isspace (c)) {
      had_value = TRUE;  /* a number or a word */
    }
  }
  return TRUE;
}

gboolean
gs_jsontext_parse (JsonParser *parser, const char *text, gssize len,
                   GError **error)
{
  g_return_val_if_fail (JSON_IS_PARSER (parser) && text != NULL, FALSE);
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  guint line = too_deep_at (text, n, GS_JSONTEXT_MAX_DEPTH);
  if (line) {
    g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                 "%u:1: arrays and objects nest more than %d deep; gilsim "
                 "writes and reads far shallower JSON", line,
                 GS_JSONTEXT_MAX_DEPTH);
    return FALSE;
  }
  const char *bad = NULL;
  gsize at = first_bad_escape (text, n, &bad);
  if (bad)
    return fail_at_offset (error, text, at, bad);
  at = first_stray (text, n, &bad);
  if (bad)
    return fail_at_offset (error, text, at, bad);
  if (!check_unique_members (text, n, GS_JSONTEXT_MAX_DEPTH, error))
    return FALSE;
  GError *local = NULL;
  if (!json_parser_load_from_data (parser, text, (gssize) n, &local)) {
    /* json-glib names the text "<data>": the caller names the file */
    const char *m = local->message;
    if (g_str_has_prefix (m, "<data>:"))
      m += strlen ("<data>:");
    g_autofree char *msg = gs_text_one_line (m);
    g_set_error_literal (error, local->domain, local->code, msg);
    g_error_free (local);
    return FALSE;
  }
  if (json_parser_get_root (parser) == NULL) {
    /* json-glib takes blanks alone as a document with no root, which
     * its own functions then refuse with criticals */
    g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                 "1:1: no JSON value here, only blanks");
    return FALSE;
  }
  return TRUE;
}

gboolean
gs_jsontext_is_number (JsonNode *n)
{
  return n && JSON_NODE_HOLDS_VALUE (n) &&
         (json_node_get_value_type (n) == G_TYPE_DOUBLE ||
          json_node_get_value_type (n) == G_TYPE_INT64);
}
