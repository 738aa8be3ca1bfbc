/* resume.c: the points of a sweep that its previous export does not hold yet. */
#include "results/resume.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "results/resultset_load.h"
#include "run/points.h"
#include "util/userfile.h"

/* Fails unless ROW, the result of point P in the export at PATH, was
 * simulated with what P asks for now: the runtime, switch interval, cores
 * and speed that its options and the platform give, on PLATFORM and HOST
 * (a resume with other options would otherwise keep results of another
 * run). */
static gboolean
check_same_point (const GsRow *row, const GsPoint *p, const GsPlatform *platform,
                  const GsHost *host, const char *path, GError **error)
{
  if (!gs_userfile_same (row->platform, platform->path) || strcmp (row->host, host->id)) {
    g_autofree char *label = gs_resultset_row_label (row);
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "%s holds '%s' run on %s (host %s); this run gives %s (host %s): "
                 "resume with the same options, or export elsewhere", path, label,
                 row->platform, row->host, platform->path, host->id);
    return FALSE;
  }
  gboolean same = strcmp (row->runtime, p->runtime->name) == 0 &&
                  fabs (row->switch_interval - p->switch_interval) <=
                      1e-9 * MAX (1.0, p->switch_interval) &&
                  (p->cores == 0 || row->cores == p->cores) &&
                  (p->speed == 0 || fabs (row->speed - p->speed) <= 1e-9 * p->speed);
  if (same)
    return TRUE;
  g_autofree char *label = gs_resultset_row_label (row);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "%s holds '%s' run with %s, switch interval %g s, %d cores at %g "
               "flop/s; this run gives %s, %g s, %d cores at %g flop/s: resume "
               "with the same options, or export elsewhere", path, label,
               row->runtime, row->switch_interval, row->cores, row->speed,
               p->runtime->name, p->switch_interval, p->cores, p->speed);
  return FALSE;
}

/* The platform and host that point P runs on: its own, else the run's. */
static void
machine_of (const GsPoint *p, const GsPlatform **platform, const GsHost **host)
{
  if (p->platform) {
    *platform = p->platform;
    *host = p->host;
  }
}

/* TRUE if ROW ran on PLATFORM and HOST, or on the machine of one of the
 * points of SELECTED (GsPoint*) when those have machines of their own;
 * sets *DIGEST to that platform's digest. */
static gboolean
same_machine (const GsRow *row, const GsPlatform *platform, const GsHost *host,
              GPtrArray *selected, const char **digest)
{
  for (guint i = 0; i <= selected->len; i++) {
    const GsPlatform *pl = platform;
    const GsHost *h = host;
    if (i < selected->len)
      machine_of (selected->pdata[i], &pl, &h);
    if (gs_userfile_same (row->platform, pl->path) && strcmp (row->host, h->id) == 0) {
      *digest = gs_platform_digest (pl);
      return TRUE;
    }
  }
  return FALSE;
}

/* Fails unless every row of OLD (read from PATH) comes from this run. */
static gboolean
check_same_run (const GsResultSet *old, const char *path, const GsScenario *sc,
                const GsPlatform *platform, const GsHost *host, GPtrArray *axes,
                GPtrArray *selected, GError **error)
{
  /* all its rows must come from this scenario, machine and axes */
  for (guint i = 0; i < old->rows->len; i++) {
    const GsRow *row = old->rows->pdata[i];
    g_autofree char *theirs = gs_resultset_row_label (row);
    gboolean same_axes = row->names->len == axes->len;
    for (guint j = 0; same_axes && j < axes->len; j++)
      same_axes = strcmp (row->names->pdata[j], ((GsAxis *) axes->pdata[j])->name) == 0;
    const char *digest = NULL;
    if (!gs_userfile_same (row->scenario, sc->path) || !same_axes ||
        !same_machine (row, platform, host, selected, &digest)) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s holds results of %s on %s (host %s) with '%s', not of this run; "
                   "remove it or export elsewhere", path, row->scenario, row->platform,
                   row->host, theirs);
      return FALSE;
    }
    /* the same files, but edited since: their results are of another program */
    const char *changed = NULL;
    if (row->scenario_sha256 && sc->digest && strcmp (row->scenario_sha256, sc->digest))
      changed = sc->path;
    else if (row->platform_sha256 && digest && strcmp (row->platform_sha256, digest))
      changed = row->platform;
    if (changed) {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s holds results of %s as it was before an edit (its content "
                   "differs now); remove the export or export elsewhere to run it "
                   "afresh", path, changed);
      return FALSE;
    }
  }
  return TRUE;
}

GPtrArray *
gs_resume_points (const char *path, const GsScenario *sc, const GsPlatform *platform,
                  const GsHost *host, GPtrArray *axes, GPtrArray *selected,
                  GsResultSet *set, GError **error)
{
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS)) {
    g_ptr_array_extend (todo, selected, NULL, NULL);
    return g_steal_pointer (&todo);
  }
  g_autoptr (GsResultSet) old = gs_resultset_load (path, error);
  if (old == NULL || !check_same_run (old, path, sc, platform, host, axes, selected, error))
    return NULL;
  for (guint i = 0; i < selected->len; i++) {
    GsPoint *p = selected->pdata[i];
    GsRow *row = gs_resultset_find (old, p->names, p->values);
    if (row == NULL) {
      g_ptr_array_add (todo, p);
      continue;
    }
    const GsPlatform *pl = platform;
    const GsHost *h = host;
    machine_of (p, &pl, &h);
    if (!check_same_point (row, p, pl, h, path, error))
      return NULL;
    GsRow *kept = gs_resultset_row_new (p->index, row->scenario, row->platform, row->host,
                                        row->cores, row->speed, row->runtime,
                                        row->switch_interval, row->names, row->values,
                                        g_steal_pointer (&row->result));
    kept->scenario_sha256 = g_strdup (row->scenario_sha256);
    kept->platform_sha256 = g_strdup (row->platform_sha256);
    gs_resultset_add (set, kept);
  }
  return g_steal_pointer (&todo);
}
