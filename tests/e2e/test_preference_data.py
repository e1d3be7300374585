"""Preference data in the page: prompts read from the files, groups never mixed, a question
logged with every answer, exports with prompt, question and group."""

from __future__ import annotations

import io
import json

from PIL import Image, PngImagePlugin
from playwright.sync_api import Page, expect

from ranker.formats import read_votes

from .folders import read


def generated(prompt: str, index: int) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", f"{prompt}\nNegative prompt: blurry\nSteps: 20, Seed: {index}")
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (index * 40 % 255, 90, 160)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


FILES = {
    **{f"fox/{i}.png": generated("a red fox in the snow", i) for i in range(4)},
    **{f"castle/{i}.png": generated("a castle on a hill", i + 4) for i in range(4)},
    "castle/alone.png": generated("a lonely tree", 9),
}


def test_prompts_groups_and_questions_reach_the_log_and_exports(ranking, page: Page, shot):
    ranking.open(FILES)
    page.evaluate("localStorage.setItem('image-ranker.within', 'prompt')")
    page.evaluate(
        "localStorage.setItem('image-ranker.question', 'Which matches the prompt better?')"
    )
    ranking.choose_folder()
    expect(page.locator("#question")).to_have_text("Which matches the prompt better?")
    expect(page.locator("#prompt")).to_be_visible(timeout=10_000)
    shot("prompt")
    for _ in range(24):
        left, right = ranking.pair()
        assert left.split("/")[0] == right.split("/")[0]
        assert "castle/alone.png" not in (left, right)
        prompt = page.locator("#prompt-line").inner_text()
        assert prompt in ("a red fox in the snow", "a castle on a hill")
        ranking.press("a")
    ranking.saved()
    votes = read_votes(read(page, ".image-ranker/votes.csv")).votes
    assert {vote.question for vote in votes} == {"Which matches the prompt better?"}
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    groups = page.locator("#group-select option").all_inner_texts()
    assert any(text.startswith("a lonely tree (1 image") for text in groups)
    page.locator("#group-select").select_option("a red fox in the snow")
    expect(page.locator(".ranking-row")).to_have_count(4)
    expect(page.locator(".ranking-row .row-prompt").first).to_have_text("a red fox in the snow")
    page.get_by_role("button", name="Settings").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download preferences.jsonl").click()
    rows = [json.loads(line) for line in open(download.value.path(), encoding="utf-8")]
    assert len(rows) == 24
    assert {row["group"] for row in rows} <= {"a red fox in the snow", "a castle on a hill"}
    assert all(row["prompt"] == row["group"] for row in rows)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download pick-a-pic.jsonl").click()
    picks = [json.loads(line) for line in open(download.value.path(), encoding="utf-8")]
    assert {(p["label_0"], p["label_1"]) for p in picks} == {(1.0, 0.0)}
    assert all(p["caption"] in ("a red fox in the snow", "a castle on a hill") for p in picks)
