"""The page by keyboard alone, at 1280x800: Tab reaches every control, the focus goes where
the person is, Esc closes each panel (one press, the one on top), help keeps the focus while
open and gives it back, and the ranking scrolls and is tabbed through in the order it is
seen."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .folders import FOLDER, image_bytes
from .test_prompts import FILES as PROMPT_FILES

DESKTOP = {"width": 1280, "height": 800}
# The picker stub of folders.py, counting its calls.
COUNTING_PICKER = f"""
window.pickerCalls = 0;
window.showDirectoryPicker = async () => {{
  window.pickerCalls += 1;
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle({FOLDER!r}, {{ create: true }});
}};
"""
# Every control on screen a person could use (what Tab must reach), marked for UNREACHED.
CONTROLS = """() => [...document.querySelectorAll(
    'button, input, select, summary, textarea, a[href], [tabindex="0"]')]
  .filter((el) => !el.disabled && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden], [inert]'))
  .map((el) => { el.dataset.testControl = 'yes'; return el.id || el.textContent.trim(); })"""
MARK = "() => { document.activeElement.dataset.reached = 'yes'; }"
UNREACHED = """() => [...document.querySelectorAll('[data-test-control]')]
  .filter((el) => el.dataset.reached !== 'yes')
  .map((el) => el.id || el.getAttribute('aria-label') || el.textContent.trim())"""


def active_id(page: Page) -> str:
    return page.evaluate("document.activeElement.id")


def tab_to(page: Page, element_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        if active_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def open_by_keyboard(ranking, page: Page, files: dict[str, bytes]) -> None:
    """Choose the folder as a keyboard user does: Tab to Choose folder, Enter."""
    page.set_viewport_size(DESKTOP)
    ranking.open(files, stub=COUNTING_PICKER)
    tab_to(page, "choose-folder")
    page.keyboard.press("Enter")
    ranking.wait_first_pair()


def photos(count: int, size: tuple[int, int] = (160, 120)) -> dict[str, bytes]:
    return {f"photo {n:03d}.png": image_bytes(n, size) for n in range(count)}


def test_after_choosing_a_folder_the_focus_is_on_the_compare_view_and_enter_does_not_reopen_it(
    ranking, page: Page
):
    open_by_keyboard(ranking, page, photos(6))
    expect(page.locator("#compare")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowLeft")
    ranking.wait_view("compare")
    assert page.evaluate("window.pickerCalls") == 1
    ranking.press("ArrowRight")  # the keys answer: the focus is where the person is
    assert page.evaluate("window.pickerCalls") == 1


def unreached_by_tab(page: Page, controls: int) -> list[str]:
    """The controls Tab, pressed ten times more than there are controls, never reached."""
    for _ in range(controls + 10):
        page.keyboard.press("Tab")
        page.evaluate(MARK)
    return page.evaluate(UNREACHED)


def test_tab_reaches_every_control_with_settings_open(ranking, page: Page):
    open_by_keyboard(ranking, page, photos(6))
    tab_to(page, "show-settings")
    page.keyboard.press("Enter")
    expect(page.locator("#settings")).to_be_visible()
    controls = page.evaluate(CONTROLS)
    assert {"load-votes", "import-votes", "strategy", "answer-undo"} <= set(controls)
    assert unreached_by_tab(page, len(controls)) == []


def test_tab_reaches_every_control_of_the_ranking_view(ranking, page: Page):
    open_by_keyboard(ranking, page, photos(6))
    ranking.press("a")
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    expect(page.locator(".ranking-row").first).to_be_visible()
    controls = page.evaluate(CONTROLS)
    assert {"filter", "show-numbers", "ranking-list"} <= set(controls)
    assert unreached_by_tab(page, len(controls)) == []


def test_help_keeps_the_focus_while_open_and_gives_it_back(ranking, page: Page):
    open_by_keyboard(ranking, page, photos(4))
    tab_to(page, "show-help")
    page.keyboard.press("Enter")
    help_dialog = page.get_by_role("dialog", name="Keys")
    expect(help_dialog).to_be_visible()
    expect(page.locator("#help-close")).to_be_focused()
    # Tab cycles through the dialog and the browser's own controls (the document's <body>,
    # headless), never the page behind the dialog.
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.getElementById('help').contains(document.activeElement)"
            " || document.activeElement === document.body"
        ), active_id(page)
        reached.append(active_id(page))
    assert "help-close" in reached, reached
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    expect(page.locator("#show-help")).to_be_focused()


def test_esc_closes_each_panel_the_one_on_top_first(ranking, page: Page):
    open_by_keyboard(ranking, page, PROMPT_FILES)
    prompt = page.locator("#prompt")
    while not prompt.is_visible():  # a question with a prompt (plain.png has none)
        ranking.press(" ")
    page.keyboard.press("p")
    expect(prompt).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(prompt).not_to_have_attribute("open", "")

    page.keyboard.press("z")
    expect(page.locator("#pair")).to_have_class("pair zoomed")
    page.keyboard.press("Escape")
    expect(page.locator("#pair")).to_have_class("pair")

    tab_to(page, "show-settings")
    page.keyboard.press("Enter")
    page.keyboard.press("?")  # help over the settings: Esc closes help, then the settings
    expect(page.locator("#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()
    expect(page.locator("#settings")).to_be_visible()
    tab_to(page, "strategy")
    page.keyboard.press("Escape")
    expect(page.locator("#settings")).to_be_hidden()
    expect(page.locator("#show-settings")).to_be_focused()
    expect(page.locator("#show-settings")).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("r")
    ranking.wait_view("ranking")
    row = page.locator(".ranking-row").first
    row.focus()
    page.keyboard.press("Enter")
    viewer = page.get_by_role("dialog", name="Image")
    expect(viewer).to_be_visible()
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(row).to_be_focused()


def focused_place(page: Page) -> int:
    return int(page.evaluate("document.activeElement.getAttribute('aria-posinset') || 0"))


def test_arrows_scroll_the_ranking_and_tab_keeps_the_order_seen(ranking, page: Page):
    open_by_keyboard(ranking, page, photos(120, (24, 24)))
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    ranking_list = page.locator("#ranking-list")
    expect(ranking_list).to_be_focused()
    page.keyboard.press("ArrowDown")  # the list itself: the browser scrolls it
    page.keyboard.press("PageDown")
    page.wait_for_function("() => document.getElementById('ranking-list').scrollTop > 0")
    ranking_list.evaluate("(list) => { list.scrollTop = 0; }")
    page.wait_for_function("() => document.querySelector(\".ranking-row[aria-posinset='1']\")")
    page.keyboard.press("Tab")  # into the list: its first row, drawn again above the others
    assert focused_place(page) == 1
    for _ in range(50):
        page.keyboard.press("ArrowDown")  # from row to row, scrolled into view
    assert focused_place(page) == 51
    assert ranking_list.evaluate("(list) => list.scrollTop") > 1000
    for _ in range(45):
        page.keyboard.press("ArrowUp")  # rows above are drawn again as they come back
    assert focused_place(page) == 6
    places = []
    for _ in range(6):  # each row, then its Remove button
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        places.append(focused_place(page))
    assert places == [7, 8, 9, 10, 11, 12]
    ranking_list.evaluate("(list) => { list.scrollTop = list.scrollHeight; }")
    page.wait_for_function("() => !document.querySelector(\".ranking-row[aria-posinset='12']\")")
    expect(ranking_list).to_be_focused()  # the focused row scrolled away: not lost to <body>
