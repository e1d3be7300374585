"""Nothing a person answered is ever lost: crashes, read-only folders, bad files, two tabs."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

from ranker.formats import read_votes

from .conftest import Ranking
from .folders import NO_PICKER, image_bytes, read

FILES = {f"img{i:02d}.png": image_bytes(i) for i in range(12)}
T0 = "2026-01-01T00:00:00.000Z"
NOT_A_LOG = "rank,path,score\r\n1,img00.png,50\r\n"  # a file in place of a log

# Writes fail while window.failWrites is true, as they would in a read-only or locked folder,
# or only those of the file it names (a rankings.csv a spreadsheet holds open).
FAILING_WRITES = """
const createWritable = FileSystemFileHandle.prototype.createWritable;
FileSystemFileHandle.prototype.createWritable = function (...args) {
  if (window.failWrites === true || window.failWrites === this.name) {
    return Promise.reject(new DOMException("The file is locked", "NoModificationAllowedError"));
  }
  return createWritable.apply(this, args);
};
const requestPermission = FileSystemDirectoryHandle.prototype.requestPermission;
FileSystemDirectoryHandle.prototype.requestPermission = function (...args) {
  window.permissionAsked = (window.permissionAsked || 0) + 1;
  return requestPermission ? requestPermission.apply(this, args) : Promise.resolve("granted");
};
"""


def choose_with_failing_writes(ranking: Ranking) -> None:
    """FILES chosen in a page whose writes fail whenever window.failWrites says so."""
    ranking.page.add_init_script(FAILING_WRITES)
    ranking.open(FILES)
    ranking.choose_folder()


def crash(page: Page) -> None:
    """Kill the renderer without unload events, as a killed tab dies; returns once the
    browser knows (a page opened before that can be given the dying process)."""
    with page.expect_event("crash"):
        try:
            page.goto("chrome://crash", timeout=5_000)
        except PlaywrightError:  # the navigation dies with the renderer
            pass


def reopened(context: BrowserContext, app, site_url: str) -> Ranking:
    """A new page of the same browser (same OPFS and IndexedDB) opening the folder again."""
    again = Ranking(context.new_page(), type(app)(None), site_url)
    again.app.page = again.page
    again.open()
    again.choose_folder()
    return again


def test_thirty_answers_survive_a_crashed_tab(
    ranking, page: Page, context: BrowserContext, app, site_url
):
    ranking.open(FILES)
    ranking.choose_folder()
    for i in range(30):
        ranking.press("a" if i % 3 else "d")
    ranking.saved()
    before = ranking.ranking_rows()
    crash(page)
    again = reopened(context, app, site_url)
    expect(again.page.locator("#banner-text")).to_contain_text("Resumed 30 answers by 1 judge")
    assert again.ranking_rows() == before


def test_answers_not_yet_written_come_back_from_the_journal(
    ranking, page: Page, context, app, site_url
):
    ranking.open(FILES)
    ranking.choose_folder()
    page.evaluate("window.failWrites = true")  # not defined by the page: writes go on
    for key in "adada":
        ranking.press(key)
    crash(page)  # within the flush delay: the file may not have them yet
    again = reopened(context, app, site_url)
    expect(again.page.locator("#banner-text")).to_contain_text("Resumed 5 answers")
    again.saved()
    assert len(read_votes(read(again.page, ".image-ranker/votes.csv")).votes) == 5


def test_a_failed_write_keeps_answers_and_offers_retry_and_download(ranking, page: Page):
    choose_with_failing_writes(ranking)
    page.evaluate("window.failWrites = true")
    for key in "ada":
        ranking.press(key)
    banner = page.get_by_role("alert").filter(has_text="could not be written")
    expect(banner).to_contain_text("the folder or file is read-only or locked")
    expect(banner).to_contain_text("nothing is lost")
    with page.expect_download() as download:
        banner.get_by_role("button", name="Download votes.csv").click()
    assert len(read_votes(Path(download.value.path()).read_text()).votes) == 3
    assert not read(page, ".image-ranker/votes.csv")  # nothing written (at most created empty)
    page.evaluate("window.failWrites = false")
    banner.get_by_role("button", name="Retry").click()
    ranking.saved()
    assert page.evaluate("window.permissionAsked") == 1  # a revoked permission is asked again
    assert len(read_votes(read(page, ".image-ranker/votes.csv")).votes) == 3


def test_a_bad_votes_csv_is_reported_by_line_and_kept_byte_for_byte(ranking, page: Page):
    bad = (
        "timestamp,left,right,outcome,judge,strategy\r\n"
        f"{T0},img00.png,img01.png,left,ann,smart\r\n"
        "yesterday,img00.png,img02.png,left,ann,smart\r\n"
        f"{T0},img03.png,img04.png,maybe,ann,smart\r\n"
        f"{T0},img05.png,not-here.png,left,ann,smart\r\n"
        f"{T0},img06.png,img07.png,le"
    )
    ranking.open({**FILES, ".image-ranker/votes.csv": bad.encode()})
    ranking.choose_folder()
    text = page.locator("#banner-text")
    expect(text).to_contain_text("Resumed 2 answers by 1 judge")
    expect(text).to_contain_text("1 image no longer in the folder")
    expect(text).to_contain_text("line 3: unreadable timestamp 'yesterday'")
    expect(text).to_contain_text("line 4: unknown outcome 'maybe'")
    expect(text).to_contain_text("line 6: the file ends in the middle of this row")
    assert read(page, ".image-ranker/votes.csv") == bad
    ranking.press("a")
    ranking.saved()
    after = read(page, ".image-ranker/votes.csv")
    kept = bad[: bad.index(f"{T0},img06.png")]
    assert after.startswith(kept) and len(read_votes(after).votes) == 3


def test_a_rankings_csv_in_place_of_the_log_is_left_alone(ranking, page: Page):
    foreign = (
        "rank,path,score,mu,sigma,comparisons,wins,losses,draws\r\n1,img00.png,50,25,8,0,0,0,0\r\n"
    )
    ranking.open({**FILES, ".image-ranker/votes.csv": foreign.encode()})
    ranking.choose_folder()
    expect(page.locator("#banner-text")).to_contain_text("this is a rankings.csv")
    expect(page.locator("#banner-text")).to_contain_text("answers go to votes-2.csv")
    ranking.press("d")
    expect(page.locator("#save-status")).to_have_text("Saved to .image-ranker/votes-2.csv")
    assert read(page, ".image-ranker/votes.csv") == foreign
    assert len(read_votes(read(page, ".image-ranker/votes-2.csv")).votes) == 1


def test_a_log_beside_that_cannot_take_rows_either_is_left_alone_too(
    ranking, page: Page, context: BrowserContext, app, site_url
):
    unclosed = (  # the quote opened on line 3 is never closed: no row may go after it
        "timestamp,left,right,outcome,judge,strategy\r\n"
        f"{T0},img00.png,img01.png,left,ann,smart\r\n"
        f'{T0},"img00.png,img02.png,left,ann,smart\r\n'
        f"{T0},img03.png,img04.png,right,ann,smart\r\n"
    )
    ranking.open(
        {
            **FILES,
            ".image-ranker/votes.csv": NOT_A_LOG.encode(),
            ".image-ranker/votes-2.csv": unclosed.encode(),
        }
    )
    ranking.choose_folder()
    banner = page.locator("#banner-text")
    expect(banner).to_contain_text(
        "votes-2.csv cannot take new rows safely and is left as it is; new answers go to "
        "votes-3.csv, read together with votes.csv."
    )
    expect(banner).to_contain_text("votes.csv: not a votes log")
    expect(banner).to_contain_text("votes-2.csv, line 3: a quote opened on this line")
    ranking.press("d")
    expect(page.locator("#save-status")).to_have_text("Saved to .image-ranker/votes-3.csv")
    assert read(page, ".image-ranker/votes.csv") == NOT_A_LOG
    assert read(page, ".image-ranker/votes-2.csv") == unclosed
    assert len(read_votes(read(page, ".image-ranker/votes-3.csv")).votes) == 1
    page.close()
    again = reopened(context, app, site_url)
    expect(again.page.locator("#banner-text")).to_contain_text("Resumed 3 answers")
    again.press("a")
    expect(again.page.locator("#save-status")).to_have_text("Saved to .image-ranker/votes-3.csv")
    assert read(again.page, ".image-ranker/votes-2.csv") == unclosed
    assert len(read_votes(read(again.page, ".image-ranker/votes-3.csv")).votes) == 2


def test_read_only_fallback_downloads_the_three_files_and_load_votes_resumes(
    ranking, page: Page, browser, site_url, tmp_path: Path
):
    folder = tmp_path / "shoot"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.png").write_bytes(image_bytes(i))
    ranking.open(None, stub=NO_PICKER)
    page.set_input_files("#folder-input", str(folder))
    ranking.wait_first_pair()
    for key in "adads":
        ranking.press(key)
    page.get_by_role("button", name="Settings").click()
    downloads = {}
    for name in ("Download votes.csv", "Download rankings.csv", "Download preferences.jsonl"):
        with page.expect_download() as download:
            page.locator("#settings").get_by_role("button", name=name).click()
        downloads[download.value.suggested_filename] = Path(download.value.path()).read_text()
    assert len(read_votes(downloads["votes.csv"]).votes) == 5
    assert downloads["rankings.csv"].startswith(
        "rank,path,score,mu,sigma,comparisons,wins,losses,draws"
    )
    assert len(downloads["preferences.jsonl"].splitlines()) == 5
    saved = tmp_path / "votes.csv"
    saved.write_text(downloads["votes.csv"], newline="")

    fresh = browser.new_context()
    other = fresh.new_page()
    try:
        second = Ranking(other, type(ranking.app)(other), site_url)
        second.open(None, stub=NO_PICKER)
        other.set_input_files("#folder-input", str(folder))
        second.wait_first_pair()
        other.get_by_role("button", name="Settings").click()
        other.set_input_files("#load-votes", str(saved))
        expect(other.locator("#banner-text")).to_contain_text("votes.csv: 5 new answers added")
        second.press("a")
        expect(other.locator("#progress-text")).to_contain_text("6 answers to this question")
    finally:
        fresh.close()


def two_tabs(ranking: Ranking, context: BrowserContext, app, site_url: str) -> tuple[Page, Ranking]:
    """The folder open in `ranking`'s tab, which writes it, and then in a second tab."""
    ranking.open(FILES)
    ranking.choose_folder()
    other_page = context.new_page()
    other = Ranking(other_page, type(app)(other_page), site_url)
    other.open()
    other.choose_folder()
    return other_page, other


