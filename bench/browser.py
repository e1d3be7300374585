"""Speed in the browser: `python build.py bench browser [--quick] [--runs 3]`.

Drives the built page in headless Chromium with folders in the Origin Private File System
(generated photo-like JPEGs: 1600x1200 for the folders of 100 and 1,000 images, 640x480 for
10,000), and prints one table: this app beside the reference flow (`?engine=reference`: a random
pair and one online `trueskill.rate_1vs1` per answer, what the original app did per request).
Times are measured inside the page (performance.now(), from the key press to the frame after
the next images are decoded and shown); medians over the runs or answers, p95 where it says so.
The next key is pressed as soon as a pair shows or, in the paced rows, 0.3 s later, as a fast
person answers: only the paced rows let the page finish the work it defers past the frame.
Memory is the JS heap Chromium reports plus the Wasm memory of the Python runtime (which the
JS heap does not include), with the renderer process's resident size beside it (decoded images,
caches and the allocator's free pages too). A long session at 1,000 photos reads the
renderer's size after 1,000 and 3,000 answers: the page releases every image once out of use,
so what it holds should level off, not grow with the answers. At 10,000 images the longest
task is also read over answers given after a pause: the page has settled the ranking meanwhile,
and the next answer's save rewrites rankings.csv. The folders are filled from another page, so
its garbage does not count.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

import build
from bench.judges import simulated_log
from bench.page import photos
from bench.startup import READY_CLOCK, local_path, sizes
from ranker.formats import write_votes

PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle(window.benchFolder);
window.benchLongest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.benchLongest = Math.max(window.benchLongest, entry.duration);
  }
}).observe({ type: "longtask" });
"""
FILL = """
async ([folder, names, base, log]) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(folder, { recursive: true }).catch(() => {});
  const dir = await root.getDirectoryHandle(folder, { create: true });
  for (let i = 0; i < names.length; i += 32) {
    await Promise.all(names.slice(i, i + 32).map(async ([name, source]) => {
      const bytes = await (await fetch(base + source)).arrayBuffer();
      const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await w.write(bytes);
      await w.close();
    }));
  }
  if (log) {
    const app = await dir.getDirectoryHandle(".image-ranker", { create: true });
    const w = await (await app.getFileHandle("votes.csv", { create: true })).createWritable();
    await w.write(log);
    await w.close();
  }
}
"""
FORGET = """
async ([folder, log]) => {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  await dir.removeEntry(".image-ranker", { recursive: true }).catch(() => {});
  if (log) {
    const app = await dir.getDirectoryHandle(".image-ranker", { create: true });
    const w = await (await app.getFileHandle("votes.csv", { create: true })).createWritable();
    await w.write(log);
    await w.close();
  }
}
"""
ENGINES = {"this app": "", "reference": "?engine=reference"}
MEMORY = "memory after 1,000 answers at 10,000 images: JS heap + Wasm (renderer RSS)"
LONG_SESSION = (1_000, 3_000)  # answers after which the renderer's size is read
GROWTH = "renderer RSS after 1,000 / 3,000 answers, 1,000 photos"
PAUSED_S, AFTER_PAUSE = 5, 50
# A fast person: an answer 0.3 s after each pair shows. Answers pressed at once land in the work
# the page defers until after the frame (guessing and decoding the likely next pair).
PACE_MS = 300
AT_ONCE_1000 = "answer -> next pair on screen, 1,000 images (median / p95)"
AT_ONCE_10000 = "answer -> next pair, 10,000 images, 5,000 logged (median / p95)"
AT_A_PACE = f"an answer {PACE_MS / 1000} s after each pair shows (median / p95)"
PACED_1000 = f"answer -> next pair, 1,000 images, {AT_A_PACE}"
PACED_10000 = f"answer -> next pair, 10,000 images, 5,000 logged, {AT_A_PACE}"
AFTER_A_PAUSE = (
    f"longest main-thread task, 10,000 images: {AFTER_PAUSE} answers after a {PAUSED_S} s pause"
)
TARGETS = {
    "first paint of the page shell (cold)": "< 0.5 s",
    "Python ready, cold / from the service worker cache": "< 3 s / < 1.5 s",
    "bytes transferred on a cold load (gzip)": "< 15 MB",
    "choose folder -> first pair, 100 / 1,000": "< 0.5 s / < 1 s",
    AT_ONCE_1000: "< 16 / < 50 ms",
    "longest main-thread task during 200 answers": "< 50 ms",
    "resume 50,000 answers over 1,000 images -> first pair": "< 2 s",
    "choose folder -> first pair, 10,000": "< 3 s",
    "choose folder -> first pair, 10,000 (5,000 answers logged)": "-",
    AT_ONCE_10000: "< 30 / < 100 ms",
    PACED_1000: "< 16 / < 50 ms",
    PACED_10000: "< 30 / < 100 ms",
    AFTER_A_PAUSE: "< 50 ms",
    MEMORY: "< 500 MB",
    GROWTH: "-",
}
KEYS = ["a", "d", "ArrowLeft", "ArrowRight", "s"]


