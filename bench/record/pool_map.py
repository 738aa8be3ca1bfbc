# multiprocessing.Pool(2).map of a Python function over 64 items, with
# chunksize 4: each item is a loop of 200 000 iterations.
from multiprocessing import Pool


def work(n):
    total = 0
    for i in range(n):
        total += i
    return total


if __name__ == "__main__":
    with Pool(2) as pool:
        results = pool.map(work, [200_000] * 64, chunksize=4)
    print(sum(results))
