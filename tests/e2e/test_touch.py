"""A phone's touch screen: a tap on an image chooses it, a swipe answers, a long press zooms,
and the keyboard hints are gone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ranker.formats import read_votes

from .folders import image_bytes, read

PHOTOS = {f"photo_{i:02d}.jpg": image_bytes(i, (1200, 900), "JPEG") for i in range(8)}
PHONE = pytest.mark.browser_context_args(
    has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844}
)


def centre(page: Page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def touch(cdp, kind: str, points: list[tuple[float, float]]) -> None:
    cdp.send(
        "Input.dispatchTouchEvent",
        {"type": kind, "touchPoints": [{"x": x, "y": y} for x, y in points]},
    )


def swipe(cdp, start: tuple[float, float], dx: float, dy: float) -> None:
    x, y = start
    touch(cdp, "touchStart", [(x, y)])
    for step in range(1, 6):
        touch(cdp, "touchMove", [(x + dx * step / 5, y + dy * step / 5)])
    touch(cdp, "touchEnd", [])


@PHONE
def test_taps_and_swipes_answer_and_the_hints_are_gone(ranking, page: Page, shot):
    ranking.open(PHOTOS)
    ranking.choose_folder()
    cdp = page.context.new_cdp_session(page)
    expected = []

    left, right = ranking.pair()
    before = ranking.answers()
    page.touchscreen.tap(*centre(page, "#side-right .frame"))  # the bottom image
    page.wait_for_function(f"() => window.imageRankerAnswerTimes.length > {before}")
    expected.append((left, right, "right"))
    expect(page.locator("#answer-left kbd")).to_be_hidden()
    expect(page.locator(".answer-bar kbd:visible")).to_have_count(0)
    shot("touch-390x844")

    for dx, dy, outcome in [(-150, 0, "left"), (150, 10, "right"), (0, 160, "draw")]:
        left, right = ranking.pair()
        before = ranking.answers()
        swipe(cdp, centre(page, "#side-left .frame"), dx, dy)
        page.wait_for_function(f"() => window.imageRankerAnswerTimes.length > {before}")
        expected.append((left, right, outcome))

    before = ranking.answers()
    swipe(cdp, centre(page, "#side-left .frame"), 0, -160)  # upwards: means nothing
    touch(cdp, "touchStart", [centre(page, "#side-left .frame")])
    page.wait_for_timeout(700)  # a long press
    touch(cdp, "touchEnd", [])
    expect(page.locator("#answer-zoom")).to_have_attribute("aria-pressed", "true")
    page.touchscreen.tap(*centre(page, "#side-left .frame"))  # in zoom a tap does not answer
    page.locator("#answer-zoom").tap()
    expect(page.locator("#answer-zoom")).to_have_attribute("aria-pressed", "false")
    assert ranking.answers() == before

    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert [(v.left, v.right, v.outcome) for v in votes] == expected


@PHONE
def test_a_tap_chooses_the_best_of_four_once(ranking, page: Page):
    ranking.open(PHOTOS)
    page.evaluate("localStorage.setItem('image-ranker.mode', 'best4')")
    ranking.choose_folder()
    page.wait_for_function("() => document.getElementById('img-fourth').alt !== ''")
    third = page.get_attribute("#img-third", "alt")
    expect(page.locator(".touch-hint").first).to_be_hidden()
    page.touchscreen.tap(*centre(page, "#side-third .frame"))
    page.wait_for_function("() => window.imageRankerAnswerTimes.length === 1")
    expect(page.locator(".quad-only .touch-hint")).to_be_visible()
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert {v.left for v in votes} == {third} and len(votes) == 3  # one answer, not two
