"""The folder changes under the ranker: `remove` takes images out of the ranking and the
questions but keeps their answers, which go on informing the others; `add` brings new
images in, or brings removed ones back with their history."""

import random
from dataclasses import replace

import pytest

from ranker import STRATEGIES, Ranker
from ranker.model import MU, SIGMA

from .sessions import answer, hidden_qualities

ITEMS = [f"img{i:02d}.png" for i in range(12)]


def played(seed: int, strategy: str = "smart", answers: int = 30) -> Ranker:
    rng = random.Random(seed)
    ranker = Ranker(ITEMS, strategy=strategy, seed=seed)
    answer(ranker, hidden_qualities(ITEMS, rng), rng, answers)
    return ranker


def test_a_removed_item_leaves_the_ranking_and_the_standings() -> None:
    ranker = played(seed=1)
    gone = ranker.ranking()[3]
    ranker.remove([gone])
    assert gone not in ranker.items
    assert sorted(ranker.ranking()) == sorted(set(ITEMS) - {gone})
    assert gone not in {s.id for s in ranker.standings()}
    assert [s.rank for s in ranker.standings()] == list(range(1, len(ITEMS)))


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_a_removed_item_is_not_asked_about(strategy: str) -> None:
    ranker = played(seed=2, strategy=strategy, answers=5)
    offered = ranker.next_pair()
    ranker.remove([offered[0]])
    for _ in range(40):
        pair = ranker.next_pair()
        assert offered[0] not in pair
        ranker.vote(*pair)


def test_removing_keeps_the_log_and_every_other_rating() -> None:
    """Removal changes what is shown, not what is known: the answers about the removed image
    stay in the estimate."""
    ranker = played(seed=3)
    before = {s.id: s for s in ranker.standings()}
    order, votes = ranker.ranking(), ranker.votes
    gone = order[5]
    ranker.remove([gone])
    assert ranker.votes == votes
    assert ranker.ranking() == [item for item in order if item != gone]
    for s in ranker.standings():
        assert replace(s, rank=before[s.id].rank) == before[s.id]


def test_a_removed_items_answers_still_order_the_others() -> None:
    ranker = Ranker(["a", "b", "c"], seed=4)
    ranker.vote("b", "a")
    ranker.vote("c", "b")
    ranker.remove(["b"])
    assert ranker.ranking() == ["c", "a"]
    c, a = ranker.standings()
    assert c.mu > MU > a.mu
    assert (c.comparisons, a.comparisons) == (1, 1)


def test_re_adding_an_item_restores_it_with_its_history() -> None:
    ranker = played(seed=5)
    kept = ranker.ranking()[2]
    before = {s.id: s for s in ranker.standings()}[kept]
    ranker.remove([kept])
    answer(ranker, hidden_qualities(ITEMS, random.Random(0)), random.Random(0), 10)
    ranker.add([kept])
    assert kept in ranker.items and kept in ranker.ranking()
    again = {s.id: s for s in ranker.standings()}[kept]
    assert (again.comparisons, again.wins, again.losses, again.draws) == (
        before.comparisons,
        before.wins,
        before.losses,
        before.draws,
    )
    assert again.sigma <= before.sigma
    asked = set()
    for _ in range(40):
        pair = ranker.next_pair()
        asked.update(pair)
        ranker.vote(*pair)
    assert kept in asked


def test_a_new_item_joins_unrated_and_smart_asks_about_it_first() -> None:
    ranker = played(seed=6)
    ranker.add(["new.png"])
    new = {s.id: s for s in ranker.standings()}["new.png"]
    assert new.comparisons == 0
    assert (new.mu, new.sigma) == pytest.approx((MU, SIGMA), abs=1e-9)
    assert "new.png" in ranker.next_pair()


def test_adding_an_item_already_there_changes_nothing() -> None:
    ranker = played(seed=7, answers=10)
    standings, votes = ranker.standings(), ranker.votes
    ranker.add(ITEMS[:3])
    assert ranker.items == ITEMS
    assert ranker.standings() == standings and ranker.votes == votes


def test_an_answer_about_an_item_removed_since_can_still_be_undone() -> None:
    ranker = Ranker(["a", "b", "c"], seed=8)
    given = ranker.vote("a", "b")
    ranker.remove(["b"])
    assert ranker.undo() == given
    assert ranker.items == ["a", "c"]
    assert "b" not in ranker.next_pair()
    assert all(s.comparisons == 0 for s in ranker.standings())
