/* wakeups.c: what the GIL waiters' timed wake-ups take from the holder. */
#include "engine/wakeups.h"

#include "wakeshare.h"

double
gs_wakeups_stretch (const Thread *t)
{
  Engine *eng = t->proc->eng;
  double cores = eng->cfg->host->cores;
  double others = MAX (0, eng->slowed_running - 1);
  double without = MIN (1, cores / (1 + others));  /* SimGrid's share */
  double share;
  if (eng->cfg->runtime->gil == GS_GIL_OLD) {
    share = gs_wakeshare_old (cores, others, gs_gil_n_waiting (t->proc->gil),
                              eng->costs.gil_wakeup_cost,
                              eng->old_check_s + eng->costs.gil_old_release_cost);
  } else {
    /* every process's waiters, at their mean load */
    double n = 0, load = 0;
    for (guint i = 0; i < eng->procs->len; i++) {
      const Proc *p = eng->procs->pdata[i];
      double u = gs_gil_waiter_load (p->gil);
      guint k = gs_gil_n_waiting (p->gil);
      if (u <= 0 || k == 0)
        continue;
      load = (load * n + u * k) / (n + k);
      n += k;
    }
    share = gs_wakeshare_new (cores, others, n, load);
  }
  return share > 0 ? MAX (1, without / share) : 1;
}
