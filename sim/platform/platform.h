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
 * checked against the table in platform.c when the file is loaded.
 */
#pragma once

#include <glib.h>
#include "units.h"

G_BEGIN_DECLS

/* The largest rate (links, disks, memory) and calibration duration a
 * platform file may give. */
#define GS_PLATFORM_MAX_RATE 1e15        /* bytes/s */
#define GS_PLATFORM_MAX_DURATION 3600.0  /* seconds */

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
  double read_bw;              /* bytes/s */
  double write_bw;             /* bytes/s */
} GsDisk;

typedef struct {
  char *id;
  double bandwidth;            /* bytes/s */
  double latency;              /* seconds */
} GsLink;

typedef struct {
  char *id;
  double speed;                /* flop/s per core */
  int cores;                   /* 1..4096; 1 when not given */
  int line;                    /* line of the <host> element */
  GHashTable *props;           /* char *id -> char *value, both owned */
  GHashTable *prop_lines;      /* char *id -> GINT_TO_POINTER (line) */
  GPtrArray *disks;            /* GsDisk *, in file order */
} GsHost;

typedef struct {
  char *path;
  GPtrArray *hosts;            /* GsHost *, in file order; never empty */
  GPtrArray *links;            /* GsLink *, in file order */
  GHashTable *routes;          /* "SRC\nDST" of each <route>, both ways
                                  when symmetrical */
} GsPlatform;

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

/* Frees P and everything it owns.  NULL is allowed. */
void gs_platform_free (GsPlatform *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsPlatform, gs_platform_free)

/* The host of P called ID, or NULL if there is none.  The host belongs to P. */
const GsHost *gs_platform_host (const GsPlatform *p, const char *id);

/* TRUE if a <route> of P leads from host SRC to host DST (SimGrid's other
 * routings, Floyd and Dijkstra, may find longer ways: they are not
 * counted).  Can't fail. */
gboolean gs_platform_has_route (const GsPlatform *p, const char *src,
                                const char *dst);

/* The first host of P in file order.  Never NULL for a loaded platform. */
const GsHost *gs_platform_first_host (const GsPlatform *p);

/* Reads property ID of HOST (which belongs to P) as a quantity of dimension
 * DIM: units are required ("45ns", "84ms", "10GBps"), except for GS_DIM_COUNT,
 * which takes a bare number.  On success stores the value in base units in
 * *OUT and returns TRUE.  When HOST has no such property: stores
 * DEFAULT_VALUE and returns TRUE if HAS_DEFAULT, else returns FALSE with
 * GS_PLATFORM_ERROR_PROPERTY "host 'H' of PATH has no property 'ID'; add
 * <prop id="ID" value="EXAMPLE"/> to it".  A value that does not parse as DIM
 * also fails, naming the line of the <prop>.  *OUT is untouched on failure.
 * Calibration properties were checked at load time, so reading one with the
 * dimension of the table in platform.c cannot fail.  DIM must not be
 * GS_DIM_STRING: read such properties (python.version) from HOST->props. */
gboolean gs_host_get (const GsHost *host, const GsPlatform *p, const char *id,
                      GsDim dim, gboolean has_default, double default_value,
                      double *out, GError **error);

/* TRUE if HOST has a property called ID.  Can't fail. */
gboolean gs_host_has (const GsHost *host, const char *id);

G_END_DECLS
