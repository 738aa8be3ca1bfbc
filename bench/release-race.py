#!/usr/bin/env python3
"""release-race.py: issue #15's mechanism 2, the race at a release.

An echo server thread answers a client process over a socketpair, alone or
beside one CPU-bound thread, at a given switch interval.  Each request:
the client sends 1 byte and waits for the answer; the server thread
recv()s (the GIL released while it blocks), then send()s (a short call
that releases and re-takes the GIL).  Prints one JSON line per run:
requests per second, with and without the CPU thread.

usage: python3 bench/release-race.py [SECONDS [REPEATS [INTERVAL_S]]]
Nothing is asserted; the machine it runs on may be loaded: compare the
ratio of the two rates from the same run.
"""
import json
import os
import socket
import sys
import threading
import time


def cpu(stop):
    x = 0
    while not stop:
        for i in range(1000):
            x += i


def client(sock, seconds):
    n = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        sock.send(b"x")
        sock.recv(1)
        n += 1
    sock.send(b"q")
    os._exit(0)


def server(sock, out):
    n = 0
    while True:
        b = sock.recv(1)
        if b == b"q" or not b:
            break
        sock.send(b)
        n += 1
    out.append(n)


def once(seconds, with_cpu, interval):
    a, b = socket.socketpair()
    stop = []
    sys.setswitchinterval(interval)
    pid = os.fork()
    if pid == 0:
        a.close()
        client(b, seconds)
    b.close()
    out = []
    threads = [threading.Thread(target=server, args=(a, out))]
    if with_cpu:
        threads.append(threading.Thread(target=cpu, args=(stop,)))
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    threads[0].join()
    wall = time.perf_counter() - t0
    stop.append(1)
    for t in threads[1:]:
        t.join()
    os.waitpid(pid, 0)
    a.close()
    return out[0] / wall


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.005
    for r in range(repeats):
        alone = once(seconds, False, interval)
        beside = once(seconds, True, interval)
        print(json.dumps({"python": sys.version.split()[0], "switchinterval": interval,
                          "cpus": os.cpu_count(), "repeat": r,
                          "alone_rps": round(alone), "beside_cpu_rps": round(beside),
                          "ratio": round(beside / alone, 4)}), flush=True)


if __name__ == "__main__":
    main()
