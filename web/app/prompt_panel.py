"""The prompt above the images: one or two lines while comparing, and on demand (a click on
it, or P) the whole text with the rest of what the generator recorded. When the images were
made from different prompts, each image's is shown under its side's name, so a person never
judges "matches the prompt better?" against a prompt only one of them had."""

from ranker.groups import same_prompt
from ranker.metadata.generation import Generation

from .dom import by_id, element

SIDES = {2: ("Left", "Right"), 4: ("1", "2", "3", "4")}
STACKED = {2: ("Top", "Bottom")}
"""Side names as the answer buttons say them: a pair is stacked on a narrow screen."""
DETAILS = (
    ("Negative prompt", "negative_prompt"),
    ("Seed", "seed"),
    ("Model", "model"),
    ("Sampler", "sampler"),
    ("Steps", "steps"),
    ("CFG", "cfg"),
    ("Made with", "generator"),
)
BLIND_DETAILS = ("negative_prompt",)
"""Blind mode hides what could tell the images apart by origin (model, seed, generator),
as it hides names; the negative prompt is part of what the image was asked to be."""


def show(generations: list[Generation | None], blind: bool) -> None:
    """Shows the prompts of the images on screen, in their order; hidden when none has one."""
    panel = by_id("prompt")
    made = [generation or Generation() for generation in generations]
    prompts = [generation.prompt for generation in made]
    panel.hidden = not any(prompts)
    if panel.hidden:
        panel.open = False
        return
    shared = _shared(prompts)
    line = by_id("prompt-line")
    details = by_id("prompt-details")
    details.replaceChildren()
    if shared is not None:
        line.replaceChildren(element("span", "prompt-text", shared))
        if _all_alike(made):
            details.append(_record(made[0], blind, with_prompt=False))
            return
    else:
        line.replaceChildren(element("span", "prompt-differ", "Prompts differ: "))
        for side, prompt in zip(_sides(len(made)), prompts, strict=True):
            line.append(_side_name(side), ": ", element("span", "prompt-text", prompt or "none"))
    for side, generation in zip(_sides(len(made)), made, strict=True):
        section = element("section", "prompt-side")
        section.append(_side_name(side, "h2"), _record(generation, blind, shared is None))
        details.append(section)


def toggle() -> None:
    panel = by_id("prompt")
    if not panel.hidden:
        panel.open = not panel.open


def close() -> None:
    by_id("prompt").open = False


def _shared(prompts: list[str | None]) -> str | None:
    first = prompts[0]
    if first and all(prompt and same_prompt(first, prompt) for prompt in prompts[1:]):
        return first
    return None


def _all_alike(made: list[Generation]) -> bool:
    keys = [tuple(getattr(generation, key) for _, key in DETAILS) for generation in made]
    return all(key == keys[0] for key in keys)


def _sides(count: int) -> list[tuple[str, str]]:
    names = SIDES.get(count, tuple(str(n) for n in range(1, count + 1)))
    stacked = STACKED.get(count, names)
    return list(zip(names, stacked, strict=True))


def _side_name(side: tuple[str, str], tag: str = "span"):
    wide, stacked = side
    node = element(tag, "prompt-side-name")
    if wide == stacked:
        node.textContent = wide
    else:
        node.append(element("span", "side-by-side", wide), element("span", "stacked", stacked))
    return node


def _record(generation: Generation, blind: bool, with_prompt: bool):
    """A definition list of what is known, the prompt first (whole, line breaks kept)."""
    record = element("dl", "prompt-record")
    rows = [("Prompt", generation.prompt or "none known")] if with_prompt else []
    for label, key in DETAILS:
        value = getattr(generation, key)
        if value is not None and value != "" and (not blind or key in BLIND_DETAILS):
            rows.append((label, str(value)))
    if not rows:
        rows.append(("", "Nothing else recorded"))
    for label, value in rows:
        record.append(element("dt", "", label), element("dd", "", value))
    return record
