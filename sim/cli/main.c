/* main.c: gilsim's command line: the table of its commands, and the dispatch. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gilsim-config.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/rebind.h"

/* Every command, in the order gilsim --help lists them. */
static const CliCommand commands[] = {
  { "run", "SCENARIO", "predict how long SCENARIO takes, and why",
    cmd_run_help, cmd_run_options, TRUE, cmd_run },
  { "validate", "FILE", "compare predictions with CPython measurements",
    cmd_validate_help, cmd_validate_options, FALSE, cmd_validate },
  { "calibrate", "FILE...", "a platform file for the machine that measured FILE...",
    cmd_calibrate_help, cmd_calibrate_options, FALSE, cmd_calibrate },
  { "merge", "A.json B.json ...", "merge the JSON exports of parts of one sweep",
    cmd_merge_help, cmd_merge_options, FALSE, cmd_merge },
  { "report", "RESULTS.json", "a JSON export as Markdown, CSV or JSON, or a two-way table",
    cmd_report_help, cmd_report_options, FALSE, cmd_report },
  { "platform", "FILE", "the properties a platform file gives gilsim (--properties: all)",
    cmd_platform_help, cmd_platform_options, FALSE, cmd_platform },
  { "record", "-- COMMAND...", "run a Python program once and write its scenario",
    cmd_record_help, cmd_record_options, FALSE, cmd_record },
};

/* gilsim --help's text after the options: the commands, one a line. */
static char *
program_help (void)
{
  GString *s = g_string_new ("Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++) {
    g_autofree char *usage = g_strconcat (commands[i].name, " ", commands[i].args, NULL);
    g_string_append_printf (s, "  %-26s %s\n", usage, commands[i].summary);
  }
  g_string_append (s,
    "\n"
    "Each command's options follow it: gilsim COMMAND --help lists them, with\n"
    "examples.\n"
    "Exit status: 0 on success, 2 for bad input (the message names file:line:col).\n");
  return g_string_free (s, FALSE);
}

int
main (int argc, char **argv)
{
  cli_rebind_init (argv);
  setlocale (LC_ALL, "");
  /* SimGrid reads numbers with strtod: keep a decimal point */
  setlocale (LC_NUMERIC, "C");
  /* gilsim record's command is the program's, untouched by any parsing */
  cmd_record_split (&argc, argv);
  /* SimGrid's --cfg= and --log= go to each simulation, not to GOption. */
  g_autoptr (GPtrArray) simgrid_args = cli_simgrid_args (&argc, argv);

  /* the program's own options, before the command */
  gboolean version = FALSE;
  const GOptionEntry options[] = {
    { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "show the version", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *help = program_help ();
  const CliCommand program = {
    NULL, "COMMAND [FILE...] - predict how a Python program with threads, "
    "processes and native code performs", NULL, help, options, FALSE, NULL,
  };
  cli_parse (commands, G_N_ELEMENTS (commands), &program, &argc, &argv);
  if (version) {
    printf ("gilsim %s\n", GILSIM_VERSION);
    return 0;
  }
  if (argc < 2)
    cli_die ("gilsim: no command; try: gilsim run scenarios/seed/io_threads.gil "
             "(see gilsim --help)");

  const CliCommand *command = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (commands) && !command; i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      command = &commands[i];
  if (command == NULL) {
    GString *names = g_string_new (NULL);
    for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
      g_string_append_printf (names, "%s%s", i ? ", " : "", commands[i].name);
    cli_die_printf ("gilsim: unknown command '%s'; the commands: %s (see gilsim --help)",
                    argv[1], names->str);
  }
  if (!command->simgrid && simgrid_args->len > 0)
    cli_die_printf ("gilsim %s: %s goes to the simulations of gilsim run only (see "
                    "gilsim %s --help)", command->name,
                    (const char *) simgrid_args->pdata[0], command->name);
  int command_argc = argc - 1;
  char **command_argv = argv + 1;
  cli_parse (commands, G_N_ELEMENTS (commands), command, &command_argc, &command_argv);
  int rc = command->run (command_argc, command_argv, simgrid_args);
  if (command->simgrid) {
    /* gilsim run has written and closed its files: skip the destructors
     * of the libraries SimGrid pulls in (ns-3's registries): part of a
     * cold prediction's cost over an empty SimGrid run */
    fflush (stdout);
    fflush (stderr);
    _exit (rc);
  }
  return rc;
}
