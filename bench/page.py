"""The page with a realistic folder: `python build.py bench page [--images 1000] [--answers 200]`.

A folder of generated 1600x1200 JPEG photos (made once with Pillow and cached in
/tmp/image-ranker-bench) is copied into the Origin Private File System of headless Chromium;
the page's folder picker returns it. Measured inside the page with performance.now():
- choose folder -> first pair on screen (click on Choose folder to the frame after the first
  pair is decoded and shown);
- answer key -> next pair on screen (keydown to the frame after both next images are decoded
  and shown), median and p95 over the answers.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from playwright.sync_api import Browser, Page, sync_playwright

import build

CACHE = Path(tempfile.gettempdir()) / "image-ranker-bench"
SIZE = (1600, 1200)
PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle("bench", { create: true });
"""
COPY_IN = """
async ([names, base]) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry("bench", { recursive: true }).catch(() => {});
  const dir = await root.getDirectoryHandle("bench", { create: true });
  for (let i = 0; i < names.length; i += 16) {
    await Promise.all(names.slice(i, i + 16).map(async (name) => {
      const bytes = await (await fetch(base + name)).arrayBuffer();
      const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await writable.write(bytes);
      await writable.close();
    }));
  }
}
"""


def photos(count: int, size: tuple[int, int] = SIZE) -> Path:
    """`count` distinct photo-like JPEGs (gradients, shapes, blur), generated once."""
    folder = CACHE / f"photos-{count}-{size[0]}x{size[1]}"
    if folder.exists() and len(list(folder.glob("*.jpg"))) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(0)
    base = Image.linear_gradient("L").resize(size)
    for i in range(count):
        tint = tuple(rng.randrange(256) for _ in range(3))
        picture = Image.merge("RGB", [base.point(lambda v, t=t: (v + t) % 256) for t in tint])
        draw = ImageDraw.Draw(picture)
        for _ in range(12):
            x, y = rng.randrange(size[0]), rng.randrange(size[1])
            r = rng.randrange(size[0] // 40, size[0] // 5)
            color = tuple(rng.randrange(256) for _ in range(3))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
        picture = picture.filter(ImageFilter.GaussianBlur(rng.choice([0, 1, 3])))
        picture.save(folder / f"photo_{i:05d}.jpg", quality=85)
    return folder


@contextmanager
def page_with_folder(source: Path, names: list[str]) -> Iterator[Page]:
    """The built page in headless Chromium, Python ready, with `names` of `source` copied
    into the Origin Private File System folder its picker returns: ready to choose."""
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        build.build(site)
        shutil.copytree(source, site / "bench-photos")
        with build.serving(site) as url, sync_playwright() as playwright:
            browser, page = ready_page(playwright, url, names)
            try:
                yield page
            finally:
                browser.close()


def ready_page(playwright, url: str, names: list[str]) -> tuple[Browser, Page]:
    """A new headless Chromium on the page at `url`, Python ready, with `names` of the site's
    bench-photos/ copied into the OPFS folder its picker returns."""
    browser = playwright.chromium.launch(
        executable_path=str(build.CHROMIUM), args=build.CHROMIUM_ARGS
    )
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.add_init_script(PICKER)
    page.goto(url)
    page.wait_for_function(
        "() => document.documentElement.dataset.engine === 'ready'", timeout=180_000
    )
    page.evaluate(COPY_IN, [names, f"{url}bench-photos/"])
    return browser, page


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[round(share * (len(ordered) - 1))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench page", description=__doc__)
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=200)
    args = parser.parse_args(argv)
    source = photos(args.images)
    names = sorted(path.name for path in source.glob("*.jpg"))
    with page_with_folder(source, names) as page:
        clicked = page.evaluate(
            "(() => { const t = performance.now();"
            " document.getElementById('choose-folder').click(); return t; })()"
        )
        page.wait_for_function("() => window.imageRankerFirstPairAt !== undefined", timeout=120_000)
        first_pair_ms = page.evaluate("window.imageRankerFirstPairAt") - clicked
        keys = ["a", "d", "ArrowLeft", "ArrowRight", "s"]
        for i in range(args.answers):
            page.keyboard.press(keys[i % len(keys)])
            page.wait_for_function(
                f"() => window.imageRankerAnswerTimes.length > {i}", timeout=30_000
            )
        times = page.evaluate("Array.from(window.imageRankerAnswerTimes)")
    print(f"Folder of {args.images:,} generated {SIZE[0]}x{SIZE[1]} JPEGs, headless Chromium\n")
    print("| figure | value |")
    print("|---|---|")
    print(f"| choose folder -> first pair on screen | {first_pair_ms:.0f} ms |")
    print(
        f"| answer key -> next pair on screen, median / p95 ({len(times)} answers) | "
        f"{statistics.median(times):.0f} / {percentile(times, 0.95):.0f} ms |"
    )
    return 0
