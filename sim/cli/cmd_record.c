/* cmd_record.c: gilsim record, a real Python program run once and written as a scenario. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "record/proclimit.h"
#include "record/recording.h"
#include "record/runs.h"
#include "util/savefile.h"

static struct {
  char *output;
  char *platform;
  char *events;
  int runs;
  int max_processes;
} opt = { .runs = 1, .max_processes = GS_PROCLIMIT_DEFAULT };

/* The recorded command: what followed "--" (cmd_record_split). */
static char **command_argv;

const GOptionEntry cmd_record_options[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output,
    "write the scenario to FILE (default: stdout; the program's own stdout then goes "
    "to stderr)", "FILE" },
  { "platform", 'p', 0, G_OPTION_ARG_FILENAME, &opt.platform,
    "the platform the scenario names: the machine that records (default: "
    "platforms/laptop-2core.xml on up to 4 CPUs, xeon-16core.xml above)", "FILE" },
  { "events", 0, 0, G_OPTION_ARG_FILENAME, &opt.events,
    "keep the recorder's raw events (one file per thread and per process) in DIR", "DIR" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt.runs,
    "run the program K times, record each, and write the scenario of the per-statement "
    "medians (recordings of another structure left out; default 1)", "K" },
  { "max-processes", 0, 0, G_OPTION_ARG_INT, &opt.max_processes,
    "let the program start at most N processes, itself included (1 to 5000, default "
    "1000); beyond, os.fork fails as beyond ulimit -u", "N" },
  G_OPTION_ENTRY_NULL
};

const char cmd_record_help[] =
  "Runs COMMAND, a Python program, once with gilsim's recorder loaded (through\n"
  "PYTHONPATH and a sitecustomize module: the program is not changed), and writes\n"
  "the scenario of what its threads and processes did: Python CPU time, sleeps,\n"
  "I/O, locks, thread and process starts and joins, pools.  The program's output\n"
  "and exit status pass through; a program that fails still gives the scenario of\n"
  "what it did, with a warning.  The recorder's overhead is printed at the end.\n"
  "See docs/record.md.\n"
  "\n"
  "Examples:\n"
  "  gilsim record -o prog.gil -- python3 prog.py --size 10\n"
  "  gilsim record --runs 5 -o prog.gil -- python3 prog.py\n"
  "  gilsim run prog.gil -L N=1,2,4,8 -L cores=1,2\n";

char **
cmd_record_split (int *argc, char **argv)
{
  /* the command: the first argument that is not an option */
  int cmd = 1;
  while (cmd < *argc && argv[cmd][0] == '-')
    cmd++;
  if (cmd >= *argc || strcmp (argv[cmd], "record") != 0)
    return NULL;
  for (int i = cmd + 1; i < *argc; i++)
    if (strcmp (argv[i], "--") == 0) {
      command_argv = argv + i + 1;
      argv[i] = NULL;
      *argc = i;
      return command_argv;
    }
  for (int i = cmd + 1; i < *argc; i++)
    if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
      return NULL;
  cli_die ("gilsim record: put the command to record after --: gilsim record [-o OUT.gil] "
           "[--platform FILE] -- python3 prog.py [ARGS...]");
}

/* COMMAND_ARGV as one line, for the scenario's first comment. */
static char *
command_line (void)
{
  GString *s = g_string_new (NULL);
  for (char **a = command_argv; *a; a++) {
    g_autofree char *q = strpbrk (*a, " \t'\"\\$") ? g_shell_quote (*a) : g_strdup (*a);
    g_string_append_printf (s, "%s%s", a == command_argv ? "" : " ", q);
  }
  return g_string_free (s, FALSE);
}

/* Runs the command once (the K-th of opt.runs) with the recorder and
 * returns its scenario; RUN gets the run, PYTHON (if still NULL) the
 * interpreter that ran it.  Dies with one line when it cannot. */
static char *
record_once (const char *package, const char *platform, const char *out_dir, const char *line,
             int k, GsRecordingRun *run, char **python)
{
  GError *error = NULL;
  g_autofree char *events = NULL;
  if (opt.events) {
    g_autofree char *sub = g_strdup_printf ("run-%d", k);
    events = opt.runs > 1 ? g_build_filename (opt.events, sub, NULL) : g_strdup (opt.events);
    if (g_mkdir_with_parents (events, 0755) != 0)
      cli_die_printf ("gilsim record: --events %s: cannot create the folder", events);
  } else if ((events = g_dir_make_tmp ("gilsim-record-XXXXXX", &error)) == NULL) {
    cli_die_printf ("gilsim record: %s", error->message);
  }
  if (!gs_recording_run (command_argv, package, events, opt.output == NULL, run, &error)) {
    if (!opt.events)
      gs_recording_remove_dir (events);
    cli_die (error->message);
  }
  if (gs_proclimit_stopped (events))
    fprintf (stderr, "gilsim record: warning: the program went on starting processes after "
             "the recorder had refused %d (--max-processes %d): the recorder stopped it, so "
             "the scenario covers the first %d processes only\n", GS_PROCLIMIT_REFUSALS,
             opt.max_processes, opt.max_processes);
  else if (gs_proclimit_reached (events))
    fprintf (stderr, "gilsim record: warning: the program tried to start more than %d "
             "processes (--max-processes): the recorder refused the rest, so the scenario "
             "covers the first %d only\n", opt.max_processes, opt.max_processes);
  if (*python == NULL)
    *python = gs_recording_python (events);
  char *scenario = gs_recording_scenario (package, events, platform, out_dir, line, run,
                                          &error);
  if (!opt.events)
    gs_recording_remove_dir (events);
  if (scenario == NULL)
    cli_die (error->message);
  return scenario;
}

