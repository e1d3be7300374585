"""Best of 4: four images in a grid, keys 1-4 (or a click) choose the best."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from ranker.formats import read_votes

from .folders import image_bytes, read

FILES = {f"shot_{i:02d}.png": image_bytes(i) for i in range(10)}
SIDES = ("left", "right", "third", "fourth")


def shown(page: Page) -> list[str]:
    page.wait_for_function("() => document.getElementById('img-fourth').alt !== ''")
    return [page.get_attribute(f"#img-{side}", "alt") for side in SIDES]


def test_keys_and_clicks_choose_the_best_of_four_and_undo_asks_again(ranking, page: Page, shot):
    ranking.open(FILES)
    page.evaluate("localStorage.setItem('image-ranker.mode', 'best4')")
    ranking.choose_folder()
    first = shown(page)
    assert len(set(first)) == 4 and set(first) <= set(FILES)
    expect(page.locator("#pair img:visible")).to_have_count(4)
    shot("best-of-four")
    ranking.press("3")
    second = shown(page)
    page.locator("#side-fourth .frame").click()
    page.wait_for_function("() => window.imageRankerAnswerTimes.length >= 2")
    ranking.press("Backspace")
    assert sorted(shown(page)) == sorted(second)
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    first_answer = [v for v in votes if v.time == votes[0].time]
    assert {(v.left, v.set_kind) for v in first_answer} == {(first[2], "best of 4")}
    assert sorted(v.right for v in first_answer) == sorted(set(first) - {first[2]})
    second_answer = votes[3:6]
    assert {v.left for v in second_answer} == {second[3]}
    assert votes[-1].outcome == "undo"
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    winner = page.locator(".ranking-row", has_text=first[2])
    wins = int(winner.locator(".wld").inner_text().split(" / ")[0])
    assert wins >= 3  # it beat the three others shown with it


def test_skipping_four_logs_one_skip_and_shows_other_images(ranking, page: Page):
    ranking.open(FILES)
    page.evaluate("localStorage.setItem('image-ranker.mode', 'best4')")
    ranking.choose_folder()
    first = shown(page)
    ranking.press(" ")
    second = shown(page)
    assert len(set(first) & set(second)) <= 1  # no pair of the skipped four is asked again
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert [(v.left, v.right, v.outcome, v.set_kind) for v in votes] == [
        (first[0], other, "skip", "best of 4") for other in first[1:]
    ]
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    expect(page.locator(".ranking-row .wld").first).to_have_text("0 / 0 / 0")
