/* recording.h: gilsim record's side of the recording: finding the Python
 * recorder, running the user's command under it, and turning its events
 * into a scenario (docs/record.md).
 *
 * The recorder is a Python package, sim/record/python/gilsim_recorder, with
 * a sitecustomize.py beside it that starts it when GILSIM_RECORD_OUT names
 * a folder.  It writes raw events there (one JSONL file per thread); its
 * module gilsim_recorder.scenario, run with the interpreter that ran the
 * program, writes the scenario.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder that holds sitecustomize.py and gilsim_recorder/: the
 * environment's GILSIM_RECORDER_PATH if set; for a gilsim run from its
 * build tree, the source tree's sim/record/python; otherwise the installed
 * copy, EXE/../share/gilsim/recorder then the configured data folder.
 * NULL with an error saying where it looked when none holds it. */
char *gs_recording_package_dir (GError **error);

/* The platform gilsim record names when the user gives none: the shipped
 * platform whose core count is nearest this machine's (laptop-2core.xml up
 * to 4 CPUs, xeon-16core.xml above), from the source tree or the installed
 * share/gilsim/platforms.  NULL with an error when neither is there. */
char *gs_recording_default_platform (GError **error);

/* Checks that ARGV[0] names a program that runs Python: a file on PATH (or
 * a path) whose name starts with "python" or "pypy", or a script whose
 * "#!" line names one.  FALSE with a one-line error saying what to give
 * otherwise. */
gboolean gs_recording_check_command (char *const *argv, GError **error);

/* Where COMMAND (a name on PATH, or a path) is a script that starts
 * Python from something else (a pyenv shim: a shell script), its path,
 * whose own start counts in the recorded start-up; NULL for an
 * interpreter, or a script that Python runs itself. */
char *gs_recording_wrapper (const char *command);

/* What a recorded run gave. */
typedef struct {
  int status;        /* the command's exit status; 128 + N for signal N */
  double t0;         /* its start, on the monotonic clock (s) */
  double wall;       /* its wall time (s) */
} GsRecordingRun;

/* Runs ARGV with the recorder of PACKAGE_DIR writing into EVENTS_DIR; its
 * standard output goes to gilsim's standard error when STDOUT_TO_STDERR,
 * to gilsim's standard output otherwise.  FALSE with an error when it
 * could not start. */
gboolean gs_recording_run (char *const *argv, const char *package_dir, const char *events_dir,
                        gboolean stdout_to_stderr, GsRecordingRun *run, GError **error);

/* The scenario of the events in EVENTS_DIR (recorded by RUN of COMMAND),
 * on PLATFORM, for a file in OUT_DIR (its platform line is relative to
 * it), made by the recorder's converter; the converter prints its summary
 * and the recorder's overhead on stderr.  NULL with an error when the
 * command ran no Python with the recorder, or the conversion failed. */
char *gs_recording_scenario (const char *package_dir, const char *events_dir,
                          const char *platform, const char *out_dir, const char *command,
                          const GsRecordingRun *run, GError **error);

/* The interpreter that ran the first process recorded into EVENTS_DIR
 * (the recorder writes it there), NULL if none did. */
char *gs_recording_python (const char *events_dir);

/* Removes the folder DIR and the files in it (not deeper). */
void gs_recording_remove_dir (const char *dir);

G_END_DECLS
