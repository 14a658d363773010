#!/usr/bin/env python3
"""The app with a catalog of 100,000 assets, in a real window (Xvfb, tauri-driver):
- launch to the first screen of thumbnails drawn,
- search as you type: keystroke to the grid showing the answer, p50/p95,
- memory of all the app's processes (WebKit's included, PSS) after scrolling the whole grid.
Peers in the same run: the same app on an empty library (the floor of a window and a
webview), and the CLI's `mediadesk search` on the same catalog (a whole process per query).

Usage (under Xvfb): python3 scripts/bench_app.py [ASSETS]   (scripts/bench.sh runs it)
"""
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
os.environ.setdefault("MEDIADESK_APP", os.path.join(ROOT, "target", "release", "mediadesk-app"))
from webdriver import Driver, wait_for  # noqa: E402

CLI = os.path.join(ROOT, "target", "release", "mediadesk")
QUERIES = ["dong nai", "bien hoa", "long thanh", "phong vien 12", "trang bom", "vinh cuu", "anh", "nha", "thuong", "le hoi"]


def make_library(assets):
    library = os.path.join(ROOT, "target", "bench", f"app-{assets}")
    subprocess.run([os.path.join(ROOT, "target", "release", "bench-search"), "--assets", str(assets), "--dir", library,
                    "--generate-only"], check=True)
    # Every asset gets a real grid thumbnail: a few pictures, hard-linked under each content
    # hash (a file takes at most 65,000 links).
    pictures = []
    for n in range(assets // 50_000 + 1):
        picture = os.path.join(library, f"thumbnail-{n}.jpg")
        if not os.path.exists(picture):
            subprocess.run(["convert", "-size", "256x171", "plasma:", "-quality", "80", picture], check=True)
        pictures.append(picture)
    with sqlite3.connect(os.path.join(library, "catalog.sqlite")) as db:
        for i, (h,) in enumerate(db.execute("SELECT content_hash FROM assets")):
            target = os.path.join(library, "thumbs", h[:2], h[2:4], f"{h}-256.jpg")
            if not os.path.exists(target):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(pictures[i // 50_000], target)
    return library


def pss_mb(root_pid):
    """PSS of a process and all its descendants, in MB: total, and the part that is
    anonymous (heaps, not files the OS can drop and read again)."""
    pids, frontier = [], [root_pid]
    while frontier:
        pid = frontier.pop()
        pids.append(pid)
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        frontier += [int(c) for c in children]
    total = anon = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/smaps_rollup") as f:
                fields = {line.split(":")[0]: int(line.split()[1]) for line in f if line.startswith("Pss")}
        except OSError:
            continue
        total += fields.get("Pss", 0)
        anon += fields.get("Pss_Anon", 0)
        # Where it goes, per process (on stderr, beside the table).
        print(f"  {name}: PSS {fields.get('Pss', 0) // 1024} MB, anonymous {fields.get('Pss_Anon', 0) // 1024} MB, "
              f"files {fields.get('Pss_File', 0) // 1024} MB", file=sys.stderr)
    return total / 1024, anon / 1024


def app_pid():
    out = subprocess.run(["pgrep", "-f", "-n", os.environ["MEDIADESK_APP"]], capture_output=True, text=True).stdout
    return int(out.split()[0])


def first_screen(w, t0):
    drawn = ("const i = [...document.querySelectorAll('.tile img')];"
             "return i.length >= arguments[0] && i.every(x => x.complete && x.naturalWidth > 0)")
    wait_for("the first screen of thumbnails", lambda: w.script(drawn, 24), 60)
    return time.perf_counter() - t0


def typing_latencies(w):
    """Types each query letter by letter; the time from each keystroke to the grid showing its answer."""
    js = """
const queries = arguments[0];
const box = document.querySelector('input[type=search]');
const frame = () => new Promise(r => requestAnimationFrame(() => r()));
(async () => {
  const times = [];
  for (const q of queries) {
    for (let n = 1; n <= q.length; n++) {
      const text = q.slice(0, n);
      const t0 = performance.now();
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      while (window.mediadesk.searched.text !== text) await new Promise(r => setTimeout(r, 1));
      await frame();
      times.push(performance.now() - t0);
    }
  }
  box.value = '';
  box.dispatchEvent(new Event('input', { bubbles: true }));
  while (window.mediadesk.searched.text !== '') await new Promise(r => setTimeout(r, 5));
  done(times);
})();
"""
    return w.run_async(js, QUERIES)


def scroll_everything(w):
    js = """
const grid = document.querySelector('.grid');
(async () => {
  // The whole list arrives once typing has paused: wait until the grid stops growing.
  let height = -1;
  while (grid.scrollHeight !== height) {
    height = grid.scrollHeight;
    await new Promise(r => setTimeout(r, 600));
  }
  let steps = 0;
  while (grid.scrollTop + grid.clientHeight < grid.scrollHeight - 1) {
    grid.scrollTop += grid.clientHeight;
    steps++;
    await new Promise(r => setTimeout(r, 8));
  }
  // Back to the top, as an editor would, and time for WebKit's collector to run.
  grid.scrollTop = 0;
  await new Promise(r => setTimeout(r, 10000));
  done(steps);
})();
"""
    return w.run_async(js)


def measure(library, scroll):
    env = dict(os.environ, MEDIADESK_LIBRARY=library, HOME=tempfile.mkdtemp(prefix="mediadesk-bench-home-"))
    driver = Driver(env, "tauri-driver-bench.log")
    try:
        t0 = time.perf_counter()
        with driver.session() as w:
            launch = first_screen(w, t0) if scroll else None
            if not scroll:
                wait_for("the empty library", lambda: w.count(".empty") == 1, 60)
                launch = time.perf_counter() - t0
            typing = typing_latencies(w) if scroll else []
            steps = scroll_everything(w) if scroll else 0
            memory = pss_mb(app_pid())
            return launch, typing, steps, memory
    finally:
        driver.stop()


def cli_search_ms(library):
    times = []
    for q in QUERIES:
        t = time.perf_counter()
        subprocess.run([CLI, "--library", library, "search", q, "--limit", "200", "--json"], check=True, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
    return times


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main():
    assets = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    library = make_library(assets)
    empty = tempfile.mkdtemp(prefix="mediadesk-bench-empty-")
    launch, typing, steps, memory = measure(library, scroll=True)
    floor_launch, _, _, floor_memory = measure(empty, scroll=False)
    cli = cli_search_ms(library)
    print(f"\n### The app at {assets:,} assets ({time.strftime('%Y-%m-%d')})\n")
    print("| measure | Mediadesk app | peer | ratio | goal |")
    print("|---|---|---|---|---|")
    print(f"| launch to first screen of thumbnails | {launch:.2f} s | {floor_launch:.2f} s (empty library) | "
          f"{launch / floor_launch:.2f}× | ≤ 1.5 s |")
    print(f"| keystroke to grid updated, p50 / p95 ({len(typing)} keystrokes) | {pct(typing, .5):.0f} / {pct(typing, .95):.0f} ms | "
          f"CLI `search` whole process p50 {statistics.median(cli):.0f} ms | {statistics.median(cli) / pct(typing, .95):.1f}× | p95 ≤ 100 ms |")
    print(f"| memory (PSS, all processes) after scrolling {steps} screens | {memory[0]:.0f} MB | {floor_memory[0]:.0f} MB (empty library) | "
          f"{memory[0] / floor_memory[0]:.2f}× | < 400 MB |")
    print(f"| of which anonymous (heaps) | {memory[1]:.0f} MB | {floor_memory[1]:.0f} MB | {memory[1] / floor_memory[1]:.2f}× | |")


if __name__ == "__main__":
    sys.exit(main())
