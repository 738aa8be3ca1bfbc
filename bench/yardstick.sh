#!/usr/bin/env bash
# yardstick.sh: issue #15's yardstick on the 16-core sessions in
# tests/data/xeon-device/: the measure.py sessions (measure-run*.jsonl) and
# the seed's programs as whole processes (seed*.jsonl), each file its own
# session calibrated from its own single-worker records (docs/validate.md).
# Prints the summary lines of both; nothing is asserted.
#
# usage: bench/yardstick.sh [GILSIM [SAMPLES]]
#   GILSIM   the program (default: build/sim/gilsim), run from the source root
#   PLATFORM (environment) the platform file (default: platforms/xeon-16core.xml)
#   SAMPLES  also predict each record as that many drawn samples and report
#            the coverage of the predicted 90 % interval, in all and per
#            family (default: none; 20 or more: 10 samples give [fastest,
#            slowest], which holds a new draw 82 % of the time)
set -euo pipefail
cd "$(dirname "$0")/.."
GILSIM=${1:-build/sim/gilsim}
SAMPLES=${2:-}
PLATFORM=${PLATFORM:-platforms/xeon-16core.xml}
DATA=tests/data/xeon-device
extra=()
if [ -n "$SAMPLES" ]; then extra=(--samples "$SAMPLES"); fi

echo "== measure.py sessions"
"$GILSIM" validate "$DATA"/measure-run*.jsonl -p "$PLATFORM" "${extra[@]}" \
  | sed -n '/^family/,$p'
echo
echo "== the seed's programs"
"$GILSIM" validate "$DATA"/seed*.jsonl -p "$PLATFORM" "${extra[@]}" \
  | sed -n '/^family/,$p'
