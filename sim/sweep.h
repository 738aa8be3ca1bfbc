/* sweep.h: parameter points of a run and their simulation.
 *
 * `-L NAME=v1,v2` gives a list of values for a scenario parameter or for
 * `runtime` or `switch_interval`; several -L give every combination, in the
 * order of the -L options (the last varies fastest).  Each point is resolved
 * (its parameters evaluated, its runtime looked up) and simulated twice in
 * child processes: as written, and with its workers run one after another
 * (the sequential time).
 */
#pragma once

#include <glib.h>
#include "engine.h"

G_BEGIN_DECLS

typedef struct {
  char *name;
  GPtrArray *values;   /* char*, as written on the command line */
} GsAxis;

typedef struct {
  GPtrArray *names;    /* char*: the -L names, in order */
  GPtrArray *values;   /* char*: this point's values */
  const GsRuntime *runtime;
  double switch_interval;
  double startup;      /* runtime option startup = ...; < 0: the platform's */
  GsValue *globals;    /* one per scenario parameter */
  GsEnv env;
  GsResult *result;    /* NULL until simulated */
} GsPoint;

/* Parses one -L argument "NAME=v1,v2,..." into an axis.  Fails with a
 * message naming the argument when it has no '=' or an empty value. */
GsAxis *gs_axis_parse (const char *arg, GError **error);
void gs_axis_free (GsAxis *a);

/* Builds every combination of AXES for scenario SC.  RUNTIME_OVERRIDE and
 * SWITCH_OVERRIDE (may be NULL) come from --runtime and --switch-interval.
 * Fails if an axis names nothing the scenario knows, if a value does not
 * parse, or if a resolved parameter or runtime is invalid. */
GPtrArray *gs_points_build (const GsScenario *sc, GPtrArray *axes,
                            const char *runtime_override,
                            const char *switch_override, GError **error);

void gs_point_free (GsPoint *p);

/* The value text of parameter NAME at point P: the -L value if NAME is an
 * axis, else the parameter's value formatted.  New string. */
char *gs_point_param_text (const GsPoint *p, const GsScenario *sc, const char *name);

G_END_DECLS
