#!/usr/bin/env bash
# The whole test suite on a build with AddressSanitizer and
# UndefinedBehaviorSanitizer (gcc's), in build-sanitize/.
#
#   tests/sanitize.sh            # from the source root
#   tests/sanitize.sh lang sync  # only the named suites (meson test names)
#
# Any error either finds makes the program abort, and the test that ran it
# fails.  The sanitizers write their reports to files (log_path), not to
# stderr, because the tests compare stderr exactly; afterwards every report
# line is printed and fails the run, except the one known, harmless
# warning, suppressed by its words: SimGrid switches between its actors'
# stacks by hand (ucontext), and ASan says at each switch "ASan is ignoring
# requested __asan_handle_no_return ... False positive error reports may
# follow" (google/sanitizers#189).  Leak detection is off: each simulation
# ends with _exit() in a forked child, leaving SimGrid's memory to the OS
# on purpose.
set -uo pipefail
cd "$(dirname "$0")/.."
build=build-sanitize
if [ ! -d "$build" ]; then
  meson setup "$build" -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 1
fi
meson compile -C "$build" >/dev/null || exit 1
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
GILSIM_SANITIZED=1 \
ASAN_OPTIONS="detect_leaks=0:log_path=$logs/asan" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan" \
  meson test -C "$build" --print-errorlogs "$@" 2>&1 | tee "$build/sanitize-test.log"
status=${PIPESTATUS[0]}
known='ASan is ignoring requested __asan_handle_no_return|^False positive error reports may follow$|^For details see https://github.com/google/sanitizers/issues/189$'
if cat "$logs"/* 2>/dev/null | grep -Ev "$known" | grep -q .; then
  echo "sanitizer reports:" >&2
  cat "$logs"/* | grep -Ev "$known" >&2
  status=1
fi
exit "$status"
