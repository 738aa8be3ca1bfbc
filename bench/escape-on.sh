#!/usr/bin/env bash
# escape-on.sh: writes platforms/xeon-16core.xml with the slow-vCPU escape
# switched on (cpu.slow_escape = 0.3 s) and the values that lone records
# set derived through E(S) instead of at the mean speed (models/escape.h,
# gs_escape_work_for; docs/biased-families.md): python.loop 51.9 ns from
# seed_cpu_threads N=1, import.numpy 455 ms from seed_numpy_threads N=1,
# asyncio.task and asyncio.step as their loop iterations times the loop.
# The shipped file keeps the escape off: three guards of
# tests/test-validate.c fail with it (docs/biased-families.md).
#
# usage: bench/escape-on.sh OUT.xml
#   then: bash bench/yardstick.sh build/sim/gilsim  (with PLATFORM=OUT.xml)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: bench/escape-on.sh OUT.xml}
sed -e 's|<prop id="python.loop" value="45.5ns"/>|<prop id="python.loop" value="51.9ns"/>|' \
    -e 's|<prop id="import.numpy" value="388ms"/>|<prop id="import.numpy" value="455ms"/>|' \
    -e 's|<prop id="asyncio.task" value="7.1us"/>|<prop id="asyncio.task" value="8.0us"/>|' \
    -e 's|<prop id="asyncio.step" value="1.3us"/>|<prop id="asyncio.step" value="1.5us"/>|' \
    -e 's|<prop id="os.idle_poll" value="1ms"/>|<prop id="os.idle_poll" value="1ms"/><prop id="cpu.slow_escape" value="0.3s"/>|' \
    platforms/xeon-16core.xml > "$OUT"
for v in 'python.loop" value="51.9ns' 'import.numpy" value="455ms' 'cpu.slow_escape" value="0.3s'; do
  grep -q "$v" "$OUT" || { echo "bench/escape-on.sh: $v not written: platforms/xeon-16core.xml changed" >&2; exit 1; }
done
