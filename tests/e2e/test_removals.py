"""Removing images and keeping them removed, images that cannot be shown, and the original
app's history both ways: nothing a person did is lost or mixed up."""

from __future__ import annotations

import base64
import csv
import io
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from ranker.formats import RANKINGS_HEADER, read_votes

from .conftest import Ranking
from .folders import FOLDER, fill, image_bytes, read
from .test_saving import two_tabs

FILES = {f"img{i:02d}.png": image_bytes(i) for i in range(5)}
BROKEN = b"\x89PNG\r\n\x1a\n garbage"

ADD = """
async ([folder, path, data]) => {
  const top = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  const writable = await (await top.getFileHandle(path, { create: true })).createWritable();
  await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  await writable.close();
}
"""


def add_file(page: Page, path: str, data: bytes) -> None:
    """One file more in the chosen folder, the rest (its .image-ranker/ too) kept."""
    page.evaluate(ADD, [FOLDER, path, base64.b64encode(data).decode()])


def log(page: Page):
    return read_votes(read(page, ".image-ranker/votes.csv") or "").votes


def reload_and_choose(ranking: Ranking) -> None:
    ranking.page.reload()
    assert ranking.app.wait() == "ready"
    ranking.choose_folder()


def rows(page: Page) -> dict[str, list[str]]:
    """The ranking view's rows by image: rank, then the texts of the row."""
    found = {}
    for row in page.locator(".ranking-row").all():
        texts = row.locator(":scope > span").all_inner_texts()
        found[str(row.get_attribute("data-path"))] = texts
    return found


def test_a_removed_image_stays_out_after_a_reload_and_comes_back(ranking: Ranking, page: Page):
    ranking.open(FILES)
    ranking.choose_folder()
    ranking.press("a")
    ranking.press("d")
    gone = ranking.pair()[0]
    page.locator("#side-left .remove-image").click()
    expect(page.locator("#banner-text")).to_contain_text(
        f"“{gone}” is removed from the ranking (the file is untouched)."
    )
    page.wait_for_function(  # the banner comes before the next question is drawn
        "(gone) => ['img-left', 'img-right'].every((id) => document.getElementById(id).alt !== gone)",
        arg=gone,
    )
    for _ in range(6):
        assert gone not in ranking.pair()
        ranking.press("a")
    ranking.saved()
    assert [(v.outcome, v.left, v.right) for v in log(page)][2] == ("remove", gone, "")

    reload_and_choose(ranking)
    banner = page.locator("#banner-text")
    expect(banner).to_contain_text("Resumed 8 answers by 1 judge; 1 image removed from the ranking")
    expect(banner).not_to_contain_text("new image")
    for _ in range(6):
        assert gone not in ranking.pair()
        ranking.press("d")

    page.keyboard.press("r")
    ranking.wait_view("ranking")
    expect(page.locator("#ranking-count")).to_have_text("4 images · 1 removed")
    removed_row = page.locator(f".ranking-row[data-path='{gone}']")
    expect(removed_row).to_contain_text("removed from the ranking")
    removed_row.get_by_role("button", name="Restore").click()
    expect(page.locator("#ranking-count")).to_have_text("5 images")
    assert rows(page)[gone][0].removeprefix("=").isdigit()  # ranked again ("=3": a tie)
    ranking.saved()
    assert log(page)[-1].outcome == "restore"

    # removed from the ranking view, brought back by undo
    page.locator(f".ranking-row[data-path='{gone}']").get_by_role("button", name="Remove").click()
    expect(page.locator("#ranking-count")).to_have_text("4 images · 1 removed")
    page.keyboard.press("Backspace")
    expect(page.locator("#banner-text")).to_have_text(f"“{gone}” is back in the ranking.")
    expect(page.locator("#ranking-count")).to_have_text("5 images")
    ranking.saved()
    assert [(v.outcome, v.left, v.right) for v in log(page)[-2:]] == [
        ("remove", gone, ""),
        ("undo", gone, ""),
    ]
    assert read(page, gone) is not None  # the file is untouched


