/* platform.h: SimGrid platform files, checked before SimGrid reads them.
 *
 * SimGrid aborts the whole process on a platform file it does not like, so
 * gilsim reads the file first with GLib's GMarkup parser, accepts only the
 * subset of the SimGrid 4.1 format that it needs (platform, zone, host, prop,
 * disk, link, route, link_ctn), and rejects anything that would make SimGrid
 * 3.32 fail, with a one-line message "PATH:LINE:COL: what is wrong; what to
 * do".  A file that loads here loads in SimGrid.  That includes the quirks
 * of SimGrid's own lexer: the file needs
 * <!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd"> before
 * <platform>, every <link> needs a latency, and zones nest at most 100 deep.
 *
 * It also keeps what the simulator needs: the hosts in file order (SimGrid's
 * own list is in hash order), their speed and cores, and the calibration
 * properties (python.loop, gil.fifo_bias, cost.*, ...), whose values are
 * checked against the cost registry (models/costs.h) when the file is
 * loaded; host.h reads them.
 *
 * The reading is in layers: reader.c holds the text, positions and
 * messages and what SimGrid's lexer accepts around the elements;
 * attrs.c reads attributes as SimGrid does; checks.c checks each
 * element and builds the platform; host.c reads a host's properties.
 */
#pragma once

#include <glib.h>
#include "costs.h"
#include "platform/host.h"

G_BEGIN_DECLS

/* The largest rate (links, disks, memory) a platform file may give. */
#define GS_PLATFORM_MAX_RATE GS_COSTS_MAX_RATE  /* bytes/s */

/* The speeds per core a host may have, in a platform file or a sweep
 * (speed=...): below a megaflop per second, SimGrid's precision rounds
 * the work of short statements away and a run can stop advancing. */
#define GS_PLATFORM_MIN_SPEED 1e6   /* flop/s */
#define GS_PLATFORM_MAX_SPEED 1e15

#define GS_PLATFORM_ERROR (gs_platform_error_quark ())
GQuark gs_platform_error_quark (void);

typedef enum {
  GS_PLATFORM_ERROR_IO,        /* unreadable, empty, binary or huge file */
  GS_PLATFORM_ERROR_SYNTAX,    /* not well-formed XML */
  GS_PLATFORM_ERROR_INVALID,   /* well-formed, but not a platform we accept */
  GS_PLATFORM_ERROR_PROPERTY,  /* gs_host_get: missing or malformed property */
} GsPlatformError;

typedef struct {
  char *id;
  double bandwidth;            /* bytes/s */
  double latency;              /* seconds */
} GsLink;

struct GsPlatform {
  char *path;
  char *digest;                /* SHA-256 of the file's text, in hex, once
                                  gs_platform_digest made it; read it there */
  GBytes *text;                /* the file's text, for the digest, or NULL
                                  (a platform made in memory) */
  GPtrArray *hosts;            /* GsHost *, in file order; never empty */
  GPtrArray *links;            /* GsLink *, in file order */
  GHashTable *routes;          /* "SRC\nDST" of each <route>, both ways
                                  when symmetrical */
};

/* Reads and checks the platform file at PATH.  Returns a new platform, or
 * NULL with ERROR set (GS_PLATFORM_ERROR) when the file cannot be read, is
 * empty, binary or larger than 16 MiB, is not well-formed XML, or is not a
 * platform gilsim accepts (one SimGrid would reject, or that gilsim cannot
 * use).  The message is one line starting "PATH:LINE:COL: ". */
GsPlatform *gs_platform_load (const char *path, GError **error);

/* Checks TEXT (LEN bytes, not necessarily NUL-terminated) as the content of a
 * platform file named PATH; PATH is only used in messages and copied into the
 * result.  Returns a new platform, or NULL with ERROR set as
 * gs_platform_load does. */
GsPlatform *gs_platform_parse (const char *path, const char *text, gsize len,
                               GError **error);

/* A new platform named PATH (copied) with no host, link or route, for the
 * checker to fill.  Can't fail. */
GsPlatform *gs_platform_new (const char *path);

/* Frees P and everything it owns.  NULL is allowed. */
void gs_platform_free (GsPlatform *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsPlatform, gs_platform_free)

/* The SHA-256 of P's file, in hex (made on first use: a prediction that
 * exports nothing does not pay for it), or NULL for a platform made in
 * memory.  The string belongs to P. */
const char *gs_platform_digest (const GsPlatform *p);

/* The host of P called ID, or NULL if there is none.  The host belongs to P. */
const GsHost *gs_platform_host (const GsPlatform *p, const char *id);

/* TRUE if a <route> of P leads from host SRC to host DST (SimGrid's other
 * routings, Floyd and Dijkstra, may find longer ways: they are not
 * counted).  Can't fail. */
gboolean gs_platform_has_route (const GsPlatform *p, const char *src,
                                const char *dst);

/* The first host of P in file order.  Never NULL for a loaded platform. */
const GsHost *gs_platform_first_host (const GsPlatform *p);

/* "h1, h2, h3": the ids of P's hosts in file order, for messages.  New
 * string. */
char *gs_platform_host_ids (const GsPlatform *p);

G_END_DECLS
