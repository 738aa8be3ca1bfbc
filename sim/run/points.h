/* points.h: the parameter points of a run.
 *
 * An axis is a named list of values: `-L NAME=v1,v2,...` lists them,
 * `-P NAME=MIN:MAX[:STEP]` scans them (1:4 is 1,2,3,4; 1ms:3ms:500us is
 * 1ms,1.5ms,...,3ms).  A name is a scenario parameter, `runtime`,
 * `switch_interval`, `seed` (the draws' seed, a whole number; a scenario
 * parameter called seed wins), the machine (`platform`: a platform file;
 * `host`: a host of it; see run/machines.h), or a platform parameter of the
 * chosen host: `cores`
 * (its core count) or `speed` (per core, e.g. 2Gf; CPU costs calibrated at
 * the file's speed scale with it).  A scenario parameter of the same name
 * wins over a platform parameter.
 *
 * Several axes give every combination, in the order of the options, the
 * last varying fastest.  Point K of the sweep is combination K; its index
 * never depends on --point, --shard or -j, so partial results from several
 * machines merge back into the order of one sweep.  A point is identified
 * by its values of the axes (gs_points_key).  Each point is resolved before
 * anything runs: its parameters evaluated, its runtime looked up, its
 * platform values checked, so a bad value is reported at once.
 */
#pragma once

#include <glib.h>
#include "lang/eval.h"
#include "lang/scenario.h"
#include "platform/platform.h"
#include "engine/result.h"
#include "run/machines.h"
#include "runtime.h"

G_BEGIN_DECLS

/* The seed of the draws (uniform(a, b), ...) when no `seed` is given. */
#define GS_POINTS_DEFAULT_SEED 0

typedef struct {
  char *name;
  GPtrArray *values;   /* char*, as written on the command line */
  const char *option;  /* "-L" or "-P", for messages */
} GsAxis;

typedef struct {
  guint index;         /* combination index in the whole sweep */
  GPtrArray *names;    /* char*: the axis names, in order */
  GPtrArray *values;   /* char*: this point's values */
  const GsRuntime *runtime;
  double switch_interval;
  double startup;      /* runtime option startup = ...; < 0: the platform's */
  const GsRuntime *startup_runtime; /* the runtime the scenario names, whose
                                       startup that is (NULL: the default) */
  const GsPlatform *platform; /* the point's platform and host (owned by the
                                 GsMachines it was built on), or NULL when
                                 built without one: then the run's */
  const GsHost *host;
  int cores;           /* the host's core count here (0 without a host) */
  double speed;        /* the host's speed per core here, flop/s */
  double cpu_scale;    /* CPU costs scale: the file's speed / speed */
  guint64 seed;        /* the draws' seed: the axis `seed` (also --seed),
                          else GS_POINTS_DEFAULT_SEED */
  GsValue *globals;    /* one per scenario parameter */
  GsEnv env;
  GsResult *result;    /* NULL until simulated */
} GsPoint;

/* Parses one -L argument "NAME=v1,v2,..." into an axis.  Fails with a
 * message naming the argument when it has no '=' or an empty value. */
GsAxis *gs_points_axis_parse (const char *arg, GError **error);

/* Parses one -P argument "NAME=MIN:MAX[:STEP]" into the axis of the values
 * MIN, MIN+STEP, ... up to MAX (STEP defaults to 1 of MIN's unit).  MIN,
 * MAX and STEP are numbers with an optional unit, the same for all three
 * (STEP may omit it).  Fails with a one-line message naming the argument
 * on a malformed number, mixed units, a STEP <= 0, MIN > MAX or more than
 * a million values. */
GsAxis *gs_points_axis_parse_scan (const char *arg, GError **error);

void gs_points_axis_free (GsAxis *a);

/* Builds every combination of AXES for scenario SC on HOST (may be NULL:
 * then `cores` and `speed` cannot be axes and points have cores 0).
 * RUNTIME_OVERRIDE and SWITCH_OVERRIDE (may be NULL) come from --runtime
 * and --switch-interval.  Fails if an axis names nothing the scenario or
 * platform knows, is given twice, if a value does not parse, or if a
 * resolved parameter, runtime or platform value is invalid.  Returns an
 * array of GsPoint* that owns them. */
GPtrArray *gs_points_build_on (const GsScenario *sc, const GsHost *host,
                               GPtrArray *axes, const char *runtime_override,
                               const char *switch_override, GError **error);

/* gs_points_build_on on the machines of M (not NULL, with a default host):
 * the axes `platform` (platform files) and `host` (host names) are known
 * too, and each point's platform and host are set. */
GPtrArray *gs_points_build_machines (const GsScenario *sc, GsMachines *machines,
                                     GPtrArray *axes, const char *runtime_override,
                                     const char *switch_override, GError **error);

/* gs_points_build_on without a host. */
GPtrArray *gs_points_build (const GsScenario *sc, GPtrArray *axes,
                            const char *runtime_override,
                            const char *switch_override, GError **error);

void gs_points_free (GsPoint *p);

/* The value text of parameter NAME at point P: the axis value if NAME is an
 * axis, else the parameter's value formatted.  New string. */
char *gs_points_param_text (const GsPoint *p, const GsScenario *sc, const char *name);

/* "N=1,runtime=cpython-3.12": the point's axis values, as --list-points
 * prints them and --reference takes them.  "" without axes.  New string. */
char *gs_points_key (const GsPoint *p);

/* Picks the points of POINTS (GsPoint*, all of the sweep) that this run
 * computes: all of them, point POINT_ARG ("K", 0-based) or shard SHARD_ARG
 * ("I/N": the points whose index % N == I - 1, I from 1 to N).  At most one
 * of POINT_ARG and SHARD_ARG is non-NULL.  Returns a new array of borrowed
 * pointers, in index order, or NULL with a one-line error for a malformed
 * or out-of-range argument. */
GPtrArray *gs_points_select (GPtrArray *points, const char *point_arg,
                             const char *shard_arg, GError **error);

G_END_DECLS
