"""Properties that hold for any session, whatever the person does: any log replays to the same
standings, the tallies are those the log says, and the ranking is a permutation of the items
in it, through answers, undos, strategy switches and folder changes."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import STRATEGIES, Ranker, Vote

from .sessions import assert_same_standings

ITEMS = ["a.png", "b.png", "c.png", "d.png", "e.png", "f.png"]
ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["vote", "swap", "draw", "skip", "undo", "remove", "add", "strategy", "unasked"]
        ),
        st.integers(0, len(ITEMS) - 1),
        st.integers(0, len(ITEMS) - 1),
    ),
    min_size=10,
    max_size=60,
)
SESSIONS = {"actions": ACTIONS, "seed": st.integers(0, 2**32)}
ANSWER_CALLS = {
    "vote": ("vote", (0, 1)),
    "swap": ("vote", (1, 0)),
    "draw": ("draw", (0, 1)),
    "skip": ("skip", (0, 1)),
}
PROPERTY = settings(derandomize=True, max_examples=50, deadline=None)


def play(ranker: Ranker, actions: list[tuple[str, int, int]]) -> None:
    """Applies the actions in turn; those that make no sense at that point are passed over,
    as a page would not offer them."""
    in_force = 0
    for action, which, other in actions:
        pair = ranker.next_pair()
        if action == "undo" and in_force:
            ranker.undo()
            in_force -= 1
        elif action == "remove" and len(ranker.items) > 2:
            ranker.remove([ranker.items[which % len(ranker.items)]])
        elif action == "add":
            ranker.add([ITEMS[which]])
        elif action == "strategy":
            ranker.strategy = sorted(STRATEGIES)[which % len(STRATEGIES)]
        elif action == "unasked":
            active = ranker.items
            first, second = active[which % len(active)], active[other % len(active)]
            if first != second:
                ranker.vote(first, second)
                in_force += 1
        elif pair is not None and action in ("vote", "swap", "draw", "skip"):
            call, order = ANSWER_CALLS[action]
            getattr(ranker, call)(*(pair[i] for i in order))
            in_force += 1


def tallies_from_log(votes: tuple[Vote, ...]) -> dict[str, tuple[int, int, int, int]]:
    """(comparisons, wins, losses, draws) of every item named in the log, counted from the
    answers in force: an undo row takes back the latest answer not taken back yet."""
    in_force: list[Vote] = []
    for vote in votes:
        if vote.outcome == "undo":
            in_force.pop()
        else:
            in_force.append(vote)
    wins, losses, draws = Counter(), Counter(), Counter()
    for vote in in_force:
        if vote.outcome == "draw":
            draws.update((vote.left, vote.right))
        elif vote.outcome != "skip":
            wins[vote.winner] += 1
            losses[vote.loser] += 1
    return {
        item: (wins[item] + losses[item] + draws[item], wins[item], losses[item], draws[item])
        for item in ITEMS
    }


@PROPERTY
@given(**SESSIONS)
def test_any_log_replays_to_the_same_standings(actions: list, seed: int) -> None:
    live = Ranker(ITEMS, seed=seed)
    play(live, actions)
    replayed = Ranker.from_votes(live.items, live.votes, strategy=live.strategy, seed=seed)
    assert replayed.votes == live.votes
    assert replayed.items == [item for item in ITEMS if item in live.items]
    assert replayed.ranking() == live.ranking()
    assert_same_standings(replayed.standings(), live.standings())


@PROPERTY
@given(**SESSIONS)
def test_the_standings_count_the_answers_in_force(actions: list, seed: int) -> None:
    ranker = Ranker(ITEMS, seed=seed)
    play(ranker, actions)
    expected = tallies_from_log(ranker.votes)
    for s in ranker.standings():
        assert (s.comparisons, s.wins, s.losses, s.draws) == expected[s.id]


@PROPERTY
@given(**SESSIONS)
def test_ranking_is_a_permutation_of_the_items(actions: list, seed: int) -> None:
    ranker = Ranker(ITEMS, seed=seed)
    play(ranker, actions)
    ranking = ranker.ranking()
    assert sorted(ranking) == sorted(ranker.items)
    assert len(set(ranking)) == len(ranking)
    standings = ranker.standings()
    assert [s.id for s in standings] == ranking
    assert [s.rank for s in standings] == list(range(1, len(ranking) + 1))
    pair = ranker.next_pair()
    assert pair is None or (pair[0] != pair[1] and set(pair) <= set(ranker.items))


@pytest.mark.parametrize("removed", [["a.png"], ["a.png", "c.png", "e.png"], ITEMS[1:]])
def test_ranking_stays_a_permutation_when_items_leave_and_come_back(removed: list) -> None:
    ranker = Ranker(ITEMS, seed=1)
    play(ranker, [("vote", 0, 0)] * 10)
    ranker.remove(removed)
    assert sorted(ranker.ranking()) == sorted(set(ITEMS) - set(removed))
    ranker.add(removed + ["g.png"])
    assert sorted(ranker.ranking()) == sorted(ITEMS + ["g.png"])
