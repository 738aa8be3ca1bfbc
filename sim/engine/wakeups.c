/* wakeups.c: what the GIL waiters' timed wake-ups take from the holder. */
#include "engine/wakeups.h"

/* The share of one core the holder gets among OTHERS executions that each
 * want a core and N waiters that each want LOAD of one, on CORES cores
 * (max-min fair sharing, as SimGrid and the OS's fair scheduler share). */
static double
holder_share (double cores, double others, double n, double load)
{
  if (1 + others + n * load <= cores)
    return 1;
  double fair = cores / (1 + others + n);
  if (load >= fair)
    return fair;
  return MIN (1, (cores - n * load) / (1 + others));
}

double
gs_wakeups_stretch (const Thread *t)
{
  Engine *eng = t->proc->eng;
  double n = 0, load = 0;
  for (guint i = 0; i < eng->procs->len; i++) {
    const Proc *p = eng->procs->pdata[i];
    double u = gs_gil_waiter_load (p->gil);
    guint k = gs_gil_n_waiting (p->gil);
    if (u <= 0 || k == 0)
      continue;
    load = (load * n + u * k) / (n + k);  /* the mean over all waiters */
    n += k;
  }
  if (n == 0)
    return 1;
  double cores = eng->cfg->host->cores;
  double others = MAX (0, eng->slowed_running - 1);
  double without = MIN (1, cores / (1 + others));  /* SimGrid's share */
  return without / holder_share (cores, others, n, load);
}
