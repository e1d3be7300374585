"""Simulated people for the ranking benchmarks: hidden qualities and noisy answers about them.

A judge looks at images of hidden quality q ~ N(0, 1) and prefers A to B with probability
Phi((qA - qB) / s): Thurstone's case V, where each look at an image adds N(0, s^2 / 2) to its
quality. Choosing the best of k is the same look at k images (the same noise per image), so pair
and set answers come from one model. A lapsing judge answers at random some of the time.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Judge:
    """`noise` is s above; `lapse` the share of answers given at random."""

    name: str
    noise: float
    lapse: float = 0.0

    def best(self, shown: Sequence[str], quality: dict[str, float], rng: random.Random) -> str:
        if rng.random() < self.lapse:
            return rng.choice(list(shown))
        spread = self.noise / math.sqrt(2.0)
        return max(shown, key=lambda item: quality[item] + rng.gauss(0.0, spread))


JUDGES = {
    "s=0.5": Judge("s=0.5", 0.5),
    "s=1.0": Judge("s=1.0", 1.0),
    "s=0.5+5% random": Judge("s=0.5+5% random", 0.5, 0.05),
}


def hidden_qualities(n: int, rng: random.Random) -> dict[str, float]:
    return {f"img{i:05d}.jpg": rng.gauss(0.0, 1.0) for i in range(n)}


def kendall_tau(ranking: Sequence[str], quality: dict[str, float]) -> float:
    """Kendall's tau between a ranking (best first) and the hidden qualities, in O(N log N):
    the discordant pairs are the inversions of the qualities read in ranked order."""
    values = [quality[item] for item in ranking]
    n = len(values)
    if n < 2:
        return 1.0
    discordant = _inversions_ascending(values)
    pairs = n * (n - 1) // 2
    return 1.0 - 2.0 * discordant / pairs


def _inversions_ascending(values: list[float]) -> int:
    """Pairs i < j with values[i] < values[j] (a best-first list should be descending)."""
    count = 0
    width = 1
    items = values[:]
    n = len(items)
    while width < n:
        merged: list[float] = []
        for start in range(0, n, 2 * width):
            left = items[start : start + width]
            right = items[start + width : start + 2 * width]
            i = j = 0
            while i < len(left) and j < len(right):
                if left[i] >= right[j]:
                    merged.append(left[i])
                    i += 1
                else:
                    merged.append(right[j])
                    count += len(left) - i
                    j += 1
            merged.extend(left[i:])
            merged.extend(right[j:])
        items = merged
        width *= 2
    return count


def log2_factorial(n: int) -> float:
    """The bits needed to name one order of n items: what any sorter must learn."""
    return math.lgamma(n + 1) / math.log(2.0)
