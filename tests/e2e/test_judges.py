"""A team's folder: a votes.csv already holding two judges' answers shows the judges table in
the ranking view, and judges.csv follows the log; a judge alone sees no table."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from ranker import Vote
from ranker.formats import read_judges, write_votes

from .conftest import Ranking
from .folders import image_bytes, read

FILES = {f"img{i:02d}.png": image_bytes(i) for i in range(6)}
LOG = ".image-ranker/votes.csv"


def team_log(judges: tuple[str, ...]) -> bytes:
    """Each judge prefers the lower number on every pair of the first four images, but the
    second judge prefers img01 to img00."""
    votes = []
    for n, judge in enumerate(judges):
        for a in range(4):
            for b in range(a + 1, 4):
                outcome = "right" if n == 1 and (a, b) == (0, 1) else "left"
                stamp = f"2026-01-01T00:00:{len(votes):02d}.000Z"
                votes.append(Vote(stamp, f"img0{a}.png", f"img0{b}.png", outcome, "smart", judge))
    return write_votes(votes).encode()


def test_the_judges_table_shows_with_a_log_of_two_judges(ranking: Ranking, page: Page):
    ranking.open({**FILES, LOG: team_log(("ann", "=ben"))})
    ranking.choose_folder()
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    table = page.get_by_role("table", name="Judges")
    expect(table).to_be_visible()
    headers = table.get_by_role("columnheader")
    expect(headers).to_have_text(
        ["Judge", "Answers", "Agreement", "Self-consistency", "Reliability"]
    )
    ann = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="ann"))
    expect(ann.get_by_role("cell")).to_have_text(
        ["6", "83% of 6 shared pairs", "–", re.compile(r"^0\.\d\d$|^1\.00$")]
    )
    expect(table.get_by_role("rowheader", name="=ben")).to_be_visible()
    page.keyboard.press("r")
    ranking.wait_view("compare")
    ranking.press("a")  # an answer of this browser's judge: the exports follow the log
    deadline = time.monotonic() + 30.0
    while True:
        text = read(page, ".image-ranker/judges.csv")
        judges = read_judges(text).judges if text else []
        if judges or time.monotonic() > deadline:
            break
        page.wait_for_timeout(200)
    assert text is not None and "\r\n'=ben," in text  # escaped against spreadsheet formulas
    assert {j.judge: j.answers for j in judges} == {"ann": 6, "=ben": 6, "me": 1}


def test_a_judge_alone_sees_no_judges_table(ranking: Ranking, page: Page):
    ranking.open({**FILES, LOG: team_log(("me",))})
    ranking.choose_folder()
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    expect(page.locator(".ranking-row").first).to_be_visible()
    expect(page.locator("#judges")).to_be_hidden()
