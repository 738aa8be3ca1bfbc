/* scenario.h: a parsed scenario (the program gilsim predicts).
 *
 * The grammar (docs/language.md has the full reference):
 *
 *   scenario   := { toplevel NEWLINE }
 *   toplevel   := 'runtime' RUNTIME { NAME '=' expr }
 *               | 'platform' STRING
 *               | 'shared' NAME ['dict'|'list'] {',' NAME ['dict'|'list']}
 *                                                     (parse_shared.c)
 *               | 'gc' {'heap' expr 'objects' | 'threshold' expr}
 *               | 'server' NAME 'on' (NAME|STRING) { 'service' expr
 *                      | 'concurrency' expr }
 *               | NAME '=' expr                       (a parameter)
 *               | 'def' NAME '(' [NAME {',' NAME}] ')' ':' block
 *               | stmt                                (the main thread)
 *   stmt       := 'print' expr
 *               | 'python' expr ['iterations' ['compact']]  (count, or CPU time)
 *                      ['touching' NAME [expr 'times']]
 *                      ['allocating' expr 'objects']
 *               | 'sleep' expr
 *               | 'native' (expr | PRESET '(' expr ')')
 *                      { 'nogil' | 'lock' NAME | 'threads' expr }
 *               | 'import' NAME {'.' NAME} [expr]
 *               | 'repeat' (expr | 'forever') ['as' NAME] ':' block
 *               | 'with' 'lock' NAME ':' block
 *               | NAME '=' 'start' expr ['daemon'] ('threads'|'processes') NAME
 *                      '(' args ')' ['using' NAME]
 *               | 'join' NAME ['timeout' expr]
 *               | sync statements: put, get, set, clear, wait, notify,
 *                 notify_all, acquire, release, task_done, with NAME,
 *                 join QUEUE (parse_sync.c)
 *               | 'write' expr 'to' 'disk' NAME ['chunk' expr]
 *               | 'read' expr 'from' 'disk' NAME ['chunk' expr]
 *               | 'fsync' 'disk' NAME
 *               | 'request' expr 'from' NAME ['sending' expr]
 *               | 'pool' expr 'processes' ('map' | 'imap_unordered'
 *                      | 'apply_async' | ['executor'] ('map' | 'submit'))
 *                      NAME '(' args ')' 'over' expr
 *                      'items' { 'chunksize' expr | 'argsize' expr
 *                      | 'resultsize' expr | 'using' NAME }   (parse_pool.c)
 *               | 'if' expr ':' block { 'elif' expr ':' block } [ 'else' ':' block ]
 *               | 'try' ':' block 'except' NAME {'.' NAME} ':' block
 *               | NAME '(' args ')'                   (a call, run inline)
 *   expr       := numbers with units, strings with {name} fields, names,
 *                 + - * / // % ** and parentheses, comparisons (== != < <=
 *                 > >=), and/or/not, draws (uniform(a, b) ...)
 *
 * Every node keeps its source location for messages.
 */
#pragma once

#include <glib.h>
#include "lang/lexer.h"
#include "units.h"

G_BEGIN_DECLS

typedef struct {
  int line, col;
} GsLoc;

typedef enum {
  GS_EXPR_NUMBER,
  GS_EXPR_STRING,   /* may hold {name} fields, filled in at run time */
  GS_EXPR_NAME,
  GS_EXPR_BINARY,   /* op in text: + - * / // % ** */
  GS_EXPR_NEG,
  GS_EXPR_COMPARE,  /* op in text: == != < <= > >=; 1 when true, else 0 */
  GS_EXPR_AND,      /* a and b, short-circuit; 1 or 0 */
  GS_EXPR_OR,       /* a or b, short-circuit; 1 or 0 */
  GS_EXPR_NOT,      /* not a; 1 or 0 */
  GS_EXPR_DRAW,     /* text: uniform, randint, exponential, normal, lognormal;
                       its nargs arguments in a (and b) */
} GsExprKind;

typedef struct _GsExpr GsExpr;
struct _GsExpr {
  GsExprKind kind;
  GsLoc loc;
  double num;
  GsDim dim;
  char *text;       /* STRING contents, NAME, BINARY operator */
  GsExpr *a, *b;
  int nargs;        /* DRAW: how many of a, b it takes */
};

