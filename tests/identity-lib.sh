# identity-lib.sh: what the identity tests (fastpath-identity.sh,
# gil-lazy-identity.sh) share: they skip under the sanitizer build, run
# $GILSIM (default build/sim/gilsim) from the source root, keep their files
# in $tmp (removed at exit) and print TAP with ok/notok, ending with
# `tap_end`.  Sourced, not run.
if [ -n "${GILSIM_SANITIZED:-}" ]; then
  # tests/sanitize.sh sets GILSIM_SANITIZED: hundreds of simulations under
  # ASan would take most of CI's time; the plain build's suite compares them
  echo "1..0 # SKIP the sanitizer build (tests/sanitize.sh)"
  exit 0
fi
GILSIM=${GILSIM:-build/sim/gilsim}
cd "${GILSIM_SOURCE_ROOT:-$(dirname "$0")/..}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
notok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
tap_end () { echo "1..$n"; exit $fail; }
