/* runtime.c: the table of Python runtimes. */
#include "runtime.h"

#include <string.h>

/* single_thread_factor: free-threaded builds run one thread slower than the
 * GIL build (PEP 703 measurements: about 40 % for 3.13t with the specialising
 * interpreter off, 5 to 10 % for 3.14t; 8 % on x86-64 Linux).  The old GIL's
 * check interval is 100 "ticks", a few microseconds of a simple loop. */
static const GsRuntime runtimes[] = {
  { "cpython-2.7", GS_GIL_OLD, 2, 7, FALSE, 1.0, 5e-6, "fork",
    "CPython 2.7: the old GIL (check interval of 100 ticks, no forced switching)" },
  { "cpython-3.1", GS_GIL_OLD, 3, 1, FALSE, 1.0, 5e-6, "fork",
    "CPython 3.1: the old GIL" },
  { "cpython-3.9", GS_GIL_NEW, 3, 9, FALSE, 1.0, 0, "fork",
    "CPython 3.9: the new GIL (timed wait, drop request, forced switching)" },
  { "cpython-3.10", GS_GIL_NEW, 3, 10, FALSE, 1.0, 0, "fork",
    "CPython 3.10: the new GIL" },
  { "cpython-3.11", GS_GIL_NEW, 3, 11, FALSE, 1.0, 0, "fork",
    "CPython 3.11: the new GIL" },
  { "cpython-3.12", GS_GIL_NEW, 3, 12, FALSE, 1.0, 0, "fork",
    "CPython 3.12: the new GIL (the default)" },
  { "cpython-3.13", GS_GIL_NEW, 3, 13, FALSE, 1.0, 0, "fork",
    "CPython 3.13: the new GIL" },
  { "cpython-3.13t", GS_GIL_NONE, 3, 13, TRUE, 1.40, 0, "fork",
    "CPython 3.13t: free-threaded, no GIL, about 40 % slower on one thread" },
  { "cpython-3.14", GS_GIL_NEW, 3, 14, FALSE, 1.0, 0, "forkserver",
    "CPython 3.14: the new GIL, forkserver by default" },
  { "cpython-3.14t", GS_GIL_NONE, 3, 14, TRUE, 1.08, 0, "forkserver",
    "CPython 3.14t: free-threaded, no GIL, about 8 % slower on one thread" },
};

const GsRuntime *
gs_runtime_lookup (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (runtimes); i++)
    if (strcmp (runtimes[i].name, name) == 0)
      return &runtimes[i];
  return NULL;
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
