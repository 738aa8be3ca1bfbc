/* point_config.c: a point of a sweep as the engine's configuration. */
#include "run/point_config.h"

void
gs_point_config_fill (GsEngineConfig *cfg, const GsPoint *p, const GsScenario *sc,
                      const GsPlatform *platform, const GsHost *host,
                      GPtrArray *simgrid_args)
{
  *cfg = (GsEngineConfig) { 0 };
  cfg->sc = sc;
  cfg->platform = platform;
  cfg->host = host;
  cfg->runtime = p->runtime;
  cfg->switch_interval = p->switch_interval;
  cfg->startup = p->startup;
  cfg->startup_runtime = p->startup_runtime;
  cfg->cpu_scale = p->cpu_scale;
  cfg->globals = &p->env;
  cfg->seed = p->seed;
  cfg->simgrid_args = simgrid_args;
  cfg->quiet_simgrid = simgrid_args == NULL || simgrid_args->len == 0;
}
