"""Caption files in the page: a `prompt.txt` is the prompt of the images beside it, and one
over the cap (64 KB) is not a prompt at all, neither shown nor cut."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from ranker.metadata import CAPTION_BYTES

from .folders import image_bytes

HARBOUR = "a quiet harbour at dusk"
FILES = {
    "small/a.png": image_bytes(1),
    "small/b.png": image_bytes(2),
    "small/prompt.txt": f"  {HARBOUR}\n".encode(),
    "large/c.png": image_bytes(3),
    "large/d.png": image_bytes(4),
    "large/prompt.txt": b"a huge caption " * (CAPTION_BYTES // 15 + 1),
}


def test_a_caption_over_the_cap_is_not_a_prompt(ranking, page: Page, shot):
    ranking.open(FILES)
    page.evaluate("localStorage.setItem('image-ranker.within', 'subfolder')")
    ranking.choose_folder()
    seen = set()
    for _ in range(6):
        left, right = ranking.pair()
        folder = left.split("/")[0]
        assert right.split("/")[0] == folder
        if folder == "small":
            expect(page.locator("#prompt-line")).to_have_text(HARBOUR)
        else:
            expect(page.locator("#prompt")).to_be_hidden()
        if folder not in seen:
            shot(folder)
            seen.add(folder)
        ranking.press("a")
    assert seen == {"small", "large"}
    expect(page.locator("#banner-text")).to_contain_text(
        "Some prompts were left out: large/prompt.txt", timeout=15_000
    )
