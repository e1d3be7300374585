"""The engine's questions and answers, call by call: what `next_pair` asks, what `vote`, `draw`
and `skip` write to the log and the standings, and what `ranking` and `standings` read."""

import math
import random
import re
from statistics import NormalDist

import pytest

from ranker import STRATEGIES, Ranker, Vote
from ranker.model import MU, SIGMA

from .sessions import answer, hidden_qualities

ITEMS = [f"img{i:02d}.png" for i in range(12)]
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def by_id(ranker: Ranker) -> dict:
    return {s.id: s for s in ranker.standings()}


def test_fewer_than_two_items_have_no_question() -> None:
    assert Ranker([]).next_pair() is None
    assert Ranker([]).ranking() == []
    single = Ranker(["only.png"])
    assert single.next_pair() is None
    assert single.ranking() == ["only.png"]
    pair = Ranker(["a.png", "b.png"], seed=1)
    assert set(pair.next_pair()) == {"a.png", "b.png"}
    pair.remove(["b.png"])
    assert pair.next_pair() is None


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_next_pair_is_the_same_until_answered(strategy: str) -> None:
    ranker = Ranker(ITEMS, strategy=strategy, seed=1)
    rng = random.Random(1)
    for _ in range(30):
        pair = ranker.next_pair()
        assert ranker.next_pair() == pair
        assert ranker.next_pair() == pair
        left, right = pair
        assert left != right and {left, right} <= set(ITEMS)
        ranker.vote(left, right) if rng.random() < 0.5 else ranker.vote(right, left)


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
@pytest.mark.parametrize("n", [3, 5, 12])
def test_never_the_same_pair_twice_in_a_row(strategy: str, n: int) -> None:
    items = ITEMS[:n]
    ranker = Ranker(items, strategy=strategy, seed=n)
    rng = random.Random(n)
    previous: set[str] = set()
    for _ in range(40):
        pair = ranker.next_pair()
        assert set(pair) != previous
        previous = set(pair)
        if rng.random() < 0.2:
            ranker.draw(*pair)
        else:
            ranker.vote(*pair)


@pytest.mark.parametrize("strategy", ["smart", "elimination"])
@pytest.mark.parametrize("n", [12, 40])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_item_is_compared_in_the_first_round(strategy: str, n: int, seed: int) -> None:
    """No image goes unseen while others are asked about again: the first N/2 answers (and a
    couple more) show every image."""
    items = [f"{i}.png" for i in range(n)]
    ranker = Ranker(items, strategy=strategy, seed=seed)
    rng = random.Random(seed)
    quality = hidden_qualities(items, rng)
    seen: set[str] = set()
    for _ in range(math.ceil(n / 2) + 2):
        seen.update(ranker.next_pair())
        answer(ranker, quality, rng, 1)
    assert seen == set(items)


def test_left_and_right_are_randomised_per_pair() -> None:
    """Position bias control: which image is on the left is a coin flip per question."""
    firsts = [Ranker(["a.png", "b.png"], seed=seed).next_pair()[0] for seed in range(40)]
    assert 10 <= firsts.count("a.png") <= 30
    ranker = Ranker(ITEMS, seed=2)
    in_id_order = []
    for _ in range(40):
        left, right = ranker.next_pair()
        in_id_order.append(left < right)
        ranker.vote(min(left, right), max(left, right))
    assert 10 <= in_id_order.count(True) <= 30


def test_a_vote_is_logged_as_the_pair_was_shown() -> None:
    ranker = Ranker(ITEMS, seed=3, judge="ann")
    left, right = ranker.next_pair()
    vote = ranker.vote(right, left)
    assert isinstance(vote, Vote)
    assert (vote.left, vote.right, vote.outcome) == (left, right, "right")
    assert (vote.winner, vote.loser) == (right, left)
    assert (vote.strategy, vote.judge) == ("smart", "ann")
    assert ISO_UTC.match(vote.time)
    left, right = ranker.next_pair()
    vote = ranker.vote(left, right, time="2025-01-02T03:04:05.678Z")
    assert (vote.left, vote.right, vote.outcome) == (left, right, "left")
    assert (vote.winner, vote.loser) == (left, right)
    assert vote.time == "2025-01-02T03:04:05.678Z"


@pytest.mark.parametrize("kind", ["draw", "skip"])
def test_draw_and_skip_are_logged_as_shown_whatever_the_argument_order(kind: str) -> None:
    ranker = Ranker(ITEMS, seed=4)
    left, right = ranker.next_pair()
    row = getattr(ranker, kind)(right, left)
    assert (row.left, row.right, row.outcome) == (left, right, kind)
    assert row.winner is None and row.loser is None
    assert ranker.votes == (row,)


def test_answers_are_tallied_in_the_standings() -> None:
    ranker = Ranker(["a", "b", "c", "d"], seed=5)
    ranker.vote("a", "b")
    ranker.vote("a", "c")
    ranker.draw("b", "c")
    ranker.skip("a", "d")
    ranker.vote("c", "b")
    tallies = {s.id: (s.comparisons, s.wins, s.losses, s.draws) for s in ranker.standings()}
    assert tallies == {"a": (2, 2, 0, 0), "b": (3, 0, 2, 1), "c": (3, 1, 1, 1), "d": (0, 0, 0, 0)}
    assert [v.outcome for v in ranker.votes] == ["left", "left", "draw", "skip", "left"]


