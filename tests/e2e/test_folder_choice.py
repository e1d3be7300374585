"""Ways into a folder (picker, recent folders, a dropped folder), what the page says when it
cannot use one, a closed picker, a second folder in the same tab, a 10,000-image folder, and the
compare view's details: captions, buttons for every key, linked zoom."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from ranker.formats import read_votes

from .conftest import Ranking
from .folders import FOLDER, NO_PICKER, fill, image_bytes, read

FILES = {f"shots/day {i % 2 + 1}/IMG_{i:04d}.JPG": image_bytes(i, fmt="JPEG") for i in range(6)}
SECOND = "second-folder"
SECOND_FILES = {f"other {i}.png": image_bytes(10 + i) for i in range(3)}

# Counts every read of a file's bytes through the File System Access API.
COUNT_READS = """
window.fileReads = 0;
const getFile = FileSystemFileHandle.prototype.getFile;
FileSystemFileHandle.prototype.getFile = function (...args) {
  window.fileReads += 1;
  return getFile.apply(this, args);
};
"""
# Every text the listing panel shows, in order.
LISTING_TEXTS = """
window.listingTexts = [];
addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("listing-text");
  new MutationObserver(() => window.listingTexts.push(status.textContent))
    .observe(status, { childList: true, characterData: true, subtree: true });
});
"""
MANY = """
async ([folder, count, data]) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(folder, { recursive: true }).catch(() => {});
  const top = await root.getDirectoryHandle(folder, { create: true });
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const dirs = await Promise.all(
    Array.from({ length: 10 }, (_, d) => top.getDirectoryHandle(`part ${d}`, { create: true })));
  for (let i = 0; i < count; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
      const n = i + j;
      const handle = await dirs[n % 10].getFileHandle(`img ${String(n).padStart(5, "0")}.png`,
                                                      { create: true });
      const writable = await handle.createWritable();
      await writable.write(bytes);
      await writable.close();
    }));
  }
}
"""
# A drop of the test's OPFS folder, as Chromium delivers a dragged folder: a DataTransferItem
# whose getAsFileSystemHandle() gives its directory handle.
DROP = """
async (folder) => {
  const handle = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  const item = { kind: "file", type: "", getAsFileSystemHandle: async () => handle };
  const drop = new Event("drop", { bubbles: true, cancelable: true });
  Object.defineProperty(drop, "dataTransfer", { value: { items: [item], files: [] } });
  document.getElementById("main").dispatchEvent(drop);
}
"""
REFUSING_PICKER = """
window.showDirectoryPicker = async () => {
  throw new DOMException("The user did not grant permission.", "NotAllowedError");
};
"""
# A picker the test steers: it gives the OPFS folder named by window.pickedFolder (the usual
# one without it), or is closed by the person while window.closePicker is set; it counts its
# uses in window.pickerOpened.
STEERED_PICKER = f"""
window.pickerOpened = 0;
window.showDirectoryPicker = async () => {{
  window.pickerOpened += 1;
  if (window.closePicker) throw new DOMException("The user aborted a request.", "AbortError");
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(window.pickedFolder || {FOLDER!r}, {{ create: true }});
}};
"""
# A remembered folder whose permission the browser asks for again, and the person refuses.
REFUSED_AGAIN = """
FileSystemHandle.prototype.queryPermission = async () => "prompt";
FileSystemHandle.prototype.requestPermission = async () => "denied";
"""


def test_a_recent_folder_is_offered_again_after_a_reload(ranking, page: Page):
    ranking.open(FILES)
    ranking.choose_folder()
    ranking.pair()
    page.reload()
    assert ranking.app.wait() == "ready"
    cont = page.get_by_role("button", name=f"Continue with {FOLDER}")
    expect(cont).to_be_visible()
    cont.click()
    ranking.wait_view("compare")
    assert set(ranking.pair()) <= set(FILES)
    expect(page.locator("#folder-name")).to_have_text(FOLDER)


def test_a_refused_permission_says_so_and_leads_back(ranking, page: Page):
    ranking.open(FILES, stub=REFUSING_PICKER)
    page.get_by_role("button", name="Choose folder", exact=True).click()
    ranking.wait_view("message")
    expect(page.locator("#message")).to_contain_text("No permission to use that folder")
    page.get_by_role("button", name="Back").click()
    ranking.wait_view("start")
    expect(page.get_by_role("button", name="Choose folder", exact=True)).to_be_enabled()


def test_a_recent_folder_whose_permission_is_refused_says_so(ranking, page: Page):
    ranking.open(FILES)
    ranking.choose_folder()
    page.add_init_script(REFUSED_AGAIN)
    page.reload()
    assert ranking.app.wait() == "ready"
    page.get_by_role("button", name=f"Continue with {FOLDER}").click()
    ranking.wait_view("message")
    expect(page.locator("#message")).to_contain_text("No permission")
    page.get_by_role("button", name="Back").click()
    ranking.wait_view("start")


def close_the_picker(page: Page) -> None:
    """Choose folder, and the person closes the picker without choosing."""
    opened = page.evaluate("window.closePicker = true; window.pickerOpened")
    page.get_by_role("button", name="Choose folder", exact=True).click()
    page.wait_for_function(f"() => window.pickerOpened > {opened}")
    page.evaluate("window.closePicker = false")


def pick(page: Page, folder: str, first_image: str) -> None:
    """Choose folder `folder` while another is open: until its first pair is on screen."""
    page.evaluate(
        "(folder) => { window.pickedFolder = folder; window.imageRankerFirstPairAt = undefined; }",
        folder,
    )
    page.get_by_role("button", name="Choose folder", exact=True).click()
    # the same folder again shows the same name and images: wait for its own first pair
    page.wait_for_function("() => window.imageRankerFirstPairAt !== undefined", timeout=30_000)
    expect(page.locator("#folder-name")).to_have_text(folder, timeout=30_000)
    expect(page.locator("#img-left")).to_have_attribute(
        "alt", re.compile(f"^{re.escape(first_image)}"), timeout=30_000
    )
    expect(page.locator("main")).to_have_attribute("data-view", "compare")


def test_a_closed_picker_leaves_the_page_as_it_was(ranking, page: Page):
    ranking.open(FILES, stub=STEERED_PICKER)
    close_the_picker(page)
    expect(page.locator("main")).to_have_attribute("data-view", "start", timeout=5_000)
    ranking.choose_folder()
    pair = ranking.pair()
    close_the_picker(page)
    expect(page.locator("main")).to_have_attribute("data-view", "compare", timeout=5_000)
    assert ranking.pair() == pair
    ranking.press("a")  # the answer keys still work
    ranking.saved()
    assert [(v.left, v.right) for v in read_votes(read(page, ".image-ranker/votes.csv")).votes] == [
        pair
    ]


def test_a_second_folder_in_the_same_tab_replaces_the_first_in_the_ranking(ranking, page: Page):
    ranking.open(FILES, stub=STEERED_PICKER)
    fill(page, SECOND_FILES, SECOND)
    ranking.choose_folder()
    assert len(ranking.ranking_rows()) == len(FILES)  # the first folder's rows were drawn
    pick(page, SECOND, "other ")
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    rows = page.locator(".ranking-row")
    expect(rows).to_have_count(len(SECOND_FILES))
    assert sorted(rows.locator(".name").all_inner_texts()) == sorted(SECOND_FILES)
    page.locator("#ranking-list").evaluate("(list) => list.dispatchEvent(new Event('scroll'))")
    page.get_by_placeholder("Filter by name").fill("1")  # matches names in both folders
    expect(page.locator("#ranking-count")).to_have_text("1 of 3 images")
    expect(rows).to_have_count(1)
    rows.first.locator(".name").click()
    expect(page.locator("#viewer-name")).to_have_text("other 1.png")
    expect(page.locator("#banner-text")).not_to_contain_text("went wrong")


def test_a_folder_left_for_another_is_written_by_the_next_tab_that_opens_it(
    ranking, page: Page, context: BrowserContext, app, site_url
):
    ranking.open(FILES, stub=STEERED_PICKER)
    fill(page, SECOND_FILES, SECOND)
    ranking.choose_folder()
    ranking.press("a")
    ranking.saved()
    pick(page, FOLDER, "shots/")  # the same folder again: this tab still writes it
    expect(page.locator("#banner-text")).to_contain_text("Resumed 1 answer")
    ranking.press("d")
    ranking.saved()
    pick(page, SECOND, "other ")
    other_page = context.new_page()
    other = Ranking(other_page, type(app)(other_page), site_url)
    other.open()
    other.choose_folder()
    expect(other_page.locator("#banner-text")).not_to_contain_text("open in another tab")
    other.press("a")
    other.saved()
    assert len(read_votes(read(other_page, ".image-ranker/votes.csv")).votes) == 3


def test_a_dropped_folder_is_ranked(ranking, page: Page):
    ranking.open(FILES)
    page.evaluate(DROP, FOLDER)
    ranking.wait_view("compare")
    assert set(ranking.pair()) <= set(FILES)
    expect(page.locator("#banner-text")).to_contain_text("6 images")


def test_ten_thousand_images_list_with_progress_and_stay_fast_to_browse(ranking, page: Page):
    count = 10_000
    page.add_init_script(COUNT_READS)
    page.add_init_script(LISTING_TEXTS)
    ranking.open()
    page.evaluate(MANY, [FOLDER, count, base64.b64encode(image_bytes(0, (24, 24))).decode()])
    ranking.choose_folder()
    ranking.pair()
    progress = [text for text in page.evaluate("window.listingTexts") if "files" in text]
    assert any(f"{n:,} files" in text for text in progress for n in range(500, count, 500))
    # Bytes are read only for images about to be shown, not for the 10,000 listed.
    assert page.evaluate("window.fileReads") <= 12
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    expect(page.locator("#ranking-count")).to_have_text("10,000 images")
    rows = page.locator(".ranking-row")
    expect(rows.first).to_be_visible()
    assert rows.count() < 60  # only the rows on screen exist
    page.locator("#ranking-list").evaluate("(list) => { list.scrollTop = list.scrollHeight; }")
    expect(page.locator(".ranking-row[aria-posinset='10000']")).to_have_count(1)
    expect(page.locator(".ranking-row .rank").last).to_have_text("=1")  # nothing told apart
    assert rows.count() < 60
    assert page.evaluate("window.fileReads") < 100  # thumbnails only for rows on screen
    page.get_by_placeholder("Filter by name").fill("img 0421")
    expect(page.locator("#ranking-count")).to_have_text("10 of 10,000 images")
    expect(rows).to_have_count(10)
    expect(rows.first.locator(".name")).to_contain_text("img 0421")


def test_captions_show_name_pixel_size_and_file_size_unless_blind(ranking, page: Page):
    files = {"big one.png": image_bytes(1, (640, 480)), "small.png": image_bytes(2, (320, 200))}
    ranking.open(files)
    ranking.choose_folder()
    left, right = ranking.pair()
    for side, name in (("left", left), ("right", right)):
        width, height = (640, 480) if name == "big one.png" else (320, 200)
        caption = page.locator(f"#side-{side} figcaption")
        expect(caption.locator(".name")).to_have_text(name)
        size = (
            f"{width} × {height} px · {len(files[name]) / 1024:.1f} KB"
            if len(files[name]) >= 1024
            else f"{width} × {height} px · {len(files[name]):,} bytes"
        )
        # the small one is drawn larger than its pixels, and says so
        enlarged = r" · enlarged ×[0-9.]+" if name == "small.png" else ""
        expect(caption.locator(".meta")).to_have_text(re.compile(f"^{re.escape(size)}{enlarged}$"))
    expect(page.locator("#folder-name")).to_be_visible()
    page.get_by_role("button", name="Settings").click()
    page.get_by_label("Blind mode").check()
    for side in ("left", "right"):
        expect(page.locator(f"#side-{side} figcaption")).to_be_hidden()
    expect(page.locator("#folder-name")).to_be_hidden()
    expect(page.locator("#pair img:visible")).to_have_count(2)


def test_every_answer_has_a_button_too(ranking, page: Page):
    ranking.open(FILES)
    ranking.choose_folder()
    expected = []
    for name, outcome in [
        ("Left is better", "left"),
        ("Right is better", "right"),
        ("Equally good", "draw"),
        ("Can't say", "skip"),
    ]:
        left, right = ranking.pair()
        before = ranking.answers()
        page.get_by_role("button", name=name).click()
        page.wait_for_function(f"() => window.imageRankerAnswerTimes.length > {before}")
        expected.append((left, right, outcome))
    page.get_by_role("button", name="Undo").click()
    page.wait_for_function(
        "([left, right]) => document.getElementById('img-left').alt === left"
        " && document.getElementById('img-right').alt === right",
        arg=list(expected[-1][:2]),
    )
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert [(v.left, v.right, v.outcome) for v in votes] == [*expected, (*expected[-1][:2], "undo")]
    page.get_by_role("button", name="Ranking").click()
    ranking.wait_view("ranking")
    page.get_by_role("button", name="Compare").click()
    ranking.wait_view("compare")
    page.get_by_role("button", name="Keyboard help").click()
    expect(page.get_by_role("dialog", name="Keys")).to_be_visible()
    page.get_by_role("button", name="Close").click()
    expect(page.get_by_role("dialog", name="Keys")).to_be_hidden()


def test_zoom_shows_both_at_full_size_and_pans_them_together(ranking, page: Page):
    files = {f"{i}.png": image_bytes(i, (2400, 1800)) for i in range(2)}
    ranking.open(files)
    ranking.choose_folder()
    ranking.pair()
    page.get_by_role("button", name="100%").click()
    expect(page.locator("#answer-zoom")).to_have_attribute("aria-pressed", "true")
    sizes = page.evaluate(
        "['left', 'right'].map((s) => document.getElementById(`img-${s}`).clientWidth)"
    )
    assert sizes == [2400, 2400]
    left = page.locator("#side-left .frame")
    left.evaluate("(frame) => frame.scrollTo(0, 0)")
    page.wait_for_function(
        "() => document.querySelector('#side-right .frame').scrollLeft === 0"
        " && document.querySelector('#side-right .frame').scrollTop === 0"
    )
    # Pan again while the right frame's own scroll event (from being moved along) is still
    # on its way: that echo must not drag the left image back.
    left.evaluate(
        """async (frame) => {
          const right = document.querySelector("#side-right .frame");
          frame.scrollTo(frame.scrollWidth / 4, frame.scrollHeight / 4);
          for (let frames = 0; right.scrollLeft === 0 && frames < 120; frames++) {
            await new Promise((done) => requestAnimationFrame(done));
          }
          frame.scrollTo(frame.scrollWidth, frame.scrollHeight);
        }"""
    )
    page.wait_for_function(
        """() => {
          const frame = document.querySelector('#side-right .frame');
          return frame.scrollLeft > 0
            && Math.abs(frame.scrollLeft - (frame.scrollWidth - frame.clientWidth)) <= 1
            && Math.abs(frame.scrollTop - (frame.scrollHeight - frame.clientHeight)) <= 1;
        }"""
    )
    assert left.evaluate("(frame) => frame.scrollLeft === frame.scrollWidth - frame.clientWidth")
    page.keyboard.press("Escape")
    expect(page.locator("#answer-zoom")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("document.getElementById('img-left').clientWidth") < 2400


def test_a_ranking_row_opens_its_image_by_keyboard_and_by_tap(ranking, page: Page):
    ranking.open(FILES)
    ranking.choose_folder()
    ranking.pair()  # keys count once a pair is on screen
    ranking.press("a")
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    first = page.locator(".ranking-row").first
    first.focus()
    name = first.locator(".name").inner_text()
    page.keyboard.press("Enter")
    viewer = page.get_by_role("dialog", name="Image")
    expect(viewer).to_be_visible()
    expect(page.locator("#viewer-name")).to_have_text(name)
    expect(page.locator("#viewer-img")).to_have_attribute("alt", name)
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    second = page.locator(".ranking-row").nth(1)
    second.locator(".name").click()
    expect(page.locator("#viewer-name")).to_have_text(second.locator(".name").inner_text())


def test_without_the_picker_an_opened_folder_is_ranked_the_same(
    ranking, page: Page, tmp_path: Path
):
    folder = tmp_path / "trip"
    (folder / "day 2").mkdir(parents=True)
    for i, name in enumerate(["a, b.jpg", "day 2/Ünï.PNG", "day 2/x.jpeg", "z.webp"]):
        fmt = {"jpg": "JPEG", "png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[
            name.rsplit(".")[-1].lower()
        ]
        (folder / name).write_bytes(image_bytes(i, fmt=fmt))
    (folder / "notes.txt").write_text("not an image")
    (folder / ".hidden.jpg").write_bytes(image_bytes(9, fmt="JPEG"))
    (folder / ".thumbs").mkdir()  # a hidden folder counts once, as the picker's walk counts it
    for i in range(3):
        (folder / ".thumbs" / f"{i}.jpg").write_bytes(image_bytes(i, fmt="JPEG"))
    ranking.open(None, stub=NO_PICKER)
    expect(page.locator("#fallback-note")).to_contain_text("cannot write into a folder")
    expect(page.locator("#drop-hint")).to_be_visible()  # a dropped folder is read all the same
    page.set_input_files("#folder-input", str(folder))
    ranking.wait_view("compare")
    ranking.pair()
    expect(page.locator("#banner-text")).to_contain_text(
        "4 images; skipped 1 file that is not an image and 2 hidden files or folders"
    )
    for key in "adsa":
        ranking.press(key)
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    names = page.locator(".ranking-row .name").all_inner_texts()
    assert sorted(names) == ["a, b.jpg", "day 2/x.jpeg", "day 2/Ünï.PNG", "z.webp"]


def test_on_an_upright_phone_the_images_stack_and_the_buttons_say_top_and_bottom(
    ranking, page: Page
):
    page.set_viewport_size({"width": 390, "height": 844})
    ranking.open(FILES)
    ranking.choose_folder()
    top, bottom = ranking.pair()
    boxes = [page.locator(f"#side-{side}").bounding_box() for side in ("left", "right")]
    assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"]  # one above the other
    for box in boxes:
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    expect(page.get_by_role("button", name="Left is better")).to_have_count(0)
    page.get_by_role("button", name="Top is better").click()
    page.wait_for_function("() => window.imageRankerAnswerTimes.length === 1")
    second = ranking.pair()
    page.get_by_role("button", name="Bottom is better").click()
    page.wait_for_function("() => window.imageRankerAnswerTimes.length === 2")
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert [(v.winner, v.loser) for v in votes] == [(top, bottom), (second[1], second[0])]
