"""What a strategy sees of the ranker, and what it must provide."""

from dataclasses import dataclass, replace
from random import Random
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Beliefs:
    """The ranker's state as a strategy needs it, by item index.

    `active` lists the items that may be asked about; `mu` and `sigma` are the posteriors of
    all items, shared with the ratings (read them, never write); `blocked` holds pairs (as
    frozensets) that must not be asked now: the pair just answered, and pairs recently skipped;
    `uncompared` the active items without a win, loss or draw yet. With groups ("compare
    within each subfolder / prompt"), `group` gives each item's group number and `members`
    the active items of every group that has two or more: pairs never cross groups, and
    items alone in their group are not in `active`.
    """

    active: list[int]
    mu: list[float]
    sigma: list[float]
    uncompared: set[int]
    pair_counts: dict[frozenset[int], int]
    blocked: set[frozenset[int]]
    beta: float
    group: list[int] | None = None
    members: list[list[int]] | None = None

    def same_group(self, i: int, j: int) -> bool:
        return self.group is None or self.group[i] == self.group[j]


class Strategy(Protocol):
    name: str

    def choose(self, beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
        """Two distinct active items to ask about next, or None if no pair is allowed."""
        ...


def one_group(beliefs: Beliefs, rng: Random) -> Beliefs:
    """The beliefs restricted to one group, drawn in proportion to its number of pairs, so
    that a strategy written for a single ranking spreads its questions like uniform pairs
    would across groups. Without groups, the beliefs as they are."""
    if beliefs.members is None:
        return beliefs
    weights = [len(m) * (len(m) - 1) for m in beliefs.members]
    return one_group_of(beliefs, rng.choices(beliefs.members, weights)[0])


def one_group_of(beliefs: Beliefs, members: list[int]) -> Beliefs:
    inside = set(members)
    return replace(
        beliefs, active=members, uncompared=beliefs.uncompared & inside, group=None, members=None
    )


def any_allowed_pair(beliefs: Beliefs, rng: Random) -> tuple[int, int] | None:
    """A uniformly random allowed pair, or None when every pair is blocked."""
    if beliefs.members is not None:
        groups = list(beliefs.members)
        while groups:
            weights = [len(m) * (len(m) - 1) for m in groups]
            chosen = rng.choices(range(len(groups)), weights)[0]
            pair = any_allowed_pair(one_group_of(beliefs, groups[chosen]), rng)
            if pair is not None:
                return pair
            del groups[chosen]
        return None
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
