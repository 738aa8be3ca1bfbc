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
