"""Ask the pair whose answer is expected to teach the most.

The value of a question is its expected information gain (the expected drop in the entropy of
the two items' Gaussian posteriors after TrueSkill's update, averaged over both answers with
the model's own win probability; MacKay, 1992) weighted by how likely the two are to be in the
wrong order now, squared. Information gain alone spreads answers evenly over all items; the
ranking's quality (Kendall tau) is lost only where neighbours may be swapped, so the weight
moves answers to the crowded, still-uncertain stretches of the order. In simulation the weight
saves about a fifth of the answers to tau 0.9 at N = 50 (median 472 -> 378 over 8 seeds).

Scoring every pair costs N^2/2, so only promising ones are scored: the items with the widest
posteriors (uncompared items first, so every item is compared early on) and a random sample for
coverage, each against its neighbours in the current order. Of those pairs, only the ones whose
cheap upper bound (the information gain at equal means, where it peaks) could still beat the
best found so far are scored in full: the same pair in about a third of the time. With groups,
the neighbours are taken within the item's group, and the values of all groups compete, so
answers go to the groups where they help most.
"""

import heapq
import math
from itertools import islice
from random import Random

from .. import normal
from .base import Beliefs, any_allowed_pair, grow_set

_WIDEST = 24
_SAMPLED = 24
_NEIGHBOURS = 3
_W_EQUAL = 2.0 / math.pi  # TrueSkill's w(0): the variance factor of an even match
_SLACK = 1.0 + 1e-9  # rounding room for the bound


def information_gain(
    mu_i: float, sigma_i: float, mu_j: float, sigma_j: float, beta: float
) -> float:
    """Expected entropy reduction (nats) of the two marginals from one answer about i and j."""
    vi, vj = sigma_i * sigma_i, sigma_j * sigma_j
    c2 = 2.0 * beta * beta + vi + vj
    c = math.sqrt(c2)
    x = (mu_i - mu_j) / c
    p = normal.cdf(x)
    gain = 0.0
    for prob, t in ((p, x), (1.0 - p, -x)):
        if prob <= 0.0:
            continue
        v = normal.pdf(t) / max(normal.cdf(t), 1e-300)
        w = min(v * (v + t), 1.0 - 1e-12)
        gain -= prob * 0.5 * (math.log1p(-vi * w / c2) + math.log1p(-vj * w / c2))
    return gain


def misorder(mu_i: float, sigma_i: float, mu_j: float, sigma_j: float) -> float:
    """The probability that i and j are in the wrong order now, doubled to span 0 to 1."""
    return 2.0 * normal.cdf(-abs(mu_i - mu_j) / math.sqrt(sigma_i * sigma_i + sigma_j * sigma_j))


def question_value(mu_i: float, sigma_i: float, mu_j: float, sigma_j: float, beta: float) -> float:
    """Information gain weighted by the squared probability that i and j are misordered."""
    m = misorder(mu_i, sigma_i, mu_j, sigma_j)
    return information_gain(mu_i, sigma_i, mu_j, sigma_j, beta) * m * m


def information_gain_bound(sigma_i: float, sigma_j: float, beta: float) -> float:
    """The information gain of i and j were their means equal, where it peaks: a cheap upper
    bound (no Gaussian cdf) that lets `Smart` skip most pairs without scoring them."""
    vi, vj = sigma_i * sigma_i, sigma_j * sigma_j
    c2 = 2.0 * beta * beta + vi + vj
    return -0.5 * (math.log1p(-vi * _W_EQUAL / c2) + math.log1p(-vj * _W_EQUAL / c2))


class Smart:
    name = "smart"

    def choose(self, beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
        active = beliefs.active
        n = len(active)
        if n < 2:
            return None
        mu, sigma, blocked, counts = beliefs.mu, beliefs.sigma, beliefs.blocked, beliefs.pair_counts
        beta = beliefs.beta
        start = rng.randrange(n)
        rotated = active[start:] + active[:start]
        group = beliefs.group
        if group is None:
            order = sorted(rotated, key=mu.__getitem__)
        else:  # each group's items side by side, so neighbours are of the same group
            order = sorted(rotated, key=lambda i: (group[i], mu[i]))
        position = dict(zip(order, range(n)))
        uncompared = beliefs.uncompared
        unseen = (
            set(islice(filter(uncompared.__contains__, rotated), _WIDEST)) if uncompared else set()
        )
        if unseen:  # every image is compared once before any pair is asked twice over
            candidates = unseen
        else:
            candidates = set(heapq.nlargest(_WIDEST, rotated, key=sigma.__getitem__))
            candidates.update(rng.sample(active, min(_SAMPLED, n)))
        # bound, order of finding (the first of equal values wins), i, j, misorder, count
        pairs: list[tuple[float, int, int, int, float, int]] = []
        for i in sorted(candidates, key=position.__getitem__):
            p = position[i]
            for q in range(max(0, p - _NEIGHBOURS), min(n, p + _NEIGHBOURS + 1)):
                j = order[q]
                if j == i or not beliefs.same_group(i, j):
                    continue
                pair = frozenset((i, j))
                if pair in blocked:
                    continue
                m = misorder(mu[i], sigma[i], mu[j], sigma[j])
                count = 1 + counts.get(pair, 0)
                bound = information_gain_bound(sigma[i], sigma[j], beta) * m * m / count
                pairs.append((-bound, len(pairs), i, j, m, count))
        pairs.sort()
        best, best_gain, best_found = None, -1.0, 0
        for negative_bound, found, i, j, m, count in pairs:
            if -negative_bound * _SLACK < best_gain:
                break  # no pair left can beat or tie the best
            gain = information_gain(mu[i], sigma[i], mu[j], sigma[j], beta) * m * m / count
            if gain > best_gain or (gain == best_gain and found < best_found):
                best, best_gain, best_found = (i, j), gain, found
        return best if best is not None else any_allowed_pair(beliefs, rng)

    def choose_set(self, beliefs: Beliefs, rng: Random, k: int) -> tuple[int, ...] | None:
        """The best pair, then the items whose pairs with those already chosen are worth
        most: a set answer tells about every pair in it."""
        mu, sigma, beta = beliefs.mu, beliefs.sigma, beliefs.beta
        return grow_set(
            beliefs,
            self.choose(beliefs, rng),
            k,
            lambda i, j: question_value(mu[i], sigma[i], mu[j], sigma[j], beta),
        )
