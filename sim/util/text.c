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
    else
      g_string_append_c (s, (char) *p);
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
