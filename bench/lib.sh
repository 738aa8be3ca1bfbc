# shellcheck shell=bash
# bench/lib.sh: the helpers the bench scripts share, one home each.
# Sourced, never run: it defines functions and runs nothing.
#
#   cd "$(dirname "$0")/.."
#   . bench/lib.sh
#
# Times are wall seconds from bash's $EPOCHREALTIME (microseconds, no
# process started to read the clock) or CPU seconds from perf stat's
# task-clock; every number is printed without a newline unless said.

# bench_stats FORMAT: the median, the minimum and the maximum of the
# numbers on stdin (one a line), given to printf FORMAT in that order, as in
# bench_stats '%.2f (%.2f-%.2f)'.  The median of an even count is the lower
# of the middle two.
bench_stats () {
  sort -g | awk -v f="$1" '{ v[NR] = $1 } END { printf f, v[int((NR + 1) / 2)], v[1], v[NR] }'
}

# bench_elapsed T0 T1 DIGITS: T1 - T0 (two $EPOCHREALTIME readings) in
# seconds, with DIGITS decimals.
bench_elapsed () {
  awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN { printf "%." d "f", b - a }'
}

# bench_seconds DIGITS COMMAND...: runs COMMAND (a program or a function),
# its stdout dropped, and prints its wall seconds with DIGITS decimals.
bench_seconds () {
  local d=$1 t0 t1
  shift
  t0=$EPOCHREALTIME
  "$@" > /dev/null
  t1=$EPOCHREALTIME
  bench_elapsed "$t0" "$t1" "$d"
}

# bench_peak_kb COMMAND...: runs COMMAND, its output dropped, and prints the
# peak resident memory of its largest process in KB (GNU time's %M), or "-"
# where /usr/bin/time is not installed (COMMAND's stderr then shows).
bench_peak_kb () {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' "$@" 2>&1 > /dev/null | tail -n 1
  else
    "$@" > /dev/null
    echo -
  fi
}

# bench_task_clock FILE DIGITS: the CPU seconds, with DIGITS decimals, of
# every process that `perf stat -x, -e task-clock -o FILE` timed.
bench_task_clock () {
  awk -F, -v d="$2" '$3 == "task-clock" { printf "%." d "f", $1 / 1000 }' "$1"
}

# bench_ratio A B DIGITS: A / B with DIGITS decimals.
bench_ratio () {
  awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN { printf "%." d "f", a / b }'
}

# bench_in_turn REPEAT PROG_A PROG_B OUT_A OUT_B FUNCTION ARGS...: runs
# FUNCTION PROG_A ARGS... (its stdout appended to OUT_A) and, unless PROG_B
# is empty, FUNCTION PROG_B ARGS... (to OUT_B), in turn (A B A B ...),
# REPEAT times each: two programs measured in the same minutes.
bench_in_turn () {
  local repeat=$1 a=$2 b=$3 out_a=$4 out_b=$5 fn=$6 k
  shift 6
  for ((k = 0; k < repeat; k++)); do
    "$fn" "$a" "$@" >> "$out_a"
    if [ -n "$b" ]; then "$fn" "$b" "$@" >> "$out_b"; fi
  done
}

# bench_gil_switches: the "gil_switches" of the gilsim --export-json on stdin.
bench_gil_switches () {
  sed -n 's/^ *"gil_switches": *\([0-9]*\).*/\1/p'
}

# bench_countdown_w N INTERVAL INTERVALS MIN: the W (seconds of Python) for
# N threads of bench/switch_countdown.gil at switch INTERVAL (1ms, 500us,
# 0.001): INTERVALS intervals a thread, and MIN seconds at the least.
bench_countdown_w () {
  awk -v n="$1" -v i="$2" -v k="$3" -v m="$4" 'BEGIN { s = i + 0; if (i ~ /us$/) s /= 1e6;
        else if (i ~ /ms$/) s /= 1e3; w = n * k * s; print (w > m ? w : m) }'
}

# bench_wall_s PYTHON: the predicted wall seconds of the first result of the
# gilsim --export-json on stdin, read with PYTHON (a line).
bench_wall_s () {
  "$1" -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["wall_s"])'
}

# bench_record_names PYTHON [NAME...]: the programs of bench/record/ to
# record, one a line: the NAMEs given, else every one there; numpy_threads
# is left out, with a line on stderr, where NumPy does not import with
# PYTHON.  Read them with mapfile -t names < <(bench_record_names ...).
bench_record_names () {
  local py="$1" n
  shift
  local all=("$@")
  if [ ${#all[@]} -eq 0 ]; then
    for n in bench/record/*.py; do all+=("$(basename "$n" .py)"); done
  fi
  for n in "${all[@]}"; do
    if [ "$n" = numpy_threads ] && ! "$py" -c "import numpy" 2>/dev/null; then
      printf '%s: skipped: NumPy does not import with %s\n' "$n" "$py" >&2
      continue
    fi
    echo "$n"
  done
}

# bench_countdown_switches PROGRAM N W INTERVAL [WRAPPER...]: runs
# bench/switch_countdown.gil with PROGRAM (gilsim): N threads, W seconds
# of Python, switch INTERVAL, one job, no sequential runs; under WRAPPER
# where given (perf stat ..., valgrind ..., which run the rest), stderr
# dropped; prints its GIL switches (a line).
bench_countdown_switches () {
  local g="$1" n="$2" w="$3" i="$4"
  shift 4
  "$@" "$g" run bench/switch_countdown.gil -q --no-sequential -j 1 -L "N=$n" -L "W=$w" \
    -L "switch_interval=$i" --export-json - 2>/dev/null | bench_gil_switches
}
