"""One person's way through the page in each browser engine (engines.py says how each is
driven): the page starts, a folder is chosen through the upload field (Firefox and Safari
have no other), answered and an answer undone, votes.csv downloaded, the page reloaded and
the folder resumed; then another folder of the same name and the same file names (a second
camera card) is not resumed, and the first one still is; and where the engine lets a test
drop a folder (engines.py), a dropped folder is ranked; last, with the site's server stopped
and the browser offline, the page starts from its service worker and resumes the folder.
Screenshots of each step are kept in the test's temporary folder."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PIL import Image

import build
from ranker.formats import read_votes

from .engines import Chromium, Engine
from .folders import NO_PICKER, image_bytes

NAMES = ["IMG_0001.png", "IMG_0002.png", "IMG_0003.png", "day 2/IMG_0004.png", "day 2/sketch.svg"]
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120">'
    '<rect width="160" height="120" fill="#{:06x}"/><circle cx="80" cy="60" r="40"/></svg>'
)
# Every thumbnail of the ranking view drawn (the SVG's too, rasterised by the page).
THUMBS_DRAWN = """(count) => {
  const thumbs = [...document.querySelectorAll('.ranking-row .thumb')];
  return thumbs.length === count && thumbs.every((t) => t.complete && t.naturalWidth > 0);
}"""
DAY = 86_400
OFFLINE_READY = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return registration?.active?.state === "activated";
}"""
# Where each image of the pair is on screen (device pixels), and the colour at its centre.
ON_SCREEN = """() => ['left', 'right'].map((side) => {
  const image = document.getElementById(`img-${side}`);
  const box = image.getBoundingClientRect();
  const canvas = Object.assign(document.createElement('canvas'),
                               { width: image.naturalWidth, height: image.naturalHeight });
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const centre = context.getImageData(image.naturalWidth >> 1, image.naturalHeight >> 1, 1, 1);
  return [(box.x + box.width / 2) * devicePixelRatio, (box.y + box.height / 2) * devicePixelRatio,
          [...centre.data.slice(0, 3)]];
})"""
ZERO_ANSWERS = (
    "() => document.getElementById('answers-count').textContent === '0 answers to this question'"
)


def camera_card(root: Path, first_picture: int, taken: float) -> Path:
    """A folder `shots` under `root` holding NAMES, with pictures `first_picture`, ... and
    modification time `taken`."""
    folder = root / "shots"
    for index, name in enumerate(NAMES):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        picture = first_picture + index
        path.write_bytes(
            SVG.format(picture * 0x0F0F0F).encode()
            if name.endswith(".svg")
            else image_bytes(picture)
        )
        os.utime(path, (taken, taken))
    return folder


def assert_pair_drawn(engine: Engine, screenshot: Path) -> None:
    """The pair's images are on screen, not only loaded: a screenshot taken as the first
    question is drawn shows each image's own colour at its centre (WebKit once showed an
    SVG's blank frame there, for as long as it took to decode its PNG)."""
    engine.screenshot(screenshot)
    with Image.open(screenshot) as shot:
        pixels = shot.convert("RGB")
        for x, y, colour in engine.run(ON_SCREEN):  # type: ignore[union-attr]
            shown = pixels.getpixel((int(x), int(y)))
            assert max(abs(a - b) for a, b in zip(shown, colour)) <= 12, (shown, colour)


def smoke(engine: Engine, site: Path, tmp_path: Path) -> dict[str, float]:
    """The flow in `engine`, with `site` served until its last step, offline."""
    shots = tmp_path / f"{engine.name} screenshots"
    shots.mkdir()
    drawings = tmp_path / "drawings"
    drawings.mkdir()
    for index, colour in enumerate((0x3366CC, 0xCC6633)):
        (drawings / f"{index}.svg").write_text(SVG.format(colour))
    first = camera_card(tmp_path / "card 1", 0, time.time() - 2 * DAY)
    other = camera_card(tmp_path / "card 2", 20, time.time() - DAY)
    timings = {}
    started = time.monotonic()
    with build.serving(site) as site_url:
        online(engine, site_url, first, other, shots, timings, started)
        if engine.name == "webkit":  # any folder is "folder" there, and that one has answers
            engine.choose_folder(drawings, "ask")
            engine.click("#ask-fresh")
            engine.opened()
        else:
            engine.choose_folder(drawings)  # only SVGs: each drawn into a PNG by the page
        assert_pair_drawn(engine, shots / "8 drawings.png")
    timings["online"] = time.monotonic() - started

    # The site's server stopped and the browser offline: the service worker serves the page.
    engine.go_offline()
    assert engine.open() == "ready", engine.text("#error-detail")
    assert engine.run("() => navigator.serviceWorker.controller !== null")
    engine.choose_folder(first)
    assert "Resumed 1 answer by 1 judge" in engine.text("#banner-text")
    engine.screenshot(shots / "9 offline.png")
    assert engine.errors() == []
    timings["flow"] = time.monotonic() - started
    print(f"{engine.name}: " + ", ".join(f"{step} {s:.1f} s" for step, s in timings.items()))
    return timings


