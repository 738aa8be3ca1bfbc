# env.sh: what every script that runs the fuzz targets shares; sourced by
# tests/fuzz.sh, tests/fuzz/keep.sh and bench/fuzz-rate.sh.

# AddressSanitizer checks leaks and aborts at the first error.  GLib's slice
# allocator keeps freed blocks for reuse: ASan cannot see a use after free
# in them nor LeakSanitizer a leak, and libFuzzer, seeing more allocations
# than frees, runs a full leak check after such an input (most of the
# record and results targets' time, until it gives up leak checks).  Plain
# malloc and free:
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export G_SLICE=always-malloc
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# The targets, in the order the scripts run them by default.
FUZZ_TARGETS=(scenario platform record results cli)

# fuzz_dict TARGET: the dictionary of TARGET, a path from the source root.
fuzz_dict () {
  case $1 in
    scenario|cli) echo tests/fuzz/scenario.dict ;;
    platform) echo tests/fuzz/platform.dict ;;
    *) echo tests/fuzz/json.dict ;;
  esac
}
