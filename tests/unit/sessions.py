"""Simulated people answering the engine's questions, and comparisons of what two rankers
hold, shared by the engine's tests."""

import math
import random
from collections.abc import Sequence

import pytest

from ranker import Ranker, Standing


def hidden_qualities(items: Sequence[str], rng: random.Random) -> dict[str, float]:
    """Each item's true quality, ~ N(0, 1), as the benchmark's judges see them."""
    return {item: rng.gauss(0.0, 1.0) for item in items}


def prefers_left(quality: dict[str, float], left: str, right: str, noise: float) -> float:
    """Thurstone's case V: the chance that a judge with this noise prefers `left`."""
    return 0.5 * (1.0 + math.erf((quality[left] - quality[right]) / noise / math.sqrt(2.0)))


def answer(
    ranker: Ranker,
    quality: dict[str, float],
    rng: random.Random,
    count: int,
    noise: float = 0.5,
) -> None:
    """Answers `count` of the ranker's questions as a noisy judge of `quality` would."""
    for _ in range(count):
        left, right = ranker.next_pair()
        if rng.random() < prefers_left(quality, left, right, noise):
            ranker.vote(left, right)
        else:
            ranker.vote(right, left)


def assert_same_standings(
    first: Sequence[Standing], second: Sequence[Standing], tolerance: float = 1e-6
) -> None:
    """Same items in the same order with the same tallies, and posteriors within `tolerance`."""
    assert [s.id for s in first] == [s.id for s in second]
    for a, b in zip(first, second, strict=True):
        assert (a.rank, a.comparisons, a.wins, a.losses, a.draws) == (
            b.rank,
            b.comparisons,
            b.wins,
            b.losses,
            b.draws,
        ), a.id
        assert a.mu == pytest.approx(b.mu, abs=tolerance), a.id
        assert a.sigma == pytest.approx(b.sigma, abs=tolerance), a.id


def play(ranker, rng, count: int) -> None:
    """A judge who votes either way, draws, skips and changes their mind now and then."""
    in_force = 0
    for _ in range(count):
        left, right = ranker.next_pair()
        roll = rng.random()
        if roll < 0.1 and in_force:
            ranker.undo()
            in_force -= 1
            continue
        if roll < 0.2:
            ranker.draw(left, right)
        elif roll < 0.3:
            ranker.skip(left, right)
        elif roll < 0.65:
            ranker.vote(left, right)
        else:
            ranker.vote(right, left)
        in_force += 1
