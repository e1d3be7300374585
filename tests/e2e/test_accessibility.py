"""axe-core on every view of the page: 0 violations of its WCAG 2.x A/AA and best-practice
rules, colour contrast included. axe-core is the npm package pinned in package.json; the test
evaluates it in the page through the browser's debugging protocol, which the page's
Content-Security-Policy does not govern (a <script> the test added would be refused, and
`csp_respected` would fail the test for it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import build

from .folders import image_bytes
from .test_prompts import FILES as PROMPT_FILES

DESKTOP = {"width": 1280, "height": 800}
AXE = build.NODE_MODULES / "axe-core" / "axe.min.js"
RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary),
  }));
}"""


def violations(page: Page) -> list[dict]:
    """What axe-core finds on the page as it is on screen now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(Path(AXE).read_text(encoding="utf-8"))
    return page.evaluate(RUN)


def assert_accessible(page: Page, view: str) -> None:
    found = violations(page)
    assert found == [], f"{view}: {found}"


def grouped_folder() -> dict[str, bytes]:
    """Two subfolders, one of which has a long name (a group picker's widest option)."""
    long_name = "a very long subfolder name " * 6
    files = {f"day one/{n}.png": image_bytes(n) for n in range(4)}
    files |= {f"{long_name.strip()}/{n}.png": image_bytes(n + 4) for n in range(4)}
    return files


@pytest.fixture
def desktop(page: Page) -> Page:
    page.set_viewport_size(DESKTOP)
    return page


def test_the_folder_choice_view_has_no_violations(ranking, desktop: Page):
    ranking.open({})
    assert_accessible(desktop, "folder choice")


def test_compare_zoom_settings_help_and_banner_have_no_violations(ranking, desktop: Page):
    page = desktop
    # Larger than their frames: zoomed, each frame scrolls (and must be reached by keyboard).
    ranking.open({f"photo {n}.png": image_bytes(n, (2400, 1800)) for n in range(4)})
    ranking.choose_folder()
    expect(page.locator("#banner")).to_be_visible()
    assert_accessible(page, "compare (pair) with its banner")
    page.keyboard.press("z")
    expect(page.locator("#pair")).to_have_class("pair zoomed")
    assert_accessible(page, "zoom")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Settings").click()
    expect(page.locator("#settings")).to_be_visible()
    assert_accessible(page, "settings")
    page.keyboard.press("Escape")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keys")).to_be_visible()
    assert_accessible(page, "help")


def test_best_of_four_has_no_violations(ranking, desktop: Page):
    page = desktop
    ranking.open({f"photo {n}.png": image_bytes(n) for n in range(6)})
    page.evaluate("localStorage.setItem('image-ranker.mode', 'best4')")
    ranking.choose_folder()
    expect(page.locator("#pair")).to_have_class("pair quad")
    assert_accessible(page, "best of 4")


def test_the_prompt_panel_has_no_violations(ranking, desktop: Page):
    page = desktop
    ranking.open(PROMPT_FILES)
    ranking.choose_folder()
    prompt = page.locator("#prompt")
    while not prompt.is_visible():  # a question with a prompt (plain.png has none)
        ranking.press(" ")
    page.keyboard.press("p")
    expect(prompt).to_have_attribute("open", "")
    assert_accessible(page, "prompt panel")


def test_the_ranking_view_with_groups_has_no_violations(ranking, desktop: Page):
    page = desktop
    ranking.open(grouped_folder())
    page.evaluate("localStorage.setItem('image-ranker.within', 'subfolder')")
    ranking.choose_folder()
    for key in "adad":
        ranking.press(key)
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    expect(page.locator("#group-select")).to_be_visible()
    expect(page.locator(".ranking-row").first).to_be_visible()
    assert_accessible(page, "ranking with groups")
    page.get_by_label("Numbers (μ ± σ)").check()
    expect(page.locator(".score-numbers").first).to_be_visible()
    assert_accessible(page, "ranking with its numbers")
