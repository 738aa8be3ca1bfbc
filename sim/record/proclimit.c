/* proclimit.c: the limit on the processes a recorded program starts. */
#include "record/proclimit.h"

void
gs_proclimit_set (int max)
{
  g_autofree char *value = g_strdup_printf ("%d", CLAMP (max, 1, GS_PROCLIMIT_MAX));
  g_setenv ("GILSIM_RECORD_MAX_PROCESSES", value, TRUE);
}

gboolean
gs_proclimit_reached (const char *events_dir)
{
  g_autofree char *marker = g_build_filename (events_dir, "process-limit.txt", NULL);
  return g_file_test (marker, G_FILE_TEST_EXISTS);
}

gboolean
gs_proclimit_stopped (const char *events_dir)
{
  g_autofree char *marker = g_build_filename (events_dir, "process-stopped.txt", NULL);
  return g_file_test (marker, G_FILE_TEST_EXISTS);
}
