/* fuzz.h: what the libFuzzer targets of tests/fuzz/ share.
 *
 * Each target is one input format of gilsim fed to the code that reads it,
 * then to what uses the result.  A target must never crash, leak, hang or
 * print a message of more than one line, whatever the input: bad input is
 * a GError with a message (fuzz_check_error).
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include "platform/platform.h"

G_BEGIN_DECLS

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Makes GLib's criticals and warnings fatal, so that a misuse of GLib or
 * json-glib is a crash that libFuzzer reports, and sets G_DEBUG-free
 * quiet logging.  Call once, from LLVMFuzzerInitialize. */
void fuzz_init (void);

/* Writes SIZE bytes of DATA to this process's scratch file (a regular
 * file in a private folder in /dev/shm, else in the temporary folder,
 * removed at exit; kept open and rewritten in place, so that an input
 * costs no file creation and no disk write) and returns its path, which
 * ends in SUFFIX (".json") and belongs to fuzz.c.  Aborts when
 * the file cannot be written: that is the machine's fault, not the
 * input's. */
const char *fuzz_file (const uint8_t *data, size_t size, const char *suffix);

/* The absolute path of REL in the source tree.  New string. */
char *fuzz_source_path (const char *rel);

/* Loads platforms/laptop-2core.xml, the platform the targets run their
 * inputs on, and returns it (the caller's, kept for the process's life);
 * with TEXT non-NULL, *TEXT gets the file's text (a new string).  Aborts
 * when the file cannot be read: that is the tree's fault, not the
 * input's. */
GsPlatform *fuzz_laptop_platform (char **text);

/* Aborts unless ERROR is set with a non-empty message that starts with
 * PREFIX (NULL: any start): every failure says what failed, and where
 * the function promises it ("FILE:").  Control characters and newlines
 * that a message quotes from the input are not checked here: the command
 * line escapes them where it prints (cli_die, util/text.c).  Frees
 * nothing. */
void fuzz_check_error (const GError *error, const char *prefix);

G_END_DECLS
