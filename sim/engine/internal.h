/* internal.h: what the files of sim/engine/ share, and nothing outside it.
 *
 * The engine (engine.h) is six files: engine.c runs a scenario from
 * start-up to result (SimGrid's start-up, the platform's costs, deadlock
 * reports); threads.c is a Python thread on SimGrid (processes, threads and
 * their actor, the glue to each process's GIL, locks), threads_cpu.c its
 * CPU work; interp.c carries out the statements; resources.c the
 * statements that use a resource (disks, servers, process pools); sync.c
 * queues, events, conditions, semaphores, barriers and rlocks.  Each
 * exports its names with its own prefix, gs_engine_, gs_threads_,
 * gs_interp_, gs_resources_, gs_sync_.
 *
 * Every function here runs inside a SimGrid actor, on the engine of the
 * running simulation, unless its contract says otherwise.  A function
 * returning gboolean returns FALSE when the simulation failed: the error is
 * set on the Engine (gs_engine_fail) and, inside simgrid_run, every actor is
 * being killed, so the caller returns FALSE at once.
 */
#pragma once

#include <glib.h>
#include <simgrid/engine.h>
#include <simgrid/forward.h>

#include "engine/engine.h"
#include "gil.h"
#include "lang/eval.h"
#include "lang/random.h"
#include "lang/scenario.h"
#include "engine/noise.h"
#include "engine/result.h"
#include "units.h"

G_BEGIN_DECLS

/* Limits that keep a simulation finite and its memory bounded.  Each is
 * reported as an error at the statement that exceeds it. */
#define MAX_STEPS 5000000.0       /* statements executed, over all threads */
#define MAX_PRINTS 100000         /* printed lines kept */
#define MAX_THREADS 200000.0      /* threads and processes started (about
                                     6 KB of simulator memory each, see
                                     gs_engine_start) */
#define MAX_PROCESSES 5000.0      /* processes started (about 0.3 MB each) */
#define MAX_SECONDS 1e7           /* any single duration (about 115 days) */
#define MAX_ITERATIONS 1e14
#define MAX_REPEAT 1e9
#define MAX_ELEMENTS 1e15
#define MAX_BYTES 1e15            /* one read or write */
#define MAX_NATIVE_THREADS 4096.0 /* threads of one native call */
#define MAX_NESTING 400           /* calls and blocks nested in one thread
                                     (at most 0.4 KB of its stack each) */
#define TIME_EPS 1e-12
#define MIN_WAIT 1e-9             /* the shortest timed wait (see controller_actor) */

typedef struct Engine Engine;
typedef struct Proc Proc;
typedef struct Thread Thread;
typedef struct Pool Pool;         /* a pool's state (resources.c) */
typedef struct Loop Loop;         /* an asyncio event loop (tasks.c) */
typedef struct IpcFeeder IpcFeeder; /* a queue's feeder thread (ipc.c) */
typedef struct GsTrace GsTrace;   /* the run's trace (trace.h), or NULL */
typedef struct GcProc GcProc;     /* a process's collector (collector.c) */

/* A thread's blocked time on one object (gs_threads_count_blocked). */
typedef struct {
  char *what;           /* the wait's WHAT and NAME (copies) */
  char *name;
  double seconds;
  guint64 count;        /* blocking calls */
} ThreadWait;

typedef struct {
  char *name;
  Thread *owner;
  GsLoc taken_at;
  GQueue waiters;       /* Thread* */
} Lock;

/* A `python` statement in progress (gs_threads_python_cpu): what is left
 * of it, where the fast path (fastpath.h) can read and play it. */
typedef struct {
  double work;          /* flops of the program's own code left */
  double extra;         /* flops of overheads (not Python) left */
  double pending;       /* overheads incurred meanwhile, not yet added */
  gboolean at_checkpoint; /* waiting for the GIL at a drop in its code */
  double since;         /* when the statement began */
} PyRun;

