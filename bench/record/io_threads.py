# The seed's I/O-bound example (../shared/seed/io_threads.py), unchanged.
import threading
import time

def worker(name):
    print(f"{name} started.")
    time.sleep(2)  # Simulates I/O-bound operation (releases GIL)
    print(f"{name} finished.")

threads = [threading.Thread(target=worker, args=(f"Thread-{i}",)) for i in range(3)]

for t in threads:
    t.start()

for t in threads:
    t.join()
