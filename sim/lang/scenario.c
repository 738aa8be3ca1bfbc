/* scenario.c: the tree of a parsed scenario: making it, freeing it, and
 * finding its functions, servers and parameters by name. */
#include "lang/parser_internal.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* Making and freeing                                                      */

void
gs_scenario_stmt_free (gpointer data)
{
  GsStmt *s = data;
  if (s == NULL)
    return;
  gs_expr_free (s->e1);
  gs_expr_free (s->e2);
  gs_expr_free (s->items);
  gs_expr_free (s->chunksize);
  gs_expr_free (s->argsize);
  gs_expr_free (s->resultsize);
  gs_expr_free (s->allocs);
  g_free (s->name);
  g_free (s->preset);
  g_free (s->lock);
  g_free (s->func);
  g_free (s->method);
  if (s->args)
    g_ptr_array_unref (s->args);
  if (s->body)
    g_ptr_array_unref (s->body);
  if (s->orelse)
    g_ptr_array_unref (s->orelse);
  g_free (s);
}

static void
func_free (gpointer data)
{
  GsFunc *f = data;
  g_free (f->name);
  g_ptr_array_unref (f->params);
  if (f->body)
    g_ptr_array_unref (f->body);
  g_free (f);
}

/* A GsParam, or a GsOption (the same type). */
static void
param_free (gpointer data)
{
  GsParam *pa = data;
  g_free (pa->name);
  gs_expr_free (pa->value);
  g_free (pa);
}

static void
server_free (gpointer data)
{
  GsServer *sv = data;
  g_free (sv->name);
  g_free (sv->host);
  gs_expr_free (sv->service);
  gs_expr_free (sv->concurrency);
  g_free (sv);
}

GsScenario *
gs_scenario_new (const char *path)
{
  GsScenario *sc = g_new0 (GsScenario, 1);
  sc->path = g_strdup (path);
  sc->params = g_ptr_array_new_with_free_func (param_free);
  sc->funcs = g_ptr_array_new_with_free_func (func_free);
  sc->main = g_ptr_array_new_with_free_func (gs_scenario_stmt_free);
  sc->options = g_ptr_array_new_with_free_func (param_free);
  sc->servers = g_ptr_array_new_with_free_func (server_free);
  sc->locks = g_ptr_array_new_with_free_func (g_free);
  sc->syncs = g_ptr_array_new_with_free_func (gs_parse_sync_decl_free);
  sc->shared = g_ptr_array_new_with_free_func (g_free);
  sc->shared_locked = g_ptr_array_new_with_free_func (g_free);
  return sc;
}

void
gs_scenario_free (GsScenario *sc)
{
  if (sc == NULL)
    return;
  g_free (sc->path);
  g_free (sc->digest);
  g_ptr_array_unref (sc->params);
  g_ptr_array_unref (sc->funcs);
  g_ptr_array_unref (sc->main);
  g_ptr_array_unref (sc->options);
  g_ptr_array_unref (sc->servers);
  g_ptr_array_unref (sc->locks);
  g_ptr_array_unref (sc->syncs);
  g_ptr_array_unref (sc->shared);
  g_ptr_array_unref (sc->shared_locked);
  gs_expr_free (sc->gc_heap);
  gs_expr_free (sc->gc_threshold);
  g_free (sc->runtime);
  g_free (sc->platform);
  g_free (sc);
}

/* ---------------------------------------------------------------------- */
/* Lookups                                                                 */

const GsFunc *
gs_scenario_func (const GsScenario *sc, const char *name)
{
  for (guint i = 0; i < sc->funcs->len; i++) {
    const GsFunc *f = sc->funcs->pdata[i];
    if (strcmp (f->name, name) == 0)
      return f;
  }
  return NULL;
}

const GsServer *
gs_scenario_server (const GsScenario *sc, const char *name)
{
  for (guint i = 0; i < sc->servers->len; i++)
    if (strcmp (((GsServer *) sc->servers->pdata[i])->name, name) == 0)
      return sc->servers->pdata[i];
  return NULL;
}

const GsParam *
gs_scenario_param (const GsScenario *sc, const char *name)
{
  for (guint i = 0; i < sc->params->len; i++) {
    const GsParam *pa = sc->params->pdata[i];
    if (strcmp (pa->name, name) == 0)
      return pa;
  }
  return NULL;
}