typedef enum {
  GS_STMT_PRINT,
  GS_STMT_PYTHON,     /* e1: count (iterations) or duration (CPU time);
                         name: the shared object it touches, e2: how often
                         (NULL: once an iteration), or both NULL */
  GS_STMT_SLEEP,
  GS_STMT_NATIVE,     /* e1: duration, or preset's argument */
  GS_STMT_IMPORT,     /* name: module; e1: optional explicit cost */
  GS_STMT_REPEAT,
  GS_STMT_WITH_LOCK,
  GS_STMT_START,
  GS_STMT_JOIN,
  GS_STMT_CALL,
  GS_STMT_DISK,       /* io: what; e1: size; e2: chunk or NULL; name: disk */
  GS_STMT_REQUEST,    /* e1: reply size; e2: request size or NULL; name: server */
  GS_STMT_SEND,       /* e1: size; name: server (bytes to its host) */
  GS_STMT_RECEIVE,    /* e1: size; name: server (bytes from its host) */
  GS_STMT_POOL,       /* e1: processes; func, args; items, chunksize, argsize,
                         resultsize; method */
  GS_STMT_IF,         /* e1: condition; body; orelse (else/elif) or NULL */
  GS_STMT_SYNC,       /* sync_op on the object name (parse_sync.c); e1: the
                         timeout or NULL; e2: notify's count, or the pickled
                         size of a put on a process_queue, or NULL */
  GS_STMT_TRY,        /* body; orelse: the except block, for exc */
  GS_STMT_TO_THREAD,  /* await to_thread f(args): func, args (parse_async.c) */
} GsStmtKind;

/* What a GS_STMT_SYNC does to its object (queue.Queue, threading.Event,
 * ...): put jobs, get jobs timeout 1s, set ready, wait ready, notify c... */
typedef enum {
  GS_SYNC_PUT, GS_SYNC_GET, GS_SYNC_SET, GS_SYNC_CLEAR, GS_SYNC_WAIT,
  GS_SYNC_NOTIFY, GS_SYNC_NOTIFY_ALL, GS_SYNC_ACQUIRE, GS_SYNC_RELEASE,
  GS_SYNC_TASK_DONE, GS_SYNC_JOIN,   /* Queue.task_done(), Queue.join() */
  GS_SYNC_RECV,                      /* Connection.recv() of a pipe */
  GS_SYNC_PUT_NOWAIT, GS_SYNC_GET_NOWAIT,
} GsSyncOp;

/* The kinds of synchronisation objects a scenario declares at the top
 * level (`queue jobs maxsize 2`, `event ready`, ...). */
typedef enum {
  GS_SYNC_QUEUE, GS_SYNC_EVENT, GS_SYNC_CONDITION, GS_SYNC_SEMAPHORE,
  GS_SYNC_BOUNDED_SEMAPHORE, GS_SYNC_BARRIER, GS_SYNC_RLOCK,
  GS_SYNC_PROCESS_QUEUE,   /* multiprocessing.Queue, shared by processes */
  GS_SYNC_PIPE,            /* multiprocessing.Pipe(duplex=False) */
} GsSyncKind;

typedef struct {
  char *name;
  GsSyncKind kind;
  GsExpr *value;     /* queue: maxsize; semaphores: the initial value;
                        barrier: the parties; or NULL */
  GsLoc loc;
} GsSyncDecl;

typedef enum { GS_IO_READ, GS_IO_WRITE, GS_IO_FSYNC } GsIoKind;

/* The exceptions a `try:` ... `except NAME:` catches: a put, get or
 * barrier wait that times out (or does not wait) raises one. */
typedef enum {
  GS_EXC_NONE, GS_EXC_EMPTY, GS_EXC_FULL, GS_EXC_BROKEN_BARRIER,
} GsException;

/* START's workers: threads, processes, or asyncio tasks (`run N tasks
 * f()` when START has no group name: asyncio.run of their gather). */
typedef enum { GS_START_THREADS, GS_START_PROCESSES, GS_START_TASKS } GsStartKind;

/* The call a GS_STMT_POOL stands for: multiprocessing.Pool's map,
 * imap_unordered or apply_async (one call per item), or an executor's map
 * or submit (ThreadPoolExecutor for threads, ProcessPoolExecutor for
 * processes: `pool 4 processes executor map ...`). */
typedef enum {
  GS_POOL_MAP, GS_POOL_IMAP_UNORDERED, GS_POOL_APPLY_ASYNC,
  GS_POOL_EXECUTOR_MAP, GS_POOL_EXECUTOR_SUBMIT,
} GsPoolCall;

