"""Find the single best item in about N answers, as the original app's sequential elimination
did, but on the joint ratings, so that one unlucky answer does not eliminate the best.

First every item meets another one (a knockout's first round: N/2 answers, and no image goes
unseen). Then double Thompson sampling for dueling bandits (Wu & Liu, 2016): draw a quality
for every item from its posterior and take the best, draw again and take the best other item,
and ask about those two. Items that are surely not the best are drawn as best almost never,
so the answers go to the contenders, in proportion to their chance of being the best.
"""

from random import Random

from .base import Beliefs, any_allowed_pair, one_group

_DRAWS = 8


class Elimination:
    name = "elimination"

    def choose(self, beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
        """With groups, the best of each group: one group at a time, drawn at random."""
        if len(beliefs.active) < 2:
            return None
        beliefs = one_group(beliefs, rng)
        unseen = sorted(beliefs.uncompared)
        if len(unseen) >= 2:
            for _ in range(_DRAWS):
                i, j = rng.sample(unseen, 2)
                if frozenset((i, j)) not in beliefs.blocked:  # e.g. skipped a moment ago
                    return i, j
        for _ in range(_DRAWS):
            best = _sampled_best(beliefs, rng, [])
            other = _sampled_best(beliefs, rng, [best])
            if frozenset((best, other)) not in beliefs.blocked:
                return best, other
        return any_allowed_pair(beliefs, rng)

    def choose_set(self, beliefs: Beliefs, rng: Random, k: int) -> tuple[int, ...] | None:
        """The k items most often drawn as best: the contenders, shown together."""
        if len(beliefs.active) < 2:
            return None
        beliefs = one_group(beliefs, rng)
        chosen: list[int] = []
        while len(chosen) < min(k, len(beliefs.active)):
            chosen.append(_sampled_best(beliefs, rng, chosen))
        return tuple(chosen)


def _sampled_best(beliefs: Beliefs, rng: Random, excluded: list[int]) -> int:
    mu, sigma, gauss = beliefs.mu, beliefs.sigma, rng.gauss
    best, best_draw = -1, float("-inf")
    for i in beliefs.active:
        if i not in excluded:
            draw = mu[i] + sigma[i] * gauss(0.0, 1.0)
            if draw > best_draw:
                best, best_draw = i, draw
    return best
