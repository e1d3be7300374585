"""A folder other programs write too: rows appended behind the page's back, `.image-ranker/`
deleted, an older copy put back, a last row without a line break, a folder named votes.csv.
Each is done to the real OPFS folder between the person's answers; no answer may be lost."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from ranker import Vote
from ranker.formats import format_votes, read_rankings, read_votes

from .conftest import Ranking
from .folders import FOLDER, read
from .test_saving import FILES, two_tabs, wait_for_votes

HEADER = "timestamp,left,right,outcome,judge,strategy\r\n"
LOG = ".image-ranker/votes.csv"

# Another program's hand on the folder: put a file's text, or remove an entry.
PUT = """
async ([folder, path, text]) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  const parts = path.split("/");
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
  const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
  await writable.write(text);
  await writable.close();
}
"""
REMOVE = """
async ([folder, path]) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  const parts = path.split("/");
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
  for (let tries = 0; ; tries++) {
    try {
      return await dir.removeEntry(parts.at(-1), { recursive: true });
    } catch (error) {  // OPFS refuses while a write of the page is open; a disk would not
      const busy = ["NoModificationAllowedError", "InvalidModificationError"];
      if (!busy.includes(error.name) || tries > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
"""
MAKE_FOLDER = """
async ([folder, path]) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  for (const part of path.split("/")) dir = await dir.getDirectoryHandle(part, { create: true });
}
"""


def put(page: Page, path: str, text: str) -> None:
    page.evaluate(PUT, [FOLDER, path, text])


def theirs(n: int) -> Vote:
    return Vote(f"2026-02-01T00:00:0{n}.000Z", "img00.png", f"img1{n}.png", "left", "smart", "ben")


def answered(ranking: Ranking, keys: str) -> list[Vote]:
    for key in keys:
        ranking.press(key)
    ranking.saved()
    return read_votes(read(ranking.page, LOG)).votes


def test_rows_another_program_appends_are_kept_and_counted(ranking: Ranking, page: Page):
    ranking.open(FILES)
    ranking.choose_folder()
    mine = answered(ranking, "ad")
    rows = [theirs(1), theirs(2), theirs(3)]
    put(page, LOG, read(page, LOG) + format_votes(rows))
    votes = answered(ranking, "a")
    assert votes[:5] == [*mine, *rows] and len(votes) == 6
    assert ranking.ranking_rows(), "the ranking still shows"


def test_a_deleted_app_folder_is_written_again_with_every_answer(ranking: Ranking, page: Page):
    ranking.open(FILES)
    ranking.choose_folder()
    before = answered(ranking, "adsad")
    page.evaluate(REMOVE, [FOLDER, ".image-ranker"])
    after = answered(ranking, "a")
    text = read(page, LOG)
    assert text.startswith(HEADER) and "\0" not in text
    assert after[:5] == before and len(after) == 6
    expect(page.locator("#banner-text")).to_contain_text("was gone")


def test_a_shorter_copy_put_back_gets_back_every_answer_without_padding(ranking, page: Page):
    ranking.open(FILES)
    ranking.choose_folder()
    first = answered(ranking, "ad")
    copy = read(page, LOG)
    later = answered(ranking, "sada")
    put(page, LOG, copy)
    votes = answered(ranking, "d")
    assert "\0" not in read(page, LOG)
    assert set(votes) == set(later) | {votes[-1]} and len(votes) == 7
    assert votes[:2] == first


def test_a_last_row_without_a_line_break_is_completed_not_overwritten(ranking, page: Page):
    ranking.open({**FILES, LOG: (HEADER + format_votes([theirs(1)]).rstrip("\r\n")).encode()})
    ranking.choose_folder()
    votes = answered(ranking, "a")
    assert votes[0] == theirs(1) and len(votes) == 2


def test_a_last_row_with_a_stray_quote_is_kept_and_answers_go_beside(ranking, page: Page):
    crafted = HEADER + format_votes([theirs(1)]) + 'x,"a stray quote\r\nand more'
    ranking.open({**FILES, LOG: crafted.encode()})
    ranking.choose_folder()
    ranking.press("a")
    expect(page.locator("#save-status")).to_have_text(
        "Saved to .image-ranker/votes-2.csv", timeout=10_000
    )
    assert read(page, LOG) == crafted
    assert len(read_votes(read(page, ".image-ranker/votes-2.csv")).votes) == 1


def test_a_folder_named_votes_csv_is_left_alone_and_answers_go_beside(ranking, page: Page):
    ranking.open(FILES)
    page.evaluate(MAKE_FOLDER, [FOLDER, LOG])
    ranking.choose_folder()
    expect(page.locator("#banner-text")).to_contain_text("votes.csv")
    ranking.press("a")
    expect(page.locator("#save-status")).to_have_text(
        "Saved to .image-ranker/votes-2.csv", timeout=10_000
    )
    assert len(read_votes(read(page, ".image-ranker/votes-2.csv")).votes) == 1


def test_rankings_csv_counts_the_other_tabs_answers(
    ranking: Ranking, page: Page, context: BrowserContext, app, site_url
):
    other_page, other = two_tabs(ranking, context, app, site_url)
    for key in "adad":
        other.press(key)
    wait_for_votes(page, 4)
    answered(ranking, "da")
    for _ in range(100):  # the exports follow within a few seconds
        text = read(page, ".image-ranker/rankings.csv")
        counted = sum(s.comparisons for s in read_rankings(text).standings) if text else 0
        if counted == 2 * 6:
            break
        page.wait_for_timeout(100)
    assert counted == 2 * 6, "every answer of both tabs counts twice: once per image"
