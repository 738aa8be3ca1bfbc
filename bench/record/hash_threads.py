# Four threads each hash 16 blocks of 4 MiB with SHA-256: hashlib releases
# the GIL for large buffers, so the hashing runs on both cores; a lock
# guards the shared list of digests.
import hashlib
import threading

results = []
results_lock = threading.Lock()
block = bytes(range(256)) * (4 * 1024 * 1024 // 256)


def hasher(name):
    for k in range(16):
        digest = hashlib.sha256(block).hexdigest()
        with results_lock:
            results.append((name, k, digest))


threads = [threading.Thread(target=hasher, args=(f"H-{i}",)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(results), "digests")
