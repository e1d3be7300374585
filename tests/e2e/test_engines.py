"""One person's way through the page in each browser engine (engines.py says how each is
driven): the page starts, a folder is chosen through the upload field (Firefox and Safari
have no other), answered and an answer undone, votes.csv downloaded, the page reloaded and
the folder resumed; then another folder of the same name and the same file names (a second
camera card) is not resumed, and the first one still is; and where the engine lets a test
drop a folder (engines.py), a dropped folder is ranked. Screenshots of each step are kept in
the test's temporary folder."""

from __future__ import annotations

import os
import time
from pathlib import Path

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
ZERO_ANSWERS = "() => document.getElementById('answers-count').textContent === '0 answers given'"


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


def smoke(engine: Engine, site_url: str, tmp_path: Path) -> dict[str, float]:
    shots = tmp_path / f"{engine.name} screenshots"
    shots.mkdir()
    first = camera_card(tmp_path / "card 1", 0, time.time() - 2 * DAY)
    other = camera_card(tmp_path / "card 2", 20, time.time() - DAY)
    # WebKit's driver hands the field files without their folder's path (engines.py).
    flat = engine.name == "webkit"
    paths = {name.rsplit("/")[-1] if flat else name for name in NAMES}
    folder_name = "folder" if flat else "shots"
    timings = {}
    started = time.monotonic()

    assert engine.open(site_url) == "ready", engine.text("#error-detail")
    timings["ready"] = time.monotonic() - started
    engine.screenshot(shots / "1 ready.png")
    engine.choose_folder(first)
    assert engine.text("#banner-text").startswith(f"“{folder_name}”: 5 images.")
    first_pair = engine.pair()
    assert set(first_pair) <= paths
    engine.answer("a")
    second_pair = engine.pair()
    engine.answer("d")
    engine.answer("Backspace")
    assert engine.pair() == second_pair  # the undone question is asked again
    engine.screenshot(shots / "2 compare.png")
    engine.press("r")
    engine.wait_view("ranking")
    engine.wait(THUMBS_DRAWN, 30.0, len(NAMES))
    engine.screenshot(shots / "3 ranking.png")
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
    engine.screenshot(shots / "4 another folder.png")
    engine.click("#ask-fresh")
    engine.opened()
    assert "Resumed" not in engine.text("#banner-text")
    engine.wait(ZERO_ANSWERS)

    engine.choose_folder(first)  # the first card again: its answer is still kept
    assert "Resumed 1 answer by 1 judge" in engine.text("#banner-text")
    engine.screenshot(shots / "5 resumed.png")
    assert engine.errors() == []

    if engine.drops_folders:  # with its folder's paths and name, unlike the upload (engines.py)
        engine.drop_folder(first)
        assert engine.text("#banner-text").startswith("“shots”: 5 images.")
        assert set(engine.pair()) <= set(NAMES)
        engine.wait(ZERO_ANSWERS)
        engine.screenshot(shots / "6 dropped.png")
        assert engine.errors() == []
    timings["flow"] = time.monotonic() - started
    print(f"{engine.name}: " + ", ".join(f"{step} {s:.1f} s" for step, s in timings.items()))
    return timings


def test_chromium(page, site_url: str, tmp_path: Path):
    page.add_init_script(NO_PICKER)
    smoke(Chromium(page), site_url, tmp_path)


def test_firefox(firefox, site_url: str, tmp_path: Path):
    smoke(firefox, site_url, tmp_path)


def test_webkit(webkit, site_url: str, tmp_path: Path):
    smoke(webkit, site_url, tmp_path)
