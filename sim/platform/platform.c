/* platform.c: loads a platform file: reads it, has it checked, keeps it. */
#include "platform/platform.h"
#include "util/userfile.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "platform/checks.h"
#include "platform/reader.h"

G_DEFINE_QUARK (gs-platform-error-quark, gs_platform_error)

/* ---------------------------------------------------------------------- */
/* The result                                                              */

static void
link_free (gpointer data)
{
  GsLink *l = data;
  g_free (l->id);
  g_free (l);
}

GsPlatform *
gs_platform_new (const char *path)
{
  GsPlatform *p = g_new0 (GsPlatform, 1);
  p->path = g_strdup (path);
  p->hosts = g_ptr_array_new_with_free_func (gs_host_free);
  p->links = g_ptr_array_new_with_free_func (link_free);
  p->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return p;
}

void
gs_platform_free (GsPlatform *p)
{
  if (!p)
    return;
  g_free (p->path);
  g_free (p->digest);
  g_clear_pointer (&p->text, g_bytes_unref);
  g_ptr_array_unref (p->hosts);
  g_ptr_array_unref (p->links);
  if (p->routes)
    g_hash_table_unref (p->routes);
  g_free (p);
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                 */

GsPlatform *
gs_platform_parse (const char *path, const char *text, gsize len,
                   GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  GsChecks st;
  gs_checks_init (&st, path, text, len);
  if (!gs_reader_check_text (&st.rd, error)) {
    gs_checks_clear (&st);
    return NULL;
  }
  gs_reader_scan (&st.rd);

  st.rd.ctx = g_markup_parse_context_new (&gs_checks_parser, 0, &st, NULL);
  GError *err = NULL;
  gboolean ok = g_markup_parse_context_parse (st.rd.ctx, st.rd.text,
                                              (gssize) len, &err) &&
                g_markup_parse_context_end_parse (st.rd.ctx, &err);
  if (!ok && err->domain != GS_PLATFORM_ERROR) {
    g_autofree char *msg = gs_reader_reword_markup (err->message);
    GsReaderPos p = gs_reader_pos (&st.rd, gs_reader_markup_offset (&st.rd));
    g_clear_error (&err);
    if (st.rd.seen_root && st.stack->len == 0)
      g_set_error (&err, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_SYNTAX,
                   "%s:%d:%d: unexpected text after </platform>; the file "
                   "must end there, so remove it", path, p.line, p.col);
    else
      g_set_error (&err, GS_PLATFORM_ERROR, GS_PLATFORM_ERROR_SYNTAX,
                   "%s:%d:%d: %s; fix the XML syntax here", path, p.line,
                   p.col, msg);
  }
  g_markup_parse_context_free (st.rd.ctx);
  st.rd.ctx = NULL;
  if (ok && st.plat->hosts->len == 0)
    ok = gs_reader_fail (&st.rd, st.rd.root_pos, &err, "the platform defines "
                         "no host; add <host id=\"cpu0\" speed=\"1Gf\" "
                         "core=\"4\"/> inside a <zone>");
  if (!ok) {
    g_propagate_error (error, err);
    gs_checks_clear (&st);
    return NULL;
  }
  GsPlatform *plat = g_steal_pointer (&st.plat);
  gs_checks_clear (&st);
  plat->text = g_bytes_new (text, len);
  return plat;
}

const char *
gs_platform_digest (const GsPlatform *p)
{
  if (p->digest == NULL && p->text != NULL) {
    /* made once, on first use: P stays the same platform */
    GsPlatform *m = (GsPlatform *) p;
    m->digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, p->text);
  }
  return p->digest;
}

GsPlatform *
gs_platform_load (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  GStatBuf sb;
  if (g_stat (path, &sb) != 0) {
    int e = errno;
    gs_reader_io_error (path, error, "cannot read the platform file: %s; check "
                        "the path", g_strerror (e));
    return NULL;
  }
  if (S_ISDIR (sb.st_mode)) {
    gs_reader_io_error (path, error, "this is a folder, not a platform file; "
                        "give the path of a SimGrid platform .xml file");
    return NULL;
  }
  if (S_ISREG (sb.st_mode) && sb.st_size > GS_READER_MAX_FILE_SIZE) {
    gs_reader_io_error (path, error, "the file is %.1f MiB, more than the 16 "
                        "MiB a platform file may have; give the path of a "
                        "SimGrid platform .xml file", sb.st_size / 1048576.0);
    return NULL;
  }
  if (g_access (path, R_OK) != 0) {
    int e = errno;
    gs_reader_io_error (path, error, "cannot read the platform file: %s; check "
                        "its permissions", g_strerror (e));
    return NULL;
  }
  if (g_str_has_suffix (path, ".gil")) {
    gs_reader_io_error (path, error, "this is a scenario, not a platform file; "
                        "give the scenario first and the platform (a SimGrid "
                        ".xml file) with --platform");
    return NULL;
  }
  if (!S_ISREG (sb.st_mode)) {
    /* a FIFO would block and a device never end: refused before opening */
    gs_reader_io_error (path, error, "this is not a regular file (a FIFO, a "
                        "device or a socket); give the path of a SimGrid "
                        "platform .xml file");
    return NULL;
  }
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) err = NULL;
  /* read within the limit whatever the file became since the checks */
  if (!gs_userfile_read (path, GS_READER_MAX_FILE_SIZE, &text, &len, &err)) {
    gs_reader_io_error (path, error, "cannot read the platform file: %s",
                        err->message);
    return NULL;
  }
  return gs_platform_parse (path, text, len, error);
}

/* ---------------------------------------------------------------------- */
/* Queries                                                                 */

const GsHost *
gs_platform_host (const GsPlatform *p, const char *id)
{
  g_return_val_if_fail (p != NULL && id != NULL, NULL);
  for (guint i = 0; i < p->hosts->len; i++) {
    const GsHost *h = g_ptr_array_index (p->hosts, i);
    if (strcmp (h->id, id) == 0)
      return h;
  }
  return NULL;
}

gboolean
gs_platform_has_route (const GsPlatform *p, const char *src, const char *dst)
{
  g_autofree char *key = g_strconcat (src, "\n", dst, NULL);
  return g_hash_table_contains (p->routes, key);
}

const GsHost *
gs_platform_first_host (const GsPlatform *p)
{
  g_return_val_if_fail (p != NULL, NULL);
  return p->hosts->len ? g_ptr_array_index (p->hosts, 0) : NULL;
}

char *
gs_platform_host_ids (const GsPlatform *p)
{
  GString *names = g_string_new (NULL);
  for (guint i = 0; i < p->hosts->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "",
                            ((const GsHost *) p->hosts->pdata[i])->id);
  return g_string_free (names, FALSE);
}

