"""Prompts in the page, read from the files as generators write them: images.jsonl lists what
each file says, the prompt opens to its whole text and the rest of the record, images of
different prompts show each their own, and the training rows caption a pair only with the
prompt both images share."""

from __future__ import annotations

import io
import json

from PIL import Image, PngImagePlugin
from playwright.sync_api import Page, expect

from .folders import image_bytes, read

FLOWER = "glass flower blossom"
CASTLE = "a castle on a hill"


def a1111(index: int, negative: str, seed: int) -> bytes:
    """A PNG as Automatic1111 saves it: the infotext in a `parameters` tEXt chunk."""
    info = PngImagePlugin.PngInfo()
    info.add_text(
        "parameters",
        f"{FLOWER}\nNegative prompt: {negative}\n"
        f"Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: {seed}, Size: 160x120",
    )
    return _png(index, info)


def comfyui(index: int) -> bytes:
    """A PNG as ComfyUI's SaveImage saves it: the API graph in a `prompt` chunk."""
    graph = {
        "3": {
            "class_type": "KSampler",
            "inputs": {"positive": ["6", 0], "negative": ["7", 0], "seed": 5, "steps": 20},
        },
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": CASTLE, "clip": ["4", 1]}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "ugly", "clip": ["4", 1]}},
        "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0]}},
        "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0]}},
    }
    info = PngImagePlugin.PngInfo()
    info.add_text("prompt", json.dumps(graph))
    return _png(index, info)


def _png(index: int, info: PngImagePlugin.PngInfo) -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(image_bytes(index))).save(out, "PNG", pnginfo=info)
    return out.getvalue()


FILES = {
    "flowers/a.png": a1111(1, "blurry", 42),
    "flowers/c.png": a1111(2, "lowres", 43),
    "castle.png": comfyui(3),
    "plain.png": image_bytes(4),
}


def written(page: Page, path: str) -> str:
    """The text of an app file once it is written (it is made after the answers or the
    reading that it follows). Polled from here: `wait_for_function` does not wait for an
    async predicate's promise."""
    for _ in range(150):
        text = read(page, f".image-ranker/{path}")
        if text:
            return text
        page.wait_for_timeout(200)
    raise AssertionError(f".image-ranker/{path} was not written within 30 s")


def images_jsonl(page: Page) -> dict[str, dict]:
    return {row["path"]: row for row in map(json.loads, written(page, "images.jsonl").splitlines())}


def test_images_jsonl_lists_what_every_file_says(ranking, page: Page):
    ranking.open(FILES)
    ranking.choose_folder()
    rows = images_jsonl(page)
    assert sorted(rows) == sorted(FILES)
    assert rows["flowers/a.png"] == {
        "path": "flowers/a.png",
        "prompt": FLOWER,
        "negative_prompt": "blurry",
        "seed": 42,
        "model": None,
        "generator": "Automatic1111",
        "width": 160,
        "height": 120,
    }
    assert (rows["castle.png"]["prompt"], rows["castle.png"]["generator"]) == (CASTLE, "ComfyUI")
    assert rows["castle.png"]["negative_prompt"] == "ugly"
    assert rows["plain.png"] == {
        "path": "plain.png",
        **dict.fromkeys(("prompt", "negative_prompt", "seed", "model", "generator")),
        "width": 160,
        "height": 120,
    }


def test_grouping_by_prompt_says_who_has_none_and_the_prompt_opens(ranking, page: Page, shot):
    ranking.open(FILES)
    page.evaluate("localStorage.setItem('image-ranker.within', 'prompt')")
    ranking.choose_folder()
    expect(page.locator("#banner-text")).to_contain_text(
        "1 image of 4 has no prompt: while comparing within each prompt, it is left out"
    )
    assert sorted(ranking.pair()) == ["flowers/a.png", "flowers/c.png"]  # the one group of two
    line = page.locator("#prompt-line")
    expect(line).to_have_text(FLOWER)
    details = page.locator("#prompt-details")
    expect(details).to_be_hidden()
    line.click()
    expect(details).to_be_visible()
    for text in ("Negative prompt", "blurry", "lowres", "Seed", "42", "43", "Automatic1111"):
        expect(details).to_contain_text(text)
    shot("prompt-open")
    page.keyboard.press("p")
    expect(details).to_be_hidden()
    page.keyboard.press("p")
    expect(details).to_be_visible()
    page.keyboard.press("Escape")
    expect(details).to_be_hidden()


def test_different_prompts_are_each_shown_and_never_one_caption(ranking, page: Page, shot):
    ranking.open({"a.png": FILES["flowers/a.png"], "castle.png": FILES["castle.png"]})
    ranking.choose_folder()
    left, right = ranking.pair()
    prompts = {"a.png": FLOWER, "castle.png": CASTLE}
    line = page.locator("#prompt-line")
    expect(line).to_contain_text("Prompts differ")
    expect(line).to_contain_text(f"Left: {prompts[left]}", use_inner_text=True)
    expect(line).to_contain_text(f"Right: {prompts[right]}", use_inner_text=True)
    shot("prompts-differ")
    ranking.press("a")
    ranking.saved()
    (row,) = map(json.loads, written(page, "preferences.jsonl").splitlines())
    assert (row["chosen"], row["prompt"]) == (left, "")
    assert (row["chosen_prompt"], row["rejected_prompt"]) == (prompts[left], prompts[right])
    assert read(page, ".image-ranker/pick-a-pic.jsonl") == ""
