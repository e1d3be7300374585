"""The engine's public surface, call by call: what each does to the questions, the log and the
standings, and which error each misuse raises."""

import random
import re

import pytest

from ranker import (
    STRATEGIES,
    InvalidVoteError,
    NothingToUndoError,
    Ranker,
    RankerError,
    RemovedItemError,
    UnknownItemError,
    UnknownStrategyError,
)

ITEMS = [f"img{i:02d}.png" for i in range(12)]
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def answer(ranker: Ranker, rng: random.Random, count: int) -> None:
    """A judge who prefers the lower-numbered image, usually."""
    for _ in range(count):
        left, right = ranker.next_pair()
        better, worse = sorted((left, right))
        if rng.random() < 0.1:
            better, worse = worse, better
        ranker.vote(better, worse)


def by_id(ranker: Ranker) -> dict:
    return {s.id: s for s in ranker.standings()}


def test_fewer_than_two_items_have_no_question() -> None:
    assert Ranker([]).next_pair() is None
    assert Ranker(["only.png"]).next_pair() is None
    assert Ranker(["only.png"]).ranking() == ["only.png"]


def test_next_pair_is_stable_until_answered_and_never_repeats_the_last_pair() -> None:
    ranker = Ranker(ITEMS, seed=1)
    rng = random.Random(0)
    previous = None
    for _ in range(60):
        pair = ranker.next_pair()
        assert pair == ranker.next_pair()
        assert pair[0] != pair[1] and set(pair) <= set(ITEMS)
        if previous is not None:
            assert set(pair) != set(previous)
        previous = pair
        ranker.vote(*pair) if rng.random() < 0.5 else ranker.vote(pair[1], pair[0])


