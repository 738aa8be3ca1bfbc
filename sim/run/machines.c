/* machines.c: the platform files and hosts that the points of a sweep run on. */
#include "run/machines.h"

#include <string.h>
#include "util/userfile.h"

struct GsMachines {
  const GsPlatform *base;
  const GsHost *host;
  char *host_name;           /* --host, or NULL */
  GPtrArray *loaded;         /* GsPlatform*, owned: the other files */
};

GsMachines *
gs_machines_new (const GsPlatform *base, const GsHost *host, const char *host_name)
{
  GsMachines *m = g_new0 (GsMachines, 1);
  m->base = base;
  m->host = host;
  m->host_name = g_strdup (host_name);
  m->loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) gs_platform_free);
  return m;
}

void
gs_machines_free (GsMachines *m)
{
  if (m == NULL)
    return;
  g_ptr_array_unref (m->loaded);
  g_free (m->host_name);
  g_free (m);
}

const GsPlatform *
gs_machines_base (const GsMachines *m)
{
  return m ? m->base : NULL;
}

const GsHost *
gs_machines_base_host (const GsMachines *m)
{
  return m ? m->host : NULL;
}

GPtrArray *
gs_machines_loaded (const GsMachines *m)
{
  return m->loaded;
}

/* The platform file PATH: the base, one loaded before, or loaded now. */
static const GsPlatform *
platform_of (GsMachines *m, const char *path, GError **error)
{
  if (path == NULL || gs_userfile_same (path, m->base->path))
    return m->base;
  for (guint i = 0; i < m->loaded->len; i++) {
    const GsPlatform *p = m->loaded->pdata[i];
    if (strcmp (p->path, path) == 0)
      return p;
  }
  GError *local = NULL;
  GsPlatform *p = gs_platform_load (path, &local);
  if (p == NULL) {
    g_set_error (error, local->domain, local->code, "-L platform=%s: %s", path,
                 local->message);
    g_clear_error (&local);
    return NULL;
  }
  g_ptr_array_add (m->loaded, p);
  return p;
}

gboolean
gs_machines_resolve (GsMachines *m, const char *platform_path, const char *host_name,
                     const GsPlatform **platform, const GsHost **host, GError **error)
{
  g_return_val_if_fail (m != NULL && m->base != NULL, FALSE);
  const GsPlatform *pl = platform_of (m, platform_path, error);
  if (pl == NULL)
    return FALSE;
  const char *name = host_name ? host_name : m->host_name;
  const GsHost *h;
  if (pl == m->base && (name == NULL || strcmp (name, m->host->id) == 0))
    h = m->host;
  else
    h = name ? gs_platform_host (pl, name) : gs_platform_first_host (pl);
  if (h == NULL) {
    g_autofree char *names = gs_platform_host_ids (pl);
    g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_INVALID,
                 "%s%s: %s has no host '%s'; its hosts: %s",
                 host_name ? "-L host=" : "--host ", name, pl->path, name, names);
    return FALSE;
  }
  *platform = pl;
  *host = h;
  return TRUE;
}
