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
    ("width", "height", "least"),
    # a phone upright (about 69% is the most stacked), a tablet upright, a laptop (60% is
    # the most side by side; it was 56%), a desktop
    [(390, 844, 0.55), (768, 1024, 0.55), (1280, 800, 0.56), (1920, 1080, 0.56)],
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
    for button in ("#answer-left", "#answer-right", "#answer-undo", "#answer-draw", "#answer-full"):
        assert page.evaluate(INSIDE, button), button
    page.locator("#banner-close").click()
    expect(page.locator("#banner")).to_be_hidden()
    without = page.evaluate(AREA)
    shot(f"pair-{width}x{height}")
    print(f"{width}x{height}: {with_banner:.1%} with a long banner, {without:.1%} without")
    assert with_banner >= least
    assert without >= least
    expect(page.locator("#pair .enlarged")).to_have_count(0)  # 1600 px photos: not enlarged


def test_a_broken_image_keeps_skip_and_undo_in_view_on_a_phone(ranking, page: Page, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    ranking.open({"photo.jpg": PHOTOS["photo_00.jpg"], "broken.jpg": b"\xff\xd8 not a jpeg"})
    ranking.choose_folder()
    long_banner(page)
    skip = page.locator(".skip-image:visible")
    expect(skip).to_be_visible()
    figure = page.locator(".side:has(.skip-image:visible)").bounding_box()
    button = skip.bounding_box()
    assert figure is not None and button is not None
    assert (
        figure["y"] <= button["y"]
        and button["y"] + button["height"] <= figure["y"] + figure["height"]
    )
    assert page.evaluate(INSIDE, "#answer-undo")
    shot("broken-banner-390x844")


def four_area(page: Page) -> float:
    decoded(page, 4)
    return page.evaluate(AREA)


@pytest.mark.parametrize(
    ("files", "width", "height", "layout"),
    [
        (PORTRAITS, 1280, 800, "row"),
        (PHOTOS, 390, 844, "grid"),
        (PHOTOS, 768, 1024, None),
        (PHOTOS, 1280, 800, None),
        (PHOTOS, 1920, 1080, None),
    ],
)
def test_best_of_four_takes_the_layout_that_shows_the_images_larger(
    ranking, page: Page, shot, files, width: int, height: int, layout: str | None
):
    page.set_viewport_size({"width": width, "height": height})
    ranking.open(files)
    page.evaluate("localStorage.setItem('image-ranker.mode', 'best4')")
    ranking.choose_folder()
    chosen = four_area(page)
    in_row = page.evaluate("document.getElementById('pair').classList.contains('row')")
    shot(f"best-of-four-{width}x{height}")
    if layout is not None:
        assert in_row == (layout == "row")
    page.evaluate("document.getElementById('pair').classList.toggle('row')")
    other = page.evaluate(AREA)
    print(f"{width}x{height}: {chosen:.1%} as {'row' if in_row else 'grid'}, {other:.1%} else")
    assert chosen >= other


def test_full_screen_and_flicker(ranking, page: Page, shot):
    page.set_viewport_size({"width": 1280, "height": 800})
    ranking.open(PHOTOS)
    ranking.choose_folder()
    decoded(page)
    framed = page.evaluate(AREA)
    page.keyboard.press("f")
    expect(page.locator(".bar")).to_be_hidden()
    expect(page.locator(".answer-bar")).to_be_hidden()
    expect(page.locator("#leave-full")).to_be_visible()
    full = page.evaluate(AREA)
    shot("full-screen")
    assert full > framed
    left, right = ranking.pair()
    ranking.press("ArrowLeft")  # the keys still answer
    assert ranking.pair() != (left, right)
    page.keyboard.press("Escape")
    expect(page.locator(".bar")).to_be_visible()
    page.locator("#answer-full").click()
    expect(page.locator("#answer-full")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("f")
    expect(page.locator(".answer-bar")).to_be_visible()

    left_box = page.locator("#side-left").bounding_box()
    page.keyboard.down("c")
    expect(page.locator("#side-left")).to_have_css("visibility", "hidden")
    assert page.locator("#side-right").bounding_box() == left_box
    shot("flicker")
    page.keyboard.up("c")
    expect(page.locator("#side-left")).to_have_css("visibility", "visible")
    assert page.locator("#side-right").bounding_box()["x"] > left_box["x"] + left_box["width"]


def test_zoom_shows_its_state_arrows_pan_and_a_small_image_is_called_enlarged(ranking, page: Page):
    page.set_viewport_size({"width": 1280, "height": 800})
    ranking.open({"large.jpg": image_bytes(1, (3200, 2400), "JPEG"), "small.png": image_bytes(2)})
    ranking.choose_folder()
    decoded(page)
    small = page.locator(".side", has=page.locator("img[alt='small.png']"))
    large = page.locator(".side", has=page.locator("img[alt='large.jpg']"))
    expect(small.locator(".enlarged")).to_contain_text("enlarged ×")
    expect(large.locator(".enlarged")).to_have_count(0)
    expect(page.locator("#zoom-state")).to_be_hidden()
    page.keyboard.press("z")
    expect(page.locator("#answer-zoom")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#zoom-state")).to_be_visible()
    expect(small.locator(".enlarged")).to_have_count(0)  # 100%: drawn at its own size
    frame = large.locator(".frame")
    start = frame.evaluate("f => [f.scrollLeft, f.scrollTop]")
    before = ranking.answers()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "([x, y]) => { const f = [...document.querySelectorAll('.frame')]"
        ".find(f => f.scrollWidth > f.clientWidth); return f.scrollLeft > x && f.scrollTop > y; }",
        arg=start,
    )
    assert ranking.answers() == before  # the arrows panned; they did not answer
    page.keyboard.press("Escape")
    expect(page.locator("#answer-zoom")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#zoom-state")).to_be_hidden()


def test_the_top_five_and_honest_progress(ranking, page: Page, shot):
    page.set_viewport_size({"width": 1280, "height": 800})
    ranking.open(PHOTOS)
    ranking.choose_folder()
    progress = page.locator("#progress-text")
    expect(progress).to_contain_text("still learning how consistent you are")
    expect(progress).to_contain_text("0 answers to this question")
    expect(page.locator("#top-five")).to_be_hidden()  # nothing is best before an answer
    for key in ("ArrowLeft", "ArrowRight", "ArrowLeft", "ArrowDown", "ArrowRight", "ArrowLeft"):
        ranking.press(key)
    thumbs = page.locator("#top-five img")
    expect(thumbs).to_have_count(5)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#top-five img')].every(i => i.naturalWidth > 0)"
    )
    expect(page.locator("#answers-count")).to_have_text("6 answers to this question")
    shot("top-five")
    page.locator("#show-settings").click()
    page.locator("#blind").check()
    expect(page.locator("#top-five")).to_be_hidden()
    page.locator("#blind").uncheck()
    expect(page.locator("#top-five")).to_be_visible()
    field = page.locator("#question-input")
    field.fill("Which image is sharper?")
    field.press("Enter")
    expect(page.locator("#question")).to_have_text("Which image is sharper?")
    expect(progress).to_contain_text(
        "0 answers to this question yet (your 6 answers to other questions rank those)"
    )
    expect(page.locator("#top-five")).to_be_hidden()
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#question-input").fill("Which image is better?")
    page.locator("#question-input").press("Enter")
    expect(progress).to_contain_text("6 answers to this question")
    expect(page.locator("#top-five")).to_be_hidden()  # a phone: the images need the room
