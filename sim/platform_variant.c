/* platform_variant.c: platform files with a host's core count rewritten. */
#include "platform_variant.h"

#include <string.h>
#include <glib/gstdio.h>

struct GsPlatformVariants {
  const GsPlatform *base;
  char *base_text;
  char *dir;            /* temporary folder, created on first use */
  GHashTable *by_key;   /* "host\ncores" -> GsPlatform* */
  GPtrArray *files;     /* char*: what to remove */
};

/* ---------------------------------------------------------------------- */
/* Rewriting the text                                                      */

typedef struct {
  const char *start, *end;   /* an attribute value, quotes excluded */
} Span;

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

/* Reads the attributes of the start tag whose name ends at P, filling ID
 * and CORE with the spans of those values (start NULL when absent).
 * Returns the end of the tag ('>'), or NULL when the tag is malformed. */
static const char *
read_attributes (const char *p, Span *id, Span *core)
{
  id->start = core->start = NULL;
  for (;;) {
    p = skip_space (p);
    if (*p == '>' || (p[0] == '/' && p[1] == '>'))
      return p;
    const char *name = p;
    while (*p && !strchr (" \t\r\n=/>", *p))
      p++;
    gsize len = (gsize) (p - name);
    p = skip_space (p);
    if (len == 0 || *p != '=')
      return NULL;
    p = skip_space (p + 1);
    char quote = *p;
    if (quote != '"' && quote != '\'')
      return NULL;
    const char *value = ++p;
    while (*p && *p != quote)
      p++;
    if (*p == '\0')
      return NULL;
    Span *s = len == 2 && strncmp (name, "id", 2) == 0     ? id
              : len == 4 && strncmp (name, "core", 4) == 0 ? core
                                                           : NULL;
    if (s) {
      s->start = value;
      s->end = p;
    }
    p++;
  }
}

char *
gs_platform_variant_text (const char *text, const char *host_id, int cores)
{
  g_autofree char *escaped = g_markup_escape_text (host_id, -1);
  for (const char *p = text; *p; p++) {
    if (g_str_has_prefix (p, "<!--")) {
      p = strstr (p + 4, "-->");
      if (p == NULL)
        return NULL;
      p += 2;
      continue;
    }
    if (!g_str_has_prefix (p, "<host") || !strchr (" \t\r\n", p[5]))
      continue;
    Span id, core;
    const char *end = read_attributes (p + 5, &id, &core);
    if (end == NULL)
      return NULL;
    if (id.start == NULL)
      continue;
    gsize len = (gsize) (id.end - id.start);
    if ((strlen (host_id) != len || strncmp (id.start, host_id, len) != 0) &&
        (strlen (escaped) != len || strncmp (id.start, escaped, len) != 0))
      continue;
    if (core.start)
      return g_strdup_printf ("%.*s%d%s", (int) (core.start - text), text, cores,
                              core.end);
    return g_strdup_printf ("%.*s core=\"%d\"%s", (int) (p + 5 - text), text,
                            cores, p + 5);
  }
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* The set                                                                 */

GsPlatformVariants *
gs_platform_variants_new (const GsPlatform *base)
{
  GsPlatformVariants *v = g_new0 (GsPlatformVariants, 1);
  v->base = base;
  v->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) gs_platform_free);
  v->files = g_ptr_array_new_with_free_func (g_free);
  return v;
}

void
gs_platform_variants_free (GsPlatformVariants *v)
{
  if (v == NULL)
    return;
  for (guint i = 0; i < v->files->len; i++)
    g_remove (v->files->pdata[i]);
  if (v->dir)
    g_rmdir (v->dir);
  g_ptr_array_unref (v->files);
  g_hash_table_unref (v->by_key);
  g_free (v->base_text);
  g_free (v->dir);
  g_free (v);
}

const GsPlatform *
gs_platform_variants_get (GsPlatformVariants *v, const char *host_id, int cores,
                          const GsHost **host, GError **error)
{
  const GsHost *base_host = gs_platform_host (v->base, host_id);
  g_return_val_if_fail (base_host != NULL, NULL);
  if (cores == base_host->cores) {
    *host = base_host;
    return v->base;
  }
  g_autofree char *key = g_strdup_printf ("%s\n%d", host_id, cores);
  GsPlatform *p = g_hash_table_lookup (v->by_key, key);
  if (p == NULL) {
    if (v->base_text == NULL &&
        !g_file_get_contents (v->base->path, &v->base_text, NULL, error))
      return NULL;
    if (v->dir == NULL && (v->dir = g_dir_make_tmp ("gilsim-XXXXXX", error)) == NULL)
      return NULL;
    g_autofree char *text = gs_platform_variant_text (v->base_text, host_id, cores);
    if (text == NULL) {
      g_set_error (error, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_INVALID,
                   "%s:%d:1: cannot find the <host id=\"%s\"> element to set "
                   "its cores; write it on one tag with quoted attributes",
                   v->base->path, base_host->line, host_id);
      return NULL;
    }
    g_autofree char *name = g_strdup_printf ("%u-cores-%d.xml",
                                             g_hash_table_size (v->by_key), cores);
    char *path = g_build_filename (v->dir, name, NULL);
    g_ptr_array_add (v->files, path);
    if (!g_file_set_contents (path, text, -1, error))
      return NULL;
    p = gs_platform_parse (path, text, strlen (text), error);
    if (p == NULL)
      return NULL;
    g_hash_table_insert (v->by_key, g_steal_pointer (&key), p);
  }
  *host = gs_platform_host (p, host_id);
  return p;
}