struct Proc {
  Engine *eng;
  char *name;
  sg_host_t host;
  GsGil *gil;
  GPtrArray *threads;   /* Thread*, indexed by GIL thread id */
  sg_sem_t ctrl_sem;
  double ctrl_until;    /* when the controller wakes next */
  GHashTable *locks;    /* char* -> Lock* */
  GHashTable *syncs;    /* char* -> queues, events... (sync.c), or NULL */
  GHashTable *shared;   /* char* -> threads touching it (shared.c), or NULL */
  GcProc *gc;           /* its garbage collector (collector.c), or NULL */
  guint n_live;         /* its threads not done (created, not ended) */
  double placed_pos;    /* seconds of slowed work since its Python work was
                           placed on a vCPU (vcpu_escape.h) */
  guint n_py_parked;    /* its threads blocked for the GIL in their
                           `python` statement (fastpath.h) */
  guint n_entry_parked; /* those blocked for the GIL elsewhere, in
                           gs_threads_gil_acquire (fastpath.h) */
  gboolean started_any; /* it started a thread (gs_threads_cold_start) */
  double last_start;    /* when it started its last thread */
};

struct Thread {
  Proc *proc;
  int tid;
  char *name;
  const char *kind;
  sg_actor_t actor;
  sg_sem_t wake;        /* GIL grants and forced-switch releases */
  sg_sem_t done_sem;
  sg_sem_t started_sem; /* Thread.start() waits for the new thread to run */
  sg_sem_t finished_sem;/* released when it ends, for a successor */
  Thread *after;        /* sequential runs: the worker it runs after */
  Thread *successor;    /* sequential runs: a thread whose actor starts
                           when this one ends (not launched before, so
                           that thousands of waiting threads cost no
                           stacks) */
  Pool *pool;           /* a pool worker's pool, or NULL */
  Loop *loop;           /* a task's event loop (tasks.c), or NULL */
  gboolean awaiting;    /* a task in an awaited statement: releasing the
                           GIL lets the loop run another task */
  gboolean yielded;     /* it let the loop go: it takes the loop back
                           before the GIL */
  sg_sem_t loop_sem;    /* a task's turn on the loop */
  IpcFeeder *feeder;    /* a multiprocessing.Queue's feeder thread, or NULL */
  guint catching;       /* bit (1 << GsException) per exception that an
                           enclosing try catches now */
  GsException raised;   /* the exception on its way to that try, or NONE */
  gboolean done;
  /* what it runs */
  const GsFunc *func;
  GsValue *args;
  GsEnv frame;
  double child_start;   /* process start-up cost paid in the child */
  double child_exit;    /* and its exit (interpreter teardown) */
  gboolean child_cpu;   /* those are CPU work (spawn: a fresh interpreter),
                           else mostly waiting (fork, forkserver: the kernel
                           copies and schedules, the child exits at once) */
  gboolean cold_start;  /* it found every idle vCPU halted: it waits
                           thread.first before it runs (gs_threads_cold_start) */
  gboolean is_main;
  guint nesting;        /* bodies it is running, nested (gs_interp_run_body) */
  gboolean daemon;      /* a daemon thread: killed when the program ends */
  /* GIL state as the engine sees it */
  gboolean holds_gil;
  double penalty;       /* switch cost still to pay */
  /* statistics */
  double start, end, cpu, blocked;
  double python;        /* of cpu, the `python` statements' share */
  /* its draws (lang/random.h): its generator, keyed from its creator's key
   * and creation number; the one its code draws from now (a pool item's
   * own, while it runs one); how many threads and pools it created */
  GsRandom rng;
  GsRandom *draws;
  guint64 key;
  guint children;
  double slow_pos;      /* seconds of slowed work done: where its vCPU
                           states are in a drawn sample (noise.h) */
  double slowed;        /* seconds slow vCPUs added to its work (GsWorker) */
  double core_wait;     /* seconds runnable without a full core of its own
                           (GsWorker's core_wait_s) */
  double py_unrun;      /* of cpu, the seconds of its current `python`
                           statement not run yet, as of py_running_since */
  double py_running_since; /* when its current execution of that statement
                           began running, or -1 (waiting, or none): what
                           a killed daemon had not run is taken back */
  gboolean replaced;    /* back from a wait that let its vCPU halt, no
                           slowed work since (vcpu_escape.h) */
  double dirty;         /* bytes its writes left in the page cache for
                           its next fsync of dirty_disk (disk.cache_write) */
  const char *dirty_disk;
  /* what it waits for, for deadlock reports */
  const char *wait_what;
  const char *wait_name;
  GsLoc wait_loc;
  /* blocked time by object: the last wait other than the GIL's, and when
   * it began (gs_threads_count_blocked) */
  GArray *waits;        /* ThreadWait */
  GHashTable *wait_index; /* "WHAT\x1fNAME" -> 1 + its index in waits (past
                             8 waits; NULL before) */
  const char *last_what, *last_name;
  double last_wait_at;
  /* shared objects and collections (shared.c, collector.c) */
  sg_exec_t python_exec;   /* its Python code's execution, while it waits
                              for one (a collection suspends it) */
  gboolean native_attached; /* in a native call that keeps its thread
                              state (the GIL, in a free-threaded build) */
  GArray *overheads;       /* ThreadWait: CPU time lost to contention,
                              object locks and collections, or NULL */
  /* for the fast path (fastpath.h) */
  gboolean parked;      /* blocked in gs_threads_block (no time-out) */
  PyRun *py;            /* its `python` statement in progress, or NULL */
};


