# One I/O thread writes 32 chunks of 1 MiB to a temporary file, with a
# 5 ms pause (a slow device) after each, while two CPU threads run Python
# loops: the I/O thread must win the GIL back after every call.
import os
import tempfile
import threading
import time

chunk = b"x" * (1024 * 1024)


def writer(path):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for k in range(32):
            os.write(fd, chunk)
            time.sleep(0.005)
    finally:
        os.close(fd)


def compute(n):
    total = 0
    for i in range(n):
        total += i
    return total


with tempfile.TemporaryDirectory() as tmp:
    io = threading.Thread(target=writer, args=(os.path.join(tmp, "out.bin"),))
    cpus = [threading.Thread(target=compute, args=(4_000_000,)) for _ in range(2)]
    io.start()
    for t in cpus:
        t.start()
    io.join()
    for t in cpus:
        t.join()