def test_two_tabs_on_one_folder_one_writes_and_no_answer_is_lost(
    ranking, page: Page, context: BrowserContext, app, site_url
):
    other_page, other = two_tabs(ranking, context, app, site_url)
    expect(other_page.locator("#banner-text")).to_contain_text("open in another tab")
    for key in "ada":
        other.press(key)
    expect(other_page.locator("#save-status")).to_have_text("Another tab saves this folder")
    wait_for_votes(page, 3)  # the writer takes them in without answering itself
    for key in "dd":
        ranking.press(key)
    ranking.saved()
    assert len(read_votes(read(page, ".image-ranker/votes.csv")).votes) == 5
    page.close()  # the writer's tab goes: the other one writes from its next answer on
    other.press("s")
    other.saved()
    votes = read_votes(read(other_page, ".image-ranker/votes.csv")).votes
    assert len(votes) == 6 and len(set(votes)) == 6


SLOW_WRITES = """() => {
  const create = FileSystemFileHandle.prototype.createWritable;
  FileSystemFileHandle.prototype.createWritable = async function (...args) {
    const stream = await create.apply(this, args);
    const close = stream.close.bind(stream);
    stream.close = async () => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return close();
    };
    return stream;
  };
}
"""


def test_an_answer_in_the_other_tab_during_the_writers_write_is_not_lost(
    ranking, page: Page, context: BrowserContext, app, site_url
):
    """The writer takes another tab's journal in, writes it and then clears it; an answer
    given there meanwhile is in that journal too, and must reach the file even if that tab
    is closed at once."""
    other_page, other = two_tabs(ranking, context, app, site_url)
    page.evaluate(SLOW_WRITES)  # the writer's writes now take two seconds each
    other.press("a")
    other_page.wait_for_timeout(1000)  # the writer is writing that answer now
    other.press("d")
    other_page.wait_for_timeout(200)  # its journal write
    other_page.close()
    wait_for_votes(page, 2, timeout_s=10.0)  # two slow writes
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert len(votes) == 2 and len(set(votes)) == 2


