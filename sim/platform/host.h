/* host.h: a host of a platform file, and its properties.
 *
 * A host keeps the <prop>s of its element as written (their values were
 * checked against the cost registry, models/costs.h, when the file was
 * loaded).  gs_host_costs() resolves them all at once into a GsCosts, with
 * the registry's defaults where the host has none; gs_host_get() reads one
 * property as a quantity.
 */
#pragma once

#include <glib.h>
#include "costs.h"
#include "runtime.h"
#include "units.h"

G_BEGIN_DECLS

typedef struct GsPlatform GsPlatform;

typedef struct {
  char *id;
  double read_bw;              /* bytes/s */
  double write_bw;             /* bytes/s */
} GsDisk;

typedef struct {
  char *id;
  double speed;                /* flop/s per core */
  int cores;                   /* 1..4096; 1 when not given */
  int line;                    /* line of the <host> element */
  GHashTable *props;           /* char *id -> char *value, both owned */
  GHashTable *prop_lines;      /* char *id -> GINT_TO_POINTER (line) */
  GPtrArray *disks;            /* GsDisk *, in file order */
  GsCosts *costs;              /* gs_host_costs' answer, kept once resolved
                                  (NULL: not yet); gs_host_set_prop drops it */
} GsHost;

/* A new host ID, of one core, with no property and no disk, whose element
 * is at LINE (for the platform checker).  Can't fail. */
GsHost *gs_host_new (const char *id, int line);

/* Frees H (a GsHost *) and everything it owns.  NULL is allowed. */
void gs_host_free (gpointer h);

/* Reads property ID of HOST (which belongs to P) as a quantity of dimension
 * DIM: units are required ("45ns", "84ms", "10GBps"), except for GS_DIM_COUNT,
 * which takes a bare number.  On success stores the value in base units in
 * *OUT and returns TRUE.  When HOST has no such property: stores
 * DEFAULT_VALUE and returns TRUE if HAS_DEFAULT, else fails as
 * gs_host_missing() does (with the registry's example when the registry
 * gives ID the dimension DIM).  A value that does not parse as DIM also
 * fails, with GS_PLATFORM_ERROR_PROPERTY naming the line of the <prop>.
 * *OUT is untouched on failure.  Properties of the registry were checked at
 * load time, so reading one with the registry's dimension cannot fail.  DIM
 * must not be GS_DIM_STRING: read such properties (python.version) from
 * HOST->props or gs_host_costs(). */
gboolean gs_host_get (const GsHost *host, const GsPlatform *p, const char *id,
                      GsDim dim, gboolean has_default, double default_value,
                      double *out, GError **error);

/* TRUE if HOST has a property called ID.  Can't fail. */
gboolean gs_host_has (const GsHost *host, const char *id);

/* Sets ERROR to GS_PLATFORM_ERROR_PROPERTY "host 'H' of PATH has no
 * property 'ID'; add <prop id="ID" value="EXAMPLE"/> to it", EXAMPLE being
 * the registry's, and returns FALSE: for a property that HOST (of P) lacks
 * and a statement requires.  ID must be in the registry. */
gboolean gs_host_missing (const GsHost *host, const GsPlatform *p,
                          const char *id, GError **error);

/* Resolves every exact property of the registry for HOST (of P) into *OUT:
 * the host's value, or the registry's default (see gs_costs_resolve()).
 * Strings in *OUT belong to HOST.  Returns FALSE with ERROR set (as
 * gs_host_get() fails) when a value does not parse, which cannot happen
 * for a host of a loaded platform.  The answer depends on HOST's
 * properties alone; the first one is kept in HOST, so that later calls
 * copy it: a sweep's forked simulations (sim/run/simulate.h) inherit it
 * from the process that resolved it before forking them, and parse no
 * property again. */
gboolean gs_host_costs (const GsHost *host, const GsPlatform *p,
                        GsCosts *out, GError **error);

/* Sets property ID of HOST to VALUE (both copied), written at LINE of the
 * platform file, replacing any earlier value; drops HOST's resolved costs
 * (gs_host_costs). */
void gs_host_set_prop (GsHost *host, const char *id, const char *value, int line);

/* The interpreter start-up, seconds, that a run of runtime RT on HOST (of
 * P) pays: SCENARIO_S (the scenario's `startup`, measured with
 * SCENARIO_RT; < 0 when it has none), the host's python.startup or its
 * python.startup.VERSION for RT, as gs_startup_choose() picks among them.
 * Can't fail: properties of a loaded platform were checked. */
double gs_host_startup (const GsHost *host, const GsPlatform *p, const GsRuntime *rt,
                        double scenario_s, const GsRuntime *scenario_rt);

G_END_DECLS
