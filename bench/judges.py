"""Simulated people for the ranking benchmarks: hidden qualities and noisy answers about them.

A judge looks at images of hidden quality q ~ N(0, 1) and prefers A to B with probability
Phi((qA - qB) / s): Thurstone's case V, where each look at an image adds N(0, s^2 / 2) to its
quality. Choosing the best of k is the same look at k images (the same noise per image), so pair
and set answers come from one model. A lapsing judge answers by a fair coin (a uniformly random
choice among the images shown) some of the time, as a person does who presses the wrong key.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ranker import Vote
from ranker.model import BETA, LAPSE, SIGMA


@dataclass(frozen=True)
class Judge:
    """`noise` is s above; `lapse` the share of answers given at random."""

    name: str
    noise: float
    lapse: float = 0.0

    def best(self, shown: Sequence[str], quality: dict[str, float], rng: random.Random) -> str:
        """The image this judge picks among `shown` (two for a pair question)."""
        if rng.random() < self.lapse:
            return rng.choice(list(shown))
        spread = self.noise / math.sqrt(2.0)
        return max(shown, key=lambda item: quality[item] + rng.gauss(0.0, spread))


JUDGES = {
    "s=0.5": Judge("s=0.5", 0.5),
    "s=1.0": Judge("s=1.0", 1.0),
    "s=0.5+5% random": Judge("s=0.5+5% random", 0.5, 0.05),
}
_MODEL_NOISE = math.sqrt(2.0) * BETA / SIGMA
MODEL_JUDGE = Judge(f"s={_MODEL_NOISE:.2f}+{LAPSE:.0%} random", _MODEL_NOISE, LAPSE)
"""The judge the engine's model assumes (its beta / sigma and lapse rate): against it,
`confidence()` is checked without any error of the model's noise."""


def judge_named(name: str) -> Judge:
    """One of JUDGES, or MODEL_JUDGE, by its name."""
    return MODEL_JUDGE if name == MODEL_JUDGE.name else JUDGES[name]


def hidden_qualities(n: int, rng: random.Random) -> dict[str, float]:
    """N items with qualities ~ N(0, 1), named like files so ids look as they do in the page."""
    return {f"img{i:05d}.jpg": rng.gauss(0.0, 1.0) for i in range(n)}


def kendall_tau(ranking: Sequence[str], quality: dict[str, float]) -> float:
    """Kendall's tau between a ranking (best first) and the hidden qualities, in O(N log N):
    the discordant pairs are the inversions of the qualities read in ranked order (continuous
    qualities have no ties)."""
    values = [quality[item] for item in ranking]
    n = len(values)
    if n < 2:
        return 1.0
    pairs = n * (n - 1) // 2
    return 1.0 - 2.0 * _ascending_pairs(values) / pairs


def _ascending_pairs(values: list[float]) -> int:
    """Pairs i < j with values[i] < values[j] (a best-first list should descend): counted
    while merge-sorting into descending order, bottom up to avoid deep recursion."""
    count = 0
    items = values[:]
    n = len(items)
    width = 1
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
                else:  # right[j] beats every left item still waiting
                    merged.append(right[j])
                    count += len(left) - i
                    j += 1
            merged.extend(left[i:])
            merged.extend(right[j:])
        items = merged
        width *= 2
    return count


def log2_factorial(n: int) -> float:
    """The bits needed to name one order of n items: what any sorter must learn, so no
    strategy can do with fewer noise-free answers."""
    return math.lgamma(n + 1) / math.log(2.0)


def simulated_log(items: list[str], answers: int, judge: str = "s=0.5") -> list[Vote]:
    """A long log to resume: random pairs answered by a simulated judge, one a millisecond."""
    rng = random.Random(1)
    quality = dict(zip(items, hidden_qualities(len(items), random.Random(0)).values(), strict=True))
    person = JUDGES[judge]
    votes = []
    for t in range(answers):
        left, right = rng.sample(items, 2)
        outcome = "left" if person.best((left, right), quality, rng) == left else "right"
        hours, minutes, seconds = t // 3_600_000, t // 60_000 % 60, t // 1000 % 60
        stamp = f"2026-01-01T{hours:02d}:{minutes:02d}:{seconds:02d}.{t % 1000:03d}Z"
        votes.append(Vote(stamp, left, right, outcome, "smart"))
    return votes
