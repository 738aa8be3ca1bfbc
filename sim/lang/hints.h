/* hints.h: what to write instead of a Python call that a scenario has no
 * statement for.
 *
 * A Python developer's first lines are Python: `time.sleep(1)`,
 * `lock = threading.Lock()`, `t = threading.Thread(target=f)`.  The parser
 * meets them as a name followed by a dot, where no statement starts so.
 * This table turns the dotted name into the advice of a one-line error:
 * the scenario's statement or declaration that stands for it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The advice for the Python call MODULE.ATTR ("time", "sleep"), such as
 * "write sleep 1s (a duration with its unit)", or NULL when the table
 * has none.  Static string. */
const char *gs_hints_python_call (const char *module, const char *attr);

/* The parser's side (it needs the Parser of lang/parser_internal.h) is
 * gs_hints_check_python, declared there. */

G_END_DECLS
