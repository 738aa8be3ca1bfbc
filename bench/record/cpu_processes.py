# The seed's process example (../shared/seed/cpu_processes.py), with the
# __main__ guard that spawn and forkserver need.
from multiprocessing import Process

def worker(name):
    print(f"{name} started.")
    total = 0
    for i in range(10**7):  # CPU-bound work
        total += i
    print(f"{name} finished.")

if __name__ == "__main__":
    processes = [Process(target=worker, args=(f"Process-{i}",)) for i in range(3)]

    for p in processes:
        p.start()

    for p in processes:
        p.join()
