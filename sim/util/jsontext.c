/* jsontext.c: parsing JSON text the user gave, within bounds (see jsontext.h). */
#include "util/jsontext.h"

#include <string.h>

#include "util/text.h"

/* The line (from 1) where TEXT first nests deeper than MAX, or 0. */
static guint
too_deep_at (const char *text, gsize len, guint max)
{
  guint depth = 0, line = 1;
  gboolean in_string = FALSE;
  for (gsize i = 0; i < len; i++) {
    char c = text[i];
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
    /* json-glib takes blanks or a comment ("//") alone as a document with
     * no root, which its own functions then refuse with criticals */
    g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                 "1:1: no JSON value here, only blanks or a comment");
    return FALSE;
  }
  return TRUE;
}
