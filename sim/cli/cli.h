/* cli.h: what gilsim's commands share.
 *
 * gilsim is a command table (main.c) and one file per command (cmd_*.c),
 * each with its own options, usage text and glue: the work itself is done
 * by the layers below (run/, results/, validate/).  A command reads its
 * options, checks its arguments, calls them, and prints.
 *
 * Conventions: only the command line prints and exits.  A message for bad
 * input is one line on stderr, and the exit status is then CLI_EXIT_USAGE
 * (cli_die); an option that belongs to another command is such an error,
 * and says whose it is.  Success exits with 0.
 */
#pragma once

#include <glib.h>
#include "platform/platform.h"

G_BEGIN_DECLS

/* The exit status for bad input: a bad file, option or argument. */
#define CLI_EXIT_USAGE 2

/* One command of gilsim. */
typedef struct {
  const char *name;             /* "run" */
  const char *args;             /* its arguments, for usage lines: "SCENARIO" */
  const char *summary;          /* one line, for gilsim --help */
  const char *help;             /* COMMAND --help's text after the options */
  const GOptionEntry *options;  /* its options, G_OPTION_ENTRY_NULL-terminated */
  gboolean simgrid;             /* takes SimGrid's --cfg= and --log= */
  /* Runs the command on ARGV (ARGC of them: the command's name, then its
   * arguments; options removed), with SimGrid's arguments SIMGRID_ARGS
   * (char*).  Returns the exit status, or dies. */
  int (*run) (int argc, char **argv, GPtrArray *simgrid_args);
} CliCommand;

/* Prints MSG and a newline on stderr and exits with CLI_EXIT_USAGE. */
G_NORETURN void cli_die (const char *msg);

/* cli_die with a printf-style message. */
G_NORETURN void cli_die_printf (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

/* Parses the options of *ARGV (*ARGC of them, the first the command's name
 * or the program's) into COMMAND->options, and leaves the other arguments
 * in *ARGV.  COMMANDS (N_COMMANDS of them) are every command: an option of
 * one of them that COMMAND does not take is a one-line error naming the
 * commands it belongs to.  COMMAND->name NULL stands for the program itself,
 * whose options go before the command: its parsing stops at the first
 * argument that is not an option.  --help prints COMMAND's options and help
 * text, and exits with 0.  Dies on a bad option or value. */
void cli_parse (const CliCommand *commands, gsize n_commands, const CliCommand *command,
                int *argc, char ***argv);

/* Takes SimGrid's --cfg=ITEM:VALUE and --log=... arguments out of ARGV
 * (NULL-terminated, *ARGC of them), in order, and returns them (char*).
 * Dies with a one-line message for a --cfg setting that gilsim does not
 * pass on (one that changes what gilsim relies on, or can hang SimGrid) or
 * a value it does not take. */
GPtrArray *cli_simgrid_args (int *argc, char **argv);

/* The machine to predict on: --platform and --host; the Python:
 * --runtime and --switch-interval.  Strings owned. */
typedef struct {
  char *platform;
  char *host;
  char *runtime;
  char *switch_interval;
} CliMachine;

void cli_machine_clear (CliMachine *m);

/* The entries of --platform FILE (described by PLATFORM_HELP, what the
 * platform is to the command) and --host NAME, into CliMachine M. */
#define CLI_MACHINE_OPTIONS(m, platform_help)                                     \
  { "platform", 'p', 0, G_OPTION_ARG_FILENAME, &(m).platform, platform_help,     \
    "FILE" },                                                                    \
  { "host", 0, 0, G_OPTION_ARG_STRING, &(m).host,                                \
    "host of the platform to run on (default: its first host)", "NAME" }

/* The entries of --runtime NAME and --switch-interval DURATION, into
 * CliMachine M. */
#define CLI_PYTHON_OPTIONS(m)                                                     \
  { "runtime", 'r', 0, G_OPTION_ARG_STRING, &(m).runtime,                        \
    "Python runtime, e.g. cpython-3.12, cpython-3.13t, cpython-2.7", "NAME" },   \
  { "switch-interval", 0, 0, G_OPTION_ARG_STRING, &(m).switch_interval,          \
    "GIL switch interval (sys.setswitchinterval), e.g. 5ms", "DURATION" }

/* The host named NAME in PLATFORM, or its first host when NAME is NULL;
 * dies with a message that lists the hosts when there is none such. */
const GsHost *cli_choose_host (const char *name, const GsPlatform *platform);

/* The records of a measurements file predicted on a platform's host, as
 * validate and calibrate need them. */
typedef struct {
  GsPlatform *platform;
  const GsHost *host;
  GPtrArray *rows;   /* GsValidation * */
  GPtrArray *fits;   /* GsFit *: the session's values */
  guint samples;     /* set before loading: drawn samples per row (validate
                        --samples), 0 for none */
} CliPredicted;

/* Fills P with the records of the file PATH predicted on the host M->host
 * of the platform file PLATFORM, each file its own session when
 * RECALIBRATE; dies with the message for bad input.  NO_PLATFORM is the
 * message when PLATFORM is NULL (no --platform). */
void cli_predicted_load (CliPredicted *p, const CliMachine *m, const char *path,
                         const char *platform, const char *no_platform,
                         gboolean recalibrate);

void cli_predicted_clear (CliPredicted *p);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliPredicted, cli_predicted_clear)

G_END_DECLS
