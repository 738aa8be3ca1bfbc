/* run-gilsim.h: running the gilsim program from a test. */
#pragma once

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct {
  int status;       /* exit status, or -1 if it did not exit normally */
  char *out;
  char *err;
} GilsimRun;

static inline void
gilsim_run_clear (GilsimRun *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* Runs $GILSIM with the arguments FIRST, then AP up to NULL, then TAIL
 * (NULL-terminated, or NULL), from the source root. */
static inline GilsimRun
gilsim_runv (const char *first, va_list ap, const char *const *tail)
{
  const char *exe = g_getenv ("GILSIM");
  const char *root = g_getenv ("GILSIM_SOURCE_ROOT");
  g_assert_nonnull (exe);
  g_assert_nonnull (root);
  GPtrArray *argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) exe);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  for (const char *const *t = tail; t && *t; t++)
    g_ptr_array_add (argv, (char *) *t);
  g_ptr_array_add (argv, NULL);
  GilsimRun r = { -1, NULL, NULL };
  int wait_status = 0;
  GError *error = NULL;
  gboolean ok = g_spawn_sync (root, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                              NULL, NULL, &r.out, &r.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  if (WIFEXITED (wait_status))
    r.status = WEXITSTATUS (wait_status);
  g_ptr_array_unref (argv);
  return r;
}

/* Runs $GILSIM with ARGS (NULL-terminated) from the source root. */
static inline GilsimRun
gilsim_run (const char *first, ...)
{
  va_list ap;
  va_start (ap, first);
  GilsimRun r = gilsim_runv (first, ap, NULL);
  va_end (ap);
  return r;
}

/* Parses the JSON export in R's stdout and returns results[INDEX]. */
static inline JsonObject *
gilsim_result (JsonParser *parser, const GilsimRun *r, guint index)
{
  GError *error = NULL;
  g_assert_true (json_parser_load_from_data (parser, r->out, -1, &error));
  g_assert_no_error (error);
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonArray *results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), >, index);
  return json_array_get_object_element (results, index);
}

/* One simulated point: the run and its first result. */
typedef struct {
  JsonParser *parser;
  JsonObject *res;
  GilsimRun run;
} GilsimPoint;

/* Runs $GILSIM with ARGS (NULL-terminated) and --export-json -, asserts it
 * succeeded and keeps results[0] in P->res. */
static inline void
gilsim_point_run (GilsimPoint *p, const char *first, ...)
{
  static const char *const json[] = { "--export-json", "-", NULL };
  va_list ap;
  va_start (ap, first);
  p->run = gilsim_runv (first, ap, json);
  va_end (ap);
  if (p->run.status != 0)
    g_test_message ("stderr: %s", p->run.err);
  g_assert_cmpint (p->run.status, ==, 0);
  p->parser = json_parser_new ();
  p->res = gilsim_result (p->parser, &p->run, 0);
}

static inline void
gilsim_point_clear (GilsimPoint *p)
{
  g_object_unref (p->parser);
  gilsim_run_clear (&p->run);
}

/* The number member M of O. */
static inline double
gilsim_dbl (JsonObject *o, const char *m)
{
  return json_object_get_double_member (o, m);
}

/* The worker called NAME in the result RES (a test failure if none). */
static inline JsonObject *gilsim_worker (JsonObject *res, const char *name);

/* The number member MEMBER of worker WORKER of P's result. */
static inline double
gilsim_worker_dbl (GilsimPoint *p, const char *worker, const char *member)
{
  return gilsim_dbl (gilsim_worker (p->res, worker), member);
}

/* The time of the printed line TEXT of P's result (a test failure if
 * none). */
static inline double
gilsim_print_time (GilsimPoint *p, const char *text)
{
  JsonArray *prints = json_object_get_array_member (p->res, "prints");
  for (guint i = 0; i < json_array_get_length (prints); i++) {
    JsonObject *o = json_array_get_object_element (prints, i);
    if (g_strcmp0 (json_object_get_string_member (o, "text"), text) == 0)
      return json_object_get_double_member (o, "time_s");
  }
  g_error ("no line \"%s\" was printed", text);
  return -1;
}

/* The seconds WORKER of P's result was blocked on ON ("queue q"), from
 * its per-object table; a test failure if there is no such row. */
static inline double
gilsim_blocked_on (GilsimPoint *p, const char *worker, const char *on)
{
  JsonArray *ws = json_object_get_array_member (gilsim_worker (p->res, worker), "waits");
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *o = json_array_get_object_element (ws, i);
    if (g_strcmp0 (json_object_get_string_member (o, "on"), on) == 0)
      return json_object_get_double_member (o, "seconds");
  }
  g_error ("%s was never blocked on %s", worker, on);
  return -1;
}

/* The worker called NAME in the result RES (a test failure if none). */
static inline JsonObject *
gilsim_worker (JsonObject *res, const char *name)
{
  JsonArray *ws = json_object_get_array_member (res, "workers");
  for (guint i = 0; i < json_array_get_length (ws); i++) {
    JsonObject *w = json_array_get_object_element (ws, i);
    if (g_strcmp0 (json_object_get_string_member (w, "name"), name) == 0)
      return w;
  }
  g_error ("no worker called %s", name);
  return NULL;
}
