/* machines.h: the platform files and hosts that the points of a sweep run on.
 *
 * A run has a machine of its own: the platform of --platform (or of the
 * scenario's `platform` line) and the host of --host (or the file's first
 * host).  The axes `platform` and `host` (`-L platform=a.xml,b.xml`,
 * `-L host=h1,h2`) give each point another one: each platform file named
 * is loaded and checked once, the first time a point needs it, and every
 * point that names it shares it.  A host named by --host or by the axis
 * must exist in every platform it is used with.
 */
#pragma once

#include <glib.h>
#include "platform/platform.h"

G_BEGIN_DECLS

typedef struct GsMachines GsMachines;

/* A set whose default machine is HOST (may be NULL: then no point has a
 * machine) of BASE (borrowed: it must outlive the set).  HOST_NAME is the
 * --host option (may be NULL), the host chosen in the other platform
 * files.  Can't fail. */
GsMachines *gs_machines_new (const GsPlatform *base, const GsHost *host,
                             const char *host_name);

/* Frees M and the platforms it loaded.  NULL is allowed. */
void gs_machines_free (GsMachines *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsMachines, gs_machines_free)

/* The default platform and host of M (NULL when M has none). */
const GsPlatform *gs_machines_base (const GsMachines *m);
const GsHost *gs_machines_base_host (const GsMachines *m);

/* The machine of a point: the platform file PLATFORM_PATH (NULL: M's
 * base; a path that names the base's file is the base) and its host
 * HOST_NAME (NULL: --host's, else the file's first host).  Sets *PLATFORM
 * and *HOST (owned by M).  Fails with a one-line message, naming the axis
 * value, when the file cannot be loaded or checked or has no such host. */
gboolean gs_machines_resolve (GsMachines *m, const char *platform_path,
                              const char *host_name, const GsPlatform **platform,
                              const GsHost **host, GError **error);

/* The platforms M loaded besides its base, in the order first resolved
 * (const GsPlatform*, borrowed). */
GPtrArray *gs_machines_loaded (const GsMachines *m);

G_END_DECLS
