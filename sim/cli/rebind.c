/* rebind.c: starting a big sweep's gilsim again with LD_BIND_NOW=1. */
#include "cli/rebind.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* From this many simulations on, binding every symbol once (about a
 * tenth of a second) costs less than binding them again in each child
 * (measured: a tenth of a fork-server child's time; bench/sweep-speed.sh). */
#define REBIND_MIN_JOBS 64

#define MARK "GILSIM_REBOUND"

static char **program_argv;
static gboolean rebound;   /* this gilsim was started again */

void
cli_rebind_init (char **argv)
{
  program_argv = g_strdupv (argv);
  if (g_getenv (MARK)) {
    g_unsetenv (MARK);
    g_unsetenv ("LD_BIND_NOW");
    rebound = TRUE;
  }
}

void
cli_rebind_exec (guint jobs)
{
  const char *off = g_getenv ("GILSIM_REBIND");
  const char *now = g_getenv ("LD_BIND_NOW");
  if (jobs < REBIND_MIN_JOBS || program_argv == NULL || rebound ||
      (off && strcmp (off, "0") == 0) ||
      (now && *now))
    return;
  fflush (stdout);
  fflush (stderr);
  g_setenv ("LD_BIND_NOW", "1", TRUE);
  g_setenv (MARK, "1", TRUE);
  execv ("/proc/self/exe", program_argv);
  /* not started again: go on as we are */
  g_unsetenv ("LD_BIND_NOW");
  g_unsetenv (MARK);
}
