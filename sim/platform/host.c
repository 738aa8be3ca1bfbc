/* host.c: a host's properties, one by one or resolved all at once. */
#include "platform/host.h"

#include "platform/platform.h"
#include "startup.h"

/* ---------------------------------------------------------------------- */
/* Life cycle                                                              */

static void
disk_free (gpointer data)
{
  GsDisk *d = data;
  g_free (d->id);
  g_free (d);
}

void
gs_host_free (gpointer data)
{
  GsHost *h = data;
  g_free (h->id);
  g_hash_table_unref (h->props);
  g_hash_table_unref (h->prop_lines);
  g_ptr_array_unref (h->disks);
  g_free (h->costs);
  g_free (h);
}

GsHost *
gs_host_new (const char *id, int line)
{
  GsHost *h = g_new0 (GsHost, 1);
  h->id = g_strdup (id);
  h->cores = 1;
  h->line = line;
  h->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  h->prop_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  h->disks = g_ptr_array_new_with_free_func (disk_free);
  return h;
}

/* ---------------------------------------------------------------------- */
/* One property                                                            */

/* Sets ERROR: HOST (of P) has no property ID; EXAMPLE is a value of it. */
static gboolean
missing (const GsHost *host, const GsPlatform *p, const char *id,
         const char *example, GError **error)
{
  g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_PROPERTY,
               "host '%s' of %s has no property '%s'; add <prop id=\"%s\" "
               "value=\"%s\"/> to it", host->id, p->path, id, id, example);
  return FALSE;
}

gboolean
gs_host_missing (const GsHost *host, const GsPlatform *p, const char *id,
                 GError **error)
{
  g_return_val_if_fail (host != NULL && p != NULL && id != NULL, FALSE);
  const GsCostsProp *spec = gs_costs_lookup (id);
  g_return_val_if_fail (spec != NULL, FALSE);
  return missing (host, p, id, spec->example, error);
}

gboolean
gs_host_has (const GsHost *host, const char *id)
{
  g_return_val_if_fail (host != NULL && id != NULL, FALSE);
  return g_hash_table_contains (host->props, id);
}

gboolean
gs_host_get (const GsHost *host, const GsPlatform *p, const char *id,
             GsDim dim, gboolean has_default, double default_value,
             double *out, GError **error)
{
  g_return_val_if_fail (host != NULL && p != NULL && id != NULL, FALSE);
  g_return_val_if_fail (dim != GS_DIM_STRING && out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  const char *value = g_hash_table_lookup (host->props, id);
  if (!value) {
    if (has_default) {
      *out = default_value;
      return TRUE;
    }
    const GsCostsProp *spec = gs_costs_lookup (id);
    const char *example = spec && spec->dim == dim ? spec->example
                                                   : gs_dim_example (dim);
    return missing (host, p, id, example, error);
  }
  g_autoptr (GError) err = NULL;
  double v = 0;
  if (!gs_units_parse (value, dim, FALSE, &v, &err)) {
    int line = GPOINTER_TO_INT (g_hash_table_lookup (host->prop_lines, id));
    g_autofree char *msg = g_strdelimit (g_strdup (err->message), "\r\n\t",
                                         ' ');
    g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_PROPERTY,
                 "property '%s' of host '%s' (%s line %d): %s", id, host->id,
                 p->path, line, msg);
    return FALSE;
  }
  *out = v;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* All at once                                                             */

typedef struct {
  const GsHost *host;
  const GsPlatform *platform;
} HostRead;

/* gs_costs_resolve()'s reader: PROP as HOST gives it. */
static gboolean
read_prop (const GsCostsProp *prop, gpointer data, gboolean *given,
           double *value, const char **text, GError **error)
{
  const HostRead *r = data;
  const char *v = g_hash_table_lookup (r->host->props, prop->id);
  *given = v != NULL;
  if (v == NULL)
    return TRUE;
  if (prop->dim == GS_DIM_STRING) {
    *text = v;
    return TRUE;
  }
  return gs_host_get (r->host, r->platform, prop->id, prop->dim, FALSE, 0,
                      value, error);
}

gboolean
gs_host_costs (const GsHost *host, const GsPlatform *p, GsCosts *out,
               GError **error)
{
  g_return_val_if_fail (host != NULL && p != NULL && out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (host->costs) {
    *out = *host->costs;
    return TRUE;
  }
  HostRead r = { host, p };
  if (!gs_costs_resolve (out, read_prop, &r, error))
    return FALSE;
  /* a cache, not a change of the host: hence the cast */
  ((GsHost *) host)->costs = g_memdup2 (out, sizeof *out);
  return TRUE;
}

void
gs_host_set_prop (GsHost *host, const char *id, const char *value, int line)
{
  g_return_if_fail (host != NULL && id != NULL && value != NULL);
  g_hash_table_insert (host->props, g_strdup (id), g_strdup (value));
  g_hash_table_insert (host->prop_lines, g_strdup (id), GINT_TO_POINTER (line));
  g_clear_pointer (&host->costs, g_free);
}

double
gs_host_startup (const GsHost *host, const GsPlatform *p, const GsRuntime *rt,
                 double scenario_s, const GsRuntime *scenario_rt)
{
  g_return_val_if_fail (host != NULL && p != NULL && rt != NULL, 0);
  GsCosts costs;
  if (!gs_host_costs (host, p, &costs, NULL))
    gs_costs_defaults (&costs);
  g_autofree char *id = gs_startup_prop (rt);
  double rt_s = -1;
  if (!gs_host_get (host, p, id, GS_DIM_DURATION, TRUE, -1, &rt_s, NULL))
    rt_s = -1;
  return gs_startup_choose (rt, scenario_s, scenario_rt, costs.python_version,
                            costs.python_startup, rt_s);
}
