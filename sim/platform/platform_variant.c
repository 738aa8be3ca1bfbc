/* platform_variant.c: platform files with a host's core count rewritten. */
#include "platform/platform_variant.h"

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
 * and WANT with the spans of the values of `id` and of the attribute
 * called WANT_NAME (start NULL when absent).  Returns the end of the tag
 * ('>' or "/>"), or NULL when the tag is malformed. */
static const char *
read_attributes (const char *p, Span *id, const char *want_name, Span *want)
{
  id->start = want->start = NULL;
  gsize want_len = strlen (want_name);
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
    Span *s = len == 2 && strncmp (name, "id", 2) == 0 ? id
              : len == want_len && strncmp (name, want_name, len) == 0 ? want
                                                                         : NULL;
    if (s) {
      s->start = value;
      s->end = p;
    }
    p++;
  }
}

static gboolean
span_is (const Span *s, const char *id, const char *escaped)
{
  gsize len = (gsize) (s->end - s->start);
  return (strlen (id) == len && strncmp (s->start, id, len) == 0) ||
         (strlen (escaped) == len && strncmp (s->start, escaped, len) == 0);
}

/* Skips a comment starting at P ("<!--"): returns its last character, or
 * NULL when it is not closed. */
static const char *
skip_comment (const char *p)
{
  p = strstr (p + 4, "-->");
  return p ? p + 2 : NULL;
}

/* The start of the <host> element of TEXT whose id is HOST_ID, comments
 * skipped, or NULL. */
static const char *
find_host (const char *text, const char *host_id)
{
  g_autofree char *escaped = g_markup_escape_text (host_id, -1);
  for (const char *p = text; *p; p++) {
    if (g_str_has_prefix (p, "<!--")) {
      if ((p = skip_comment (p)) == NULL)
        return NULL;
      continue;
    }
    if (!g_str_has_prefix (p, "<host") || !strchr (" \t\r\n", p[5]))
      continue;
    Span id, none;
    if (read_attributes (p + 5, &id, "", &none) == NULL)
      return NULL;
    if (id.start && span_is (&id, host_id, escaped))
      return p;
  }
  return NULL;
}

/* TEXT with the value at SPAN replaced by VALUE (escaped), or VALUE added as
 * attribute ATTR after the tag name that ends at NAME_END. */
static char *
replace_or_add (const char *text, const Span *span, const char *name_end,
                const char *attr, const char *value)
{
  g_autofree char *v = g_markup_escape_text (value, -1);
  if (span->start)
    return g_strdup_printf ("%.*s%s%s", (int) (span->start - text), text, v, span->end);
  return g_strdup_printf ("%.*s %s=\"%s\"%s", (int) (name_end - text), text, attr, v,
                          name_end);
}

char *
gs_platform_variant_set (const char *text, const char *host_id, const char *element,
                         const char *id, const char *attr, const char *value)
{
  const char *host = find_host (text, host_id);
  if (host == NULL)
    return NULL;
  Span hid, want;
  const char *end = read_attributes (host + 5, &hid, attr, &want);
  if (end == NULL)
    return NULL;
  if (strcmp (element, "host") == 0)
    return replace_or_add (text, &want, host + 5, attr, value);
  if (*end == '/')
    return NULL;  /* <host .../> has no children */
  g_autofree char *escaped = g_markup_escape_text (id, -1);
  gsize elen = strlen (element);
  for (const char *p = end; *p; p++) {
    if (g_str_has_prefix (p, "<!--")) {
      if ((p = skip_comment (p)) == NULL)
        return NULL;
      continue;
    }
    if (g_str_has_prefix (p, "</host"))
      return NULL;
    if (*p != '<' || strncmp (p + 1, element, elen) != 0 || !strchr (" \t\r\n", p[1 + elen]))
      continue;
    Span eid;
    if (read_attributes (p + 1 + elen, &eid, attr, &want) == NULL)
      return NULL;
    if (eid.start && span_is (&eid, id, escaped))
      return replace_or_add (text, &want, p + 1 + elen, attr, value);
  }
  return NULL;
}

char *
gs_platform_variant_add_prop (const char *text, const char *host_id, const char *id,
                              const char *value, const char *comment)
{
  const char *host = find_host (text, host_id);
  if (host == NULL)
    return NULL;
  const char *p = strstr (host, "</host");
  const char *self_close = strstr (host, "/>");
  const char *gt = strchr (host, '>');
  if (p == NULL || gt == NULL || (self_close && self_close + 1 == gt))
    return NULL;
  /* the indentation of the line of </host>, plus two spaces */
  const char *line = p;
  while (line > text && (line[-1] == ' ' || line[-1] == '\t'))
    line--;
  g_autofree char *indent = g_strdup_printf ("%.*s  ", (int) (p - line), line);
  g_autofree char *eid = g_markup_escape_text (id, -1);
  g_autofree char *ev = g_markup_escape_text (value, -1);
  g_autofree char *c = comment ? g_strdup_printf ("%s<!-- %s -->\n", indent, comment)
                               : g_strdup ("");
  return g_strdup_printf ("%.*s%s%s<prop id=\"%s\" value=\"%s\"/>\n%s",
                          (int) (line - text), text, c, indent, eid, ev, line);
}

char *
gs_platform_variant_text (const char *text, const char *host_id, int cores)
{
  g_autofree char *n = g_strdup_printf ("%d", cores);
  return gs_platform_variant_set (text, host_id, "host", host_id, "core", n);
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
