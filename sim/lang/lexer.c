/* lexer.c: the scenario language's tokenizer. */
#include "lang/lexer.h"

#include <errno.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (gs-scenario-error-quark, gs_scenario_error)

#define MAX_INDENT_LEVELS 64
#define MAX_LINE_LENGTH 4096

typedef struct {
  const char *file;
  const char *src;
  gsize len;
  gsize pos;
  int line;
  gsize line_start;
  GArray *toks;
  int indents[MAX_INDENT_LEVELS];
  int n_indents;
} Lexer;

static void
push (Lexer *lx, GsTokKind kind, char *text, int line, int col)
{
  GsToken t = { 0 };
  t.kind = kind;
  t.text = text;
  t.line = line;
  t.col = col;
  g_array_append_val (lx->toks, t);
}

static gboolean
fail (Lexer *lx, GError **error, int line, int col, const char *fmt, ...)
    G_GNUC_PRINTF (5, 6);

static gboolean
fail (Lexer *lx, GError **error, int line, int col, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, GS_SCENARIO_ERROR, GS_SCENARIO_ERROR_SYNTAX,
               "%s:%d:%d: %s", lx->file, line, col, msg);
  return FALSE;
}

static int
col_of (const Lexer *lx, gsize pos)
{
  return (int) (pos - lx->line_start) + 1;
}

/* Handles the indentation at the start of a logical line.  Returns FALSE on
 * error; sets *skip when the line is blank or a comment. */
static gboolean
lex_indent (Lexer *lx, gboolean *skip, GError **error)
{
  int width = 0;
  gsize p = lx->pos;
  while (p < lx->len && (lx->src[p] == ' ' || lx->src[p] == '\t')) {
    if (lx->src[p] == '\t')
      return fail (lx, error, lx->line, col_of (lx, p),
                   "tab in indentation; indent with spaces");
    width++;
    p++;
  }
  lx->pos = p;
  if (p >= lx->len || lx->src[p] == '\n' || lx->src[p] == '#' ||
      lx->src[p] == '\r') {
    *skip = TRUE;
    return TRUE;
  }
  *skip = FALSE;
  int cur = lx->indents[lx->n_indents - 1];
  if (width > cur) {
    if (lx->n_indents >= MAX_INDENT_LEVELS)
      return fail (lx, error, lx->line, width + 1,
                   "blocks nested too deeply (at most %d levels)",
                   MAX_INDENT_LEVELS - 1);
    lx->indents[lx->n_indents++] = width;
    push (lx, TOK_INDENT, NULL, lx->line, width + 1);
  } else {
    while (width < lx->indents[lx->n_indents - 1]) {
      lx->n_indents--;
      push (lx, TOK_DEDENT, NULL, lx->line, width + 1);
    }
    if (width != lx->indents[lx->n_indents - 1])
      return fail (lx, error, lx->line, width + 1,
                   "this line's indentation matches no enclosing block; "
                   "line it up with a line above");
  }
  return TRUE;
}

static gboolean
lex_number (Lexer *lx, GError **error)
{
  gsize start = lx->pos;
  int col = col_of (lx, start);
  const char *s = lx->src;
  gsize p = start;
  while (p < lx->len && (g_ascii_isdigit (s[p]) || s[p] == '_'))
    p++;
  if (p < lx->len && s[p] == '.' && p + 1 < lx->len && g_ascii_isdigit (s[p + 1])) {
    p++;
    while (p < lx->len && g_ascii_isdigit (s[p]))
      p++;
  }
  if (p < lx->len && (s[p] == 'e' || s[p] == 'E')) {
    gsize q = p + 1;
    if (q < lx->len && (s[q] == '+' || s[q] == '-'))
      q++;
    if (q < lx->len && g_ascii_isdigit (s[q])) {
      while (q < lx->len && g_ascii_isdigit (s[q]))
        q++;
      p = q;
    }
  }
  g_autofree char *digits = g_strndup (s + start, p - start);
  /* drop '_' separators, as Python allows 10_000_000 */
  char *w = digits;
  for (char *r = digits; *r; r++)
    if (*r != '_')
      *w++ = *r;
  *w = '\0';
  errno = 0;
  char *end = NULL;
  double v = g_ascii_strtod (digits, &end);
  if (errno == ERANGE || !isfinite (v) || end == digits || *end != '\0')
    return fail (lx, error, lx->line, col, "'%s' is not a usable number; write one "
                 "from 1e-300 to 1e300, such as 10_000 or 1.5e7", digits);
  gsize us = p;
  while (p < lx->len && g_ascii_isalpha (s[p]))
    p++;
  GsDim dim = GS_DIM_COUNT;
  if (p > us) {
    g_autofree char *unit = g_strndup (s + us, p - us);
    double factor;
    if (!gs_unit_lookup (unit, &dim, &factor))
      return fail (lx, error, lx->line, col_of (lx, us),
                   "unknown unit '%s'; durations take ns, us, ms, s, min, h "
                   "and sizes B, kB, MB, GB, KiB, MiB, GiB", unit);
    v *= factor;
  }
  if (p < lx->len && (g_ascii_isdigit (s[p]) || s[p] == '_'))
    return fail (lx, error, lx->line, col_of (lx, p),
                 "unexpected character after the number");
  GsToken t = { 0 };
  t.kind = TOK_NUMBER;
  t.text = g_strndup (s + start, p - start);
  t.num = v;
  t.dim = dim;
  t.line = lx->line;
  t.col = col;
  g_array_append_val (lx->toks, t);
  lx->pos = p;
  return TRUE;
}

