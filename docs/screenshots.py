"""Screenshots of the real page: `python build.py screenshots [--out DIR]`.

Builds the site, serves it, and drives it in headless Chromium as a person would: the folder
picker returns an Origin Private File System folder of real photos (the sample images that
scikit-image's wheel ships, fetched once with pip into the test corpus cache), answers are
given with keys. Writes VIEW-WIDTHxHEIGHT.jpg (JPEG: photos, a fifth of a PNG's size) for each
view at each screen size:
  start     the folder choice, before a folder is open
  compare   two photos side by side (stacked on a phone), the answer buttons, the progress
  best4     best of 4
  zoom      both photos at 100%
  ranking   the ranking view after some answers
  settings  the settings panel over the compare view
  help      the keys
Regenerate after changing the page, so the README shows what the page really looks like.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

import build
from tests.corpus.packages import member
from tests.e2e.folders import fill

OUT = Path(__file__).resolve().parent / "screenshots"
FOLDER = "sample photos"
PICKER = f"""
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle({FOLDER!r}, {{ create: true }});
"""
QUALITY = 82
SIZES = [(390, 844), (768, 1024), (1280, 800), (1920, 1080)]
SKIMAGE = ("scikit-image", "0.25.2")
PHOTOS = {
    "people/astronaut.png": "astronaut.png",
    "animals/chelsea the cat.png": "chelsea.png",
    "food/coffee.png": "coffee.png",
    "space/rocket.jpg": "rocket.jpg",
    "space/hubble deep field.jpg": "hubble_deep_field.jpg",
    "space/moon.png": "moon.png",
    "street/motorcycle left.png": "motorcycle_left.png",
    "street/motorcycle right.png": "motorcycle_right.png",
    "people/cameraman.png": "camera.png",
    "objects/coins.png": "coins.png",
    "science/retina.jpg": "retina.jpg",
    "science/ihc.png": "ihc.png",
}
ANSWERS = "adadsaddaadadsdaadda"


def folder() -> dict[str, bytes]:
    return {name: member(*SKIMAGE, f"skimage/data/{file}") for name, file in PHOTOS.items()}


def wait_view(page: Page, name: str) -> None:
    page.wait_for_function(f"() => document.querySelector('main').dataset.view === {name!r}")


def wait_images_shown(page: Page) -> None:
    """The images of the question decoded and painted, and the progress line written."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('#pair .side:not([hidden]) img')].every(
             (img) => img.complete && img.naturalWidth > 0)
           && document.getElementById('progress-text').textContent"""
    )


def answer(page: Page, keys: str) -> None:
    for key in keys:
        before = page.evaluate("window.imageRankerAnswerTimes.length")
        page.keyboard.press(key)
        page.wait_for_function(f"() => window.imageRankerAnswerTimes.length > {before}")


def set_mode(page: Page, mode: str) -> None:
    page.evaluate(
        """(mode) => { const select = document.getElementById('mode');
             select.value = mode; select.dispatchEvent(new Event('change')); }""",
        mode,
    )
    quad = "true" if mode == "best4" else "false"
    page.wait_for_function(
        f"() => document.getElementById('pair').classList.contains('quad') === {quad}"
    )
    wait_images_shown(page)


def take(url: str, out: Path) -> list[Path]:
    shots: list[Path] = []

    def shoot(page: Page, view: str) -> None:
        size = page.viewport_size or {"width": 0, "height": 0}
        shots.append(out / f"{view}-{size['width']}x{size['height']}.jpg")
        page.wait_for_timeout(400)  # transitions (the progress bar's width) come to rest
        page.screenshot(path=shots[-1], type="jpeg", quality=QUALITY)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(build.CHROMIUM), args=build.CHROMIUM_ARGS
        )
        page = browser.new_context().new_page()
        page.add_init_script(PICKER)
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function(
            "() => document.documentElement.dataset.engine === 'ready'", timeout=180_000
        )
        fill(page, folder(), FOLDER)
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            shoot(page, "start")
        page.get_by_role("button", name="Choose folder", exact=True).click()
        wait_view(page, "compare")
        wait_images_shown(page)
        answer(page, ANSWERS)
        page.locator("#banner-close").click()
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            wait_images_shown(page)
            shoot(page, "compare")
            page.keyboard.press("z")
            shoot(page, "zoom")
            page.keyboard.press("Escape")
            page.locator("#show-settings").click()
            shoot(page, "settings")
            page.keyboard.press("Escape")
            page.keyboard.press("?")
            shoot(page, "help")
            page.keyboard.press("Escape")
            page.keyboard.press("r")
            wait_view(page, "ranking")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.ranking-row img')].every((i) => i.src)"
            )
            shoot(page, "ranking")
            page.keyboard.press("r")
            wait_view(page, "compare")
        set_mode(page, "best4")
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            wait_images_shown(page)
            shoot(page, "best4")
        set_mode(page, "pairs")
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
