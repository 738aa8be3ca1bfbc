/* tasks.c: asyncio: an event loop's tasks, await, to_thread.
 *
 * An event loop is one thread that runs its tasks one at a time: a task
 * runs until it awaits something that waits (a sleep, a request, a queue,
 * another task, a thread of to_thread), and then the loop runs the next
 * ready task, in the order they became ready (asyncio's call_soon queue).
 * gilsim gives each task an actor of its own and a token, the loop, which
 * only one of them holds: the loop's thread.  An awaited statement that
 * releases the GIL also lets the loop go (gs_threads_gil_release calls
 * gs_tasks_yield), and the task takes the loop back, behind the tasks
 * ready before it, before it takes the GIL again (gs_threads_gil_acquire
 * calls gs_tasks_resume).  A statement that waits without await (sleep in
 * a coroutine: time.sleep) keeps the loop: every other task waits, as in
 * asyncio.  Time spent ready, waiting for the loop, is blocked time on
 * "the event loop".
 */
#include "engine/internal.h"

#include <math.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/semaphore.h>

struct Loop {
  char *name;             /* "asyncio-K", for waits and deadlock reports */
  Thread *owner;          /* the task running now, or NULL */
  GQueue ready;           /* Thread*: tasks waiting for the loop, in order */
  GPtrArray *tasks;       /* Thread*, borrowed: every task it ran */
  guint live;             /* tasks not finished yet */
  sg_sem_t all_done;      /* released when the last task ends */
  double executor;        /* to_thread's default executor: threads started */
  double executor_max;    /* min(32, cores + 4) */
  sg_sem_t executor_free; /* its free workers */
};

void
gs_tasks_loop_free (gpointer data)
{
  Loop *l = data;
  for (guint i = 0; i < l->tasks->len; i++) {
    Thread *t = l->tasks->pdata[i];
    sg_sem_destroy (t->loop_sem);
    t->loop = NULL;
  }
  g_ptr_array_unref (l->tasks);
  g_queue_clear (&l->ready);
  sg_sem_destroy (l->all_done);
  sg_sem_destroy (l->executor_free);
  g_free (l->name);
  g_free (l);
}

static Loop *
loop_new (Engine *eng)
{
  Loop *l = g_new0 (Loop, 1);
  l->name = g_strdup_printf ("asyncio-%u", eng->loops->len + 1);
  l->tasks = g_ptr_array_new ();
  g_queue_init (&l->ready);
  l->all_done = sg_sem_init (0);
  l->executor_max = MIN (32, eng->cfg->host->cores + 4);
  l->executor_free = sg_sem_init ((int) l->executor_max);
  g_ptr_array_add (eng->loops, l);
  return l;
}

void
gs_tasks_yield (Thread *t)
{
  Loop *l = t->loop;
  t->yielded = TRUE;
  if (l->owner != t)
    return;
  Thread *next = g_queue_pop_head (&l->ready);
  l->owner = next;
  if (next)
    sg_sem_release (next->loop_sem);
}

void
gs_tasks_resume (Thread *t, GsLoc loc)
{
  Loop *l = t->loop;
  t->yielded = FALSE;
  if (l->owner == NULL) {
    l->owner = t;
    return;
  }
  g_queue_push_tail (&l->ready, t);
  double t0 = gs_engine_now ();
  gs_threads_block (t, t->loop_sem, "the event loop", l->name, loc);
  gs_threads_count_blocked (t, t0);
  g_assert (l->owner == t);
}

void
gs_tasks_end (Thread *t)
{
  Loop *l = t->loop;
  gs_tasks_yield (t);
  if (--l->live == 0)
    sg_sem_release (l->all_done);
}

/* A task's name: its first argument when that is a non-empty string (as
 * create_task(..., name=...)), else Task-K as asyncio numbers them. */
static char *
task_name (Engine *eng, const GsStmt *s, GsValue *args)
{
  if (s->args->len > 0 && args[0].dim == GS_DIM_STRING && args[0].str[0])
    return g_strdup (args[0].str);
  return g_strdup_printf ("Task-%u", ++eng->next_task);
}

