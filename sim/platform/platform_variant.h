/* platform_variant.h: a platform with one host's core count changed, and
 * the text rewrites behind it (a host's attributes, properties and disks).
 *
 * SimGrid reads a host's core count only from the platform file, so a sweep
 * over `cores` runs each point on a copy of the file with the host's `core`
 * attribute rewritten, written to a private temporary folder.  The copy is
 * checked like any platform file (gs_platform_parse) before SimGrid sees
 * it.  Everything else in the file stays as written.
 */
#pragma once

#include <glib.h>
#include "platform/platform.h"

G_BEGIN_DECLS

typedef struct GsPlatformVariants GsPlatformVariants;

/* A set of variants of BASE (borrowed: it must outlive the set), written
 * under a new temporary folder on first use.  Can't fail. */
GsPlatformVariants *gs_platform_variants_new (const GsPlatform *base);

/* Removes the temporary files and frees the set.  NULL is allowed. */
void gs_platform_variants_free (GsPlatformVariants *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsPlatformVariants, gs_platform_variants_free)

/* The platform that is V's base with host HOST_ID given CORES cores, and
 * sets *HOST to that host in it.  The same CORES gives the same platform
 * (it belongs to V); CORES equal to the base's gives the base itself.
 * Fails with a G_FILE_ERROR when the base file cannot be read again or the
 * copy cannot be written, or with GS_PLATFORM_ERROR if the host's element
 * cannot be found in the file. */
const GsPlatform *gs_platform_variants_get (GsPlatformVariants *v,
                                            const char *host_id, int cores,
                                            const GsHost **host, GError **error);

/* Returns TEXT, a platform file, with the `core` attribute of the <host>
 * whose id is HOST_ID set to CORES (added when absent); comments are
 * skipped.  New string, or NULL when there is no such host element. */
char *gs_platform_variant_text (const char *text, const char *host_id, int cores);

/* Returns TEXT, a platform file, with attribute ATTR set to VALUE (escaped
 * here; added when absent): of the <host> whose id is HOST_ID when ELEMENT
 * is "host" (ID unused), else of the first <ELEMENT> with that ID inside
 * it ("prop" and "value", "disk" and "read_bw").  Comments are skipped.
 * New string, or NULL when there is no such element. */
char *gs_platform_variant_set (const char *text, const char *host_id,
                               const char *element, const char *id,
                               const char *attr, const char *value);

/* Returns TEXT with <prop id="ID" value="VALUE"/> added as the last child
 * of the <host> whose id is HOST_ID, after a line <!-- COMMENT --> unless
 * COMMENT is NULL (it must not hold "--"), indented like </host> plus two
 * spaces.  New string, or NULL when there is no such host or it has no
 * closing tag. */
char *gs_platform_variant_add_prop (const char *text, const char *host_id,
                                    const char *id, const char *value,
                                    const char *comment);

G_END_DECLS
