# The seed's CPU-bound example (../shared/seed/cpu_threads.py), unchanged.
import threading

def worker(name):
    print(f"{name} started.")
    total = 0
    for i in range(10**7):  # Simulates CPU-bound work
        total += i
    print(f"{name} finished.")

threads = [threading.Thread(target=worker, args=(f"Thread-{i}",)) for i in range(3)]

for t in threads:
    t.start()

for t in threads:
    t.join()