typedef struct _GsStmt GsStmt;
struct _GsStmt {
  GsStmtKind kind;
  GsLoc loc;
  GsExpr *e1;
  GsExpr *e2;        /* DISK: chunk size; NATIVE: its own threads; or NULL */
  GsIoKind io;       /* DISK */
  char *name;        /* IMPORT module, WITH_LOCK/NATIVE lock, START group,
                        JOIN group, CALL/START function, DISK disk */
  GsLoc name_loc;
  char *preset;      /* NATIVE: preset name ("numpy.random.rand") or NULL */
  gboolean nogil;    /* NATIVE: releases the GIL */
  gboolean iterations; /* PYTHON: 'iterations' was written */
  gboolean compact;  /* PYTHON: 'iterations compact': the loop's sum stays
                        one digit (python.loop_compact) */
  char *lock;        /* NATIVE: lock held during the call, or NULL */
  GsLoc lock_loc;
  GsStartKind start_kind;
  gboolean daemon;   /* START threads: daemon threads (the program does not
                        wait for them) */
  gboolean forever;  /* REPEAT: 'repeat forever:', e1 NULL */
  char *func;        /* START: the worker function */
  GsLoc func_loc;
  char *method;      /* START processes: fork, spawn, forkserver or NULL */
  GsLoc method_loc;
  GPtrArray *args;   /* START, CALL: GsExpr* */
  GPtrArray *body;   /* REPEAT, WITH_LOCK, IF: GsStmt* */
  GPtrArray *orelse; /* IF: the else branch (an elif is an IF in it), or NULL */
  GsExpr *items, *chunksize, *argsize, *resultsize;  /* POOL; all but items
                                                        optional */
  GsSyncOp sync_op;  /* SYNC */
  GsPoolCall pool_call; /* POOL */
  GsException exc;   /* TRY: what its except block catches */
  gboolean awaited;  /* 'await' was written before it (in an async def) */
  GsExpr *allocs;    /* PYTHON: the objects it allocates, or NULL */
};

typedef struct {
  char *name;
  char *host;          /* the platform host it runs on */
  GsExpr *service;     /* time to serve one request, or NULL (0) */
  GsExpr *concurrency; /* requests served at once, or NULL (1) */
  GsLoc loc, host_loc;
} GsServer;          /* server web on host2 service 50ms concurrency 4 */

typedef struct {
  char *name;
  GPtrArray *params; /* char* */
  GPtrArray *body;   /* GsStmt* */
  GsLoc loc;
  gboolean is_async; /* async def: a coroutine, run as an asyncio task */
} GsFunc;

/* NAME = EXPR: a parameter (N = 3), or a runtime option after 'runtime'
 * (switch_interval = 5ms), which is written and kept the same way. */
typedef struct {
  char *name;
  GsExpr *value;
  GsLoc loc;
} GsParam;

typedef GsParam GsOption;

typedef struct {
  char *path;            /* as given */
  char *digest;          /* SHA-256 of the file's text, in hex: a results
                            file knows by it whether the scenario changed */
  GPtrArray *params;     /* GsParam*, in file order */
  GPtrArray *funcs;      /* GsFunc*, in file order */
  GPtrArray *main;       /* GsStmt*: the main thread's program */
  char *runtime;         /* NULL: the default */
  GsLoc runtime_loc;
  GPtrArray *options;    /* GsOption* after 'runtime' */
  GPtrArray *locks;      /* char*: declared with `lock NAME` (threading.Lock) */
  char *platform;        /* default platform, resolved against the file's folder */
  GsLoc platform_loc;
  GPtrArray *servers;    /* GsServer*, in file order */
  GPtrArray *syncs;      /* GsSyncDecl*: queues, events, ... (parse_sync.c) */
  GPtrArray *shared;     /* char*: objects threads share, `shared NAME`
                            (parse_shared.c) */
  GPtrArray *shared_locked; /* char*: of those, the dicts and lists, whose
                               touches take their lock */
  GsExpr *gc_heap;       /* `gc heap N objects`, or NULL */
  GsExpr *gc_threshold;  /* `gc threshold N`, or NULL */
  GsLoc gc_loc;          /* the gc line (line 0: none) */
} GsScenario;

/* Reads and parses the scenario file PATH.  Returns NULL with ERROR set to a
 * one-line "PATH:LINE:COL: message" for an unreadable file, a syntax error or
 * a reference to an unknown function, parameter, worker group or preset. */
GsScenario *gs_scenario_load (const char *path, GError **error);

/* Parses scenario text; PATH is used in messages and to resolve 'platform'. */
GsScenario *gs_scenario_parse (const char *path, const char *text, gsize len,
                               GError **error);

/* Frees SC and everything it owns.  NULL is allowed. */
void gs_scenario_free (GsScenario *sc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsScenario, gs_scenario_free)

/* The function named NAME, or NULL. */
const GsFunc *gs_scenario_func (const GsScenario *sc, const char *name);

/* The server named NAME, or NULL. */
const GsServer *gs_scenario_server (const GsScenario *sc, const char *name);

/* The synchronisation object (queue, event, ...) named NAME, or NULL. */
const GsSyncDecl *gs_scenario_sync (const GsScenario *sc, const char *name);

/* The parameter named NAME, or NULL. */
const GsParam *gs_scenario_param (const GsScenario *sc, const char *name);

/* Frees E and its operands.  NULL is allowed. */
void gs_expr_free (GsExpr *e);

/* Parses TEXT (a command-line value such as "10**7" or "5ms") as an
 * expression.  The result has no names in it: only literals and operators.
 * WHAT names the source in messages ("-L N"). */
GsExpr *gs_expr_parse_value (const char *what, const char *text, GError **error);

G_END_DECLS