struct Engine {
  const GsEngineConfig *cfg;
  gboolean sequential_differs; /* a place where the sequential run would
                                  differ from this run was reached (see
                                  GsEngineConfig.note_sequential) */
  const char *file;
  double speed;
  double loop_s;           /* seconds per Python loop iteration, runtime applied */
  gboolean have_loop;
  GsCosts costs;           /* the host's properties, resolved once at
                              set-up (models/costs.h) */
  double startup;          /* the interpreter's start-up: python.startup, or
                              the config's */
  double old_check_s;      /* old GIL: seconds of Python per check interval */
  double py_factor;        /* Python code's cost under this runtime relative
                              to the platform's calibration version */
  GError *error;
  gboolean running;        /* inside simgrid_run: actors may be killed */
  GPtrArray *procs;        /* Proc* */
  GPtrArray *threads;      /* Thread*, in creation order */
  double steps;
  double poll_interval;     /* longest wait of Python code between GIL looks */
  int slowed_running;       /* executions of slowed work running now */
  int starting;             /* process start-ups (start_cpu) running now */
  guint64 noise_draws;      /* wake-up latencies drawn (noise.h) */
  double machine_factor;    /* a drawn sample's speed factor (noise.h), or 1 */
  double started;
  guint next_thread_number;
  GsResult *result;
  GHashTable *disks;       /* disk id -> sg_disk_t, of the host */
  sg_disk_t membus;        /* the memory bus (membus.h), or NULL */
  GHashTable *servers;     /* name -> Server* (resources.c) */
  guint next_request;      /* names reply mailboxes */
  GHashTable *samples;     /* const GsStmt* -> latency samples (samples.c) */
  guint next_executor;     /* names thread pools: ThreadPoolExecutor-N */
  GsTrace *trace;          /* what threads do, when traced (trace.h) */
  GPtrArray *loops;        /* Loop*: asyncio event loops (tasks.c) */
  guint next_task;         /* names tasks: Task-N */
  GHashTable *ipc;         /* name -> process queues and pipes (ipc.c), or NULL */
  guint n_active;          /* threads launched, not done, not blocked in
                              gs_threads_block (fastpath.h) */
  double stirred_at;       /* when a thread last blocked, ended, started or
                              was resumed: one woken then may not have run
                              yet (fastpath.h) */
};

/* The simulated clock, in seconds. */
static inline double
gs_engine_now (void)
{
  return simgrid_get_clock ();
}

/* ---------------------------------------------------------------------- */
/* engine.c: errors and the statements' costs                              */

/* Stops the simulation with the error "FILE:LINE:COL: message" at LOC of
 * the scenario's file (printf-style FMT), unless an error is already set:
 * the first one stands.  Inside simgrid_run, kills every actor.  Returns
 * FALSE, for "return gs_engine_fail (...)". */
gboolean gs_engine_fail (Engine *eng, GsLoc loc, const char *fmt, ...)
    G_GNUC_PRINTF (3, 4);

/* Takes a GError from eval and stops the simulation with it (ERR is taken
 * over, and freed if an error is already set).  Returns FALSE. */
gboolean gs_engine_fail_with (Engine *eng, GError *err);

/* Fails the simulation at LOC: the host lacks the property ID of the
 * registry, which the statement there requires (the message says what to
 * add).  Returns FALSE. */
gboolean gs_engine_fail_missing (Engine *eng, const char *id, GsLoc loc);

