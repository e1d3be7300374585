"""The log is the source of truth: `Ranker.from_votes` replays a saved log to the standings the
session had, asks the question it would have asked, and keeps the answers about images gone
from the folder."""

import random

import pytest

from ranker import STRATEGIES, Ranker, RemovedItemError, Vote

from .sessions import answer, assert_same_standings, hidden_qualities, play

ITEMS = [f"img{i:02d}.png" for i in range(12)]


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_a_replayed_log_has_the_standings_of_the_session(strategy: str) -> None:
    live = Ranker(ITEMS, strategy=strategy, seed=1)
    play(live, random.Random(1), 60)
    replayed = Ranker.from_votes(ITEMS, live.votes, strategy=strategy, seed=1)
    assert replayed.votes == live.votes
    assert replayed.ranking() == live.ranking()
    assert_same_standings(replayed.standings(), live.standings())
    assert replayed.confidence() == pytest.approx(live.confidence(), abs=1e-6)


def test_a_log_of_several_strategies_replays_whatever_the_strategy_now() -> None:
    live = Ranker(ITEMS, strategy="elimination", seed=2)
    play(live, random.Random(2), 15)
    live.strategy = "random"
    play(live, random.Random(3), 15)
    live.strategy = "smart"
    play(live, random.Random(4), 15)
    assert {v.strategy for v in live.votes} == set(STRATEGIES)
    for strategy in STRATEGIES:
        replayed = Ranker.from_votes(ITEMS, live.votes, strategy=strategy, seed=2)
        assert replayed.strategy == strategy
        assert_same_standings(replayed.standings(), live.standings())


@pytest.mark.parametrize("strategy", ["random", "elimination"])
def test_a_replayed_session_asks_the_next_question_the_session_would_have(strategy: str) -> None:
    live = Ranker(ITEMS, strategy=strategy, seed=3)
    rng = random.Random(3)
    for _ in range(30):
        play(live, rng, 1)
        live.settle()
        replayed = Ranker.from_votes(ITEMS, live.votes, strategy=strategy, seed=3)
        assert replayed.next_pair() == live.next_pair()


def test_an_undone_answer_is_asked_again_after_a_replay() -> None:
    live = Ranker(ITEMS, seed=5)
    play(live, random.Random(5), 10)
    pair = live.next_pair()
    live.vote(*pair)
    live.undo()
    assert Ranker.from_votes(ITEMS, live.votes, seed=5).next_pair() == pair


def test_a_replayed_session_goes_on_as_the_session_does() -> None:
    live = Ranker(ITEMS, strategy="random", seed=6)
    play(live, random.Random(6), 30)
    replayed = Ranker.from_votes(ITEMS, live.votes, strategy="random", seed=6)
    rng = random.Random(7)
    quality = hidden_qualities(ITEMS, rng)
    answer(live, quality, random.Random(8), 20)
    answer(replayed, quality, random.Random(8), 20)
    assert [(v.left, v.right, v.outcome) for v in replayed.votes] == [
        (v.left, v.right, v.outcome) for v in live.votes
    ]
    assert_same_standings(replayed.standings(), live.standings())


def test_images_gone_from_the_folder_keep_their_answers_out_of_the_ranking() -> None:
    live = Ranker(["a", "b", "c"], seed=7)
    live.vote("b", "a")
    live.vote("c", "b")
    replayed = Ranker.from_votes(["a", "c", "new"], live.votes, seed=7)
    assert replayed.items == ["a", "c", "new"]
    assert replayed.ranking()[0] == "c" and replayed.ranking().index("a") > 0
    assert {s.id: s.comparisons for s in replayed.standings()} == {"a": 1, "c": 1, "new": 0}
    assert len(replayed.votes) == 2
    with pytest.raises(RemovedItemError):
        replayed.vote("b", "a")
    replayed.add(["b"])
    back = {s.id: (s.mu, s.sigma, s.wins, s.losses) for s in replayed.standings()}
    for s in live.standings():
        assert back[s.id] == pytest.approx((s.mu, s.sigma, s.wins, s.losses), abs=1e-6)


def test_an_undo_row_with_nothing_to_take_back_is_left_out() -> None:
    """A log cut or merged by hand may start with an undo row: the rest still replays."""
    live = Ranker(["a", "b", "c"], seed=8)
    live.vote("a", "b")
    live.draw("b", "c")
    stray = Vote("2025-01-01T00:00:00.000Z", "x", "y", "undo", "smart")
    replayed = Ranker.from_votes(["a", "b", "c"], [stray, *live.votes], seed=8)
    assert_same_standings(replayed.standings(), live.standings())


def test_a_rough_replay_settles_to_the_same_standings() -> None:
    live = Ranker(ITEMS, seed=9)
    play(live, random.Random(9), 40)
    rough = Ranker.from_votes(ITEMS, live.votes, seed=9, settled=False)
    assert rough.next_pair() is not None
    assert not rough.settle(1)
    while not rough.settle(1):
        pass
    assert_same_standings(rough.standings(), live.standings())


def test_settling_in_steps_reaches_the_whole_estimate() -> None:
    stepped, whole = Ranker(ITEMS, seed=10), Ranker(ITEMS, seed=10)
    play(stepped, random.Random(10), 40)
    play(whole, random.Random(10), 40)
    while not stepped.settle(1):
        pass
    assert_same_standings(stepped.standings(), whole.standings())


def test_answers_taken_in_from_another_tab_give_the_standings_of_the_merged_log() -> None:
    mine = Ranker(ITEMS, seed=5)
    theirs = Ranker(ITEMS, seed=6, judge="ben")
    play(mine, random.Random(5), 20)
    play(theirs, random.Random(6), 20)
    theirs.undo()
    gone = Vote("2026-01-01T00:00:00.000Z", "gone.png", ITEMS[0], "left", "smart", "ben")
    mine.take_in([*theirs.votes, gone])
    mine.settle()
    merged = Ranker.from_votes(ITEMS, mine.votes, seed=5)
    assert list(mine.votes[-len(theirs.votes) - 1 :]) == [*theirs.votes, gone]
    assert mine.answered == merged.answered > 20
    assert "gone.png" not in mine.ranking()
    assert_same_standings(mine.standings(), merged.standings())
