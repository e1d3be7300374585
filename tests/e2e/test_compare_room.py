"""The compare view on every screen: how much of the window the images take (a phone held
upright, a laptop; with a long banner and without), best of 4's row or grid, full screen,
flicker, zoom's state and keys, and the small strip of the top five."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .folders import image_bytes

PHOTOS = {f"photo_{i:02d}.jpg": image_bytes(i, (1600, 1200), "JPEG") for i in range(8)}
PORTRAITS = {f"portrait_{i:02d}.jpg": image_bytes(i, (1000, 1500), "JPEG") for i in range(8)}
LONG_NEWS = (
    "Found 8 images; skipped 3 files that are not images (notes.txt, a.psd, b.xcf). "
    "The original app's history is in this folder (autosave_1.csv, autosave_2.csv and 14 "
    "more); some prompts were left out: three records could not be read. " * 2
)

# The share of the window the images' drawn pictures cover (object-fit: contain, so the
# picture inside each <img> box), counting only what is inside the window.
AREA = """() => {
  let sum = 0;
  for (const img of document.querySelectorAll('#pair .side:not([hidden]) img:not([hidden])')) {
    const box = img.getBoundingClientRect();
    if (!img.naturalWidth || !box.width) continue;
    const scale = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight);
    const w = img.naturalWidth * scale, h = img.naturalHeight * scale;
    const left = box.left + (box.width - w) / 2, top = box.top + (box.height - h) / 2;
    const visible = Math.max(0, Math.min(left + w, innerWidth) - Math.max(left, 0))
      * Math.max(0, Math.min(top + h, innerHeight) - Math.max(top, 0));
    sum += visible;
  }
  return sum / (innerWidth * innerHeight);
}"""

INSIDE = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.width > 0 && box.top >= 0 && box.left >= 0
    && box.bottom <= innerHeight && box.right <= innerWidth;
}"""


def decoded(page: Page, count: int = 2) -> None:
    page.wait_for_function(
        "(n) => [...document.querySelectorAll('#pair .side:not([hidden]) img')]"
        ".filter(img => img.complete && img.naturalWidth > 0).length >= n",
        arg=count,
    )


def long_banner(page: Page) -> None:
    page.evaluate(
        "(text) => { const b = document.getElementById('banner'); b.hidden = false;"
        " document.getElementById('banner-text').textContent = text; }",
        LONG_NEWS,
    )


@pytest.mark.parametrize(
    ("width", "height", "least"), [(390, 844, 0.55), (768, 1024, 0.55), (1280, 800, 0.56)]
)
def test_two_photos_fill_the_window_banner_or_not(
    ranking, page: Page, shot, width: int, height: int, least: float
):
    page.set_viewport_size({"width": width, "height": height})
    ranking.open(PHOTOS)
    ranking.choose_folder()
    decoded(page)
    long_banner(page)
    with_banner = page.evaluate(AREA)
    shot(f"pair-banner-{width}x{height}")
    for button in ("#answer-left", "#answer-right", "#answer-undo", "#answer-draw"):
        assert page.evaluate(INSIDE, button), button
    page.locator("#banner-close").click()
    expect(page.locator("#banner")).to_be_hidden()
    without = page.evaluate(AREA)
    shot(f"pair-{width}x{height}")
    print(f"{width}x{height}: {with_banner:.1%} with a long banner, {without:.1%} without")
    assert with_banner >= least
    assert without >= least
    expect(page.locator("#pair .enlarged")).to_have_count(0)  # 1600 px photos: not enlarged