def test_skip_changes_no_rating() -> None:
    ranker = Ranker(ITEMS, seed=6)
    answer(ranker, hidden_qualities(ITEMS, random.Random(6)), random.Random(6), 10)
    before = ranker.standings()
    ranker.skip(*ranker.next_pair())
    assert ranker.standings() == before


@pytest.mark.parametrize("strategy", ["smart", "random"])
def test_a_skipped_pair_is_not_asked_right_away(strategy: str) -> None:
    """With three images and one pair skipped, the other two pairs take turns for a while."""
    ranker = Ranker(["a", "b", "c"], strategy=strategy, seed=7)
    skipped = set(ranker.next_pair())
    ranker.skip(*skipped)
    for _ in range(10):
        pair = ranker.next_pair()
        assert set(pair) != skipped
        ranker.vote(*pair)


def test_a_skipped_pair_is_asked_again_later() -> None:
    ranker = Ranker(["a", "b", "c"], seed=8)
    skipped = set(ranker.next_pair())
    ranker.skip(*skipped)
    asked = []
    for _ in range(40):
        pair = ranker.next_pair()
        asked.append(set(pair))
        ranker.vote(*pair)
    assert skipped in asked


def test_ranking_is_every_item_best_first() -> None:
    rng = random.Random(9)
    quality = hidden_qualities(ITEMS, rng)
    ranker = Ranker(ITEMS, seed=9)
    answer(ranker, quality, rng, 80)
    ranking = ranker.ranking()
    assert sorted(ranking) == sorted(ITEMS)
    truth = sorted(ITEMS, key=quality.__getitem__, reverse=True)
    assert ranking[0] in truth[:3] and ranking[-1] in truth[-3:]


def test_standings_hold_the_posterior_and_tallies_of_every_item() -> None:
    ranker = Ranker(ITEMS + ["unseen.png"], seed=10)
    for _ in range(30):
        left, right = ranker.next_pair()
        if "unseen.png" in (left, right):
            ranker.skip(left, right)
        else:
            ranker.vote(*sorted((left, right)))
    standings = ranker.standings()
    assert [s.rank for s in standings] == list(range(1, len(ITEMS) + 2))
    assert [s.id for s in standings] == ranker.ranking()
    assert all(a.mu >= b.mu - 1e-3 for a, b in zip(standings, standings[1:]))
    for s in standings:
        assert s.comparisons == s.wins + s.losses + s.draws
        assert s.score == pytest.approx(100.0 * NormalDist(MU, SIGMA).cdf(s.mu), abs=1e-9)
        assert 0.0 < s.score < 100.0
    unseen = by_id(ranker)["unseen.png"]
    assert unseen.comparisons == 0
    assert (unseen.mu, unseen.sigma, unseen.score) == pytest.approx((MU, SIGMA, 50.0), abs=1e-9)
    assert all(s.sigma < SIGMA for s in standings if s.comparisons)


def test_iter_standings_are_the_standings_as_they_were_when_asked() -> None:
    """A page writes rankings.csv a few rows at a time, with answers between: the rows must
    all be of one moment, not part before and part after an answer."""
    rng = random.Random(12)
    quality = hidden_qualities(ITEMS, rng)
    ranker = Ranker(ITEMS, seed=12)
    answer(ranker, quality, rng, 40)
    before = ranker.standings()
    rows = ranker.iter_standings()
    first = next(rows)
    answer(ranker, quality, rng, 20)
    assert [first, *rows] == before
    assert list(ranker.iter_standings()) == ranker.standings() != before


def test_votes_is_a_snapshot_of_the_log() -> None:
    ranker = Ranker(ITEMS, seed=11)
    first = ranker.vote(*ranker.next_pair())
    snapshot = ranker.votes
    assert isinstance(snapshot, tuple) and snapshot == (first,)
    second = ranker.draw(*ranker.next_pair())
    assert snapshot == (first,)
    assert ranker.votes == (first, second)


def test_answered_counts_each_answer_in_force_that_says_something_once() -> None:
    """What the page shows as "N answers given": a best of four is one answer though the log
    holds its three pairs; a skip says nothing; an undone answer is no longer given."""
    a, b, c, d, e, f = ITEMS[:6]
    ranker = Ranker(ITEMS[:6], seed=5)
    assert ranker.answered == 0
    ranker.vote(a, b)
    ranker.draw(c, d)
    assert ranker.answered == 2
    ranker.skip(e, f)
    assert ranker.answered == 2
    ranker.choose(c, [a, b, c, d])
    assert (ranker.answered, len(ranker.votes)) == (3, 6)
    ranker.choose(e, [e, f])  # best of two: a vote
    ranker.order([f, e, d])
    assert (ranker.answered, len(ranker.votes)) == (5, 10)
    expected_after_each_undo = [4, 3, 2, 2, 1, 0]  # order, pair, best of 4, skip, draw, vote
    for expected in expected_after_each_undo:
        ranker.undo()
        assert ranker.answered == expected
    ranker.choose(a, [a, b, c, d])
    ranker.skip(e, f)
    assert ranker.answered == 1
    assert Ranker.from_votes(ITEMS[:6], ranker.votes).answered == 1
