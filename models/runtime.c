/* runtime.c: the table of Python runtimes. */
#include "runtime.h"

#include <stdio.h>
#include <string.h>

/* loop_factor: the seed's loop `for i in range(L): total += i`, timed
 * with each interpreter in turn on one 2-core machine, 6 rounds (best of 5
 * each): 2.7 21.7 ns (xrange), 3.9 50 ns, 3.11 33.4 ns, 3.12 48.9 ns,
 * 3.13 47.4 ns.  3.10 and 3.14 were not measured: their neighbours' values.
 * single_thread_factor: free-threaded builds run one thread slower than the
 * GIL build of the same version.
 *   3.13t: 1.40.  "In 3.13, this overhead is about 40% on the pyperformance
 *     suite" (Doc/howto/free-threading-python.rst, 3.13,
 *     https://docs.python.org/3.13/howto/free-threading-python.html): the
 *     specialising adaptive interpreter (PEP 659) is off in that build, so
 *     no bytecode is ever specialised, on one thread or on many.
 *   3.14t: 1.08.  "The performance penalty on single-threaded code in
 *     free-threaded mode is now roughly 5-10%, depending on the platform and
 *     C compiler used" (What's New in Python 3.14, free-threaded mode;
 *     PEP 779's criteria): specialisation is back on, made thread-safe; 8 %
 *     is the figure this table keeps (x86-64 Linux).
 *   The penalty depends on the code: 3.13.5 built both ways from one
 *   source on the 2-vCPU build machine (bench/probe-ft.py, docs/language.md,
 *   Runtimes) ran the seed's loop 1.03 times slower free-threaded, calls of
 *   a module-level function 1.19, of a bound method 1.45; the table keeps
 *   the documented mean.
 *   With several threads, 3.13t loses no more per thread than the 40 %: the
 *   extra cost of threads that PEP 703 and the issues report is contention
 *   on objects they share (reference counts, per-object locks), which
 *   depends on the program, not on the runtime: a scenario says which
 *   objects its threads share (`shared NAME`, `python ... touching NAME`),
 *   and the engine charges it (models/contention.h).
 * check_interval_iters: the old GIL releases every 100 "ticks"; CPython 2
 * counts a tick for the opcodes that do not skip the periodic check, about 3
 * per iteration of that loop. */
static const GsRuntime runtimes[] = {
  { "cpython-2.7", GS_GIL_OLD, 2, 7, FALSE, 0.444, 1.0, 33, "fork",
    "CPython 2.7: the old GIL (check interval of 100 ticks, no forced switching)" },
  { "cpython-3.1", GS_GIL_OLD, 3, 1, FALSE, 1.0, 1.0, 33, "fork",
    "CPython 3.1: the old GIL" },
  { "cpython-3.9", GS_GIL_NEW, 3, 9, FALSE, 1.02, 1.0, 0, "fork",
    "CPython 3.9: the new GIL (timed wait, drop request, forced switching)" },
  { "cpython-3.10", GS_GIL_NEW, 3, 10, FALSE, 1.02, 1.0, 0, "fork",
    "CPython 3.10: the new GIL" },
  { "cpython-3.11", GS_GIL_NEW, 3, 11, FALSE, 0.683, 1.0, 0, "fork",
    "CPython 3.11: the new GIL" },
  { "cpython-3.12", GS_GIL_NEW, 3, 12, FALSE, 1.0, 1.0, 0, "fork",
    "CPython 3.12: the new GIL (the default)" },
  { "cpython-3.13", GS_GIL_NEW, 3, 13, FALSE, 0.969, 1.0, 0, "fork",
    "CPython 3.13: the new GIL" },
  { "cpython-3.13t", GS_GIL_NONE, 3, 13, TRUE, 0.969, 1.40, 0, "fork",
    "CPython 3.13t: free-threaded, no GIL, about 40 % slower on one thread" },
  { "cpython-3.14", GS_GIL_NEW, 3, 14, FALSE, 0.969, 1.0, 0, "forkserver",
    "CPython 3.14: the new GIL, forkserver by default" },
  { "cpython-3.14t", GS_GIL_NONE, 3, 14, TRUE, 0.969, 1.08, 0, "forkserver",
    "CPython 3.14t: free-threaded, no GIL, about 8 % slower on one thread" },
};

double
gs_runtime_cost_ratio (const GsRuntime *to, const char *from)
{
  int major = 0, minor = 0;
  if (from == NULL || sscanf (from, "%d.%d", &major, &minor) != 2)
    return 1.0;
  g_autofree char *name = g_strdup_printf ("cpython-%d.%d", major, minor);
  const GsRuntime *base = gs_runtime_lookup (name);
  if (base == NULL)
    return 1.0;
  return to->loop_factor / base->loop_factor;
}

const GsRuntime *
gs_runtime_lookup (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (runtimes); i++)
    if (strcmp (runtimes[i].name, name) == 0)
      return &runtimes[i];
  return NULL;
}

gboolean
gs_runtime_same_version (const GsRuntime *a, const GsRuntime *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return a->major == b->major && a->minor == b->minor &&
         a->free_threaded == b->free_threaded;
}

const GsRuntime *
gs_runtime_default (void)
{
  return gs_runtime_lookup ("cpython-3.12");
}

const char *
gs_runtime_names (void)
{
  static char *names = NULL;
  if (names == NULL) {
    GString *s = g_string_new (NULL);
    for (gsize i = 0; i < G_N_ELEMENTS (runtimes); i++)
      g_string_append_printf (s, "%s%s", i ? ", " : "", runtimes[i].name);
    names = g_string_free (s, FALSE);
  }
  return names;
}

const GsRuntime *
gs_runtime_all (gsize *n_out)
{
  *n_out = G_N_ELEMENTS (runtimes);
  return runtimes;
}