def online(
    engine: Engine,
    site_url: str,
    first: Path,
    other: Path,
    shots: Path,
    timings: dict[str, float],
    started: float,
) -> None:
    flat = engine.name == "webkit"  # its driver gives files without their folder (engines.py)
    paths = {name.rsplit("/")[-1] if flat else name for name in NAMES}
    folder_name = "folder" if flat else "shots"
    assert engine.open(site_url) == "ready", engine.text("#error-detail")
    timings["ready"] = time.monotonic() - started
    engine.screenshot(shots / "1 ready.png")
    engine.choose_folder(first)
    assert_pair_drawn(engine, shots / "2 first question.png")
    assert engine.text("#banner-text").startswith(f"“{folder_name}”: 5 images.")
    first_pair = engine.pair()
    assert set(first_pair) <= paths
    engine.answer("a")
    second_pair = engine.pair()
    engine.answer("d")
    engine.answer("Backspace")
    assert engine.pair() == second_pair  # the undone question is asked again
    engine.screenshot(shots / "3 answered.png")
    engine.press("r")
    engine.wait_view("ranking")
    engine.wait(THUMBS_DRAWN, 30.0, len(NAMES))
    engine.screenshot(shots / "4 ranking.png")
    engine.press("r")
    engine.wait_view("compare")
    timings["answered"] = time.monotonic() - started

    engine.click("#show-settings")
    votes = read_votes(engine.download("#download-votes", "votes.csv")).votes
    engine.click("#show-settings")
    assert [(v.left, v.right, v.outcome) for v in votes] == [
        (*first_pair, "left"),
        (*second_pair, "right"),
        (*second_pair, "undo"),
    ]
    assert engine.errors() == []

    assert engine.open() == "ready", engine.text("#error-detail")
    engine.choose_folder(first)
    assert "Resumed 1 answer by 1 judge" in engine.text("#banner-text")
    timings["resumed"] = time.monotonic() - started

    engine.choose_folder(other, "ask")  # the same name and file names: another card
    asked = engine.text("#ask-text")
    assert "5 changed images" in asked and "likely another folder" in asked, asked
    engine.screenshot(shots / "5 another folder.png")
    engine.click("#ask-fresh")
    engine.opened()
    assert "Resumed" not in engine.text("#banner-text")
    engine.wait(ZERO_ANSWERS)

    engine.choose_folder(first)  # the first card again: its answer is still kept
    assert "Resumed 1 answer by 1 judge" in engine.text("#banner-text")
    engine.screenshot(shots / "6 resumed.png")
    assert engine.errors() == []

    if engine.drops_folders:  # with its folder's paths and name, unlike the upload (engines.py)
        engine.drop_folder(first)
        assert engine.text("#banner-text").startswith("“shots”: 5 images.")
        assert set(engine.pair()) <= set(NAMES)
        engine.wait(ZERO_ANSWERS)
        engine.screenshot(shots / "7 dropped.png")
        assert engine.errors() == []
    engine.wait(OFFLINE_READY, 60.0)


def test_chromium(page, dist_dir: Path, tmp_path: Path):
    page.add_init_script(NO_PICKER)
    smoke(Chromium(page), dist_dir, tmp_path)


def test_firefox(firefox, dist_dir: Path, tmp_path: Path):
    smoke(firefox, dist_dir, tmp_path)


def test_webkit(webkit, dist_dir: Path, tmp_path: Path):
    smoke(webkit, dist_dir, tmp_path)