JOURNAL = """async () => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("image-ranker");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const entries = await new Promise((resolve) => {
    const request = db.transaction("journal").objectStore("journal").getAll();
    request.onsuccess = () => resolve(request.result);
  });
  db.close();
  return entries.flatMap((entry) => entry.rows).join("");
}"""


def journaled_votes(page: Page) -> int:
    """The answers this browser's journal holds, over every tab's entry."""
    return len(read_votes(page.evaluate(JOURNAL), fragment=True).votes)


def test_the_other_tabs_journal_starts_over_once_the_writer_has_its_answers(
    ranking, page: Page, context: BrowserContext, app, site_url
):
    """A tab that does not write keeps its answers in its journal entry only until the writer
    has them in the file; else the entry would grow with every answer for the tab's life, and
    the writer would read all of it again at each write."""
    page.add_init_script(FAILING_WRITES)
    other_page, other = two_tabs(ranking, context, app, site_url)
    for key in "ada":
        other.press(key)
    wait_for_votes(page, 3)
    for _ in range(50):  # the writer drops the entry once the file holds its answers
        if journaled_votes(other_page) == 0:
            break
        other_page.wait_for_timeout(100)
    page.evaluate("window.failWrites = true")  # the writer can take no more in
    for key in "da":
        other.press(key)
    other_page.wait_for_timeout(500)  # the journal writes, and the writer's failed write
    assert journaled_votes(other_page) == 2
    page.evaluate("window.failWrites = false")
    other.press("s")
    wait_for_votes(page, 6)
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert len(votes) == 6 and len(set(votes)) == 6


