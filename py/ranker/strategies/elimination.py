"""Find the single best item in about N answers, as the original app's sequential elimination
did, but on the joint ratings so that a single unlucky answer does not eliminate the best.

Each question pits the two items with the highest upper confidence bound (mu + 2 sigma)
against each other (the idea of RUCB, Zoghi et al., 2014): the current leader meets the
strongest challenger not yet ruled out, and uncompared items, whose bound is widest, are
brought in until they lose. Items far below the leader are never asked about again.
"""

from random import Random

from .base import Beliefs, any_allowed_pair

_WIDTH = 2.0


class Elimination:
    name = "elimination"

    def choose(self, beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
        active = beliefs.active
        n = len(active)
        if n < 2:
            return None
        mu, sigma, blocked = beliefs.mu, beliefs.sigma, beliefs.blocked
        start = rng.randrange(n)
        by_bound = sorted(
            active[start:] + active[:start], key=lambda i: mu[i] + _WIDTH * sigma[i], reverse=True
        )
        top = by_bound[: min(n, 8)]
        for x, i in enumerate(top):
            for j in top[x + 1 :]:
                if frozenset((i, j)) not in blocked:
                    return i, j
        return any_allowed_pair(beliefs, rng)