static gboolean
lex_string (Lexer *lx, GError **error)
{
  char quote = lx->src[lx->pos];
  int col = col_of (lx, lx->pos);
  GString *out = g_string_new (NULL);
  gsize p = lx->pos + 1;
  for (;;) {
    if (p >= lx->len || lx->src[p] == '\n') {
      g_string_free (out, TRUE);
      return fail (lx, error, lx->line, col,
                   "string not closed; end it with %c on the same line", quote);
    }
    char c = lx->src[p];
    if (c == quote)
      break;
    if (c == '\\' && p + 1 < lx->len) {
      char e = lx->src[p + 1];
      switch (e) {
      case 'n': g_string_append_c (out, '\n'); break;
      case 't': g_string_append_c (out, '\t'); break;
      case '\\': case '"': case '\'': g_string_append_c (out, e); break;
      default:
        g_string_free (out, TRUE);
        return fail (lx, error, lx->line, col_of (lx, p),
                     "unknown escape '\\%c'; use \\n, \\t, \\\\ or \\%c", e, quote);
      }
      p += 2;
      continue;
    }
    g_string_append_c (out, c);
    p++;
  }
  GsToken t = { 0 };
  t.kind = TOK_STRING;
  t.text = g_string_free (out, FALSE);
  t.line = lx->line;
  t.col = col;
  g_array_append_val (lx->toks, t);
  lx->pos = p + 1;
  return TRUE;
}