gboolean
gs_tasks_start (Thread *t, const GsStmt *s, const GsEnv *env, GHashTable *groups)
{
  Engine *eng = t->proc->eng;
  if (s->name == NULL && t->loop)
    return gs_engine_fail (eng, s->loc, "run N tasks is asyncio.run, which cannot "
                           "run inside a running loop; in an async def start "
                           "them: G = start N tasks f(...), then await join G");
  double n;
  if (!gs_interp_whole_number (t, s->e1, env, MAX_THREADS, "the number of tasks", &n))
    return FALSE;
  if (eng->threads->len + n > MAX_THREADS)
    return gs_engine_fail (eng, s->e1->loc, "more than %.0f threads, processes and "
                           "tasks in all; simulate fewer", MAX_THREADS);
  const GsFunc *f = gs_scenario_func (eng->cfg->sc, s->func);
  Loop *l = t->loop ? t->loop : loop_new (eng);
  GPtrArray *members = g_ptr_array_new ();
  if (s->name)
    g_hash_table_replace (groups, s->name, members);
  for (double i = 0; i < n; i++) {
    GsValue iv = { GS_DIM_COUNT, i, NULL };
    const char *iname = "i";
    GsEnv ienv = { env, 1, &iname, &iv };
    GsValue *args;
    if (!gs_interp_eval_args (t, s, &ienv, &args)) {
      if (s->name == NULL)
        g_ptr_array_unref (members);
      return FALSE;
    }
    g_autofree char *name = task_name (eng, s, args);
    /* the loop's thread creates the task (asyncio.task: with its start and
     * its end, which are the loop's work too) */
    gs_threads_python_cpu (t, eng->costs.asyncio_task, s->loc);
    Thread *w = gs_threads_new (t->proc, name, "task", f, args);
    w->loop = l;
    w->loop_sem = sg_sem_init (0);
    w->yielded = TRUE;   /* it takes the loop before its first GIL */
    g_ptr_array_add (l->tasks, w);
    l->live++;
    gs_threads_seed (w, t);
    /* the sequential run: each task of the gather awaits the one before */
    if (members->len > 0)
      eng->sequential_differs = TRUE;
    if (eng->cfg->sequential && members->len > 0)
      w->after = members->pdata[members->len - 1];
    g_ptr_array_add (members, w);
    gs_threads_launch (w);
  }
  if (s->name)
    return TRUE;
  /* asyncio.run: the calling thread is the loop's; it returns when the
   * loop has no task left */
  g_ptr_array_unref (members);
  if (l->live == 0)
    return TRUE;
  double t0 = gs_threads_nogil_begin (t, s->loc, "asyncio.run", l->name);
  gs_threads_block (t, l->all_done, "asyncio.run", l->name, s->loc);
  gs_threads_nogil_end (t, s->loc, t0);
  return TRUE;
}

gboolean
gs_tasks_to_thread (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  Loop *l = t->loop;
  if (eng->threads->len + 1 > MAX_THREADS)
    return gs_engine_fail (eng, s->loc, "more than %.0f threads, processes and "
                           "tasks in all; simulate fewer", MAX_THREADS);
  GsValue *args;
  if (!gs_interp_eval_args (t, s, env, &args))
    return FALSE;
  /* the default executor, a ThreadPoolExecutor of min(32, cores + 4)
   * threads: the first calls start them (Thread.start, in the task), later
   * ones queue for a free one while the task awaits */
  if (l->executor < l->executor_max) {
    l->executor++;
    gs_threads_python_cpu (t, eng->costs.thread_start, s->loc);
  }
  const GsFunc *f = gs_scenario_func (eng->cfg->sc, s->func);
  g_autofree char *name = g_strdup_printf ("%s_%u", l->name, ++eng->next_task);
  Thread *w = gs_threads_new (t->proc, name, "thread", f, args);
  gs_threads_seed (w, t);
  double t0 = gs_threads_nogil_begin (t, s->loc, "to_thread", w->name);
  gs_threads_block (t, l->executor_free, "to_thread", w->name, s->loc);
  gs_threads_launch (w);
  gs_threads_block (t, w->done_sem, "to_thread", w->name, s->loc);
  sg_sem_release (l->executor_free);
  gs_threads_nogil_end (t, s->loc, t0);
  return TRUE;
}
