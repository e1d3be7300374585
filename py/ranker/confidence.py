"""How settled a ranking is, in the unit the person cares about: the expected Kendall tau
between the current order and the true one, under the engine's own posterior.

For two items ranked a above b, the posterior probability that the truth agrees is
Phi((mu_a - mu_b) / sqrt(sigma_a^2 + sigma_b^2)), and a pair adds +1 to tau when the truth
agrees and -1 when it does not, so E[tau] is the mean of 2 P - 1 over all pairs.
"""

import math
from random import Random

_EXACT_PAIRS = 20_000
_SAMPLED_PAIRS = 5_000
_FAR = 8.0  # pairs further apart than this many combined sigmas agree with certainty


def expected_kendall_tau(mu: list[float], sigma: list[float], rng: Random) -> float:
    """E[tau] over the items given by the parallel lists. Exact while the pairs that are not
    certain fit a budget, else estimated from a fixed number of random pairs (standard error
    under 0.01), which keeps it cheap at 10,000 items. The page reads it after every answer, a
    Pyodide task of its own: pairs are counted before any is scored, and each costs one
    `math.erf` (2 Phi(x) - 1 = erf(x / sqrt 2))."""
    n = len(mu)
    if n < 2:
        return 1.0
    order = sorted(range(n), key=mu.__getitem__)
    ms = [mu[i] for i in order]
    vs = [2.0 * sigma[i] * sigma[i] for i in order]
    reach = _FAR * math.sqrt(2.0) * max(sigma)
    total_pairs = n * (n - 1) // 2
    banded = _band(ms, reach, _EXACT_PAIRS)
    erf, sqrt = math.erf, math.sqrt
    if banded is not None:
        ends, band = banded
        uncertain = sum(
            erf((ms[j] - m) / sqrt(v + vs[j]))
            for i, (m, v, end) in enumerate(zip(ms, vs, ends, strict=True))
            for j in range(i + 1, end)
        )
        return (uncertain + (total_pairs - band)) / total_pairs
    total = 0.0
    for _ in range(_SAMPLED_PAIRS):
        i, j = _distinct_pair(rng, n)
        total += erf((ms[j] - ms[i]) / sqrt(vs[i] + vs[j]))
    return total / _SAMPLED_PAIRS


def _band(ms: list[float], reach: float, budget: int) -> tuple[list[int], int] | None:
    """For each i in sorted order, the first j > i whose mean is `reach` or more above it, and
    the number of pairs within reach; None once those are over `budget`, which a large
    folder's first few items already show (at 10,000 items, counting them all was a fifth of
    the cost)."""
    ends = []
    n = len(ms)
    j = band = 0
    for i in range(n):
        j = max(j, i + 1)
        while j < n and ms[j] - ms[i] < reach:
            j += 1
        ends.append(j)
        band += j - i - 1
        if band > budget:
            return None
    return ends, band


def _distinct_pair(rng: Random, n: int) -> tuple[int, int]:
    """Two distinct indices below n, smaller first, uniformly: the draws of
    `rng.sample(range(n), 2)` (for n over 21) at a quarter of its cost."""
    i = rng.randrange(n)
    j = rng.randrange(n)
    while j == i:
        j = rng.randrange(n)
    return (i, j) if i < j else (j, i)


def answers_to_go(confidence: float, answers: int, items: int, target: float = 0.9) -> int:
    """A rough count of further answers until E[tau] reaches `target`.

    In simulation (smart strategy, 20 to 1,000 items, judges noisier and less noisy than the
    model assumes) 1 - confidence falls like (answers per item) ** -0.65 from the second round
    on, so the answers per item needed are today's times ((1 - confidence) / (1 - target)) to
    the power 1 / 0.65. In the first two rounds (the first answer per item moves confidence
    most) the typical count is assumed: to 0.9 it grows with the number of items and levels
    off, from about 13 answers per item at 20 items to 18 at 1,000 (19 - 26 / sqrt(N)).
    `python build.py bench to_go` measures how far the estimate is from the answers a
    simulated judge then needs.
    """
    if items < 2 or confidence >= target:
        return 0
    per_item = answers / items
    if per_item < FIRST_ROUNDS:
        typical = _TYPICAL_LIMIT - _TYPICAL_SMALL / math.sqrt(items)
        needed = typical * (0.1 / (1.0 - target)) ** (1.0 / _DECAY)
    else:
        needed = per_item * ((1.0 - confidence) / (1.0 - target)) ** (1.0 / _DECAY)
    return max(1, math.ceil(items * needed - answers))


_DECAY = 0.65
_TYPICAL_LIMIT = 19.0
_TYPICAL_SMALL = 26.0
FIRST_ROUNDS = 2.0  # answers per item before the count to go follows the judge
