"""Uniformly random pairs: the original app's behaviour, kept as the baseline to beat."""

from random import Random

from .base import Beliefs, any_allowed_pair


class Uniform:
    name = "random"

    def choose(self, beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
        return any_allowed_pair(beliefs, rng)