@pytest.mark.parametrize("strategy", ["smart", "elimination"])
def test_every_item_is_compared_early(strategy: str) -> None:
    items = [f"{i}.png" for i in range(40)]
    ranker = Ranker(items, strategy=strategy, seed=3)
    seen = set()
    for _ in range(len(items) // 2 + 5):
        pair = ranker.next_pair()
        seen.update(pair)
        ranker.vote(*pair)
    assert seen == set(items)


def test_left_right_is_randomised_per_pair() -> None:
    firsts = set()
    for seed in range(20):
        left, right = Ranker(["a.png", "b.png"], seed=seed).next_pair()
        firsts.add(left)
    assert firsts == {"a.png", "b.png"}


def test_vote_draw_skip_are_logged_as_shown_and_counted() -> None:
    ranker = Ranker(ITEMS, seed=2, judge="ann")
    left, right = ranker.next_pair()
    vote = ranker.vote(right, left)
    assert (vote.left, vote.right, vote.outcome) == (left, right, "right")
    assert (vote.winner, vote.loser) == (right, left)
    assert vote.strategy == "smart" and vote.judge == "ann" and ISO_UTC.match(vote.time)
    left2, right2 = ranker.next_pair()
    draw = ranker.draw(right2, left2)
    assert (draw.left, draw.right, draw.outcome) == (left2, right2, "draw")
    standings = by_id(ranker)
    assert (standings[right].wins, standings[left].losses) == (1, 1)
    assert standings[left2].draws == standings[right2].draws == 1
    assert standings[right].comparisons == 1 + (right in (left2, right2))
    before = ranker.standings()
    left3, right3 = ranker.next_pair()
    skip = ranker.skip(left3, right3)
    assert skip.outcome == "skip"
    assert ranker.standings() == before
    assert set(ranker.next_pair()) != {left3, right3}
    assert [v.outcome for v in ranker.votes] == ["right", "draw", "skip"]


def test_a_skipped_pair_comes_back_later() -> None:
    ranker = Ranker(["a", "b", "c"], seed=4)
    pair = ranker.next_pair()
    ranker.skip(*pair)
    asked = []
    for _ in range(40):
        asked.append(frozenset(ranker.next_pair()))
        ranker.vote(*ranker.next_pair())
    assert frozenset(pair) in asked


def test_undo_restores_standings_and_asks_the_pair_again() -> None:
    ranker = Ranker(ITEMS, seed=5)
    answer(ranker, random.Random(1), 15)
    before = ranker.standings()
    pair = ranker.next_pair()
    ranker.vote(*pair)
    taken_back = ranker.undo()
    assert {taken_back.left, taken_back.right} == set(pair)
    assert ranker.votes[-1].outcome == "undo"
    assert ranker.next_pair() == pair
    after = ranker.standings()
    assert [s.id for s in after] == [s.id for s in before]
    for old, new in zip(before, after, strict=True):
        assert new.mu == pytest.approx(old.mu, abs=1e-6)
        assert new.sigma == pytest.approx(old.sigma, abs=1e-6)
        assert (new.wins, new.losses, new.draws) == (old.wins, old.losses, old.draws)


def test_undo_repeatedly_then_nothing_left() -> None:
    ranker = Ranker(["a", "b", "c"], seed=6)
    ranker.draw(*ranker.next_pair())
    ranker.skip(*ranker.next_pair())
    assert ranker.undo().outcome == "skip"
    assert ranker.undo().outcome == "draw"
    with pytest.raises(NothingToUndoError):
        ranker.undo()
    assert all(s.comparisons == 0 for s in ranker.standings())
    assert [v.outcome for v in ranker.votes] == ["draw", "skip", "undo", "undo"]


def test_ranking_is_every_item_best_first() -> None:
    ranker = Ranker(ITEMS, seed=7)
    answer(ranker, random.Random(2), 80)
    ranking = ranker.ranking()
    assert sorted(ranking) == sorted(ITEMS)
    standings = ranker.standings()
    assert [s.rank for s in standings] == list(range(1, len(ITEMS) + 1))
    assert [s.id for s in standings] == ranking
    assert all(a.mu >= b.mu - 1e-9 for a, b in zip(standings, standings[1:]))
    assert all(0.0 < s.score < 100.0 and s.sigma > 0 for s in standings)
    assert ranking[0] in ITEMS[:3] and ranking[-1] in ITEMS[-3:]


def test_add_and_remove_keep_history() -> None:
    ranker = Ranker(["a", "b", "c"], seed=8)
    ranker.vote("a", "b")
    ranker.vote("b", "c")
    ranker.remove(["b"])
    assert ranker.items == ["a", "c"] and "b" not in ranker.ranking()
    assert ranker.ranking() == ["a", "c"]  # a > b > c still says a > c
    for _ in range(5):
        assert "b" not in ranker.next_pair()
        ranker.vote("a", "c")
    with pytest.raises(RemovedItemError):
        ranker.vote("a", "b")
    ranker.add(["b", "d"])
    assert set(ranker.ranking()) == {"a", "b", "c", "d"}
    assert by_id(ranker)["b"].comparisons == 2
    assert len(ranker.votes) == 7


def test_switching_strategy_keeps_log_and_ratings() -> None:
    ranker = Ranker(ITEMS, strategy="elimination", seed=9)
    answer(ranker, random.Random(3), 10)
    before = ranker.standings()
    ranker.strategy = "smart"
    assert ranker.standings() == before
    answer(ranker, random.Random(4), 5)
    assert [v.strategy for v in ranker.votes] == ["elimination"] * 10 + ["smart"] * 5
    with pytest.raises(UnknownStrategyError):
        ranker.strategy = "bubble"
    with pytest.raises(UnknownStrategyError):
        Ranker(ITEMS, strategy="bubble")
    assert set(STRATEGIES) == {"smart", "random", "elimination"}


def test_misuse_raises_the_packages_errors() -> None:
    ranker = Ranker(["a", "b"], seed=10)
    with pytest.raises(UnknownItemError) as unknown:
        ranker.vote("a", "nope")
    assert isinstance(unknown.value, RankerError)
    with pytest.raises(InvalidVoteError):
        ranker.vote("a", "a")
    with pytest.raises(InvalidVoteError):
        Ranker([1, 2])
    with pytest.raises(UnknownItemError):
        ranker.draw("a", None)
    for error in (UnknownItemError, RemovedItemError, InvalidVoteError, NothingToUndoError):
        assert issubclass(error, RankerError)


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_same_seed_and_answers_ask_the_same_questions(strategy: str) -> None:
    first = Ranker(ITEMS, strategy=strategy, seed=11)
    second = Ranker(ITEMS, strategy=strategy, seed=11)
    answer(first, random.Random(5), 40)
    answer(second, random.Random(5), 40)
    assert [(v.left, v.right, v.outcome) for v in first.votes] == [
        (v.left, v.right, v.outcome) for v in second.votes
    ]
    other = Ranker(ITEMS, strategy=strategy, seed=12)
    answer(other, random.Random(5), 40)
    assert [(v.left, v.right) for v in other.votes] != [(v.left, v.right) for v in first.votes]


def test_confidence_grows_with_answers() -> None:
    ranker = Ranker(ITEMS, seed=13)
    start = ranker.confidence()
    answer(ranker, random.Random(6), 30)
    middle = ranker.confidence()
    answer(ranker, random.Random(7), 120)
    end = ranker.confidence()
    assert 0.0 <= start < middle < end <= 1.0
    assert ranker.answers_to_go(0.9) >= 0
    assert ranker.answers_to_go(end - 0.01) == 0


def test_settle_in_steps_reaches_the_full_estimate() -> None:
    stepped, whole = Ranker(ITEMS, seed=14), Ranker(ITEMS, seed=14)
    answer(stepped, random.Random(8), 40)
    answer(whole, random.Random(8), 40)
    while not stepped.settle(1):
        pass
    assert [s.mu for s in stepped.standings()] == pytest.approx(
        [s.mu for s in whole.standings()], abs=1e-6
    )
