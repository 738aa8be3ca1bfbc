/* text.c: text from the user made safe to show, and CSV fields (see text.h). */
#include "util/text.h"

#include <string.h>

char *
gs_text_one_line (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const unsigned char *p = (const unsigned char *) text; *p; p++) {
    if (*p == '\n')
      g_string_append (s, "\\n");
    else if (*p == '\r')
      g_string_append (s, "\\r");
    else if (*p == '\t')
      g_string_append (s, "\\t");
    else if (*p < 0x20 || *p == 0x7f)
      g_string_append_printf (s, "\\x%02x", *p);
    else if (*p < 0x80)
      g_string_append_c (s, (char) *p);
    else {
      /* UTF-8: C1 controls (U+0080 to U+009F: U+009B is a CSI to many
       * terminals) and the line and paragraph separators are escaped; a
       * byte that starts no valid character is written as \xNN */
      gunichar c = g_utf8_get_char_validated ((const char *) p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2) {
        g_string_append_printf (s, "\\x%02x", *p);
        continue;
      }
      const unsigned char *end = (const unsigned char *) g_utf8_next_char (p);
      if ((c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_len (s, (const char *) p, end - p);
      p = end - 1;
    }
  }
  return g_string_free (s, FALSE);
}

void
gs_text_csv_field (GString *out, const char *v)
{
  if (strpbrk (v, ",\"\n\r") == NULL) {
    g_string_append (out, v);
    return;
  }
  g_string_append_c (out, '"');
  for (const char *c = v; *c; c++) {
    if (*c == '"')
      g_string_append_c (out, '"');
    g_string_append_c (out, *c);
  }
  g_string_append_c (out, '"');
}
