# A thread-pool downloader: 8 threads of a ThreadPoolExecutor fetch 32
# pages of 64 KiB from a local HTTP server on 127.0.0.1, which answers each
# request after 40 ms (a slow site) and serves every request at once, then
# each page is parsed a little (Python work under the GIL).  The server runs
# in a process of its own (started with subprocess), so that only the
# client's threads share its GIL.  The first argument sets the pool's
# threads (default 8).
import os
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

SERVER = r'''
import http.server, socketserver, sys, time
page = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>"
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(0.04)
        self.send_response(200)
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)
    def log_message(self, *a):
        pass
class S(socketserver.ThreadingTCPServer):   # HTTPServer would look up its name
    daemon_threads = True
    request_queue_size = 128
s = S(("127.0.0.1", 0), H)
sys.stdout.write("%d\n" % s.server_address[1])
sys.stdout.flush()
s.serve_forever()
'''


def fetch(url):
    with urllib.request.urlopen(url) as reply:
        body = reply.read()
    words = 0
    for k in range(0, len(body), 16):
        words += body[k] == 120
    return words


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)         # the server is not the program recorded
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE,
                              env=env)
    try:
        port = int(server.stdout.readline())
        urls = ["http://127.0.0.1:%d/page/%d" % (port, k) for k in range(32)]
        fetch(urls[0])                  # the server answers (and urllib is ready)
        with ThreadPoolExecutor(max_workers=threads) as pool:
            total = sum(pool.map(fetch, urls))
        print(total)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
