"""The ranking page as a person meets it: choose a folder, answer with keys, see the ranking."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from ranker.formats import read_votes

from .folders import HOSTILE_NAMES, NO_PICKER, hostile_folder, image_bytes, read

IMAGES = [*HOSTILE_NAMES, "corrupt.jpg"]


def answerable_folder() -> dict[str, bytes]:
    """The hostile names without the file that does not decode: a question showing it can
    only be skipped, and these tests answer every question with the key they test."""
    files = hostile_folder()
    del files["corrupt.jpg"]
    return files


def test_choosing_a_folder_shows_exactly_two_of_its_images(ranking, page: Page, shot):
    ranking.open(hostile_folder())
    ranking.choose_folder()
    expect(page.locator("#banner-text")).to_contain_text(
        "10 images; skipped 1 file that is not an image"
    )
    left, right = ranking.pair()
    assert {left, right} <= set(IMAGES) and left != right
    expect(page.locator("#pair img:visible")).to_have_count(
        sum(1 for name in (left, right) if name != "corrupt.jpg")
    )
    expect(page.locator("#side-left .name")).to_have_text(left)
    shot("compare")


def test_every_answer_key_does_what_it_says(ranking, page: Page):
    ranking.open(answerable_folder())
    ranking.choose_folder()
    expected = []
    for key, outcome in [
        ("ArrowLeft", "left"),
        ("a", "left"),
        ("ArrowRight", "right"),
        ("d", "right"),
        ("ArrowDown", "draw"),
        ("s", "draw"),
        (" ", "skip"),
    ]:
        left, right = ranking.pair()
        ranking.press(key)
        expected.append((left, right, outcome))
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert [(v.left, v.right, v.outcome) for v in votes] == expected


def test_undo_restores_the_previous_pair_and_standings(ranking, page: Page):
    ranking.open(answerable_folder())
    ranking.choose_folder()
    for key in ("a", "d", "a"):
        ranking.press(key)
    before_rows = ranking.ranking_rows()
    before_pair = ranking.pair()
    ranking.press("d")
    ranking.press("Backspace")
    assert ranking.pair() == before_pair
    assert ranking.ranking_rows() == before_rows
    ranking.press("a")
    ranking.press("Control+z")
    assert ranking.pair() == before_pair
    ranking.saved()
    outcomes = [vote.outcome for vote in read_votes(read(page, ".image-ranker/votes.csv")).votes]
    assert outcomes[-4:] == ["right", "undo", "left", "undo"]


def test_a_held_key_answers_once(ranking, page: Page):
    ranking.open(answerable_folder())
    ranking.choose_folder()
    first = ranking.pair()
    page.keyboard.down("a")
    page.wait_for_function("() => window.imageRankerAnswerTimes.length === 1")
    second = ranking.pair()
    for _ in range(3):
        page.keyboard.down("a")  # held: the browser repeats the key
    page.keyboard.up("a")
    page.keyboard.down("Backspace")
    page.wait_for_function("() => window.imageRankerAnswerTimes.length === 2")
    page.keyboard.down("Backspace")
    page.keyboard.up("Backspace")
    ranking.press("d")
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert [(v.left, v.right, v.outcome) for v in votes] == [
        (*first, "left"),
        (*first, "undo"),
        (*first, "right"),
    ]
    assert second != first


def test_the_answer_time_counts_the_wait_of_a_key_behind_a_busy_page(ranking, page: Page):
    ranking.open(answerable_folder())
    ranking.choose_folder()
    ranking.pair()
    # The key is pressed (its event made) while the page is busy, and handled after.
    page.evaluate(
        """() => {
          const key = new KeyboardEvent("keydown", { key: "a", bubbles: true, cancelable: true });
          const end = performance.now() + 1000;
          while (performance.now() < end);
          document.body.dispatchEvent(key);
        }"""
    )
    page.wait_for_function("() => window.imageRankerAnswerTimes.length === 1")
    assert page.evaluate("window.imageRankerAnswerTimes[0]") >= 1000


def test_zoom_ranking_and_help_keys(ranking, page: Page, shot):
    ranking.open(hostile_folder())
    ranking.choose_folder()
    page.keyboard.press("z")
    expect(page.locator("#pair")).to_have_class("pair zoomed")
    expect(page.locator("#answer-zoom")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("z")
    expect(page.locator("#pair")).to_have_class("pair")
    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keys")
    expect(help_dialog).to_be_visible()
    for text in (
        "Left is better",
        "Right is better",
        "Equally good",
        "skip",
        "Undo",
        "100%",
        "Ranking view",
    ):
        expect(help_dialog).to_contain_text(text)
    shot("help")
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    expect(page.locator(".ranking-row")).to_have_count(len(IMAGES))
    page.keyboard.press("r")
    ranking.wait_view("compare")


def test_every_image_is_in_the_ranking_and_hostile_names_are_text(
    ranking, page: Page, dialogs, shot
):
    ranking.open(hostile_folder())
    ranking.choose_folder()
    for key in "adsadsad":
        ranking.press(" " if "corrupt.jpg" in ranking.pair() else key)
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    names = page.locator(".ranking-row .name").all_inner_texts()
    assert sorted(names) == sorted(IMAGES)
    expect(
        page.locator(".ranking-row .name", has_text="<img src=x onerror=alert(1)>.png")
    ).to_have_count(1)
    assert page.locator("img[src='x']").count() == 0
    page.get_by_placeholder("Filter by name").fill("nested/")
    expect(page.locator(".ranking-row")).to_have_count(2)
    page.locator(".ranking-row").first.click()
    expect(page.locator("#viewer")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#viewer")).to_be_hidden()
    shot("ranking")
    assert dialogs == []


def test_a_broken_image_can_be_set_aside(ranking, page: Page):
    files = {f"{i}.png": image_bytes(i) for i in range(4)}
    files["broken.png"] = b"\x89PNG\r\n\x1a\n garbage"
    ranking.open(files)
    page.evaluate("localStorage.setItem('image-ranker.strategy', 'random')")
    ranking.choose_folder()
    for _ in range(60):
        if "broken.png" in ranking.pair():
            break
        ranking.press("s")
    assert "broken.png" in ranking.pair()
    placeholder = page.locator(".broken:visible")
    expect(placeholder).to_contain_text("broken.png could not be decoded")
    settings = page.get_by_role("button", name="Settings")
    settings.click()
    page.get_by_label("Blind mode").check()
    settings.click()
    expect(placeholder).to_contain_text("could not be decoded", use_inner_text=True)
    expect(placeholder).not_to_contain_text("broken.png", use_inner_text=True)
    placeholder.get_by_role("button", name="Skip this image").click()
    expect(page.locator("#banner-text")).to_have_text(
        "The image is removed from the ranking (the file is untouched). Undo (Backspace) "
        "brings it back, and so does Restore in the ranking view."
    )
    page.wait_for_function(
        "() => !['img-left', 'img-right']"
        ".some((id) => document.getElementById(id).alt === 'broken.png')"
    )
    for _ in range(10):
        assert "broken.png" not in ranking.pair()
        ranking.press("a")
    assert read(page, "broken.png") is not None


def test_fewer_than_two_images_says_so_with_a_way_back(ranking, page: Page):
    ranking.open({"only.png": image_bytes(1), "notes.txt": b"x"})
    page.get_by_role("button", name="Choose folder", exact=True).click()
    ranking.wait_view("message")
    expect(page.locator("#message")).to_contain_text("Fewer than two images")
    expect(page.locator("#message")).to_contain_text("1 image; skipped 1 file")
    page.get_by_role("button", name="Back").click()
    ranking.wait_view("start")


def test_the_longest_suggested_question_fits_its_field(ranking, page: Page):
    ranking.open(hostile_folder())
    ranking.choose_folder()
    page.get_by_role("button", name="Settings").click()
    field = page.locator("#question-input")
    field.fill("Which image matches the prompt better?")
    assert field.evaluate("input => input.scrollWidth <= input.clientWidth")


def test_settings_persist_and_blind_mode_hides_names(ranking, page: Page):
    ranking.open(answerable_folder())
    ranking.choose_folder()
    page.get_by_role("button", name="Settings").click()
    page.get_by_label("Strategy").select_option("elimination")
    page.get_by_label("Blind mode").check()
    expect(page.locator("#side-left figcaption")).to_be_hidden()
    page.reload()
    assert ranking.app.wait() == "ready"
    assert page.evaluate("document.getElementById('strategy').value") == "elimination"
    assert page.evaluate("document.getElementById('blind').checked") is True
    ranking.choose_folder()
    ranking.press("a")
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert [vote.strategy for vote in votes] == ["elimination"]


def test_browsers_without_the_picker_rank_an_uploaded_folder(ranking, page: Page, tmp_path: Path):
    folder = tmp_path / "upload"
    (folder / "sub").mkdir(parents=True)
    for i in range(5):
        (folder / ("sub" if i % 2 else "") / f"{i}.jpg").write_bytes(image_bytes(i, fmt="JPEG"))
    ranking.open(None, stub=NO_PICKER)
    expect(page.locator("#fallback-note")).to_be_visible()
    page.set_input_files("#folder-input", str(folder))
    ranking.wait_first_pair()
    for key in "adad":
        ranking.press(key)
    expect(page.locator("#save-status")).to_contain_text("kept in this browser")
    page.keyboard.press("r")
    names = page.locator(".ranking-row .name").all_inner_texts()
    assert sorted(names) == ["0.jpg", "2.jpg", "4.jpg", "sub/1.jpg", "sub/3.jpg"]