/* The costs of starting a process with METHOD (fork, spawn, forkserver):
 * the parent's serial part, the child's start-up, its exit and the
 * parent's extra for the first start of a row, from the host's
 * process.METHOD.* properties.  A host without the parent's or the
 * child's fails the simulation at LOC naming the property; stores the
 * four and returns TRUE otherwise. */
gboolean gs_engine_start_costs (Engine *eng, const char *method, GsLoc loc,
                                double *parent, double *child, double *exit,
                                double *first);

/* Reads a platform property as a cost; a missing one is an error at LOC.
 * PROP, DIM, HAS_DEFAULT and DEF are gs_host_get's.  Stores the value in
 * *OUT and returns TRUE, or fails the simulation (gs_engine_fail). */
gboolean gs_engine_host_cost (Engine *eng, const char *prop, GsDim dim,
                              gboolean has_default, double def, GsLoc loc,
                              double *out);

/* ---------------------------------------------------------------------- */
/* threads.c: processes, threads, their GIL; threads_cpu.c: their CPU work */

/* Blocks T on SEM, saying what it waits for (WHAT, NAME, LOC: for a
 * deadlock's description, which reads T->wait_what) until SEM is released.
 * WHAT and NAME are not copied: they outlive the wait. */
void gs_threads_block (Thread *t, sg_sem_t sem, const char *what,
                       const char *name, GsLoc loc);

/* Counts the time since T0 as blocked (T->blocked), on the object of T's
 * last wait other than the GIL's (gs_threads_block, gs_threads_nogil_begin)
 * if it began at T0 or later, else on "other".  Every blocked interval
 * goes through here, so the objects' times add up to T->blocked. */
void gs_threads_count_blocked (Thread *t, double t0);

/* The label of a wait on WHAT and NAME (gs_threads_block's) in the
 * per-object blocked time: "lock numpy.random", "sleep", "join", "disk d0",
 * "server web"; unknown kinds read "WHAT NAME".  New string. */
char *gs_threads_wait_label (const char *what, const char *name);

/* Takes the GIL of T's process for T, waiting as long as the GIL says (at
 * LOC, for a deadlock's description).  Does nothing if T holds it. */
void gs_threads_gil_acquire (Thread *t, GsLoc loc);

/* Drops the GIL that T holds, waiting for a switch when the GIL says so
 * (forced switching).  Does nothing if T does not hold it. */
void gs_threads_gil_release (Thread *t, GsLoc loc);

/* A check point: the holder honours a pending drop request. */
void gs_threads_checkpoint (Thread *t, GsLoc loc);

/* Carries out the queued actions of P's GIL model: a grant wakes its
 * thread with the GIL, a resume wakes a thread back from a forced switch,
 * a drop request is left for the holder to see. */
void gs_threads_process_actions (Proc *p);

/* Runs SECONDS of a thread's start-up (a thread's start, a process's
 * interpreter start) on its core, stretched by the slowest of the
 * start-ups running at once (threads_cpu.c); what the slow vCPUs added is
 * counted as slowed, not as CPU work. */
void gs_threads_start_cpu (Thread *t, double seconds);

/* The start of a statement at LOC, a check point like any other, as
 * CPython's eval loop checks between bytecodes: when T holds the GIL, the
 * GIL's timers due now fire first (whether the GIL's controller or T runs
 * first at this instant), then T honours a pending drop request.  So
 * `repeat 2000: python 100us` takes turns as `python 200ms` does. */
void gs_threads_boundary (Thread *t, GsLoc loc);

/* A blocking call of thread T at LOC: releases the GIL and says what T
 * waits for (WHAT, NAME: for a deadlock's description); returns when it
 * began, for gs_threads_nogil_end. */
double gs_threads_nogil_begin (Thread *t, GsLoc loc, const char *what,
                               const char *name);

/* The end of the blocking call begun at T0: counts the time as blocked and
 * takes the GIL back. */
void gs_threads_nogil_end (Thread *t, GsLoc loc, double t0);

/* Runs SECONDS of CPU work on the thread's core, without check points: a
 * native call, or start-up work.  SLOWED: the host's slow virtual CPUs
 * stretch it (cpu.slow_fraction, see threads_cpu.c). */
void gs_threads_native_cpu (Thread *t, double seconds, gboolean slowed);

