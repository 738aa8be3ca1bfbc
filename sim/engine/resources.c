/* resources.c: the statements that use a resource: disks, servers
 * (requests and transfers) and process pools. */
#include "engine/internal.h"

#include <math.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/disk.h>
#include <simgrid/host.h>
#include <simgrid/mailbox.h>
#include <simgrid/semaphore.h>

#include "platform/platform.h"

/* A server of the scenario: CONCURRENCY daemon actors on its host take
 * requests from its mailbox, each serves one for SERVICE seconds and sends
 * the reply back to the client's mailbox. */
typedef struct {
  const GsServer *decl;
  sg_mailbox_t mailbox;
  double service;
  gboolean drawn;        /* the service time draws (exponential(50ms)): each
                            request draws its own, in the client's thread */
  double concurrency;
} Server;

typedef struct {
  sg_mailbox_t reply;
  double bytes;          /* the reply's size */
  double service;        /* its service time at the server */
} Request;

/* TRUE if E draws from a distribution somewhere. */
static gboolean
has_draw (const GsExpr *e)
{
  return e && (e->kind == GS_EXPR_DRAW || has_draw (e->a) || has_draw (e->b));
}

/* multiprocessing.Pool(P).map(f, items, chunksize): chunks of items go to
 * the workers in order, each to the first worker free.  A thread pool
 * (ThreadPoolExecutor(W).map(f, items)) hands out one item at a time, to
 * the first thread free, and pickles nothing. */
struct Pool {
  gboolean threads;      /* a thread pool */
  const GsStmt *stmt;
  const GsFunc *func;
  const GsEnv *env;      /* the caller's, who waits in map meanwhile */
  double items, next_item, chunk;
  double argbytes, resbytes;   /* pickled size of one item's argument, result */
  double pickle;         /* seconds per pickled or unpickled byte */
  double pipe_bw;        /* bytes/s through a pipe */
  double overhead;       /* a chunk's round trip besides its bytes */
  sg_sem_t feed;         /* the parent's task handler: one chunk at a time */
  sg_sem_t results;      /* the parent's result handler */
  guint64 key;           /* item k draws from the key's child k + 1 */
};

/* ---------------------------------------------------------------------- */
/* Disks                                                                   */

/* With a page cache (disk.cache_write), a write leaves BYTES dirty in it
 * for T's next fsync of DISK to write to the device; what no fsync writes,
 * the kernel writes back in the background, which the program does not
 * wait for (nor, in this model, does the disk serve it).  Bytes left
 * dirty for another disk are left to that writeback. */
static void
cache_dirty (Thread *t, const char *disk, double bytes)
{
  if (t->dirty_disk == NULL || strcmp (t->dirty_disk, disk) != 0) {
    t->dirty_disk = disk;
    t->dirty = 0;
  }
  t->dirty += bytes;
}

/* BYTES for a disk to read (READING) or write: a drawn sample's disks
 * move them at their speed of the sample (noise.h: disk.speed_jitter). */
static sg_size_t
disk_bytes (Engine *eng, sg_size_t bytes, gboolean reading)
{
  double f = eng->cfg->no_noise ? 1
             : gs_noise_disk_factor (eng->cfg->seed, eng->cfg->sample, reading,
                                     eng->costs.disk_speed_jitter);
  return f == 1 ? bytes : (sg_size_t) llround (MIN ((double) bytes * f, 9e18));
}

