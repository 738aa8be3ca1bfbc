/* simulate.h: simulations in child processes.
 *
 * SimGrid allows one engine per process and may abort the process on
 * internal errors; so every simulation runs in a fork()ed child that sends
 * its result (or its error message) back through a pipe.  A child that dies
 * becomes an error, never a crash of gilsim.
 *
 * A sweep runs many simulations, several at once: a pool of workers, each
 * a process of its own.  A worker starts SimGrid once (simgrid_init, the
 * platform loaded: see gs_engine_start), then forks one child per
 * simulation from that started state, so points pay for the simulation
 * only.  Jobs whose engine start-up differs (another platform file, host or
 * SimGrid arguments) need another worker: a worker whose key does not fit
 * the next job is replaced.  Results do not depend on which worker ran a
 * job, nor on how many there are.
 */
#pragma once

#include <glib.h>
#include "engine/engine.h"

G_BEGIN_DECLS

/* Runs gs_engine_run (CFG) in a child process and returns its result, or
 * NULL with ERROR set to the child's error message, or to a message saying
 * how the child died. */
GsResult *gs_simulate (const GsEngineConfig *cfg, GError **error);

/* Starts SimGrid as CFG says (its --cfg= and --log= arguments, the
 * platform) in a child process, to see whether SimGrid accepts them: it
 * aborts on a setting it refuses, after pages of output.  Returns TRUE, or
 * FALSE with ERROR set to one line that names the arguments and gives
 * SimGrid's reason. */
gboolean gs_simulate_check_simgrid (const GsEngineConfig *cfg, GError **error);

/* Fills CFG for job JOB.  Called in the parent and in workers (which are
 * forked from the parent, so they see the parent's data as it was when the
 * worker started).  What CFG points to must stay alive and unchanged while
 * the pool exists. */
typedef void (*GsSimConfigFunc) (guint job, GsEngineConfig *cfg, gpointer data);

typedef struct GsSimulatePool GsSimulatePool;

/* A pool of at most WORKERS (>= 1) workers that build the configuration of
 * each job with CONFIG (DATA is passed to it).  No process starts yet.
 * With FORK_SERVER FALSE, a worker runs one simulation and exits (no
 * shared start-up: for comparisons).  Ignores SIGPIPE from now on, so
 * that a worker that died shows as an error.  Can't fail. */
GsSimulatePool *gs_simulate_pool_new (guint workers, gboolean fork_server,
                            GsSimConfigFunc config, gpointer data);

/* Starts SimGrid in this process for job JOB (gs_engine_start with its
 * configuration), so that the workers POOL forks from now on simulate from
 * that started state instead of each starting SimGrid: for a pool without
 * fork server whose jobs all need JOB's engine start-up (the same key in
 * gs_simulate_pool_submit), such as a single prediction's run and its
 * sequential run, start-up is paid once instead of once per job.  This
 * process keeps its own signal handlers (the workers get SimGrid's), and
 * must simulate nothing else afterwards: call it at most once in a
 * process, and only with SimGrid arguments that SimGrid accepts (it aborts
 * on others: gs_simulate_check_simgrid).  Returns FALSE and does nothing
 * where POOL has a fork server or SimGrid was started in this process
 * already. */
gboolean gs_simulate_pool_start_here (GsSimulatePool *pool, guint job);

/* Stops the workers (they finish what they run) and frees POOL.  NULL is
 * allowed. */
void gs_simulate_pool_free (GsSimulatePool *pool);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsSimulatePool, gs_simulate_pool_free)

/* How many more jobs POOL takes now. */
guint gs_simulate_pool_idle (const GsSimulatePool *pool);

/* Starts job JOB on an idle worker (there must be one).  KEY names the
 * engine start-up the job needs: jobs of equal keys have the same
 * platform file, host and SimGrid arguments.  Fails with a G_FILE_ERROR
 * when no process can be started. */
gboolean gs_simulate_pool_submit (GsSimulatePool *pool, guint job, const char *key,
                             GError **error);

/* Waits for one running job to finish and returns its number.  Sets
 * *RESULT to its prediction, or leaves it NULL and sets JOB_ERROR to the
 * simulation's one-line error.  At least one job must be running. */
guint gs_simulate_pool_wait (GsSimulatePool *pool, GsResult **result, GError **job_error);

G_END_DECLS
