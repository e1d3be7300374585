"""The reference the speed benchmark compares with: the original app's online TrueSkill."""

import pytest
import trueskill

from ranker import NothingToUndoError
from ranker.reference import OnlineRanker


def test_each_answer_is_one_rate_1vs1_on_random_pairs() -> None:
    ranker = OnlineRanker(["a", "b", "c"], seed=1)
    left, right = ranker.next_pair()
    assert ranker.next_pair() == (left, right)
    ranker.vote(right, left)
    winner, loser = trueskill.rate_1vs1(trueskill.Rating(), trueskill.Rating())
    by_id = {s.id: s for s in ranker.standings()}
    assert by_id[right].mu == pytest.approx(winner.mu, abs=1e-6)
    assert by_id[left].sigma == pytest.approx(loser.sigma, abs=1e-6)
    assert (by_id[right].wins, by_id[left].losses) == (1, 1)


def test_undo_and_replay() -> None:
    ranker = OnlineRanker(list("abcd"), seed=2)
    for _ in range(6):
        ranker.vote(*ranker.next_pair())
    before = ranker.standings()
    pair = ranker.next_pair()
    ranker.draw(*pair)
    ranker.undo()
    assert ranker.standings() == before and ranker.next_pair() == pair
    replayed = OnlineRanker.from_votes(list("abcd"), ranker.votes, seed=2)
    assert replayed.standings() == before
    with pytest.raises(NothingToUndoError):
        OnlineRanker(["a", "b"]).undo()


def test_it_answers_every_call_the_page_makes_of_an_engine() -> None:
    """`?engine=reference` runs the whole page: answers counted, a skipped set, a best of k
    (pairs only, as the original app asked), the exports' standings, another tab's answers."""
    ranker = OnlineRanker(list("abcd"), seed=3)
    left, right = ranker.next_set(4)
    ranker.choose(right, (left, right))
    ranker.skip_set((left, right))
    assert ranker.answered == 1
    assert list(ranker.iter_standings()) == ranker.standings()
    elsewhere = OnlineRanker(list("abcd"), seed=4, judge="ben")
    elsewhere.vote("c", "d")
    ranker.take_in(elsewhere.votes)
    assert ranker.answered == 2 and ranker.votes[-1] == elsewhere.votes[0]


def test_it_removes_restores_and_holds_back_as_the_page_asks() -> None:
    ranker = OnlineRanker(list("abc"), seed=5)
    row = ranker.remove_item("a")
    assert (row.outcome, row.left, row.right) == ("remove", "a", "")
    assert (ranker.items, ranker.removed) == (["b", "c"], ["a"])
    assert ranker.undo() == row and ranker.removed == []
    ranker.remove_item("a")
    ranker.restore_item("a")
    assert ranker.removed == [] and ranker.answered == 0
    ranker.hold_back(["a"])
    assert ranker.next_pair() in (("b", "c"), ("c", "b"))
    replayed = OnlineRanker.from_votes(list("abc"), ranker.votes)
    assert replayed.removed == [] and replayed.items == list("abc")