def test_a_question_with_an_image_that_cannot_be_shown_can_only_be_skipped(
    ranking: Ranking, page: Page
):
    files = {**{f"{i}.png": image_bytes(i) for i in range(2)}, "broken.png": BROKEN}
    ranking.open(files)
    page.evaluate("localStorage.setItem('image-ranker.strategy', 'random')")
    ranking.choose_folder()
    while "broken.png" not in ranking.pair():
        ranking.press(" ")
    for button in ("Left is better", "Right is better", "Equally good"):
        expect(page.get_by_role("button", name=button)).to_be_disabled()
    expect(page.get_by_role("button", name="Can't say")).to_be_enabled()
    answers = ranking.answers()
    for key in ("a", "ArrowRight", "s"):
        page.keyboard.press(key)
    expect(page.locator("#banner-text")).to_contain_text("An image here cannot be shown")
    assert ranking.answers() == answers
    ranking.press(" ")  # can't say
    for _ in range(4):  # the image is not asked about again
        assert "broken.png" not in ranking.pair()
        ranking.press("a")
    expect(page.get_by_role("button", name="Left is better")).to_be_enabled()

    page.keyboard.press("r")
    ranking.wait_view("ranking")
    shown = rows(page)
    assert shown["broken.png"][0] == "–"
    assert "could not be shown: not ranked" in shown["broken.png"]
    # Ranked, first and second or tied ("=1"), whichever the answers say.
    assert sorted(shown[name][0] for name in ("0.png", "1.png")) in (["1", "2"], ["=1", "=1"])
    page.get_by_role("button", name="Settings").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download rankings.csv").click()
    table = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(), newline="")))
    assert table[0] == list(RANKINGS_HEADER)
    assert [row[:2] for row in table[1:]][-1] == ["", "broken.png"]
    ranking.saved()
    assert {vote.outcome for vote in log(page)} == {"skip", "left"}

    # after a reload it shows again; X takes it out of the ranking
    reload_and_choose(ranking)
    while "broken.png" not in ranking.pair():
        ranking.press(" ")
    page.keyboard.press("x")
    expect(page.locator("#banner-text")).to_contain_text("“broken.png” is removed")
    ranking.saved()
    assert [(v.outcome, v.left) for v in log(page)][-1] == ("remove", "broken.png")


def flask_history(*rows: tuple[str, str]) -> str:
    return "Winner,Loser\r\n" + "".join(f"{a},{b}\r\n" for a, b in rows)


def test_the_original_apps_rows_of_images_not_here_count_once_they_are(
    ranking: Ranking, page: Page, tmp_path: Path
):
    ranking.open({name: data for name, data in FILES.items() if name != "img04.png"})
    ranking.choose_folder()
    history = tmp_path / "comparisons.csv"
    history.write_text(
        flask_history(
            ("/home/me/pics/img04.png", "/home/me/pics/img00.png"),
            ("/home/me/pics/img04.png", "/home/me/pics/img01.png"),
            ("/home/me/pics/img04.png", "/home/me/pics/img02.png"),
            ("/home/me/pics/img01.png", "/home/me/pics/img02.png"),
        ),
        newline="",
    )
    page.get_by_role("button", name="Settings").click()
    page.set_input_files("#import-votes", str(history))
    banner = page.locator("#banner-text")
    expect(banner).to_contain_text("comparisons.csv: 4 new answers added")
    expect(banner).to_contain_text(
        "1 path matched no image here: their rows are kept in the log, and count once the "
        "images are here"
    )
    ranking.saved()
    assert [(v.left, v.right) for v in log(page)][:1] == [
        ("/home/me/pics/img04.png", "/home/me/pics/img00.png")
    ]
    page.evaluate("document.activeElement.blur()")
    assert "img04.png" not in " ".join(ranking.ranking_rows())

    add_file(page, "img04.png", FILES["img04.png"])
    reload_and_choose(ranking)
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    best = page.locator(".ranking-row").first
    expect(best).to_have_attribute("data-path", "img04.png")
    assert rows(page)["img04.png"][-1] == "3 / 0 / 0"


