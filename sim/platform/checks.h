/* checks.h: the elements of a platform file, checked one by one as GMarkup
 * reads them (for the files of sim/platform/ only).
 *
 * gilsim accepts the subset of SimGrid's DTD it needs (platform, zone,
 * host, prop, disk, link, route, link_ctn), with SimGrid 3.32's own rules:
 * where each element may be, its attributes and their values, the ids that
 * must be unique or defined above, the properties of the cost registry
 * (models/costs.h).  Each element checked goes into the platform being
 * built.  The reader (reader.h) holds the text and writes the messages.
 */
#pragma once

#include <glib.h>
#include "platform/caps.h"
#include "platform/platform.h"
#include "platform/reader.h"

G_BEGIN_DECLS

/* The elements gilsim accepts, and GS_CHECKS_NONE above the root. */
typedef enum {
  GS_CHECKS_PLATFORM,
  GS_CHECKS_ZONE,
  GS_CHECKS_HOST,
  GS_CHECKS_PROP,
  GS_CHECKS_DISK,
  GS_CHECKS_LINK,
  GS_CHECKS_ROUTE,
  GS_CHECKS_LINK_CTN,
  GS_CHECKS_NONE,
} GsChecksElem;

/* The checker's state.  It starts with the reader's, so that the reader's
 * GMarkup callbacks can take it for a GsReader. */
typedef struct {
  GsReader rd;
  GArray *stack;        /* GsChecksElem of the open elements */
  GPtrArray *zones;     /* GsChecksZone *, the open zones, innermost last */
  int root_zone_line;
  GHashTable *nodes;    /* char *id -> Node *: hosts and zones */
  GHashTable *link_lines; /* char *id -> GINT_TO_POINTER (line) */
  GsPlatform *plat;     /* the platform built so far */
  GsHost *host;         /* the open <host>, or NULL */
  char *route_src, *route_dst;
  int route_links;
  GsReaderPos route_pos;
  GsReaderPos efficiency_pos; /* the open host's cpu.efficiency_cores, or
                                 line 0 */
  GsCaps caps;          /* the sizes so far (caps.h) */
} GsChecks;

/* Sets up CK for TEXT (LEN bytes) of the file PATH (see gs_reader_init()),
 * with an empty platform.  Can't fail. */
void gs_checks_init (GsChecks *ck, const char *path, const char *text,
                     gsize len);

/* Frees what CK owns, the platform included (steal CK->plat to keep it). */
void gs_checks_clear (GsChecks *ck);

/* The element open in CK, innermost (GS_CHECKS_NONE: none). */
GsChecksElem gs_checks_parent (const GsChecks *ck);

/* The name of EL ("link_ctn"), which is not GS_CHECKS_NONE; static. */
const char *gs_checks_elem_name (GsChecksElem el);

/* GMarkup's callbacks for a platform file; their user data is a GsChecks.
 * They fail, with the reader's messages, on the first element, attribute
 * or text gilsim does not accept. */
extern const GMarkupParser gs_checks_parser;

G_END_DECLS
