"""asyncio's own costs in loop iterations: gilsim's asyncio.task and asyncio.step.

Runs 2000 tasks that each await one timed sleep, and 2000 that each await
sleep(0) ten times, between two timings of a plain loop, seven times: the
per-task and per-step costs come out as multiples of one loop iteration,
which holds on a loaded machine too (both slow down alike).  Multiply by
the platform's python.loop for the durations:

    python3 bench/asyncio-overhead.py
"""
import asyncio, time, statistics
def loop(n):
    t = 0
    for i in range(n):
        t += i
async def h(i):
    await asyncio.sleep(0.05)
async def h0(i):
    for _ in range(10):
        await asyncio.sleep(0)
async def g(f, n):
    await asyncio.gather(*(f(i) for i in range(n)))
N = 2000
ratios_task, ratios_step = [], []
for r in range(7):
    t0 = time.perf_counter(); loop(200000); it = (time.perf_counter() - t0) / 200000
    t0 = time.perf_counter(); asyncio.run(g(h, N)); a = (time.perf_counter() - t0 - 0.05) / N
    t0 = time.perf_counter(); asyncio.run(g(h0, N)); b = (time.perf_counter() - t0) / N
    t0 = time.perf_counter(); loop(200000); it = (it + (time.perf_counter() - t0) / 200000) / 2
    step = (b - a) / 8          # 10 sleep(0) steps against 1 timer and 1 step
    task = a - 2 * step
    ratios_task.append(task / it); ratios_step.append(step / it)
print("per task: %.0f loop iterations (range %.0f..%.0f)" % (statistics.median(ratios_task), min(ratios_task), max(ratios_task)))
print("per step: %.0f loop iterations (range %.0f..%.0f)" % (statistics.median(ratios_step), min(ratios_step), max(ratios_step)))
