"""Uniformly random pairs: the original app's behaviour, kept as the baseline to beat."""

from random import Random

from .base import Beliefs, any_allowed_pair, one_group


class Uniform:
    name = "random"

    def choose(self, beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
        return any_allowed_pair(beliefs, rng)

    def choose_set(self, beliefs: Beliefs, rng: Random, k: int) -> tuple[int, ...] | None:
        if len(beliefs.active) < 2:
            return None
        group = one_group(beliefs, rng).active
        return tuple(rng.sample(group, min(k, len(group))))
