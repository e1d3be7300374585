"""Answers kept in this browser are resumed only into the folder they were given in: a folder
of the same name (the upload field) or at the same place (a recent folder) with another
listing is asked about first, with what changed (test_engines.py runs the same in Firefox
and WebKit)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from ranker.formats import read_votes

from .conftest import Ranking
from .folders import FOLDER, NO_PICKER, fill, image_bytes, read

FILES = {f"img{i}.png": image_bytes(i) for i in range(4)}
# Another folder put where the first was (a second camera card at the same mount point).
OTHER_FILES = {f"other{i}.png": image_bytes(10 + i) for i in range(3)}
# Writes fail while window.failWrites is true: answers stay in the journal only.
FAILING_WRITES = """
const createWritable = FileSystemFileHandle.prototype.createWritable;
FileSystemFileHandle.prototype.createWritable = function (...args) {
  if (window.failWrites) return Promise.reject(new DOMException("locked", "NoModificationAllowedError"));
  return createWritable.apply(this, args);
};
"""
# The journal entry a version before folders were told apart kept for an uploaded folder.
OLD_JOURNAL = """async ([name, rows]) => {
  const db = await new Promise((done) => {
    const request = indexedDB.open("image-ranker", 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("folders", { keyPath: "id" });
      request.result.createObjectStore("journal", { keyPath: "id" });
    };
    request.onsuccess = () => done(request.result);
  });
  const tx = db.transaction("journal", "readwrite");
  tx.objectStore("journal").put({ id: `upload:${name}:old-tab`, folder: `upload:${name}`, rows });
  await new Promise((done) => { tx.oncomplete = done; });
  db.close();
}"""


def upload(ranking: Ranking, folder: Path) -> None:
    ranking.page.set_input_files("#folder-input", str(folder))


def test_a_changed_folder_of_the_same_name_is_asked_about_and_continued(
    ranking: Ranking, page: Page, tmp_path: Path
):
    folder = tmp_path / "shots"
    folder.mkdir()
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    ranking.open(None, stub=NO_PICKER)
    upload(ranking, folder)
    ranking.wait_first_pair()
    ranking.press("a")
    (folder / "img9.png").write_bytes(image_bytes(9))
    upload(ranking, folder)
    ranking.wait_view("ask")
    expect(page.locator("#ask-text")).to_have_text(
        "This browser keeps 1 answer for a folder named “shots”, but this folder is not as "
        "that one was: 1 new image (img9.png)."
    )
    expect(page.locator("#ask-continue")).to_be_focused()
    page.get_by_role("button", name="Continue with its 1 answer").click()
    ranking.wait_view("compare")
    expect(page.locator("#banner-text")).to_contain_text("“shots”: 5 images. Resumed 1 answer")
    page.evaluate("window.imageRankerFirstPairAt = undefined")
    upload(ranking, folder)  # as it is now: the same folder, no question
    ranking.wait_first_pair()
    expect(page.locator("#banner-text")).to_contain_text("Resumed 1 answer")


def test_answers_kept_by_an_older_version_are_offered_not_resumed(
    ranking: Ranking, page: Page, tmp_path: Path
):
    folder = tmp_path / "shots"
    folder.mkdir()
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    ranking.open(None, stub=NO_PICKER)
    row = "2026-01-01T00:00:00.000Z,img0.png,img1.png,left,me,smart\r\n"
    page.evaluate(OLD_JOURNAL, ["shots", [f"timestamp,left,right,outcome,judge,strategy\r\n{row}"]])
    upload(ranking, folder)
    ranking.wait_view("ask")
    expect(page.locator("#ask-text")).to_contain_text("cannot tell whether this is the same")
    expect(page.locator("#ask-fresh")).to_be_focused()
    page.get_by_role("button", name="Continue with its 1 answer").click()
    ranking.wait_view("compare")
    expect(page.locator("#banner-text")).to_contain_text("Resumed 1 answer")


def test_a_recent_folder_replaced_by_another_keeps_its_unsaved_answers_apart(
    ranking: Ranking, page: Page
):
    page.add_init_script(FAILING_WRITES)
    ranking.open(FILES)
    ranking.choose_folder()
    page.evaluate("window.failWrites = true")
    ranking.press("a")
    ranking.press("d")
    page.reload()  # the tab closes the folder, its two answers only in the journal
    assert ranking.app.wait() == "ready"
    fill(page, OTHER_FILES)  # another folder at the same place
    page.get_by_role("button", name=f"Continue with {FOLDER}").click()
    ranking.wait_view("ask")
    expect(page.locator("#ask-text")).to_have_text(
        "This browser keeps 2 answers for this folder that are not in its votes.csv yet, but "
        "this folder is not as that one was: 3 new images (other0.png, other1.png, …), "
        "4 missing (img0.png, img1.png, …). No image is the same file as before: this is "
        "likely another folder."
    )
    page.get_by_role("button", name="Start afresh").click()
    ranking.wait_first_pair()
    ranking.press("a")
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert len(votes) == 1 and {votes[0].left, votes[0].right} <= set(OTHER_FILES)

    fill(page, FILES)  # the first folder is back: its two answers are still kept for it
    page.reload()
    assert ranking.app.wait() == "ready"
    expect(page.get_by_role("button", name=f"Continue with {FOLDER}")).to_have_count(1)
    page.get_by_role("button", name=f"Continue with {FOLDER}").click()
    ranking.wait_view("compare")
    expect(page.locator("#banner-text")).to_contain_text("Resumed 2 answers")
    ranking.saved()
    assert len(read_votes(read(page, ".image-ranker/votes.csv")).votes) == 2
