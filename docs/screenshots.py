"""Screenshots of the real page for the README: `python build.py screenshots [--out DIR]`.

Builds the site, serves it, and drives it in headless Chromium as a person would: the folder
picker returns an Origin Private File System folder filled with generated photo-like images,
answers are given with keys. Writes, at 1280x800 (and one phone-sized view):
  loading.png        the page while Python starts
  compare.png        two images side by side, the answer buttons, the progress bar
  ranking.png        the ranking view after some answers
  compare-phone.png  the compare view on a 390x844 phone screen
Regenerate after changing the page, so the README shows what the page really looks like.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from playwright.sync_api import Page, sync_playwright

import build
from tests.e2e.folders import fill

OUT = Path(__file__).resolve().parent / "screenshots"
FOLDER = "holiday photos"
PICKER = f"""
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle({FOLDER!r}, {{ create: true }});
"""
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ANSWERS = "adadsaddaadadsdaadda"


def landscape(seed: int, size: tuple[int, int] = (1200, 900)) -> bytes:
    """A photo-like landscape (sky, sun, hills) that differs by seed, as a JPEG."""
    rng = random.Random(seed)
    width, height = size
    top = (rng.randint(40, 120), rng.randint(80, 160), rng.randint(150, 230))
    bottom = (rng.randint(200, 255), rng.randint(150, 210), rng.randint(100, 170))
    picture = Image.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom))
        )
    x, y, r = rng.randint(100, width - 100), rng.randint(80, height // 2), rng.randint(40, 90)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 236, 190))
    for layer in range(3):
        base = height * (0.55 + 0.13 * layer)
        shade = (30 + 25 * layer + rng.randint(0, 30), 60 + 20 * layer, 40 + 10 * layer)
        points = [(0, height)]
        for step in range(0, width + 80, 80):
            points.append((step, base + rng.randint(-60, 40)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    picture = picture.filter(ImageFilter.GaussianBlur(1.5))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


def folder() -> dict[str, bytes]:
    names = [f"day 1/IMG_{1040 + i:04d}.JPG" for i in range(8)]
    names += [f"day 2/IMG_{2210 + i:04d}.jpg" for i in range(8)]
    names += ["best of/sunset, the lake.jpg", "best of/ridge “golden hour”.jpg"]
    return {name: landscape(i) for i, name in enumerate(names)}


def wait_view(page: Page, name: str) -> None:
    page.wait_for_function(f"() => document.querySelector('main').dataset.view === {name!r}")


def wait_pair_shown(page: Page) -> None:
    """Both images decoded and painted, and the progress line written."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('#img-left, #img-right')].every((img) => img.complete
             && img.naturalWidth > 0) && document.getElementById('progress-text').textContent"""
    )


def answer(page: Page, keys: str) -> None:
    for key in keys:
        before = page.evaluate("window.imageRankerAnswerTimes.length")
        page.keyboard.press(key)
        page.wait_for_function(f"() => window.imageRankerAnswerTimes.length > {before}")


def take(url: str, out: Path) -> list[Path]:
    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(build.CHROMIUM), args=build.CHROMIUM_ARGS
        )
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.add_init_script(PICKER)
        page.goto(url, wait_until="domcontentloaded")
        shots.append(out / "loading.png")
        page.screenshot(path=shots[-1])
        page.wait_for_function(
            "() => document.documentElement.dataset.engine === 'ready'", timeout=180_000
        )
        fill(page, folder(), FOLDER)
        page.get_by_role("button", name="Choose folder", exact=True).click()
        wait_view(page, "compare")
        wait_pair_shown(page)
        answer(page, ANSWERS)
        page.locator("#banner-close").click()
        wait_pair_shown(page)
        page.wait_for_function(
            "() => document.getElementById('progress-text').textContent"
            f".includes('{len(ANSWERS)} answers')"
        )
        page.wait_for_timeout(400)  # the progress bar's width transition
        shots.append(out / "compare.png")
        page.screenshot(path=shots[-1])
        page.keyboard.press("r")
        wait_view(page, "ranking")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ranking-row img')].every((img) => img.src)"
        )
        shots.append(out / "ranking.png")
        page.screenshot(path=shots[-1])
        page.set_viewport_size(PHONE)
        page.keyboard.press("r")
        wait_view(page, "compare")
        wait_pair_shown(page)
        shots.append(out / "compare-phone.png")
        page.screenshot(path=shots[-1])
        browser.close()
    return shots


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python build.py screenshots")
    parser.add_argument("--out", type=Path, default=OUT, help="directory for the PNG files")
    out = parser.parse_args(argv).out
    try:
        build.require_chromium()
        dist = build.build()
    except build.SetupError as error:
        print(error)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    with build.serving(dist) as url:
        for path in take(url, out):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
