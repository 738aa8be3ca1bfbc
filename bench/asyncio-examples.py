"""The programs of scenarios/asyncio/, for real: prints the median and
range of five runs of each (in-process times, the interpreter's start-up
left out), to set beside gilsim's predictions on this machine's platform:

    python3 bench/asyncio-examples.py
    for f in scenarios/asyncio/*.gil; do
      gilsim run $f -p platforms/laptop-2core.xml --runtime cpython-3.11 -q
    done

(gilsim's wall time includes python.startup: subtract the MainThread's
start-up CPU to compare.)  The compute() of the scenarios' `python 1ms` is
a loop of ITER iterations, timed first."""
import asyncio
import statistics
import time

ITER = 23000          # about 1 ms at python.loop 42.8 ns


def compute(n=ITER):
    t = 0
    for i in range(n):
        t += i


async def gather_sleeps(i):
    compute()
    await asyncio.sleep(0.1)
    compute()


def blocking(i):
    time.sleep(0.1)


async def to_thread(i):
    await asyncio.to_thread(blocking, i)


async def blocking_call(i):
    time.sleep(0.1)
    await asyncio.sleep(0.1)


async def child(i):
    await asyncio.sleep(0.05)
    compute(2 * ITER)


async def create_task(i):
    kids = [asyncio.create_task(child(k)) for k in range(10)]
    compute()
    await asyncio.gather(*kids)


async def gather(f, n):
    await asyncio.gather(*(f(i) for i in range(n)))


CASES = [("gather_sleeps", gather_sleeps, 100), ("to_thread", to_thread, 40),
         ("blocking_call", blocking_call, 10), ("create_task", create_task, 1)]

t0 = time.perf_counter()
compute()
print("compute(): %.3f ms (the scenarios assume 1 ms)" % ((time.perf_counter() - t0) * 1e3))
for name, f, n in CASES:
    xs = []
    for _ in range(5):
        t0 = time.perf_counter()
        asyncio.run(gather(f, n))
        xs.append(time.perf_counter() - t0)
    print("%-14s median %.4f s, range %.4f to %.4f" % (name, statistics.median(xs),
                                                       min(xs), max(xs)))