/* Runs a native call of SECONDS of CPU work, split evenly over THREADS
 * threads of its own (a BLAS call: parallel executions that share the cores
 * with everything else), that streams BYTES through memory and fills ALLOC
 * bytes of fresh memory.  With a memory bus (membus.h), the bytes cross it
 * while the CPU work runs: the call ends when both are done, so threads
 * that stream or allocate at once share the bus. */
void gs_threads_native_work (Thread *t, double seconds, double threads,
                             double bytes, double alloc, gboolean slowed);

/* Runs SECONDS of Python code.  Python reaches a check point at every loop
 * iteration, so a drop request stops it at once.  The thread waits for its
 * execution at most until the GIL's next timer, and never longer than one
 * switch interval (a waiter that arrives meanwhile cannot set a drop request
 * sooner than one interval after it arrived); there it fires the due timers
 * itself and, if the GIL must be dropped, pauses its work: the execution is
 * cancelled and restarted with what remained once the GIL is back. */
void gs_threads_python_cpu (Thread *t, double seconds, GsLoc loc);

/* threading.Lock.acquire of the lock NAME of T's process: takes it at
 * once when it is free, whoever waits (CPython tries first without
 * waiting), else waits with the GIL released until a release wakes T and
 * T, the OS's wake-up latency (gil.handoff_latency) later, finds it free.
 * Fails the simulation (a deadlock) if T holds the lock already. */
gboolean gs_threads_lock_acquire (Thread *t, const char *name, GsLoc loc);

/* gs_threads_lock_acquire with a timeout: gives up at DEADLINE (a time;
 * < 0: never), as lock.acquire(timeout=...) does, and stores in *GOT
 * whether T holds the lock.  With a deadline, a thread that holds the lock
 * already waits until then (or until another thread releases it). */
gboolean gs_threads_lock_acquire_timed (Thread *t, const char *name, GsLoc loc,
                                        double deadline, gboolean *got);

/* threading.Lock.release of the lock NAME, which T holds: frees it and
 * wakes its longest waiter, if any (not a hand-over: the lock goes to
 * whoever asks first). */
void gs_threads_lock_release (Thread *t, const char *name);

/* multiprocessing's default start method: spawn on macOS and Windows (the
 * host's python.os), else the runtime's (fork up to 3.13, forkserver from
 * 3.14).  The string is static or the runtime's. */
const char *gs_threads_default_method (Engine *eng);

/* A new Python process NAME (copied) on the engine's host, with its own
 * GIL and, unless the runtime has none, its GIL controller actor; added to
 * ENG->procs, which owns it (gs_threads_proc_free).  Can run outside an
 * actor, before simgrid_run. */
Proc *gs_threads_proc_new (Engine *eng, const char *name);

/* Frees a Proc (a GDestroyNotify for ENG->procs), once its actors are gone. */
void gs_threads_proc_free (gpointer data);

/* A new thread NAME (copied) of process P, of KIND ("main", "thread",
 * "process": static strings), that runs FUNC with ARGS (taken over: one
 * per parameter of FUNC) or, with FUNC NULL, the scenario's main body.
 * Added to P's threads and ENG->threads, which owns it (gs_threads_free);
 * it starts running at gs_threads_launch.  Can run outside an actor. */
Thread *gs_threads_new (Proc *p, const char *name, const char *kind,
                        const GsFunc *func, GsValue *args);

/* Seeds the draws of CHILD, which PARENT creates (NULL for the main
 * thread, whose key is the run's seed): its key comes from PARENT's and
 * how many threads and pools PARENT created before, so it does not depend
 * on the order the simulation runs threads in. */
void gs_threads_seed (Thread *child, Thread *parent);

/* A wake-up latency of mean MEAN (gil.handoff_latency): MEAN, or drawn in
 * a sample (noise.h). */
double gs_threads_latency (Engine *eng, double mean);

/* The generator of the thread running now, for lang/random.h's source
 * (gs_random_set_source): the engine sets it while simgrid_run runs.  It
 * reads the running actor's data as a Thread: only thread actors evaluate
 * expressions (GIL controllers and servers do not). */
GsRandom *gs_threads_random (void);

/* Frees a Thread (a GDestroyNotify for ENG->threads), once its actor is
 * gone. */
void gs_threads_free (gpointer data);

