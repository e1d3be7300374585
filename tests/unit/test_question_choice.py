"""Questions that must not come back too soon, nor change under the person's eyes."""

from itertools import combinations
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranker import Ranker
from ranker.strategies.base import Beliefs
from ranker.strategies.smart import (
    Smart,
    information_gain,
    information_gain_bound,
    question_value,
)


def test_elimination_does_not_ask_a_skipped_pair_again_at_once() -> None:
    ranker = Ranker([str(i) for i in range(6)], strategy="elimination", seed=21)
    pair = ranker.next_pair()
    ranker.skip(*pair)
    assert set(ranker.next_pair()) != set(pair)


def test_skips_blocking_everything_still_never_repeat_the_last_pair() -> None:
    ranker = Ranker(["a", "b", "c"], strategy="random", seed=0)
    ranker.skip(*ranker.next_pair())
    ranker.skip(*ranker.next_pair())
    third = ranker.next_pair()
    ranker.vote(*third)
    assert set(ranker.next_pair()) != set(third)


def test_reading_the_ranking_does_not_change_the_question_on_screen() -> None:
    ranker = Ranker(list("abcde"), seed=0)
    for _ in range(5):
        ranker.vote(*ranker.next_pair())
    shown = ranker.next_pair()
    ranker.standings()
    ranker.confidence()
    assert ranker.next_pair() == shown


@pytest.mark.parametrize("seed", range(5))
def test_a_replayed_session_shows_the_pair_on_the_same_sides(seed: int) -> None:
    items = list("abcd")
    live = Ranker(items, seed=seed)
    for _ in range(9):
        live.vote(*live.next_pair())
        live.settle()
    replayed = Ranker.from_votes(items, live.votes, seed=seed)
    live_pair, replayed_pair = live.next_pair(), replayed.next_pair()
    if set(live_pair) == set(replayed_pair):
        assert live_pair == replayed_pair


@pytest.mark.parametrize("n", [25, 101])
def test_with_an_odd_number_of_images_every_one_is_seen_in_the_first_round(n: int) -> None:
    ranker = Ranker([f"{i}" for i in range(n)], seed=3)
    seen = set()
    for _ in range(n // 2 + 1):
        pair = ranker.next_pair()
        seen.update(pair)
        ranker.vote(*pair)
    assert len(seen) == n


@settings(max_examples=300, deadline=None)
@given(
    st.floats(-40, 40),
    st.floats(0.01, 10),
    st.floats(-40, 40),
    st.floats(0.01, 10),
    st.floats(0.5, 6),
)
def test_the_gain_bound_smart_prunes_by_is_never_below_the_gain(
    mu_i: float, sigma_i: float, mu_j: float, sigma_j: float, beta: float
) -> None:
    gain = information_gain(mu_i, sigma_i, mu_j, sigma_j, beta)
    assert gain <= information_gain_bound(sigma_i, sigma_j, beta) * (1 + 1e-9)


@settings(max_examples=100, deadline=None)
@given(st.integers(3, 20), st.integers(0, 2**32), st.integers(0, 2**32))
def test_smart_asks_the_most_valuable_pair_of_neighbours(n: int, state: int, seed: int) -> None:
    """Below Smart's candidate count every item is a candidate, so its pick must be the best
    pair of near neighbours in the current order: pruning by the bound must not lose it."""
    draw = Random(state)
    mu = [draw.uniform(10, 40) for _ in range(n)]
    sigma = [draw.uniform(0.5, 8) for _ in range(n)]
    counts = {frozenset(p): draw.randrange(4) for p in combinations(range(n), 2)}
    beliefs = Beliefs(list(range(n)), mu, sigma, set(), counts, set(), 4.0, [1] * n, [1] * n)
    order = sorted(range(n), key=mu.__getitem__)
    near = [(i, j) for p, i in enumerate(order) for j in order[p + 1 : p + 4]]
    value = {
        frozenset((i, j)): question_value(mu[i], sigma[i], mu[j], sigma[j], 4.0)
        / (1 + counts[frozenset((i, j))])
        for i, j in near
    }
    assert frozenset(Smart().choose(beliefs, Random(seed))) == max(value, key=value.__getitem__)
