# A producer thread makes 200 jobs of Python work; two consumer threads
# (or as many as the first argument says) take them from a queue.Queue,
# each job more Python work and a short sleep (a write to a slow device);
# None tells a consumer to stop.
import queue
import sys
import threading
import time

CONSUMERS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
jobs = queue.Queue(maxsize=16)


def produce(n):
    for k in range(n):
        total = 0
        for i in range(20_000):
            total += i
        jobs.put(total)
    for _ in range(CONSUMERS):
        jobs.put(None)


def consume():
    while True:
        job = jobs.get()
        if job is None:
            return
        total = 0
        for i in range(10_000):
            total += i
        time.sleep(0.002)


producer = threading.Thread(target=produce, args=(200,))
consumers = [threading.Thread(target=consume) for _ in range(CONSUMERS)]
producer.start()
for c in consumers:
    c.start()
producer.join()
for c in consumers:
    c.join()
