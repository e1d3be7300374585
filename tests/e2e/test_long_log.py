"""A long log: reading its ranking means settling the joint estimate, and writing its preference
files a line per answer, which take a while in Pyodide. The page does both in slices (the
ranking view says so meanwhile), and what it shows and saves is still the whole log's: the
estimate a replay in CPython gives, and the files CPython writes."""

from __future__ import annotations

import time
from random import Random

from playwright.sync_api import Page, expect

from ranker import Ranker, Vote
from ranker.formats import (
    read_rankings,
    read_votes,
    write_pick_a_pic,
    write_preferences,
    write_votes,
)

from .conftest import Ranking
from .folders import image_bytes, read

IMAGES = [f"img{i:03d}.png" for i in range(150)]
LOGGED = 6_000  # settling one more answer into it takes far longer than one slice


def long_log() -> bytes:
    """Random pairs answered by a judge of hidden qualities, one a millisecond."""
    rng = Random(3)
    quality = {name: rng.gauss(0.0, 1.0) for name in IMAGES}
    votes = []
    for t in range(LOGGED):
        left, right = rng.sample(IMAGES, 2)
        outcome = "left" if quality[left] + rng.gauss(0.0, 0.5) > quality[right] else "right"
        stamp = f"2026-01-01T00:{t // 60_000:02d}:{t // 1000 % 60:02d}.{t % 1000:03d}Z"
        votes.append(Vote(stamp, left, right, outcome, "random"))
    return write_votes(votes).encode()


def saved_ranking(page: Page, timeout_s: float = 60.0) -> list[str]:
    """The ids of rankings.csv once it holds every answer of votes.csv (it is rewritten a
    little after the answers, once the ranking is settled)."""
    deadline = time.monotonic() + timeout_s
    while True:
        votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
        saved = read(page, ".image-ranker/rankings.csv")
        if saved is not None:
            standings = read_rankings(saved).standings
            if sum(s.comparisons for s in standings) == 2 * len(votes):
                return [s.id for s in standings]
        assert time.monotonic() < deadline, "rankings.csv never caught up with votes.csv"
        page.wait_for_timeout(250)


def test_a_long_logs_ranking_is_settled_in_slices_and_is_the_whole_logs(
    ranking: Ranking, page: Page
) -> None:
    files = {name: image_bytes(i) for i, name in enumerate(IMAGES)}
    files[".image-ranker/votes.csv"] = long_log()
    ranking.open(files)
    ranking.choose_folder()
    ranking.press("a")
    page.keyboard.press("r")
    count = page.locator("#ranking-count")
    expect(count).to_have_text("Settling the ranking…")
    expect(count).to_have_text(f"{len(IMAGES)} images", timeout=60_000)
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert len(votes) == LOGGED + 1
    replayed = [s.id for s in Ranker.from_votes(IMAGES, votes).standings()]
    shown = page.locator(".ranking-row .name").all_inner_texts()  # the rows on screen
    assert len(shown) > 5
    assert shown == replayed[: len(shown)]
    assert saved_ranking(page) == replayed
    for name, text in (
        ("preferences.jsonl", write_preferences(votes)),
        ("pick-a-pic.jsonl", write_pick_a_pic(votes)),
    ):
        assert written(page, f".image-ranker/{name}", text), f"{name} is not the whole log's"


def written(page: Page, path: str, text: str, timeout_s: float = 30.0) -> bool:
    """Whether the file holds `text` within `timeout_s` (the exports are written one after
    the other, each in slices, a little after the answers)."""
    deadline = time.monotonic() + timeout_s
    while read(page, path) != text:
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(250)
    return True
