/* vcpu_escape.c: the engine's side of a lone thread's escape from a slow vCPU. */
#include "engine/vcpu_escape.h"

#include "engine/noise.h"
#include "escape.h"

/* The work (seconds) after which T's host lets lone work run fast,
 * G_MAXDOUBLE without an escape. */
static double
escape_work (const Thread *t)
{
  const Engine *eng = t->proc->eng;
  if (eng->cfg->no_noise)
    return G_MAXDOUBLE;
  return gs_escape_work (eng->costs.cpu_slow_fraction, eng->costs.cpu_slow_factor,
                         eng->costs.cpu_slow_escape);
}

double
gs_vcpu_escape_factor (Thread *t, guint part, double seconds, double factor)
{
  const Engine *eng = t->proc->eng;
  double x = escape_work (t), pos = t->proc->placed_pos;
  if (seconds <= 0 || x >= G_MAXDOUBLE || pos + seconds <= x)
    return factor;
  double p = eng->costs.cpu_slow_fraction, r = eng->costs.cpu_slow_factor;
  if (eng->cfg->sample == 0)  /* the expected factor: FACTOR is 1 */
    return factor * gs_escape_time (pos, seconds, p, r, eng->costs.cpu_slow_escape) / seconds;
  /* a drawn sample: its own states up to the point, fast after */
  double before = CLAMP (x - pos, 0, seconds);
  double drawn = before > 0 ? gs_noise_cpu_factor (t->key, eng->cfg->sample, part,
                                                   t->slow_pos, before, p, r) : 0;
  return (before * drawn + (seconds - before) * gs_escape_fast_factor (p, r)) / seconds;
}

double
gs_vcpu_escape_limit (const Thread *t)
{
  double x = escape_work (t), pos = t->proc->placed_pos;
  /* a nanosecond short of it counts as there: no endless tiny executions */
  if (x >= G_MAXDOUBLE || t->proc->eng->slowed_running != 0 || x - pos <= 1e-9)
    return G_MAXDOUBLE;
  return x - pos;
}

void
gs_vcpu_escape_advance (Thread *t, double done)
{
  t->proc->placed_pos += MAX (0, done);
}

void
gs_vcpu_escape_woke (Thread *t, double since)
{
  if (gs_engine_now () - since > t->proc->eng->costs.os_idle_poll)
    t->replaced = TRUE;
}

void
gs_vcpu_escape_work_begins (Thread *t)
{
  if (t->replaced)
    t->proc->placed_pos = 0;
  t->replaced = FALSE;
}

gboolean
gs_vcpu_escape_batch_ok (const Thread *t)
{
  double x = escape_work (t);
  if (x >= G_MAXDOUBLE)
    return TRUE;
  const Proc *p = t->proc;
  double speed = p->eng->speed, left = 0;
  for (guint i = 0; i < p->threads->len; i++) {
    const Thread *u = p->threads->pdata[i];
    if (u->py != NULL)
      left += (u->py->work + u->py->extra + u->py->pending) / speed + u->penalty;
  }
  return p->placed_pos + left < x;
}
