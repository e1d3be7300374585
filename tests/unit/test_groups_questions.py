"""Groups ("compare within") and questions: pairs never cross a group, each group and each
question has its own ranking, and undo rows take back their own judge's answer."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import STRATEGIES, NothingToUndoError, Ranker, Vote
from ranker.groups import TOP_FOLDER, alone, by_folder, by_prompt

ITEMS = [f"{folder}/{n}.png" for folder in ("cats", "dogs", "owls") for n in range(5)] + [
    "lonely/only.png",
    "top.png",
]


def answer_randomly(ranker: Ranker, rng: random.Random, answers: int) -> list[tuple[str, str]]:
    asked = []
    for _ in range(answers):
        pair = ranker.next_pair()
        assert pair is not None
        asked.append(pair)
        left, right = pair
        ranker.vote(left, right) if rng.random() < 0.5 else ranker.vote(right, left)
    return asked


def test_by_folder_and_by_prompt() -> None:
    assert by_folder(["a/b/c.png", "d.png"]) == {"a/b/c.png": "a/b", "d.png": TOP_FOLDER}
    prompts = {"x.png": "a red  fox\n", "y.png": "a red fox", "z.png": "  "}
    assert by_prompt(["x.png", "y.png", "z.png", "w.png"], prompts) == {
        "x.png": "a red fox",
        "y.png": "a red fox",
        "z.png": alone("z.png"),
        "w.png": alone("w.png"),
    }


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_pairs_never_cross_groups_and_singletons_are_left_out(strategy: str) -> None:
    groups = by_folder(ITEMS)
    ranker = Ranker(ITEMS, strategy=strategy, seed=7, groups=groups)
    asked = answer_randomly(ranker, random.Random(1), 120)
    assert all(groups[a] == groups[b] for a, b in asked)
    shown = {item for pair in asked for item in pair}
    assert "lonely/only.png" not in shown and "top.png" not in shown
    assert {groups[item] for item in shown} == {"cats", "dogs", "owls"}
    assert ranker.groups["lonely"] == ["lonely/only.png"]


@settings(derandomize=True, max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32), sizes=st.lists(st.integers(1, 6), min_size=1, max_size=4))
def test_grouped_questions_stay_in_their_group(seed: int, sizes: list[int]) -> None:
    items = [f"g{g}/{n}" for g, size in enumerate(sizes) for n in range(size)]
    groups = by_folder(items)
    ranker = Ranker(items, seed=seed, groups=groups)
    if all(size < 2 for size in sizes):
        assert ranker.next_pair() is None
        return
    for left, right in answer_randomly(ranker, random.Random(seed), 30):
        assert groups[left] == groups[right]


def test_each_group_has_its_own_ranking_and_confidence() -> None:
    groups = by_folder(ITEMS)
    ranker = Ranker(ITEMS, seed=3, groups=groups)
    answer_randomly(ranker, random.Random(2), 60)
    for name, members in ranker.groups.items():
        ranking = ranker.ranking(name)
        assert sorted(ranking) == sorted(members)
        assert [s.rank for s in ranker.standings(name)] == list(range(1, len(members) + 1))
        assert 0.0 <= ranker.confidence(name) <= 1.0
    per_group = [ranker.confidence(name) for name in ("cats", "dogs", "owls")]
    assert min(per_group) <= ranker.confidence() <= max(per_group)


def test_a_groups_answers_to_go_counts_that_groups_answers_only() -> None:
    """Answers about cats say nothing of how far the dogs' ranking has to go; skips teach
    nothing either. The confidence is passed, so only the answers counted differ."""
    groups = by_folder(ITEMS)
    ranker = Ranker(ITEMS, seed=4, groups=groups)
    fresh = Ranker(ITEMS, seed=4, groups=groups)
    cats = [item for item in ITEMS if groups[item] == "cats"]
    for n in range(30):
        ranker.vote(cats[n % 5], cats[(n + 1) % 5])
    ranker.skip("dogs/0.png", "dogs/1.png")
    assert ranker.answers_to_go(0.9, "dogs", confidence=0.5) == fresh.answers_to_go(
        0.9, "dogs", confidence=0.5
    )
    assert ranker.answers_to_go(0.9, "cats", confidence=0.5) != fresh.answers_to_go(
        0.9, "cats", confidence=0.5
    )
    before = ranker.answers_to_go(0.9, confidence=0.5)
    ranker.skip("cats/0.png", "cats/2.png")
    assert ranker.answers_to_go(0.9, confidence=0.5) == before


def test_regrouping_keeps_every_answer() -> None:
    ranker = Ranker(ITEMS, seed=5)
    answer_randomly(ranker, random.Random(3), 20)
    before = ranker.standings()
    ranker.set_groups(by_folder(ITEMS))
    assert ranker.standings() == before
    ranker.set_groups(None)
    assert len(ranker.votes) == 20


def test_votes_carry_the_question_and_replay_by_question() -> None:
    items = ["a", "b", "c"]
    better = Ranker(items, seed=1)
    better.vote("a", "b")
    sharper = Ranker(items, seed=1, question="Which is sharper?")
    sharper.vote("b", "a")
    sharper.vote("b", "c")
    log = sorted(better.votes + sharper.votes, key=lambda vote: vote.time)
    assert better.votes[0].question == "Which image is better?"
    assert {vote.question for vote in sharper.votes} == {"Which is sharper?"}
    replayed = Ranker.from_votes(items, log, question="Which is sharper?")
    assert replayed.votes == sharper.votes
    assert replayed.ranking()[0] == "b"
    assert Ranker.from_votes(items, log).ranking()[-1] == "b"


def test_an_undo_row_takes_back_its_own_judges_latest_answer() -> None:
    items = ["a", "b", "c"]
    mine = Vote("2026-01-01T00:00:00.000Z", "a", "b", "left", "smart", "me")
    theirs = Vote("2026-01-01T00:00:01.000Z", "b", "c", "left", "smart", "bob")
    undo = Vote("2026-01-01T00:00:02.000Z", "a", "b", "undo", "smart", "me")
    replayed = Ranker.from_votes(items, [mine, theirs, undo])
    only_theirs = Ranker.from_votes(items, [theirs])
    assert replayed.standings() == only_theirs.standings()
    with pytest.raises(NothingToUndoError):
        replayed.undo()
    replayed.judge = "bob"
    assert replayed.undo() == theirs
