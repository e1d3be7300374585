"""Phone and camera formats: .jfif and .jpe (JPEG), HEIC and HEIF (libheif in the decode
worker, or the browser's own decoder), TIFF (UTIF), JPEG XL (libjxl), each shown with its own
pixels and upright (a turned JPEG, a TIFF with an Orientation tag), in Chromium, Firefox ESR and
WebKitGTK; broken ones get the usual placeholder."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, expect

import build
from tests.corpus.photos import (
    BLUE,
    GREEN,
    RED,
    broken_folder,
    encoded,
    format_folder,
    turned_jpeg,
    upright,
)
from tests.corpus.real_photos import SIZES, real_photos

from .engines import Engine
from .folders import fill

# An image of the page as it is shown: its size (upright) and its colour a quarter and three
# quarters of the way down the middle, and a quarter of the way down near its left edge.
PROBE = """
(img) => {
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(img, 0, 0);
  const at = (x, y) => [...context.getImageData(Math.floor(canvas.width * x), Math.floor(canvas.height * y), 1, 1).data.slice(0, 3)];
  return { width: img.naturalWidth, height: img.naturalHeight, top: at(0.5, 0.25), left: at(0.1, 0.25), bottom: at(0.5, 0.75) };
}
"""


def close(colour: list[int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 24 for a, b in zip(colour, expected, strict=True))


def upright_red_above_blue(shown: dict) -> bool:
    return (
        shown["height"] > shown["width"]
        and close(shown["top"], RED)
        and close(shown["bottom"], BLUE)
        and close(shown["left"], GREEN)
    )


def probed_until_all_shown(ranking, page: Page, count: int, answers: int = 60) -> dict[str, dict]:
    """Each image's PROBE by name, answering "left" (at most `answers` times) until all
    `count` were shown in pairs."""
    seen: dict[str, dict] = {}
    for _ in range(answers):
        for side in ("#img-left", "#img-right"):
            image = page.locator(side)
            expect(image).to_be_visible()
            seen[image.get_attribute("alt")] = image.evaluate(PROBE)
        if len(seen) == count:
            break
        ranking.press("ArrowLeft")
    return seen


def test_every_format_is_shown_upright_in_its_colours(ranking, page: Page, shot):
    files = format_folder()
    ranking.open(files)
    page.evaluate("localStorage.setItem('image-ranker.strategy', 'random')")
    ranking.choose_folder()
    seen = probed_until_all_shown(ranking, page, len(files))
    assert sorted(seen) == sorted(files)
    wrong = {name: shown for name, shown in seen.items() if not upright_red_above_blue(shown)}
    assert wrong == {}
    shot("formats-compare")

    page.keyboard.press("r")
    ranking.wait_view("ranking")
    page.wait_for_function(
        f"""() => [...document.querySelectorAll('.ranking-row .thumb')]
                   .filter((img) => img.src && img.complete && img.naturalWidth).length
                  === {len(files)}"""
    )
    thumbs = {
        row.get_attribute("data-path"): row.locator(".thumb").evaluate(PROBE)
        for row in page.locator(".ranking-row").all()
    }
    assert sorted(thumbs) == sorted(files)
    wrong = {name: shown for name, shown in thumbs.items() if not upright_red_above_blue(shown)}
    assert wrong == {}


def test_real_phone_camera_and_scanner_files_are_shown(ranking, page: Page):
    """Files no one here wrote (tests/corpus/real_photos.py): a phone's HEIC and a camera's
    JPEG in the colours Pillow (and libheif) decode them to, and a 61-megapixel TIFF scan at
    the screen's size, its shape kept."""
    files = real_photos()
    ranking.open(files)
    ranking.choose_folder()
    seen = probed_until_all_shown(ranking, page, len(files))
    assert sorted(seen) == sorted(files)
    for name, (width, height) in SIZES.items():
        shown = seen[name]
        assert abs(shown["width"] / shown["height"] - width / height) < 0.01, name
    side = page.evaluate("Math.ceil(Math.max(screen.width, screen.height) * devicePixelRatio)")
    assert seen["sample.tif"]["width"] == side  # decoded at the screen's size, not 9312 wide
    for name in ("sample.heic", "sample.jpg"):
        assert (seen[name]["width"], seen[name]["height"]) == SIZES[name]
        picture = Image.open(io.BytesIO(files[name])).convert("RGB")
        for point, (x, y) in {
            "top": (0.5, 0.25),
            "left": (0.1, 0.25),
            "bottom": (0.5, 0.75),
        }.items():
            expected = picture.getpixel((int(picture.width * x), int(picture.height * y)))
            assert close(seen[name][point], expected), (name, point, seen[name][point], expected)


