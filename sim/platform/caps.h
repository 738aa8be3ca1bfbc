/* caps.h: the sizes a platform file may reach, checked before SimGrid sees
 * the file (for the files of sim/platform/ only).
 *
 * SimGrid builds every element of a platform file in each simulation, and
 * some of them cost more than their bytes: a 16 MiB file of links, routes,
 * zones or disks took seconds to load, and thousands of zones take time
 * that grows with their square.  gilsim refuses, with one line at the
 * element that is one too many, counts far above any machine's description
 * (docs/hardening.md says why each is where it is).  The hosts' own cap and
 * the zones' nesting are checks_host.c's and checks_zone.c's.
 */
#pragma once

#include <glib.h>
#include "platform/reader.h"

G_BEGIN_DECLS

#define GS_CAPS_MAX_LINKS 10000       /* <link> in a file */
#define GS_CAPS_MAX_ROUTES 10000      /* <route> in a file */
#define GS_CAPS_MAX_ROUTE_LINKS 100   /* <link_ctn> in a <route> */
#define GS_CAPS_MAX_ZONES 256         /* <zone> in a file */
#define GS_CAPS_MAX_DISKS 10000       /* <disk> in a file */
#define GS_CAPS_MAX_HOST_DISKS 100    /* <disk> in a <host> */
#define GS_CAPS_MAX_PROPS 1000        /* <prop> in one element */
#define GS_CAPS_MAX_FILE_PROPS 100000 /* <prop> in a file */
#define GS_CAPS_MAX_ID 256            /* characters of an id, src or dst */
#define GS_CAPS_MAX_VALUE 4096        /* characters of any other attribute */

/* The counts so far of one file being read. */
typedef struct {
  guint links, routes, zones, disks, props;
  GArray *open;         /* the open elements' children counted, innermost
                           last (a frame of caps.c) */
} GsCaps;

/* Sets up CAPS for a new file, with nothing counted.  Can't fail. */
void gs_caps_init (GsCaps *caps);

/* Frees what CAPS owns. */
void gs_caps_clear (GsCaps *caps);

/* Counts the element NAME (one of the elements checks.c accepts, in a
 * place where it may be; a static string, kept until it closes) that
 * GMarkup has just opened, with attributes NAMES and VALUES, at RD's
 * current element.  Fails through the reader (one line, at the
 * element or the attribute at fault) when it is one too many in the file
 * or in its parent, or when an attribute value is too long.  On success
 * the element is open: gs_caps_close() closes it. */
gboolean gs_caps_open (GsCaps *caps, GsReader *rd, const char *name,
                       const char **names, const char **values,
                       GError **error);

/* Closes the innermost element that gs_caps_open() opened. */
void gs_caps_close (GsCaps *caps);

G_END_DECLS
