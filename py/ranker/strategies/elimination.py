"""Find the single best item in about N answers, as the original app's sequential elimination
did, but on the joint ratings, so that one unlucky answer does not eliminate the best.

First a knockout: items that have not lost meet others of their round (the same number of
wins), so no image goes unseen and, after N - 1 answers, one item is unbeaten. Then the
leader (the highest posterior mean, the item `ranking()` puts first) meets the challenger
with the largest expected improvement over it, E[max(q_challenger - q_leader, 0)] under the
two posteriors (Jones et al., 1998): an item knocked out by an unlucky answer comes back while
its posterior still allows it to be better, and the answers go where the item on top is in
doubt. Best of k runs the same knockout in sets of k (each answer knocks out k - 1), then
shows the leader beside the k - 1 largest challengers.

The rule after the knockout was chosen over double Thompson sampling for dueling bandits
(Wu & Liu, 2016) and the other candidates by `bench ranking`'s runs; how often it finds the
best is in README's table from that benchmark, not here (figures in docstrings go stale).
"""

import heapq
import math
from random import Random

from .. import normal
from .base import Beliefs, any_allowed_pair, one_group

_DRAWS = 8


class Elimination:
    name = "elimination"

    def choose(self, beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
        """With groups, the best of each group: one group at a time, drawn at random."""
        if len(beliefs.active) < 2:
            return None
        beliefs = one_group(beliefs, rng)
        pair = _knockout_pair(beliefs, rng)
        if pair is not None:
            return pair
        leader, challengers = _leader_and_challengers(beliefs, rng, _DRAWS)
        for challenger in challengers:
            if frozenset((leader, challenger)) not in beliefs.blocked:
                return leader, challenger
        return any_allowed_pair(beliefs, rng)

    def choose_set(self, beliefs: Beliefs, rng: Random, k: int) -> tuple[int, ...] | None:
        """The knockout in sets of k, then the leader and the k - 1 challengers most likely to
        improve on it, leaving out those it was just shown with (a set skipped a moment ago
        does not come straight back) while others are left."""
        if len(beliefs.active) < 2:
            return None
        beliefs = one_group(beliefs, rng)
        knockout = _knockout_set(beliefs, rng, k)
        if knockout is not None:
            return knockout
        blocked = beliefs.blocked
        leader, challengers = _leader_and_challengers(beliefs, rng, k - 1 + len(blocked))
        fresh = [c for c in challengers if frozenset((leader, c)) not in blocked]
        chosen = fresh[: k - 1]
        chosen += [c for c in challengers if c not in chosen][: k - 1 - len(chosen)]
        return (leader, *chosen)


def _knockout_pair(beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
    """Two unbeaten items of the lowest round (one with a bye meets the next round), or None
    once at most one item is unbeaten."""
    wins = beliefs.wins
    drawn = _unbeaten(beliefs)
    if drawn is None:
        return None
    unbeaten = drawn[0]
    lowest = min(wins[i] for i in unbeaten)
    round_ = [i for i in unbeaten if wins[i] == lowest]
    opponents = round_ if len(round_) >= 2 else unbeaten
    for _ in range(_DRAWS):
        i = rng.choice(round_)
        j = rng.choice(opponents)
        if i != j and frozenset((i, j)) not in beliefs.blocked:  # e.g. skipped a moment ago
            return i, j
    return None


def _unbeaten(beliefs: Beliefs) -> tuple[list[int], list[int]] | None:
    """The items without a loss, as those to draw from and those held back, or None once at
    most one is left. The items of a question just answered or skipped are held back while two
    others remain: the answer decides whether they go on, so holding them back lets the next
    question be drawn alike before and after it (the page decodes the images of `likely_next`
    ahead)."""
    unbeaten = [i for i in beliefs.active if not beliefs.losses[i]]
    if len(unbeaten) < 2:
        return None
    shown = {i for pair in beliefs.blocked for i in pair}
    fresh = [i for i in unbeaten if i not in shown]
    if len(fresh) < 2:
        return unbeaten, []
    return fresh, [i for i in unbeaten if i in shown]


def _knockout_set(beliefs: Beliefs, rng: Random, k: int) -> tuple[int, ...] | None:
    """k unbeaten items of the lowest round, filled up from the next rounds when it has
    fewer, then with those held back, then with the beaten items of the highest means; None
    once at most one item is unbeaten. Sets holding a pair just answered or skipped are drawn again
    a few times, then left to the challengers' rule."""
    wins = beliefs.wins
    drawn = _unbeaten(beliefs)
    if drawn is None:
        return None
    unbeaten, held = drawn
    unbeaten.sort(key=wins.__getitem__)
    lowest = wins[unbeaten[0]]
    round_ = [i for i in unbeaten if wins[i] == lowest]
    later = unbeaten[len(round_) :]
    beaten = [i for i in beliefs.active if beliefs.losses[i]]
    for _ in range(_DRAWS):
        chosen = rng.sample(round_, min(k, len(round_)))
        chosen += (later + held)[: k - len(chosen)]
        chosen += heapq.nlargest(k - len(chosen), beaten, key=beliefs.mu.__getitem__)
        if len(chosen) >= 2 and not any(
            frozenset((a, b)) in beliefs.blocked
            for x, a in enumerate(chosen)
            for b in chosen[x + 1 :]
        ):
            return tuple(chosen)
    return None


def _leader_and_challengers(beliefs: Beliefs, rng: Random, count: int) -> tuple[int, list[int]]:
    """The item of the highest mean and up to `count` others, largest expected improvement
    over it first. The items are visited from a random start, so that ties (every item
    before the first answer of a best-of-k question) do not favour the folder's order."""
    active, mu, sigma = beliefs.active, beliefs.mu, beliefs.sigma
    start = rng.randrange(len(active))
    rotated = active[start:] + active[:start]
    leader = max(rotated, key=mu.__getitem__)
    top, spread = mu[leader], sigma[leader] ** 2
    others = (i for i in rotated if i != leader)
    challengers = heapq.nlargest(
        count, others, key=lambda i: expected_improvement(mu[i] - top, spread + sigma[i] ** 2)
    )
    return leader, challengers


def expected_improvement(mean: float, variance: float) -> float:
    """E[max(X, 0)] for X ~ N(mean, variance): how much a challenger is expected to be better
    than the leader, which weighs both its chance of being better and how little is known."""
    sd = math.sqrt(variance)
    z = mean / sd
    return sd * (z * normal.cdf(z) + normal.pdf(z))