def test_the_original_apps_autosave_in_the_folder_is_offered_for_import(
    ranking: Ranking, page: Page
):
    autosave = flask_history(
        ("/home/me/pics/img03.png", "/home/me/pics/img00.png"),
        ("None", "/home/me/pics/img01.png"),
    )
    ranking.open({**FILES, "comparisons_autosave_2024-09-13.csv": autosave.encode()})
    ranking.choose_folder()
    offer = page.get_by_role("button", name="Import it")
    expect(page.locator("#banner-text")).to_contain_text(
        "The original app's history is in this folder (comparisons_autosave_2024-09-13.csv)."
    )
    offer.click()
    banner = page.locator("#banner-text")
    expect(banner).to_contain_text("comparisons_autosave_2024-09-13.csv: 1 new answer added")
    expect(banner).to_contain_text("1 image removed from the ranking, as in that log")
    for _ in range(4):
        assert "img01.png" not in ranking.pair()
        ranking.press("a")
    ranking.saved()
    reload_and_choose(ranking)
    expect(page.locator("#banner-text")).to_contain_text("Resumed 5 answers")
    page.wait_for_timeout(1500)  # the autosave is read after the first pair: nothing new
    expect(page.locator("#banner-text")).not_to_contain_text("original app's history")


def test_export_for_the_original_app_comes_back_through_the_import(
    ranking: Ranking, page: Page, tmp_path: Path
):
    ranking.open(FILES)
    ranking.choose_folder()
    for key in "adadadda":
        ranking.press(key)
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    page.locator(".ranking-row[data-path='img03.png']").get_by_role("button", name="Remove").click()
    expect(page.locator("#ranking-count")).to_have_text("4 images · 1 removed")
    before = {path: texts[-1] for path, texts in rows(page).items()}  # wins / losses / draws
    page.get_by_role("button", name="Settings").click()
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="Export for the original app").click()
    for _ in range(50):  # both files are made in one task
        if len(downloads) == 2:
            break
        page.wait_for_timeout(100)
    files = {d.suggested_filename: Path(d.path()).read_text() for d in downloads}
    comparisons = list(csv.reader(io.StringIO(files["comparisons.csv"], newline="")))
    assert comparisons[0] == ["Winner", "Loser"]
    assert comparisons[-1] == ["None", "img03.png"]
    assert len(comparisons) == 1 + 8 + 1
    rankings = list(csv.reader(io.StringIO(files["image_rankings.csv"], newline="")))
    assert rankings[0] == ["Image", "ELO", "Uncertainty", "Upvotes", "Downvotes"]
    assert sorted(row[0] for row in rankings[1:]) == ["img00.png", "img01.png", "img02.png"] + [
        "img04.png"
    ]

    # the same images in a folder of their own: the history comes back as the same answers
    exported = tmp_path / "comparisons.csv"
    exported.write_text(files["comparisons.csv"], newline="")
    ranking.saved()  # and the journal emptied: the folder below starts with no answer
    fill(page, FILES)
    reload_and_choose(ranking)
    page.get_by_role("button", name="Settings").click()
    page.set_input_files("#import-votes", str(exported))
    banner = page.locator("#banner-text")
    expect(banner).to_contain_text("comparisons.csv: 8 new answers added")
    expect(banner).to_contain_text("1 image removed from the ranking, as in that log")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    assert {path: texts[-1] for path, texts in rows(page).items()} == before


def test_an_image_removed_in_another_tab_leaves_this_ones_ranking(
    ranking: Ranking, page: Page, context: BrowserContext, app, site_url: str
):
    other_page, other = two_tabs(ranking, context, app, site_url)
    gone = other.pair()[1]
    other_page.locator("#side-right .remove-image").click()
    expect(other_page.locator("#banner-text")).to_contain_text(f"“{gone}” is removed")
    removed = "11 images · 1 removed"  # once the writer has taken the other tab's row in
    for _ in range(50):
        page.keyboard.press("r")
        ranking.wait_view("ranking")
        shown = page.locator("#ranking-count").inner_text()
        page.keyboard.press("r")
        ranking.wait_view("compare")
        if shown == removed:
            break
        page.wait_for_timeout(100)
    assert shown == removed
    for _ in range(5):
        assert gone not in ranking.pair()
        ranking.press("a")
    ranking.saved()
    assert [(v.outcome, v.left) for v in log(page) if v.outcome == "remove"] == [("remove", gone)]