def longest_task(ms: float) -> str:
    """The longest task a PerformanceObserver saw (it sees only those over 50 ms)."""
    return f"{ms:.0f} ms" if ms else "none over 50 ms (the long-task threshold)"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[round(share * (len(ordered) - 1))]


def median_p95(times: list[float]) -> str:
    return f"{statistics.median(times):.0f} / {percentile(times, 0.95):.0f} ms"


class Run:
    """One engine in one page: open folders, answer, read the page's clocks."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.url = url

    def open(self) -> None:
        self.page.goto(self.url)
        self.page.wait_for_function(
            "() => document.documentElement.dataset.engine === 'ready'", timeout=180_000
        )

    def choose(self, folder: str) -> float:
        """Seconds from the click on Choose folder to the first pair on screen."""
        self.open()
        self.page.evaluate(f"window.benchFolder = {folder!r}")
        clicked = self.page.evaluate(
            "(() => { const t = performance.now();"
            " document.getElementById('choose-folder').click(); return t; })()"
        )
        self.page.wait_for_function(
            "() => window.imageRankerFirstPairAt !== undefined", timeout=900_000
        )
        return (self.page.evaluate("window.imageRankerFirstPairAt") - clicked) / 1000

    def answer(self, count: int, pace_ms: int = 0) -> tuple[list[float], float]:
        """Answer `count` times, each `pace_ms` after the pair showed (0: at once); the page's
        answer -> next pair times and the longest task."""
        done = self.page.evaluate("window.imageRankerAnswerTimes.length")
        self.page.evaluate("window.benchLongest = 0")
        for i in range(count):
            if pace_ms:
                self.page.wait_for_timeout(pace_ms)
            self.page.keyboard.press(KEYS[i % len(KEYS)])
            self.page.wait_for_function(
                f"() => window.imageRankerAnswerTimes.length > {done + i}", timeout=60_000
            )
        times = self.page.evaluate(f"Array.from(window.imageRankerAnswerTimes).slice({done})")
        return times, self.page.evaluate("window.benchLongest")


def renderer_memory_mb(browser, page: Page) -> tuple[float, float, float]:
    """(largest renderer's resident MB, the page's JS heap MB, its Wasm memory MB)."""
    cdp = browser.new_browser_cdp_session()
    processes = cdp.send("SystemInfo.getProcessInfo")["processInfo"]
    resident = 0.0
    for process in processes:
        if process["type"] == "renderer":
            try:
                status = Path(f"/proc/{process['id']}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    resident = max(resident, int(line.split()[1]) / 1024)
    page_cdp = page.context.new_cdp_session(page)
    page_cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in page_cdp.send("Performance.getMetrics")["metrics"]}
    wasm = page.evaluate("window.imageRankerWasmBytes()") / 1e6
    return resident, metrics.get("JSHeapUsedSize", 0) / 1e6, wasm


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench browser", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 images, fewer answers")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    answers = 50 if args.quick else 200
    paced = answers // 2
    big = 0 if args.quick else 10_000
    large = photos(1000)
    small = photos(big, size=(640, 480)) if big else None
    names_1000 = sorted(p.name for p in large.glob("*.jpg"))
    dist = build.build()
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        shutil.copytree(dist, site)
        (site / "bench-large").symlink_to(large, target_is_directory=True)
        if small:
            (site / "bench-small").symlink_to(small, target_is_directory=True)
        figures: dict[str, dict[str, str]] = {name: {} for name in ENGINES}
        with build.serving(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(build.CHROMIUM), args=build.CHROMIUM_ARGS
            )
            cold, cached, paint, loads = [], [], [], []
            for _ in range(args.runs):
                context = browser.new_context()
                context.add_init_script(READY_CLOCK)
                page = context.new_page()
                page.goto(url)
                page.wait_for_function("() => window.__readyAt !== undefined", timeout=180_000)
                cold.append(page.evaluate("window.__readyAt") / 1000)
                paint.append(
                    page.evaluate(
                        "performance.getEntriesByName('first-contentful-paint')[0].startTime"
                    )
                    / 1000
                )
                loads.append(page.evaluate("window.__loaded"))
                page.evaluate("navigator.serviceWorker.ready.then(() => true)")
                page.reload()
                page.wait_for_function("() => window.__readyAt !== undefined", timeout=180_000)
                cached.append(page.evaluate("window.__readyAt") / 1000)
                context.close()
            shared = {
                "first paint of the page shell (cold)": f"{statistics.median(paint):.2f} s",
                "Python ready, cold / from the service worker cache": (
                    f"{statistics.median(cold):.2f} s / {statistics.median(cached):.2f} s"
                ),
                "bytes transferred on a cold load (gzip)": sizes(
                    [local_path(dist, url, request) for request in loads[0]]
                ).split(", ")[1],
            }

            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.add_init_script(PICKER)
            page = context.new_page()
            run = Run(page, url)
            run.open()
            folders = {
                "b100": ([(n, n) for n in names_1000[:100]], "bench-large/", None),
                "b1000": ([(n, n) for n in names_1000], "bench-large/", None),
                "resume": (
                    [(n, n) for n in names_1000],
                    "bench-large/",
                    write_votes(simulated_log(names_1000, 50_000)),
                ),
            }
            if small:
                names_small = sorted(p.name for p in small.glob("*.jpg"))
                folders["b10000"] = (
                    [(n, n) for n in names_small],
                    "bench-small/",
                    write_votes(simulated_log(names_small, 5_000)),
                )
            filler = context.new_page()  # its garbage must not count in the app's memory
            filler.goto(f"{url}manifest.webmanifest")
            for folder, (names, base, log) in folders.items():
                filler.evaluate(FILL, [folder, names, f"{url}{base}", log])
            filler.close()
            for engine, query in ENGINES.items():
                run.url = url + query
                row = figures[engine]
                first = {"b100": [], "b1000": []}
                for _ in range(args.runs):
                    for folder, seconds in first.items():
                        page.evaluate(FORGET, [folder, None])
                        seconds.append(run.choose(folder))
                times, longest = run.answer(answers)
                row["choose folder -> first pair, 100 / 1,000"] = (
                    f"{statistics.median(first['b100']):.2f} s / "
                    f"{statistics.median(first['b1000']):.2f} s"
                )
                row[AT_ONCE_1000] = median_p95(times)
                row[f"longest main-thread task during {answers} answers"] = longest_task(longest)
                row[PACED_1000] = median_p95(run.answer(paced, PACE_MS)[0])
                if not args.quick:
                    rss_mb, given = [], answers + paced
                    for upto in LONG_SESSION:
                        run.answer(upto - given)
                        given = upto
                        rss_mb.append(renderer_memory_mb(browser, page)[0])
                    row[GROWTH] = " / ".join(f"{mb:.0f} MB" for mb in rss_mb)
                resumed = []
                for _ in range(args.runs):
                    page.evaluate(FORGET, ["resume", folders["resume"][2]])
                    resumed.append(run.choose("resume"))
                row["resume 50,000 answers over 1,000 images -> first pair"] = (
                    f"{statistics.median(resumed):.2f} s"
                )
                if small:
                    page.evaluate(FORGET, ["b10000", None])
                    row["choose folder -> first pair, 10,000"] = f"{run.choose('b10000'):.2f} s"
                    page.evaluate(FORGET, ["b10000", folders["b10000"][2]])
                    opened = run.choose("b10000")
                    times, _ = run.answer(answers)
                    row["choose folder -> first pair, 10,000 (5,000 answers logged)"] = (
                        f"{opened:.2f} s"
                    )
                    row[AT_ONCE_10000] = median_p95(times)
                    row[PACED_10000] = median_p95(run.answer(paced, PACE_MS)[0])
                    page.wait_for_timeout(PAUSED_S * 1000)
                    _, longest = run.answer(AFTER_PAUSE)
                    row[AFTER_A_PAUSE] = longest_task(longest)
                    run.answer(1000 - answers - paced - AFTER_PAUSE)
                    resident, heap, wasm = renderer_memory_mb(browser, page)
                    row[MEMORY] = (
                        f"{heap + wasm:.0f} MB ({heap:.0f} + {wasm:.0f}); renderer {resident:.0f} MB"
                    )
            version = browser.version
            browser.close()
    print(f"Headless Chromium {version}, 127.0.0.1, {args.runs} cold starts\n")
    print("| figure | target | this app | reference (random pair + rate_1vs1) |")
    print("|---|---|---|---|")
    for name, value in shared.items():
        print(f"| {name} | {TARGETS[name]} | {value} | same page |")
    for name, value in figures["this app"].items():
        target = TARGETS.get(name.replace(f"{answers} answers", "200 answers"), "-")
        print(f"| {name} | {target} | {value} | {figures['reference'].get(name, '-')} |")
    return 0
