#!/usr/bin/env python3
"""Live-reload benchmark: time from saving a one-page body edit to the new HTML being served.

    bench/serve_bench.py [--pages 10000] [--edits 20] [--dir /mnt/tmpfs/trang-bench]

Starts `trang serve` on the generated corpus (bench/gen_site.py), then, --edits times,
appends a unique word to one page's body and polls the page over HTTP until the word is
served. Prints the median and the spread, the full `trang build` time on the same site and
the ratio, and the memory the server holds (RSS) after the edits. Bar (issue 7): median
<= 100 ms and <= 1/10 of a full build.
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def fetch(port, path):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    chunks = []
    while True:
        b = s.recv(1 << 16)
        if not b:
            break
        chunks.append(b)
    s.close()
    return b"".join(chunks)


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
            
    return 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--dir", default="/tmp/trang-bench")
    ap.add_argument("--trang", default=os.path.join(ROOT, "target", "release", "trang"))
    args = ap.parse_args()
    if not os.path.exists(args.trang):
        subprocess.check_call(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    corpus = os.path.join(args.dir, f"site-{args.pages}")
    site = os.path.join(corpus, "trang")
    if not os.path.exists(os.path.join(site, "trang.toml")):
        subprocess.check_call([sys.executable, os.path.join(HERE, "gen_site.py"), str(args.pages), corpus])

    # Full build time for the ratio (median of 3, output removed each time).
    builds = []
    for _ in range(3):
        subprocess.run(["rm", "-rf", os.path.join(site, "public")], check=True)
        t = time.perf_counter()
        subprocess.run([args.trang, "build", "--root", site], check=True, stderr=subprocess.DEVNULL)
        builds.append(time.perf_counter() - t)
    full = statistics.median(builds)

    port = free_port()
    proc = subprocess.Popen([args.trang, "serve", "--root", site, "--port", str(port)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    start = time.perf_counter()
    for line in proc.stderr:
        if line.startswith("Serving at"):
            break
    startup = time.perf_counter() - start
    import threading
    log = []
    threading.Thread(target=lambda: [log.append(l) for l in proc.stderr], daemon=True).start()

    pages = sorted(os.listdir(os.path.join(site, "content", "tin-tuc")))
    pages = [p for p in pages if p.endswith(".md") and p != "_index.md"]
    times = []
    try:
        for i in range(args.edits):
            name = pages[(i * 37) % len(pages)]
            path = os.path.join(site, "content", "tin-tuc", name)
            url = f"/tin-tuc/{name[:-3]}/"
            token = f"suaxong{i}x{int(time.time() * 1000) % 100000}"
            with open(path, encoding="utf-8") as f:
                text = f.read()
            fetch(port, url)  # make sure the page is there before timing
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text + f"\nĐoạn sửa {token}.\n")
            while token.encode() not in fetch(port, url):
                if time.perf_counter() - t0 > 30:
                    sys.exit("edit not served within 30 s")
                time.sleep(0.002)
            times.append(time.perf_counter() - t0)
            # Measure each edit on an idle server: wait for the deferred search-index refresh.
            while sum(l.startswith("Updated") for l in log) <= i and time.perf_counter() - t0 < 30:
                time.sleep(0.01)
        mem = rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait()

    med = statistics.median(times)
    print(f"pages: {args.pages}; edits: {args.edits}")
    print(f"serve start-up (full build in memory): {startup:.2f} s")
    print(f"edit -> served: median {med * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    print(f"full trang build: {full:.2f} s; ratio edit/full = {med / full:.3f}")
    print(f"memory held while serving (RSS): {mem:.0f} MiB")
    fast = [l.strip() for l in log if l.startswith("Rebuilt")]
    if fast:
        print("server log sample:", fast[-1], "|", next((l.strip() for l in log if l.startswith("Updated")), ""))
    derived = [int(re.search(r"in (\d+) ms", l).group(1)) for l in log if l.startswith("Updated")]
    if derived:
        print(f"deferred search index + site-wide files refresh: median {statistics.median(derived)} ms (pages are served meanwhile)")
    print("Bar (issue 7): median <= 100 ms and ratio <= 0.10.")


if __name__ == "__main__":
    main()
