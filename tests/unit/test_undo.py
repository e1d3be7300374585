"""`undo` takes back the last answer exactly: the standings are as if it had never been given,
the log keeps both the answer and an "undo" row, and the question is asked again.

"Exactly" is to the precision the joint estimate is settled to (passes stop once nothing
moves by 1e-9 prior sigmas, about 1e-8 in mu): an estimate settled from a different starting
point lands within a few 1e-9 of the same fixed point, so posteriors are compared to 1e-7."""

import random

import pytest

from ranker import STRATEGIES, NothingToUndoError, Ranker, RankerError
from ranker.model import MU, SIGMA

from .sessions import answer, assert_same_standings, hidden_qualities

ITEMS = [f"img{i:02d}.png" for i in range(12)]
SETTLED = 1e-7


def played(seed: int, answers: int = 15, strategy: str = "smart") -> Ranker:
    rng = random.Random(seed)
    ranker = Ranker(ITEMS, strategy=strategy, seed=seed)
    answer(ranker, hidden_qualities(ITEMS, rng), rng, answers)
    return ranker


@pytest.mark.parametrize("kind", ["vote", "swapped vote", "draw", "skip"])
def test_undo_restores_the_standings_as_before_the_answer(kind: str) -> None:
    ranker = played(seed=1)
    before = ranker.standings()
    left, right = ranker.next_pair()
    given = {
        "vote": lambda: ranker.vote(left, right),
        "swapped vote": lambda: ranker.vote(right, left),
        "draw": lambda: ranker.draw(left, right),
        "skip": lambda: ranker.skip(left, right),
    }[kind]()
    ranker.standings()
    taken_back = ranker.undo()
    assert taken_back == given
    assert_same_standings(ranker.standings(), before, SETTLED)


def test_undo_logs_an_undo_row_for_the_answer_taken_back() -> None:
    ranker = played(seed=2, answers=5)
    left, right = ranker.next_pair()
    ranker.vote(right, left)
    row = ranker.undo(time="2025-01-02T03:04:05.678Z")
    log = ranker.votes
    assert len(log) == 7
    assert (log[-2].left, log[-2].right, log[-2].outcome) == (left, right, "right")
    undo_row = log[-1]
    assert (undo_row.left, undo_row.right, undo_row.outcome) == (left, right, "undo")
    assert undo_row.time == "2025-01-02T03:04:05.678Z"
    assert (undo_row.strategy, undo_row.judge) == ("smart", "me")
    assert row == log[-2]


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_the_pair_taken_back_is_asked_again_next(strategy: str) -> None:
    ranker = played(seed=3, strategy=strategy)
    pair = ranker.next_pair()
    ranker.draw(*pair)
    assert ranker.next_pair() != pair
    ranker.undo()
    assert ranker.next_pair() == pair
    assert ranker.next_pair() == pair


def test_undo_repeatedly_takes_back_answer_after_answer_down_to_nothing() -> None:
    ranker = Ranker(["a", "b", "c", "d"], seed=4)
    answers = [
        lambda pair: ranker.vote(*pair),
        lambda pair: ranker.draw(*pair),
        lambda pair: ranker.skip(*pair),
        lambda pair: ranker.vote(pair[1], pair[0]),
    ]
    before, given = [], []
    for give in answers:
        before.append(ranker.standings())
        given.append(give(ranker.next_pair()))
    for expected, standings in zip(reversed(given), reversed(before)):
        assert ranker.undo() == expected
        assert_same_standings(ranker.standings(), standings, SETTLED)
    with pytest.raises(NothingToUndoError):
        ranker.undo()
    assert [v.outcome for v in ranker.votes[4:]] == ["undo"] * 4
    for s in ranker.standings():
        assert (s.comparisons, s.wins, s.losses, s.draws) == (0, 0, 0, 0)
        assert (s.mu, s.sigma) == pytest.approx((MU, SIGMA), abs=SETTLED)


def test_undo_with_nothing_to_take_back_raises_and_logs_nothing() -> None:
    ranker = Ranker(["a", "b"], seed=5)
    with pytest.raises(NothingToUndoError) as raised:
        ranker.undo()
    assert isinstance(raised.value, RankerError)
    assert ranker.votes == ()
    ranker.vote("a", "b")
    ranker.undo()
    with pytest.raises(NothingToUndoError):
        ranker.undo()
    assert len(ranker.votes) == 2


def test_an_answer_undone_and_given_again_differently_counts_once() -> None:
    """Changing one's mind leaves the standings of a session that only had the second
    answer."""
    changed = played(seed=6)
    direct = played(seed=6)
    left, right = changed.next_pair()
    changed.vote(left, right)
    changed.undo()
    assert changed.next_pair() == (left, right)
    changed.vote(right, left)
    assert direct.next_pair() == (left, right)
    direct.vote(right, left)
    assert_same_standings(changed.standings(), direct.standings(), SETTLED)
    assert [v.outcome for v in changed.votes[-3:]] == ["left", "undo", "right"]
