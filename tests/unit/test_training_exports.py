"""The two training exports load with the `datasets` library and hold exactly the answers in
force: every decisive pair, with its prompt, question and group."""

import random
from pathlib import Path

import pytest
from datasets import load_dataset

from ranker import Ranker
from ranker.formats import write_pick_a_pic, write_preferences
from ranker.groups import by_prompt

PROMPTS = {
    f"p{p}/img{i}.png": f"a {color} fox"
    for p, color in enumerate(("red", "blue"))
    for i in range(5)
}


def session() -> list:
    """Two questions, pairs and best of 4, draws, skips and an undo, grouped by prompt."""
    items = list(PROMPTS)
    groups = by_prompt(items, PROMPTS)
    rng = random.Random(3)
    votes = []
    for question in ("Which image is better?", "Which matches the prompt better?"):
        ranker = Ranker(items, seed=1, question=question, groups=groups)
        for n in range(24):
            if n % 6 == 5:
                shown = ranker.next_set(4)
                ranker.choose(rng.choice(shown), shown)
                continue
            left, right = ranker.next_pair()
            move = rng.random()
            if move < 0.5:
                ranker.vote(left, right)
            elif move < 0.7:
                ranker.vote(right, left)
            elif move < 0.85:
                ranker.draw(left, right)
            else:
                ranker.skip(left, right)
        ranker.undo()
        votes.extend(ranker.votes)
    return votes


def expected_pairs(votes) -> list[tuple]:
    """(chosen, rejected, tie, question) of every answer in force, from the log by hand."""
    kept = []
    for vote in votes:
        if vote.outcome == "undo":
            last = kept[-1]
            kept = [answer for answer in kept if answer[0].time != last[0].time]
        elif vote.set_kind and kept and kept[-1][0].time == vote.time:
            kept[-1].append(vote)
        else:
            kept.append([vote])
    pairs = []
    for answer in kept:
        for vote in answer:
            if vote.outcome == "skip":
                continue
            chosen, rejected = (
                (vote.right, vote.left) if vote.outcome == "right" else (vote.left, vote.right)
            )
            pairs.append((chosen, rejected, vote.outcome == "draw", vote.question))
    return pairs


@pytest.fixture(scope="module")
def votes() -> list:
    return session()


def load(path: Path, cache: Path):
    return load_dataset("json", data_files=str(path), split="train", cache_dir=str(cache))


def test_preferences_jsonl_loads_with_datasets(votes, tmp_path: Path) -> None:
    groups = by_prompt(list(PROMPTS), PROMPTS)
    path = tmp_path / "preferences.jsonl"
    path.write_text(write_preferences(votes, PROMPTS, groups), encoding="utf-8")
    data = load(path, tmp_path / "cache")
    rows = list(zip(data["chosen"], data["rejected"], data["tie"], data["question"], strict=True))
    assert rows == expected_pairs(votes)
    for prompt, chosen, rejected, chosen_prompt, rejected_prompt in zip(
        data["prompt"],
        data["chosen"],
        data["rejected"],
        data["chosen_prompt"],
        data["rejected_prompt"],
        strict=True,
    ):
        assert (chosen_prompt, rejected_prompt) == (PROMPTS[chosen], PROMPTS[rejected])
        assert prompt == (PROMPTS[chosen] if PROMPTS[chosen] == PROMPTS[rejected] else "")
    assert set(data["group"]) == {"a red fox", "a blue fox"}
    assert "best of 4" in set(data["set"])


def test_pick_a_pic_jsonl_loads_with_datasets(votes, tmp_path: Path) -> None:
    path = tmp_path / "pick-a-pic.jsonl"
    path.write_text(write_pick_a_pic(votes, PROMPTS), encoding="utf-8")
    data = load(path, tmp_path / "cache")
    pairs = []
    for image_0, image_1, label_0, label_1 in zip(
        data["image_0"], data["image_1"], data["label_0"], data["label_1"], strict=True
    ):
        assert label_0 + label_1 == 1.0
        chosen, rejected = (image_1, image_0) if label_0 == 0.0 else (image_0, image_1)
        pairs.append((chosen, rejected, label_0 == 0.5))
    assert pairs == [(c, r, tie) for c, r, tie, _ in expected_pairs(votes)]
    assert set(data["caption"]) == {"a red fox", "a blue fox"}
