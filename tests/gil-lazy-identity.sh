#!/usr/bin/env bash
# gil-lazy-identity.sh: the new GIL's waiters' time-outs fired lazily
# (models/waitring.h, the default) against firing each one (GILSIM_GIL_EAGER=1,
# the reference).  Every scenario under scenarios/ and tests/data/, the
# fast path's scenarios (tests/fastpath/) at three intervals and on one core,
# and bench/switch_countdown.gil at several thread counts and intervals
# (runs long enough to cross binades' edges, where the ring hands its
# chains back) run both ways; their exports (--export-json), printed reports
# and exit statuses must be byte for byte the same.  TAP output.
set -u
. "$(dirname "$0")/identity-lib.sh"

# both FILE ARGS...: runs FILE both ways; true if identical
both () {
  local f="$1"; shift
  for m in lazy eager; do
    if [ "$m" = eager ]; then export GILSIM_GIL_EAGER=1; else unset GILSIM_GIL_EAGER; fi
    "$GILSIM" run "$f" "$@" --export-json "$tmp/$m.json" > "$tmp/$m.out" 2>&1
    echo "exit $?" >> "$tmp/$m.out"
    touch "$tmp/$m.json"
  done
  unset GILSIM_GIL_EAGER
  cmp -s "$tmp/lazy.json" "$tmp/eager.json" && cmp -s "$tmp/lazy.out" "$tmp/eager.out"
}

for f in $(find scenarios tests/data -name '*.gil' | sort); do
  args=(-q -j 1)
  grep -q '^platform ' "$f" || args+=(-p platforms/xeon-16core.xml)
  if both "$f" "${args[@]}"; then ok "$f"; else notok "$f differs"; fi
done

for f in tests/fastpath/*.gil; do
  bad=
  for v in "-L switch_interval=1ms" "-L switch_interval=20us" \
           "-L switch_interval=1ms -L cores=1" "--samples 3 -L switch_interval=100us"; do
    # shellcheck disable=SC2086
    both "$f" -q -j 1 $v || bad="$bad [$v]"
  done
  if [ -z "$bad" ]; then ok "$f, 4 ways"; else notok "$f differs:$bad"; fi
done

SC=bench/switch_countdown.gil
for plat in xeon-16core laptop-2core; do
  for v in "2 3 1ms" "16 4 1ms" "64 9 1ms" "300 6 1ms" "40 5 5ms" "8 1 20us" "3 2 1ms 1" \
           "16 2 1ms 1" "5 1 100us 2"; do
    set -- $v
    if both "$SC" -q --no-sequential -j 1 -p "platforms/$plat.xml" -L "N=$1" -L "W=$2" \
         -L "switch_interval=$3" ${4:+-L "cores=$4"}; then
      ok "$SC N=$1 W=$2 $3 ${4:+cores=$4 }on $plat"
    else
      notok "$SC N=$1 W=$2 $3 ${4:+cores=$4 }on $plat differs"
    fi
  done
done
# step by step (no fast path) too
for v in "16 4 1ms" "200 5 1ms"; do
  set -- $v
  if GILSIM_STEP=1 both "$SC" -q --no-sequential -j 1 -L "N=$1" -L "W=$2" -L "switch_interval=$3"; then
    ok "$SC N=$1 W=$2 $3 step by step"
  else notok "$SC N=$1 W=$2 $3 step by step differs"; fi
done

tap_end
