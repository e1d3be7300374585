"""Preference data for reward-model training, from the answers still in force.

preferences.jsonl: one JSON object per decisive pair the answers imply:
`{"chosen", "rejected", "judge", "timestamp", "question"}`, plus `"tie": true` for draws
(chosen/rejected are then left/right as shown), `"set": "best of 4"` for the pairs implied by
one answer about several images (they share judge and timestamp), and `"prompt"`/`"group"`
when known. Answers taken back by an undo row, and skips, are not preferences.
"""

import json
from collections.abc import Iterable, Mapping

from ..log import DRAW, LEFT, RIGHT, SKIP, UNDO, Vote, answers


def answers_in_force(votes: Iterable[Vote]) -> list[tuple[Vote, ...]]:
    """The answers no undo row took back, oldest first. An undo row takes back the latest
    answer in force of the same judge and question, as the engine replays it."""
    kept: list[tuple[Vote, ...] | None] = []
    for answer in answers(votes):
        first = answer[0]
        if first.outcome != UNDO:
            kept.append(answer)
            continue
        for index in range(len(kept) - 1, -1, -1):
            taken = kept[index]
            if taken and (taken[0].judge, taken[0].question) == (first.judge, first.question):
                kept[index] = None
                break
    return [answer for answer in kept if answer]


def preference_rows(
    votes: Iterable[Vote],
    prompts: Mapping[str, str | None] | None = None,
    groups: Mapping[str, str] | None = None,
) -> list[dict]:
    rows = []
    for answer in answers_in_force(votes):
        for vote in answer:
            if vote.outcome == SKIP:
                continue
            chosen, rejected = (
                (vote.right, vote.left) if vote.outcome == RIGHT else (vote.left, vote.right)
            )
            row = {
                "chosen": chosen,
                "rejected": rejected,
                "judge": vote.judge,
                "timestamp": vote.time,
                "question": vote.question,
            }
            if vote.outcome == DRAW:
                row["tie"] = True
            if vote.set_kind:
                row["set"] = vote.set_kind
            if prompts is not None:
                row["prompt"] = prompts.get(chosen) or prompts.get(rejected) or ""
            if groups is not None:
                row["group"] = groups.get(chosen, "")
            rows.append(row)
    return rows


def write_preferences(votes: Iterable[Vote], **context) -> str:
    return "".join(
        json.dumps(row, ensure_ascii=False) + "\n" for row in preference_rows(votes, **context)
    )


def pick_a_pic_rows(
    votes: Iterable[Vote], prompts: Mapping[str, str | None] | None = None
) -> list[dict]:
    """Pairwise image-preference layout (as Pick-a-Pic's): caption, image_0, image_1 (paths
    relative to the folder, as shown left and right), label_0/label_1 (1 for the preferred
    image, 0.5 each for a tie)."""
    rows = []
    for row, vote in _with_votes(votes, prompts):
        label_0 = 0.5 if row.get("tie") else (1.0 if vote.outcome == LEFT else 0.0)
        rows.append(
            {
                "caption": row.get("prompt", ""),
                "image_0": vote.left,
                "image_1": vote.right,
                "label_0": label_0,
                "label_1": 1.0 - label_0,
                "question": vote.question,
                "judge": vote.judge,
                "timestamp": vote.time,
            }
        )
    return rows


def _with_votes(votes: Iterable[Vote], prompts: Mapping[str, str | None] | None):
    for answer in answers_in_force(votes):
        for vote in answer:
            if vote.outcome != SKIP:
                yield preference_rows([vote], prompts)[0], vote