GArray *
gs_lexer_lex (const char *file, const char *source, gsize len, GError **error)
{
  g_return_val_if_fail (file != NULL && source != NULL, NULL);
  Lexer lx = { 0 };
  lx.file = file;
  lx.src = source;
  lx.len = len;
  lx.line = 1;
  lx.toks = g_array_new (FALSE, TRUE, sizeof (GsToken));
  lx.indents[0] = 0;
  lx.n_indents = 1;

  /* Binary input: NUL bytes or invalid UTF-8 are refused up front. */
  const char *bad = NULL;
  if (memchr (source, '\0', len) != NULL || !g_utf8_validate (source, len, &bad)) {
    gsize off = bad ? (gsize) (bad - source) : (gsize) ((const char *) memchr (source, '\0', len) - source);
    int line = 1;
    gsize ls = 0;
    for (gsize i = 0; i < off; i++)
      if (source[i] == '\n') {
        line++;
        ls = i + 1;
      }
    fail (&lx, error, line, (int) (off - ls) + 1,
          "this is not a text file (binary or invalid UTF-8); "
          "give a scenario written in the gilsim language");
    gs_lexer_tokens_free (lx.toks);
    return NULL;
  }

  /* a UTF-8 byte-order mark at the start is not part of the text */
  if (len >= 3 && memcmp (source, "\xEF\xBB\xBF", 3) == 0) {
    lx.pos = 3;
    lx.line_start = 3;
  }
  gboolean at_line_start = TRUE;
  while (lx.pos < lx.len) {
    if (at_line_start) {
      gboolean skip;
      if (!lex_indent (&lx, &skip, error))
        goto error;
      at_line_start = FALSE;
      if (skip) {
        while (lx.pos < lx.len && lx.src[lx.pos] != '\n')
          lx.pos++;
        if (lx.pos < lx.len) {
          lx.pos++;
          lx.line++;
          lx.line_start = lx.pos;
        }
        at_line_start = TRUE;
        continue;
      }
    }
    char c = lx.src[lx.pos];
    if (lx.pos - lx.line_start > MAX_LINE_LENGTH) {
      fail (&lx, error, lx.line, MAX_LINE_LENGTH,
            "line longer than %d characters; split it", MAX_LINE_LENGTH);
      goto error;
    }
    if (c == '\n') {
      /* a statement ends with its line: no continuation inside brackets */
      GsToken *last = lx.toks->len ? &g_array_index (lx.toks, GsToken, lx.toks->len - 1) : NULL;
      if (last && last->kind != TOK_NEWLINE)
        push (&lx, TOK_NEWLINE, NULL, lx.line, col_of (&lx, lx.pos));
      at_line_start = TRUE;
      lx.pos++;
      lx.line++;
      lx.line_start = lx.pos;
      continue;
    }
    if (c == ' ' || c == '\r' || c == '\t') {
      lx.pos++;
      continue;
    }
    if (c == '#') {
      while (lx.pos < lx.len && lx.src[lx.pos] != '\n')
        lx.pos++;
      continue;
    }
    int col = col_of (&lx, lx.pos);
    if (g_ascii_isdigit (c) || (c == '.' && lx.pos + 1 < lx.len && g_ascii_isdigit (lx.src[lx.pos + 1]))) {
      if (!lex_number (&lx, error))
        goto error;
      continue;
    }
    if (g_ascii_isalpha (c) || c == '_') {
      gsize s = lx.pos;
      /* After 'runtime' the word is a runtime name such as cpython-3.12:
       * take it whole, up to a space or a comment. */
      GsToken *prev = lx.toks->len ? &g_array_index (lx.toks, GsToken, lx.toks->len - 1) : NULL;
      gboolean word = prev && prev->kind == TOK_NAME && strcmp (prev->text, "runtime") == 0;
      while (lx.pos < lx.len &&
             (g_ascii_isalnum (lx.src[lx.pos]) || lx.src[lx.pos] == '_' ||
              (word && (lx.src[lx.pos] == '-' || lx.src[lx.pos] == '.'))))
        lx.pos++;
      push (&lx, TOK_NAME, g_strndup (lx.src + s, lx.pos - s), lx.line, col);
      continue;
    }
    if (c == '"' || c == '\'') {
      if (!lex_string (&lx, error))
        goto error;
      continue;
    }
    static const char *ops[] = { "**", "//", "==", "!=", "<=", ">=", "<", ">",
                                 "+", "-", "*", "/", "%", "(", ")",
                                 ",", ":", "=", "." };
    gboolean matched = FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS (ops); i++) {
      gsize n = strlen (ops[i]);
      if (lx.pos + n <= lx.len && strncmp (lx.src + lx.pos, ops[i], n) == 0) {
        push (&lx, TOK_OP, g_strdup (ops[i]), lx.line, col);
        lx.pos += n;
        matched = TRUE;
        break;
      }
    }
    if (!matched) {
      gunichar u = g_utf8_get_char (lx.src + lx.pos);
      char buf[8] = { 0 };
      g_unichar_to_utf8 (u, buf);
      fail (&lx, error, lx.line, col, "unexpected character '%s'; remove it, or put it "
            "in a string or after a #", buf);
      goto error;
    }
  }
  {
    GsToken *last = lx.toks->len ? &g_array_index (lx.toks, GsToken, lx.toks->len - 1) : NULL;
    if (last && last->kind != TOK_NEWLINE && last->kind != TOK_DEDENT)
      push (&lx, TOK_NEWLINE, NULL, lx.line, col_of (&lx, lx.pos));
    while (lx.n_indents > 1) {
      lx.n_indents--;
      push (&lx, TOK_DEDENT, NULL, lx.line, 1);
    }
    push (&lx, TOK_EOF, NULL, lx.line, col_of (&lx, lx.pos));
  }
  return lx.toks;

error:
  gs_lexer_tokens_free (lx.toks);
  return NULL;
}

void
gs_lexer_tokens_free (GArray *tokens)
{
  if (tokens == NULL)
    return;
  for (guint i = 0; i < tokens->len; i++)
    g_free (g_array_index (tokens, GsToken, i).text);
  g_array_free (tokens, TRUE);
}

char *
gs_lexer_token_describe (const GsToken *t)
{
  switch (t->kind) {
  case TOK_EOF: return g_strdup ("end of file");
  case TOK_NEWLINE: return g_strdup ("end of line");
  case TOK_INDENT: return g_strdup ("an indented block");
  case TOK_DEDENT: return g_strdup ("the end of a block");
  case TOK_NAME: return g_strdup_printf ("'%s'", t->text);
  case TOK_NUMBER: return g_strdup_printf ("number '%s'", t->text);
  case TOK_STRING: return g_strdup_printf ("string \"%s\"", t->text);
  case TOK_OP: return g_strdup_printf ("'%s'", t->text);
  }
  return g_strdup ("token");
}
