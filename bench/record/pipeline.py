# A pipeline of threads: a reader makes 100 blocks of Python work and puts
# them into a queue of 8; three workers (or as many as the first argument
# says) start together on an Event, take the blocks, compute, and write
# each to a slow device that takes two writers at a time (a Semaphore(2)
# around a 3 ms sleep), then pass a result to a collector through a second
# queue.  A None per worker ends the workers, and each worker's None the
# collector.
import queue
import sys
import threading
import time

WORKERS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
blocks = queue.Queue(maxsize=8)
results = queue.Queue()
go = threading.Event()
device = threading.Semaphore(2)


def reader(n):
    go.set()
    for k in range(n):
        total = 0
        for i in range(5_000):
            total += i
        blocks.put(total)
    for _ in range(WORKERS):
        blocks.put(None)


def worker():
    go.wait()
    while True:
        block = blocks.get()
        if block is None:
            results.put(None)
            return
        total = 0
        for i in range(8_000):
            total += i
        with device:
            time.sleep(0.003)
        results.put(total)


def collector():
    done = count = 0
    while done < WORKERS:
        if results.get() is None:
            done += 1
        else:
            count += 1
    print(count, "blocks")


workers = [threading.Thread(target=worker) for _ in range(WORKERS)]
for w in workers:
    w.start()
threads = [threading.Thread(target=reader, args=(100,)), threading.Thread(target=collector)]
for t in threads:
    t.start()
for t in workers + threads:
    t.join()
