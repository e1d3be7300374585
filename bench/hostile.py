"""A folder of crafted files: `python build.py bench hostile [--before REV]`.

The folder holds 20 ordinary JPEGs beside every attack of `bench/crafted.py`: XMP that makes a
lazy regular expression backtrack, an EXIF block whose entries point back at themselves, a PNG
of 63 zTXt chunks that inflate to 250 MB, a 20,000 x 20,000 PNG of a few hundred KB, a scripted
SVG, a 30 MB prompt.txt and a votes.csv whose every line opens a quote. It is copied into the
Origin Private File System of headless Chromium; the page chooses it, shows the first pair,
reads every prompt in the background, and takes 10 answers. Measured:
- the longest main-thread task (PerformanceObserver "longtask") from the click on Choose
  folder to the end, and how many tasks took over 200 ms;
- choose folder -> first pair on screen;
- the renderer's peak resident memory (`bench.huge_image.memory_mb`: VmHWM of the renderers);
- whether the SVG's script ran (a request it would send, a localStorage key it would set).

With `--before REV`, the same folder is opened in the build of that commit too, in the same
run, so the two columns compare like with like (REV's own build.py builds it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import build
from bench.crafted import crafted_folder
from bench.huge_image import memory_mb

ANSWERS = 10
WAIT_MS = 900_000  # the build before may freeze for minutes: that is what is measured
PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle("hostile", { create: true });
window.longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.longTasks.push([entry.startTime, entry.duration]);
}).observe({ type: "longtask", buffered: true });
"""
COPY_IN = """
async ([names, base]) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry("hostile", { recursive: true }).catch(() => {});
  const top = await root.getDirectoryHandle("hostile", { create: true });
  for (const name of names) {
    const parts = name.split("/");
    let dir = top;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const bytes = await (await fetch(base + name)).arrayBuffer();
    const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
    await writable.write(bytes);
    await writable.close();
  }
}
"""


def built_before(rev: str, into: Path) -> Path:
    """The site as commit `rev`'s build.py builds it. It gets a copy of this checkout's
    node_modules (never a link: an `npm ci` there would empty this one) and makes its own
    .venv (a link would let it clear this one for its own pins)."""
    source = into / "source"
    source.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(build.ROOT), "archive", rev], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    shutil.copytree(build.NODE_MODULES, source / "node_modules", symlinks=True)
    subprocess.run([sys.executable, str(source / "build.py"), "build"], check=True)
    return source / "dist"


def measure(site: Path, files: dict[str, bytes], csp: bool = True) -> dict[str, object]:
    for name, data in files.items():
        target = site / "bench-hostile" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    with build.serving(site, csp=csp) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(build.CHROMIUM), args=build.CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.add_init_script(PICKER)
            page.goto(url)
            page.wait_for_function(
                "() => document.documentElement.dataset.engine === 'ready'", timeout=180_000
            )
            page.evaluate(COPY_IN, [list(files), f"{url}bench-hostile/"])
            clicked = page.evaluate(
                "(() => { const t = performance.now();"
                " document.getElementById('choose-folder').click(); return t; })()"
            )
            page.wait_for_function(
                "() => window.imageRankerFirstPairAt !== undefined", timeout=WAIT_MS
            )
            first_pair = page.evaluate("window.imageRankerFirstPairAt") - clicked
            for i in range(ANSWERS):
                # a pair with an image that cannot be shown is answered "can't say"
                unshowable = page.evaluate("document.getElementById('answer-left').disabled")
                page.keyboard.press(" " if unshowable else "ad"[i % 2])
                page.wait_for_function(
                    f"() => window.imageRankerAnswerTimes.length > {i}", timeout=WAIT_MS
                )
            page.wait_for_function(
                "() => window.imageRankerPromptsRead !== undefined", timeout=WAIT_MS
            )
            page.wait_for_timeout(4_000)  # the exports after the last answer
            tasks = [d for start, d in page.evaluate("window.longTasks") if start >= clicked]
            ran = any("svg-ran" in request for request in requests) or bool(
                page.evaluate("localStorage.getItem('svg-ran')")
            )
            return {
                "longest task": f"{max(tasks, default=0):,.0f} ms",
                "tasks over 200 ms": str(sum(d > 200 for d in tasks)),
                "choose folder -> first pair": f"{first_pair:,.0f} ms",
                "renderer peak memory": f"{memory_mb(browser)['renderer peak']:,.0f} MB",
                "scripts of the folder run": "yes" if ran else "no",
            }
        finally:
            browser.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench hostile", description=__doc__)
    parser.add_argument("--before", help="a commit to measure beside this checkout")
    args = parser.parse_args(argv)
    files = crafted_folder()
    columns: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as temp:
        if args.before:
            before = built_before(args.before, Path(temp) / "before")
            columns[args.before] = measure(before, files, csp=False)  # it may predate one
        site = build.build(Path(temp) / "site")
        columns["this checkout"] = measure(site, files)
        shutil.rmtree(temp, ignore_errors=True)
    names = list(columns)
    print("Folder of 20 JPEGs and bench/crafted.py's files, headless Chromium, 1280x800\n")
    print("| figure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for figure in next(iter(columns.values())):
        print(f"| {figure} | " + " | ".join(str(columns[n][figure]) for n in names) + " |")
    print(f"\n({os.cpu_count()} cores)")
    return 0
