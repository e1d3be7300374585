"""Preference data for reward-model training, from the answers still in force (an answer taken
back by an undo row is not a preference, nor is a skip).

preferences.jsonl: one JSON object per line, UTF-8, one per decisive pair the answers imply:
`chosen`, `rejected` (paths relative to the folder), `tie` (true for a draw: then chosen and
rejected are the left and right image as shown), `judge`, `timestamp` (ISO 8601 UTC),
`question`, and `set` ("best of 4" for the pairs one answer about several images implies,
which share judge and timestamp; "" for a pair answer). When the page knows prompts, `prompt`,
`chosen_prompt` and `rejected_prompt` are added, and `group` when it groups. Every line has the
same keys, so training code and the `datasets` library read one schema however long the file is.

`prompt` is the prompt both images share, and "" when they differ or either is unknown: a
pair captioned with one image's prompt teaches a reward model that the other image was made
for it. Each image's own is in `chosen_prompt` / `rejected_prompt` ("" when unknown).
"""

import json
from collections.abc import Iterable, Iterator, Mapping

from ..groups import same_prompt
from ..log import DRAW, LEFT, RIGHT, SKIP, Vote
from .in_force import answers_in_force

_JSON = json.JSONEncoder(ensure_ascii=False)
"""Made once: json.dumps(row, ensure_ascii=False) makes an encoder for every row."""


def preference_rows(
    votes: Iterable[Vote],
    prompts: Mapping[str, str | None] | None = None,
    groups: Mapping[str, str] | None = None,
) -> list[dict]:
    return list(_preferences(votes, prompts, groups))


def preference_lines(
    votes: Iterable[Vote],
    prompts: Mapping[str, str | None] | None = None,
    groups: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """preferences.jsonl a line at a time: at 50,000 answers the whole file takes a third of a
    second in Pyodide, which a page writes in slices between frames."""
    return (_JSON.encode(row) + "\n" for row in _preferences(votes, prompts, groups))


def write_preferences(
    votes: Iterable[Vote],
    prompts: Mapping[str, str | None] | None = None,
    groups: Mapping[str, str] | None = None,
) -> str:
    """The whole preferences.jsonl."""
    return "".join(preference_lines(votes, prompts, groups))


def pick_a_pic_rows(
    votes: Iterable[Vote], prompts: Mapping[str, str | None] | None = None
) -> list[dict]:
    """The pairwise image-preference layout Pick-a-Pic's training code reads: caption,
    image_0 / image_1 (left and right as shown, relative to the folder), label_0 / label_1
    (1 for the preferred image, 0.5 each for a draw), and `set` as in preferences.jsonl (the
    pairs one best-of-k answer implies say so, and share judge and timestamp).

    One caption per pair is the layout's premise, so only pairs whose images share a known
    prompt are written: the rest are in preferences.jsonl, with each image's own prompt."""
    return list(_pick_a_pic(votes, prompts or {}))


def pick_a_pic_lines(
    votes: Iterable[Vote], prompts: Mapping[str, str | None] | None = None
) -> Iterator[str]:
    """pick-a-pic.jsonl a line at a time (see `preference_lines`)."""
    return (_JSON.encode(row) + "\n" for row in _pick_a_pic(votes, prompts or {}))


def write_pick_a_pic(votes: Iterable[Vote], prompts: Mapping[str, str | None] | None = None) -> str:
    """The whole pick-a-pic.jsonl (see `pick_a_pic_rows`)."""
    return "".join(pick_a_pic_lines(votes, prompts))


def _preferences(
    votes: Iterable[Vote],
    prompts: Mapping[str, str | None] | None,
    groups: Mapping[str, str] | None,
) -> Iterator[dict]:
    for vote in _decisive(votes):
        chosen, rejected = (
            (vote.right, vote.left) if vote.outcome == RIGHT else (vote.left, vote.right)
        )
        row = {
            "chosen": chosen,
            "rejected": rejected,
            "tie": vote.outcome == DRAW,
            "judge": vote.judge,
            "timestamp": vote.time,
            "question": vote.question,
            "set": vote.set_kind,
        }
        if prompts is not None:
            row["prompt"] = _shared_prompt(vote, prompts)
            row["chosen_prompt"] = prompts.get(chosen) or ""
            row["rejected_prompt"] = prompts.get(rejected) or ""
        if groups is not None:
            row["group"] = groups.get(chosen, "")
        yield row


def _pick_a_pic(votes: Iterable[Vote], prompts: Mapping[str, str | None]) -> Iterator[dict]:
    for vote in _decisive(votes):
        caption = _shared_prompt(vote, prompts)
        if not caption:
            continue
        label_0 = {LEFT: 1.0, RIGHT: 0.0, DRAW: 0.5}[vote.outcome]
        yield {
            "caption": caption,
            "image_0": vote.left,
            "image_1": vote.right,
            "label_0": label_0,
            "label_1": 1.0 - label_0,
            "question": vote.question,
            "judge": vote.judge,
            "timestamp": vote.time,
            "set": vote.set_kind,
        }


def _decisive(votes: Iterable[Vote]) -> Iterator[Vote]:
    for answer in answers_in_force(votes):
        for vote in answer:
            if vote.outcome != SKIP:
                yield vote


def _shared_prompt(vote: Vote, prompts: Mapping[str, str | None]) -> str:
    """The pair's prompt if both images have the same one; spacing alone does not make two
    prompts differ (`ranker.groups.same_prompt`)."""
    left, right = prompts.get(vote.left), prompts.get(vote.right)
    return left if left and right and same_prompt(left, right) else ""