def test_a_broken_heic_tiff_or_jpeg_xl_gets_the_placeholder(ranking, page: Page):
    files = broken_folder()
    ranking.open(files)
    page.evaluate("localStorage.setItem('image-ranker.strategy', 'random')")
    ranking.choose_folder()
    broken: set[str] = set()
    for _ in range(60):
        for side in ("#img-left", "#img-right"):
            box = page.locator(".side", has=page.locator(side))
            name = page.locator(side).get_attribute("alt")
            if name in ("good.jpg", "good.png"):
                expect(page.locator(side)).to_be_visible()
            else:
                expect(box.locator(".broken")).to_contain_text(f"{name} could not be decoded")
                broken.add(name)
        if len(broken) == len(files) - 2:
            break
        ranking.press(" ")  # can't say: the one answer a pair with a broken image takes
    assert broken == set(files) - {"good.jpg", "good.png"}
    assert page.evaluate("document.documentElement.dataset.engine") == "ready"


def test_a_photo_far_larger_than_the_screen_is_decoded_at_the_screen_size(ranking, page: Page):
    """24 megapixels, turned by its EXIF: shown upright, at the screen's size, not its own."""
    files = {"big.jpg": turned_jpeg((4000, 6000)), "small.png": encoded(upright(), "PNG")}
    ranking.open(files)
    ranking.choose_folder()
    big = page.locator("img[alt='big.jpg']")
    expect(big).to_be_visible()
    shown = big.evaluate(PROBE)
    side = page.evaluate("Math.ceil(Math.max(screen.width, screen.height) * devicePixelRatio)")
    assert side * 2 < 6000
    assert (shown["width"], shown["height"]) == (round(4000 * side / 6000), side)
    assert upright_red_above_blue(shown)
    expect(page.locator("figure", has=big)).to_contain_text("4000 × 6000 px")


def test_the_decoders_work_offline_after_one_visit_without_them(ranking, app, page: Page, context):
    """The first visit opens no HEIC, TIFF or JPEG XL: the service worker caches their
    decoders anyway, and offline a folder of them is shown (Chromium decodes none of the
    three itself: each picture shown is a decoder served from the cache)."""
    ranking.open()
    app.wait_for_offline_cache()
    context.set_offline(True)
    assert app.reload() == "ready", app.error()
    files = {n: d for n, d in format_folder().items() if n.endswith((".heic", ".tif", ".jxl"))}
    fill(page, files)
    ranking.choose_folder()
    seen = probed_until_all_shown(ranking, page, len(files), answers=20)
    assert sorted(seen) == sorted(files)
    assert all(upright_red_above_blue(shown) for shown in seen.values()), seen


# Both images of the pair, once drawn: their names and what PROBE reads of them.
PAIR = f"""() => {{
  const probe = {PROBE.strip()};
  const images = ["img-left", "img-right"].map((id) => document.getElementById(id));
  if (!images.every((img) => img.alt && img.complete && img.naturalWidth)) return null;
  return images.map((img) => [img.alt, probe(img)]);
}}"""


def every_format_in(engine: Engine, site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    files = format_folder()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with build.serving(site) as url:
        assert engine.open(url) == "ready"
        engine.run("() => localStorage.setItem('image-ranker.strategy', 'random')")
        engine.open()
        engine.choose_folder(folder)
        seen: dict[str, dict] = {}
        for _ in range(60):
            seen.update(dict(engine.wait(PAIR)))  # type: ignore[call-overload]
            if len(seen) == len(files):
                break
            engine.answer("ArrowLeft")
        engine.screenshot(tmp_path / f"{engine.name} formats.png")
        assert sorted(seen) == sorted(files)
        wrong = {name: shown for name, shown in seen.items() if not upright_red_above_blue(shown)}
        assert wrong == {}
        assert engine.errors() == []


def test_every_format_in_firefox(firefox, dist_dir: Path, tmp_path: Path):
    every_format_in(firefox, dist_dir, tmp_path)


def test_every_format_in_webkit(webkit, dist_dir: Path, tmp_path: Path):
    every_format_in(webkit, dist_dir, tmp_path)
