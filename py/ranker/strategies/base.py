"""What a strategy sees of the ranker, and what it must provide."""

from dataclasses import dataclass
from random import Random
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Beliefs:
    """The ranker's state as a strategy needs it, by item index.

    `active` lists the items that may be asked about; `mu` and `sigma` are the posteriors of
    all items, shared with the ratings (read them, never write); `blocked` holds pairs (as
    frozensets) that must not be asked now: the pair just answered, and pairs recently skipped;
    `uncompared` the active items without a win, loss or draw yet.
    """

    active: list[int]
    mu: list[float]
    sigma: list[float]
    uncompared: set[int]
    pair_counts: dict[frozenset[int], int]
    blocked: set[frozenset[int]]
    beta: float


class Strategy(Protocol):
    name: str

    def choose(self, beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
        """Two distinct active items to ask about next, or None if no pair is allowed."""
        ...


def any_allowed_pair(beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
    """A uniformly random allowed pair, or None when every pair is blocked."""
    active = beliefs.active
    n = len(active)
    if n < 2:
        return None
    for _ in range(64):
        i, j = rng.sample(active, 2)
        if frozenset((i, j)) not in beliefs.blocked:
            return i, j
    allowed = [
        (i, j)
        for x, i in enumerate(active)
        for j in active[x + 1 :]
        if frozenset((i, j)) not in beliefs.blocked
    ]
    return rng.choice(allowed) if allowed else None
