"""Resuming a long log: `python build.py bench resume [--answers 50000] [--images 1000]`.

A folder of small generated images with a `.image-ranker/votes.csv` of simulated answers is put
into the Origin Private File System of headless Chromium. Measured in the page: choose folder
-> first pair on screen (reading the log, replaying it roughly, showing the pair), then the
time of one flush (the atomic append of an answer to the long file), and then a person
answering at a steady pace (one key every 0.7 s) while the page settles the long log in the
background and keeps its exports current: answer key -> next pair on screen, and the longest
task that held the page's main thread (nothing may freeze the page for long: a settle of the
whole log in one go took most of a second at 10,000 answers); then the person pauses, and the
page settles the ranking and rewrites rankings.csv and the preference files: how long until
they hold every answer, and the longest task meanwhile. The same read + replay and settle in
CPython are printed beside it, for scale.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import Page, sync_playwright

import build
from bench.judges import simulated_log
from ranker import Ranker
from ranker.formats import read_votes, write_votes

PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle("resume", { create: true });
"""
FILL = """
async ([names, image, log]) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry("resume", { recursive: true }).catch(() => {});
  const dir = await root.getDirectoryHandle("resume", { create: true });
  const bytes = Uint8Array.from(atob(image), (c) => c.charCodeAt(0));
  for (const name of names) {
    const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
    await w.write(bytes);
    await w.close();
  }
  const app = await dir.getDirectoryHandle(".image-ranker", { create: true });
  const w = await (await app.getFileHandle("votes.csv", { create: true })).createWritable();
  await w.write(log);
  await w.close();
}
"""
LONG_TASKS = """
window.benchLongTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.benchLongTasks.push(entry.duration);
}).observe({ entryTypes: ["longtask"] });
"""
PACE_S = 0.7
PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench resume", description=__doc__)
    parser.add_argument("--answers", type=int, default=50_000)
    parser.add_argument("--images", type=int, default=1_000)
    parser.add_argument("--paced", type=int, default=20, help="answers given at a steady pace")
    args = parser.parse_args(argv)
    images = [f"img_{i:05d}.png" for i in range(args.images)]
    log = write_votes(simulated_log(images, args.answers))

    start = time.perf_counter()
    votes = read_votes(log).votes
    ranker = Ranker.from_votes(images, votes, settled=False)
    ranker.next_pair()
    cpython_first = time.perf_counter() - start
    start = time.perf_counter()
    ranker.settle()
    cpython_settle = time.perf_counter() - start

    dist = build.build()
    with build.serving(dist) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(build.CHROMIUM), args=build.CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.add_init_script(PICKER)
        page.add_init_script(LONG_TASKS)
        page.goto(url)
        page.wait_for_function(
            "() => document.documentElement.dataset.engine === 'ready'", timeout=180_000
        )
        page.evaluate(FILL, [images, PNG_1PX, log])
        clicked = page.evaluate(
            "(() => { const t = performance.now();"
            " document.getElementById('choose-folder').click(); return t; })()"
        )
        page.wait_for_function("() => window.imageRankerFirstPairAt !== undefined", timeout=600_000)
        first_pair = (page.evaluate("window.imageRankerFirstPairAt") - clicked) / 1000
        page.keyboard.press("a")
        page.wait_for_function("() => window.imageRankerLastFlushMs !== undefined", timeout=60_000)
        flush_ms = page.evaluate("window.imageRankerLastFlushMs")
        paced, longest = answer_at_a_pace(page, args.paced)
        exports_s, longest_pausing = pause(page, args.answers + 1 + args.paced)
        browser.close()
    size = len(log.encode()) / 1e6
    print(
        f"Log of {args.answers:,} answers over {args.images:,} images ({size:.1f} MB votes.csv)\n"
    )
    print("| figure | headless Chromium (Pyodide) | CPython |")
    print("|---|---|---|")
    print(f"| read + replay -> first pair | {first_pair:.2f} s | {cpython_first:.2f} s |")
    print(
        f"| settling the joint estimate afterwards (in the background) | - | {cpython_settle:.2f} s |"
    )
    print(f"| one flush (append one answer to the file, atomically) | {flush_ms:.0f} ms | - |")
    print(
        f"| {args.paced} answers, one every {PACE_S} s: answer -> next pair, median / slowest "
        f"| {statistics.median(paced):.0f} / {max(paced):.0f} ms | - |"
    )
    print(f"| longest main-thread task meanwhile | {longest:.0f} ms | - |")
    print(
        "| then a pause: last answer -> rankings.csv and the preference files hold every "
        f"answer | {exports_s:.1f} s | - |"
    )
    print(f"| longest main-thread task meanwhile | {longest_pausing:.0f} ms | - |")
    return 0


def answer_at_a_pace(page: Page, answers: int) -> tuple[list[float], float]:
    """The page's answer -> next pair times of `answers` keys pressed at a person's pace,
    and the longest task (PerformanceObserver "longtask") while they were given."""
    before = page.evaluate("window.imageRankerAnswerTimes.length")
    page.evaluate("window.benchLongTasks.length = 0")
    for i in range(answers):
        page.keyboard.press("ad"[i % 2])
        page.wait_for_timeout(PACE_S * 1000)
    page.wait_for_function(
        f"() => window.imageRankerAnswerTimes.length >= {before + answers}", timeout=60_000
    )
    times = page.evaluate(f"Array.from(window.imageRankerAnswerTimes).slice({before})")
    return times, max(page.evaluate("window.benchLongTasks"), default=0.0)


def pause(page: Page, answers: int) -> tuple[float, float]:
    """The person stops: seconds from the last answer until the exports (rankings.csv, the
    preference files) hold all `answers`, and the longest task until then."""
    last = page.evaluate("performance.now()")
    page.evaluate("window.benchLongTasks.length = 0")
    page.wait_for_function(
        f"() => window.imageRankerExportedAnswers === {answers}", timeout=180_000, polling=100
    )
    seconds = (page.evaluate("performance.now()") - last) / 1000
    return seconds, max(page.evaluate("window.benchLongTasks"), default=0.0)
