/* fuzz-scenario.c: libFuzzer target for scenario text: lex, parse, check
 * names, resolve the point (parameters, runtime and its options on a
 * host), then evaluate every expression of every statement.
 *
 * It does not simulate: SimGrid runs one engine per process and gilsim
 * forks a child for each simulation (run/simulate.h), which libFuzzer's
 * in-process loop cannot afford per input.  The statements are what the
 * engine would evaluate, so each is evaluated here in the main thread's
 * environment, a function's parameters bound to 1.
 */
#include "fuzz.h"

#include <stdlib.h>
#include "lang/eval.h"
#include "lang/scenario.h"
#include "platform/platform.h"
#include "run/points.h"

static GsPlatform *platform;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  platform = fuzz_laptop_platform (NULL);
  return 0;
}

static void
eval_one (const char *file, const GsExpr *e, const GsEnv *env)
{
  if (e == NULL)
    return;
  GsValue v = { 0 };
  g_autoptr (GError) error = NULL;
  if (gs_eval (file, e, env, &v, &error)) {
    g_free (gs_value_format (&v));
    gs_value_clear (&v);
  } else {
    fuzz_check_error (error, file);
  }
  g_autoptr (GError) qerror = NULL;
  double q;
  if (!gs_eval_quantity (file, e, env, GS_DIM_DURATION, 3600, "the fuzzed value", &q,
                         &qerror))
    fuzz_check_error (qerror, file);
}

static void
eval_body (const char *file, GPtrArray *body, const GsEnv *env)
{
  for (guint i = 0; body && i < body->len; i++) {
    const GsStmt *s = body->pdata[i];
    eval_one (file, s->e1, env);
    eval_one (file, s->e2, env);
    eval_one (file, s->items, env);
    eval_one (file, s->chunksize, env);
    eval_one (file, s->argsize, env);
    eval_one (file, s->resultsize, env);
    for (guint j = 0; s->args && j < s->args->len; j++)
      eval_one (file, s->args->pdata[j], env);
    if (s->kind == GS_STMT_PRINT && s->e1 && s->e1->kind == GS_EXPR_STRING)
      g_free (gs_format_fields (s->e1->text, env));
    eval_body (file, s->body, env);
  }
}

static void
eval_scenario (const GsScenario *sc, const GsPoint *p)
{
  eval_body (sc->path, sc->main, &p->env);
  for (guint i = 0; i < sc->funcs->len; i++) {
    const GsFunc *f = sc->funcs->pdata[i];
    g_autofree GsValue *values = g_new0 (GsValue, f->params->len + 1);
    for (guint j = 0; j < f->params->len; j++)
      values[j].num = 1;
    GsEnv env = { .parent = &p->env, .n = f->params->len,
                  .names = (const char *const *) f->params->pdata, .values = values };
    eval_body (sc->path, f->body, &env);
  }
  for (guint i = 0; i < sc->servers->len; i++) {
    const GsServer *sv = sc->servers->pdata[i];
    eval_one (sc->path, sv->service, &p->env);
    eval_one (sc->path, sv->concurrency, &p->env);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GsScenario) sc = gs_scenario_parse ("fuzz.gil", (const char *) data, size,
                                                 &error);
  if (sc == NULL) {
    fuzz_check_error (error, "fuzz.gil:");
    return 0;
  }
  g_autoptr (GPtrArray) axes = g_ptr_array_new_with_free_func (
      (GDestroyNotify) gs_points_axis_free);
  g_autoptr (GPtrArray) points = gs_points_build_on (
      sc, gs_platform_first_host (platform), axes, NULL, NULL, &error);
  if (points == NULL) {
    fuzz_check_error (error, NULL);
    return 0;
  }
  const GsPoint *p = points->pdata[0];
  for (guint i = 0; i < sc->params->len; i++)
    g_free (gs_points_param_text (p, sc, ((GsParam *) sc->params->pdata[i])->name));
  g_free (gs_points_key (p));
  eval_scenario (sc, p);
  return 0;
}
