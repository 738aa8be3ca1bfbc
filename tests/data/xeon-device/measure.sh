#!/bin/bash
# How the records in this folder were measured (2026-11-27, on the 16-core
# machine that the `device` tool lends: CPython 3.12.3, NumPy 2.5.2, the
# same kind of virtual machine as ../shared/groundtruth/xeon-16core-*).
# measure.py, run_seed.py and the seed programs were copied into one folder
# with this script and probe.py; $OUT is where the records go.
export PYTHONUNBUFFERED=1
cd "$(dirname "$0")"
# first call (181 s): measure-run1.jsonl, seed.jsonl
python3 measure.py $OUT/measure-run1.jsonl --budget-seconds 280 --repeat 3
python3 run_seed.py $OUT/seed.jsonl 3
# second call, minutes later (135 s): probe.jsonl, measure-run2.jsonl
python3 probe.py $OUT/probe.jsonl
python3 measure.py $OUT/measure-run2.jsonl --budget-seconds 240 --repeat 5 \
  --cases cpu_threads,cpu_processes,mixed_convoy,numpy_threads,file_io_threads,cpu_threads_switch

# 2026-11-28, third call, a fresh machine (171 s): probe-vcpus.jsonl,
# presets.jsonl, seed-run2.jsonl, measure-run3.jsonl
python3 ../../../bench/probe-vcpus.py $OUT/probe-vcpus.jsonl --disk-dir /tmp
python3 ../../../bench/calibrate-presets.py $OUT/presets.jsonl
python3 run_seed.py $OUT/seed-run2.jsonl 2
python3 measure.py $OUT/measure-run3.jsonl --budget-seconds 170 --repeat 3
# fourth call, minutes later, another fresh machine (89 s): imports.txt,
# childloop.jsonl, seed1.txt, measure-run4.jsonl
{ for m in threading multiprocessing numpy; do for k in 1 2 3 4 5; do
    python3 -X importtime -c "import $m" 2>&1 | grep -E "[|] +($m|site)$"; done; done
  for k in 1 2 3 4 5; do TIMEFORMAT="pass %R"; time python3 -c pass; done; } > $OUT/imports.txt 2>&1
python3 childloop.py $OUT/childloop.jsonl
for s in cpu_threads cpu_processes; do sed 's/range(3)/range(1)/' $s.py > one_$s.py; done
{ for k in 1 2 3 4 5 6 7 8; do for s in cpu_threads cpu_processes; do
    TIMEFORMAT="$s %R"; time python3 one_$s.py >/dev/null; done; done; } > $OUT/seed1.txt 2>&1
python3 measure.py $OUT/measure-run4.jsonl --budget-seconds 120 --repeat 5 \
  --cases calib_cpu,cpu_threads,cpu_processes,numpy_threads,hashlib_threads
# fifth call, another fresh machine (46 s): probe-memory.jsonl, measure-run5.jsonl
python3 ../../../bench/probe-memory.py $OUT/probe-memory.jsonl
python3 measure.py $OUT/measure-run5.jsonl --budget-seconds 100 --repeat 5 \
  --cases calib_cpu,numpy_threads,hashlib_threads,cpu_processes
# sixth call, another fresh machine, after the model was settled (148 s):
# seed-run3.jsonl, measure-run6.jsonl
python3 run_seed.py $OUT/seed-run3.jsonl 2
python3 measure.py $OUT/measure-run6.jsonl --budget-seconds 150 --repeat 3