def wait_for_votes(page: Page, count: int, timeout_s: float = 5.0) -> None:
    """Until votes.csv holds `count` answers (the writer's flush delay is under a second)."""
    for _ in range(round(timeout_s * 10)):
        text = read(page, ".image-ranker/votes.csv")
        if text and len(read_votes(text).votes) >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"votes.csv did not reach {count} answers: {text!r}")


def test_import_merges_another_judge_and_the_original_apps_history(ranking, page: Page, tmp_path):
    ranking.open(FILES)
    ranking.choose_folder()
    ranking.press("a")
    theirs = tmp_path / "bob.csv"
    theirs.write_text(
        "timestamp,left,right,outcome,judge,strategy\r\n"
        f"{T0},img00.png,img01.png,left,bob,smart\r\n"
        f"{T0},img00.png,img01.png,left,bob,smart\r\n"
        f"{T0},img02.png,not-here.png,right,bob,smart\r\n",
        newline="",
    )
    page.get_by_role("button", name="Settings").click()
    page.set_input_files("#import-votes", str(theirs))
    expect(page.locator("#banner-text")).to_contain_text(
        "bob.csv: 2 new answers added, 1 answer already"
    )
    expect(page.locator("#banner-text")).to_contain_text(
        "1 path not in this folder (“not-here.png”)"
    )
    flask = tmp_path / "comparisons.csv"
    flask.write_text(
        "Winner,Loser\n/home/me/pics/img03.png,/home/me/pics/img04.png\n"
        "/home/me/pics/img03.png,/home/me/pics/img04.png\n/home/me/pics/gone.png,/x/img01.png\n"
        "None,/home/me/pics/img05.png\n"
    )
    page.set_input_files("#import-votes", str(flask))
    expect(page.locator("#banner-text")).to_contain_text("comparisons.csv: 3 new answers added")
    expect(page.locator("#banner-text")).to_contain_text(
        "1 path matched no image here: their rows are kept in the log"
    )
    expect(page.locator("#banner-text")).to_contain_text(
        "1 image removed from the ranking, as in that log"
    )
    page.evaluate("document.activeElement.blur()")  # keys go to the page, not the file field
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    expect(page.locator("#ranking-count")).to_have_text("11 images · 1 removed")
    page.get_by_placeholder("Filter by name").fill("img05")
    expect(page.locator(".ranking-row")).to_have_count(1)
    expect(page.locator(".ranking-row")).to_contain_text("removed from the ranking")
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert len(votes) == 7 and {v.judge for v in votes} == {"me", "bob"}
    assert [(v.outcome, v.left) for v in votes[-1:]] == [("remove", "/home/me/pics/img05.png")]


def test_import_in_blind_mode_names_no_image(ranking, page: Page, tmp_path):
    ranking.open(FILES)
    ranking.choose_folder()
    page.get_by_role("button", name="Settings").click()
    page.get_by_label("Blind mode").check()
    theirs = tmp_path / "bob.csv"
    theirs.write_text(
        "timestamp,left,right,outcome,judge,strategy\r\n"
        f"{T0},img02.png,not-here.png,right,bob,smart\r\n",
        newline="",
    )
    page.set_input_files("#import-votes", str(theirs))
    banner = page.locator("#banner-text")
    expect(banner).to_contain_text("1 path not in this folder: their answers are kept")
    expect(banner).not_to_contain_text("not-here.png")


