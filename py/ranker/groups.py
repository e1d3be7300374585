"""Groupings for "compare within": a comparison only means something between images made for
the same prompt, or kept in the same subfolder. Each returns the mapping `Ranker.set_groups`
takes, so the page offers exactly these choices."""

from collections.abc import Iterable, Mapping

NO_PROMPT = "(no prompt)"
TOP_FOLDER = "(top folder)"


def by_folder(items: Iterable[str]) -> dict[str, str]:
    """Each item's subfolder (the relative path without the file name)."""
    return {item: item.rpartition("/")[0] or TOP_FOLDER for item in items}


def by_prompt(items: Iterable[str], prompts: Mapping[str, str | None]) -> dict[str, str]:
    """Each item's prompt, whitespace-normalised so that a trailing newline does not split a
    group; items without a known prompt share one group."""
    grouped = {}
    for item in items:
        prompt = prompts.get(item)
        grouped[item] = " ".join(prompt.split()) if prompt and prompt.strip() else NO_PROMPT
    return grouped
