"""Groupings for "compare within": a comparison only means something between images made for
the same prompt, or kept in the same subfolder. Each returns the mapping `Ranker.set_groups`
takes, so the page offers exactly these choices."""

from collections.abc import Iterable, Mapping

TOP_FOLDER = "(top folder)"
ALONE = "\0alone:"
"""How the name of a group of one item starts: `Ranker` leaves groups of one out of the
questions, so an item that must not be compared with any other (no prompt known when comparing
within each prompt) gets a group of its own, which the page does not list."""


def alone(item: str) -> str:
    return ALONE + item


def by_folder(items: Iterable[str]) -> dict[str, str]:
    """Each item's subfolder (the relative path without the file name)."""
    return {item: item.rpartition("/")[0] or TOP_FOLDER for item in items}


def by_prompt(items: Iterable[str], prompts: Mapping[str, str | None]) -> dict[str, str]:
    """Each item's prompt, whitespace-normalised so that a trailing newline does not split a
    group. An item without a known prompt is alone: put together, images without prompts were
    asked "which matches the prompt better?" with no prompt to match."""
    grouped = {}
    for item in items:
        prompt = prompts.get(item)
        grouped[item] = prompt_key(prompt) if prompt and prompt.strip() else alone(item)
    return grouped


def prompt_key(prompt: str) -> str:
    return " ".join(prompt.split())


def same_prompt(one: str, other: str) -> bool:
    """Whether two prompts are one: spacing and line breaks aside, as `by_prompt` groups."""
    return prompt_key(one) == prompt_key(other)