/* Whether a thread that process P starts now finds every idle vCPU
 * halted, and so waits thread.first before it runs: P started no thread
 * in the last os.idle_poll (Linux puts a new thread on the idle vCPU that
 * went idle last: one that a thread started just before left when it
 * blocked still polls).  Records the start. */
gboolean gs_threads_cold_start (Proc *p);

/* Starts T's actor on its process's host: it pays the process's start-up,
 * takes the GIL, runs its body (or its pool's work), drops the GIL and
 * marks T done.  Can run outside an actor, before simgrid_run. */
void gs_threads_launch (Thread *t);

/* ---------------------------------------------------------------------- */
/* interp.c: the statements                                                */

/* Evaluates E in ENV as a quantity of dimension DIM at most MAX (WHAT names
 * it in errors) into *OUT; fails the simulation otherwise. */
gboolean gs_interp_quantity (Thread *t, const GsExpr *e, const GsEnv *env,
                             GsDim dim, double max, const char *what,
                             double *out);

/* shared.c: Python code that touches an object other threads touch      */

/* Runs SECONDS of Python code of the `python ... touching NAME` statement
 * S (S->name set) on T, evaluating S->e2, the touches, in ENV; ITERATIONS
 * is the statement's count of iterations (the touches when S->e2 is
 * NULL), or -1 for a duration.  Without a GIL, the threads of T's process
 * that touch the same object at once serialise on its cache line
 * (models/contention.h): T's code takes longer by what its touches wait,
 * looked at again every millisecond of it.  Fails the simulation (FALSE)
 * for a bad count. */
gboolean gs_shared_python (Thread *t, const GsStmt *s, const GsEnv *env,
                           double seconds, double iterations);

/* Adds SECONDS of T's CPU time lost to WHAT on NAME (both static or
 * outliving the run: "contention", "object lock", "gc collection") to
 * T's overheads, which the result reports apart from its blocked time. */
void gs_shared_add_overhead (Thread *t, const char *what, const char *name,
                             double seconds);

/* The label of an overhead (gs_shared_add_overhead's WHAT and NAME):
 * "WHAT NAME", or WHAT.  New string. */
char *gs_shared_overhead_label (const char *what, const char *name);

/* ---------------------------------------------------------------------- */
/* collector.c: CPython's cyclic garbage collector (models/gc.h)          */

/* T's Python code (the statement at LOC) allocated OBJECTS objects: counts them in T's process and
 * runs each collection that becomes due.  The GIL build collects in T,
 * holding the GIL; the free-threaded build stops the world first: the
 * process's other threads running Python stop at once (their execution is
 * suspended), those in a native call that keeps their thread state are
 * waited for, and every thread that attaches meanwhile parks; they lose
 * the pause as blocked time on "gc pause".  Fails the simulation (FALSE)
 * for a bad gc line. */
gboolean gs_collector_allocated (Thread *t, double objects, GsLoc loc);

/* A safe point of T: when T is attached (holds its process's GIL, which a
 * free-threaded build always grants) and a free-threaded collection of
 * its process stops the world, T parks until the world restarts.  Cheap
 * when nothing collects. */
void gs_collector_safepoint (Thread *t, GsLoc loc);

/* The end of T's native call that kept its thread state: a collection
 * that waits for T to stop counts it as stopped, and T parks. */
void gs_collector_native_end (Thread *t);

/* Frees P's collector, after the run, outside any actor. */
void gs_collector_free (Proc *p);

/* gs_interp_quantity of a count that must be a whole number. */
gboolean gs_interp_whole_number (Thread *t, const GsExpr *e, const GsEnv *env,
                                 double max, const char *what, double *out);

/* Evaluates the arguments of S in ENV into *OUT, a new array of
 * S->args->len values (and one more, zeroed) that the caller clears and
 * frees.  Fails the simulation on an error, with *OUT untouched. */
gboolean gs_interp_eval_args (Thread *t, const GsStmt *s, const GsEnv *env,
                              GsValue **out);

/* Thread T's statement at hand raises EXC (a put or get that timed out, a
 * broken barrier): when an enclosing try catches it, the rest of the try's
 * block is skipped and its except block runs; otherwise the program goes
 * on with the next statement, as if the exception were caught there. */
void gs_interp_raise (Thread *t, GsException exc);

/* Runs the statements of BODY one after another in thread T, with the
 * variables of ENV.  GROUPS maps the names of the worker groups started in
 * this body (start ... as NAME) to their threads, for join; it is the
 * caller's.  Returns FALSE as soon as one fails. */
