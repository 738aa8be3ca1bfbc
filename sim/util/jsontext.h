/* jsontext.h: parsing JSON text the user gave, within bounds.
 *
 * json-glib parses nested arrays and objects by recursion: a file nested a
 * hundred thousand deep overflows the stack.  And its error messages quote
 * the text it read, control characters included.  gilsim's own JSON (its
 * results, measured records) is never nested more than a few levels, so
 * every JSON text it reads goes through here: the depth is bounded before
 * json-glib sees the text, and the messages are one line.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Nesting deeper than this is refused before parsing. */
#define GS_JSONTEXT_MAX_DEPTH 64

/* Parses TEXT (LEN bytes, or -1 for NUL-terminated) with PARSER.  Fails
 * without calling the parser when arrays and objects nest more than
 * GS_JSONTEXT_MAX_DEPTH deep (the message names the line), at a byte
 * JSON does not have where it stands (outside a string, anything but
 * blanks, the structure and the characters of numbers, true, false and
 * null: a comment or a single quote, which json-glib 1.6 takes and then
 * sees other strings than the checks here, losing memory; inside one, a
 * control character), at an escape that JSON does not have, a "\u" without four hex digits or of a
 * surrogate that is not a whole pair (json-glib 1.6 misreads or leaks
 * there), when an object names a member twice, when a second value
 * follows the first, when TEXT holds no value (only blanks: the parser
 * then has no root), and otherwise as json-glib does, with its
 * message on one line: control characters escaped ("\n", "\x1b").  The
 * message starts "LINE:COL: " and does not name the file: the caller puts
 * "PATH:" before it. */
gboolean gs_jsontext_parse (JsonParser *parser, const char *text, gssize len,
                            GError **error);

/* Whether N (NULL allowed) is a number of the parsed text: json-glib gives
 * a whole number as a gint64 value, another as a double. */
gboolean gs_jsontext_is_number (JsonNode *n);

G_END_DECLS
