"""Each judge's reliability, fitted from the answers with the item scores (Crowd-BT).

Crowd-BT (Chen, Bennett, Collins-Thompson & Horvitz, 2013) gives each judge a probability eta
of answering by the true order of two images, and of answering the reverse otherwise. The
model's likelihood of an answer "a beat b" is then eta P + (1 - eta) (1 - P), P being the
chance that a is truly better as the item scores say: the model's lapse mixture with lapse
2 (1 - eta) (see `model`), so a reliability is applied as each of the judge's answers' lapse.

eta is fitted by expectation maximisation against the joint estimate: the E step weighs how
likely each answer is to follow the true order, given the scores of its two items without
that answer (the EP cavity, so an answer does not vouch for itself); the M step is the share
of them, shrunk towards a prior of a careful judge while the judge has few answers. The caller
alternates this with re-settling the joint estimate. A judge who answers at random comes out
near 1/2 and their answers stop moving the scores. Answers about sets of images and draws keep
the judge's lapse but are not evidence here (the pair answers are; a set's first row is).
"""

import math
from collections.abc import Iterable, Mapping

from . import normal
from .model import WIN, JointRatings

PRIOR_ETA = 0.95
PRIOR_WEIGHT = 10.0
"""A new judge counts as this many answers of a careful judge (eta 0.95)."""
ETA_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99)
"""Reliabilities applied, the nearest to the fitted one: the lapses change rarely (each change
puts the judge's answers' messages out of date), and only when the fit moves noticeably."""
_ITERATIONS = 20
_TOLERANCE = 1e-4


def fit(ratings: JointRatings, factors: Mapping[str, Iterable[int]]) -> dict[str, float]:
    """Every judge's eta (0.5 to 1), from their pair answers' `factors` in `ratings`. Each
    starts from the prior, so that the fit depends on the ratings alone, not on earlier fits
    (the log-likelihood is concave in eta: one maximum). O(answers) a step, a few steps."""
    evidence = {judge: _agreement_chances(ratings, ks) for judge, ks in factors.items()}
    etas = {}
    for judge, chances in evidence.items():
        eta = PRIOR_ETA
        for _ in range(_ITERATIONS):
            follows = 0.0
            for p in chances:
                agree = eta * p
                follows += agree / (agree + (1.0 - eta) * (1.0 - p))
            new = (follows + PRIOR_ETA * PRIOR_WEIGHT) / (len(chances) + PRIOR_WEIGHT)
            new = max(0.5, min(new, 1.0))
            done = abs(new - eta) < _TOLERANCE
            eta = new
            if done:
                break
        etas[judge] = eta
    return etas


def on_grid(eta: float) -> float:
    return min(ETA_GRID, key=lambda g: abs(g - eta))


def lapse_of(eta: float, floor: float) -> float:
    """The lapse rate that applies reliability eta: 2 (1 - eta), never below the model's own."""
    return max(floor, 2.0 * (1.0 - eta))


def _agreement_chances(ratings: JointRatings, factors: Iterable[int]) -> list[float]:
    """For each decisive pair answer, the chance that its winner is truly the better, from its
    items' posteriors without it, clipped away from 0 and 1 so that no answer decides alone."""
    chances = []
    pi, tau, spa, sta, spb, stb = (
        ratings.pi,
        ratings.tau,
        ratings.spa,
        ratings.sta,
        ratings.spb,
        ratings.stb,
    )
    two_beta2 = 2.0 * ratings.model.beta * ratings.model.beta
    for k in factors:
        if not ratings.active[k] or ratings.kind[k] != WIN or k in ratings.members:
            continue
        a, b = ratings.fa[k], ratings.fb[k]
        pa, pb = pi[a] - spa[k], pi[b] - spb[k]
        if pa <= 0.0 or pb <= 0.0:
            continue
        ma, mb = (tau[a] - sta[k]) / pa, (tau[b] - stb[k]) / pb
        p = normal.cdf((ma - mb) / math.sqrt(two_beta2 + 1.0 / pa + 1.0 / pb))
        chances.append(min(max(p, 0.01), 0.99))
    return chances
