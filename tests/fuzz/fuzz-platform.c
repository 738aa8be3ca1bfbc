/* fuzz-platform.c: libFuzzer target for platform XML: gilsim's own checks
 * (platform/), never SimGrid.  A platform they accept is then used as a run
 * uses it: each host's costs resolved, routes looked up, and the text
 * rewritten for another core count, speed and property (a sweep's
 * variants), each rewrite checked again.
 */
#include "fuzz.h"

#include <string.h>
#include "costs.h"
#include "platform/host.h"
#include "platform/platform.h"
#include "platform/platform_variant.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

/* Checks TEXT, a rewrite of a platform that was accepted, and frees it. */
static void
check_rewrite (char *text)
{
  if (text == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("variant.xml", text, strlen (text), &error);
  if (p == NULL)
    fuzz_check_error (error, "variant.xml:");
  g_free (text);
}

static void
use_host (const GsPlatform *p, const GsHost *h, const char *text)
{
  GsCosts costs;
  g_autoptr (GError) error = NULL;
  if (!gs_host_costs (h, p, &costs, &error))
    fuzz_check_error (error, NULL);
  double x;
  g_autoptr (GError) gerror = NULL;
  if (!gs_host_get (h, p, "python.loop", GS_DIM_DURATION, FALSE, 0, &x, &gerror))
    fuzz_check_error (gerror, NULL);
  for (guint j = 0; j < p->hosts->len; j++)
    gs_platform_has_route (p, h->id, ((GsHost *) p->hosts->pdata[j])->id);
  check_rewrite (gs_platform_variant_text (text, h->id, h->cores % 64 + 1));
  check_rewrite (gs_platform_variant_set (text, h->id, "host", NULL, "speed", "2Gf"));
  check_rewrite (gs_platform_variant_set (text, h->id, "prop", "python.loop", "value",
                                          "30ns"));
  check_rewrite (gs_platform_variant_add_prop (text, h->id, "gil.handoff_latency", "5us",
                                               "fuzz"));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GsPlatform) p = gs_platform_parse ("fuzz.xml", (const char *) data, size,
                                                &error);
  if (p == NULL) {
    fuzz_check_error (error, "fuzz.xml:");
    return 0;
  }
  /* the rewrites take NUL-terminated text; an accepted file has no NUL */
  g_autofree char *text = g_strndup ((const char *) data, size);
  for (guint i = 0; i < p->hosts->len && i < 8; i++)
    use_host (p, p->hosts->pdata[i], text);
  return 0;
}
