# The seed's NumPy example (../shared/seed/numpy_threads.py), unchanged;
# bench/record-examples.sh skips it where NumPy does not import.
import threading
import numpy as np

def worker(name):
    print(f"{name} started.")
    data = np.random.rand(10**7)
    result = np.sum(data)  # NumPy releases GIL for this computation
    print(f"{name} finished with result {result}.")

threads = [threading.Thread(target=worker, args=(f"Thread-{i}",)) for i in range(3)]

for t in threads:
    t.start()

for t in threads:
    t.join()
