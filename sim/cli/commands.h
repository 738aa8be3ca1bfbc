/* commands.h: gilsim's commands, one file each (cmd_*.c), for main.c's table.
 *
 * Each command has its options (a GOption table whose values it reads once
 * parsed), the text that its --help shows after them, and the function
 * that runs it (CliCommand in cli.h says how it is called).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* gilsim run SCENARIO: the prediction of one scenario, or of a sweep. */
extern const GOptionEntry cmd_run_options[];
extern const char cmd_run_help[];
int cmd_run (int argc, char **argv, GPtrArray *simgrid_args);

/* gilsim validate FILE: predictions against a session's measurements. */
extern const GOptionEntry cmd_validate_options[];
extern const char cmd_validate_help[];
int cmd_validate (int argc, char **argv, GPtrArray *simgrid_args);

/* gilsim calibrate FILE...: a platform file from a session's measurements. */
extern const GOptionEntry cmd_calibrate_options[];
extern const char cmd_calibrate_help[];
int cmd_calibrate (int argc, char **argv, GPtrArray *simgrid_args);

/* gilsim merge A.json B.json ...: the parts of one sweep put together. */
extern const GOptionEntry cmd_merge_options[];
extern const char cmd_merge_help[];
int cmd_merge (int argc, char **argv, GPtrArray *simgrid_args);

/* gilsim report RESULTS.json: an export again, or a two-way table. */
extern const GOptionEntry cmd_report_options[];
extern const char cmd_report_help[];
int cmd_report (int argc, char **argv, GPtrArray *simgrid_args);

/* gilsim platform FILE: the properties a platform gives gilsim; with
 * --properties, every property gilsim reads. */
extern const GOptionEntry cmd_platform_options[];
extern const char cmd_platform_help[];
int cmd_platform (int argc, char **argv, GPtrArray *simgrid_args);

/* gilsim record -- COMMAND...: a Python program run once, as a scenario. */
extern const GOptionEntry cmd_record_options[];
extern const char cmd_record_help[];
int cmd_record (int argc, char **argv, GPtrArray *simgrid_args);

/* For gilsim record: takes the recorded command, what follows "--" in
 * ARGV (*ARGC of them), out of ARGV so that no option parsing sees it, and
 * returns it (NULL-terminated; NULL when the command is not record).  Dies
 * with a one-line message when record has no "--". */
char **cmd_record_split (int *argc, char **argv);

G_END_DECLS
