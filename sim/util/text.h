/* text.h: text from the user made safe to show: one line, no control
 * characters.
 *
 * Messages quote what the user wrote (a scenario's string, a file's name, a
 * JSON token).  Written raw, a newline in it would make a one-line error
 * two, and an escape sequence would reach the terminal.  CSV fields are
 * quoted here too, so that every export writes them one way.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A copy of TEXT that is one line of printable text: newlines, tabs and
 * other control characters (escape sequences included) written as C
 * escapes ("\n", "\x1b"), C1 controls and U+2028/U+2029 as "\u009b",
 * bytes that are not UTF-8 as "\xff".  Other characters are kept.  New
 * string. */
char *gs_text_one_line (const char *text);

/* Appends V to OUT as one CSV field (RFC 4180): as it is, or between double
 * quotes, with quotes doubled, when it holds a comma, a quote or a line
 * end. */
void gs_text_csv_field (GString *out, const char *v);

G_END_DECLS