int
cmd_record (int argc, char **argv, GPtrArray *simgrid_args)
{
  if (argc > 1)
    cli_die_printf ("gilsim record: '%s' goes after --, with the command: gilsim record "
                    "[-o OUT.gil] -- python3 prog.py", argv[1]);
  GError *error = NULL;
  if (command_argv == NULL)
    cli_die ("gilsim record: put the command to record after --: gilsim record "
             "[-o OUT.gil] -- python3 prog.py [ARGS...]");
  if (!gs_recording_check_command (command_argv, &error))
    cli_die (error->message);
  g_autofree char *package = gs_recording_package_dir (&error);
  if (package == NULL)
    cli_die_printf ("gilsim record: %s", error->message);
  g_autofree char *platform = opt.platform ? g_strdup (opt.platform)
                                           : gs_recording_default_platform (&error);
  if (platform == NULL)
    cli_die_printf ("gilsim record: %s", error->message);
  if (!g_file_test (platform, G_FILE_TEST_IS_REGULAR))
    cli_die_printf ("gilsim record: --platform %s: no such file", platform);
  g_autofree char *out_dir = opt.output ? g_path_get_dirname (opt.output)
                                        : g_get_current_dir ();
  if (!g_file_test (out_dir, G_FILE_TEST_IS_DIR))
    cli_die_printf ("gilsim record: -o %s: no folder %s", opt.output, out_dir);

  if (opt.runs < 1 || opt.runs > 99)
    cli_die_printf ("gilsim record: --runs %d: give a number of runs from 1 to 99", opt.runs);
  if (opt.max_processes < 1 || opt.max_processes > GS_PROCLIMIT_MAX)
    cli_die_printf ("gilsim record: --max-processes %d: give a number of processes from 1 "
                    "to %d", opt.max_processes, GS_PROCLIMIT_MAX);
  gs_proclimit_set (opt.max_processes);
  /* a folder, a FIFO nobody reads...: refused before the program runs */
  if (opt.output && !gs_savefile_check (opt.output, &error))
    cli_die_printf ("gilsim record: -o %s: cannot write the scenario: %s", opt.output,
                    error->message);
  g_autofree char *line = command_line ();
  GsRecordingRun run = { 0 };
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *python = NULL;
  for (int k = 1; k <= opt.runs && run.status == 0; k++) {
    char *text = record_once (package, platform, out_dir, line, k, &run, &python);
    g_ptr_array_add (texts, text);
  }
  g_autofree char *scenario = NULL;
  if (run.status != 0 || texts->len == 1) {
    /* a failed run is the scenario, with its warning */
    scenario = g_strdup (g_ptr_array_index (texts, texts->len - 1));
    if (run.status != 0 && opt.runs > 1)
      fprintf (stderr, "gilsim record: run %u of %d failed: the scenario is that run's "
               "alone\n", texts->len, opt.runs);
  } else if ((scenario = gs_runs_median (package, python, (char *const *) texts->pdata,
                                         texts->len, &error)) == NULL) {
    cli_die (error->message);
  }
  if (opt.output) {
    if (!gs_savefile_write (opt.output, scenario, strlen (scenario), &error))
      cli_die_printf ("gilsim record: -o %s: cannot write the scenario: %s", opt.output,
                      error->message);
  } else {
    fputs (scenario, stdout);
    fflush (stdout);
  }
  g_autofree char *wrapper = gs_recording_wrapper (command_argv[0]);
  if (wrapper)
    fprintf (stderr, "gilsim record: warning: %s is a script (%s), not the interpreter: its "
             "own start counts in the scenario's startup; record with the interpreter "
             "itself: gilsim record -- %s ...\n", command_argv[0], wrapper,
             python ? python : "/path/to/python3");
  if (run.status != 0)
    fprintf (stderr, "gilsim record: warning: the program exited with status %d; the "
             "scenario covers what it did until then\n", run.status);
  fprintf (stderr, "gilsim record: real wall time %.3f s%s%s\n", run.wall,
           opt.output ? "; scenario in " : "", opt.output ? opt.output : "");
  return run.status;
}
