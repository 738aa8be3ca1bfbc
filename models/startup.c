/* startup.c: which interpreter start-up a run pays (see startup.h). */
#include "startup.h"

#include <stdio.h>

double
gs_startup_choose (const GsRuntime *rt, double scenario_s,
                   const GsRuntime *scenario_rt, const char *host_version,
                   double host_s, double rt_s)
{
  g_return_val_if_fail (rt != NULL, host_s);
  if (scenario_rt == NULL)
    scenario_rt = gs_runtime_default ();
  if (scenario_s >= 0 && gs_runtime_same_version (rt, scenario_rt))
    return scenario_s;
  int major = 0, minor = 0;
  if (host_version && sscanf (host_version, "%d.%d", &major, &minor) == 2 &&
      major == rt->major && minor == rt->minor && !rt->free_threaded)
    return host_s;
  if (rt_s >= 0)
    return rt_s;
  return scenario_s >= 0 ? scenario_s : host_s;
}

char *
gs_startup_prop (const GsRuntime *rt)
{
  g_return_val_if_fail (rt != NULL, NULL);
  return g_strdup_printf ("python.startup.%d.%d%s", rt->major, rt->minor,
                          rt->free_threaded ? "t" : "");
}
