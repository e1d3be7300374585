"""The ranking view as a person reads it: ties shown as ties, the score in words with the
numbers on demand, and a group picker that leaves the filter on screen however long a
group's name."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .folders import image_bytes

DESKTOP = {"width": 1280, "height": 800}
LONG_NAME = " ".join(["a prompt long enough to be a whole paragraph"] * 8)


def test_ties_the_score_in_words_and_a_compact_group_picker(ranking, page: Page):
    page.set_viewport_size(DESKTOP)
    files = {f"short/{n}.png": image_bytes(n) for n in range(3)}
    files |= {f"{LONG_NAME}/{n}.png": image_bytes(n + 3) for n in range(3)}
    ranking.open(files)
    page.evaluate("localStorage.setItem('image-ranker.within', 'subfolder')")
    ranking.choose_folder()
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    rows = page.locator(".ranking-row")
    expect(rows).to_have_count(6)
    # Nothing answered: no image can be told from another, all share the first rank.
    assert rows.locator(".rank").all_inner_texts() == ["=1"] * 6
    expect(page.locator(".ranking-head")).to_contain_text("Estimated quality")
    expect(rows.first.locator(".score-text")).to_have_text("top 50%", use_inner_text=True)
    numbers = rows.first.locator(".score-numbers")
    expect(numbers).to_be_hidden()
    page.get_by_label("Numbers (μ ± σ)").check()
    expect(numbers).to_have_text(" · 50.0 (μ 25.0 ± 8.3)")

    picker = page.locator("#group-select")
    expect(picker).to_be_visible()
    assert picker.bounding_box()["width"] <= 400
    filter_box = page.get_by_placeholder("Filter by name").bounding_box()
    assert filter_box["x"] + filter_box["width"] <= DESKTOP["width"]

    page.get_by_role("button", name="Compare").click()
    ranking.wait_view("compare")
    for key in "adad":
        ranking.press(key)
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    ranks = rows.locator(".rank").all_inner_texts()
    assert ranks != ["=1"] * 6, ranks  # answers told some images apart
    assert all(rank.removeprefix("=").isdigit() for rank in ranks), ranks
