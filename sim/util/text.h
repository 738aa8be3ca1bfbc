/* text.h: text from the user made safe to show: one line, no control
 * characters.
 *
 * Messages quote what the user wrote (a scenario's string, a file's name, a
 * JSON token).  Written raw, a newline in it would make a one-line error
 * two, and an escape sequence would reach the terminal.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A copy of TEXT that is one line of printable text: newlines, tabs and
 * other control characters (escape sequences included) written as C
 * escapes ("\n", "\x1b").  Other bytes, UTF-8 included, are kept.  New
 * string. */
char *gs_text_one_line (const char *text);

G_END_DECLS
