/* hints.c: what to write instead of a Python call the language lacks. */
#include "lang/hints.h"
#include "lang/parser_internal.h"

#include <string.h>

typedef struct {
  const char *module;
  const char *attr;          /* NULL: any attribute of the module */
  const char *advice;
} Hint;

static const Hint hints[] = {
  { "time", "sleep", "write sleep 1s (a duration with its unit)" },
  { "time", NULL, "time is spent with python D, sleep D or native D" },
  { "threading", "Thread", "write G = start 1 thread f(args) (or start N threads "
    "f(i)) and join G" },
  { "threading", "Lock", "declare it at the top level: lock NAME; then with lock "
    "NAME: or acquire NAME / release NAME" },
  { "threading", "RLock", "declare it at the top level: rlock NAME" },
  { "threading", "Event", "declare it at the top level: event NAME; then set NAME, "
    "wait NAME" },
  { "threading", "Condition", "declare it at the top level: condition NAME; then "
    "with NAME:, wait NAME, notify NAME" },
  { "threading", "Semaphore", "declare it at the top level: semaphore NAME 2" },
  { "threading", "BoundedSemaphore", "declare it at the top level: "
    "bounded_semaphore NAME 2" },
  { "threading", "Barrier", "declare it at the top level: barrier NAME 4; then "
    "wait NAME" },
  { "queue", "Queue", "declare it at the top level: queue NAME (or queue NAME "
    "maxsize 10); then put NAME, get NAME" },
  { "multiprocessing", "Process", "write G = start 1 process f(args) (or start N "
    "processes f(i)) and join G" },
  { "multiprocessing", "Pool", "write pool P processes map f(i) over K items" },
  { "concurrent", NULL, "write pool W threads map f(i) over K items (or pool W "
    "processes ...)" },
  { "random", NULL, "draw values with uniform(a, b), randint(a, b), "
    "exponential(mean), normal(mean, sd) or lognormal(mean, sd)" },
  { "numpy", NULL, "a NumPy call is native PRESET(n), such as native "
    "numpy.sum(10**6), or native D nogil" },
  { "np", NULL, "a NumPy call is native PRESET(n), such as native "
    "numpy.sum(10**6), or native D nogil" },
  { "hashlib", NULL, "a hash is native hashlib.sha256(SIZE), such as native "
    "hashlib.sha256(1MB)" },
  { "zlib", NULL, "compression is native zlib.compress(SIZE)" },
  { "os", "fsync", "write fsync disk D" },
  { "os", "write", "write write SIZE to disk D" },
  { "os", "read", "write read SIZE from disk D" },
  { "requests", NULL, "a request is request SIZE from SERVER (declare the server "
    "at the top level)" },
  { "urllib", NULL, "a request is request SIZE from SERVER (declare the server "
    "at the top level)" },
  { "socket", NULL, "network I/O is send SIZE to SERVER or receive SIZE from "
    "SERVER" },
};

const char *
gs_hints_python_call (const char *module, const char *attr)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hints); i++) {
    const Hint *h = &hints[i];
    if (strcmp (h->module, module) == 0 &&
        (h->attr == NULL || (attr && strcmp (h->attr, attr) == 0)))
      return h->advice;
  }
  return NULL;
}

/* The token K places after P's cursor, or the last one (EOF). */
static const GsToken *
token_at (Parser *p, guint k)
{
  guint i = MIN (p->pos + k, p->toks->len - 1);
  return &g_array_index (p->toks, GsToken, i);
}

gboolean
gs_hints_check_python (Parser *p, GError **error)
{
  guint at = 0;
  if (token_at (p, 0)->kind == TOK_NAME && is_op (token_at (p, 1), "="))
    at = 2;
  const GsToken *module = token_at (p, at), *dot = token_at (p, at + 1),
                *attr = token_at (p, at + 2);
  if (module->kind != TOK_NAME || !is_op (dot, "."))
    return TRUE;
  const char *name = attr->kind == TOK_NAME ? attr->text : NULL;
  const char *advice = gs_hints_python_call (module->text, name);
  if (advice)
    return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, module->line, module->col,
                     "%s.%s is Python; here %s", module->text, name ? name : "...",
                     advice);
  return error_at (p, error, GS_SCENARIO_ERROR_SYNTAX, module->line, module->col,
                   "%s.%s is Python, which a scenario models with its statements "
                   "(python D for Python code, native D for a C call, sleep D; "
                   "docs/language.md shows each beside the Python it stands for)",
                   module->text, name ? name : "...");
}