def test_an_undo_kept_only_in_the_journal_survives_a_crash(
    ranking, page: Page, context: BrowserContext, app, site_url
):
    choose_with_failing_writes(ranking)
    for key in "ada":
        ranking.press(key)
    ranking.saved()
    page.evaluate("window.failWrites = true")
    ranking.press("Backspace")  # its answer is on disk, the undo row only in the journal
    expect(page.locator("#save-status")).to_contain_text("Not saved")
    crash(page)
    again = reopened(context, app, site_url)
    expect(again.page.locator("#banner-text")).to_contain_text("Resumed 2 answers")
    again.saved()
    votes = read_votes(read(again.page, ".image-ranker/votes.csv")).votes
    assert [vote.outcome for vote in votes][-1] == "undo" and len(votes) == 4


def test_a_new_column_for_a_log_with_bad_rows_starts_a_log_beside_it(
    ranking, page: Page, context: BrowserContext, app, site_url
):
    bad = (
        "timestamp,left,right,outcome,judge,strategy\r\n"
        f"{T0},img00.png,img01.png,left,ann,smart\r\n"
        "yesterday,img00.png,img02.png,left,ann,smart\r\n"
    )
    ranking.open({**FILES, ".image-ranker/votes.csv": bad.encode()})
    page.evaluate("localStorage.setItem('image-ranker.question', 'Which is sharper?')")
    ranking.choose_folder()
    ranking.press("a")  # the question needs a column the file's header lacks
    expect(page.locator("#save-status")).to_have_text("Saved to .image-ranker/votes-2.csv")
    expect(page.locator("#banner-text")).to_contain_text("new answers go to votes-2.csv")
    assert read(page, ".image-ranker/votes.csv") == bad
    beside = read_votes(read(page, ".image-ranker/votes-2.csv")).votes
    assert [vote.question for vote in beside] == ["Which is sharper?"]
    page.close()
    again = reopened(context, app, site_url)
    expect(again.page.locator("#banner-text")).to_contain_text("Resumed 2 answers by 2 judges")
    again.press("d")
    expect(again.page.locator("#save-status")).to_have_text("Saved to .image-ranker/votes-2.csv")
    assert read(again.page, ".image-ranker/votes.csv") == bad
    assert len(read_votes(read(again.page, ".image-ranker/votes-2.csv")).votes) == 2


def test_a_new_column_for_a_log_beside_with_bad_rows_starts_the_next_log(ranking, page: Page):
    bad = (
        "timestamp,left,right,outcome,judge,strategy\r\n"
        "yesterday,img00.png,img02.png,left,ann,smart\r\n"
    )
    ranking.open(
        {
            **FILES,
            ".image-ranker/votes.csv": NOT_A_LOG.encode(),
            ".image-ranker/votes-2.csv": bad.encode(),
        }
    )
    page.evaluate("localStorage.setItem('image-ranker.question', 'Which is sharper?')")
    ranking.choose_folder()
    ranking.press("a")  # the question needs a column votes-2.csv's header lacks
    expect(page.locator("#save-status")).to_have_text("Saved to .image-ranker/votes-3.csv")
    expect(page.locator("#banner-text")).to_contain_text("new answers go to votes-3.csv")
    assert read(page, ".image-ranker/votes.csv") == NOT_A_LOG
    assert read(page, ".image-ranker/votes-2.csv") == bad
    beside = read_votes(read(page, ".image-ranker/votes-3.csv")).votes
    assert [vote.question for vote in beside] == ["Which is sharper?"]


def test_an_export_that_cannot_be_written_is_reported_and_the_log_still_saves(ranking, page: Page):
    choose_with_failing_writes(ranking)
    page.evaluate("window.failWrites = 'rankings.csv'")
    for key in "ad":
        ranking.press(key)
    banner = page.get_by_role("alert").filter(has_text="rankings.csv")
    expect(banner).to_contain_text("read-only or locked", timeout=10_000)
    expect(banner).to_contain_text("answers are saved in votes.csv")
    ranking.saved()
    assert len(read_votes(read(page, ".image-ranker/votes.csv")).votes) == 2
    assert read(page, ".image-ranker/preferences.jsonl").count("\n") == 2
    page.evaluate("window.failWrites = false")
    banner.get_by_role("button", name="Retry").click()
    expect(banner).to_be_hidden()
    assert read(page, ".image-ranker/rankings.csv").startswith("rank,path,score")
