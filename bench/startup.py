"""How fast and how heavy the built page's start is: `python build.py bench startup [--runs N]`.

Measures, in headless Chromium against build.py's server on 127.0.0.1 (so network time is
nearly nil and the figures are mostly download-free CPU cost):
- cold start: a new browser context opens the page; time from navigation start to
  data-engine="ready";
- offline reload: after that visit the service worker holds the build; the context goes offline
  and reloads; same clock;
- the requests of a cold load up to ready, and their bytes as stored and as gzip would send them
  (GitHub Pages compresses its responses);
- the bytes of the whole of dist/, which the service worker downloads for offline use.
Each time figure is the median of the runs, with the range beside it.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, sync_playwright

import build

# At the moment the page says it is ready: the performance clock (ms since navigation start)
# and the URLs loaded so far (the document, then every resource, in the order they started).
READY_CLOCK = """
new MutationObserver(() => {
  if (document.documentElement.dataset.engine === "ready" && window.__readyAt === undefined) {
    window.__readyAt = performance.now();
    window.__loaded = [location.href, ...performance.getEntriesByType("resource").map((e) => e.name)];
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-engine"] });
"""
TIMEOUT_MS = 180_000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python build.py bench startup")
    parser.add_argument("--runs", type=int, default=5, help="page loads to take medians of")
    runs = parser.parse_args(argv).runs
    try:
        build.require_chromium()
        dist = build.build()
    except build.SetupError as error:
        print(error)
        return 1

    cold, offline, loads = [], [], []
    with build.serving(dist) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(build.CHROMIUM), args=build.CHROMIUM_ARGS
        )
        for _ in range(runs):
            cold_ms, offline_ms, load = one_run(browser, url)
            cold.append(cold_ms / 1000)
            offline.append(offline_ms / 1000)
            loads.append(load)
        version = browser.version
        browser.close()

    paths = [local_path(dist, url, request) for request in loads[0]]
    all_files = [path for path in dist.rglob("*") if path.is_file()]
    rows = [
        ("cold start to ready", seconds(cold)),
        ("offline reload to ready (service worker)", seconds(offline)),
        ("requests of a cold load", requests_range(loads)),
        ("bytes of a cold load", sizes(paths)),
        (f"bytes of dist/ ({len(all_files)} files)", sizes(all_files)),
    ]
    print(f"Startup of the built page: {runs} runs, headless Chromium {version}, 127.0.0.1")
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    return 0


def one_run(browser: Browser, url: str) -> tuple[float, float, list[str]]:
    """Cold start and offline reload in a new context; the URLs the cold load asked for."""
    context = browser.new_context()
    context.add_init_script(READY_CLOCK)
    page = context.new_page()
    page.goto(url)
    cold_ms = ready_at(page)
    cold_load = page.evaluate("window.__loaded")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    context.set_offline(True)
    page.reload()
    offline_ms = ready_at(page)
    context.close()
    return cold_ms, offline_ms, cold_load


def ready_at(page) -> float:
    page.wait_for_function("() => window.__readyAt !== undefined", timeout=TIMEOUT_MS)
    return page.evaluate("window.__readyAt")


def local_path(dist: Path, site_url: str, url: str) -> Path:
    rel = urlsplit(url).path.removeprefix(urlsplit(site_url).path)
    return dist / (rel or "index.html")


def seconds(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s  ({min(values):.2f}-{max(values):.2f})"


def requests_range(loads: list[list[str]]) -> str:
    counts = [len(load) for load in loads]
    return f"{statistics.median(counts):g}" + (
        "" if min(counts) == max(counts) else f"  ({min(counts)}-{max(counts)})"
    )


def sizes(paths: list[Path]) -> str:
    raw = sum(path.stat().st_size for path in paths)
    packed = sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in paths)
    return f"{raw / 1e6:.2f} MB raw, {packed / 1e6:.2f} MB gzip"