gboolean gs_interp_run_body (Thread *t, GPtrArray *body, const GsEnv *env,
                             GHashTable *groups);

/* ---------------------------------------------------------------------- */
/* tasks.c: asyncio event loops, their tasks, to_thread                    */

/* START of tasks (S->start_kind GS_START_TASKS): `run N tasks f(...)` (S
 * has no group name) makes an event loop of T's process, starts the
 * tasks on it and waits, the GIL released, until every task of the loop
 * has ended (asyncio.run of their gather); `G = start N tasks f(...)` in
 * a task adds them to T's loop as group G of GROUPS (asyncio.create_task),
 * to run when the loop comes to them.  In a sequential run each task of
 * the statement waits for the one before it to end. */
gboolean gs_tasks_start (Thread *t, const GsStmt *s, const GsEnv *env,
                         GHashTable *groups);

/* await to_thread f(...) (S) in task T: runs f in a thread of the loop's
 * default executor (min(32, cores + 4) threads, started on first use; a
 * call queues for a free one) while T awaits it. */
gboolean gs_tasks_to_thread (Thread *t, const GsStmt *s, const GsEnv *env);

/* Task T lets its loop go (it released the GIL in an awaited statement):
 * the longest-ready task gets it. */
void gs_tasks_yield (Thread *t);

/* Task T, which let its loop go, takes it back, waiting (at LOC) behind
 * the tasks that became ready before it. */
void gs_tasks_resume (Thread *t, GsLoc loc);

/* Task T has ended, the GIL released: the loop goes to the next task, and
 * asyncio.run returns after the last. */
void gs_tasks_end (Thread *t);

/* Frees a Loop (a GDestroyNotify for ENG->loops), once its actors are gone. */
void gs_tasks_loop_free (gpointer data);

/* ---------------------------------------------------------------------- */
/* sync.c: queues, events, conditions, semaphores, barriers, rlocks        */

/* Runs S, a GS_STMT_SYNC (put, get, set, clear, wait, notify, notify_all,
 * acquire, release) on an object of T's process (each process has its
 * own, made on first use), or acquire and release on a threading.Lock.
 * Every wait releases the GIL through gs_threads_nogil_begin/_end, with
 * the object's kind ("queue", "event", ...) and name; a timed-out wait
 * goes on with the next statement.  Fails the simulation on a misuse
 * (waiting on a condition without its lock, releasing a bounded semaphore
 * too often, an rlock T does not hold). */
gboolean gs_sync_do (Thread *t, const GsStmt *s, const GsEnv *env);

/* with NAME: for a declared rlock, condition or semaphore: acquires it,
 * runs the body of S (ENV and GROUPS as gs_interp_run_body's), releases. */
gboolean gs_sync_run_with (Thread *t, const GsStmt *s, const GsEnv *env,
                           GHashTable *groups);

/* join G timeout D (S): for t in G: t.join(timeout=D), the GIL released,
 * MEMBERS being G's threads. */
gboolean gs_sync_join (Thread *t, const GsStmt *s, const GsEnv *env,
                       GPtrArray *members);

/* After a run with threads left blocked: when one (the first in creation
 * order) waits on a queue, event, condition, semaphore, barrier or rlock,
 * fails the simulation with a deadlock at its wait, saying why, and
 * returns TRUE; else FALSE.  Outside any actor. */
gboolean gs_sync_describe_deadlock (Engine *eng);

/* ---------------------------------------------------------------------- */
/* resources.c: disks, servers and process pools                           */

/* read, write, fsync: each call releases the GIL for its I/O, which shares
 * the disk's bandwidth with the other I/O of the moment (SimGrid's disk
 * model), and takes the GIL back afterwards.  The disk was checked before
 * the run (check_disks, in engine.c). */
gboolean gs_resources_do_disk (Thread *t, const GsStmt *s, const GsEnv *env);

/* request: the GIL is released while the request crosses the network to
 * the server, waits for a free slot there, is served, and the reply comes
 * back; SimGrid's network model shares the links' bandwidth and adds their
 * latency. */
gboolean gs_resources_do_request (Thread *t, const GsStmt *s, const GsEnv *env);

