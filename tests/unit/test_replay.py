"""The log is the source of truth: any log replays to the same standings, in any order of its
answers, and the ranking is always a permutation of the items."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import NothingToUndoError, Ranker

ITEMS = ["a.png", "b.png", "c.png", "d.png", "e.png"]
ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["vote", "swap", "draw", "skip", "undo", "remove", "add"]),
        st.integers(0, 4),
    ),
    max_size=40,
)


def play(ranker: Ranker, actions: list[tuple[str, int]]) -> None:
    for action, which in actions:
        pair = ranker.next_pair()
        if action == "undo":
            try:
                ranker.undo()
            except NothingToUndoError:
                pass
        elif action == "remove" and len(ranker.items) > 2:
            ranker.remove([ranker.items[which % len(ranker.items)]])
        elif action == "add":
            ranker.add([ITEMS[which]])
        elif pair is not None and action == "vote":
            ranker.vote(*pair)
        elif pair is not None and action == "swap":
            ranker.vote(pair[1], pair[0])
        elif pair is not None and action == "draw":
            ranker.draw(*pair)
        elif pair is not None and action == "skip":
            ranker.skip(*pair)


def assert_same_standings(first: Ranker, second: Ranker) -> None:
    a, b = first.standings(), second.standings()
    assert [s.id for s in a] == [s.id for s in b]
    for x, y in zip(a, b, strict=True):
        assert (x.rank, x.comparisons, x.wins, x.losses, x.draws) == (
            y.rank,
            y.comparisons,
            y.wins,
            y.losses,
            y.draws,
        )
        assert x.mu == pytest.approx(y.mu, abs=1e-6)
        assert x.sigma == pytest.approx(y.sigma, abs=1e-6)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(actions=ACTIONS, seed=st.integers(0, 2**32))
def test_any_log_replays_to_the_same_standings(actions: list, seed: int) -> None:
    live = Ranker(ITEMS, seed=seed)
    play(live, actions)
    replayed = Ranker.from_votes(live.items, live.votes, seed=seed)
    assert replayed.votes == live.votes
    assert_same_standings(live, replayed)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(actions=ACTIONS, seed=st.integers(0, 2**32))
def test_ranking_is_a_permutation_of_the_items(actions: list, seed: int) -> None:
    ranker = Ranker(ITEMS, seed=seed)
    play(ranker, actions)
    assert sorted(ranker.ranking()) == sorted(ranker.items)
    assert len(ranker.standings()) == len(ranker.items)


def test_replay_keeps_images_gone_from_the_folder_out_of_the_ranking() -> None:
    live = Ranker(ITEMS, seed=1)
    for _ in range(20):
        live.vote(*live.next_pair())
    replayed = Ranker.from_votes(ITEMS[:3] + ["new.png"], live.votes, seed=1)
    assert sorted(replayed.ranking()) == sorted(ITEMS[:3] + ["new.png"])
    assert len(replayed.votes) == 20


def test_a_shuffled_log_gives_the_same_ranking() -> None:
    rng = random.Random(2)
    items = [f"{i}.png" for i in range(30)]
    quality = {item: rng.gauss(0, 1) for item in items}
    live = Ranker(items, strategy="random", seed=2)
    for _ in range(200):
        left, right = live.next_pair()
        if rng.random() < 0.8 == (quality[left] > quality[right]):
            live.vote(left, right)
        else:
            live.vote(right, left)
    votes = list(live.votes)
    for shuffle_seed in range(3):
        random.Random(shuffle_seed).shuffle(votes)
        assert_same_standings(live, Ranker.from_votes(items, votes, seed=2))


def test_a_rough_replay_settles_to_the_same_standings() -> None:
    live = Ranker(ITEMS, seed=3)
    for _ in range(40):
        live.vote(*live.next_pair())
    rough = Ranker.from_votes(ITEMS, live.votes, seed=3, settled=False)
    assert rough.next_pair() is not None
    assert not rough.settle(1)
    while not rough.settle(1):
        pass
    assert_same_standings(live, rough)
