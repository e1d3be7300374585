"""Preference data for reward-model training, from the answers still in force (an answer taken
back by an undo row is not a preference, nor is a skip).

preferences.jsonl: one JSON object per line, UTF-8, one per decisive pair the answers imply:
`chosen`, `rejected` (paths relative to the folder), `tie` (true for a draw: then chosen and
rejected are the left and right image as shown), `judge`, `timestamp` (ISO 8601 UTC),
`question`, and `set` ("best of 4" for the pairs one answer about several images implies,
which share judge and timestamp; "" for a pair answer). `prompt` and `group` are added when
the page knows them. Every line has the same keys, so training code and the `datasets`
library read one schema however long the file is.
"""

import json
from collections.abc import Iterable, Iterator, Mapping

from ..log import DRAW, LEFT, RIGHT, SKIP, Vote
from .in_force import answers_in_force


def preference_rows(
    votes: Iterable[Vote],
    prompts: Mapping[str, str | None] | None = None,
    groups: Mapping[str, str] | None = None,
) -> list[dict]:
    rows = []
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
            row["prompt"] = _prompt(vote, prompts)
        if groups is not None:
            row["group"] = groups.get(chosen, "")
        rows.append(row)
    return rows


def write_preferences(
    votes: Iterable[Vote],
    prompts: Mapping[str, str | None] | None = None,
    groups: Mapping[str, str] | None = None,
) -> str:
    """The whole preferences.jsonl."""
    return "".join(
        json.dumps(row, ensure_ascii=False) + "\n"
        for row in preference_rows(votes, prompts, groups)
    )


def write_pick_a_pic(votes: Iterable[Vote], prompts: Mapping[str, str | None] | None = None) -> str:
    """The whole pick-a-pic.jsonl (see `pick_a_pic_rows`)."""
    return "".join(
        json.dumps(row, ensure_ascii=False) + "\n" for row in pick_a_pic_rows(votes, prompts)
    )


def pick_a_pic_rows(
    votes: Iterable[Vote], prompts: Mapping[str, str | None] | None = None
) -> list[dict]:
    """The pairwise image-preference layout Pick-a-Pic's training code reads: caption,
    image_0 / image_1 (left and right as shown, relative to the folder), label_0 / label_1
    (1 for the preferred image, 0.5 each for a draw), and `set` as in preferences.jsonl (the
    pairs one best-of-k answer implies say so, and share judge and timestamp)."""
    rows = []
    for vote in _decisive(votes):
        label_0 = {LEFT: 1.0, RIGHT: 0.0, DRAW: 0.5}[vote.outcome]
        rows.append(
            {
                "caption": _prompt(vote, prompts or {}),
                "image_0": vote.left,
                "image_1": vote.right,
                "label_0": label_0,
                "label_1": 1.0 - label_0,
                "question": vote.question,
                "judge": vote.judge,
                "timestamp": vote.time,
                "set": vote.set_kind,
            }
        )
    return rows


def _decisive(votes: Iterable[Vote]) -> Iterator[Vote]:
    for answer in answers_in_force(votes):
        for vote in answer:
            if vote.outcome != SKIP:
                yield vote


def _prompt(vote: Vote, prompts: Mapping[str, str | None]) -> str:
    return prompts.get(vote.left) or prompts.get(vote.right) or ""
