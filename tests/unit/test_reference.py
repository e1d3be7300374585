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