gboolean
gs_resources_do_disk (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  sg_disk_t disk = g_hash_table_lookup (eng->disks, s->name);
  g_assert (disk != NULL);
  if (s->io == GS_IO_FSYNC) {
    double t0 = gs_threads_nogil_begin (t, s->loc, "fsync", s->name);
    sg_size_t dirty = t->dirty_disk && strcmp (t->dirty_disk, s->name) == 0
                      ? (sg_size_t) llround (t->dirty) : 0;
    t->dirty = 0;
    t->dirty_disk = NULL;
    if (dirty > 0)
      sg_disk_write (disk, disk_bytes (eng, dirty, FALSE));
    if (eng->costs.disk_fsync > 0)
      sg_actor_sleep_for (eng->costs.disk_fsync);
    gs_threads_nogil_end (t, s->loc, t0);
    return TRUE;
  }
  gboolean reading = s->io == GS_IO_READ;
  double size, chunk;
  if (!gs_interp_quantity (t, s->e1, env, GS_DIM_SIZE, MAX_BYTES,
                           reading ? "the size to read" : "the size to write", &size))
    return FALSE;
  chunk = size;
  if (s->e2) {
    if (!gs_interp_quantity (t, s->e2, env, GS_DIM_SIZE, MAX_BYTES,
                             "the chunk size", &chunk))
      return FALSE;
    if (chunk < 1)
      return gs_engine_fail (eng, s->e2->loc,
                             "the chunk size must be at least 1B (it is %g B)",
                             chunk);
  }
  double calls = size > 0 ? ceil (size / chunk - 1e-9) : 0;
  if (eng->steps + calls > MAX_STEPS)
    return gs_engine_fail (eng, s->loc, "this %s makes %.0f calls, more than the "
                           "%.0f steps a simulation may; use bigger chunks",
                           reading ? "read" : "write", calls, MAX_STEPS);
  eng->steps += calls;
  double left = size;
  for (double k = 0; k < calls; k++) {
    double bytes = MIN (chunk, left);
    left -= bytes;
    /* the copy between the caller's buffer and the page cache runs on the
     * thread's own core, the GIL released: only the device is shared */
    double copy = bytes * (reading ? eng->costs.disk_cache_read : eng->costs.disk_cache_write);
    if (copy > 0) {
      gs_threads_gil_release (t, s->loc);
      gs_threads_native_work (t, copy, 1, reading ? bytes : 0, reading ? 0 : bytes, FALSE);
    }
    if (!reading && eng->costs.disk_cache_write > 0) {
      cache_dirty (t, s->name, bytes);
      gs_threads_gil_acquire (t, s->loc);
      continue;
    }
    double t0 = gs_threads_nogil_begin (t, s->loc, reading ? "disk read"
                                        : "disk write", s->name);
    /* the call's own latency (a request to the device, a virtio round
     * trip) uses no bandwidth: the calls of other threads overlap it */
    if (eng->costs.disk_latency > 0)
      sg_actor_sleep_for (eng->costs.disk_latency);
    sg_size_t n = (sg_size_t) llround (bytes);
    if (n > 0) {
      if (reading)
        sg_disk_read (disk, disk_bytes (eng, n, TRUE));
      else
        sg_disk_write (disk, disk_bytes (eng, n, FALSE));
    }
    gs_threads_nogil_end (t, s->loc, t0);
  }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Servers                                                                 */

gboolean
gs_resources_do_request (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  double size, sending = 0;
  if (!gs_interp_quantity (t, s->e1, env, GS_DIM_SIZE, MAX_BYTES,
                           "the reply's size", &size))
    return FALSE;
  if (s->e2 && !gs_interp_quantity (t, s->e2, env, GS_DIM_SIZE, MAX_BYTES,
                                    "the request's size", &sending))
    return FALSE;
  Server *sv = g_hash_table_lookup (eng->servers, s->name);
  double service = sv->service;
  /* a drawn service time comes from the client's generator, so that each
   * request's draw does not depend on the order requests arrive in */
  if (sv->drawn && !gs_interp_quantity (t, sv->decl->service, eng->cfg->globals,
                                        GS_DIM_DURATION, MAX_SECONDS,
                                        "the service time", &service))
    return FALSE;
  g_autofree char *mbox = g_strdup_printf ("gilsim:reply:%u", eng->next_request++);
  Request r = { sg_mailbox_by_name (mbox), size, service };
  double begun = gs_engine_now ();
  double t0 = gs_threads_nogil_begin (t, s->loc, "a reply from server",
                                      sv->decl->name);
  sg_mailbox_put (sv->mailbox, &r, (long) llround (sending));
  sg_mailbox_get (r.reply);
  gs_threads_nogil_end (t, s->loc, t0);
  g_autofree char *what = g_strdup_printf ("request %s", sv->decl->name);
  gs_samples_add (t, s, what, gs_engine_now () - begun);
  return TRUE;
}

gboolean
gs_resources_do_transfer (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  if (gs_scenario_sync (eng->cfg->sc, s->name) != NULL)
    return gs_ipc_send (t, s, env);   /* send SIZE to PIPE */
  double size;
  if (!gs_interp_quantity (t, s->e1, env, GS_DIM_SIZE, MAX_BYTES, "the size", &size))
    return FALSE;
  Server *sv = g_hash_table_lookup (eng->servers, s->name);
  sg_host_t here = t->proc->host;
  sg_host_t there = sg_host_by_name (sv->decl->host);
  double t0 = gs_threads_nogil_begin (t, s->loc,
                                      s->kind == GS_STMT_SEND
                                          ? "a transfer to server"
                                          : "a transfer from server",
                                      sv->decl->name);
  if (here != there && size > 0) {
    if (s->kind == GS_STMT_SEND)
      sg_host_sendto (here, there, size);
    else
      sg_host_sendto (there, here, size);
  }
  gs_threads_nogil_end (t, s->loc, t0);
  return TRUE;
}

static void
server_actor (int argc, char **argv)
{
  Server *sv = sg_actor_self_get_data ();
  for (;;) {
    Request *r = sg_mailbox_get (sv->mailbox);
    if (r->service > 0)
      sg_actor_sleep_for (r->service);
    sg_mailbox_put (r->reply, r, (long) llround (r->bytes));
  }
}

gboolean
gs_resources_start_servers (Engine *eng)
{
  const GsPlatform *pl = eng->cfg->platform;
  for (guint i = 0; i < eng->cfg->sc->servers->len; i++) {
    const GsServer *d = eng->cfg->sc->servers->pdata[i];
    const GsHost *h = gs_platform_host (pl, d->host);
    if (h == NULL) {
      GString *known = g_string_new (NULL);
      for (guint k = 0; k < pl->hosts->len; k++)
        g_string_append_printf (known, "%s%s", k ? ", " : "",
                                ((GsHost *) pl->hosts->pdata[k])->id);
      gs_engine_fail (eng, d->host_loc, "%s has no host '%s'; its hosts: %s",
                      pl->path, d->host, known->str);
      g_string_free (known, TRUE);
      return FALSE;
    }
    if (h != eng->cfg->host && (!gs_platform_has_route (pl, eng->cfg->host->id, h->id) ||
                                !gs_platform_has_route (pl, h->id, eng->cfg->host->id)))
      return gs_engine_fail (eng, d->host_loc, "%s has no route between host '%s' "
                             "and host '%s'; add <route src=\"%s\" "
                             "dst=\"%s\"><link_ctn id=\"LINK\"/></route>", pl->path,
                             eng->cfg->host->id, h->id, eng->cfg->host->id, h->id);
    Server *sv = g_new0 (Server, 1);
    sv->decl = d;
    sv->concurrency = 1;
    g_hash_table_insert (eng->servers, d->name, sv);
    GError *err = NULL;
    sv->drawn = has_draw (d->service);
    if (d->service && !sv->drawn &&
        !gs_eval_quantity (eng->file, d->service, eng->cfg->globals,
                           GS_DIM_DURATION, MAX_SECONDS, "the service time",
                           &sv->service, &err))
      return gs_engine_fail_with (eng, err);
    if (d->concurrency) {
      if (!gs_eval_quantity (eng->file, d->concurrency, eng->cfg->globals,
                             GS_DIM_COUNT, MAX_THREADS, "the concurrency",
                             &sv->concurrency, &err))
        return gs_engine_fail_with (eng, err);
      if (sv->concurrency < 1 || sv->concurrency != floor (sv->concurrency))
        return gs_engine_fail (eng, d->concurrency->loc, "the concurrency must be "
                               "a whole number of at least 1 (it is %g)",
                               sv->concurrency);
    }
    g_autofree char *mbox = g_strdup_printf ("gilsim:server:%s", d->name);
    sv->mailbox = sg_mailbox_by_name (mbox);
    for (double k = 0; k < sv->concurrency; k++) {
      g_autofree char *name = g_strdup_printf ("%s:%.0f", d->name, k);
      sg_actor_t a = sg_actor_init (name, sg_host_by_name (h->id));
      sg_actor_set_data (a, sv);
      sg_actor_start (a, server_actor, 0, NULL);
      sg_actor_daemonize (a);
    }
  }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Process pools                                                           */

/* Runs item K of T's pool: the function with i = K, drawing from the
 * item's own generator, so that an item draws the same values whichever
 * worker runs it. */
static gboolean
run_item (Thread *t, double k)
{
  Pool *pl = t->pool;
  Engine *eng = t->proc->eng;
  GsValue iv = { GS_DIM_COUNT, k, NULL };
  const char *iname = "i";
  GsEnv ienv = { pl->env, 1, &iname, &iv };
  GsValue *args;
  if (!gs_interp_eval_args (t, pl->stmt, &ienv, &args))
    return FALSE;
  GsEnv frame = { eng->cfg->globals, pl->func->params->len,
                  (const char *const *) pl->func->params->pdata, args };
  g_autoptr (GHashTable) inner = g_hash_table_new_full (g_str_hash, g_str_equal,
      NULL, (GDestroyNotify) g_ptr_array_unref);
  GsRandom item_rng, *own = t->draws;
  gs_random_init (&item_rng, gs_random_child_key (pl->key, (guint64) k + 1));
  t->draws = &item_rng;
  gboolean ok = gs_interp_run_body (t, pl->func->body, &frame, inner);
  t->draws = own;
  for (guint j = 0; j < pl->func->params->len; j++)
    gs_value_clear (&args[j]);
  g_free (args);
  return ok;
}

/* CPU work that the pool's handler threads in the parent do for T's
 * items while T waits for them (pickling its arguments, unpickling its
 * results): it takes a core for its time, but it is neither T's CPU time
 * nor its wait for a core, since T counts that time as blocked. */
static void
handler_cpu (Thread *t, double seconds)
{
  double cpu = t->cpu, slowed = t->slowed, core_wait = t->core_wait;
  gs_threads_native_cpu (t, seconds, FALSE);
  t->cpu = cpu;
  t->slowed = slowed;
  t->core_wait = core_wait;
}

gboolean
gs_resources_pool_work (Thread *t)
{
  Pool *pl = t->pool;
  const GsStmt *s = pl->stmt;
  if (pl->threads) {
    /* a thread takes the next item as soon as it is free: the executor's
     * queue holds every item already, so taking one does not wait */
    while (pl->next_item < pl->items)
      if (!run_item (t, pl->next_item++))
        return FALSE;
    return TRUE;
  }
  while (pl->next_item < pl->items) {
    double first = pl->next_item;
    double n = MIN (pl->chunk, pl->items - first);
    pl->next_item += n;
    double in = n * pl->argbytes, out = n * pl->resbytes;
    double t0 = gs_threads_nogil_begin (t, s->loc, "the pool's task handler", NULL);
    gs_threads_block (t, pl->feed, "the pool's task handler", NULL, s->loc);
    handler_cpu (t, in * pl->pickle);
    if (in > 0)
      sg_actor_sleep_for (in / pl->pipe_bw);
    sg_sem_release (pl->feed);
    if (pl->overhead > 0)
      sg_actor_sleep_for (pl->overhead);
    gs_threads_count_blocked (t, t0);
    gs_threads_gil_acquire (t, s->loc);
    gs_threads_native_cpu (t, in * pl->pickle, FALSE);
    for (double k = 0; k < n; k++)
      if (!run_item (t, first + k))
        return FALSE;
    gs_threads_native_cpu (t, out * pl->pickle, FALSE);
    t0 = gs_threads_nogil_begin (t, s->loc, "the pool's result handler", NULL);
    if (out > 0)
      sg_actor_sleep_for (out / pl->pipe_bw);
    gs_threads_block (t, pl->results, "the pool's result handler", NULL, s->loc);
    handler_cpu (t, out * pl->pickle);
    sg_sem_release (pl->results);
    gs_threads_count_blocked (t, t0);
    gs_threads_gil_acquire (t, s->loc);
  }
  return TRUE;
}

/* The end of pool statement S: T waits with the GIL released until the
 * pool's WORKERS (Thread*) have ended, then frees the pool PL. */
static void
pool_wait (Thread *t, const GsStmt *s, Pool *pl, GPtrArray *workers)
{
  double t0 = gs_threads_nogil_begin (t, s->loc, "the pool worker", NULL);
  for (guint k = 0; k < workers->len; k++) {
    Thread *w = workers->pdata[k];
    if (!w->done)
      gs_threads_block (t, w->done_sem, "the pool worker", w->name, s->loc);
  }
  gs_threads_count_blocked (t, t0);
  if (pl->feed)
    sg_sem_destroy (pl->feed);
  if (pl->results)
    sg_sem_destroy (pl->results);
  for (guint k = 0; k < workers->len; k++)
    ((Thread *) workers->pdata[k])->pool = NULL;
  g_free (pl);
  gs_threads_gil_acquire (t, s->loc);
}

/* The threads of thread pool PL, started by T for statement S: as many as
 * the pool has (N) but no more than its items, as ThreadPoolExecutor starts
 * one per submit while none is idle.  Each start costs T thread.start and
 * waits, with the GIL released, until the thread runs (Thread.start()).
 * The threads go into WORKERS. */
static void
start_pool_threads (Thread *t, const GsStmt *s, Pool *pl, double n, GPtrArray *workers)
{
  Engine *eng = t->proc->eng;
  guint executor = eng->next_executor++;
  for (double k = 0; k < MIN (n, pl->items); k++) {
    gs_threads_python_cpu (t, eng->costs.thread_start, s->loc);
    g_autofree char *name = g_strdup_printf ("ThreadPoolExecutor-%u_%.0f", executor, k);
    Thread *w = gs_threads_new (t->proc, name, "thread", pl->func, NULL);
    w->key = gs_random_child_key (pl->key, 0);
    gs_random_init (&w->rng, w->key);
    w->draws = &w->rng;
    w->pool = pl;
    w->cold_start = gs_threads_cold_start (t->proc);
    g_ptr_array_add (workers, w);
    gs_threads_launch (w);
    double t0 = gs_threads_nogil_begin (t, s->loc, "the start of", w->name);
    gs_threads_block (t, w->started_sem, "the start of", w->name, s->loc);
    gs_threads_count_blocked (t, t0);
    gs_threads_gil_acquire (t, s->loc);
  }
}

/* The name CPython gives a ProcessPoolExecutor's K-th process (counting
 * the run's processes): ForkProcess-1, SpawnProcess-2, ForkServerProcess-3. */
static char *
executor_worker_name (Engine *eng, const char *method)
{
  const char *cls = strcmp (method, "fork") == 0 ? "ForkProcess"
                  : strcmp (method, "spawn") == 0 ? "SpawnProcess"
                  : "ForkServerProcess";
  return g_strdup_printf ("%s-%u", cls, ++eng->next_thread_number);
}

gboolean
gs_resources_do_pool (Thread *t, const GsStmt *s, const GsEnv *env)
{
  Engine *eng = t->proc->eng;
  gboolean threads = s->start_kind == GS_START_THREADS;
  double procs, items, chunk = 0, argbytes = 0, resbytes = 0;
  if (!gs_interp_whole_number (t, s->e1, env, MAX_THREADS, threads
                               ? "the number of pool threads"
                               : "the number of pool processes", &procs) ||
      !gs_interp_whole_number (t, s->items, env, MAX_REPEAT,
                               "the number of items", &items))
    return FALSE;
  if (procs < 1)
    return gs_engine_fail (eng, s->e1->loc, "a pool needs at least 1 %s (it has %g)",
                           threads ? "thread" : "process", procs);
  if (s->chunksize) {
    if (!gs_interp_whole_number (t, s->chunksize, env, MAX_REPEAT,
                                 "the chunk size", &chunk))
      return FALSE;
    if (chunk < 1)
      return gs_engine_fail (eng, s->chunksize->loc,
                             "the chunk size must be at least 1 (it is %g)", chunk);
  } else if (s->pool_call == GS_POOL_MAP) {
    /* Pool.map's default: divmod(len(items), 4 * processes), rounded up */
    chunk = MAX (1, ceil (items / (4 * procs)));
  } else {
    /* imap_unordered, apply_async and the executors: one item a task */
    chunk = 1;
  }
  if ((s->argsize &&
       !gs_interp_quantity (t, s->argsize, env, GS_DIM_SIZE, MAX_BYTES,
                            "the argument's size", &argbytes)) ||
      (s->resultsize &&
       !gs_interp_quantity (t, s->resultsize, env, GS_DIM_SIZE, MAX_BYTES,
                            "the result's size", &resbytes)))
    return FALSE;
  const GsFunc *f = gs_scenario_func (eng->cfg->sc, s->func);
  if (eng->steps + items * f->body->len > MAX_STEPS)
    return gs_engine_fail (eng, s->loc, "this pool runs %.0f statements, more "
                           "than the %.0f a simulation may; use bigger units of "
                           "work", items * f->body->len, MAX_STEPS);
  if (eng->threads->len + procs > MAX_THREADS)
    return gs_engine_fail (eng, s->e1->loc, "more than %.0f threads and processes in "
                           "all; simulate fewer", MAX_THREADS);
  if (!threads && eng->procs->len - 1 + procs > MAX_PROCESSES)
    return gs_engine_fail (eng, s->e1->loc,
                           "more than %.0f processes in all; simulate fewer",
                           MAX_PROCESSES);
  if (procs != 1)
    eng->sequential_differs = TRUE;
  if (eng->cfg->sequential)
    procs = 1;
  Pool *pl = g_new0 (Pool, 1);
  pl->threads = threads;
  pl->stmt = s;
  pl->func = f;
  pl->env = env;
  pl->items = items;
  pl->chunk = chunk;
  pl->argbytes = argbytes;
  pl->resbytes = resbytes;
  pl->key = gs_random_child_key (t->key, ++t->children);
  if (threads) {
    g_autoptr (GPtrArray) workers = g_ptr_array_new ();
    start_pool_threads (t, s, pl, procs, workers);
    pool_wait (t, s, pl, workers);
    return TRUE;
  }
  const char *method = s->method ? s->method : gs_threads_default_method (eng);
  double parent_cost, child_cost, exit_cost, first_cost;
  /* docs/language.md (`pool`), from the GIL notes of the project's shared
   * material: pickled data crosses pipes at 200 to 350 MB/s; map with
   * chunksize 1 costs 20 to 50 us per item */
  if (!gs_engine_start_costs (eng, method, s->loc, &parent_cost, &child_cost,
                              &exit_cost, &first_cost)) {
    g_free (pl);
    return FALSE;
  }
  pl->pickle = eng->costs.pickle_per_byte;
  pl->pipe_bw = eng->costs.pipe_bandwidth;
  pl->overhead = eng->costs.pool_chunk_overhead;
  pl->feed = sg_sem_init (1);
  pl->results = sg_sem_init (1);
  g_autoptr (GPtrArray) workers = g_ptr_array_new ();
  gboolean executor = s->pool_call == GS_POOL_EXECUTOR_MAP ||
                      s->pool_call == GS_POOL_EXECUTOR_SUBMIT;
  /* ProcessPoolExecutor starts its processes as work comes in, but all
   * of them at once with fork (_safe_to_dynamically_spawn_children) */
  if (executor && strcmp (method, "fork") != 0)
    procs = MIN (procs, items);
  for (double k = 0; k < procs; k++) {
    /* a row of starts: the first pays process.METHOD.first (interp.c) */
    gs_threads_python_cpu (t, parent_cost + (k == 0 ? first_cost : 0), s->loc);
    g_autofree char *name = executor ? executor_worker_name (eng, method)
        : g_strdup_printf ("%c%sPoolWorker-%u", g_ascii_toupper (method[0]),
                           method + 1, ++eng->next_thread_number);
    Proc *p = gs_threads_proc_new (eng, name);
    Thread *w = gs_threads_new (p, name, "process", f, NULL);
    /* a worker draws only in its items, from their own generators */
    w->key = pl->key;
    gs_random_init (&w->rng, w->key);
    w->draws = &w->rng;
    w->pool = pl;
    w->child_start = child_cost;
    w->child_exit = exit_cost;
    w->child_cpu = strcmp (method, "spawn") == 0;
    g_ptr_array_add (workers, w);
    gs_threads_launch (w);
  }
  pool_wait (t, s, pl, workers);
  return TRUE;
}