/* send and receive: SIZE bytes cross the route between the program's host
 * and the server's, one way, with the GIL released; SimGrid's network
 * model shares the links and adds their latency.  The server's service
 * and slots are for requests: here it is only the other end. */
gboolean gs_resources_do_transfer (Thread *t, const GsStmt *s, const GsEnv *env);

/* Evaluates the servers' options, checks their hosts and routes, and starts
 * their actors: before the run, outside any actor.  The servers go into
 * ENG->servers (name -> Server*, freed with g_free). */
gboolean gs_resources_start_servers (Engine *eng);

/* pool P processes map f(...) over K items: starts P worker processes as
 * start does, waits with the GIL released until every chunk is done and
 * the workers have ended.  The sequential run uses one worker. */
gboolean gs_resources_do_pool (Thread *t, const GsStmt *s, const GsEnv *env);

/* A pool worker's life: takes chunks until none is left.  Per chunk, the
 * parent's task handler pickles the arguments and writes them into the
 * pipe (one chunk at a time, for all workers), the worker unpickles them,
 * runs the function for each item, pickles the results and sends them
 * back, and the parent's result handler unpickles them (one at a time).
 * The parent's pickling is counted in the worker's CPU time.  T->pool is
 * the pool, set by gs_resources_do_pool. */
gboolean gs_resources_pool_work (Thread *t);

/* ---------------------------------------------------------------------- */
/* ipc.c: multiprocessing.Queue and Pipe                                    */

/* put, put_nowait, get, get_nowait on the process_queue D, or recv on the
 * pipe D (S, a GS_STMT_SYNC; DEADLINE the timeout's end, or < 0).  The
 * object is shared by every process.  put hands the item (S->e2 bytes,
 * pickled) to the feeder thread of T's process, started on the first put,
 * after waiting for a free slot of a queue with a maxsize; get and recv
 * wait for a message with the GIL released, then unpickle it with the GIL
 * held.  A put or get that times out goes on (queue.Full, queue.Empty). */
gboolean gs_ipc_do (Thread *t, const GsStmt *s, const GsEnv *env,
                    const GsSyncDecl *d, double deadline);

/* send SIZE to PIPE (Connection.send): pickles in T with its GIL held,
 * then writes into the pipe with the GIL released; a message bigger than
 * the pipe's 64 KiB waits for a reader. */
gboolean gs_ipc_send (Thread *t, const GsStmt *s, const GsEnv *env);

/* The life of a feeder thread T (T->feeder set): pickles each item put
 * (GIL held) and writes it into the queue's pipe (GIL released), until its
 * process ends and nothing is left. */
gboolean gs_ipc_feeder_work (Thread *t);

/* The end of T, the first thread of its process, when its function or the
 * main program returns: as CPython's exit handlers join the feeder
 * threads, T waits (GIL released) until its process's feeders have
 * written every item.  Does nothing without process queues. */
void gs_ipc_process_exit (Thread *t);

/* After a run with threads left blocked: when one (the first in creation
 * order) joins a process whose queue feeder still waits for a reader (it
 * put items nobody took), fails the simulation saying so and returns
 * TRUE; else FALSE.  Outside any actor. */
gboolean gs_ipc_describe_deadlock (Engine *eng);

/* At a round of a daemon thread's endless loop: when every thread the
 * program waits for is ending its process and waits for a feeder that
 * waits for a reader (only daemon threads run, and they would run on to
 * the step limit), fails the simulation with that deadlock and returns
 * FALSE; else TRUE. */
gboolean gs_ipc_check_daemon_round (Engine *eng);

/* Frees ENG's queues and pipes, after the run, outside any actor. */
void gs_ipc_free (Engine *eng);

/* ---------------------------------------------------------------------- */
/* samples.c: latency figures of repeated statements                        */

/* A run of print statement S by T: the interval since T last ran S is a
 * sample of S (none the first time). */
void gs_samples_print (Thread *t, const GsStmt *s);

/* A sample of SECONDS of statement S, labelled WHAT ("request web",
 * copied the first time). */
void gs_samples_add (Thread *t, const GsStmt *s, const char *what, double seconds);

/* Adds the figures of every statement with samples to R, by line.  Runs
 * outside the actors, after simgrid_run. */
void gs_samples_collect (Engine *eng, GsResult *r);

/* Frees the samples of ENG. */
void gs_samples_free (Engine *eng);

G_END_DECLS
